//! Checked Currency helpers for the operators, display and JSON: building a
//! Currency at a precision and reading its amount in minor units.
//!
//! Invariant kept by everything here: the amount in minor units has magnitude
//! below 10^28, so it is itself a valid Number.

use rust_decimal::{Decimal, RoundingStrategy};

use super::number::{overflow, LIMIT};
use super::{Currency, CurrencyCode};
use crate::error::Result;

/// 10^p for a precision 0..=18 (larger precisions are clamped to 18).
fn power_of_ten(precision: u8) -> Decimal {
    Decimal::from(10i64.pow(u32::from(precision.min(18))))
}

/// The amount in minor units (`CURRENCY(100, "USD", 2)` has 100), normalized;
/// `None` only if the value breaks the range invariant.
pub fn minor_units(c: &Currency) -> Option<Decimal> {
    c.amount
        .checked_mul(power_of_ten(c.precision))
        .map(|m| m.normalize())
}

/// A Currency of `amount` major units, rounded half away from zero to
/// `precision` digits; an `ArithmeticError` when the minor units reach 10^28.
pub fn make(amount: Decimal, code: CurrencyCode, precision: u8) -> Result<Currency> {
    let p = u32::from(precision.min(18));
    let mut rounded = amount.round_dp_with_strategy(p, RoundingStrategy::MidpointAwayFromZero);
    let minor = rounded
        .checked_mul(power_of_ten(precision))
        .ok_or_else(overflow)?;
    if minor.abs() >= LIMIT {
        return Err(overflow());
    }
    rounded.rescale(p);
    Ok(Currency {
        amount: rounded,
        code,
        precision: precision.min(18),
    })
}

/// Writes the amount in minor units in plain decimal form. Exact even for a
/// value outside the invariant (the decimal point is moved in the text).
pub fn write_minor_units(c: &Currency, out: &mut String) {
    if let Some(m) = minor_units(c) {
        super::number::write_plain(m, out);
        return;
    }
    let text = super::number::plain(c.amount);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let p = usize::from(c.precision);
    let mut shifted = String::with_capacity(int.len() + p + 1);
    shifted.push_str(int);
    shifted.push_str(frac.get(..p.min(frac.len())).unwrap_or(""));
    for _ in frac.len()..p {
        shifted.push('0');
    }
    let rest = frac.get(p..).unwrap_or("");
    let shifted = shifted.trim_start_matches('0');
    out.push_str(sign);
    out.push_str(if shifted.is_empty() { "0" } else { shifted });
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn usd() -> CurrencyCode {
        CurrencyCode(*b"USD")
    }

    #[test]
    fn make_rounds_half_away_from_zero_and_fixes_the_scale() {
        let c = make(d("1.649175"), usd(), 2).unwrap();
        assert_eq!(c.amount.to_string(), "1.65");
        let c = make(d("-0.125"), usd(), 2).unwrap();
        assert_eq!(c.amount.to_string(), "-0.13");
        let c = make(d("3"), usd(), 2).unwrap();
        assert_eq!(c.amount.to_string(), "3.00");
        assert_eq!(c.precision, 2);
    }

    #[test]
    fn make_checks_the_minor_unit_range() {
        assert!(make(d("99999999999999999999999999.99"), usd(), 2).is_ok());
        let e = make(d("100000000000000000000000000"), usd(), 2).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Arithmetic);
        let e = make(d("10000000000"), usd(), 18).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Arithmetic);
    }

    #[test]
    fn minor_units_of_valid_and_broken_values() {
        let c = Currency {
            amount: d("1.00"),
            code: usd(),
            precision: 2,
        };
        assert_eq!(minor_units(&c), Some(d("100")));
        let mut s = String::new();
        write_minor_units(&c, &mut s);
        assert_eq!(s, "100");
        // Outside the invariant: still written exactly.
        let big = Currency {
            amount: d("12345678901234567890.5"),
            code: usd(),
            precision: 18,
        };
        assert_eq!(minor_units(&big), None);
        let mut s = String::new();
        write_minor_units(&big, &mut s);
        assert_eq!(s, "12345678901234567890500000000000000000");
        let neg = Currency {
            amount: d("-0.05"),
            code: usd(),
            precision: 2,
        };
        let mut s = String::new();
        write_minor_units(&neg, &mut s);
        assert_eq!(s, "-5");
    }
}
