//! Ordering and sort-order tables.

use super::*;
use crate::value::testing::{cur, n, obj, t};
use crate::value::{Asset, ObjectMap};
use std::cmp::Ordering::{Equal, Greater, Less};
use std::sync::Arc;

fn dt(y: i16, m: i8, d: i8, h: i8, zone: &str) -> Value {
    let z = jiff::civil::date(y, m, d)
        .at(h, 0, 0, 0)
        .in_tz(zone)
        .unwrap();
    Value::DateTime(Arc::new(z))
}
fn date(y: i16, m: i8, d: i8) -> Value {
    Value::Date(jiff::civil::date(y, m, d))
}
fn time(h: i8, m: i8, s: i8, ms: i32) -> Value {
    Value::Time(jiff::civil::time(h, m, s, ms * 1_000_000))
}
fn asset(uri: &str) -> Value {
    Value::Asset(Arc::new(Asset {
        uri: uri.into(),
        record: ObjectMap::default(),
        labelled: true,
    }))
}

#[test]
fn numbers_by_magnitude() {
    assert_eq!(compare(&n("1"), &n("2")), Some(Less));
    assert_eq!(compare(&n("1"), &n("1.000")), Some(Equal));
    assert_eq!(compare(&n("-3"), &n("-10")), Some(Greater));
    assert_eq!(compare(&n("0.1"), &n("0.09")), Some(Greater));
}

#[test]
fn texts_by_code_point() {
    assert_eq!(compare(&t("B"), &t("a")), Some(Less));
    assert_eq!(compare(&t("a"), &t("ab")), Some(Less));
    assert_eq!(compare(&t(""), &t("a")), Some(Less));
    assert_eq!(compare(&t("abc"), &t("abc")), Some(Equal));
    assert_eq!(compare(&t("z"), &t("é")), Some(Less));
    // U+FF21 (3 UTF-8 bytes) sorts before U+1F600 (4 bytes), as code points do.
    assert_eq!(compare(&t("\u{FF21}"), &t("\u{1F600}")), Some(Less));
    assert_eq!(compare(&t("\u{E000}"), &t("\u{10000}")), Some(Less));
}

#[test]
fn records() {
    assert_eq!(compare(&date(2021, 1, 1), &date(2021, 1, 2)), Some(Less));
    assert_eq!(compare(&time(9, 0, 0, 1), &time(9, 0, 0, 0)), Some(Greater));
    // 09:00 in New York is 14:00 UTC on a winter day: the same instant.
    let ny = dt(2021, 1, 4, 9, "America/New_York");
    let utc = dt(2021, 1, 4, 14, "UTC");
    assert_eq!(compare(&ny, &utc), Some(Equal));
    assert_eq!(ny, utc);
    assert_eq!(
        compare(&dt(2021, 1, 4, 10, "America/New_York"), &utc),
        Some(Greater)
    );
    // By instant, not wall clock: 10:00 in Paris is before 09:00 in New York.
    assert_eq!(
        compare(&dt(2021, 1, 4, 10, "Europe/Paris"), &ny),
        Some(Less)
    );
    assert_eq!(compare(&cur(1, "USD", 0), &cur(100, "USD", 2)), Some(Equal));
    assert_eq!(compare(&cur(99, "USD", 2), &cur(1, "USD", 0)), Some(Less));
    assert_eq!(compare(&cur(1, "USD", 0), &cur(1, "CAD", 0)), None);
}

#[test]
fn everything_else_is_not_orderable() {
    let pairs = [
        (Value::Null, Value::Null),
        (Value::Null, n("1")),
        (n("1"), t("2")),
        (Value::Bool(true), Value::Bool(false)),
        (Value::list(vec![]), Value::list(vec![])),
        (obj(&[]), obj(&[])),
        (date(2021, 1, 1), dt(2021, 1, 1, 0, "UTC")),
        (asset("data:,a"), asset("data:,b")),
        (cur(1, "USD", 2), n("1")),
    ];
    for (a, b) in pairs {
        assert_eq!(compare(&a, &b), None, "{a} vs {b}");
        assert_eq!(compare(&b, &a), None, "{b} vs {a}");
    }
}

#[test]
fn sort_order_by_type_rank() {
    let ascending = [
        Value::Null,
        Value::Bool(false),
        Value::Bool(true),
        n("-5"),
        n("10"),
        t("B"),
        t("a"),
        date(2020, 1, 1),
        time(0, 0, 0, 0),
        dt(1990, 1, 1, 0, "UTC"),
        cur(500, "EUR", 2),
        cur(1, "USD", 2),
        cur(2, "USD", 2),
        Value::list(vec![]),
        Value::list(vec![n("1")]),
        Value::list(vec![n("1"), Value::Null]),
        Value::list(vec![n("2")]),
        Value::list(vec![t("a")]),
        obj(&[("z", n("1"))]),
        asset("data:,a"),
    ];
    for (i, a) in ascending.iter().enumerate() {
        for (j, b) in ascending.iter().enumerate() {
            assert_eq!(sort_cmp(a, b), i.cmp(&j), "{a} vs {b}");
        }
    }
}

#[test]
fn sort_ties() {
    assert_eq!(
        sort_cmp(&obj(&[("a", n("1"))]), &obj(&[("b", n("2"))])),
        Equal
    );
    assert_eq!(sort_cmp(&asset("data:,a"), &asset("data:,b")), Equal);
    assert_eq!(sort_cmp(&n("1"), &n("1.0")), Equal);
    assert_eq!(sort_cmp(&Value::Null, &Value::Null), Equal);
    assert_eq!(sort_cmp(&cur(1, "USD", 0), &cur(100, "USD", 2)), Equal);
    assert_eq!(
        sort_cmp(
            &dt(2021, 1, 4, 9, "America/New_York"),
            &dt(2021, 1, 4, 14, "UTC")
        ),
        Equal
    );
}

#[test]
fn deep_lists_do_not_overflow_the_stack() {
    let mut a = Value::list(vec![]);
    let mut b = Value::list(vec![n("1")]);
    for _ in 0..100_000 {
        a = Value::list(vec![a]);
        b = Value::list(vec![b]);
    }
    assert_eq!(sort_cmp(&a, &b), Less);
    // Dropping deep values recursively is the caller's concern; leak them here.
    std::mem::forget(a);
    std::mem::forget(b);
}
