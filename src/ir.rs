//! The compiled form: a tree of nodes in which every name is already resolved
//! to a slot, a context variable index or a function id. The compiler builds
//! it, the evaluator (and its constant folding) walks it; neither depends on
//! the other through it.

use std::sync::Arc;

use crate::builtins::FnId;
use crate::error::Error;
use crate::span::Span;
pub use crate::syntax::ast::{BinaryOp, UnaryOp};
use crate::value::Value;

/// Where a local lives: the static nesting level of its function (0 = top level)
/// and its slot in that level's frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub level: u16,
    pub index: u16,
}

/// One compiled expression node. 32 bytes (pinned by a test).
#[derive(Clone, Debug)]
pub enum Node {
    Const(Value),
    /// A context variable, by its index in the unit's variable table.
    Global(u32),
    Local(Slot),
    /// `@` outside any filter: the host's current value.
    Current,
    List(Box<[Node]>),
    Object(Box<[(Key, Node)]>),
    /// An interpolated string: the parts' renderings joined.
    Interp(Box<[Node]>),
    Unary(UnaryOp, Box<Node>, Span),
    /// A strict binary operator: arithmetic, comparison or `XOR`. The lazy
    /// ones (`AND`, `OR`, `??`) have nodes of their own.
    Binary(BinaryOp, Box<(Node, Node)>, Span),
    And(Box<(Node, Node)>),
    Or(Box<(Node, Node)>),
    Coalesce(Box<(Node, Node)>),
    /// `IF(c1, v1, c2, v2, ..., [else])`: lazy.
    If(Box<[Node]>),
    /// `TRY(expr, fallback)`: `error` is bound to the slot inside the fallback.
    Try(Box<(Node, Node, Slot)>),
    Call(Box<Call>),
    CallUser(Box<CallUser>),
    /// Arguments are evaluated, then the error (a wrong argument count) is raised.
    Fail(Box<(Box<[Node]>, Error)>),
    Field(Box<Node>, Arc<str>),
    /// `.a.b.c`: several name steps, walked by reference.
    FieldPath(Box<(Node, Box<[Arc<str>]>)>),
    Index(Box<(Node, Node)>),
    Slice(Box<(Node, Option<Node>, Option<Node>)>),
    Wildcard(Box<Node>),
    Filter(Box<Filter>),
    /// `LET` value bindings: store each value, then evaluate the body.
    Let(Box<Let>),
    Query(Box<Query>),
}

#[derive(Clone, Debug)]
pub enum Key {
    Text(Arc<str>),
    Interp(Node),
}

#[derive(Clone, Debug)]
pub struct Call {
    pub id: FnId,
    pub args: Box<[Node]>,
    pub span: Span,
    pub arg_spans: Box<[Span]>,
}

#[derive(Clone, Debug)]
pub struct CallUser {
    pub func: u32,
    pub args: Box<[Node]>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Filter {
    pub base: Node,
    pub item: Slot,
    pub cond: Node,
}

#[derive(Clone, Debug)]
pub struct Let {
    pub bindings: Box<[(Slot, Node)]>,
    /// Shared, so that the function table is cheap to copy (the REPL keeps one).
    pub body: Arc<Node>,
}

#[derive(Clone, Debug)]
pub struct Query {
    pub item: Slot,
    pub index: Option<Slot>,
    pub collection: Option<Slot>,
    pub source: Node,
    pub filter: Option<Node>,
    pub order_by: Option<(Node, bool)>,
    pub limit: Option<(Node, Span)>,
    pub offset: Option<(Node, Span)>,
    pub select: Select,
    pub source_span: Span,
    /// The whole query.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Select {
    Item,
    Value { distinct: bool, node: Node },
    KeyValue { key: Key, value: Node },
}

/// A user-defined function.
#[derive(Clone, Debug)]
pub struct UserFn {
    pub name: Arc<str>,
    /// The level the function was defined at; its body runs at `level + 1`.
    pub level: u16,
    pub params: u16,
    /// Slots the body's frame needs (parameters first).
    pub frame: u16,
    /// Shared, so that the function table is cheap to copy (the REPL keeps one).
    pub body: Arc<Node>,
}

/// One item of a compiled program.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// A top-level declaration: store values in top-level slots.
    Declare(Box<[(Slot, Node)]>),
    /// An expression whose value the program prints.
    Eval(Node, Span),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Node>(), 32);
    }
}
