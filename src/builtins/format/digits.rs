//! Digits for people: rounding to a number of places and grouping thousands,
//! shared by the number and the currency formats.

use rust_decimal::{Decimal, RoundingStrategy};

/// Splits `|n|` rounded half away from zero to `decimals` places into its
/// integer digits and exactly `decimals` fraction digits; the flag says whether
/// the rounded value is negative (a value that rounds to zero is not).
pub fn fixed_digits(n: Decimal, decimals: u32) -> (bool, String, String) {
    let rounded = n.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = rounded.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut frac: String = frac.chars().take(decimals as usize).collect();
    while frac.len() < decimals as usize {
        frac.push('0');
    }
    (negative, int.to_string(), frac)
}

/// Writes `digits` (ASCII digits) with `sep` between groups of three from the right.
pub fn group_digits(digits: &str, sep: char) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group_digits("1", ','), "1");
        assert_eq!(group_digits("123", ','), "123");
        assert_eq!(group_digits("1234", ','), "1,234");
        assert_eq!(group_digits("10000000000", '.'), "10.000.000.000");
    }
}
