//! The display form of every type.

use super::*;
use crate::value::testing::{money, n, obj};
use crate::value::ObjectMap;
use std::sync::Arc;

fn show(v: Value) -> String {
    v.to_string()
}

#[test]
fn scalars() {
    assert_eq!(show(Value::Null), "NULL");
    assert_eq!(show(Value::Bool(true)), "TRUE");
    assert_eq!(show(Value::Bool(false)), "FALSE");
    assert_eq!(show(n("42")), "42");
    assert_eq!(show(n("-0.5")), "-0.5");
    assert_eq!(show(n("0.30")), "0.3");
    assert_eq!(show(n("-0.0")), "0");
    assert_eq!(show(n("1000000000000000000000")), "1000000000000000000000");
    assert_eq!(
        show(n("0.0000000000000000000000000001")),
        "0.0000000000000000000000000001"
    );
}

#[test]
fn texts_and_escapes() {
    assert_eq!(show(Value::text("Hello, \"Bob\"")), r#""Hello, \"Bob\"""#);
    assert_eq!(show(Value::text("a\nb")), r#""a\nb""#);
    assert_eq!(show(Value::text("{{name}}")), r#""\{{name}}""#);
    assert_eq!(show(Value::text("{a} }} {")), r#""{a} }} {""#);
    assert_eq!(show(Value::text("{{{")), r#""\{\{{""#);
    assert_eq!(
        show(Value::text("back\\slash / tab\t cr\r")),
        r#""back\\slash / tab\t cr\r""#
    );
    assert_eq!(
        show(Value::text("\u{8}\u{c}\u{0}\u{1b}\u{1f}")),
        r#""\b\f\u0000\u001b\u001f""#
    );
    assert_eq!(
        show(Value::text("é 日本 😀 \u{7f}")),
        "\"é 日本 😀 \u{7f}\""
    );
    assert_eq!(show(Value::text("")), r#""""#);
}

#[test]
fn lists_and_objects() {
    assert_eq!(show(Value::list(vec![])), "[]");
    let nested = Value::list(vec![Value::Bool(true), Value::Null]);
    assert_eq!(
        show(Value::list(vec![n("1"), Value::text("a"), nested])),
        r#"[1, "a", [TRUE, NULL]]"#
    );
    assert_eq!(show(obj(&[])), "{}");
    let book = obj(&[
        ("title", Value::text("Dune")),
        ("tags", Value::list(vec![])),
    ]);
    assert_eq!(show(book), r#"{"title": "Dune", "tags": []}"#);
    let odd = obj(&[
        ("a b", n("1")),
        ("{{k}}", Value::Null),
        ("q\"", obj(&[("x", n("2"))])),
    ]);
    assert_eq!(show(odd), r#"{"a b": 1, "\{{k}}": NULL, "q\"": {"x": 2}}"#);
}

#[test]
fn dates_and_times() {
    assert_eq!(
        show(Value::Date(jiff::civil::date(2007, 1, 9))),
        "DATE(2007, 1, 9)"
    );
    assert_eq!(
        show(Value::Time(jiff::civil::time(9, 41, 0, 0))),
        "TIME(9, 41, 0)"
    );
    assert_eq!(
        show(Value::Time(jiff::civil::time(9, 41, 5, 250_000_000))),
        "TIME(9, 41, 5, 250)"
    );
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("America/Los_Angeles")
        .unwrap();
    assert_eq!(
        show(Value::DateTime(Arc::new(z))),
        r#"DATETIME(DATE(2007, 1, 9), TIME(9, 41, 0), "America/Los_Angeles")"#
    );
    let z = jiff::civil::date(2020, 5, 20)
        .at(15, 30, 0, 7_000_000)
        .in_tz("UTC")
        .unwrap();
    assert_eq!(
        show(Value::DateTime(Arc::new(z))),
        r#"DATETIME(DATE(2020, 5, 20), TIME(15, 30, 0, 7), "UTC")"#
    );
}

#[test]
fn currencies_in_minor_units() {
    assert_eq!(show(money("1.00", "USD", 2)), r#"CURRENCY(100, "USD", 2)"#);
    assert_eq!(show(money("1", "USD", 0)), r#"CURRENCY(1, "USD", 0)"#);
    assert_eq!(
        show(money("-1.50", "EUR", 2)),
        r#"CURRENCY(-150, "EUR", 2)"#
    );
    assert_eq!(
        show(money("10.454", "USD", 3)),
        r#"CURRENCY(10454, "USD", 3)"#
    );
    assert_eq!(show(money("0", "JPY", 0)), r#"CURRENCY(0, "JPY", 0)"#);
}

#[test]
fn assets() {
    let mut record = ObjectMap::default();
    record.insert("uri".into(), Value::text("data:,Hi"));
    record.insert("name".into(), Value::text("hi.txt"));
    record.insert("type".into(), Value::text("text/plain"));
    let a = Asset {
        uri: "data:,Hi".into(),
        record,
        labelled: true,
    };
    assert_eq!(
        show(Value::Asset(Arc::new(a))),
        r#"URI_TO_ASSET("data:,Hi", "hi.txt", "text/plain")"#
    );
    let bare = Asset {
        uri: "asset://x\"y".into(),
        record: ObjectMap::default(),
        labelled: true,
    };
    assert_eq!(
        show(Value::Asset(Arc::new(bare))),
        r#"URI_TO_ASSET("asset://x\"y")"#
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut v = Value::Null;
    for _ in 0..20_000 {
        v = Value::list(vec![v]);
    }
    let s = v.to_string();
    assert_eq!(s.len(), 20_000 * 2 + 4);
    std::mem::forget(v);
}
