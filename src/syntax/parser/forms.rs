//! LET, queries, strings, lists and objects.

use crate::error::Error;
use crate::span::Span;
use crate::syntax::ast::{
    Binding, Expr, ExprKind, Key, Member, Name, OrderBy, Query, Select, StrLit, StrPart,
};
use crate::syntax::token::TokenKind;

use super::{PResult, Parser, StrayClause};

impl Parser<'_> {
    /// let_expr = "LET" binding { "," binding } "IN" expression
    pub(super) fn let_expr(&mut self) -> PResult<Expr> {
        let (start, bindings) = self.let_bindings()?;
        if !self.at_kw("IN") {
            let err = Error::syntax(
                format!(
                    "LET without IN: declarations are only allowed in programs (expected `,` or `IN`, found {})",
                    self.kind().describe()
                ),
                self.span(),
            );
            return Err(if self.at(&TokenKind::Eof) {
                err.incomplete()
            } else {
                err
            });
        }
        self.let_body(start, bindings)
    }

    pub(super) fn let_body(&mut self, start: Span, bindings: Vec<Binding>) -> PResult<Expr> {
        self.bump(); // IN
        if !self.starts_expression() {
            return Err(self.expected_expr("an expression after `IN`"));
        }
        let body = self.expression()?;
        Ok(Expr {
            span: start.to(body.span),
            kind: ExprKind::Let {
                bindings,
                body: Box::new(body),
            },
        })
    }

    /// "LET" binding { "," binding }
    pub(super) fn let_bindings(&mut self) -> PResult<(Span, Vec<Binding>)> {
        let start = self.bump().span;
        let mut bindings = vec![self.binding()?];
        while self.eat(&TokenKind::Comma) {
            bindings.push(self.binding()?);
        }
        Ok((start, bindings))
    }

    /// binding = identifier "=" expression
    ///         | identifier "(" [ identifier { "," identifier } ] ")" "=" expression
    fn binding(&mut self) -> PResult<Binding> {
        let name = self.identifier("a binding name")?;
        if self.at(&TokenKind::LParen) {
            let open = self.bump();
            let mut params: Vec<Name> = Vec::new();
            if !self.at(&TokenKind::RParen) {
                loop {
                    let p = self.identifier("a parameter name")?;
                    if params.iter().any(|q| q.text == p.text) {
                        return Err(Error::syntax(
                            format!(
                                "duplicate parameter `{}` in function `{}`",
                                p.text, name.text
                            ),
                            p.span,
                        ));
                    }
                    params.push(p);
                    if !self.eat(&TokenKind::Comma) {
                        break;
                    }
                }
            }
            self.expect_close(&TokenKind::RParen, open.span)?;
            self.expect(
                &TokenKind::Eq,
                &format!("`=` after the parameters of `{}`", name.text),
            )?;
            let body = self.binding_value(&name.text)?;
            return Ok(Binding::Function { name, params, body });
        }
        if !self.eat(&TokenKind::Eq) {
            return Err(self.expected(&format!("`=` or `(` after the name `{}`", name.text)));
        }
        let value = self.binding_value(&name.text)?;
        Ok(Binding::Value { name, value })
    }

    fn binding_value(&mut self, name: &str) -> PResult<Expr> {
        if !self.starts_expression() {
            return Err(self.expected_expr(&format!("an expression after `{name} =`")));
        }
        self.expression()
    }

    /// query_expr = "FROM" identifier [ "," identifier [ "," identifier ] ] "IN" expression
    ///              [ "WHERE" expression ] [ "ORDER" "BY" expression [ "ASCENDING" | "DESCENDING" ] ]
    ///              [ "LIMIT" expression [ "OFFSET" expression ] ] [ "SELECT" select_body ]
    pub(super) fn query_expr(&mut self) -> PResult<Expr> {
        let start = self.bump().span;
        let item = self.identifier("a name for the item after `FROM`")?;
        let mut index = None;
        let mut collection = None;
        if self.eat(&TokenKind::Comma) {
            index = Some(self.identifier("a name for the index")?);
            if self.eat(&TokenKind::Comma) {
                collection = Some(self.identifier("a name for the collection")?);
            }
        }
        if !self.eat_kw("IN") {
            return Err(self.expected("`IN` after the FROM bindings"));
        }
        let source = self.clause_expr("IN")?;
        let mut q = Query {
            item,
            index,
            collection,
            source,
            filter: None,
            order_by: None,
            limit: None,
            offset: None,
            select: None,
        };
        let mut stage = "IN";
        if self.eat_kw("WHERE") {
            q.filter = Some(self.clause_expr("WHERE")?);
            stage = "WHERE";
        }
        if self.at_kw("ORDER") && self.peek_kw(1, "BY") {
            self.bump();
            self.bump();
            let key = self.clause_expr("ORDER BY")?;
            let descending = if self.eat_kw("DESCENDING") {
                true
            } else {
                self.eat_kw("ASCENDING");
                false
            };
            q.order_by = Some(OrderBy { key, descending });
            stage = "ORDER BY";
        }
        if self.eat_kw("LIMIT") {
            q.limit = Some(self.clause_expr("LIMIT")?);
            stage = "LIMIT";
            if self.eat_kw("OFFSET") {
                q.offset = Some(self.clause_expr("OFFSET")?);
                stage = "OFFSET";
            }
        }
        if self.eat_kw("SELECT") {
            q.select = Some(self.select_body()?);
            stage = "SELECT";
        }
        if self.at_clause_word() {
            self.stray = Some(StrayClause {
                pos: self.pos,
                after: stage,
            });
        }
        Ok(Expr {
            span: self.span_from(start),
            kind: ExprKind::Query(Box::new(q)),
        })
    }

    /// The current token is a query clause word (reserved or contextual).
    pub(super) fn at_clause_word(&self) -> bool {
        [
            "WHERE",
            "SELECT",
            "LIMIT",
            "OFFSET",
            "ASCENDING",
            "DESCENDING",
        ]
        .iter()
        .any(|k| self.at_kw(k))
            || (self.at_kw("ORDER") && self.peek_kw(1, "BY"))
    }

    fn clause_expr(&mut self, clause: &str) -> PResult<Expr> {
        if !self.starts_expression() {
            return Err(self.expected_expr(&format!("an expression after `{clause}`")));
        }
        self.expression()
    }

    /// select_body = object_key ":" expression | [ "DISTINCT" ] expression
    fn select_body(&mut self) -> PResult<Select> {
        if self.at_kw("DISTINCT") {
            let d = self.bump();
            if self.key_colon_follows() {
                return Err(Error::syntax(
                    "DISTINCT cannot be combined with `SELECT key: value`",
                    d.span,
                ));
            }
            let expr = self.clause_expr("SELECT DISTINCT")?;
            return Ok(Select::Value {
                distinct: true,
                expr,
            });
        }
        if self.key_colon_follows() {
            let key = self.object_key()?;
            self.expect(&TokenKind::Colon, "`:`")?;
            let value = self.clause_expr(":")?;
            return Ok(Select::KeyValue { key, value });
        }
        let expr = self.clause_expr("SELECT")?;
        Ok(Select::Value {
            distinct: false,
            expr,
        })
    }

    /// A word or a whole string literal, followed by `:`, starts here.
    fn key_colon_follows(&self) -> bool {
        match self.kind() {
            TokenKind::Word(_) => *self.peek_kind(1) == TokenKind::Colon,
            TokenKind::StrStart => {
                let mut depth = 0usize;
                for (i, t) in self.toks[self.pos..].iter().enumerate() {
                    match t.kind {
                        TokenKind::StrStart => depth += 1,
                        TokenKind::StrEnd => {
                            depth -= 1;
                            if depth == 0 {
                                return *self.peek_kind(i + 1) == TokenKind::Colon;
                            }
                        }
                        TokenKind::Eof => return false,
                        _ => {}
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// object_key = word | string
    fn object_key(&mut self) -> PResult<Key> {
        match self.kind().clone() {
            TokenKind::Word(w) => {
                let t = self.bump();
                Ok(Key::Word(Name {
                    text: w,
                    span: t.span,
                }))
            }
            TokenKind::StrStart => {
                let (lit, span) = self.string()?;
                Ok(Key::Str(lit, span))
            }
            TokenKind::Number(_) => Err(self
                .expected("a key (a name or a string)")
                .with_help("numbers are not object keys; write the key as a string, e.g. \"1\"")),
            _ => Err(self.expected("a key (a name or a string)")),
        }
    }

    /// string = '"' { text | interpolation } '"'
    pub(super) fn string(&mut self) -> PResult<(StrLit, Span)> {
        let open = self.bump();
        self.nest += 1;
        let mut parts = Vec::new();
        loop {
            match self.kind().clone() {
                TokenKind::StrText(t) => {
                    self.bump();
                    push_text(&mut parts, t);
                }
                TokenKind::InterpOpen => parts.push(StrPart::Interp(self.interpolation()?)),
                TokenKind::StrEnd => {
                    self.bump();
                    break;
                }
                _ => return Err(self.expected("the end of the string")),
            }
        }
        self.nest -= 1;
        Ok((StrLit { parts }, self.span_from(open.span)))
    }

    /// interpolation = "{{" expression "}}"
    pub(super) fn interpolation(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.at(&TokenKind::InterpClose) {
            return Err(Error::syntax(
                "empty interpolation: `{{ }}` must contain an expression",
                open.span.to(self.span()),
            ));
        }
        self.nest += 1;
        if !self.starts_expression() {
            return Err(self.expected("an expression after `{{`"));
        }
        let e = self.expression()?;
        self.expect_close(&TokenKind::InterpClose, open.span)?;
        self.nest -= 1;
        Ok(e)
    }

    /// list = "[" [ expression { "," expression } [ "," ] ] "]"
    pub(super) fn list(&mut self) -> PResult<Expr> {
        let open = self.bump();
        self.nest += 1;
        let mut items = Vec::new();
        while !self.at(&TokenKind::RBracket) {
            if !self.starts_expression() {
                let what = if self.at(&TokenKind::Comma) {
                    "a list item (empty slots like `[1,,2]` are not allowed)"
                } else {
                    "a list item or `]`"
                };
                return Err(self.expected(what));
            }
            items.push(self.expression()?);
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        self.expect_close(&TokenKind::RBracket, open.span)?;
        self.nest -= 1;
        Ok(Expr {
            kind: ExprKind::List(items),
            span: self.span_from(open.span),
        })
    }

    /// object = "{" [ member { "," member } [ "," ] ] "}";  member = object_key ":" expression
    pub(super) fn object(&mut self) -> PResult<Expr> {
        let open = self.bump();
        self.nest += 1;
        let mut members = Vec::new();
        while !self.at(&TokenKind::RBrace) {
            let key = self.object_key()?;
            self.expect(&TokenKind::Colon, "`:` after the object key")?;
            if !self.starts_expression() {
                return Err(self.expected("a value after `:`"));
            }
            let value = self.expression()?;
            members.push(Member { key, value });
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        self.expect_close(&TokenKind::RBrace, open.span)?;
        self.nest -= 1;
        Ok(Expr {
            kind: ExprKind::Object(members),
            span: self.span_from(open.span),
        })
    }
}

/// Appends text, merging with a preceding text piece.
pub(super) fn push_text(parts: &mut Vec<StrPart>, t: String) {
    if let Some(StrPart::Text(prev)) = parts.last_mut() {
        prev.push_str(&t);
    } else if !t.is_empty() {
        parts.push(StrPart::Text(t));
    }
}
