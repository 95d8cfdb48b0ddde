//! Source text to syntax tree. Knows nothing of evaluation.

pub mod ast;
pub mod span;

// TEMPORARY stubs (replaced by the syntax branch).
use crate::error::Error;
#[derive(Clone, Debug)]
pub struct ParseOptions {
    pub max_depth: usize,
    pub max_len: usize,
}
impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: 200,
            max_len: 1 << 20,
        }
    }
}
pub fn parse_expression_with(_src: &str, _o: &ParseOptions) -> Result<ast::Expr, Error> {
    Err(Error::syntax("parser missing", span::Span::default()))
}
pub fn parse_program_with(_src: &str, _o: &ParseOptions) -> (ast::Program, Vec<Error>) {
    (
        ast::Program::default(),
        vec![Error::syntax("parser missing", span::Span::default())],
    )
}
pub fn parse_template(_src: &str) -> Result<ast::Template, Error> {
    Err(Error::syntax("parser missing", span::Span::default()))
}
