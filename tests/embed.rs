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

#[test]
fn try_binds_error_itself_and_reads_no_context_variable() {
    let expr = Engine::new()
        .compile_expression("TRY(1/0, error.message)")
        .unwrap();
    assert!(expr.variables().is_empty(), "{:?}", expr.variables());
    let mut ctx = Context::new();
    ctx.set("error", "from the context");
    assert_eq!(expr.eval(&ctx).unwrap(), Value::text("division by zero"));
}

#[test]
fn templates_copy_text_verbatim_and_interpolate() {
    let engine = Engine::new();
    let render = |src: &str| {
        let mut ctx = Context::new();
        ctx.set("name", "Ann");
        ctx.set("n", 3);
        engine.compile_template(src).unwrap().render(&ctx).unwrap()
    };
    assert_eq!(render(""), "");
    assert_eq!(render("no parts"), "no parts");
    assert_eq!(
        render(r#"Say "hi", {{name}}! C:\path"#),
        r#"Say "hi", Ann! C:\path"#
    );
    assert_eq!(
        render(r"literal \{{name}} and {{name}}"),
        "literal {{name}} and Ann"
    );
    assert_eq!(
        render("{{n}} item{{IF(n <> 1, \"s\")}}, {{missing}}."),
        "3 items, ."
    );
    assert_eq!(
        render("{{ {a: [1, TRUE, NULL]} }}"),
        r#"{"a":[1,true,null]}"#
    );
}

#[test]
fn template_errors_have_kinds_and_spans() {
    let engine = Engine::new();
    let errs = engine.compile_template("Hello {{name").unwrap_err();
    assert_eq!(errs.first().kind(), airscript::ErrorKind::Syntax);
    let errs = engine
        .compile_template("Hello {{NOSUCH(name)}}")
        .unwrap_err();
    assert_eq!(errs.first().message(), "unknown function `NOSUCH`");
    assert_eq!(errs.first().span().map(|s| s.start), Some(8));
    let t = engine.compile_template("{{1 / d}}").unwrap();
    let mut ctx = Context::new();
    ctx.set("d", 0);
    assert_eq!(
        t.render(&ctx).unwrap_err().kind(),
        airscript::ErrorKind::Arithmetic
    );
}
