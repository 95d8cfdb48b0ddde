//! The Rust examples of the user guide. The pages include them piece by
//! piece (`{{#include embedding-examples.rs:ANCHOR}}`); `tests/docs_examples.rs`
//! compiles this file and runs every function, so the code shown compiles
//! and its assertions hold.

use std::time::Duration;

use airscript::{Clock, Context, Engine, ErrorKind, Interpreter, Limits, Session, Value};
use serde_json::json;

pub fn compile_once() {
    // ANCHOR: compile_once
    let engine = Engine::new();
    let rule = engine
        .compile_expression(r#"total > limit AND status = "open""#)
        .expect("the rule compiles");

    // The variables it reads: fetch only these from your data.
    let names: Vec<&str> = rule.variables().iter().map(|n| &**n).collect();
    assert_eq!(names, ["total", "limit", "status"]);

    // Evaluate against a context...
    let ctx = Context::from_json(&json!({"total": 120, "limit": 100, "status": "open"}))
        .expect("a JSON object");
    assert_eq!(rule.eval(&ctx).unwrap(), Value::Bool(true));

    // ...or look the variables up once and evaluate as often as you like.
    let vars = rule.bind(&ctx);
    for _ in 0..1000 {
        assert_eq!(rule.eval_vars(&vars).unwrap(), Value::Bool(true));
    }
    // ANCHOR_END: compile_once
}

pub fn context() {
    // ANCHOR: context
    let mut ctx = Context::new();
    ctx.set("name", "Ada");
    ctx.set("visits", 3);
    ctx.set("vip", true);
    let expr = Engine::new()
        .compile_expression(r#""{{name}}: {{visits}} visits{{IF(vip, ", VIP")}}""#)
        .unwrap();
    assert_eq!(
        expr.eval(&ctx).unwrap().as_text(),
        Some("Ada: 3 visits, VIP")
    );
    // ANCHOR_END: context
}

pub fn template() {
    // ANCHOR: template
    let engine = Engine::new();
    let sms = engine
        .compile_template(r#"Hi {{actor.first_name}}, your order of {{FORMAT_CURRENCY(total, "USD")}} has shipped. "Track" it: {{url}}"#)
        .expect("the template compiles");
    let ctx = Context::from_json(&json!({
        "actor": {"first_name": "Grace"},
        "total": 59.5,
        "url": "https://example.com/t/42"
    }))
    .unwrap();
    assert_eq!(
        sms.render(&ctx).unwrap(),
        r#"Hi Grace, your order of $59.50 has shipped. "Track" it: https://example.com/t/42"#
    );

    // Outside `{{ }}` everything is copied as it is, except that `\{{`
    // writes a literal `{{`. An empty template is fine.
    let literal = engine
        .compile_template(r"Write \{{name}} to insert a name.")
        .unwrap();
    assert_eq!(
        literal.render(&Context::new()).unwrap(),
        "Write {{name}} to insert a name."
    );
    assert_eq!(
        engine
            .compile_template("")
            .unwrap()
            .render(&Context::new())
            .unwrap(),
        ""
    );
    // ANCHOR_END: template
}

pub fn errors() {
    // ANCHOR: errors
    let engine = Engine::new();

    // Compiling finds every syntax error, in source order.
    let errors = engine.compile_expression("1 +* 2").unwrap_err();
    assert_eq!(errors.first().kind(), ErrorKind::Syntax);

    // Evaluating stops at the first error.
    let src = "10 / (5 - 5)";
    let err = engine
        .compile_expression(src)
        .unwrap()
        .eval(&Context::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Arithmetic);
    assert_eq!(err.kind().name(), "ArithmeticError");
    assert_eq!(err.message(), "division by zero");
    assert_eq!(err.to_string(), "ArithmeticError: division by zero");
    // Where in the source: a byte range.
    let span = err.span().expect("a location");
    assert_eq!(&src[span.range()], "10 / (5 - 5)");
    // The report `air` prints, with its caret, without colours.
    let report = airscript::diagnostic::render(&err, src, "rule", false);
    assert!(report.starts_with("ArithmeticError: division by zero\n"));
    // ANCHOR_END: errors
}

pub fn limits() {
    // ANCHOR: limits
    let engine = Engine::new().with_limits(Limits {
        max_time: Some(Duration::from_secs(1)),
        max_call_depth: 100,
        ..Limits::default()
    });
    let err = engine
        .compile_expression("LET f(n) = f(n + 1) IN f(0)")
        .unwrap()
        .eval(&Context::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    // ANCHOR_END: limits
}

pub fn session() {
    // ANCHOR: session
    let session = Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        time_zone: jiff::tz::TimeZone::get("Asia/Tokyo").unwrap(),
        locale: "de-DE".to_string(),
        ..Session::default()
    };
    let engine = Engine::new().with_session(session);
    let expr = engine
        .compile_expression(r#"[TODAY(), FORMAT_NUMBER(1234.5, ",.2f")]"#)
        .unwrap();
    assert_eq!(
        expr.eval(&Context::new()).unwrap().to_string(),
        r#"[DATE(2020, 5, 21), "1.234,50"]"#
    );

    // One compiled expression, another session for one evaluation.
    let utc = Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        ..Session::default()
    };
    let vars = expr.bind(&Context::new());
    assert_eq!(
        expr.eval_with(&vars, &utc).unwrap().to_string(),
        r#"[DATE(2020, 5, 20), "1,234.50"]"#
    );
    // ANCHOR_END: session
}

pub fn files() {
    // ANCHOR: files
    let src = r#"URI_TO_ASSET("./invoice.pdf").name"#;

    // Without the capability, a local file is an EffectError...
    let plain = Engine::new().compile_expression(src).unwrap();
    let err = plain.eval(&Context::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Effect);

    // ...with it, relative paths resolve against the directory you grant.
    let dir = std::env::temp_dir().join(format!("airscript-guide-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("invoice.pdf"), b"%PDF-1.4").unwrap();
    let granted = Engine::new()
        .with_session(Session::default().with_files(&dir))
        .compile_expression(src)
        .unwrap();
    assert_eq!(
        granted.eval(&Context::new()).unwrap().as_text(),
        Some("invoice.pdf")
    );
    // ANCHOR_END: files
    std::fs::remove_dir_all(&dir).unwrap();
}

pub fn interpreter() {
    // ANCHOR: interpreter
    let mut program = Interpreter::new(Engine::new(), Context::new(), Session::default());
    let mut printed = Vec::new();
    program
        .run("LET tax = 0.08\nLET total(p) = p * (1 + tax)", &mut |v| {
            printed.push(v.to_string())
        })
        .unwrap();
    // Declarations stay for later runs, as in the REPL.
    program
        .run("total(120)\ntotal(50)", &mut |v| {
            printed.push(v.to_string())
        })
        .unwrap();
    assert_eq!(printed, ["129.6", "54"]);
    // ANCHOR_END: interpreter
}

/// Every example, in the order of the pages.
pub fn all() {
    compile_once();
    context();
    template();
    errors();
    limits();
    session();
    files();
    interpreter();
}
