//! Exact decimal numbers: the plain decimal form used by rendering and display.

use rust_decimal::Decimal;

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
