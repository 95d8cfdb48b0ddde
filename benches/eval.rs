//! Evaluation and compile benchmarks for the workloads named in the issues.
//! W1: `(a + b * 2) > c AND status = "open"` over four context variables.
//! W5: `a.b.c.d.e.f`. C1: compiling W1. F1: built-in calls through the
//! function table (`ROUND(price * qty, 2)`, `UPPERCASE(name)`, `SUBSTRING(...)`).
//! D1: reading, moving and writing a date-time in a zone; M1: real math
//! (a haversine distance and a square root); M2: exact aggregates over 100
//! numbers; K1: reading and formatting money.

use std::hint::black_box;

use airscript::{Context, Engine};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;

const W1: &str = r#"(a + b * 2) > c AND status = "open""#;
const W5: &str = "a.b.c.d.e.f";

fn w1(c: &mut Criterion) {
    let engine = Engine::new();
    let expr = engine.compile_expression(W1).expect("W1 compiles");
    let ctx = Context::from_json(&json!({"a": 10, "b": 20, "c": 30, "status": "open"})).unwrap();
    let vars = expr.bind(&ctx);
    assert_eq!(expr.eval_vars(&vars).unwrap().to_string(), "TRUE");
    c.bench_function("W1 eval (prepared vars)", |b| {
        b.iter(|| expr.eval_vars(black_box(&vars)))
    });
    c.bench_function("W1 eval (bind + eval)", |b| {
        b.iter(|| expr.eval(black_box(&ctx)))
    });
}

fn w5(c: &mut Criterion) {
    prepared(
        c,
        "W5 eval (prepared vars)",
        W5,
        json!({"a": {"b": {"c": {"d": {"e": {"f": 42}}}}}}),
        "42",
    );
}

const F1: &str = r#"ROUND(price * qty, 2) > 10 AND LENGTH(SUBSTRING(UPPERCASE(name), 0, 3)) = 3"#;

fn f1(c: &mut Criterion) {
    prepared(
        c,
        "F1 built-in calls (prepared vars)",
        F1,
        json!({"price": 4.25, "qty": 3, "name": "Ada"}),
        "TRUE",
    );
}

/// One prepared expression over a JSON context, checked once, then timed.
fn prepared(c: &mut Criterion, name: &str, src: &str, ctx: serde_json::Value, expect: &str) {
    let engine = Engine::new();
    let expr = engine.compile_expression(src).expect("compiles");
    let ctx = Context::from_json(&ctx).unwrap();
    let vars = expr.bind(&ctx);
    assert_eq!(expr.eval_vars(&vars).unwrap().to_string(), expect);
    c.bench_function(name, |b| b.iter(|| expr.eval_vars(black_box(&vars))));
}

fn dates(c: &mut Criterion) {
    prepared(
        c,
        "D1 parse + add a day + format (prepared vars)",
        r#"FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME_FROM_FORMAT(when, "YYYY-MM-DD HH:mm", "America/Los_Angeles"), 1, "day"), "dddd, MMMM Do [at] h:mm A z")"#,
        json!({"when": "2021-11-06 10:00"}),
        "\"Sunday, November 7th at 10:00 AM PST\"",
    );
}

fn math(c: &mut Criterion) {
    prepared(
        c,
        "M1 LATLNGDISTANCE + SQRT (prepared vars)",
        "ROUND(LATLNGDISTANCE(a, b, \"mi\"), 1) + SQRT(x)",
        json!({"a": {"latitude": 37.7749, "longitude": -122.4194},
               "b": {"latitude": 34.0522, "longitude": -118.2437}, "x": 16}),
        "351.4",
    );
    let xs: Vec<f64> = (1..=100).map(|i| f64::from(i) * 1.25).collect();
    prepared(
        c,
        "M2 SUM, SUMSQ, MAX over 100 numbers (prepared vars)",
        "[SUM(xs), SUMSQ(xs), MAX(xs)]",
        json!({ "xs": xs }),
        "[6312.5, 528671.875, 125]",
    );
}

fn money(c: &mut Criterion) {
    prepared(
        c,
        "K1 PARSE_CURRENCY * rate + FORMAT_CURRENCY (prepared vars)",
        r#"FORMAT_CURRENCY(PARSE_CURRENCY(fee) * 1.0825, NULL, "de-DE")"#,
        json!({"fee": "$1,234.56"}),
        "\"1.336,41 $\"",
    );
}

fn compile(c: &mut Criterion) {
    let engine = Engine::new();
    c.bench_function("W1 compile", |b| {
        b.iter(|| engine.compile_expression(black_box(W1)))
    });
}

criterion_group!(benches, w1, w5, f1, dates, math, money, compile);
criterion_main!(benches);
