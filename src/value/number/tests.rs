//! Number text: the plain form, exact parsing, range and rounding.

use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn p(s: &str) -> Decimal {
    parse_exact(s).unwrap().unwrap()
}

#[test]
fn limit_is_ten_to_the_28() {
    assert_eq!(LIMIT, d("10000000000000000000000000000"));
}

#[test]
fn plain_form() {
    assert_eq!(plain(d("1.500")), "1.5");
    assert_eq!(plain(d("-0.0")), "0");
    assert_eq!(plain(d("0.000001")), "0.000001");
    assert_eq!(plain(d("1000000000000000000000")), "1000000000000000000000");
}

#[test]
fn parses_plain_and_exponent_forms() {
    assert_eq!(p("12"), d("12"));
    assert_eq!(p("-0.5"), d("-0.5"));
    assert_eq!(p("1e3"), d("1000"));
    assert_eq!(p("2.5E-3"), d("0.0025"));
    assert_eq!(p("1E+2"), d("100"));
    assert_eq!(p("0.000"), Decimal::ZERO);
    assert_eq!(p("-0"), Decimal::ZERO);
    assert_eq!(p("007"), d("7"));
    assert_eq!(p("1e-28"), d("0.0000000000000000000000000001"));
    assert_eq!(p("0e999999999999999999999"), Decimal::ZERO);
}

#[test]
fn rounds_half_to_even_past_28_digits() {
    assert_eq!(
        p("0.12345678901234567890123456785"),
        d("0.1234567890123456789012345678")
    );
    assert_eq!(
        p("0.12345678901234567890123456775"),
        d("0.1234567890123456789012345678")
    );
    assert_eq!(
        p("0.123456789012345678901234567751"),
        d("0.1234567890123456789012345678")
    );
    assert_eq!(p("1.00000000000000000000000000005"), d("1"));
    assert_eq!(p("1e-29"), Decimal::ZERO);
    assert_eq!(p("6e-29"), d("0.0000000000000000000000000001"));
    assert_eq!(p("1e-99999999999"), Decimal::ZERO);
    assert_eq!(p("5e-29"), Decimal::ZERO);
    assert_eq!(p("15e-29"), d("0.0000000000000000000000000002"));
    assert_eq!(p("9e-30"), Decimal::ZERO);
}

#[test]
fn out_of_range_is_an_arithmetic_error() {
    for s in [
        "1e28",
        "10000000000000000000000000000",
        "9999999999999999999999999999.5",
        "1e400",
    ] {
        let e = parse_exact(s).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Arithmetic, "{s}");
    }
    assert_eq!(
        p("9999999999999999999999999999"),
        d("9999999999999999999999999999")
    );
}

#[test]
fn rejects_non_numbers() {
    for s in [
        "", "-", "abc", "1.", ".5", "1e", "1e+", "1.2.3", "0x10", "1 ",
    ] {
        assert_eq!(parse_exact(s).unwrap(), None, "{s:?}");
    }
}

#[test]
fn digits_plain_and_exponent() {
    assert_eq!(from_digits("42", "", 0), Some(d("42")));
    assert_eq!(from_digits("3", "14159", 0), Some(d("3.14159")));
    assert_eq!(from_digits("1", "5", 3), Some(d("1500")));
    assert_eq!(from_digits("2", "", -2), Some(d("0.02")));
    assert_eq!(from_digits("007", "", 0), Some(d("7")));
    assert_eq!(from_digits("0", "000", 0), Some(Decimal::ZERO));
    assert_eq!(from_digits("0", "", 999_999), Some(Decimal::ZERO));
}

#[test]
fn digits_range() {
    let big = "9".repeat(28);
    assert_eq!(from_digits(&big, "", 0), Some(d(&big)));
    assert_eq!(from_digits(&format!("1{}", "0".repeat(28)), "", 0), None);
    assert_eq!(from_digits("1", "", 28), None);
    assert_eq!(from_digits(&big, "9", 0), None);
    assert_eq!(from_digits("1", "", 1_000_000), None);
}

#[test]
fn digits_round_half_to_even() {
    // 28 significant digits kept.
    let s = format!("1{}5", "0".repeat(27)); // 29 digits ending in 5, even before
    assert_eq!(
        from_digits("0", &s, 0),
        Some(d(&format!("0.1{}", "0".repeat(27))))
    );
    let odd = format!("1{}15", "0".repeat(26));
    assert_eq!(
        from_digits("0", &odd, 0),
        Some(d(&format!("0.1{}2", "0".repeat(26))))
    );
    assert_eq!(from_digits("1", "", -29), Some(Decimal::ZERO));
    assert_eq!(
        from_digits("6", "", -29),
        Some(d("0.0000000000000000000000000001"))
    );
    assert_eq!(from_digits("5", "", -29), Some(Decimal::ZERO));
    assert_eq!(
        from_digits("51", "", -30),
        Some(d("0.0000000000000000000000000001"))
    );
    assert_eq!(from_digits("1", "", -9_999_999), Some(Decimal::ZERO));
    let many = "3".repeat(10_000);
    assert_eq!(
        from_digits("0", &many, 0),
        Some(d(&format!("0.{}", "3".repeat(28))))
    );
}
