//! The value module's public API, used as the evaluator and built-ins use it.

use std::cmp::Ordering;

use airscript::builtins::format::render;
use airscript::value::{arith, datetime, fields, json, order};
use airscript::{ErrorKind, Session, Value};

fn eval_sum(items: &[Value]) -> airscript::error::Result<Value> {
    let mut acc = Value::from(0);
    for item in items {
        acc = arith::add(&acc, item)?;
    }
    Ok(acc)
}

#[test]
fn operators_through_the_public_api() {
    let tenth = json::from_json(&serde_json::from_str("0.1").unwrap()).unwrap();
    let fifth = json::from_json(&serde_json::from_str("0.2").unwrap()).unwrap();
    let sum = arith::add(&tenth, &fifth).unwrap();
    assert_eq!(sum.to_string(), "0.3");
    assert_eq!(
        sum,
        json::from_json(&serde_json::from_str("0.3").unwrap()).unwrap()
    );
    assert_eq!(
        eval_sum(&[Value::from(1), Value::from(2), Value::from(3)]).unwrap(),
        Value::from(6)
    );
    let e = eval_sum(&[Value::from(1), Value::text("x")]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Type);
    assert_eq!(e.to_string(), "TypeError: cannot add Number and Text");
    let e = arith::div(&Value::from(1), &Value::from(0)).unwrap_err();
    assert_eq!(e.to_string(), "ArithmeticError: division by zero");
}

#[test]
fn ordering_operators_are_false_for_unorderable_pairs() {
    let le = |a: &Value, b: &Value| {
        matches!(order::compare(a, b), Some(Ordering::Less | Ordering::Equal))
    };
    assert!(!le(&Value::Null, &Value::Null));
    assert!(le(&Value::text("B"), &Value::text("a")));
    assert!(!le(&Value::from(1), &Value::text("2")));
    let mut xs = vec![
        Value::text("b"),
        Value::Null,
        Value::from(2),
        Value::Bool(true),
        Value::from(1),
    ];
    xs.sort_by(order::sort_cmp);
    assert_eq!(Value::list(xs).to_string(), r#"[NULL, TRUE, 1, 2, "b"]"#);
}

#[test]
fn context_data_rendering_and_fields() {
    let ctx: serde_json::Value =
        serde_json::from_str(r#"{"user": {"name": "Molly Fey", "tags": ["a", "b"], "age": 1e1}}"#)
            .unwrap();
    let ctx = json::from_json(&ctx).unwrap();
    let user = fields::field(&ctx, "user");
    let session = Session::default();
    assert_eq!(
        render::render(&fields::field(&user, "name"), &session),
        "Molly Fey"
    );
    assert_eq!(
        render::render(&fields::field(&user, "tags"), &session),
        r#"["a","b"]"#
    );
    assert_eq!(render::render(&fields::field(&user, "age"), &session), "10");
    assert_eq!(
        render::render(&fields::field(&user, "missing"), &session),
        ""
    );
    assert_eq!(
        json::to_json(&user).to_string(),
        r#"{"name":"Molly Fey","tags":["a","b"],"age":10}"#
    );
}

#[test]
fn datetime_helpers() {
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("America/Los_Angeles")
        .unwrap();
    assert_eq!(datetime::iso_datetime(&z), "2007-01-09T09:41:00-08:00");
    assert_eq!(datetime::iso_date(z.date()), "2007-01-09");
    assert_eq!(datetime::iso_time(z.time()), "09:41:00");
    assert_eq!(datetime::zone_name(&z), "America/Los_Angeles");
}
