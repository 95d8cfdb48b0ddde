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
            let doc: serde_json::Value = serde_json::from_slice(bytes).expect("a messaging case is JSON");
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
        assert!(files.iter().any(|f| f == c), "CASES lists {c}, which is not in fuzz/regressions");
    }
}

/// The harness itself: a few inputs of each target with known outcomes.
#[test]
fn the_harness_reports_outcomes() {
    assert_eq!(harness::parse("1 + 2 * x"), "(+ 1 (* 2 $x))");
    assert_eq!(harness::parse("1 +"), "SyntaxError: expected an expression after `+`, found the end of the input");
    assert_eq!(harness::eval("SUM(xs) + n"), "= 48");
    assert_eq!(harness::eval("people[0].name"), "= \"Ann\"");
    assert_eq!(harness::eval("NOW()"), "= DATETIME(DATE(2020, 5, 20), TIME(11, 30, 0), \"America/New_York\")");
    assert_eq!(harness::eval("1 / 0"), "ArithmeticError: division by zero");
    assert_eq!(harness::template("Hi {{people[1].name}}!"), "= \"Hi bob!\"");
    assert_eq!(
        harness::context(br#"{"a": [1, 2.50], "b": null}"#).lines().next(),
        Some("= TRUE; = \"{\\\"a\\\":[1,2.5],\\\"b\\\":null}\"; = \"{\\n  \\\"a\\\": [\\n    1,\\n    2.5\\n  ],\\n  \\\"b\\\": null\\n}\"; = {\"a\": [1, 2.5], \"b\": NULL}; = \"{\\\"a\\\":[1,2.5],\\\"b\\\":null}\"; = 2; = [\"a\", \"b\"]; = [[1, 2.5], NULL]; = [{\"a\": [1, 2.5], \"b\": NULL}]; = {\"a\": [1, 2.5]}; = {\"a\": [1, 2.5], \"b\": NULL, \"extra\": 1}; = [[1, 2.5]]; = [[\"b\", \"Null\"], [\"a\", \"List\"]]; = {\"a\": [1, 2.5]}; = NULL; TypeError: x; TypeError: x; = \"x\"; = x; = [NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL]")
    );
    let email = serde_json::json!({
        "channel": "email",
        "fields": {"to": "ann@example.com", "subject": "Hi", "body": "Hello",
                   "attachments": [{"$asset": "./note.txt"}]},
        "mime": {"id": "x1", "from": "a@example.com", "to": ["b@example.com"], "bcc": ["c@example.com"],
                 "subject": "S", "text": "T"}
    });
    assert_eq!(harness::messaging(&email), "x");
    let sms = serde_json::json!({
        "channel": "sms",
        "fields": {"to": "(415) 555-0100", "body": "Hello"},
        "region": "US"
    });
    assert_eq!(harness::messaging(&sms), "sms to +14155550100 (5 chars)");
}
