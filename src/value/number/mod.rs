//! Exact decimal numbers: the plain decimal form used by rendering and display,
//! the language's range (magnitude below 10^28) and exact parsing of decimal text.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// 10^28: the first magnitude that is out of range (language.md §5.5).
pub const LIMIT: Decimal = Decimal::from_parts(0x1000_0000, 0x3E25_0261, 0x204F_CE5E, false, 0);

/// How many significant digits a parsed number keeps before rounding half to even.
const MAX_DIGITS: usize = 28;
/// The most fractional digits a Number can hold.
const MAX_SCALE: i64 = 28;

/// Writes `n` in plain decimal form: no exponent, no trailing zeros, `-0` as `0`.
pub fn write_plain(n: Decimal, out: &mut String) {
    use std::fmt::Write;
    let n = n.normalize();
    if n.is_zero() {
        out.push('0');
    } else {
        let _ = write!(out, "{n}");
    }
}

/// `n` in plain decimal form.
pub fn plain(n: Decimal) -> String {
    let mut s = String::new();
    write_plain(n, &mut s);
    s
}

/// The value as an `i64` when it is a whole number in range.
pub fn to_whole(n: Decimal) -> Option<i64> {
    if n.fract().is_zero() {
        i64::try_from(n).ok()
    } else {
        None
    }
}

/// The overflow error of every Number result of magnitude 10^28 or more.
pub fn overflow() -> Error {
    Error::arithmetic("number out of range: the magnitude of a result must be below 10^28")
}

/// Parses decimal text exactly: an optional sign, digits with an optional
/// fraction, and an optional exponent (`12`, `-0.5`, `1e3`, `2.5E-3`).
/// More than 28 significant digits (or digits below 10^-28) round half to even.
/// `Ok(None)` when the text is not a number; an `ArithmeticError` when its
/// magnitude is 10^28 or more.
pub fn parse_exact(text: &str) -> Result<Option<Decimal>> {
    let Some(parts) = split_number(text) else {
        return Ok(None);
    };
    let n = from_digits(parts.int, parts.frac, parts.exp).ok_or_else(overflow)?;
    Ok(Some(if parts.negative && !n.is_zero() {
        -n
    } else {
        n
    }))
}

/// The value of the digits `int.frac` times 10^`exp` (ASCII digits only, no
/// sign; `frac` may be empty): exact, except that more than 28 significant
/// digits (or digits below 10^-28) round half to even; normalized (no trailing
/// zeros). `None` when the magnitude is 10^28 or more. The lexer reads number
/// literals with it, [`parse_exact`] decimal text.
pub fn from_digits(int: &str, frac: &str, exp: i64) -> Option<Decimal> {
    // The significant digits, without leading zeros; value = digits * 10^exp.
    let all = int.bytes().chain(frac.bytes());
    let mut digits: Vec<u8> = all.skip_while(|&d| d == b'0').map(|d| d - b'0').collect();
    let frac_len = i64::try_from(frac.len()).unwrap_or(i64::MAX);
    let mut exp = exp.saturating_sub(frac_len);
    // Trailing zeros carry no information; dropping them keeps the work small.
    while digits.last() == Some(&0) {
        digits.pop();
        exp = exp.saturating_add(1);
    }
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    let len = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    // Integer digits of the value: len + exp. 29 or more is out of range.
    if len.saturating_add(exp) > MAX_DIGITS as i64 {
        return None;
    }
    // Keep at most 28 significant digits and nothing below 10^-28.
    let above_limit = len.saturating_add(exp).saturating_add(MAX_SCALE);
    if above_limit < 0 {
        // Every digit is below 10^-29: the value rounds to zero.
        return Some(Decimal::ZERO);
    }
    let keep = usize::try_from(len.min(MAX_DIGITS as i64).min(above_limit)).unwrap_or(0);
    let (kept, dropped) = digits.split_at(keep.min(digits.len()));
    let mut mantissa: i128 = kept.iter().fold(0i128, |m, &d| m * 10 + i128::from(d));
    if round_up_half_even(mantissa, dropped) {
        mantissa += 1;
    }
    if mantissa == 0 {
        return Some(Decimal::ZERO);
    }
    let dropped_len = i64::try_from(dropped.len()).unwrap_or(i64::MAX);
    let mut exp = exp.saturating_add(dropped_len);
    while exp > 0 {
        mantissa = mantissa.checked_mul(10)?;
        exp -= 1;
    }
    let scale = u32::try_from(-exp).ok()?;
    let n = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    (n < LIMIT).then(|| n.normalize())
}

/// Whether dropping `dropped` from `kept` rounds up (half to even).
fn round_up_half_even(kept: i128, dropped: &[u8]) -> bool {
    match dropped.split_first() {
        None => false,
        Some((&first, rest)) => match first.cmp(&5) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => rest.iter().any(|&d| d != 0) || kept % 2 == 1,
        },
    }
}

struct NumberParts<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
    exp: i64,
}

fn split_number(text: &str) -> Option<NumberParts<'_>> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    if mantissa.contains('.') && frac.is_empty() {
        return None;
    }
    let exp = match exp {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !all_digits(digits) {
                return None;
            }
            // Huge exponents saturate: the value is then out of range or zero.
            let magnitude: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    Some(NumberParts {
        negative,
        int,
        frac,
        exp,
    })
}

#[cfg(test)]
mod tests;
