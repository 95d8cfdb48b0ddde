//! Replays the inputs the fuzzers found (fuzz/regressions/<target>/) through
//! the same harness the fuzz targets use (fuzz/src/harness.rs, included by
//! path, so libFuzzer is not needed), and checks each one's exact outcome.
//! The harness asserts the invariants (spans inside the source, two
//! evaluations agree, a built email has CRLF line endings, ...): a
//! regression panics here as it crashed there. See fuzz/README.md.

#[allow(dead_code)]
#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// Every saved input (relative to fuzz/regressions/) and the one-line
/// summary the harness gives for it (`= value` or `Kind: message`; for
/// `context` and `messaging`, their parts joined by `; `).
const CASES: &[(&str, &str)] = &[];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Runs one saved input through its target's harness.
fn replay(target: &str, bytes: &[u8]) -> String {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    match target {
        "parse" => harness::parse(&text()),
        "eval" => harness::eval(&text()),
        "template" => harness::template(&text()),
        "context" => harness::context(bytes),
        "messaging" => {
            let doc: serde_json::Value =
                serde_json::from_slice(bytes).expect("a messaging case is JSON");
            harness::messaging(&doc)
        }
        other => panic!("no fuzz target {other}"),
    }
}

#[test]
fn every_saved_input_has_its_outcome() {
    for (file, expected) in CASES {
        let target = file.split('/').next().unwrap();
        let bytes = std::fs::read(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(replay(target, &bytes), *expected, "{file}");
    }
}

#[test]
fn every_saved_input_is_listed() {
    let mut files = Vec::new();
    for target in std::fs::read_dir(dir()).unwrap().flatten() {
        if !target.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(target.path()).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if name == ".gitkeep" {
                continue;
            }
            files.push(format!("{}/{name}", target.file_name().to_string_lossy()));
        }
    }
    files.sort();
    for f in &files {
        assert!(
            CASES.iter().any(|(c, _)| c == f),
            "fuzz/regressions/{f} has no expected outcome in CASES"
        );
    }
    for (c, _) in CASES {
        assert!(
            files.iter().any(|f| f == c),
            "CASES lists {c}, which is not in fuzz/regressions"
        );
    }
}

/// The harness itself: a few inputs of each target with known outcomes, so
/// that a harness that stopped doing its work would be noticed.
#[test]
fn the_harness_reports_outcomes() {
    let cases: &[(&str, &str, &str)] = &[
        ("parse", "1 + 2 * x", "(+ 1 (* 2 $x))"),
        (
            "parse",
            "1 +",
            "SyntaxError: expected an expression after `+`, found end of input",
        ),
        ("parse", "people[0].name", "(. ([] $people 0) name)"),
        ("eval", "SUM(xs) + n", "= 48"),
        ("eval", "people[0].name", "= \"Ann\""),
        ("eval", "xs[5]", "= NULL"),
        (
            "eval",
            "NOW()",
            "= DATETIME(DATE(2020, 5, 20), TIME(11, 30, 0), \"America/New_York\")",
        ),
        ("eval", "1 / 0", "ArithmeticError: division by zero"),
        (
            "eval",
            "\"{{\"",
            "SyntaxError: unterminated string: `\"` is never closed",
        ),
        (
            "eval",
            "RANGE(1, 1e8)",
            "LimitError: RANGE would build a list of 100000000 items, over the limit of 10000000",
        ),
        (
            "eval",
            "LET f(n) = f(n + 1) IN f(0)",
            "LimitError: too many nested calls (the limit is 2000): is `f` recursing without end?",
        ),
        ("template", "Hi {{people[1].name}}!", "= \"Hi bob!\""),
        ("template", "a }} b", "= \"a }} b\""),
        ("template", "{{ 1/0 }}", "ArithmeticError: division by zero"),
        (
            "template",
            "{{",
            "SyntaxError: unterminated interpolation: `{{` is never closed by `}}`",
        ),
    ];
    for (target, input, expected) in cases {
        assert_eq!(
            replay(target, input.as_bytes()),
            *expected,
            "{target}: {input}"
        );
    }

    // `context`: one line per reading (the JSON document, then each CSV
    // row), each the outcomes of the fixed programs joined by `; `.
    let json = harness::context(br#"{"a": [1, 2.50], "b": null}"#);
    let outcomes: Vec<&str> = json.lines().next().unwrap().split("; ").collect();
    assert_eq!(outcomes[0], "= TRUE");
    assert_eq!(outcomes[1], r#"= "{\"a\":[1,2.5],\"b\":null}""#);
    assert_eq!(outcomes[6], r#"= ["a", "b"]"#);
    assert_eq!(outcomes[12], r#"= [["a", "List"], ["b", "Null"]]"#);
    let csv = harness::context(b"name,email\nAnn,ann@example.com\nBob\n");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[0].starts_with(r#"= TRUE; = "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}"; "#),
        "{csv}"
    );
    assert_eq!(lines[1], "row 2: wrong number of fields");
    assert_eq!(
        harness::context(b"\xff"),
        "row 1: CSV parse error: record 0 (line 1, field: 0, byte: 0): invalid utf-8: invalid UTF-8 in field 0 near byte index 0"
    );

    // `messaging`: the fields validated (and the email built), then the
    // `mime` part built directly.
    let email = serde_json::json!({
        "channel": "email",
        "fields": {"to": "ann@example.com", "subject": "Hi", "body": "Hello",
                   "attachments": [{"$asset": "./note.txt"}]},
        "mime": {"id": "x1", "from": "a@example.com", "to": ["b@example.com"], "bcc": ["c@example.com"],
                 "subject": "S", "text": "T"}
    });
    assert_eq!(
        harness::messaging(&email),
        "email: 566 bytes to ann@example.com; mime: 217 bytes to b@example.com, c@example.com"
    );
    let bad = serde_json::json!({"channel": "email", "fields": {"to": "bad@", "subject": 1}});
    assert_eq!(
        harness::messaging(&bad),
        "email: EffectError: `to`: \"bad@\" is not a valid email address"
    );
    let sms = serde_json::json!({
        "channel": "sms",
        "fields": {"to": "(415) 555-0100", "body": "Hello"},
        "region": "US"
    });
    assert_eq!(harness::messaging(&sms), "sms to +14155550100 (5 chars)");
}
