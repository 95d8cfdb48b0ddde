//! Rendered error messages, snapshotted from input files: every file under
//! `tests/errors/runtime/` (run-time errors), `tests/errors/compile/` (names
//! resolved before running) and `tests/syntax/errors/` (syntax errors) is
//! evaluated as one expression and its error rendered as a user sees it
//! (`Kind: message`, location, caret excerpt, help), by the one renderer,
//! `diagnostic::render`.

use airscript::span::line_col;
use airscript::syntax::{parse_expression, parse_program};
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

/// Syntax error inputs that end too early: the REPL asks for more lines.
const INCOMPLETE: &[&str] = &[
    "deep_unary_eof.air",
    "empty_input.air",
    "let_without_in.air",
    "missing_arg_close.air",
    "trailing_plus.air",
    "unclosed_list.air",
    "unclosed_object.air",
    "unclosed_paren.air",
    "unterminated_comment.air",
    "unterminated_interp.air",
    "unterminated_string.air",
];

/// Every error of a `program_*` input parsed as a program (`line:col message`).
const PROGRAM_ERRORS: &[(&str, &[&str])] = &[
    (
        "program_errors.air",
        &[
            "2:1 expected an expression after `+`, found `)`",
            "3:7 expected `,` or `)` to close the call to `foo` opened at 3:4, found number `2`",
            "4:5 `from` is a reserved word and cannot be used as a binding name",
            "5:3 expected `;` or a line break between items, found number `4`",
            "7:2 expected a key (a name or a string), found number `1`",
        ],
    ),
    (
        "program_two_on_line.air",
        &["1:3 expected `;` or a line break between items, found number `2`"],
    ),
];

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

        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let src = src.trim_end_matches('\n');
        let err = parse_expression(src).expect_err(name);
        assert_eq!(err.is_incomplete(), INCOMPLETE.contains(&name), "{name}");
        if name.starts_with("program_") {
            let (_, errors) = parse_program(src);
            let found: Vec<String> = errors
                .iter()
                .map(|e| {
                    let (l, c) = line_col(src, e.span().map_or(0, |s| s.start));
                    format!("{l}:{c} {}", e.message())
                })
                .collect();
            let expected = PROGRAM_ERRORS.iter().find(|(n, _)| *n == name);
            assert_eq!(found, expected.map_or(&[][..], |e| e.1), "{name}");
        }
    });
}
