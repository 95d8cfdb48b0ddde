//! The embedding example runs, and compiled code is shared across threads.

#[path = "../examples/embed.rs"]
mod embed;

use airscript::{Context, Engine, Value};

#[test]
fn the_embedding_example_runs() {
    embed::main();
}

#[test]
fn one_expression_evaluates_in_many_threads() {
    let expr = Engine::new()
        .compile_expression("FROM x IN xs WHERE x % 2 = 0 SELECT x * k")
        .unwrap();
    std::thread::scope(|s| {
        for k in 1..=4i64 {
            let expr = &expr;
            s.spawn(move || {
                let mut ctx = Context::new();
                ctx.set("xs", Value::list((1..=6).map(Value::from).collect()));
                ctx.set("k", k);
                for _ in 0..100 {
                    let v = expr.eval(&ctx).unwrap();
                    assert_eq!(
                        v,
                        Value::list(vec![
                            Value::from(2 * k),
                            Value::from(4 * k),
                            Value::from(6 * k)
                        ])
                    );
                }
            });
        }
    });
}

#[test]
fn variables_are_listed_and_bound_once() {
    let expr = Engine::new()
        .compile_expression("LET t = price * qty IN t + fee + price")
        .unwrap();
    let names: Vec<&str> = expr.variables().iter().map(|n| &**n).collect();
    assert_eq!(names, ["price", "qty", "fee"]);
    let mut ctx = Context::new();
    ctx.set("price", 2);
    ctx.set("qty", 3);
    let vars = expr.bind(&ctx);
    // fee is missing: NULL propagates through +.
    assert_eq!(expr.eval_vars(&vars).unwrap(), Value::Null);
}
