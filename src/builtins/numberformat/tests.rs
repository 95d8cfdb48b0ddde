use super::*;
use crate::error::ErrorKind;
use crate::value::Value;
use std::str::FromStr;

fn call(args: &[Value]) -> Result<Value> {
    crate::builtins::args::testing::call("FORMAT_NUMBER", args)
}
fn n(s: &str) -> Value {
    Value::Number(Decimal::from_str(s).unwrap())
}
fn t(s: &str) -> Value {
    Value::text(s)
}
fn ok(args: &[Value]) -> String {
    match call(args) {
        Ok(Value::Text(s)) => s.to_string(),
        other => panic!("{other:?}"),
    }
}
fn kind(args: &[Value]) -> ErrorKind {
    call(args).expect_err("an error").kind()
}

#[test]
fn format_number_examples() {
    assert_eq!(ok(&[n("100001"), t(",")]), "100,001");
    assert_eq!(ok(&[n("100001"), t(".2f")]), "100001.00");
    assert_eq!(ok(&[n("3.1459"), t(".2f")]), "3.15");
    assert_eq!(ok(&[n("3.1459"), t(".2")]), "3.1");
    assert_eq!(ok(&[n("100001"), t(",.2f")]), "100,001.00");
    assert_eq!(ok(&[n("100001"), t("")]), "100001");
    assert_eq!(ok(&[n("100001")]), "100001");
    assert_eq!(ok(&[n("100001"), t(".2")]), "1e+5");
    assert_eq!(ok(&[n("3"), t("#")]), "3");
    assert_eq!(ok(&[n("1234.5"), t(",.2f"), t("de-DE")]), "1.234,50");
    assert_eq!(ok(&[n("1234.5"), t(",.2f"), t("DE")]), "1.234,50");
    assert_eq!(ok(&[n("0.1234"), t(".1%")]), "12.3%");
    assert_eq!(ok(&[n("42"), t("05")]), "00042");
    assert_eq!(ok(&[n("-1234"), t("(,")]), "(1,234)");
    assert_eq!(ok(&[n("1.005"), t(".2f")]), "1.01");
    assert_eq!(ok(&[n("5"), Value::Null]), "5");
    assert_eq!(ok(&[n("5.50"), Value::Null, Value::Null]), "5.5");
    assert_eq!(ok(&[n("2.5"), t("d")]), "3");
    assert_eq!(ok(&[n("1234"), t(",")]), "1,234");
}

#[test]
fn session_locale() {
    let s = crate::session::Session {
        locale: "de-DE".into(),
        ..Default::default()
    };
    let v =
        crate::builtins::args::testing::call_with(&s, "FORMAT_NUMBER", &[n("1234.5"), t(",.1f")])
            .unwrap();
    assert_eq!(v.as_text(), Some("1.234,5"));
}

