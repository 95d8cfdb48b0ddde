//! Tests of the number format language.

use super::*;
use std::str::FromStr;

fn f(n: &str, spec: &str) -> String {
    f_in(n, spec, Locale::EnUs)
}
fn f_in(n: &str, spec: &str, locale: Locale) -> String {
    let spec = Spec::parse("FORMAT_NUMBER", spec).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
    format(Decimal::from_str(n).unwrap(), &spec, locale)
}

#[test]
fn spec_examples() {
    assert_eq!(f("100001", ","), "100,001");
    assert_eq!(f("100001", ".2f"), "100001.00");
    assert_eq!(f("3.1459", ".2f"), "3.15");
    assert_eq!(f("3.1459", ".2"), "3.1");
    assert_eq!(f("100001", ",.2f"), "100,001.00");
    assert_eq!(f("100001", ""), "100001");
    assert_eq!(f("100001", ".2"), "1e+5");
    assert_eq!(f("3", "#"), "3");
    assert_eq!(f_in("1234.5", ",.2f", Locale::De), "1.234,50");
    assert_eq!(f("0.1234", ".1%"), "12.3%");
    assert_eq!(f("42", "05"), "00042");
    assert_eq!(f("-1234", "(,"), "(1,234)");
    assert_eq!(f("255", "#x"), "0xff");
    assert_eq!(f("1234567.891", ".3e"), "1.235e+6");
    assert_eq!(f("1.50", ".2~f"), "1.5");
    assert_eq!(f("42", "*^8"), "***42***");
    assert_eq!(f("1234", "08,"), "0,001,234");
    assert_eq!(f("-0.001", ".2f"), "0.00");
    assert_eq!(f("-1234.5", "$,.2f"), "-$1,234.50");
    assert_eq!(f("1.005", ".2f"), "1.01");
    assert_eq!(f("2.5", "d"), "3");
    assert_eq!(f("-2.5", "d"), "-3");
}

#[test]
fn types() {
    assert_eq!(f("3.14159", "f"), "3.141590");
    assert_eq!(f("0.000123", "g"), "0.000123000");
    assert_eq!(f("123.45", "g"), "123.450");
    assert_eq!(f("0.0000001234", ".3g"), "1.23e-7");
    assert_eq!(f("0", "e"), "0.000000e+0");
    assert_eq!(f("0", ".3g"), "0.00");
    assert_eq!(f("0.00000045", ".1e"), "4.5e-7");
    assert_eq!(f("123000", ".2e"), "1.23e+5");
    assert_eq!(f("999.96", ".1f"), "1000.0");
    assert_eq!(f("9.99", ".2g"), "10");
    assert_eq!(f("99999", ".2"), "1e+5");
    assert_eq!(f("0.5", "%"), "50.000000%");
    assert_eq!(f("0.5", ".0%"), "50%");
    assert_eq!(f("0.125", ".0~%"), "13%");
    assert_eq!(f("5", "b"), "101");
    assert_eq!(f("8", "#o"), "0o10");
    assert_eq!(f("-255", "#X"), "-0xFF");
    assert_eq!(f("0.4", "d"), "0");
    assert_eq!(f("-0.4", "d"), "0");
    assert_eq!(f("1234567", ",d"), "1,234,567");
    assert_eq!(f("0.1", ""), "0.1");
    assert_eq!(f("-1234.5678", ","), "-1,234.5678");
    assert_eq!(
        f("0.0000000000000000000000000001", ""),
        "0.0000000000000000000000000001"
    );
    assert_eq!(f("79228162514264337593543950335", ",.2e"), "7.92e+28");
    assert_eq!(
        f("79228162514264337593543950335", "x"),
        "ffffffffffffffffffffffff"
    );
}

#[test]
fn signs_symbols_padding() {
    assert_eq!(f("5", "+"), "+5");
    assert_eq!(f("0", "+"), "+0");
    assert_eq!(f("-5", "+"), "-5");
    assert_eq!(f("5", " "), " 5");
    assert_eq!(f("5", "("), "5");
    assert_eq!(f("-5", "(.1f"), "(5.0)");
    assert_eq!(f("42", "8"), "      42");
    assert_eq!(f("42", "<8"), "42      ");
    assert_eq!(f("42", "^7"), "  42   ");
    assert_eq!(f("-42", "=8"), "-     42");
    assert_eq!(f("-42", "05"), "-0042");
    assert_eq!(f("-1234", "08,"), "-001,234");
    assert_eq!(f("-1234", "(08,"), "(01,234)");
    assert_eq!(f("12", "$08.2f"), "$0012.00");
    assert_eq!(f_in("12", "$.2f", Locale::EnGb), "£12.00");
    assert_eq!(f_in("1234.5", "$,.2f", Locale::De), "1.234,50 €");
    assert_eq!(f("5", "x<+4"), "+5xx");
    assert_eq!(f("5", "é^3"), "é5é");
    assert_eq!(f("1.5", ".3e"), "1.500e+0");
}

#[test]
fn bad_specifiers() {
    for s in [
        "0.00", "#,##0.00", "000", "abc", ".2d", ".2x", "s", "r", "n", "c", "p", ".", "0", "05.",
        ".00", ".01f", ".0", ".22", ".21f", "f.2", ",,", "~~", "5 ",
    ] {
        let e = Spec::parse("FORMAT_NUMBER", s).expect_err(s);
        assert_eq!(e.kind(), crate::error::ErrorKind::Argument, "{s}");
    }
    assert!(Spec::parse("FORMAT_NUMBER", ".0f").is_ok());
    assert_eq!(f("7", "010"), "0000000007");
    assert!(Spec::parse("FORMAT_NUMBER", ".21").is_ok());
    assert!(Spec::parse("FORMAT_NUMBER", ".20e").is_ok());
    assert_eq!(
        Spec::parse("FORMAT_NUMBER", "99999999").unwrap_err().kind(),
        crate::error::ErrorKind::Limit
    );
}
