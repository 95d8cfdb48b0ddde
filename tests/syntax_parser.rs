//! Parser snapshots: each input file beside its S-expression tree.
//!
//! Files named `expr_*.air` are parsed as one expression, `template_*.air` as
//! a template, everything else as a program.

use airscript::syntax::{parse_expression, parse_program, parse_template, sexpr};

#[test]
fn parser_snapshots() {
    insta::glob!("syntax/parser/*.air", |path| {
        let src = std::fs::read_to_string(path).expect("readable input");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let out = if name.starts_with("expr_") {
            match parse_expression(&src) {
                Ok(e) => sexpr::expr(&e),
                Err(e) => format!("ERROR {e}"),
            }
        } else if name.starts_with("template_") {
            match parse_template(&src) {
                Ok(t) => sexpr::template(&t),
                Err(e) => format!("ERROR {e}"),
            }
        } else {
            let (p, errors) = parse_program(&src);
            let mut out = sexpr::program(&p);
            for e in errors {
                out.push_str(&format!("ERROR {e}\n"));
            }
            out
        };
        insta::assert_snapshot!(out);
    });
}
