//! Tokens: what the lexer produces and the parser reads.

use rust_decimal::Decimal;

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An identifier or keyword, as written (keywords are recognised by the parser).
    Word(String),
    Number(Decimal),
    /// The opening `"` of a string literal.
    StrStart,
    /// Literal text of a string or template, escapes decoded, adjacent pieces merged.
    StrText(String),
    /// The closing `"` of a string literal.
    StrEnd,
    /// `{{` inside a string literal or a template.
    InterpOpen,
    /// The `}}` that closes an interpolation.
    InterpClose,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Dot,
    Colon,
    Semi,
    At,
    Question,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Eq,
    /// `<>`
    Ne,
    /// `!=`
    BangEq,
    Lt,
    Le,
    Gt,
    Ge,
    /// `??`
    Coalesce,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// A line break (or a block comment containing one) comes between this
    /// token and the previous one.
    pub nl_before: bool,
}

impl TokenKind {
    /// Short name used in snapshots: `Word(foo)`, `Number(1.5)`, `(`.
    pub fn name(&self) -> String {
        match self {
            TokenKind::Word(w) => format!("Word({w})"),
            TokenKind::Number(n) => format!("Number({n})"),
            TokenKind::StrText(t) => format!("Text({t:?})"),
            TokenKind::StrStart => "StrStart".into(),
            TokenKind::StrEnd => "StrEnd".into(),
            TokenKind::InterpOpen => "InterpOpen".into(),
            TokenKind::InterpClose => "InterpClose".into(),
            TokenKind::Eof => "Eof".into(),
            other => other.symbol().to_string(),
        }
    }

    /// The punctuation or operator as written; empty for tokens with content.
    pub fn symbol(&self) -> &'static str {
        match self {
            TokenKind::LParen => "(",
            TokenKind::RParen => ")",
            TokenKind::LBracket => "[",
            TokenKind::RBracket => "]",
            TokenKind::LBrace => "{",
            TokenKind::RBrace => "}",
            TokenKind::Comma => ",",
            TokenKind::Dot => ".",
            TokenKind::Colon => ":",
            TokenKind::Semi => ";",
            TokenKind::At => "@",
            TokenKind::Question => "?",
            TokenKind::Plus => "+",
            TokenKind::Minus => "-",
            TokenKind::Star => "*",
            TokenKind::Slash => "/",
            TokenKind::Percent => "%",
            TokenKind::Eq => "=",
            TokenKind::Ne => "<>",
            TokenKind::BangEq => "!=",
            TokenKind::Lt => "<",
            TokenKind::Le => "<=",
            TokenKind::Gt => ">",
            TokenKind::Ge => ">=",
            TokenKind::Coalesce => "??",
            TokenKind::StrStart | TokenKind::StrEnd => "\"",
            TokenKind::InterpOpen => "{{",
            TokenKind::InterpClose => "}}",
            TokenKind::Word(_) | TokenKind::Number(_) | TokenKind::StrText(_) | TokenKind::Eof => {
                ""
            }
        }
    }

    /// How an error message names this token: "`)`", "name `foo`", "end of input".
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Word(w) => {
                if super::keywords::is_reserved(w) {
                    format!("keyword `{w}`")
                } else {
                    format!("name `{w}`")
                }
            }
            TokenKind::Number(n) => format!("number `{n}`"),
            TokenKind::StrStart => "a string".into(),
            TokenKind::StrText(_) => "text".into(),
            TokenKind::StrEnd => "the end of the string".into(),
            TokenKind::Eof => "end of input".into(),
            other => format!("`{}`", other.symbol()),
        }
    }
}
