//! The single function table: names unique and canonical, every built-in the
//! language needs is there, and every built-in is documented in `stdlib/`.

use std::collections::HashSet;

use airscript::builtins::{self, Special};

#[test]
fn names_are_unique_upper_case_and_found_in_any_case() {
    let mut seen = HashSet::new();
    for f in builtins::all() {
        assert!(seen.insert(f.name), "{} is registered twice", f.name);
        assert_eq!(
            f.name,
            f.name.to_ascii_uppercase(),
            "{} is not canonical",
            f.name
        );
        let id = builtins::lookup(&f.name.to_ascii_lowercase()).expect("lookup in lower case");
        assert_eq!(builtins::spec(id).name, f.name);
        assert!(!f.summary.is_empty(), "{} has no summary", f.name);
    }
}

#[test]
fn the_language_builtins_are_registered() {
    for name in [
        "IF",
        "NOT",
        "ISEMPTY",
        "ISNOTEMPTY",
        "ISEMAIL",
        "CONCAT",
        "JOIN",
        "SPLIT",
        "FLAT",
        "CONTAINS",
        "LENGTH",
        "STRING_FIND",
        "STRING_COMPARE",
        "SUBSTRING",
        "SUBSTITUTE",
        "STRIP",
        "TRIM",
        "UPPERCASE",
        "LOWERCASE",
        "URL_ENCODE",
        "FORMAT_NUMBER",
        "FORMAT_DATETIME",
        "FORMAT_CURRENCY",
        "DATE",
        "TIME",
        "DATETIME",
        "NOW",
        "CURRENCY",
        "SUM",
        "RANDOM",
        "TRY",
        "THROW",
    ] {
        assert!(builtins::lookup(name).is_some(), "{name} is missing");
    }
}

#[test]
fn lazy_forms_and_volatility_are_declared() {
    let spec = |n: &str| builtins::spec(builtins::lookup(n).unwrap());
    assert_eq!(spec("IF").special(), Some(Special::If));
    assert_eq!(spec("TRY").special(), Some(Special::Try));
    for v in ["NOW", "TODAY", "RANDOM"] {
        assert!(spec(v).volatile, "{v} must be volatile");
    }
    for p in ["UPPERCASE", "SUM", "DATE", "FORMAT_NUMBER"] {
        assert!(
            spec(p).pure && !spec(p).volatile,
            "{p} must be pure and not volatile"
        );
    }
}

#[test]
fn every_builtin_is_documented_in_stdlib() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib");
    let mut docs = String::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        docs.push_str(&std::fs::read_to_string(e.path()).unwrap());
    }
    let missing: Vec<&str> = builtins::all()
        .iter()
        .map(|f| f.name)
        .filter(|n| {
            !docs.lines().any(|l| {
                l.starts_with("## ")
                    && l[3..]
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .any(|w| w == *n)
            })
        })
        .collect();
    assert!(missing.is_empty(), "not documented in stdlib/: {missing:?}");
}
