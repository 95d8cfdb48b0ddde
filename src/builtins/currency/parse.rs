//! The grammar of PARSE_CURRENCY (functions-time-math.md §6.4): money as
//! people write it, and as FORMAT_CURRENCY writes it.
//!
//! ```text
//! [-] [marker [-]] number [marker]        or the same inside ( … )
//! number = digits [decimal digits]
//! ```
//!
//! Spaces may surround the marker. `digits` may be grouped as PARSE_NUMBER
//! reads them (a first group of 1–3 digits, then groups of exactly three);
//! the separators are the locale's. A marker is a three-letter code or one
//! of the symbols of [`SYMBOLS`]; at most one is written.

use rust_decimal::Decimal;

use crate::builtins::format::bounded::digits_value;
use crate::builtins::numberformat::parse::{integer_digits, Cursor, Problem};
use crate::value::CurrencyCode;

/// The symbols that name one currency, longest first so that `US$` is not
/// read as `U` and `S$`. A bare `$` is decided by the caller.
const SYMBOLS: &[(&str, &[u8; 3])] = &[
    ("US$", b"USD"),
    ("CA$", b"CAD"),
    ("AU$", b"AUD"),
    ("NZ$", b"NZD"),
    ("MX$", b"MXN"),
    ("HK$", b"HKD"),
    ("CN¥", b"CNY"),
    ("JP¥", b"JPY"),
    ("A$", b"AUD"),
    ("R$", b"BRL"),
    ("€", b"EUR"),
    ("£", b"GBP"),
    ("¥", b"JPY"),
    ("₹", b"INR"),
    ("₩", b"KRW"),
    ("₪", b"ILS"),
];

/// The currency a marker names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A code or a symbol of one currency.
    Code(CurrencyCode),
    /// A bare `$`: the code argument, the locale's dollar, or USD.
    Dollar,
}

/// What the text says: the amount in major units, the number of decimals
/// written, and the marker if there was one.
#[derive(Debug, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    pub decimals: u32,
    pub marker: Option<Marker>,
}

/// Reads `text` with the locale's separators.
pub fn parse_money(text: &str, group: char, decimal: char) -> Result<Money, Problem> {
    let start = text.len() - text.trim_start().len();
    let mut c = Cursor {
        text,
        pos: start,
        end: text.trim_end().len().max(start),
    };
    if c.pos == c.end {
        return Err(c.problem("expected an amount"));
    }
    let parenthesized = c.peek() == Some('(');
    if parenthesized {
        c.bump();
        skip_spaces(&mut c);
    }
    let mut negative = parenthesized;
    let mut sign = |c: &mut Cursor<'_>| -> Result<(), Problem> {
        if c.peek() == Some('-') {
            if negative {
                return Err(c.problem("a second minus sign"));
            }
            negative = true;
            c.bump();
            skip_spaces(c);
        }
        Ok(())
    };
    sign(&mut c)?;
    let mut marker = marker(&mut c);
    if marker.is_some() {
        skip_spaces(&mut c);
        sign(&mut c)?;
    }
    let digits_at = c.pos;
    let int = integer_digits(&mut c, group)?;
    if int.is_empty() {
        return Err(c.problem_at(digits_at, "expected digits"));
    }
    let mut frac = "";
    if c.peek() == Some(decimal) {
        c.bump();
        frac = c.digits();
        if frac.is_empty() {
            return Err(c.problem("expected digits after the decimal separator"));
        }
    }
    let after_number = c.pos;
    skip_spaces(&mut c);
    if marker.is_none() {
        marker = self::marker(&mut c);
        if marker.is_some() {
            skip_spaces(&mut c);
        } else {
            c.pos = after_number;
        }
    }
    if parenthesized {
        if c.peek() != Some(')') {
            return Err(c.problem("expected the closing parenthesis"));
        }
        c.bump();
    }
    if c.pos < c.end {
        let here = c.pos;
        let what = match (marker, self::marker(&mut c)) {
            (Some(_), Some(_)) => "a second currency marker",
            (Some(_), None) => "unexpected character",
            (None, _) => "expected a currency symbol or code",
        };
        return Err(c.problem_at(here, what));
    }
    let n = digits_value(&int, frac, 0).ok_or(Problem::Overflow)?;
    Ok(Money {
        amount: if negative && !n.is_zero() { -n } else { n },
        decimals: frac.len() as u32,
        marker,
    })
}

fn skip_spaces(c: &mut Cursor<'_>) {
    while c.peek().is_some_and(char::is_whitespace) {
        c.bump();
    }
}

