//! Expressions: the operator levels of §5.3, paths (§5.7) and primaries.

use crate::error::Error;
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, Name, Step, UnaryOp};
use crate::syntax::keywords::is_kw;
use crate::syntax::token::TokenKind;

use super::{PResult, Parser};

fn binary(op: BinaryOp, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.to(rhs.span);
    Expr {
        kind: ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        span,
    }
}

fn cmp_op(kind: &TokenKind) -> Option<BinaryOp> {
    Some(match kind {
        TokenKind::Eq => BinaryOp::Eq,
        TokenKind::Ne | TokenKind::BangEq => BinaryOp::Ne,
        TokenKind::Lt => BinaryOp::Lt,
        TokenKind::Le => BinaryOp::Le,
        TokenKind::Gt => BinaryOp::Gt,
        TokenKind::Ge => BinaryOp::Ge,
        _ => return None,
    })
}

impl Parser<'_> {
    /// expression = let_expr | query_expr | or_expr
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.nested(|p| {
            if p.at_kw("LET") {
                p.let_expr()
            } else if p.at_kw("FROM") {
                p.query_expr()
            } else {
                p.or_expr()
            }
        })
    }

    /// The operand after a binary operator `op`: a clear error if missing.
    fn operand(&mut self, op: &str, next: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        if self.starts_expression() {
            next(self)
        } else {
            Err(self.expected_expr(&format!("an expression after `{op}`")))
        }
    }

    /// "expected {what}" where an expression was needed, with a hint for `.5`.
    pub(super) fn expected_expr(&self, what: &str) -> Error {
        let err = self.expected(what);
        if self.at(&TokenKind::Dot) && matches!(self.peek_kind(1), TokenKind::Number(_)) {
            err.with_help("a number starts with a digit: write 0.5, not .5")
        } else {
            err
        }
    }

    /// Whether the current token can begin an expression.
    pub(super) fn starts_expression(&self) -> bool {
        match self.kind() {
            TokenKind::Word(w) => !["AND", "OR", "XOR", "IN", "WHERE", "SELECT"]
                .iter()
                .any(|k| is_kw(w, k)),
            TokenKind::Number(_)
            | TokenKind::StrStart
            | TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::LBrace
            | TokenKind::At
            | TokenKind::Plus
            | TokenKind::Minus => true,
            _ => false,
        }
    }

    fn word_op(
        &mut self,
        kw: &str,
        op: BinaryOp,
        next: fn(&mut Self) -> PResult<Expr>,
    ) -> PResult<Expr> {
        let mut lhs = next(self)?;
        let mut chain = 0;
        while self.at_kw(kw) {
            chain += 1;
            self.check_chain(chain)?;
            self.bump();
            let rhs = self.operand(kw, next)?;
            lhs = binary(op, lhs, rhs);
        }
        Ok(lhs)
    }

    /// or_expr = xor_expr { "OR" xor_expr }
    fn or_expr(&mut self) -> PResult<Expr> {
        self.word_op("OR", BinaryOp::Or, Self::xor_expr)
    }

    /// xor_expr = and_expr { "XOR" and_expr }
    fn xor_expr(&mut self) -> PResult<Expr> {
        self.word_op("XOR", BinaryOp::Xor, Self::and_expr)
    }

    /// and_expr = cmp_expr { "AND" cmp_expr }
    fn and_expr(&mut self) -> PResult<Expr> {
        self.word_op("AND", BinaryOp::And, Self::cmp_expr)
    }

    /// cmp_expr = coalesce_expr [ cmp_op coalesce_expr ]   (no chaining)
    fn cmp_expr(&mut self) -> PResult<Expr> {
        let lhs = self.coalesce_expr()?;
        let Some(op) = cmp_op(self.kind()) else {
            return Ok(lhs);
        };
        let sym = self.kind().symbol();
        self.bump();
        let rhs = self.operand(sym, Self::coalesce_expr)?;
        if let Some(op2) = cmp_op(self.kind()) {
            return Err(Error::syntax(
                format!(
                    "comparisons do not chain: found `{}` after `{}`",
                    self.kind().symbol(),
                    op.symbol()
                ),
                self.span(),
            )
            .with_help(format!(
                "combine two comparisons with AND, e.g. `a {} b AND b {} c`",
                op.symbol(),
                op2.symbol()
            )));
        }
        Ok(binary(op, lhs, rhs))
    }

    /// coalesce_expr = additive [ "??" coalesce_expr ]   (right-associative)
    fn coalesce_expr(&mut self) -> PResult<Expr> {
        let lhs = self.additive()?;
        if !self.eat(&TokenKind::Coalesce) {
            return Ok(lhs);
        }
        let rhs = self.nested(|p| p.operand("??", Self::coalesce_expr))?;
        Ok(binary(BinaryOp::Coalesce, lhs, rhs))
    }

    /// additive = multiplicative { ("+" | "-") multiplicative }
    fn additive(&mut self) -> PResult<Expr> {
        let mut lhs = self.multiplicative()?;
        let mut chain = 0;
        loop {
            let op = match self.kind() {
                TokenKind::Plus => BinaryOp::Add,
                TokenKind::Minus => BinaryOp::Sub,
                _ => return Ok(lhs),
            };
            chain += 1;
            self.check_chain(chain)?;
            self.bump();
            let rhs = self.operand(op.symbol(), Self::multiplicative)?;
            lhs = binary(op, lhs, rhs);
        }
    }

    /// multiplicative = unary { ("*" | "/" | "%") unary }
    fn multiplicative(&mut self) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        let mut chain = 0;
        loop {
            let op = match self.kind() {
                TokenKind::Star => BinaryOp::Mul,
                TokenKind::Slash => BinaryOp::Div,
                TokenKind::Percent => BinaryOp::Rem,
                _ => return Ok(lhs),
            };
            chain += 1;
            self.check_chain(chain)?;
            self.bump();
            let rhs = self.operand(op.symbol(), Self::unary)?;
            lhs = binary(op, lhs, rhs);
        }
    }

    /// unary = ("-" | "+" | "NOT") unary | postfix   (NOT followed by "(" is a call)
    fn unary(&mut self) -> PResult<Expr> {
        let op = match self.kind() {
            TokenKind::Minus => UnaryOp::Neg,
            TokenKind::Plus => UnaryOp::Plus,
            TokenKind::Word(w) if is_kw(w, "NOT") && !self.call_follows() => UnaryOp::Not,
            _ => return self.postfix(),
        };
        let t = self.bump();
        let sym = if op == UnaryOp::Not {
            "NOT"
        } else {
            t.kind.symbol()
        };
        let operand = self.nested(|p| {
            if p.starts_expression() {
                p.unary()
            } else {
                Err(p.expected_expr(&format!("an expression after `{sym}`")))
            }
        })?;
        let span = t.span.to(operand.span);
        Ok(Expr {
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            span,
        })
    }

    /// The next token is a `(` that makes the current word a call.
    fn call_follows(&self) -> bool {
        let next = self.pos + 1;
        match self.toks.get(next) {
            Some(t) => {
                t.kind == TokenKind::LParen && !(self.program && self.nest == 0 && t.nl_before)
            }
            None => false,
        }
    }

    /// postfix = primary { step }
    fn postfix(&mut self) -> PResult<Expr> {
        let mut base = self.primary()?;
        if matches!(base.kind, ExprKind::Let { .. } | ExprKind::Query(_)) {
            return Ok(base);
        }
        let mut chain = 0;
        loop {
            chain += 1;
            let step = match self.kind() {
                TokenKind::Dot => self.field_step()?,
                TokenKind::LBracket if !self.at_line_start() => self.bracket_step()?,
                _ => return Ok(base),
            };
            self.check_chain(chain)?;
            let span = self.span_from(base.span);
            base = Expr {
                kind: ExprKind::Path {
                    base: Box::new(base),
                    step,
                },
                span,
            };
        }
    }

    /// step = "." word
    fn field_step(&mut self) -> PResult<Step> {
        let dot = self.bump();
        match self.kind().clone() {
            TokenKind::Word(w) => {
                let t = self.bump();
                if self.at(&TokenKind::LParen) && !self.at_line_start() {
                    return Err(Error::syntax(
                        format!("there are no method calls: `.{w}(` cannot follow a value"),
                        self.span(),
                    )
                    .with_help(format!(
                        "call functions by name with the value as an argument, e.g. `{}(x)`",
                        w.to_ascii_uppercase()
                    )));
                }
                Ok(Step::Field(Name {
                    text: w,
                    span: t.span,
                }))
            }
            TokenKind::Number(_) => Err(self
                .expected("a property name after `.`")
                .with_help("use brackets to index a list: `list[0]`")),
            _ => Err(self.expected("a property name after `.`").or_span(dot.span)),
        }
    }

    /// step = "[" expression "]" | "[" [expression] ":" [expression] "]"
    ///      | "[" "*" "]" | "[" "?" "(" expression ")" "]"
    fn bracket_step(&mut self) -> PResult<Step> {
        let open = self.bump();
        self.nest += 1;
        let step = self.bracket_inner(open.span)?;
        self.nest -= 1;
        Ok(step)
    }

    fn bracket_inner(&mut self, open: crate::span::Span) -> PResult<Step> {
        if self.at(&TokenKind::Star) && *self.peek_kind(1) == TokenKind::RBracket {
            self.bump();
            self.bump();
            return Ok(Step::Wildcard);
        }
        if self.eat(&TokenKind::Question) {
            let paren = self.expect(
                &TokenKind::LParen,
                "`(` after `[?`: a filter is written `[?(condition)]`",
            )?;
            let cond = self.expression()?;
            self.expect_close(&TokenKind::RParen, paren.span)?;
            self.expect_close(&TokenKind::RBracket, open)?;
            return Ok(Step::Filter(Box::new(cond)));
        }
        let start = if self.at(&TokenKind::Colon) {
            None
        } else if self.starts_expression() {
            Some(Box::new(self.expression()?))
        } else {
            return Err(
                self.expected("an index, a slice `a:b`, `*` or `?(condition)` inside `[ ]`")
            );
        };
        if self.eat(&TokenKind::Colon) {
            let end = if self.at(&TokenKind::RBracket) {
                None
            } else {
                Some(Box::new(self.expression()?))
            };
            self.expect_close(&TokenKind::RBracket, open)?;
            return Ok(Step::Slice(start, end));
        }
        self.expect_close(&TokenKind::RBracket, open)?;
        match start {
            Some(e) => Ok(Step::Index(e)),
            None => Err(self.expected("an index")),
        }
    }

    /// primary = number | string | TRUE | FALSE | NULL | identifier | "@" | call
    ///         | "(" expression ")" | list | object | let_expr | query_expr
    fn primary(&mut self) -> PResult<Expr> {
        let span = self.span();
        let kind = match self.kind().clone() {
            TokenKind::Number(n) => {
                self.bump();
                ExprKind::Number(n)
            }
            TokenKind::StrStart => {
                let (lit, span) = self.string()?;
                return Ok(Expr {
                    kind: ExprKind::Str(lit),
                    span,
                });
            }
            TokenKind::At => {
                self.bump();
                ExprKind::At
            }
            TokenKind::LParen => {
                self.bump();
                self.nest += 1;
                let inner = self.expression()?;
                self.expect_close(&TokenKind::RParen, span)?;
                self.nest -= 1;
                ExprKind::Paren(Box::new(inner))
            }
            TokenKind::LBracket => return self.list(),
            TokenKind::LBrace => return self.object(),
            TokenKind::Word(w) => return self.word_primary(&w),
            _ => return Err(self.expected_expr("an expression")),
        };
        Ok(Expr {
            kind,
            span: self.span_from(span),
        })
    }

    fn word_primary(&mut self, w: &str) -> PResult<Expr> {
        let span = self.span();
        let lit = |kind| Expr { kind, span };
        if is_kw(w, "TRUE") {
            self.bump();
            return Ok(lit(ExprKind::Bool(true)));
        }
        if is_kw(w, "FALSE") {
            self.bump();
            return Ok(lit(ExprKind::Bool(false)));
        }
        if is_kw(w, "NULL") {
            self.bump();
            return Ok(lit(ExprKind::Null));
        }
        if is_kw(w, "LET") {
            return self.let_expr();
        }
        if is_kw(w, "FROM") {
            return self.query_expr();
        }
        if self.call_follows() {
            return self.call();
        }
        if crate::syntax::keywords::is_reserved(w) {
            return Err(self.expected("an expression"));
        }
        self.bump();
        Ok(lit(ExprKind::Var(Name {
            text: w.to_string(),
            span,
        })))
    }

    /// call = (identifier | "NOT") "(" [ expression { "," expression } ] ")"
    fn call(&mut self) -> PResult<Expr> {
        let name = if self.at_kw("NOT") {
            let t = self.bump();
            Name {
                text: self.src[t.span.range()].to_string(),
                span: t.span,
            }
        } else {
            self.identifier("a function name")?
        };
        let open = self.expect(&TokenKind::LParen, "`(`")?;
        self.nest += 1;
        let mut args = Vec::new();
        if !self.at(&TokenKind::RParen) {
            loop {
                if !self.starts_expression() {
                    let what = if args.is_empty() {
                        format!("an argument or `)` after `{}(`", name.text)
                    } else {
                        format!("an argument after `,` in the call to `{}`", name.text)
                    };
                    let mut err = self.expected(&what);
                    if !args.is_empty() && self.at(&TokenKind::RParen) {
                        err = err.with_help("argument lists take no trailing comma");
                    }
                    return Err(err);
                }
                args.push(self.expression()?);
                if !self.eat(&TokenKind::Comma) {
                    break;
                }
            }
        }
        if !self.eat(&TokenKind::RParen) {
            return Err(self.expected(&format!(
                "`,` or `)` to close the call to `{}` opened at {}",
                name.text,
                self.pos_text(open.span)
            )));
        }
        self.nest -= 1;
        let span = self.span_from(name.span);
        Ok(Expr {
            kind: ExprKind::Call { name, args },
            span,
        })
    }
}
