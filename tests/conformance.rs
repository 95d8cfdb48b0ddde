//! Runs the conformance cases copied from `shared/conformance/` (language files
//! must all pass) and checks that the copies are in sync with the originals.

use std::path::{Path, PathBuf};

use airscript::conformance;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn run(name: &str) {
    let path = dir().join(name);
    let file = conformance::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!file.cases.is_empty(), "{name} has no cases");
    let failures: Vec<String> = conformance::run_file(&file)
        .into_iter()
        .filter(|o| !o.passed)
        .map(|o| o.detail)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} failed:\n{}",
        failures.len(),
        file.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn language_errors() {
    run("language-errors.toml");
}
#[test]
fn language_interpolation() {
    run("language-interpolation.toml");
}
#[test]
fn language_let_functions() {
    run("language-let-functions.toml");
}
#[test]
fn language_lexical() {
    run("language-lexical.toml");
}
#[test]
fn language_missing_values() {
    run("language-missing-values.toml");
}
#[test]
fn language_operators() {
    run("language-operators.toml");
}
#[test]
fn language_paths() {
    run("language-paths.toml");
}
#[test]
fn language_queries() {
    run("language-queries.toml");
}

/// Every language file is run above; a new one must be added there.
#[test]
fn every_language_file_is_run() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("language-") && n.ends_with(".toml"))
        .collect();
    names.sort();
    let this = include_str!("conformance.rs");
    for n in names {
        assert!(
            this.contains(&format!("run(\"{n}\")")),
            "{n} is not run by tests/conformance.rs"
        );
    }
}

/// The copies must equal `../shared/conformance` when it is beside the project.
#[test]
fn copies_match_shared() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        return; // not beside a shared/ folder: nothing to compare with
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
            "tests/conformance/{} differs from shared/conformance: copy it again",
            name.to_string_lossy()
        );
    }
}
