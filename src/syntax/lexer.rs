//! Source text to tokens. A stack of modes handles string literals and their
//! `{{ }}` interpolations (which hold code, which may hold strings again).

use crate::error::Error;
use crate::value::number;

use super::token::{Token, TokenKind};
use crate::span::{line_col, Span};

/// Tokenizes an expression or a program (no shebang handling).
pub fn tokenize(src: &str) -> Result<Vec<Token>, Error> {
    Lexer::new(src, false, false).run()
}

/// Tokenizes a program: a first line starting with `#!` is skipped.
pub fn tokenize_program(src: &str) -> Result<Vec<Token>, Error> {
    Lexer::new(src, false, true).run()
}

/// Tokenizes a template: text with `{{ }}` parts.
pub fn tokenize_template(src: &str) -> Result<Vec<Token>, Error> {
    Lexer::new(src, true, false).run()
}

enum Frame {
    /// Inside `"..."`; `open` is the offset of the opening quote.
    Str { open: usize },
    /// Inside `{{ ... }}`; `braces` counts the open `{` of the embedded code.
    Interp { open: usize, braces: u32 },
}

struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    toks: Vec<Token>,
    nl: bool,
    stack: Vec<Frame>,
    template: bool,
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

impl<'s> Lexer<'s> {
    fn new(src: &'s str, template: bool, shebang: bool) -> Lexer<'s> {
        let mut pos = 0;
        if src.starts_with('\u{feff}') {
            pos = '\u{feff}'.len_utf8();
        }
        if shebang && src[pos..].starts_with("#!") {
            pos += src[pos..].find(['\n', '\r']).unwrap_or(src.len() - pos);
        }
        Lexer {
            src,
            pos,
            toks: Vec::new(),
            nl: false,
            stack: Vec::new(),
            template,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn rest(&self) -> &'s str {
        &self.src[self.pos..]
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.toks.push(Token {
            kind,
            span: span(start, end),
            nl_before: self.nl,
        });
        self.nl = false;
    }

    fn run(mut self) -> Result<Vec<Token>, Error> {
        loop {
            match self.stack.last() {
                Some(Frame::Str { open }) => {
                    let open = *open;
                    self.string_body(open)?;
                }
                None if self.template => {
                    if !self.template_text() {
                        break;
                    }
                }
                _ => {
                    self.skip_trivia()?;
                    if self.pos >= self.src.len() {
                        if let Some(Frame::Interp { open, .. }) = self.stack.last() {
                            return Err(Error::syntax(
                                "unterminated interpolation: `{{` is never closed by `}}`",
                                span(*open, *open + 2),
                            )
                            .incomplete());
                        }
                        break;
                    }
                    self.code_token()?;
                }
            }
        }
        let end = self.src.len();
        self.push(TokenKind::Eof, end, end);
        Ok(self.toks)
    }

    /// Skips whitespace and comments, noting line breaks.
    fn skip_trivia(&mut self) -> Result<(), Error> {
        while let Some(c) = self.peek() {
            if c == '\n' || c == '\r' {
                self.nl = true;
                self.pos += 1;
            } else if c.is_whitespace() || (c == '\u{feff}' && self.pos == 0) {
                self.pos += c.len_utf8();
            } else if self.rest().starts_with("//") {
                self.pos += self.rest().find(['\n', '\r']).unwrap_or(self.rest().len());
            } else if self.rest().starts_with("/*") {
                let start = self.pos;
                match self.rest()[2..].find("*/") {
                    Some(i) => {
                        let body = &self.rest()[2..2 + i];
                        if body.contains(['\n', '\r']) {
                            self.nl = true;
                        }
                        self.pos += i + 4;
                    }
                    None => {
                        return Err(Error::syntax(
                            "unterminated block comment: `/*` is never closed by `*/`",
                            span(start, start + 2),
                        )
                        .incomplete())
                    }
                }
            } else {
                break;
            }
        }
        Ok(())
    }

    fn code_token(&mut self) -> Result<(), Error> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(());
        };
        let next = self.peek_at(1);
        let (kind, len) = match c {
            'a'..='z' | 'A'..='Z' | '_' => return self.word(),
            '0'..='9' => return self.number(),
            '"' => {
                self.push(TokenKind::StrStart, start, start + 1);
                self.pos += 1;
                self.stack.push(Frame::Str { open: start });
                return Ok(());
            }
            '{' => {
                if let Some(Frame::Interp { braces, .. }) = self.stack.last_mut() {
                    *braces += 1;
                }
                (TokenKind::LBrace, 1)
            }
            '}' => match self.stack.last_mut() {
                Some(Frame::Interp { braces, .. }) if *braces > 0 => {
                    *braces -= 1;
                    (TokenKind::RBrace, 1)
                }
                Some(Frame::Interp { .. }) if next == Some('}') => {
                    self.stack.pop();
                    (TokenKind::InterpClose, 2)
                }
                _ => (TokenKind::RBrace, 1),
            },
            '(' => (TokenKind::LParen, 1),
            ')' => (TokenKind::RParen, 1),
            '[' => (TokenKind::LBracket, 1),
            ']' => (TokenKind::RBracket, 1),
            ',' => (TokenKind::Comma, 1),
            '.' => (TokenKind::Dot, 1),
            ':' => (TokenKind::Colon, 1),
            ';' => (TokenKind::Semi, 1),
            '@' => (TokenKind::At, 1),
            '+' => (TokenKind::Plus, 1),
            '-' => (TokenKind::Minus, 1),
            '*' => (TokenKind::Star, 1),
            '/' => (TokenKind::Slash, 1),
            '%' => (TokenKind::Percent, 1),
            '?' if next == Some('?') => (TokenKind::Coalesce, 2),
            '?' => (TokenKind::Question, 1),
            '<' if next == Some('>') => (TokenKind::Ne, 2),
            '<' if next == Some('=') => (TokenKind::Le, 2),
            '<' => (TokenKind::Lt, 1),
            '>' if next == Some('=') => (TokenKind::Ge, 2),
            '>' => (TokenKind::Gt, 1),
            '!' if next == Some('=') => (TokenKind::BangEq, 2),
            '=' if next == Some('=') => {
                return Err(Error::syntax("unexpected `==`", span(start, start + 2))
                    .with_help("use a single `=` to compare"))
            }
            '=' if next == Some('>') => {
                return Err(Error::syntax("unexpected `=>`", span(start, start + 2))
                    .with_help("`=>` is not an operator; comparisons are written `a = b`"))
            }
            '=' => (TokenKind::Eq, 1),
            _ => return Err(self.bad_char(c, next)),
        };
        self.push(kind, start, start + len);
        self.pos += len;
        Ok(())
    }

