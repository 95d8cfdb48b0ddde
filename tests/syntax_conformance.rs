//! Every `expr` and `expect` of the language and function conformance cases
//! in `tests/conformance/` parses, unless its case expects a SyntaxError.

use std::path::PathBuf;

use airscript::syntax::parse_expression;

/// Cases expecting a SyntaxError that the parser accepts on purpose: the
/// error is found later by the compiler (unknown function, redefined
/// built-in, duplicate function name).
const COMPILE_LEVEL: &[&str] = &[
    "lang.fn.not-visible-outside-let",
    "lang.fn.redefine-builtin",
    "lang.fn.unknown-function",
    "lang.fn.unknown-function-in-dead-branch",
];

#[test]
fn conformance_expressions_parse() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("conformance directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".toml") && (n.starts_with("language-") || n.starts_with("functions-"))
        })
        .collect();
    files.sort();
    assert!(files.len() > 10, "found only {} files", files.len());
    let mut failures = Vec::new();
    let mut accepted_syntax_errors = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let doc: toml::Table = toml::from_str(&text).expect("valid TOML");
        let Some(cases) = doc.get("case").and_then(|c| c.as_array()) else {
            continue;
        };
        for case in cases {
            let id = case.get("id").and_then(|v| v.as_str()).unwrap_or("?");
            let error = case.get("error").and_then(|v| v.as_str());
            let expects_syntax = error == Some("SyntaxError");
            for field in ["expr", "expect"] {
                let Some(src) = case.get(field).and_then(|v| v.as_str()) else {
                    continue;
                };
                checked += 1;
                match (parse_expression(src), expects_syntax && field == "expr") {
                    (Ok(_), true) => accepted_syntax_errors.push(id.to_string()),
                    (Err(e), false) => failures.push(format!("{id} ({field}): {e}\n    {src}")),
                    _ => {}
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} expressions checked");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    accepted_syntax_errors.sort();
    assert_eq!(accepted_syntax_errors, COMPILE_LEVEL);
}
