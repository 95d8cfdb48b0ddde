//! Tables for the arithmetic operators.

use super::*;
use crate::value::testing::{cur, n, t};
use crate::ErrorKind;
use std::str::FromStr;

fn date() -> Value {
    Value::Date(jiff::civil::date(2021, 1, 1))
}
fn dt() -> Value {
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("America/Los_Angeles")
        .unwrap();
    Value::DateTime(std::sync::Arc::new(z))
}
/// The value, shown in the display form, so that scale and type both count.
fn ok(r: Result<Value>) -> String {
    r.unwrap().to_string()
}
fn err(r: Result<Value>) -> (ErrorKind, String) {
    let e = r.unwrap_err();
    (e.kind(), e.message().to_string())
}

#[test]
fn numbers() {
    assert_eq!(ok(add(&n("2"), &n("3"))), "5");
    assert_eq!(ok(add(&n("-1.5"), &n("0.25"))), "-1.25");
    assert_eq!(ok(add(&n("0.1"), &n("0.2"))), "0.3");
    assert_eq!(add(&n("0.1"), &n("0.2")).unwrap(), n("0.3"));
    assert_eq!(ok(sub(&n("3"), &n("2"))), "1");
    assert_eq!(ok(mul(&n("1.1"), &n("1.1"))), "1.21");
    assert_eq!(ok(mul(&n("-2"), &n("3"))), "-6");
    assert_eq!(ok(div(&n("10"), &n("4"))), "2.5");
    assert_eq!(ok(div(&n("-9"), &n("3"))), "-3");
    assert_eq!(ok(div(&n("100"), &n("10"))), "10");
}

#[test]
fn division_keeps_28_significant_digits() {
    assert_eq!(ok(div(&n("1"), &n("3"))), "0.3333333333333333333333333333");
    assert_eq!(ok(div(&n("2"), &n("3"))), "0.6666666666666666666666666667");
    assert_eq!(ok(div(&n("10"), &n("3"))), "3.3333333333333333333333333333");
}

#[test]
fn remainder_is_truncated_with_the_dividends_sign() {
    assert_eq!(ok(rem(&n("6"), &n("2"))), "0");
    assert_eq!(ok(rem(&n("3"), &n("2"))), "1");
    assert_eq!(ok(rem(&n("7"), &n("3"))), "1");
    assert_eq!(ok(rem(&n("-7"), &n("3"))), "-1");
    assert_eq!(ok(rem(&n("7"), &n("-3"))), "1");
    assert_eq!(ok(rem(&n("-7"), &n("-3"))), "-1");
    assert_eq!(ok(rem(&n("5.5"), &n("2"))), "1.5");
    assert_eq!(ok(rem(&n("0.3"), &n("0.1"))), "0");
}

#[test]
fn division_by_zero() {
    for r in [
        div(&n("1"), &n("0")),
        div(&n("0"), &n("0")),
        rem(&n("1"), &n("0")),
    ] {
        assert_eq!(
            err(r),
            (ErrorKind::Arithmetic, "division by zero".to_string())
        );
    }
    assert_eq!(
        err(div(&cur(1000, "USD", 2), &n("0.0"))).0,
        ErrorKind::Arithmetic
    );
}

#[test]
fn null_propagates_before_any_other_check() {
    let null = Value::Null;
    for f in [add, sub, mul, div, rem] {
        assert!(f(&null, &n("1")).unwrap().is_null());
        assert!(f(&n("1"), &null).unwrap().is_null());
        assert!(f(&null, &null).unwrap().is_null());
        assert!(f(&t("a"), &null).unwrap().is_null());
        assert!(f(&null, &date()).unwrap().is_null());
    }
    assert!(div(&null, &n("0")).unwrap().is_null());
    assert!(rem(&null, &n("0")).unwrap().is_null());
    assert!(neg(&null).unwrap().is_null());
    assert!(plus(&null).unwrap().is_null());
}

