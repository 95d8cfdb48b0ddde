//! `stdlib/*.md` is tied to the function table and its examples run.
//!
//! - Each `## NAME` heading names one registered built-in, in the file of its
//!   category (`stdlib/<category>.md`), and every built-in has its heading.
//! - A section's signature lines (`` `NAME(...) → Type` ``) equal the table's
//!   signatures, one line per overload. `AIRSCRIPT_BLESS=1 cargo test --test
//!   stdlib_docs` rewrites them from the table.
//! - Inside a fenced block tagged `air-examples`, each line
//!   `EXPRESSION ⇒ EXPECTED` must evaluate to a value equal (by `=`) to
//!   EXPECTED, and `EXPRESSION ⇒ !Kind` must raise that kind. Each section has
//!   at least one example that calls its function. The clock is fixed at
//!   2020-05-20T15:30:00Z, the session zone is UTC, and local files may be
//!   read (as in `air eval`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use airscript::builtins::{self, FunctionSpec};
use airscript::{Clock, Context, Engine, Session, Value};

fn session() -> Session {
    Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        ..Session::default().with_files(std::env::temp_dir())
    }
}

fn eval(src: &str) -> Result<Value, airscript::Error> {
    let engine = Engine::new().with_session(session());
    let expr = engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?;
    expr.eval(&Context::new())
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib")
}

/// One `## NAME` section of a docs file.
struct Section {
    file: String,
    /// 1-based line of the heading.
    line: usize,
    name: String,
    /// The signature lines, without their backticks.
    signatures: Vec<String>,
    /// (line, expression, expected) of each example.
    examples: Vec<(usize, String, String)>,
}

fn doc_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn sections() -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for path in doc_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let mut inside = false;
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if let Some(name) = line.strip_prefix("## ") {
                out.push(Section {
                    file: file.clone(),
                    line: n + 1,
                    name: name.trim().to_string(),
                    signatures: Vec::new(),
                    examples: Vec::new(),
                });
                continue;
            }
            if t.starts_with("```") {
                inside = !inside && t == "```air-examples";
                continue;
            }
            let Some(section) = out.last_mut().filter(|s| s.file == file) else {
                assert!(!inside, "{file}:{}: an example before any heading", n + 1);
                continue;
            };
            if inside && !t.is_empty() {
                let (expr, expect) = t
                    .split_once('⇒')
                    .unwrap_or_else(|| panic!("{file}:{}: an example needs `⇒`: {t}", n + 1));
                section
                    .examples
                    .push((n + 1, expr.trim().to_string(), expect.trim().to_string()));
            } else if !inside && is_signature_line(t, &section.name) {
                section.signatures.push(t.trim_matches('`').to_string());
            }
        }
    }
    out
}

fn is_signature_line(line: &str, name: &str) -> bool {
    line.strip_prefix('`')
        .and_then(|l| l.strip_prefix(name))
        .is_some_and(|l| l.starts_with('('))
        && line.ends_with('`')
}

fn spec_named(name: &str) -> Option<&'static FunctionSpec> {
    builtins::all().iter().copied().find(|f| f.name == name)
}

#[test]
fn every_stdlib_example_holds() {
    let mut failures = Vec::new();
    let mut count = 0;
    for s in sections() {
        for (line, expr, expect) in &s.examples {
            count += 1;
            let got = eval(expr);
            let ok = match expect.strip_prefix('!') {
                Some(kind) => matches!(&got, Err(e) if e.kind().name() == kind),
                None => match (&got, eval(expect)) {
                    (Ok(a), Ok(b)) => *a == b,
                    _ => false,
                },
            };
            if !ok {
                let shown = match &got {
                    Ok(v) => v.to_string(),
                    Err(e) => e.to_string(),
                };
                failures.push(format!("{}:{line}: {expr} ⇒ {expect}, got {shown}", s.file));
            }
        }
    }
    assert!(count >= builtins::all().len(), "only {count} examples");
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_heading_is_one_builtin_in_its_category_file_with_an_example() {
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for s in sections() {
        let at = format!("{}:{}", s.file, s.line);
        let Some(spec) = spec_named(&s.name) else {
            problems.push(format!(
                "{at}: `## {}` is not a registered built-in",
                s.name
            ));
            continue;
        };
        if let Some(first) = seen.insert(s.name.clone(), at.clone()) {
            problems.push(format!(
                "{at}: {} is documented again (first at {first})",
                s.name
            ));
        }
        let want = format!("{}.md", spec.category.name());
        if s.file != want {
            problems.push(format!("{at}: {} belongs in stdlib/{want}", s.name));
        }
        let call = format!("{}(", s.name);
        if !s.examples.iter().any(|(_, e, _)| e.contains(&call)) {
            problems.push(format!("{at}: {} has no example that calls it", s.name));
        }
    }
    for f in builtins::all() {
        if !seen.contains_key(f.name) {
            problems.push(format!(
                "{} has no `## {}` section in stdlib/{}.md",
                f.name,
                f.name,
                f.category.name()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn signature_lines_equal_the_table() {
    if std::env::var_os("AIRSCRIPT_BLESS").is_some() {
        bless();
    }
    let mut problems = Vec::new();
    for s in sections() {
        let Some(spec) = spec_named(&s.name) else {
            continue; // reported by the heading test
        };
        let want = spec.signature_lines();
        if s.signatures != want {
            problems.push(format!(
                "{}:{}: the signature lines of {} are\n    {}\n  the table says\n    {}",
                s.file,
                s.line,
                s.name,
                s.signatures.join("\n    "),
                want.join("\n    ")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(AIRSCRIPT_BLESS=1 cargo test --test stdlib_docs rewrites them)",
        problems.join("\n")
    );
}

/// Rewrites each section's signature lines from the table: the old lines go,
/// the table's take the place of the first (or follow the heading).
fn bless() {
    for path in doc_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out: Vec<String> = Vec::new();
        let mut current: Option<&'static FunctionSpec> = None;
        let mut written = false;
        let mut inside = false;
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("## ") {
                current = spec_named(name.trim());
                written = false;
                out.push(line.to_string());
                continue;
            }
            let t = line.trim();
            if t.starts_with("```") {
                inside = !inside && t == "```air-examples";
            }
            match current {
                Some(spec) if !inside && is_signature_line(t, spec.name) => {
                    if !written {
                        out.push(signature_block(spec));
                        written = true;
                    }
                }
                Some(spec) if !written && !t.is_empty() => {
                    out.push(signature_block(spec));
                    out.push(String::new());
                    out.push(line.to_string());
                    written = true;
                }
                _ => out.push(line.to_string()),
            }
        }
        let mut joined = out.join("\n");
        joined.push('\n');
        // Blank lines that separated old signature lines collapse.
        while joined.contains("\n\n\n") {
            joined = joined.replace("\n\n\n", "\n\n");
        }
        std::fs::write(&path, joined).unwrap();
    }
}

/// The table's signature lines as the docs write them: one paragraph each.
fn signature_block(spec: &FunctionSpec) -> String {
    let lines: Vec<String> = spec
        .signature_lines()
        .into_iter()
        .map(|l| format!("`{l}`"))
        .collect();
    lines.join("\n\n")
}
