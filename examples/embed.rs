//! Embedding airscript: compile once, evaluate many times, from many threads.
//! Run it with `cargo run --example embed`; `tests/embed.rs` runs it too.

use std::thread;

use airscript::{Context, Engine, Value};
use serde_json::json;

pub fn main() {
    let engine = Engine::new();

    // An expression, compiled once, evaluated against several contexts.
    let rule = engine
        .compile_expression(r#"(a + b * 2) > c AND status = "open""#)
        .expect("the rule compiles");
    for (a, expected) in [(10, true), (-20, false)] {
        let ctx = Context::from_json(&json!({"a": a, "b": 20, "c": 30, "status": "open"})).unwrap();
        let value = rule.eval(&ctx).expect("the rule evaluates");
        assert_eq!(value, Value::Bool(expected));
        println!("a = {a}: {value}");
    }

    // A template, shared by four threads, each with its own data.
    let template = engine
        .compile_template(
            "Hello, {{actor.first_name}}! Your total is {{FORMAT_NUMBER(total, \",.2f\")}}.",
        )
        .expect("the template compiles");
    let handles: Vec<_> = (1..=4)
        .map(|i| {
            let template = template.clone();
            thread::spawn(move || {
                let ctx = Context::from_json(&json!({
                    "actor": {"first_name": format!("User{i}")},
                    "total": 1000 * i
                }))
                .unwrap();
                template.render(&ctx).expect("the template renders")
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let text = h.join().unwrap();
        let n = i + 1;
        assert_eq!(text, format!("Hello, User{n}! Your total is {n},000.00."));
        println!("{text}");
    }

    // Errors carry a kind, a message and the span of the offending source.
    let err = engine.compile_expression("1 +* 2").unwrap_err();
    println!("{}", err.first());
    let err = engine
        .compile_expression("10 / (5 - 5)")
        .unwrap()
        .eval(&Context::new())
        .unwrap_err();
    assert_eq!(err.kind(), airscript::ErrorKind::Arithmetic);
    println!("{err}");
}
