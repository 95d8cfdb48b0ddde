//! The JSON form: shapes, number text, compact text, round trips.

use super::*;
use crate::builtins::format::render::render;
use crate::session::Session;
use crate::value::testing::{la, n, obj};
use crate::value::{Asset, Currency, CurrencyCode, ObjectMap};
use crate::ErrorKind;
use rust_decimal::Decimal;
use std::str::FromStr;

fn parse(text: &str) -> Result<Value> {
    from_json(&serde_json::from_str::<Json>(text).unwrap())
}
fn out(v: &Value) -> String {
    serde_json::to_string(&to_json(v)).unwrap()
}
fn compact(v: &Value) -> String {
    let mut s = String::new();
    write_compact(v, &mut s);
    s
}

#[test]
fn numbers_are_written_plain() {
    assert_eq!(out(&n("1.50")), "1.5");
    assert_eq!(out(&n("1000000000000000000000")), "1000000000000000000000");
    assert_eq!(
        out(&n("0.0000000000000000000000000001")),
        "0.0000000000000000000000000001"
    );
    assert_eq!(out(&n("-0.0")), "0");
    assert_eq!(out(&n("-12.340")), "-12.34");
    assert_eq!(
        out(&n("9999999999999999999999999999")),
        "9999999999999999999999999999"
    );
}

#[test]
fn records_in_their_shapes() {
    assert_eq!(
        out(&Value::Date(jiff::civil::date(2021, 4, 7))),
        r#"{"year":2021,"month":4,"day":7}"#
    );
    assert_eq!(
        out(&Value::Time(jiff::civil::time(9, 41, 0, 3_000_000))),
        r#"{"hour":9,"minute":41,"second":0,"millisecond":3}"#
    );
}

