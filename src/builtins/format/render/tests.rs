//! Rendering inside `{{ }}`.

use super::*;
use crate::value::testing::{la, n, obj};
use crate::value::{Currency, CurrencyCode};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Arc;

fn r(v: &Value) -> String {
    render(v, &Session::default())
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
        format_default(&c, "de-DE")
    );
    assert_eq!(r(&Value::Currency(c)), format_default(&c, "en-US"));
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
