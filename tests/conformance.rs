//! Runs every conformance case in `tests/conformance/*.toml`.
//!
//! A case that fails only because it calls a function that is not built in
//! yet is *pending*: it is counted and its missing functions are listed, but
//! it does not fail the test. Every other failure does. The summary is printed
//! on stderr (see it with `cargo test --test conformance -- --nocapture`).

use std::path::{Path, PathBuf};

use airscript::builtins;
use airscript::conformance::{self, Summary};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/conformance is readable")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_case_passes_or_is_pending() {
    let files = case_files();
    assert!(files.len() >= 24, "found only {} case files", files.len());
    let mut total = Summary::default();
    let mut report = String::new();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let file = conformance::load(path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!file.cases.is_empty(), "{name} has no cases");
        let outcomes = conformance::run_file(&file);
        for o in &outcomes {
            for f in &o.missing {
                assert!(
                    builtins::lookup(f).is_none(),
                    "{}: {f} is registered but counted missing",
                    o.id
                );
            }
        }
        failures.extend(outcomes.iter().filter(|o| o.is_failed()).map(|o| {
            let detail = &o.detail;
            format!("[{name}] {detail}")
        }));
        let summary = Summary::of(&outcomes);
        report.push_str(&format!("{name}: {summary}\n"));
        total.merge(&summary);
    }
    report.push_str(&format!("total: {total}\n"));
    if let Some(line) = total.missing_line() {
        report.push_str(&line);
        report.push('\n');
    }
    eprintln!("{report}");
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(total.failed, 0);
}

/// The runner tells pending from failed: an unknown function is pending, a
/// wrong result of a registered one is not.
#[test]
fn pending_means_an_unregistered_function() {
    assert_eq!(
        conformance::unregistered_calls("LET f(x) = NO_SUCH_FN(x) IN f(UPPERCASE(\"a\"))"),
        ["NO_SUCH_FN"]
    );
    assert!(conformance::unregistered_calls("LET f(x) = x IN f(1)").is_empty());
    let file: conformance::CaseFile = toml::from_str(
        "[[case]]\nid = \"p\"\nexpr = 'no_such_fn(1)'\nexpect = '1'\n\n\
         [[case]]\nid = \"f\"\nexpr = 'UPPERCASE(\"a\")'\nexpect = '\"b\"'\n",
    )
    .unwrap();
    let outcomes = conformance::run_file(&file);
    assert!(outcomes[0].is_pending() && outcomes[0].missing == ["NO_SUCH_FN"]);
    assert!(outcomes[1].is_failed());
}

/// The copies must equal `../shared/conformance` when the project sits beside
/// such a folder; without it there is nothing to compare, and the test passes.
#[test]
fn copies_match_shared() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().ends_with(".toml") {
            continue;
        }
        let original = std::fs::read_to_string(e.path()).unwrap();
        let copy = std::fs::read_to_string(dir().join(&name)).unwrap_or_default();
        assert!(
            original == copy,
            "tests/conformance/{} differs from ../shared/conformance: copy it again",
            name.to_string_lossy()
        );
    }
}
