//! Tables of `EXPRESSION ⇒ EXPECTED` / `EXPRESSION ⇒ !ErrorKind` lines,
//! evaluated as `air eval` does; shared by the integration tests that state
//! behaviour as such tables. Each test binary includes it with `mod table;`.
#![allow(dead_code)]

use airscript::{Context, Engine, Session, Value};

/// The session of `air eval` with file access under the temporary directory.
pub fn session() -> Session {
    Session::default().with_files(std::env::temp_dir())
}

/// Evaluates `src` in `session`.
pub fn eval_in(session: &Session, src: &str) -> Result<Value, airscript::Error> {
    let engine = Engine::new().with_session(session.clone());
    let expr = engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?;
    expr.eval(&Context::new())
}

/// Evaluates `src` in the default session.
pub fn eval(src: &str) -> Result<Value, airscript::Error> {
    eval_in(&session(), src)
}

/// Runs every line of `table` in `session`, collecting the failures: the
/// expected side is evaluated too and compared with `=`'s equality, or names
/// the kind of the error expected after `!`.
pub fn check_in(session: &Session, table: &str) {
    let mut failures = Vec::new();
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (expr, expect) = line.split_once(" ⇒ ").expect("EXPR ⇒ EXPECTED");
        let got = eval_in(session, expr);
        let ok = match expect.strip_prefix('!') {
            Some(kind) => matches!(&got, Err(e) if e.kind().name() == kind),
            None => matches!((&got, eval_in(session, expect)), (Ok(a), Ok(b)) if *a == b),
        };
        if !ok {
            failures.push(format!("{line}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// [`check_in`] the default session.
pub fn check(table: &str) {
    check_in(&session(), table)
}