#[test]
fn overflow_at_ten_to_the_28() {
    let max = n("9999999999999999999999999999");
    assert_eq!(ok(add(&max, &n("0"))), "9999999999999999999999999999");
    let e = err(add(&max, &n("1")));
    assert_eq!(e.0, ErrorKind::Arithmetic);
    assert!(e.1.contains("10^28"), "{}", e.1);
    assert_eq!(
        err(sub(&neg(&max).unwrap(), &n("1"))).0,
        ErrorKind::Arithmetic
    );
    assert_eq!(err(mul(&max, &n("2"))).0, ErrorKind::Arithmetic);
    assert_eq!(err(mul(&max, &max)).0, ErrorKind::Arithmetic);
    assert_eq!(err(div(&max, &n("0.1"))).0, ErrorKind::Arithmetic);
    assert_eq!(
        err(div(&max, &n("0.0000000000000000000000000001"))).0,
        ErrorKind::Arithmetic
    );
    assert_eq!(
        ok(mul(&n("1000000000000000000000"), &n("1"))),
        "1000000000000000000000"
    );
    assert!(check_range(Decimal::from_str("-9999999999999999999999999999").unwrap()).is_ok());
    assert!(check_range(Decimal::from_str("-10000000000000000000000000000").unwrap()).is_err());
}

#[test]
fn text_and_list_concatenation() {
    assert_eq!(ok(add(&t("abc"), &t("def"))), "\"abcdef\"");
    assert_eq!(ok(add(&t(""), &t(""))), "\"\"");
    let l = |items: Vec<Value>| Value::list(items);
    assert_eq!(
        ok(add(
            &l(vec![n("1"), n("2"), n("3")]),
            &l(vec![t("a"), t("b"), t("c")])
        )),
        "[1, 2, 3, \"a\", \"b\", \"c\"]"
    );
    assert_eq!(ok(add(&l(vec![]), &l(vec![]))), "[]");
}

#[test]
fn type_errors_name_both_types() {
    let list = Value::list(vec![n("1")]);
    let obj = Value::object(Default::default());
    let cases: Vec<(Result<Value>, &str)> = vec![
        (add(&n("1"), &t("1")), "cannot add Number and Text"),
        (add(&t("a"), &n("1")), "cannot add Text and Number"),
        (
            add(&Value::Bool(true), &n("1")),
            "cannot add Boolean and Number",
        ),
        (add(&obj, &obj), "cannot add Object and Object"),
        (add(&list, &n("2")), "cannot add List and Number"),
        (sub(&list, &list), "cannot subtract List from List"),
        (sub(&t("abc"), &t("c")), "cannot subtract Text from Text"),
        (add(&date(), &n("1")), "cannot add Date and Number"),
        (sub(&date(), &date()), "cannot subtract Date from Date"),
        (sub(&dt(), &dt()), "cannot subtract DateTime from DateTime"),
        (mul(&t("ab"), &n("3")), "cannot multiply Text by Number"),
        (div(&t("10"), &n("2")), "cannot divide Text by Number"),
        (
            rem(&n("1"), &Value::Bool(false)),
            "cannot take the remainder of Number divided by Boolean (%)",
        ),
        (
            add(&cur(100, "USD", 2), &n("1")),
            "cannot add Currency and Number",
        ),
        (
            add(&n("1"), &cur(100, "USD", 2)),
            "cannot add Number and Currency",
        ),
        (
            mul(&cur(100, "USD", 2), &cur(100, "USD", 2)),
            "cannot multiply Currency by Currency",
        ),
        (
            div(&cur(1000, "USD", 2), &cur(250, "USD", 2)),
            "cannot divide Currency by Currency",
        ),
        (
            div(&n("1"), &cur(250, "USD", 2)),
            "cannot divide Number by Currency",
        ),
        (
            rem(&cur(1000, "USD", 2), &n("3")),
            "cannot take the remainder of Currency divided by Number (%)",
        ),
        (
            add(&cur(2000, "EUR", 2), &cur(1000, "USD", 2)),
            "cannot add Currency in EUR and Currency in USD",
        ),
        (
            sub(&cur(2000, "EUR", 2), &cur(1000, "USD", 2)),
            "cannot subtract Currency in EUR and Currency in USD",
        ),
    ];
    for (r, message) in cases {
        assert_eq!(err(r), (ErrorKind::Type, message.to_string()));
    }
}

#[test]
fn type_errors_carry_helpful_hints() {
    let help = |r: Result<Value>| r.unwrap_err().help().map(str::to_string);
    assert_eq!(
        help(add(&t("a"), &n("1"))).as_deref(),
        Some("use interpolation \"{{a}}{{b}}\" or CONCAT to join text and numbers")
    );
    assert!(help(add(&date(), &n("1"))).unwrap().contains("ADD_TO_DATE"));
    assert!(help(sub(&date(), &date())).unwrap().contains("DATE_DELTA"));
    assert!(help(add(&dt(), &n("1")))
        .unwrap()
        .contains("ADD_TO_DATETIME"));
    assert!(help(div(&cur(1, "USD", 2), &cur(1, "USD", 2)))
        .unwrap()
        .contains(".amount"));
    assert_eq!(help(add(&Value::Bool(true), &n("1"))), None);
}

