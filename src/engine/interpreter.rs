//! Programs run item by item, with declarations kept between runs.

use std::sync::Arc;

use super::context::Context;
use super::errors::Failure;
use super::Engine;
use crate::compile::Compiler;
use crate::error::Error;
use crate::eval::Machine;
use crate::ir::{Stmt, UserFn};
use crate::session::Session;
use crate::syntax;
use crate::value::Value;

/// Runs programs item by item, keeping declarations between runs (the REPL
/// runs each input through one interpreter; `air run` uses one for the file).
#[derive(Clone, Debug)]
pub struct Interpreter {
    engine: Engine,
    compiler: Compiler,
    functions: Vec<UserFn>,
    root: Vec<Value>,
    context: Context,
    pub session: Session,
}

impl Interpreter {
    pub fn new(engine: Engine, context: Context, session: Session) -> Interpreter {
        Interpreter {
            compiler: engine.compiler(),
            engine,
            functions: Vec::new(),
            root: Vec::new(),
            context,
            session,
        }
    }

    /// Parses and compiles `src` without running it (a failure changes nothing):
    /// syntax errors, unknown functions, and calls with a wrong number of
    /// arguments (which would raise an `ArgumentError` when run).
    pub fn check(&self, src: &str) -> Vec<Error> {
        let (ast, mut errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        let mut c = self.compiler.clone();
        if let Err(mut e) = c.program(&ast) {
            errors.append(&mut e);
        }
        errors.append(&mut c.arity_errors);
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        errors.dedup_by(|a, b| a.span() == b.span() && a.message() == b.message());
        errors
    }

    /// The names `src` would read from the context (for `air check` notes),
    /// each with the closest declared name when it looks like a typo of one.
    pub fn free_variables(&self, src: &str) -> Vec<(Arc<str>, Option<String>)> {
        let (ast, errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        if !errors.is_empty() {
            return Vec::new();
        }
        let mut c = self.compiler.clone();
        let before = c.scope.globals().len();
        if c.program(&ast).is_err() {
            return Vec::new();
        }
        c.scope.globals()[before..]
            .iter()
            .map(|g| {
                let hint = crate::compile::closest(g, c.scope.var_names()).map(str::to_string);
                (g.clone(), hint)
            })
            .collect()
    }

    /// Runs every item of `src`; `on_value` receives each expression item's value.
    pub fn run(
        &mut self,
        src: &str,
        on_value: &mut dyn FnMut(&Value),
    ) -> std::result::Result<(), Failure> {
        let (ast, errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        if !errors.is_empty() {
            return Err(Failure::Compile(errors));
        }
        let mut c = self.compiler.clone();
        let stmts = c.program(&ast).map_err(Failure::Compile)?;
        self.compiler = c;
        self.functions = self.compiler.functions();
        let globals = self.context.values_of(self.compiler.scope.globals());
        let root = std::mem::take(&mut self.root);
        let limits = self.engine.limits();
        let mut m = Machine::new(&globals, &self.functions, &self.session, limits, root);
        m.ensure_root(self.compiler.scope.root_frame() as usize);
        let mut result = Ok(());
        for stmt in &stmts {
            result = crate::stack::guard(|| run_item(&mut m, stmt, on_value));
            if result.is_err() {
                break;
            }
        }
        self.root = m.into_root();
        result
    }

    /// Forgets every declaration (`:reset`).
    pub fn reset(&mut self) {
        self.compiler = self.engine.compiler();
        self.functions.clear();
        self.root.clear();
    }

    /// Names of declared variables and functions, for completion.
    pub fn declared_names(&self) -> Vec<String> {
        self.compiler
            .scope
            .var_names()
            .chain(self.compiler.scope.func_names())
            .map(str::to_string)
            .collect()
    }
}

/// Runs one program item: a declaration stores its values, an expression's
/// value goes to `on_value`.
fn run_item(
    m: &mut Machine<'_>,
    stmt: &Stmt,
    on_value: &mut dyn FnMut(&Value),
) -> std::result::Result<(), Failure> {
    match stmt {
        Stmt::Declare(bindings) => {
            for (slot, node) in bindings.iter() {
                let v = m.eval(node).map_err(Failure::Run)?;
                m.set_local(*slot, v);
            }
        }
        Stmt::Eval(node, span) => {
            let v = m.eval(node).map_err(|e| Failure::Run(e.or_span(*span)))?;
            on_value(&v);
        }
    }
    Ok(())
}
