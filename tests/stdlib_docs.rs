//! Every example in `stdlib/*.md` runs: inside a fenced block tagged
//! `air-examples`, each line `EXPRESSION ⇒ EXPECTED` must evaluate to a value
//! equal (by `=`) to EXPECTED, and `EXPRESSION ⇒ !Kind` must raise that kind.
//! The clock is fixed at 2020-05-20T15:30:00Z and the session zone is UTC.

use std::path::Path;

use airscript::{Clock, Context, Engine, Session, Value};

fn session() -> Session {
    Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        ..Session::default()
    }
}

fn eval(src: &str) -> Result<Value, airscript::Error> {
    let engine = Engine::new().with_session(session());
    let expr = engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?;
    expr.eval(&Context::new())
}

/// (file, line number, expression, expected) of every example.
fn examples() -> Vec<(String, usize, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut inside = false;
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("```") {
                inside = !inside && t == "```air-examples";
                continue;
            }
            if inside && !t.is_empty() {
                let (expr, expect) = t
                    .split_once('⇒')
                    .unwrap_or_else(|| panic!("{name}:{}: an example needs `⇒`: {t}", n + 1));
                out.push((
                    name.clone(),
                    n + 1,
                    expr.trim().to_string(),
                    expect.trim().to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_stdlib_example_holds() {
    let examples = examples();
    // At least one example per built-in: an empty or unparsed docs folder fails.
    assert!(
        examples.len() >= airscript::builtins::all().len(),
        "only {} examples for {} built-ins",
        examples.len(),
        airscript::builtins::all().len()
    );
    let mut failures = Vec::new();
    for (file, line, expr, expect) in &examples {
        let got = eval(expr);
        let ok = match expect.strip_prefix('!') {
            Some(kind) => matches!(&got, Err(e) if e.kind().name() == kind),
            None => match (&got, eval(expect)) {
                (Ok(a), Ok(b)) => *a == b,
                _ => false,
            },
        };
        if !ok {
            let shown = match &got {
                Ok(v) => v.to_string(),
                Err(e) => e.to_string(),
            };
            failures.push(format!("{file}:{line}: {expr} ⇒ {expect}, got {shown}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
