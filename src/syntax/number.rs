//! Number literal text to an exact `Decimal` (§2.5).

use rust_decimal::Decimal;

/// Significant digits kept; more are rounded half to even.
const MAX_DIGITS: i64 = 28;
/// Fraction digits `Decimal` can hold.
const MAX_SCALE: i64 = 28;

/// Why a well-formed literal has no value.
#[derive(Debug, PartialEq, Eq)]
pub enum NumberError {
    OutOfRange,
}

/// Converts the parts of a lexically valid literal: integer digits, fraction
/// digits (possibly empty) and the exponent (already saturated to a sane range).
pub fn to_decimal(int: &str, frac: &str, exp: i64) -> Result<Decimal, NumberError> {
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let first_nonzero = all.iter().position(|&d| d != 0);
    let Some(first) = first_nonzero else {
        return Ok(Decimal::ZERO);
    };
    let digits = &all[first..];
    let len = digits.len() as i64;
    // Position of the decimal point counted from the first significant digit.
    let int_digits = (int.len() as i64 - first as i64).saturating_add(exp);
    if int_digits > MAX_DIGITS {
        return Err(NumberError::OutOfRange);
    }
    // Fraction digits present in the exact value.
    let exact_frac = (len - int_digits).max(0);
    let mut frac_keep = exact_frac.min(MAX_SCALE);
    let mut keep = int_digits + frac_keep;
    if keep > MAX_DIGITS {
        frac_keep -= keep - MAX_DIGITS;
        keep = MAX_DIGITS;
    }
    let mut mantissa: u128 = 0;
    for i in 0..keep.max(0) {
        let d = digits.get(i as usize).copied().unwrap_or(0);
        mantissa = mantissa * 10 + u128::from(d);
    }
    // Round half to even on the dropped digits.
    let dropped_start = keep;
    if dropped_start < len {
        let (first_dropped, rest_nonzero) = if dropped_start < 0 {
            // The first dropped digit is an implicit leading 0.
            (0, true)
        } else {
            let i = dropped_start as usize;
            (digits[i], digits[i + 1..].iter().any(|&d| d != 0))
        };
        let round_up = match first_dropped {
            d if d > 5 => true,
            5 => rest_nonzero || mantissa % 2 == 1,
            _ => false,
        };
        if round_up {
            mantissa += 1;
        }
    }
    let scale = frac_keep as u32;
    if 10u128
        .checked_pow(28 + scale)
        .is_some_and(|limit| mantissa >= limit)
    {
        return Err(NumberError::OutOfRange);
    }
    let m = i128::try_from(mantissa).map_err(|_| NumberError::OutOfRange)?;
    Decimal::try_from_i128_with_scale(m, scale)
        .map(|d| d.normalize())
        .map_err(|_| NumberError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_and_exponent() {
        assert_eq!(to_decimal("42", "", 0), Ok(dec("42")));
        assert_eq!(to_decimal("3", "14159", 0), Ok(dec("3.14159")));
        assert_eq!(to_decimal("1", "5", 3), Ok(dec("1500")));
        assert_eq!(to_decimal("2", "", -2), Ok(dec("0.02")));
        assert_eq!(to_decimal("007", "", 0), Ok(dec("7")));
        assert_eq!(to_decimal("0", "000", 0), Ok(Decimal::ZERO));
        assert_eq!(to_decimal("0", "", 999_999), Ok(Decimal::ZERO));
    }

    #[test]
    fn range() {
        let big = "9".repeat(28);
        assert_eq!(to_decimal(&big, "", 0), Ok(dec(&big)));
        assert_eq!(
            to_decimal(&format!("1{}", "0".repeat(28)), "", 0),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(to_decimal("1", "", 28), Err(NumberError::OutOfRange));
        assert_eq!(to_decimal(&big, "9", 0), Err(NumberError::OutOfRange));
        assert_eq!(to_decimal("1", "", 1_000_000), Err(NumberError::OutOfRange));
    }

    #[test]
    fn rounding_half_even() {
        // 28 significant digits kept.
        let s = format!("1{}5", "0".repeat(27)); // 29 digits ending in 5, even before
        assert_eq!(
            to_decimal("0", &s, 0),
            Ok(dec(&format!("0.1{}", "0".repeat(27))))
        );
        let odd = format!("1{}15", "0".repeat(26));
        assert_eq!(
            to_decimal("0", &odd, 0),
            Ok(dec(&format!("0.1{}2", "0".repeat(26))))
        );
        assert_eq!(to_decimal("1", "", -29), Ok(Decimal::ZERO));
        assert_eq!(
            to_decimal("6", "", -29),
            Ok(dec("0.0000000000000000000000000001"))
        );
        assert_eq!(to_decimal("5", "", -29), Ok(Decimal::ZERO));
        assert_eq!(
            to_decimal("51", "", -30),
            Ok(dec("0.0000000000000000000000000001"))
        );
        assert_eq!(to_decimal("1", "", -9_999_999), Ok(Decimal::ZERO));
        let many = "3".repeat(10_000);
        assert_eq!(
            to_decimal("0", &many, 0),
            Ok(dec(&format!("0.{}", "3".repeat(28))))
        );
    }
}
