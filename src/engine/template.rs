//! A compiled template (`Hello, {{name}}!`): an expression whose value is
//! rendered as text.

use std::sync::Arc;

use super::context::{Context, Vars};
use super::errors::Errors;
use super::expression::Expression;
use super::Engine;
use crate::builtins::format::render;
use crate::error::Result;
use crate::session::Session;
use crate::syntax;
use crate::value::Value;

/// A compiled template (`Hello, {{name}}!`).
#[derive(Clone, Debug)]
pub struct Template {
    expr: Expression,
}

impl Template {
    /// Compiles template parts (see `Engine::compile_template`).
    pub(super) fn new(
        engine: &Engine,
        parts: &[syntax::ast::StrPart],
        src_len: usize,
    ) -> std::result::Result<Template, Errors> {
        Ok(Template {
            expr: expression(engine, parts, src_len)?,
        })
    }

    /// Renders the template: always Text on success.
    pub fn render(&self, ctx: &Context) -> Result<String> {
        self.render_with(&self.expr.bind(ctx), &self.expr.session)
    }

    pub fn render_with(&self, vars: &Vars, session: &Session) -> Result<String> {
        match self.expr.eval_with(vars, session)? {
            Value::Text(t) => Ok(t.to_string()),
            other => Ok(render::render(&other, session)),
        }
    }

    pub fn variables(&self) -> &[Arc<str>] {
        self.expr.variables()
    }
}

/// The expression a template stands for: a string literal of its parts.
fn expression(
    engine: &Engine,
    parts: &[syntax::ast::StrPart],
    src_len: usize,
) -> std::result::Result<Expression, Errors> {
    use syntax::ast::{Expr, ExprKind, StrLit};
    let lit = Expr {
        kind: ExprKind::Str(StrLit {
            parts: parts.to_vec(),
        }),
        span: Default::default(),
    };
    let mut c = engine.compiler();
    let node = c.expression(&lit)?;
    Ok(Expression::new(engine, c, node, src_len))
}
