//! The `air-examples` line format of `stdlib/*.md` and of the user guide in
//! `docs/`: inside a fenced block tagged `air-examples`, each line
//! `EXPRESSION ⇒ EXPECTED` must evaluate to a value equal (by `=`) to
//! EXPECTED, and `EXPRESSION ⇒ !Kind` must raise that kind of error.
//!
//! Both sides are evaluated in one fixed session: the clock reads
//! 2020-05-20T15:30:00Z, the time zone is UTC, the locale en-US, and local
//! files may be read (relative to the system's temporary directory), as in
//! `air eval`. A test includes it with
//! `#[path = "support/air_examples.rs"] mod air_examples;`.
#![allow(dead_code)]

use airscript::{Clock, Context, Engine, Session, Value};

/// The instant `NOW()` reads in the examples.
pub const CLOCK: &str = "2020-05-20T15:30:00Z";

/// The session the examples run in.
pub fn session() -> Session {
    Session {
        clock: Clock::Fixed(CLOCK.parse().unwrap()),
        ..Session::default().with_files(std::env::temp_dir())
    }
}

/// Evaluates one expression in the examples' session, with no variables.
pub fn eval(src: &str) -> Result<Value, airscript::Error> {
    let engine = Engine::new().with_session(session());
    let expr = engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?;
    expr.eval(&Context::new())
}

/// Splits an example line at its `⇒`: (expression, expected).
pub fn split(line: &str) -> Option<(&str, &str)> {
    line.split_once('⇒').map(|(e, x)| (e.trim(), x.trim()))
}

/// Checks one example; on failure, says what the expression gave instead.
pub fn check(expr: &str, expect: &str) -> Result<(), String> {
    let got = eval(expr);
    let ok = match expect.strip_prefix('!') {
        Some(kind) => matches!(&got, Err(e) if e.kind().name() == kind),
        None => match (&got, eval(expect)) {
            (Ok(a), Ok(b)) => *a == b,
            (_, Err(e)) => return Err(format!("the expected value does not evaluate: {e}")),
            _ => false,
        },
    };
    if ok {
        return Ok(());
    }
    Err(match &got {
        Ok(v) => format!("got {v}"),
        Err(e) => format!("got {e}"),
    })
}
