//! Currency values: an exact amount, an ISO 4217 code and a precision.

use std::fmt;

use rust_decimal::Decimal;

/// A three-letter upper-case ISO 4217 code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CurrencyCode(pub [u8; 3]);

impl CurrencyCode {
    /// Parses a code, accepting any letter case; `None` unless three ASCII letters.
    pub fn parse(s: &str) -> Option<CurrencyCode> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) {
            Some(CurrencyCode([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
                b[2].to_ascii_uppercase(),
            ]))
        } else {
            None
        }
    }
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Debug for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A money amount. `amount` is in major units (one dollar is `1.00`), and is
/// kept rounded to `precision` fractional digits.
#[derive(Clone, Copy, Debug)]
pub struct Currency {
    pub amount: Decimal,
    pub code: CurrencyCode,
    pub precision: u8,
}

impl Currency {
    /// The amount in minor units (`CURRENCY(100, "USD", 2)` has 100).
    pub fn minor_units(&self) -> Decimal {
        let mut m = self.amount * Decimal::from(10i64.pow(u32::from(self.precision.min(18))));
        m = m.normalize();
        m
    }
}

/// What `FORMAT_CURRENCY(value)` returns for `locale` (a BCP 47 tag such as
/// `en-US`): the rendering of a Currency inside `{{ }}` (language.md §7.2).
pub fn format_default(c: &Currency, locale: &str) -> String {
    let _ = locale;
    format!("{} {}", c.code, c.amount)
}
