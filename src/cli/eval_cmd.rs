//! `air eval EXPR`: one expression, its display form (or JSON) on stdout.
//! On error: exit 1 and a first stderr line `Kind: message`.

use super::{parse_context, report, SessionArgs};
use crate::engine::Context;
use crate::value::json;

pub fn main(expr: &str, as_json: bool, context: Option<&str>, args: &SessionArgs) -> u8 {
    let session = match args.session() {
        Ok(s) => s,
        Err(e) => return usage(&e),
    };
    let ctx = match context {
        None => Context::new(),
        Some(c) => {
            let loaded = match c.strip_prefix('@') {
                Some(path) => std::fs::read_to_string(path)
                    .map_err(|e| format!("--context {path}: {e}"))
                    .and_then(|t| parse_context(&t, path)),
                None => parse_context(c, "--context"),
            };
            match loaded {
                Ok(ctx) => ctx,
                Err(e) => return usage(&e),
            }
        }
    };
    let engine = super::engine().with_session(session);
    let compiled = match engine.compile_expression(expr) {
        Ok(c) => c,
        Err(errors) => {
            for e in errors.iter() {
                report(e, expr, "<expr>");
            }
            return 1;
        }
    };
    match compiled.eval(&ctx) {
        Ok(v) => {
            if as_json {
                out!("{}", json::to_json(&v));
            } else {
                out!("{v}");
            }
            0
        }
        Err(e) => {
            report(&e, expr, "<expr>");
            1
        }
    }
}

fn usage(msg: &str) -> u8 {
    eprintln!("error: {msg}");
    2
}
