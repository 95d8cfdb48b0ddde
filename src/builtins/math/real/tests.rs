use proptest::prelude::*;

use super::*;
use crate::builtins::args::testing::{n, NULL};
use crate::builtins::math::testing::{digits, num};
use crate::error::ErrorKind::Arithmetic;

fn r(x: f64) -> String {
    round15(x).expect("in range").to_string()
}

#[test]
fn fifteen_significant_digits() {
    assert_eq!(r(2f64.sqrt()), "1.4142135623731");
    assert_eq!(r(1f64.sin()), "0.841470984807897");
    assert_eq!(r(std::f64::consts::PI), "3.14159265358979");
    assert_eq!(r(0.1 + 0.2), "0.3");
    assert_eq!(r(1.0 - 1e-16), "1");
    assert_eq!(r(16f64.sqrt()), "4");
    assert_eq!(r(0.25), "0.25");
    assert_eq!(r(123456789012345678.0), "123456789012346000");
    assert_eq!(r(-2.5), "-2.5");
}

#[test]
fn ties_round_half_to_even_on_the_exact_binary_value() {
    // The shortest text of these doubles ends in a 5 at the 16th digit, but
    // their exact values are not ties: the exact value decides.
    // 2.000000000000005 is 2.00000000000000488…, 1.000000000000025 is
    // 1.00000000000002509…, 0.3000000000000005 is 0.30000000000000048…
    assert_eq!(r(2.000000000000005), "2");
    assert_eq!(r(1.000000000000025), "1.00000000000003");
    assert_eq!(r(0.3000000000000005), "0.3");
    // Exact ties (integers below 2^53 are exact) go to the even digit.
    assert_eq!(r(1234567890123455.0), "1234567890123460");
    assert_eq!(r(1234567890123465.0), "1234567890123460");
    assert_eq!(r(-1234567890123465.0), "-1234567890123460");
    // 2^50 + 0.5 is exact; its 16th and 17th digits (45) round down.
    assert_eq!(r(1125899906842624.5), "1125899906842620");
    assert_eq!(r(0.5), "0.5");
}

#[test]
fn zeros_and_range() {
    assert_eq!(r(-0.0), "0");
    assert_eq!(round15(-0.0), Some(Decimal::ZERO));
    assert!(!round15(-0.0).unwrap().is_sign_negative());
    assert_eq!(r(-1e-300), "0");
    assert_eq!(r(1e-300), "0");
    assert_eq!(r(f64::MIN_POSITIVE / 4.0), "0");
    // Below 10^-28 rounds at 28 decimal places.
    assert_eq!(r(1e-28), "0.0000000000000000000000000001");
    assert_eq!(r(4e-29), "0");
    assert_eq!(r(6e-29), "0.0000000000000000000000000001");
    assert_eq!(r(1.5e-20), "0.000000000000000000015");
    assert_eq!(r(9.99999999999999e27), "9999999999999990000000000000");
    assert_eq!(round15(1e28), None);
    // Rounds up to 10^28: out of range.
    assert_eq!(round15(f64::from_bits(1e28f64.to_bits() - 1)), None);
    assert_eq!(round15(-1e28), None);
    assert_eq!(round15(f64::INFINITY), None);
    assert_eq!(round15(f64::NEG_INFINITY), None);
    assert_eq!(round15(f64::NAN), None);
    assert_eq!(round15(f64::MAX), None);
}

#[test]
fn nearest_double() {
    assert_eq!(to_f64(Decimal::new(1, 1)), 0.1);
    assert_eq!(to_f64(Decimal::new(-3, 0)), -3.0);
    assert_eq!(to_f64(-Decimal::ZERO).to_bits(), 0.0f64.to_bits());
    // Correctly rounded where a digit-by-digit conversion is not.
    let d: Decimal = "0.3000000000000000444089209850062616169452667236328125"
        .parse()
        .unwrap_or_default();
    assert_eq!(
        to_f64(d),
        "0.3000000000000000444089209850062616169452667236328125"
            .parse::<f64>()
            .unwrap()
    );
    assert_eq!(to_f64(Decimal::MAX), 79228162514264337593543950335.0);
    let third = Decimal::ONE / Decimal::from(3);
    assert_eq!(to_f64(third), 1.0 / 3.0);
}

#[test]
fn results_through_the_table() {
    // Through a built-in: the rounding, the range, no trailing zeros.
    assert_eq!(digits("SQRT", &[n("2")]), "1.4142135623731");
    assert_eq!(digits("SQRT", &[n("0.25")]), "0.5");
    assert_eq!(digits("SQRT", &[n("16")]), "4");
    assert_eq!(num("SIN", &[n("0")]).scale(), 0);
    assert_eq!(
        crate::builtins::args::testing::err("EXP", &[n("1000")]),
        Arithmetic
    );
    assert_eq!(crate::builtins::math::testing::ok("SQRT", &[NULL]), NULL);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A result has at most 15 significant digits and no trailing zeros, and
    /// is the double's value to within half a unit of the 15th digit.
    #[test]
    fn at_most_fifteen_digits(mantissa in -1_000_000_000_000_000i64..1_000_000_000_000_000, exp in -20i32..9) {
        let x = mantissa as f64 * 10f64.powi(exp);
        let d = round15(x).expect("in range");
        let m = d.mantissa().unsigned_abs();
        prop_assert!(m == 0 || !m.is_multiple_of(10) || d.scale() == 0, "trailing zeros in {}", d);
        let text = d.to_string();
        let significant = text.trim_start_matches('-').replace('.', "");
        let significant = significant.trim_start_matches('0').trim_end_matches('0');
        prop_assert!(significant.len() <= 15, "{} has more than 15 digits", d);
        let back: f64 = text.parse().unwrap_or(f64::NAN);
        let tolerance = x.abs() * 5e-15 + 1e-28;
        prop_assert!((back - x).abs() <= tolerance, "{} is not {}", d, x);
    }

    /// ROUND of a 15-digit result has at most 15 significant digits too.
    #[test]
    fn rounding_a_result_keeps_at_most_fifteen_digits(x in -1e6f64..1e6, places in -3i64..28) {
        let d = round15(x).expect("in range");
        let v = crate::builtins::math::testing::ok("ROUND", &[Value::Number(d), Value::from(places)]);
        let Value::Number(rounded) = v else { panic!("a Number") };
        let m = rounded.normalize().mantissa().unsigned_abs().to_string();
        prop_assert!(m.trim_end_matches('0').len() <= 15, "{} has more than 15 digits", rounded);
    }
}

proptest! {
    /// The fast paths agree with reading the decimal text, for doubles of
    /// every magnitude and for Numbers of every scale.
    #[test]
    fn fast_paths_agree_with_the_text(bits in any::<u64>(), near in -1e14f64..1e14, tiny in -1e-12f64..1e-12, m in any::<i64>(), scale in 0u32..=28) {
        for x in [f64::from_bits(bits), near, tiny] {
        if x.is_finite() {
            let text = format!("{x:.14e}");
            if let Some(fast) = scaled(&text) {
                prop_assert_eq!(Some(fast), number::parse_exact(&text).ok().flatten(), "{}", text);
            }
        }
        }
        let d = Decimal::new(m, scale);
        let slow: f64 = number::plain(d).parse().unwrap();
        prop_assert_eq!(to_f64(d).to_bits(), if d.is_zero() { 0 } else { slow.to_bits() }, "{}", d);
    }
}
