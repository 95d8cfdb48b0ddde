//! Constant folding: work whose operands are all constants is done once, at
//! compile time — but only pure, non-volatile, session-independent work, and
//! never when it fails (the error is raised at run time, where TRY can see it).
//!
//! The compiler calls these as it builds each node. Folding is evaluation done
//! early, so it belongs to the evaluator: the compiler depends on `eval`, and
//! `eval` knows nothing of the compiler.

use crate::builtins;
use crate::ir::{Call, Key, Node};
use crate::limits::Limits;
use crate::value::{ObjectMap, Value};

fn is_const(n: &Node) -> bool {
    matches!(n, Node::Const(_))
}

/// Constants heavier than this (written out) are left to run time: the
/// compiled program stays small, and the work is counted against the limits
/// of the evaluation that asks for it (`RANGE(1, 1e7)` is 10 million items).
const MAX_FOLDED_WEIGHT: u64 = 64 << 10;

/// The limits folding works under: the engine's, and no more than a small
/// budget of its own. Folding is an optimisation: work that would take long
/// or build much is left to run time, under the limits of the evaluation
/// that asks for it.
pub fn limits(engine: &Limits) -> Limits {
    Limits {
        max_steps: engine.max_steps.min(100_000),
        max_time: Some(
            engine
                .max_time
                .unwrap_or(std::time::Duration::MAX)
                .min(std::time::Duration::from_millis(50)),
        ),
        max_memory: engine.max_memory.min(1 << 20),
        ..engine.clone()
    }
}

/// Evaluates `node` now if that is safe; otherwise returns it unchanged.
fn try_fold(node: Node, limits: &Limits) -> Node {
    match super::eval_const(&node, limits) {
        Ok(v) if v.weight() <= MAX_FOLDED_WEIGHT => Node::Const(v),
        _ => node,
    }
}

pub fn node(node: Node, limits: &Limits) -> Node {
    let foldable = match &node {
        Node::Unary(_, a, _) => is_const(a),
        Node::Binary(_, p, _) | Node::And(p) | Node::Or(p) | Node::Coalesce(p) => {
            is_const(&p.0) && is_const(&p.1)
        }
        _ => false,
    };
    if foldable {
        try_fold(node, limits)
    } else {
        node
    }
}

/// Values whose rendering depends on the session (a Currency's locale, a zone).
fn renders_with_session(n: &Node) -> bool {
    matches!(
        n,
        Node::Const(Value::Currency(_) | Value::DateTime(_) | Value::List(_) | Value::Object(_))
    )
}

pub fn list(items: Vec<Node>) -> Node {
    if items.iter().all(is_const) {
        let values = items
            .into_iter()
            .map(|n| match n {
                Node::Const(v) => v,
                _ => Value::Null,
            })
            .collect();
        Node::Const(Value::list(values))
    } else {
        Node::List(items.into())
    }
}

pub fn object(members: Vec<(Key, Node)>) -> Node {
    if members
        .iter()
        .all(|(k, v)| matches!(k, Key::Text(_)) && is_const(v))
    {
        let mut map = ObjectMap::default();
        for (k, v) in members {
            if let (Key::Text(k), Node::Const(v)) = (k, v) {
                map.insert(k, v);
            }
        }
        Node::Const(Value::object(map))
    } else {
        Node::Object(members.into())
    }
}

pub fn interp(parts: Vec<Node>, limits: &Limits) -> Node {
    let plain = parts.iter().all(|p| {
        matches!(
            p,
            Node::Const(Value::Text(_) | Value::Number(_) | Value::Bool(_) | Value::Null)
        )
    });
    let node = Node::Interp(parts.into());
    if plain {
        try_fold(node, limits)
    } else {
        node
    }
}

/// `IF` with a constant first condition picks its branch now.
pub fn if_node(args: Vec<Node>) -> Node {
    if args.len() <= 3 {
        if let Some(Node::Const(c)) = args.first() {
            let truthy = c.is_truthy();
            let mut it = args.into_iter().skip(1);
            let then = it.next().unwrap_or(Node::Const(Value::Null));
            let other = it.next().unwrap_or(Node::Const(Value::Null));
            return if truthy { then } else { other };
        }
    }
    Node::If(args.into())
}

pub fn call(call: Call, limits: &Limits) -> Node {
    let spec = builtins::spec(call.id);
    let node_args_const = call
        .args
        .iter()
        .all(|a| is_const(a) && !renders_with_session(a));
    let node = Node::Call(Box::new(call));
    if spec.foldable() && node_args_const {
        try_fold(node, limits)
    } else {
        node
    }
}
