//! Recursive-descent parser over the token list. One function per grammar
//! rule of `grammar/airscript.ebnf`, with the same names.

mod expr;
mod forms;
mod program;

use crate::error::{Error, ErrorKind};

use super::ast::Name;
use super::keywords::is_kw;
use super::token::{Token, TokenKind};
use crate::span::line_col;
use crate::span::Span;

pub use program::{parse_expression_tokens, parse_program_tokens, parse_template_tokens};

/// Where a query stopped at a clause word it could not take, so that the
/// caller can say why the word is out of place.
#[derive(Clone, Copy)]
struct StrayClause {
    pos: usize,
    /// The clause the innermost query had reached.
    after: &'static str,
}

pub(crate) struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    /// End of the last consumed token.
    prev_end: u32,
    depth: usize,
    max_depth: usize,
    /// Open brackets, strings and interpolations around the current token.
    nest: usize,
    /// Program mode: line breaks at nest 0 may separate items.
    program: bool,
    stray: Option<StrayClause>,
}

type PResult<T> = Result<T, Error>;

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, toks: Vec<Token>, max_depth: usize, program: bool) -> Self {
        Parser {
            src,
            toks,
            pos: 0,
            prev_end: 0,
            depth: 0,
            max_depth,
            nest: 0,
            program,
            stray: None,
        }
    }

    fn tok(&self) -> &Token {
        // The list always ends with Eof and `pos` never passes it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn kind(&self) -> &TokenKind {
        &self.tok().kind
    }

    fn peek_kind(&self, n: usize) -> &TokenKind {
        let i = (self.pos + n).min(self.toks.len() - 1);
        &self.toks[i].kind
    }

    fn span(&self) -> Span {
        self.tok().span
    }

    fn at(&self, kind: &TokenKind) -> bool {
        self.kind() == kind
    }

    /// The current token is the word `kw` (any letter case).
    fn at_kw(&self, kw: &str) -> bool {
        matches!(self.kind(), TokenKind::Word(w) if is_kw(w, kw))
    }

    fn peek_kw(&self, n: usize, kw: &str) -> bool {
        matches!(self.peek_kind(n), TokenKind::Word(w) if is_kw(w, kw))
    }

    fn bump(&mut self) -> Token {
        let t = self.tok().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        self.prev_end = t.span.end;
        t
    }

    fn eat(&mut self, kind: &TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// A line break at bracket depth 0 in a program: `(` and `[` here start a new item.
    fn at_line_start(&self) -> bool {
        self.program && self.nest == 0 && self.tok().nl_before
    }

    fn pos_text(&self, span: Span) -> String {
        let (l, c) = line_col(self.src, span.start);
        format!("{l}:{c}")
    }

    /// "expected {what}, found {token}", marked incomplete at end of input.
    fn expected(&self, what: &str) -> Error {
        let t = self.tok();
        let err = Error::syntax(
            format!("expected {what}, found {}", t.kind.describe()),
            t.span,
        );
        if t.kind == TokenKind::Eof {
            err.incomplete()
        } else {
            err
        }
    }

    fn expect(&mut self, kind: &TokenKind, what: &str) -> PResult<Token> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            Err(self.expected(what))
        }
    }

    /// Expects the bracket that closes `open` (a token at `open_span`).
    fn expect_close(&mut self, close: &TokenKind, open_span: Span) -> PResult<Token> {
        if self.at(close) {
            return Ok(self.bump());
        }
        Err(self.expected(&format!(
            "`{}` to close `{}` at {}",
            close.symbol(),
            &self.src[open_span.range()],
            self.pos_text(open_span)
        )))
    }

    /// A word usable as a variable, binding, parameter or function name.
    fn identifier(&mut self, role: &str) -> PResult<Name> {
        match self.kind().clone() {
            TokenKind::Word(w) if super::keywords::is_reserved(&w) => Err(Error::syntax(
                format!("`{w}` is a reserved word and cannot be used as {role}"),
                self.span(),
            )),
            TokenKind::Word(w) => {
                let t = self.bump();
                Ok(Name {
                    text: w,
                    span: t.span,
                })
            }
            _ => Err(self.expected(role)),
        }
    }

    /// Runs `f` one nesting level deeper, guarding depth and stack.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= self.max_depth {
            return Err(Error::new(ErrorKind::Limit, "expression nested too deeply")
                .with_span(self.span())
                .with_help(format!("the limit is {} levels", self.max_depth)));
        }
        self.depth += 1;
        let r = crate::stack::guard(|| f(self));
        self.depth -= 1;
        r
    }

    /// Left-associative chains (`a + b + c`, `a.b.c`) nest the tree one level
    /// per operator, so they count against the depth limit too.
    fn check_chain(&self, chain: usize) -> PResult<()> {
        if self.depth + chain > self.max_depth {
            return Err(Error::new(ErrorKind::Limit, "expression nested too deeply")
                .with_span(self.span())
                .with_help(format!(
                    "the limit is {} levels; a chain of operators or path steps counts one level per step",
                    self.max_depth
                )));
        }
        Ok(())
    }

    fn span_from(&self, start: Span) -> Span {
        Span::new(start.start, self.prev_end.max(start.end))
    }
}
