//! Source text to syntax tree. Knows nothing of evaluation.

pub mod ast;
pub mod keywords;
pub mod lexer;
mod parser;
pub mod sexpr;
pub mod token;

use crate::error::Error;

/// Limits applied while parsing.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Deepest nesting of brackets, prefix operators, LET, FROM and calls.
    pub max_depth: usize,
    /// Longest accepted source, in bytes.
    pub max_len: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: 1000,
            max_len: 1024 * 1024,
        }
    }
}

fn check_len(src: &str, opts: &ParseOptions) -> Result<(), Error> {
    if src.len() > opts.max_len {
        return Err(Error::limit(format!(
            "source too long: {} bytes, the limit is {}",
            src.len(),
            opts.max_len
        )));
    }
    Ok(())
}

/// Parses exactly one expression (an expression context, §10.6).
pub fn parse_expression(src: &str) -> Result<ast::Expr, Error> {
    parse_expression_with(src, &ParseOptions::default())
}

pub fn parse_expression_with(src: &str, opts: &ParseOptions) -> Result<ast::Expr, Error> {
    check_len(src, opts)?;
    let toks = lexer::tokenize(src)?;
    parser::parse_expression_tokens(src, toks, opts.max_depth)
}

/// Parses a `.air` program or REPL input; reports every error it can find,
/// in source order.
pub fn parse_program(src: &str) -> (ast::Program, Vec<Error>) {
    parse_program_with(src, &ParseOptions::default())
}

pub fn parse_program_with(src: &str, opts: &ParseOptions) -> (ast::Program, Vec<Error>) {
    if let Err(e) = check_len(src, opts) {
        return (ast::Program::default(), vec![e]);
    }
    match lexer::tokenize_program(src) {
        Ok(toks) => parser::parse_program_tokens(src, toks, opts.max_depth),
        Err(e) => (ast::Program::default(), vec![e]),
    }
}

/// Parses template text such as `Hello {{name}}!` (§7.5).
pub fn parse_template(src: &str) -> Result<ast::Template, Error> {
    parse_template_with(src, &ParseOptions::default())
}

pub fn parse_template_with(src: &str, opts: &ParseOptions) -> Result<ast::Template, Error> {
    check_len(src, opts)?;
    let toks = lexer::tokenize_template(src)?;
    parser::parse_template_tokens(src, toks, opts.max_depth)
}
