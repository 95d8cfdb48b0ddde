//! A compiled expression: its code (a shared `Unit`) and a session.

use std::sync::Arc;

use super::context::{Context, Vars};
use super::Engine;
use crate::compile::Compiler;
use crate::error::Result;
use crate::eval::{Limits, Machine};
use crate::ir::{Node, UserFn};
use crate::session::Session;
use crate::value::Value;

/// Compiled code with everything it needs to run; shared by `Arc`.
#[derive(Debug)]
struct Unit {
    node: Node,
    functions: Vec<UserFn>,
    globals: Vec<Arc<str>>,
    root_frame: usize,
    limits: Limits,
    /// False for short sources without functions: they cannot nest deeply
    /// enough to need the stack check (about 256 bytes of source at most).
    deep: bool,
}

/// Sources up to this length nest too shallowly to threaten any thread's stack.
const SHALLOW_SOURCE: usize = 256;

impl Unit {
    fn bind(&self, ctx: &Context) -> Vars {
        Vars(ctx.values_of(&self.globals))
    }

    fn run(&self, vars: &Vars, session: &Session) -> Result<Value> {
        let root = if self.root_frame == 0 {
            Vec::new()
        } else {
            vec![Value::Null; self.root_frame]
        };
        let mut m = Machine::new(&vars.0, &self.functions, session, &self.limits, root);
        if self.deep {
            // Deeply nested code recurses: make sure the stack has room, whatever thread we are on.
            crate::stack::guard(|| m.eval(&self.node))
        } else {
            m.eval(&self.node)
        }
    }
}

/// A compiled expression. Cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Expression {
    unit: Arc<Unit>,
    pub(super) session: Arc<Session>,
}

impl Expression {
    /// Wraps what `c` compiled (`node` from a source of `src_len` bytes) with
    /// the engine's limits and session.
    pub(super) fn new(engine: &Engine, c: Compiler, node: Node, src_len: usize) -> Expression {
        let functions = c.functions();
        let unit = Unit {
            node,
            deep: src_len > SHALLOW_SOURCE || !functions.is_empty(),
            functions,
            globals: c.scope.globals().to_vec(),
            root_frame: c.scope.root_frame() as usize,
            limits: engine.limits().clone(),
        };
        Expression {
            unit: Arc::new(unit),
            session: Arc::new(engine.session().clone()),
        }
    }

    /// The context variables the expression reads, in slot order.
    pub fn variables(&self) -> &[Arc<str>] {
        &self.unit.globals
    }

    /// Looks the expression's variables up in `ctx` once, for many evaluations.
    pub fn bind(&self, ctx: &Context) -> Vars {
        self.unit.bind(ctx)
    }

    /// Evaluates against a context with the engine's session.
    pub fn eval(&self, ctx: &Context) -> Result<Value> {
        self.unit.run(&self.unit.bind(ctx), &self.session)
    }

    /// Evaluates against prepared variables: no name is looked up.
    pub fn eval_vars(&self, vars: &Vars) -> Result<Value> {
        self.unit.run(vars, &self.session)
    }

    /// Evaluates against prepared variables and a session of the caller's.
    pub fn eval_with(&self, vars: &Vars, session: &Session) -> Result<Value> {
        self.unit.run(vars, session)
    }
}
