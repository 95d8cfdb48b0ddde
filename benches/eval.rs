//! Evaluation and compile benchmarks for the workloads named in the issues.
//! W1: `(a + b * 2) > c AND status = "open"` over four context variables.
//! W5: `a.b.c.d.e.f`. C1: compiling W1. F1: built-in calls through the
//! function table (`ROUND(price * qty, 2)`, `UPPERCASE(name)`, `SUBSTRING(...)`).

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
    let engine = Engine::new();
    let expr = engine.compile_expression(W5).expect("W5 compiles");
    let ctx = Context::from_json(&json!({"a": {"b": {"c": {"d": {"e": {"f": 42}}}}}})).unwrap();
    let vars = expr.bind(&ctx);
    assert_eq!(expr.eval_vars(&vars).unwrap().to_string(), "42");
    c.bench_function("W5 eval (prepared vars)", |b| {
        b.iter(|| expr.eval_vars(black_box(&vars)))
    });
}

const F1: &str = r#"ROUND(price * qty, 2) > 10 AND LENGTH(SUBSTRING(UPPERCASE(name), 0, 3)) = 3"#;

fn f1(c: &mut Criterion) {
    let engine = Engine::new();
    let expr = engine.compile_expression(F1).expect("F1 compiles");
    let ctx = Context::from_json(&json!({"price": 4.25, "qty": 3, "name": "Ada"})).unwrap();
    let vars = expr.bind(&ctx);
    assert_eq!(expr.eval_vars(&vars).unwrap().to_string(), "TRUE");
    c.bench_function("F1 built-in calls (prepared vars)", |b| {
        b.iter(|| expr.eval_vars(black_box(&vars)))
    });
}

fn compile(c: &mut Criterion) {
    let engine = Engine::new();
    c.bench_function("W1 compile", |b| {
        b.iter(|| engine.compile_expression(black_box(W1)))
    });
}

criterion_group!(benches, w1, w5, f1, compile);
criterion_main!(benches);
