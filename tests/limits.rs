//! Every resource limit ends evaluation with a `LimitError`: never a stack
//! overflow, a hang or a panic. (How fast is a benchmark's business.)

use std::time::Duration;

use airscript::{Context, Engine, ErrorKind, Limits, Value};

fn eval_with(limits: Limits, src: &str) -> Result<Value, airscript::Error> {
    let engine = Engine::new().with_limits(limits);
    let expr = engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?;
    expr.eval(&Context::new())
}

fn eval(src: &str) -> Result<Value, airscript::Error> {
    eval_with(Limits::default(), src)
}

fn kind(r: Result<Value, airscript::Error>) -> Option<ErrorKind> {
    r.err().map(|e| e.kind())
}

#[test]
fn runaway_recursion_is_a_limit_error() {
    let e = eval("LET f(n) = f(n + 1) IN f(0)").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message().contains("nested calls"), "{e}");
}

#[test]
fn recursion_within_the_limit_works_on_a_small_test_thread() {
    let v = eval("LET count(n) = IF(n = 0, 0, 1 + count(n - 1)) IN count(1990)").unwrap();
    assert_eq!(v, Value::from(1990));
}

#[test]
fn the_call_depth_limit_is_configurable() {
    let limits = Limits {
        max_call_depth: 50,
        ..Limits::default()
    };
    let src = "LET count(n) = IF(n = 0, 0, 1 + count(n - 1)) IN count(100)";
    assert_eq!(kind(eval_with(limits.clone(), src)), Some(ErrorKind::Limit));
    let ok = "LET count(n) = IF(n = 0, 0, 1 + count(n - 1)) IN count(40)";
    assert_eq!(eval_with(limits, ok).unwrap(), Value::from(40));
}

#[test]
fn the_step_limit_stops_long_work() {
    let limits = Limits {
        max_steps: 10_000,
        ..Limits::default()
    };
    let src = "LET f(n) = IF(n = 0, 0, f(n - 1) + f(n - 1)) IN f(30)";
    let e = eval_with(limits, src).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message().contains("steps"), "{e}");
}

#[test]
fn the_time_limit_stops_long_work() {
    let limits = Limits {
        max_time: Some(Duration::from_millis(20)),
        max_steps: u64::MAX,
        ..Limits::default()
    };
    let src = "LET f(n) = IF(n = 0, 0, f(n - 1) + f(n - 1)) IN f(60)";
    let e = eval_with(limits, src).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message().contains("longer than"), "{e}");
}

#[test]
fn the_size_limit_stops_growing_values() {
    let limits = Limits {
        max_size: 1000,
        ..Limits::default()
    };
    let text = r#"LET grow(s, n) = IF(n = 0, s, grow(s + s, n - 1)) IN grow("ab", 20)"#;
    assert_eq!(
        kind(eval_with(limits.clone(), text)),
        Some(ErrorKind::Limit)
    );
    let list = "LET grow(s, n) = IF(n = 0, s, grow(s + s, n - 1)) IN grow([1], 20)";
    assert_eq!(
        kind(eval_with(limits.clone(), list)),
        Some(ErrorKind::Limit)
    );
    let interp = r#"LET s = "0123456789" IN "{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}{{s}}""#;
    assert_eq!(kind(eval_with(limits, interp)), Some(ErrorKind::Limit));
}

#[test]
fn deep_source_nesting_is_a_limit_error() {
    let src = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let errs = Engine::new().compile_expression(&src).unwrap_err();
    assert_eq!(errs.first().kind(), ErrorKind::Limit);
    let src = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let errs = Engine::new().compile_expression(&src).unwrap_err();
    assert_eq!(errs.first().kind(), ErrorKind::Limit);
}

#[test]
fn long_operator_chains_and_deep_nesting_within_the_limit_evaluate() {
    let sum = vec!["1"; 900].join(" + ");
    assert_eq!(eval(&sum).unwrap(), Value::from(900));
    let nested = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    assert!(eval(&nested).is_ok());
}

#[test]
fn oversized_source_is_a_limit_error() {
    let limits = Limits {
        max_source: 100,
        ..Limits::default()
    };
    let engine = Engine::new().with_limits(limits);
    let src = vec!["1"; 100].join("+");
    let errs = engine.compile_expression(&src).unwrap_err();
    assert_eq!(errs.first().kind(), ErrorKind::Limit);
}
