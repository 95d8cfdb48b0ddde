//! Currency values: an exact amount, an ISO 4217 code and a precision; the
//! ISO minor units, and the locale data and pattern language of
//! `FORMAT_CURRENCY` (functions-time-math.md §6).

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

    /// The US dollar, the default code.
    pub const USD: CurrencyCode = CurrencyCode(*b"USD");

    /// The ISO 4217 minor unit: how many decimals the code's minor unit has
    /// (JPY 0, USD 2, BHD 3, CLF 4); 2 for codes outside ISO 4217.
    pub fn minor_unit(&self) -> u8 {
        match &self.0 {
            b"BIF" | b"CLP" | b"DJF" | b"GNF" | b"ISK" | b"JPY" | b"KMF" | b"KRW" | b"PYG"
            | b"RWF" | b"UGX" | b"UYI" | b"VND" | b"VUV" | b"XAF" | b"XOF" | b"XPF" => 0,
            b"BHD" | b"IQD" | b"JOD" | b"KWD" | b"LYD" | b"OMR" | b"TND" => 3,
            b"CLF" | b"UYW" => 4,
            _ => 2,
        }
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

/// The largest precision a Currency may have.
pub const MAX_PRECISION: u8 = 18;

/// A money amount. `amount` is in major units (one dollar is `1.00`), and is
/// kept rounded to `precision` fractional digits.
#[derive(Clone, Copy, Debug)]
pub struct Currency {
    pub amount: Decimal,
    pub code: CurrencyCode,
    pub precision: u8,
}

impl Currency {
    /// The Currency of `minor` minor units (a whole number) at `precision`
    /// decimals: `from_minor(100, USD, 2)` is one dollar. `None` when `minor` is
    /// not whole or `precision` is above [`MAX_PRECISION`].
    pub fn from_minor(minor: Decimal, code: CurrencyCode, precision: u8) -> Option<Currency> {
        if !minor.fract().is_zero() || precision > MAX_PRECISION {
            return None;
        }
        let mut amount = minor.trunc();
        amount.rescale(0);
        amount.set_scale(u32::from(precision)).ok()?;
        Some(Currency {
            amount,
            code,
            precision,
        })
    }

    /// The amount in minor units (`CURRENCY(100, "USD", 2)` has 100).
    pub fn minor_units(&self) -> Decimal {
        let scale = Decimal::from(10i64.pow(u32::from(self.precision.min(MAX_PRECISION))));
        self.amount
            .checked_mul(scale)
            .map(|m| m.normalize())
            .unwrap_or(self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::testing::currency as cur;

    #[test]
    fn minor_units_table() {
        let mu = |s: &str| CurrencyCode::parse(s).unwrap().minor_unit();
        assert_eq!(
            (mu("USD"), mu("jpy"), mu("BHD"), mu("CLF"), mu("ABC")),
            (2, 0, 3, 4, 2)
        );
    }

    #[test]
    fn from_minor_and_back() {
        let c = cur(10454, "USD", 3);
        assert_eq!(c.amount.to_string(), "10.454");
        assert_eq!(c.minor_units(), Decimal::from(10454));
        assert!(Currency::from_minor(Decimal::new(105, 1), CurrencyCode::USD, 2).is_none());
        assert!(Currency::from_minor(Decimal::ONE, CurrencyCode::USD, 19).is_none());
        assert_eq!(cur(-150, "USD", 2).amount.to_string(), "-1.50");
    }
}
