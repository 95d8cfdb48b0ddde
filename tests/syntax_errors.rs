//! Syntax error snapshots: `Kind: message`, line:col, help, incompleteness.
//!
//! Files named `program_*.air` are parsed as programs (every error listed),
//! the others as one expression.

use airscript::syntax::span::line_col;
use airscript::syntax::{parse_expression, parse_program};
use airscript::Error;

fn render(src: &str, e: &Error) -> String {
    let mut out = format!("{}: {}\n", e.kind(), e.message());
    match e.span() {
        Some(s) => {
            let (l, c) = line_col(src, s.start);
            let slice = src.get(s.range()).unwrap_or("<bad span>");
            out.push_str(&format!("  at {l}:{c} {slice:?}\n"));
        }
        None => out.push_str("  at <no span>\n"),
    }
    if let Some(h) = e.help() {
        out.push_str(&format!("  help: {h}\n"));
    }
    if e.is_incomplete() {
        out.push_str("  (incomplete input)\n");
    }
    out
}

#[test]
fn error_snapshots() {
    insta::glob!("syntax/errors/*.air", |path| {
        let src = std::fs::read_to_string(path).expect("readable input");
        let src = src.strip_suffix('\n').unwrap_or(&src);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let out = if name.starts_with("program_") {
            let (_, errors) = parse_program(src);
            assert!(!errors.is_empty(), "{name} should not parse");
            errors.iter().map(|e| render(src, e)).collect::<String>()
        } else {
            match parse_expression(src) {
                Ok(e) => panic!("{name} should not parse, got {e:?}"),
                Err(e) => render(src, &e),
            }
        };
        insta::assert_snapshot!(out);
    });
}