#[test]
fn to_json_agrees_with_compact_json() {
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("Asia/Kolkata")
        .unwrap();
    let values = [
        Value::Null,
        Value::Bool(true),
        n("-0.25"),
        Value::text("a\"b\\c/d\n\u{1}é😀"),
        Value::list(vec![n("1"), Value::Null, Value::list(vec![])]),
        parse(r#"{"z":1,"a":{"k":[true,"x"]},"m":null}"#).unwrap(),
        Value::Date(jiff::civil::date(1, 1, 1)),
        Value::Time(jiff::civil::time(23, 59, 59, 999_000_000)),
        Value::DateTime(std::sync::Arc::new(z)),
        Value::Currency(Currency {
            amount: Decimal::from_str("-0.5").unwrap(),
            code: CurrencyCode(*b"JPY"),
            precision: 0,
        }),
    ];
    for v in &values {
        assert_eq!(out(v), compact(v), "{v}");
    }
}

#[test]
fn reads_context_data() {
    assert!(parse("null").unwrap().is_null());
    assert_eq!(parse("true").unwrap(), Value::Bool(true));
    assert_eq!(parse("\"hi\\n\"").unwrap(), Value::text("hi\n"));
    assert_eq!(parse("1e3").unwrap(), n("1000"));
    assert_eq!(parse("2.5E-3").unwrap(), n("0.0025"));
    assert_eq!(parse("-0").unwrap(), n("0"));
    assert_eq!(parse("0.1").unwrap(), n("0.1"));
    assert_eq!(
        parse("[1, [2.50], {}]").unwrap().to_string(),
        "[1, [2.5], {}]"
    );
    // Many digits round half to even at 28 significant digits.
    assert_eq!(
        parse("0.12345678901234567890123456785").unwrap(),
        n("0.1234567890123456789012345678")
    );
    // Exact beyond what a double holds.
    assert_eq!(
        parse("12345678901234567890.123").unwrap().to_string(),
        "12345678901234567890.123"
    );
}

#[test]
fn objects_keep_key_order_and_stay_objects() {
    let v = parse(r#"{"b": 1, "a": 2, "year": 3}"#).unwrap();
    assert_eq!(v.to_string(), r#"{"b": 1, "a": 2, "year": 3}"#);
    let d = parse(r#"{"year": 2021, "month": 4, "day": 7}"#).unwrap();
    assert_eq!(d.type_of(), crate::value::Type::Object);
}

#[test]
fn out_of_range_numbers_are_arithmetic_errors() {
    for text in [
        "1e28",
        "-10000000000000000000000000000",
        "[1, {\"x\": 1e100}]",
    ] {
        assert_eq!(
            parse(text).unwrap_err().kind(),
            ErrorKind::Arithmetic,
            "{text}"
        );
    }
}

#[test]
fn round_trips() {
    for text in [
        r#"{"name":"Bob","tags":["a","b"],"n":-1.5,"ok":false,"x":null,"nested":{"deep":[[]]}}"#,
        r#"[0.3,1000000000000000000000,"\u0001\"\\"]"#,
        r#"{}"#,
    ] {
        let v = parse(text).unwrap();
        assert_eq!(out(&v), text);
        assert_eq!(compact(&v), text);
        assert_eq!(from_json(&to_json(&v)).unwrap(), v);
    }
}

#[test]
fn compact_json_of_every_type() {
    assert_eq!(compact(&Value::Null), "null");
    assert_eq!(compact(&Value::Bool(false)), "false");
    assert_eq!(compact(&n("1.50")), "1.5");
    assert_eq!(compact(&n("-2.000")), "-2");
    assert_eq!(
        compact(&obj(&[
            ("b", n("1.50")),
            ("a", Value::list(vec![Value::Bool(true), Value::Null]))
        ])),
        r#"{"b":1.5,"a":[true,null]}"#
    );
    assert_eq!(
        compact(&Value::Date(jiff::civil::date(2021, 4, 7))),
        r#"{"year":2021,"month":4,"day":7}"#
    );
    assert_eq!(
        compact(&Value::Time(jiff::civil::time(9, 41, 0, 0))),
        r#"{"hour":9,"minute":41,"second":0,"millisecond":0}"#
    );
    assert_eq!(
        compact(&la()),
        r#"{"date":{"year":2007,"month":1,"day":9},"time":{"hour":9,"minute":41,"second":0,"millisecond":0},"timeZone":"America/Los_Angeles"}"#
    );
    let c = Currency {
        amount: Decimal::from_str("300000.00").unwrap(),
        code: CurrencyCode(*b"USD"),
        precision: 2,
    };
    assert_eq!(
        compact(&Value::Currency(c)),
        r#"{"amount":30000000,"precision":2,"code":"USD"}"#
    );
}

#[test]
fn compact_json_string_escapes() {
    assert_eq!(compact(&Value::text("say \"hi\"\n")), r#""say \"hi\"\n""#);
    assert_eq!(compact(&Value::text("\u{1}")), r#""\u0001""#);
    assert_eq!(
        compact(&Value::text("\u{8}\u{c}\r\t\u{1f}\u{0}")),
        r#""\b\f\r\t\u001f\u0000""#
    );
    assert_eq!(compact(&Value::text("a/b\\c")), r#""a/b\\c""#);
    assert_eq!(
        compact(&Value::text("é日本😀\u{7f}\u{2028}")),
        "\"é日本😀\u{7f}\u{2028}\""
    );
    assert_eq!(compact(&Value::text("{{x}}")), r#""{{x}}""#);
    assert_eq!(compact(&obj(&[("k\"\n", n("1"))])), r#"{"k\"\n":1}"#);
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
        labelled: true,
    }));
    let expected =
        r#"{"uri":"data:,Hi","name":"asset.txt","type":"text/plain","size":2,"state":"ACTIVE"}"#;
    assert_eq!(compact(&a), expected);
    assert_eq!(render(&a, &Session::default()), expected);
    let mut record = ObjectMap::default();
    record.insert("name".into(), Value::text("a"));
    let b = Value::Asset(Arc::new(Asset {
        uri: "asset://1".into(),
        record,
        labelled: true,
    }));
    assert_eq!(compact(&b), r#"{"uri":"asset://1","name":"a"}"#);
}
