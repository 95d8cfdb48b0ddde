//! The three entry points: one expression, a program of items, a template.

use crate::error::Error;
use crate::syntax::ast::{Expr, Item, Program, StrPart, Template};
use crate::syntax::token::{Token, TokenKind};

use super::forms::push_text;
use super::{PResult, Parser};

/// Exactly one expression; line breaks are whitespace (§10.6).
pub fn parse_expression_tokens(src: &str, toks: Vec<Token>, max_depth: usize) -> PResult<Expr> {
    let mut p = Parser::new(src, toks, max_depth, false);
    if p.at(&TokenKind::Eof) {
        return Err(p.expected("an expression"));
    }
    if p.at_kw("LET") {
        // Checked here so the message names the real problem.
        let e = p.let_expr()?;
        p.expect_end()?;
        return Ok(e);
    }
    if !p.starts_expression() {
        return Err(p.expected_expr("an expression"));
    }
    let e = p.expression()?;
    p.expect_end()?;
    Ok(e)
}

/// A program: items separated by `;` or line breaks (§10.1-10.2).
pub fn parse_program_tokens(
    src: &str,
    toks: Vec<Token>,
    max_depth: usize,
) -> (Program, Vec<Error>) {
    let mut p = Parser::new(src, toks, max_depth, true);
    let mut program = Program::default();
    let mut errors = Vec::new();
    loop {
        while p.eat(&TokenKind::Semi) {}
        if p.at(&TokenKind::Eof) {
            break;
        }
        let start = p.pos;
        p.nest = 0;
        p.depth = 0;
        let result = p.item().and_then(|item| {
            p.expect_separator()?;
            Ok(item)
        });
        match result {
            Ok(item) => program.items.push(item),
            Err(e) => {
                errors.push(e);
                p.recover(start);
            }
        }
    }
    (program, errors)
}

/// A template: text with `{{ }}` parts (§7.5).
pub fn parse_template_tokens(src: &str, toks: Vec<Token>, max_depth: usize) -> PResult<Template> {
    let mut p = Parser::new(src, toks, max_depth, false);
    let mut parts = Vec::new();
    loop {
        match p.kind().clone() {
            TokenKind::StrText(t) => {
                p.bump();
                push_text(&mut parts, t);
            }
            TokenKind::InterpOpen => {
                p.nest = 0;
                parts.push(StrPart::Interp(p.interpolation()?));
            }
            TokenKind::Eof => break,
            _ => return Err(p.expected("template text or `{{`")),
        }
    }
    Ok(Template { parts })
}

impl Parser<'_> {
    /// item = declaration | expression
    fn item(&mut self) -> PResult<Item> {
        if self.at_kw("LET") {
            let (start, bindings) = self.let_bindings()?;
            if self.at_kw("IN") {
                return Ok(Item::Expr(self.let_body(start, bindings)?));
            }
            let span = self.span_from(start);
            return Ok(Item::Decl { bindings, span });
        }
        if !self.starts_expression() {
            return Err(self.leftover_error("an expression"));
        }
        Ok(Item::Expr(self.expression()?))
    }

    /// After an item: `;`, a line break or the end of input.
    fn expect_separator(&mut self) -> PResult<()> {
        if self.at(&TokenKind::Semi) || self.at(&TokenKind::Eof) || self.tok().nl_before {
            return Ok(());
        }
        Err(self
            .leftover_error("`;` or a line break between items")
            .with_help("write two items on one line as `a; b`"))
    }

    /// After the one expression of an expression context: the end of input.
    fn expect_end(&mut self) -> PResult<()> {
        if self.at(&TokenKind::Eof) {
            return Ok(());
        }
        let mut err = self.leftover_error("the end of the expression");
        if self.at(&TokenKind::Semi) {
            err = err
                .with_help("only one expression is allowed here; `;` separates items in programs");
        }
        Err(err)
    }

    /// An unexpected token after a complete expression, with a specific
    /// message for query clause words that came out of order.
    fn leftover_error(&self, what: &str) -> Error {
        let word = self.src[self.span().range()].to_ascii_uppercase();
        let stray = self.stray.filter(|s| s.pos == self.pos);
        let reserved_clause = word == "WHERE" || word == "SELECT";
        if let Some(s) = stray.filter(|_| self.at_clause_word()) {
            let word = if word == "ORDER" {
                "ORDER BY".to_string()
            } else {
                word
            };
            let msg = match word.as_str() {
                "OFFSET" if s.after != "LIMIT" => {
                    "`OFFSET` must directly follow a `LIMIT` clause".to_string()
                }
                "ASCENDING" | "DESCENDING" => {
                    format!("`{word}` must directly follow the key of `ORDER BY`")
                }
                _ => format!("`{word}` cannot come after `{}` in a query", s.after),
            };
            return Error::syntax(msg, self.span()).with_help(
                "query clauses go in the order FROM ... IN, WHERE, ORDER BY, LIMIT [OFFSET], SELECT",
            );
        }
        if reserved_clause {
            return Error::syntax(
                format!("`{word}` outside a query: a query starts with `FROM item IN source`"),
                self.span(),
            );
        }
        self.expected(what)
    }

    /// Skips to the next `;` or line break at bracket depth 0 after an error.
    fn recover(&mut self, start: usize) {
        let err_pos = self.pos.max(start + 1);
        let mut nest: isize = 0;
        let mut i = start;
        while i < self.toks.len() {
            let t = &self.toks[i];
            if t.kind == TokenKind::Eof {
                break;
            }
            if nest <= 0 && i > start {
                if t.kind == TokenKind::Semi {
                    break;
                }
                if t.nl_before && i > err_pos {
                    break;
                }
            }
            match t.kind {
                TokenKind::LParen
                | TokenKind::LBracket
                | TokenKind::LBrace
                | TokenKind::StrStart
                | TokenKind::InterpOpen => nest += 1,
                TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::StrEnd
                | TokenKind::InterpClose => nest -= 1,
                _ => {}
            }
            i += 1;
        }
        self.pos = i.min(self.toks.len() - 1);
    }
}