    fn bad_char(&self, c: char, next: Option<char>) -> Error {
        let start = self.pos;
        let one = span(start, start + c.len_utf8());
        let two = |s: &str, help: &str| {
            Error::syntax(format!("unexpected `{s}`"), span(start, start + 2)).with_help(help)
        };
        match (c, next) {
            ('&', Some('&')) => two("&&", "use AND for logical and"),
            ('|', Some('|')) => two("||", "use OR for logical or"),
            _ => {
                let err = Error::syntax(format!("unexpected character `{c}`"), one);
                match c {
                    '“' | '”' | '‘' | '’' => {
                        err.with_help("use a straight double quote \"")
                    }
                    '\'' => err.with_help("strings use double quotes: \"text\""),
                    '&' => err.with_help("use AND for logical and, or + to join texts"),
                    '|' => err.with_help("use OR for logical or"),
                    '!' => err.with_help("use NOT for negation, or != for not equal"),
                    '^' => err.with_help("there is no power operator; use POWER(x, y)"),
                    _ if !c.is_ascii() && c.is_alphabetic() => {
                        err.with_help("names use only ASCII letters, digits and _")
                    }
                    _ => err,
                }
            }
        }
    }

    fn word(&mut self) -> Result<(), Error> {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        self.pos += len;
        let text = self.src[start..self.pos].to_string();
        self.push(TokenKind::Word(text), start, self.pos);
        Ok(())
    }