#[test]
fn format_number_errors() {
    assert!(call(&[Value::Null, t(",")]).unwrap().is_null());
    assert_eq!(kind(&[t("5"), t(",")]), ErrorKind::Type);
    assert_eq!(kind(&[Value::Bool(true)]), ErrorKind::Type);
    assert_eq!(kind(&[n("5"), n("2")]), ErrorKind::Type);
    assert_eq!(kind(&[n("5"), t(","), n("1")]), ErrorKind::Type);
    assert_eq!(kind(&[n("3.14"), t("0.00")]), ErrorKind::Argument);
    assert_eq!(kind(&[n("5"), t("abc")]), ErrorKind::Argument);
    assert_eq!(kind(&[n("5"), t(".2d")]), ErrorKind::Argument);
    let e = call(&[n("5"), t("abc")]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
}

// PARSE_NUMBER, ROMAN and ARABIC, through the table.

use crate::builtins::args::testing as h;
use crate::error::ErrorKind::{Argument, Arithmetic, Format, Type};

fn ok_in(f: &str, args: &[Value]) -> Value {
    h::call(f, args).unwrap_or_else(|e| panic!("{f}({args:?}) failed: {}", e.message()))
}
fn message(f: &str, args: &[Value]) -> String {
    h::call(f, args).expect_err("an error").message().to_owned()
}

#[test]
fn parse_number_reads_what_people_write() {
    let cases = [
        ("100,001", "100001"),
        ("3.14159", "3.14159"),
        ("  -42 ", "-42"),
        ("+7", "7"),
        ("1.5e3", "1500"),
        ("1.5E+3", "1500"),
        ("25e-2", "0.25"),
        ("12.5%", "0.125"),
        ("12.5 %", "0.125"),
        ("-5%", "-0.05"),
        ("(1,234.50)", "-1234.5"),
        ("(12.5%)", "-0.125"),
        ("(0)", "0"),
        ("-0", "0"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1,234,567.891", "1234567.891"),
        ("0001", "1"),
        ("1234567", "1234567"),
        ("\u{3000}\t12\u{a0}\n", "12"),
        (
            "9999999999999999999999999999",
            "9999999999999999999999999999",
        ),
        ("1e-40", "0"),
        ("1e-99999999999999999999999", "0"),
    ];
    for (text, want) in cases {
        assert_eq!(ok_in("PARSE_NUMBER", &[h::t(text)]), h::n(want), "{text:?}");
    }
    // The value is exact: 0.1 + 0.2 = 0.3.
    let sum = ok_in("PARSE_NUMBER", &[h::t("0.1")]).as_number().unwrap()
        + ok_in("PARSE_NUMBER", &[h::t("0.2")]).as_number().unwrap();
    assert_eq!(sum, Decimal::from_str("0.3").unwrap());
}

#[test]
fn parse_number_rounds_excess_digits_half_to_even() {
    // 29 significant digits: the last one is dropped, half to even.
    let cases = [
        (
            "0.12345678901234567890123456785",
            "0.1234567890123456789012345678",
        ),
        (
            "0.12345678901234567890123456775",
            "0.1234567890123456789012345678",
        ),
        (
            "0.123456789012345678901234567851",
            "0.1234567890123456789012345679",
        ),
        ("1.00000000000000000000000000005", "1"),
    ];
    for (text, want) in cases {
        assert_eq!(ok_in("PARSE_NUMBER", &[h::t(text)]), h::n(want), "{text:?}");
    }
}

#[test]
fn parse_number_uses_the_locale_separators() {
    let de = |text: &str| h::call("PARSE_NUMBER", &[h::t(text), h::t("de-DE")]);
    assert_eq!(de("1.234,5").unwrap(), h::n("1234.5"));
    assert_eq!(de("1,5").unwrap(), h::n("1.5"));
    assert_eq!(de("-0,25 %").unwrap(), h::n("-0.0025"));
    assert_eq!(de("1.5").unwrap_err().kind(), Format);
    assert_eq!(de("1,234.5").unwrap_err().kind(), Format);
    // Tags match case-insensitively; unknown ones use en-US.
    let de_lower = h::call("PARSE_NUMBER", &[h::t("1.234,5"), h::t("DE-de")]);
    assert_eq!(de_lower.unwrap(), h::n("1234.5"));
    let other = h::call("PARSE_NUMBER", &[h::t("1,234.5"), h::t("fr-FR")]);
    assert_eq!(other.unwrap(), h::n("1234.5"));
    // NULL means the session locale.
    let s = crate::session::Session {
        locale: "de-DE".into(),
        ..Default::default()
    };
    let v = h::call_with(&s, "PARSE_NUMBER", &[h::t("1.234,5"), h::NULL]).unwrap();
    assert_eq!(v, h::n("1234.5"));
}

#[test]
fn parse_number_refuses_anything_else() {
    let bad = [
        "",
        "   ",
        "1,5",
        "1,23",
        "1,2345",
        "1234,567",
        ",123",
        "1,,234",
        "1,234,56",
        "1.2.3",
        "$5",
        "5$",
        "abc",
        "1 234",
        "--1",
        "+-1",
        "-",
        "+",
        ".",
        "e5",
        "1e",
        "1e+",
        "%",
        "(5",
        "5)",
        "-(5)",
        "(-5)",
        "( 5 )",
        "1%%",
        "1% %",
        "١٢",
        "１２",
        "5 🙂",
        "🙂",
        "e\u{301}",
        "12\u{200b}",
        "שלום",
        "0x1F",
        "1_000",
        "∞",
        "NaN",
    ];
    for text in bad {
        assert_eq!(h::err("PARSE_NUMBER", &[h::t(text)]), Format, "{text:?}");
    }
    assert_eq!(
        message("PARSE_NUMBER", &[h::t("1,5")]),
        "PARSE_NUMBER: \"1,5\" is not a number (group separator ',', decimal separator '.'): \
         at character 2, a group separator must be followed by exactly three digits, found ','"
    );
    assert_eq!(
        message("PARSE_NUMBER", &[h::t("  $5")]),
        "PARSE_NUMBER: \"  $5\" is not a number (group separator ',', decimal separator '.'): \
         at character 3, expected digits, found '$'"
    );
    assert_eq!(
        message("PARSE_NUMBER", &[h::t("(5")]),
        "PARSE_NUMBER: \"(5\" is not a number (group separator ',', decimal separator '.'): \
         at character 3, expected the closing parenthesis, found the end"
    );
    assert_eq!(
        message("PARSE_NUMBER", &[h::t("12🙂")]),
        "PARSE_NUMBER: \"12🙂\" is not a number (group separator ',', decimal separator '.'): \
         at character 3, unexpected character, found '🙂'"
    );
    let e = h::call("PARSE_NUMBER", &[h::t("x")]).unwrap_err();
    assert_eq!(e.arg(), Some(0));
}

#[test]
fn parse_number_overflow_types_and_null() {
    for text in [
        "1e30",
        "1e28",
        "10000000000000000000000000000",
        "-1e28",
        "1e99999999999999999",
    ] {
        assert_eq!(
            h::err("PARSE_NUMBER", &[h::t(text)]),
            Arithmetic,
            "{text:?}"
        );
    }
    assert_eq!(h::err("PARSE_NUMBER", &[h::n("5")]), Type);
    assert_eq!(h::err("PARSE_NUMBER", &[h::t("5"), h::n("1")]), Type);
    assert_eq!(h::err("PARSE_NUMBER", &[Value::Bool(true)]), Type);
    assert_eq!(ok_in("PARSE_NUMBER", &[h::NULL]), h::NULL);
    assert_eq!(h::err("PARSE_NUMBER", &[]), Argument);
}

#[test]
fn parse_number_handles_long_texts() {
    // A megabyte of digits in groups: read exactly, out of range.
    let grouped = format!("1{}", ",000".repeat(250_000));
    assert_eq!(h::err("PARSE_NUMBER", &[h::t(&grouped)]), Arithmetic);
    // A megabyte of leading zeros is a small number.
    let zeros = format!("{}42", "0".repeat(1_000_000));
    assert_eq!(ok_in("PARSE_NUMBER", &[h::t(&zeros)]), h::n("42"));
    let fraction = format!("0.{}1", "0".repeat(1_000_000));
    assert_eq!(ok_in("PARSE_NUMBER", &[h::t(&fraction)]), h::n("0"));
    // A long bad text is quoted in part.
    let long = "x".repeat(100_000);
    let m = message("PARSE_NUMBER", &[h::t(&long)]);
    assert!(
        m.starts_with(&format!("PARSE_NUMBER: \"{}\"…", "x".repeat(40))),
        "{m}"
    );
    assert!(m.len() < 200, "{m}");
}

#[test]
fn parse_number_reads_what_format_number_writes() {
    let cases = [
        ("1234567.891", ",.2f", "1234567.89"),
        ("-1234.5", ",.1f", "-1234.5"),
        ("0.125", ".1%", "0.125"),
        ("-42", "(", "-42"),
        ("-1234.5", "(,.2f", "-1234.5"),
        ("1234567.891", ".3e", "1235000"),
        ("0.000123", "g", "0.000123"),
        ("1234", "08,", "1234"),
        ("-0.75", "", "-0.75"),
    ];
    for (n, spec, want) in cases {
        for locale in ["en-US", "de-DE"] {
            let text = ok_in("FORMAT_NUMBER", &[h::n(n), h::t(spec), h::t(locale)]);
            let back = ok_in("PARSE_NUMBER", &[text.clone(), h::t(locale)]);
            assert_eq!(back, h::n(want), "{text:?} in {locale}");
        }
    }
}

#[test]
fn roman_writes_the_classic_form() {
    let cases = [
        ("1999", "MCMXCIX"),
        ("2024", "MMXXIV"),
        ("3999", "MMMCMXCIX"),
        ("3888", "MMMDCCCLXXXVIII"),
        ("12.7", "XII"),
        ("4", "IV"),
        ("9", "IX"),
        ("40", "XL"),
        ("90", "XC"),
        ("400", "CD"),
        ("900", "CM"),
        ("1", "I"),
        ("0", ""),
        ("0.9", ""),
        ("-0.9", ""),
        ("3999.99", "MMMCMXCIX"),
    ];
    for (n, want) in cases {
        assert_eq!(ok_in("ROMAN", &[h::n(n)]), h::t(want), "{n}");
    }
    assert_eq!(ok_in("ROMAN", &[h::n("14"), h::n("0")]), h::t("XIV"));
    assert_eq!(ok_in("ROMAN", &[h::n("14"), h::n("0.0")]), h::t("XIV"));
    assert_eq!(
        ok_in("ROMAN", &[h::n("14"), Value::Bool(true)]),
        h::t("XIV")
    );
    assert_eq!(ok_in("ROMAN", &[h::n("14"), h::NULL]), h::t("XIV"));
    assert_eq!(ok_in("ROMAN", &[h::NULL]), h::NULL);
    assert_eq!(ok_in("ROMAN", &[h::NULL, h::n("9")]), h::NULL);
}

#[test]
fn roman_errors() {
    for n in ["4000", "-1", "1e27", "-1e27"] {
        assert_eq!(h::err("ROMAN", &[h::n(n)]), Argument, "{n}");
    }
    for form in [
        h::n("1"),
        h::n("4"),
        h::n("0.5"),
        h::n("-1"),
        Value::Bool(false),
    ] {
        assert_eq!(
            h::err("ROMAN", &[h::n("14"), form.clone()]),
            Argument,
            "{form:?}"
        );
    }
    assert_eq!(h::err("ROMAN", &[h::t("12")]), Type);
    assert_eq!(h::err("ROMAN", &[h::n("12"), h::t("0")]), Type);
    assert_eq!(
        message("ROMAN", &[h::n("4000")]),
        "ROMAN: argument 1 (number) must be between 0 and 3999, got 4000"
    );
    let e = h::call("ROMAN", &[h::n("14"), h::n("2")]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
}

#[test]
fn arabic_reads_leniently() {
    let cases = [
        ("MCMXII", "1912"),
        ("mcmxcix", "1999"),
        ("McMxCiX", "1999"),
        (" XIV ", "14"),
        ("\u{3000}XIV\n", "14"),
        ("-MMXI", "-2011"),
        ("", "0"),
        ("   ", "0"),
        ("XIIV", "15"),
        ("IIII", "4"),
        ("IM", "999"),
        ("MMMM", "4000"),
        ("I", "1"),
    ];
    for (text, want) in cases {
        assert_eq!(ok_in("ARABIC", &[h::t(text)]), h::n(want), "{text:?}");
    }
    for n in 0..=3999 {
        let numeral = ok_in("ROMAN", &[Value::from(n)]);
        assert_eq!(ok_in("ARABIC", &[numeral]), Value::from(n));
    }
    // A long numeral: a million Ms.
    let long = "M".repeat(1_000_000);
    assert_eq!(ok_in("ARABIC", &[h::t(&long)]), h::n("1000000000"));
}

#[test]
fn arabic_errors() {
    for text in [
        "12",
        "X IV",
        "XIV.",
        "-",
        "--X",
        "X-",
        "Ⅻ",
        "XI\u{301}",
        "🙂",
        "ΧΙΙ",
        "+X",
    ] {
        assert_eq!(h::err("ARABIC", &[h::t(text)]), Format, "{text:?}");
    }
    assert_eq!(h::err("ARABIC", &[h::n("12")]), Type);
    assert_eq!(ok_in("ARABIC", &[h::NULL]), h::NULL);
    assert_eq!(
        message("ARABIC", &[h::t(" X🙂V")]),
        "ARABIC: \" X🙂V\" is not a Roman numeral: at character 3, expected one of I V X L C D M, found '🙂'"
    );
    assert_eq!(
        message("ARABIC", &[h::t("-")]),
        "ARABIC: \"-\" is not a Roman numeral: at character 2, expected one of I V X L C D M, found the end"
    );
}
