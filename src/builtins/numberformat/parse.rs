//! The grammar of PARSE_NUMBER (functions-text-data.md §8.3): numbers as
//! people write them, with a locale's separators, read exactly.
//!
//! ```text
//! [+|-|(] digits [decimal digits] [(e|E) [+|-] digits] [spaces %] [)]
//! ```
//!
//! where `digits` may be grouped — a first group of 1–3 digits, then groups
//! of exactly three after each group separator — and the digits may be
//! missing on one side of the decimal separator, not both. Parentheses
//! (both or neither) make the number negative; `%` divides it by 100.

use rust_decimal::Decimal;

use crate::builtins::format::bounded::digits_value;

/// Why a text is not a number.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// The text breaks the grammar at character `at` (0-based, in the text
    /// as given, whitespace included); `what` says how.
    Unreadable { at: usize, what: String },
    /// The magnitude is 10^28 or more.
    Overflow,
}

/// Reads `text` with the group separator `group` and decimal separator
/// `decimal`. More than 28 significant digits round half to even.
pub fn parse_number(text: &str, group: char, decimal: char) -> Result<Decimal, Problem> {
    let start = text.len() - text.trim_start().len();
    let mut c = Cursor {
        text,
        pos: start,
        end: text.trim_end().len().max(start),
    };
    let (negative, parenthesized) = match c.peek() {
        Some('(') => (true, true),
        Some('-') => (true, false),
        Some('+') => (false, false),
        _ => (false, false),
    };
    if c.peek().is_some_and(|ch| matches!(ch, '(' | '-' | '+')) {
        c.bump();
    }
    let digits_at = c.pos;
    let int = integer_digits(&mut c, group)?;
    let mut frac = String::new();
    if c.peek() == Some(decimal) {
        c.bump();
        frac = c.digits().to_owned();
    }
    if int.is_empty() && frac.is_empty() {
        return Err(c.problem_at(digits_at, "expected digits"));
    }
    let mut exp: i64 = 0;
    if matches!(c.peek(), Some('e' | 'E')) {
        c.bump();
        let minus = match c.peek() {
            Some(sign @ ('+' | '-')) => {
                c.bump();
                sign == '-'
            }
            _ => false,
        };
        let digits = c.digits();
        if digits.is_empty() {
            return Err(c.problem("expected the digits of the exponent"));
        }
        // Saturates far beyond any exponent that is in range.
        let magnitude = digits.bytes().fold(0i64, |e, d| {
            (e * 10 + i64::from(d - b'0')).min(1_000_000_000_000)
        });
        exp = if minus { -magnitude } else { magnitude };
    }
    let before_spaces = c.pos;
    while c.peek().is_some_and(char::is_whitespace) {
        c.bump();
    }
    if c.peek() == Some('%') {
        c.bump();
        exp -= 2;
    } else {
        c.pos = before_spaces;
    }
    if parenthesized {
        if c.peek() != Some(')') {
            return Err(c.problem("expected the closing parenthesis"));
        }
        c.bump();
    }
    if c.pos < c.end {
        return Err(c.problem("unexpected character"));
    }
    let n = digits_value(&int, &frac, exp).ok_or(Problem::Overflow)?;
    Ok(if negative && !n.is_zero() { -n } else { n })
}

/// The integer digits, without group separators; empty when there are none.
pub(crate) fn integer_digits(c: &mut Cursor<'_>, group: char) -> Result<String, Problem> {
    let first = c.digits();
    let mut int = first.to_owned();
    if c.peek() != Some(group) {
        return Ok(int);
    }
    if !(1..=3).contains(&first.len()) {
        return Err(c.problem("a group separator must follow a group of 1 to 3 digits"));
    }
    while c.peek() == Some(group) {
        let separator = c.pos;
        c.bump();
        let digits = c.digits();
        if digits.len() != 3 {
            return Err(c.problem_at(
                separator,
                "a group separator must be followed by exactly three digits",
            ));
        }
        int.push_str(digits);
    }
    Ok(int)
}

/// A position in the text being read, which ends at `end` (trailing
/// whitespace excluded).
pub(crate) struct Cursor<'a> {
    pub text: &'a str,
    /// Byte offset of the next character.
    pub pos: usize,
    pub end: usize,
}

impl<'a> Cursor<'a> {
    pub fn peek(&self) -> Option<char> {
        self.text.get(self.pos..self.end)?.chars().next()
    }

    pub fn bump(&mut self) {
        if let Some(ch) = self.peek() {
            self.pos += ch.len_utf8();
        }
    }

    /// The run of ASCII digits at the cursor, which moves past it.
    pub fn digits(&mut self) -> &'a str {
        let rest = self.text.get(self.pos..self.end).unwrap_or("");
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        self.pos += len;
        &rest[..len]
    }

    /// A problem at the cursor: what was found there, and `expected`.
    pub fn problem(&self, expected: &str) -> Problem {
        self.problem_at(self.pos, expected)
    }

    pub fn problem_at(&self, byte: usize, what: &str) -> Problem {
        let at = self.text[..byte].chars().count();
        let found = match self.text.get(byte..self.end).and_then(|r| r.chars().next()) {
            Some(ch) => format!("{ch:?}"),
            None => "the end".to_owned(),
        };
        Problem::Unreadable {
            at,
            what: format!("{what}, found {found}"),
        }
    }
}