    fn digits(&mut self) -> &'s str {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest().len());
        self.pos += len;
        &self.src[start..self.pos]
    }

    fn number(&mut self) -> Result<(), Error> {
        let start = self.pos;
        let int = self.digits();
        let mut frac = "";
        if self.peek() == Some('.') {
            self.pos += 1;
            frac = self.digits();
            if frac.is_empty() {
                return Err(Error::syntax(
                    format!(
                        "expected a digit after the decimal point in `{}`",
                        &self.src[start..self.pos]
                    ),
                    span(start, self.pos),
                )
                .with_help("write the fraction digits, e.g. 5.0, or leave out the point"));
            }
        }
        let mut exp: i64 = 0;
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            let negative = match self.peek() {
                Some('-') => {
                    self.pos += 1;
                    true
                }
                Some('+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let digits = self.digits();
            if digits.is_empty() {
                return Err(Error::syntax(
                    format!(
                        "expected digits in the exponent of `{}`",
                        &self.src[start..self.pos]
                    ),
                    span(start, self.pos.max(save + 1)),
                ));
            }
            for b in digits.bytes() {
                exp = (exp * 10 + i64::from(b - b'0')).min(1_000_000_000);
            }
            if negative {
                exp = -exp;
            }
        }
        if let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                let end = self.pos + c.len_utf8();
                return Err(Error::syntax(
                    format!(
                        "unexpected `{c}` right after the number `{}`",
                        &self.src[start..self.pos]
                    ),
                    span(start, end),
                ));
            }
        }
        let value = number::from_digits(int, frac, exp).ok_or_else(|| {
            Error::syntax("number out of range", span(start, self.pos))
                .with_help("numbers must be smaller than 10^28 in magnitude")
        })?;
        self.push(TokenKind::Number(value), start, self.pos);
        Ok(())
    }

    /// Reads string content up to the closing quote or the next `{{`.
    fn string_body(&mut self, open: usize) -> Result<(), Error> {
        let mut text = String::new();
        let mut text_start = self.pos;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unterminated_string(open));
            };
            match c {
                '"' => {
                    self.flush_text(&mut text, text_start);
                    self.push(TokenKind::StrEnd, self.pos, self.pos + 1);
                    self.pos += 1;
                    self.stack.pop();
                    return Ok(());
                }
                '\\' => self.escape(&mut text)?,
                '{' if self.peek_at(1) == Some('{') => {
                    self.flush_text(&mut text, text_start);
                    self.push(TokenKind::InterpOpen, self.pos, self.pos + 2);
                    self.stack.push(Frame::Interp {
                        open: self.pos,
                        braces: 0,
                    });
                    self.pos += 2;
                    return Ok(());
                }
                _ => {
                    if text.is_empty() {
                        text_start = self.pos;
                    }
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
            if text.is_empty() {
                text_start = self.pos;
            }
        }
    }

    fn unterminated_string(&self, open: usize) -> Error {
        let err = Error::syntax(
            "unterminated string: `\"` is never closed",
            span(open, open + 1),
        )
        .incomplete();
        let outer = self.stack.iter().rev().find_map(|f| match f {
            Frame::Interp { open, .. } => Some(*open),
            Frame::Str { .. } => None,
        });
        match outer {
            Some(i) => {
                let (l, c) = line_col(self.src, i as u32);
                err.with_help(format!(
                    "this quote is inside the interpolation `{{{{` at {l}:{c}; is its `}}}}` missing?"
                ))
            }
            None => err,
        }
    }

    fn flush_text(&mut self, text: &mut String, start: usize) {
        if !text.is_empty() {
            let t = std::mem::take(text);
            self.push(TokenKind::StrText(t), start, self.pos);
        }
    }

    fn escape(&mut self, text: &mut String) -> Result<(), Error> {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(Error::syntax(
                "unterminated string: it ends in a backslash",
                span(start, start + 1),
            )
            .incomplete());
        };
        self.pos += c.len_utf8();
        let decoded = match c {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '{' => '{',
            '}' => '}',
            'u' => self.unicode_escape(start)?,
            _ => {
                return Err(Error::syntax(
                    format!("unknown escape `\\{c}` in a string"),
                    span(start, self.pos),
                )
                .with_help(
                    "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\{ \\} and \\uXXXX",
                ))
            }
        };
        text.push(decoded);
        Ok(())
    }

    fn hex4(&mut self, start: usize) -> Result<u32, Error> {
        let digits = self
            .rest()
            .get(..4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(Error::syntax(
                "expected 4 hex digits after `\\u`",
                span(start, self.pos),
            )),
        }
    }

    fn unicode_escape(&mut self, start: usize) -> Result<char, Error> {
        let first = self.hex4(start)?;
        let lone = |lx: &Lexer, s: usize| {
            Error::syntax(
                "lone surrogate in a `\\u` escape",
                span(s, lx.pos),
            )
            .with_help("a high surrogate \\uD800-\\uDBFF must be followed by a low surrogate \\uDC00-\\uDFFF")
        };
        match first {
            0xD800..=0xDBFF => {
                if !self.rest().starts_with("\\u") {
                    return Err(lone(self, start));
                }
                let second_start = self.pos;
                self.pos += 2;
                let second = self.hex4(second_start)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone(self, start));
                }
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                char::from_u32(code).ok_or_else(|| lone(self, start))
            }
            0xDC00..=0xDFFF => Err(lone(self, start)),
            _ => char::from_u32(first).ok_or_else(|| lone(self, start)),
        }
    }

    /// Template text up to the next `{{`; returns false at the end of input.
    fn template_text(&mut self) -> bool {
        let mut text = String::new();
        let text_start = self.pos;
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                self.flush_text(&mut text, text_start);
                return false;
            }
            if rest.starts_with("\\{{") {
                text.push_str("{{");
                self.pos += 3;
            } else if rest.starts_with("{{") {
                self.flush_text(&mut text, text_start);
                self.push(TokenKind::InterpOpen, self.pos, self.pos + 2);
                self.stack.push(Frame::Interp {
                    open: self.pos,
                    braces: 0,
                });
                self.pos += 2;
                return true;
            } else if let Some(c) = self.peek() {
                text.push(c);
                self.pos += c.len_utf8();
            }
        }
    }
}
