//! Rendering inside `{{ }}` and compact JSON.

use super::*;
use crate::value::testing::{n, obj};
use crate::value::{CurrencyCode, ObjectMap};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Arc;

fn r(v: &Value) -> String {
    render(v, &Session::default())
}
fn json(v: &Value) -> String {
    let mut s = String::new();
    write_compact_json(v, &mut s);
    s
}
fn la() -> Value {
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("America/Los_Angeles")
        .unwrap();
    Value::DateTime(Arc::new(z))
}
fn usd() -> Currency {
    Currency {
        amount: Decimal::from_str("1.00").unwrap(),
        code: CurrencyCode(*b"USD"),
        precision: 2,
    }
}

#[test]
fn render_scalars() {
    assert_eq!(r(&Value::text("hello {{x}}")), "hello {{x}}");
    assert_eq!(r(&Value::Null), "");
    assert_eq!(r(&n("1.50")), "1.5");
    assert_eq!(r(&n("100")), "100");
    assert_eq!(r(&n("0.000001")), "0.000001");
    assert_eq!(r(&n("-0")), "0");
    assert_eq!(r(&n("1000000000000000000000")), "1000000000000000000000");
    assert_eq!(r(&Value::Bool(true)), "TRUE");
    assert_eq!(r(&Value::Bool(false)), "FALSE");
}

#[test]
fn render_records() {
    assert_eq!(r(&Value::Date(jiff::civil::date(2007, 1, 9))), "2007-01-09");
    assert_eq!(r(&Value::Time(jiff::civil::time(9, 41, 0, 0))), "09:41:00");
    assert_eq!(
        r(&Value::Time(jiff::civil::time(9, 41, 0, 250_000_000))),
        "09:41:00.250"
    );
    assert_eq!(r(&la()), "2007-01-09T09:41:00-08:00");
    let utc = jiff::civil::date(2020, 5, 20)
        .at(15, 30, 0, 0)
        .in_tz("UTC")
        .unwrap();
    assert_eq!(
        r(&Value::DateTime(Arc::new(utc))),
        "2020-05-20T15:30:00+00:00"
    );
    let session = Session {
        locale: "de-DE".into(),
        ..Session::default()
    };
    let c = usd();
    assert_eq!(
        render(&Value::Currency(c), &session),
        crate::value::currency::format_default(&c, "de-DE")
    );
    assert_eq!(
        r(&Value::Currency(c)),
        crate::value::currency::format_default(&c, "en-US")
    );
}

#[test]
fn render_containers_as_compact_json() {
    let l = Value::list(vec![
        n("1"),
        Value::text("a"),
        Value::Bool(true),
        Value::Null,
    ]);
    assert_eq!(r(&l), r#"[1,"a",true,null]"#);
    assert_eq!(r(&obj(&[("a", n("1"))])), r#"{"a":1}"#);
    let mut out = String::from("x=");
    render_to(&obj(&[]), &mut out, &Session::default());
    assert_eq!(out, "x={}");
}

#[test]
fn compact_json_of_every_type() {
    assert_eq!(json(&Value::Null), "null");
    assert_eq!(json(&Value::Bool(false)), "false");
    assert_eq!(json(&n("1.50")), "1.5");
    assert_eq!(json(&n("-2.000")), "-2");
    assert_eq!(
        json(&obj(&[
            ("b", n("1.50")),
            ("a", Value::list(vec![Value::Bool(true), Value::Null]))
        ])),
        r#"{"b":1.5,"a":[true,null]}"#
    );
    assert_eq!(
        json(&Value::Date(jiff::civil::date(2021, 4, 7))),
        r#"{"year":2021,"month":4,"day":7}"#
    );
    assert_eq!(
        json(&Value::Time(jiff::civil::time(9, 41, 0, 0))),
        r#"{"hour":9,"minute":41,"second":0,"millisecond":0}"#
    );
    assert_eq!(
        json(&la()),
        r#"{"date":{"year":2007,"month":1,"day":9},"time":{"hour":9,"minute":41,"second":0,"millisecond":0},"timeZone":"America/Los_Angeles"}"#
    );
    let c = Currency {
        amount: Decimal::from_str("300000.00").unwrap(),
        code: CurrencyCode(*b"USD"),
        precision: 2,
    };
    assert_eq!(
        json(&Value::Currency(c)),
        r#"{"amount":30000000,"precision":2,"code":"USD"}"#
    );
}

#[test]
fn compact_json_string_escapes() {
    assert_eq!(json(&Value::text("say \"hi\"\n")), r#""say \"hi\"\n""#);
    assert_eq!(json(&Value::text("\u{1}")), r#""\u0001""#);
    assert_eq!(
        json(&Value::text("\u{8}\u{c}\r\t\u{1f}\u{0}")),
        r#""\b\f\r\t\u001f\u0000""#
    );
    assert_eq!(json(&Value::text("a/b\\c")), r#""a/b\\c""#);
    assert_eq!(
        json(&Value::text("é日本😀\u{7f}\u{2028}")),
        "\"é日本😀\u{7f}\u{2028}\""
    );
    assert_eq!(json(&Value::text("{{x}}")), r#""{{x}}""#);
    assert_eq!(json(&obj(&[("k\"\n", n("1"))])), r#"{"k\"\n":1}"#);
}

#[test]
fn compact_json_of_assets() {
    let mut record = ObjectMap::default();
    record.insert("uri".into(), Value::text("data:,Hi"));
    record.insert("name".into(), Value::text("asset.txt"));
    record.insert("type".into(), Value::text("text/plain"));
    record.insert("size".into(), n("2"));
    record.insert("state".into(), Value::text("ACTIVE"));
    let a = Value::Asset(Arc::new(Asset {
        uri: "data:,Hi".into(),
        record,
    }));
    let expected =
        r#"{"uri":"data:,Hi","name":"asset.txt","type":"text/plain","size":2,"state":"ACTIVE"}"#;
    assert_eq!(json(&a), expected);
    assert_eq!(r(&a), expected);
    let mut record = ObjectMap::default();
    record.insert("name".into(), Value::text("a"));
    let b = Value::Asset(Arc::new(Asset {
        uri: "asset://1".into(),
        record,
    }));
    assert_eq!(json(&b), r#"{"uri":"asset://1","name":"a"}"#);
}