/// The marker at the cursor, which moves past it; `None` (and the cursor
/// unmoved) when there is none.
fn marker(c: &mut Cursor<'_>) -> Option<Marker> {
    let rest = c.text.get(c.pos..c.end)?;
    if let Some((sym, code)) = SYMBOLS.iter().find(|(s, _)| rest.starts_with(s)) {
        c.pos += sym.len();
        return Some(Marker::Code(CurrencyCode(**code)));
    }
    if rest.starts_with('$') {
        c.pos += 1;
        return Some(Marker::Dollar);
    }
    // Three letters and no fourth: a long run of letters is not counted out.
    let letters = rest
        .bytes()
        .take(4)
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if letters == 3 {
        let code = CurrencyCode::parse(&rest[..3])?;
        c.pos += 3;
        return Some(Marker::Code(code));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn ok(text: &str) -> (String, u32, Option<Marker>) {
        let m = parse_money(text, ',', '.').unwrap();
        (m.amount.to_string(), m.decimals, m.marker)
    }
    fn code(s: &str) -> Option<Marker> {
        Some(Marker::Code(CurrencyCode::parse(s).unwrap()))
    }
    fn problem(text: &str) -> (usize, String) {
        match parse_money(text, ',', '.') {
            Err(Problem::Unreadable { at, what }) => (at, what),
            other => panic!("expected a problem, got {other:?}"),
        }
    }

    #[test]
    fn markers_before_and_after_with_signs_and_parentheses() {
        assert_eq!(ok("$1.00"), ("1".into(), 2, Some(Marker::Dollar)));
        assert_eq!(ok("  -$5.25 "), ("-5.25".into(), 2, Some(Marker::Dollar)));
        assert_eq!(ok("$-5.25"), ("-5.25".into(), 2, Some(Marker::Dollar)));
        assert_eq!(ok("($5.25)"), ("-5.25".into(), 2, Some(Marker::Dollar)));
        assert_eq!(ok("( 5.25 EUR )"), ("-5.25".into(), 2, code("EUR")));
        assert_eq!(ok("10 EUR"), ("10".into(), 0, code("EUR")));
        assert_eq!(ok("chf1,234.5"), ("1234.5".into(), 1, code("CHF")));
        assert_eq!(ok("US$5"), ("5".into(), 0, code("USD")));
        assert_eq!(ok("A$ 5"), ("5".into(), 0, code("AUD")));
        assert_eq!(ok("AU$5"), ("5".into(), 0, code("AUD")));
        assert_eq!(ok("CN¥12"), ("12".into(), 0, code("CNY")));
        assert_eq!(ok("¥1,000"), ("1000".into(), 0, code("JPY")));
        assert_eq!(ok("1.00"), ("1".into(), 2, None));
        assert_eq!(ok("-0.00"), ("0".into(), 2, None));
        assert_eq!(ok("5 ₪"), ("5".into(), 0, code("ILS")));
    }

    #[test]
    fn german_separators() {
        let m = parse_money("-1.234,56 €", '.', ',').unwrap();
        assert_eq!(m.amount, Decimal::from_str("-1234.56").unwrap());
        assert_eq!(m.marker, code("EUR"));
    }

    #[test]
    fn malformed_text_names_the_position() {
        assert_eq!(
            problem("$1.2.3"),
            (4, "unexpected character, found '.'".into())
        );
        assert_eq!(problem(""), (0, "expected an amount, found the end".into()));
        assert_eq!(
            problem("Not a currency"),
            (4, "expected digits, found 'a'".into())
        );
        assert_eq!(
            problem("$1,23"),
            (
                2,
                "a group separator must be followed by exactly three digits, found ','".into()
            )
        );
        assert_eq!(
            problem("$5 EUR"),
            (3, "a second currency marker, found 'E'".into())
        );
        assert_eq!(problem("--5"), (1, "expected digits, found '-'".into()));
        assert_eq!(
            problem("-$-5"),
            (2, "a second minus sign, found '-'".into())
        );
        assert_eq!(
            problem("($5"),
            (3, "expected the closing parenthesis, found the end".into())
        );
        assert_eq!(
            problem("5."),
            (
                2,
                "expected digits after the decimal separator, found the end".into()
            )
        );
        assert_eq!(problem("🙂5"), (0, "expected digits, found '🙂'".into()));
        assert_eq!(
            problem("5🙂"),
            (1, "expected a currency symbol or code, found '🙂'".into())
        );
        assert_eq!(problem("EURO 5"), (0, "expected digits, found 'E'".into()));
        assert_eq!(
            problem("1e3"),
            (1, "expected a currency symbol or code, found 'e'".into())
        );
    }

    #[test]
    fn huge_amounts_overflow() {
        let digits = "9".repeat(40);
        assert_eq!(parse_money(&digits, ',', '.'), Err(Problem::Overflow));
    }
}
