//! Lexer snapshots: every token beside the exact source slice it covers.

use airscript::span::line_col;
use airscript::syntax::lexer::tokenize;

#[test]
fn lexer_snapshots() {
    insta::glob!("syntax/lexer/*.air", |path| {
        let src = std::fs::read_to_string(path).expect("readable input");
        let mut out = String::new();
        match tokenize(&src) {
            Ok(toks) => {
                for t in toks {
                    let (l, c) = line_col(&src, t.span.start);
                    let slice = src.get(t.span.range()).unwrap_or("<bad span>");
                    let nl = if t.nl_before { "\u{21b5} " } else { "" };
                    out.push_str(&format!("{l}:{c} {nl}{} {slice:?}\n", t.kind.name()));
                }
            }
            Err(e) => out.push_str(&format!("{e}\n")),
        }
        insta::assert_snapshot!(out);
    });
}
