//! W1 and W5 in airscript, rhai, minijinja and cel, each compiled once and
//! evaluated against prepared variables.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;

fn w1(c: &mut Criterion) {
    let mut g = c.benchmark_group("W1");

    let engine = airscript::Engine::new();
    let expr = engine.compile_expression(r#"(a + b * 2) > c AND status = "open""#).unwrap();
    let ctx = airscript::Context::from_json(&json!({"a": 10, "b": 20, "c": 30, "status": "open"})).unwrap();
    let vars = expr.bind(&ctx);
    assert_eq!(expr.eval_vars(&vars).unwrap(), airscript::Value::Bool(true));
    g.bench_function("airscript", |b| b.iter(|| expr.eval_vars(black_box(&vars)).unwrap()));

    let rhai = rhai::Engine::new();
    let ast = rhai.compile_expression(r#"(a + b * 2) > c && status == "open""#).unwrap();
    let mut scope = rhai::Scope::new();
    scope.push("a", 10_i64).push("b", 20_i64).push("c", 30_i64).push("status", "open");
    assert!(rhai.eval_ast_with_scope::<bool>(&mut scope, &ast).unwrap());
    g.bench_function("rhai", |b| b.iter(|| rhai.eval_ast_with_scope::<bool>(&mut scope, black_box(&ast)).unwrap()));

    let env = minijinja::Environment::new();
    let mj = env.compile_expression(r#"(a + b * 2) > c and status == "open""#).unwrap();
    let mctx = minijinja::context! { a => 10, b => 20, c => 30, status => "open" };
    assert!(mj.eval(&mctx).unwrap().is_true());
    g.bench_function("minijinja", |b| b.iter(|| mj.eval(black_box(&mctx)).unwrap()));

    let prog = cel::Program::compile(r#"(a + b * 2) > c && status == "open""#).unwrap();
    let mut cctx = cel::Context::default();
    cctx.add_variable("a", 10).unwrap();
    cctx.add_variable("b", 20).unwrap();
    cctx.add_variable("c", 30).unwrap();
    cctx.add_variable("status", "open").unwrap();
    assert_eq!(prog.execute(&cctx).unwrap(), true.into());
    g.bench_function("cel", |b| b.iter(|| prog.execute(black_box(&cctx)).unwrap()));
    g.finish();
}

fn w5(c: &mut Criterion) {
    let mut g = c.benchmark_group("W5");
    let data = json!({"a": {"b": {"c": {"d": {"e": {"f": 42}}}}}});

    let engine = airscript::Engine::new();
    let expr = engine.compile_expression("a.b.c.d.e.f").unwrap();
    let vars = expr.bind(&airscript::Context::from_json(&data).unwrap());
    g.bench_function("airscript", |b| b.iter(|| expr.eval_vars(black_box(&vars)).unwrap()));

    let rhai = rhai::Engine::new();
    let ast = rhai.compile_expression("a.b.c.d.e.f").unwrap();
    let mut scope = rhai::Scope::new();
    // {"b": {"c": {"d": {"e": {"f": 42}}}}} as nested rhai maps.
    let mut a = rhai::Dynamic::from(42_i64);
    for key in ["f", "e", "d", "c", "b"] {
        let mut m = rhai::Map::new();
        m.insert(key.into(), a);
        a = rhai::Dynamic::from_map(m);
    }
    scope.push_dynamic("a", a);
    assert_eq!(rhai.eval_ast_with_scope::<i64>(&mut scope, &ast).unwrap(), 42);
    g.bench_function("rhai", |b| b.iter(|| rhai.eval_ast_with_scope::<rhai::Dynamic>(&mut scope, black_box(&ast)).unwrap()));

    let env = minijinja::Environment::new();
    let mj = env.compile_expression("a.b.c.d.e.f").unwrap();
    let mctx = minijinja::Value::from_serialize(&data);
    g.bench_function("minijinja", |b| b.iter(|| mj.eval(black_box(&mctx)).unwrap()));

    let prog = cel::Program::compile("a.b.c.d.e.f").unwrap();
    let mut cctx = cel::Context::default();
    cctx.add_variable("a", cel::to_value(&data["a"]).unwrap()).unwrap();
    g.bench_function("cel", |b| b.iter(|| prog.execute(black_box(&cctx)).unwrap()));
    g.finish();
}

criterion_group!(benches, w1, w5);
criterion_main!(benches);
