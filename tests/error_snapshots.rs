//! Rendered error messages, snapshotted from input files: every file under
//! `tests/errors/runtime/` (run-time errors), `tests/errors/compile/` (names
//! resolved before running) and `tests/syntax/errors/` (syntax errors) is evaluated as one expression and its error rendered as a
//! user sees it (`Kind: message`, location, caret excerpt, help).

use airscript::{diagnostic, Context, Engine};

fn render(src: &str) -> String {
    let src = src.trim_end_matches('\n');
    let engine = Engine::new();
    match engine.compile_expression(src) {
        Err(errors) => errors
            .iter()
            .map(|e| diagnostic::render(e, src, "input.air", false))
            .collect(),
        Ok(expr) => match expr.eval(&Context::new()) {
            Ok(v) => format!("no error; the value is {v}\n"),
            Err(e) => diagnostic::render(&e, src, "input.air", false),
        },
    }
}

#[test]
fn runtime_errors() {
    insta::glob!("errors/runtime/*.air", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let out = render(&src);
        assert!(
            !out.starts_with("no error"),
            "{} did not fail",
            path.display()
        );
        assert!(
            !out.starts_with("SyntaxError"),
            "{} failed to compile",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}

#[test]
fn compile_errors() {
    insta::glob!("errors/compile/*.air", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let out = render(&src);
        assert!(
            out.starts_with("SyntaxError"),
            "{} did not give a SyntaxError: {out}",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}

#[test]
fn syntax_errors() {
    insta::glob!("syntax/errors/*.air", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let out = render(&src);
        assert!(
            out.starts_with("SyntaxError") || out.starts_with("LimitError"),
            "{} did not give a SyntaxError: {out}",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}