#[test]
fn unary_operators() {
    assert_eq!(ok(neg(&n("2"))), "-2");
    assert_eq!(ok(neg(&n("-0.5"))), "0.5");
    assert_eq!(ok(neg(&n("0"))), "0");
    assert_eq!(ok(plus(&n("2.50"))), "2.5");
    assert_eq!(ok(neg(&cur(150, "USD", 2))), "CURRENCY(-150, \"USD\", 2)");
    assert_eq!(ok(plus(&cur(150, "USD", 2))), "CURRENCY(150, \"USD\", 2)");
    assert_eq!(
        err(neg(&t("a"))),
        (ErrorKind::Type, "cannot negate Text".to_string())
    );
    assert_eq!(err(neg(&Value::Bool(true))).0, ErrorKind::Type);
    assert_eq!(
        err(plus(&t("a"))),
        (
            ErrorKind::Type,
            "unary + needs a Number or a Currency, found Text".to_string()
        )
    );
    assert_eq!(err(neg(&date())).0, ErrorKind::Type);
}

#[test]
fn currency_sums_use_the_larger_precision() {
    assert_eq!(
        ok(add(&cur(3000, "USD", 2), &cur(1000, "USD", 2))),
        "CURRENCY(4000, \"USD\", 2)"
    );
    assert_eq!(
        ok(add(&cur(100, "USD", 2), &cur(5, "USD", 3))),
        "CURRENCY(1005, \"USD\", 3)"
    );
    assert_eq!(
        ok(add(&cur(1, "USD", 0), &cur(1, "USD", 2))),
        "CURRENCY(101, \"USD\", 2)"
    );
    assert_eq!(
        ok(sub(&cur(3000, "USD", 2), &cur(1000, "USD", 2))),
        "CURRENCY(2000, \"USD\", 2)"
    );
    assert_eq!(
        ok(sub(&cur(1000, "USD", 2), &cur(3000, "USD", 2))),
        "CURRENCY(-2000, \"USD\", 2)"
    );
    assert_eq!(
        ok(sub(&cur(5, "JPY", 0), &cur(5, "JPY", 0))),
        "CURRENCY(0, \"JPY\", 0)"
    );
}

#[test]
fn currency_scaling_keeps_code_and_precision() {
    assert_eq!(
        ok(mul(&cur(3000, "USD", 2), &n("2"))),
        "CURRENCY(6000, \"USD\", 2)"
    );
    assert_eq!(
        ok(mul(&n("2"), &cur(3000, "USD", 2))),
        "CURRENCY(6000, \"USD\", 2)"
    );
    assert_eq!(
        ok(mul(&cur(1001, "USD", 2), &n("0.5"))),
        "CURRENCY(501, \"USD\", 2)"
    );
    assert_eq!(
        ok(mul(&cur(-1001, "USD", 2), &n("0.5"))),
        "CURRENCY(-501, \"USD\", 2)"
    );
    assert_eq!(
        ok(mul(&cur(1999, "USD", 2), &n("0.0825"))),
        "CURRENCY(165, \"USD\", 2)"
    );
    assert_eq!(
        ok(div(&cur(1000, "USD", 2), &n("3"))),
        "CURRENCY(333, \"USD\", 2)"
    );
    assert_eq!(
        ok(div(&cur(2000, "USD", 2), &n("3"))),
        "CURRENCY(667, \"USD\", 2)"
    );
    assert_eq!(
        ok(div(&cur(5, "JPY", 0), &n("2"))),
        "CURRENCY(3, \"JPY\", 0)"
    );
    assert_eq!(
        ok(mul(&cur(100, "BHD", 3), &n("0"))),
        "CURRENCY(0, \"BHD\", 3)"
    );
}

#[test]
fn currency_overflow_is_an_arithmetic_error() {
    let big = cur(1_000_000_000_000_000_000, "USD", 2);
    let huge = mul(&big, &n("9000000000")).unwrap();
    assert_eq!(
        huge.to_string(),
        "CURRENCY(9000000000000000000000000000, \"USD\", 2)"
    );
    assert_eq!(err(mul(&huge, &n("10"))).0, ErrorKind::Arithmetic);
    assert_eq!(err(add(&huge, &huge)).0, ErrorKind::Arithmetic);
    assert_eq!(err(div(&huge, &n("0.01"))).0, ErrorKind::Arithmetic);
}
