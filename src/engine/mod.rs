//! The embedding API: compile once, evaluate many times, from many threads.
//!
//! ```
//! use airscript::{Context, Engine};
//! let engine = Engine::new();
//! let expr = engine.compile_expression("price * qty").unwrap();
//! let ctx = Context::from_json(&serde_json::json!({"price": 1.5, "qty": 4})).unwrap();
//! assert_eq!(expr.eval(&ctx).unwrap().to_string(), "6");
//! ```

mod context;
mod errors;
mod expression;
mod interpreter;
mod template;

pub use context::{Context, Vars};
pub use errors::{Errors, Failure};
pub use expression::Expression;
pub use interpreter::Interpreter;
pub use template::Template;

use crate::compile::Compiler;
use crate::eval::Limits;
use crate::session::Session;
use crate::syntax::{self, ParseOptions};

/// Compiles sources under one set of limits and one default session.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    limits: Limits,
    session: Session,
    no_folding: bool,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    pub fn with_session(mut self, session: Session) -> Engine {
        self.session = session;
        self
    }

    /// Whether constant work is done once at compile time (the default), or
    /// every time at run time. The results are the same either way; this
    /// exists so that tests can show it.
    pub fn with_folding(mut self, fold: bool) -> Engine {
        self.no_folding = !fold;
        self
    }

    /// A compiler set up as this engine says.
    pub(crate) fn compiler(&self) -> Compiler {
        Compiler::new()
            .with_folding(!self.no_folding)
            .with_limits(&self.limits)
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub(crate) fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            max_depth: self.limits.max_nesting,
            max_len: self.limits.max_source,
        }
    }

    /// Compiles one expression (§10.6). Errors are `SyntaxError`s (or a `LimitError`
    /// for source that is too long or too deeply nested), in source order.
    pub fn compile_expression(&self, src: &str) -> std::result::Result<Expression, Errors> {
        let ast = syntax::parse_expression_with(src, &self.parse_options())
            .map_err(|e| Errors(vec![e]))?;
        let mut c = self.compiler();
        let node = c.expression(&ast)?;
        Ok(Expression::new(self, c, node, src.len()))
    }

    /// Compiles a template: text with `{{ }}` parts (§7.5).
    pub fn compile_template(&self, src: &str) -> std::result::Result<Template, Errors> {
        let t = syntax::parse_template(src).map_err(|e| Errors(vec![e]))?;
        Template::new(self, &t.parts, src.len())
    }
}
