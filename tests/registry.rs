//! The single function table: names unique and canonical, every built-in the
//! language needs is there (the docs are checked against it in stdlib_docs.rs).

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

/// The string literals of a Rust source, with the line each starts on;
/// comments are skipped (a literal-aware scan, enough for this crate's code).
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    line += usize::from(b[i] == b'\n');
                    i += 1;
                }
                i += 2;
                continue;
            }
            // A char literal such as '"' or '\'' (lifetimes have no closing quote).
            b'\'' if b.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') => i += 3,
            // A raw string (not a raw identifier such as r#type).
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !b[i - 1].is_ascii_alphanumeric()
                && b.get(i + 1 + b[i + 1..].iter().take_while(|&&c| c == b'#').count())
                    == Some(&b'"') =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let start = i + 2 + hashes;
                let end_pat = format!("\"{}", "#".repeat(hashes));
                let len = src[start..].find(&end_pat).expect("closed raw string");
                out.push((line, src[start..start + len].to_string()));
                line += src[start..start + len].matches('\n').count();
                i = start + len + end_pat.len();
                continue;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    line += usize::from(b[i] == b'\n');
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push((line, src[start..i].to_string()));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A built-in's name is written once, in its table entry: messages take it
/// from the call context (`cx.name()`), code reaches functions through the
/// table. Not checked: unit tests (they may name what they test), `syntax/`
/// (`NOT` is also an operator keyword) and `value/` (below the table: the
/// display form `DATE(2021, 4, 7)` is the language's own syntax for values,
/// and operator errors suggest functions by name), and the SQLite store,
/// whose SQL says `NOT NULL`.
#[test]
fn no_builtin_name_is_written_outside_its_table_entry() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let names: HashSet<&str> = builtins::all().iter().map(|f| f.name).collect();
    let mut entries: std::collections::HashMap<&str, usize> = Default::default();
    let mut stray = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let is_test = rel.ends_with("/tests.rs") || rel.ends_with("_tests.rs");
        // SQL is another language: its `NOT NULL` is not the built-in NOT.
        let sql = rel.starts_with("src/messaging/store/sqlite/");
        if is_test || sql || rel.starts_with("src/syntax/") || rel.starts_with("src/value/") {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap();
        // Unit tests at the end of a file are tests too.
        let code = src
            .split("#[cfg(test)]\nmod tests {")
            .next()
            .unwrap_or(&src);
        for (line, lit) in string_literals(code) {
            if names.contains(lit.as_str()) {
                *entries.entry(names.get(lit.as_str()).unwrap()).or_default() += 1;
                continue;
            }
            for word in lit.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                if names.contains(word) {
                    stray.push(format!("{rel}:{line}: \"{lit}\" writes {word}"));
                }
            }
        }
    }
    for (name, n) in &entries {
        if *n != 1 {
            stray.push(format!("{name} is written as a literal {n} times"));
        }
    }
    assert!(stray.is_empty(), "{}", stray.join("\n"));
    assert_eq!(entries.len(), names.len(), "every name has its table entry");
}

/// Overloads are told apart by the number of arguments, or else by the type
/// of the first one; a variadic or optional parameter comes last.
#[test]
fn overloads_are_unambiguous_and_parameters_well_ordered() {
    use airscript::builtins::ParamKind;
    for f in builtins::all() {
        assert!(!f.signatures.is_empty(), "{} has no signature", f.name);
        for s in f.signatures {
            let kinds: Vec<ParamKind> = s.params.iter().map(|p| p.kind).collect();
            let first_optional = kinds.iter().position(|k| *k != ParamKind::Required);
            if let Some(at) = first_optional {
                assert!(
                    kinds[at..].iter().all(|k| *k != ParamKind::Required),
                    "{}: a required parameter after an optional one",
                    f.name
                );
            }
            assert!(
                !kinds[..kinds.len().saturating_sub(1)].contains(&ParamKind::Variadic),
                "{}: a variadic parameter that is not last",
                f.name
            );
        }
        for (i, a) in f.signatures.iter().enumerate() {
            for (j, b) in f.signatures.iter().enumerate().skip(i + 1) {
                let shared = (0..8).any(|n| a.takes(n) && b.takes(n));
                let (Some(pa), Some(pb)) = (a.params.first(), b.params.first()) else {
                    assert!(!shared, "{}: two overloads take no argument", f.name);
                    continue;
                };
                assert!(
                    !shared || !pa.ty.intersects(pb.ty),
                    "{}: overloads {} and {} cannot be told apart",
                    f.name,
                    f.signature_lines()[i],
                    f.signature_lines()[j]
                );
            }
        }
    }
}
