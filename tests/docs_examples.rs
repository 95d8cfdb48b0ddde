//! Every example in the user guide (`docs/src/**/*.md`) runs, and gives what
//! the page says. The conventions (also in `docs/README.md`):
//!
//! - ` ```air-examples `: lines `EXPRESSION ⇒ RESULT` or `EXPRESSION ⇒ !Kind`,
//!   checked exactly as `stdlib/*.md` is (`tests/support/air_examples.rs`).
//! - ` ```air `: a script. When its first line is `// NAME.air` it is saved
//!   as NAME in the page's directory, for later `$ air ...` commands of the
//!   page, one of which must name it (any block after a line
//!   `<!-- file: NAME -->` is saved likewise; `air.toml` is read without
//!   being named). Otherwise it is run there as
//!   `air run --now 2020-05-20T15:30:00Z script.air`; a ` ```output ` block
//!   right after it is what that prints (standard output and error, as a
//!   terminal shows them), and without one it must succeed.
//! - ` ```console `: `$ air ...` command lines (perhaps after `NAME=value`
//!   settings), each followed by its output.
//!   The command runs in `sh`, with the `air` under test first on `PATH`, in
//!   the page's directory, with standard error joined to standard output.
//!   In the expected output `[..]` matches any text within a line and a line
//!   `...` any number of lines; trailing spaces are ignored.
//! - ` ```air-repl `: a REPL session. Lines after `air> ` and `...> ` are
//!   typed; the other lines are what the REPL prints.
//!
//! Each page gets a fresh directory holding a copy of `examples/`, with no
//! `AIR_*` or `AWS_*` variables in the environment and `HOME` pointing there;
//! its commands run in the order of the page. Any other fence tag must be one
//! of [`PLAIN`], which are shown and not run.
//!
//! The Rust code the pages show is `docs/src/embedding-examples.rs`, which
//! this test compiles and runs.
//!
//! Besides: every page is in `SUMMARY.md` and every `SUMMARY.md` entry
//! exists, every relative link and `{{#include}}` finds its file, and every
//! `stdlib/*.md` is included by one page of the function reference.

#[path = "support/air_examples.rs"]
mod air_examples;
#[path = "../docs/src/embedding-examples.rs"]
mod embedding_examples;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Fence tags shown as they are (configuration, shell sessions to copy,
/// Rust, data, diagrams).
const PLAIN: &[&str] = &[
    "sh",
    "toml",
    "text",
    "json",
    "csv",
    "rust,noplayground",
    "ebnf",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn book() -> PathBuf {
    root().join("docs/src")
}

fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&book(), &mut out);
    out.sort();
    out
}

/// `docs/src/x.md` as `x.md`, for messages.
fn shown(page: &Path) -> String {
    page.strip_prefix(root())
        .unwrap_or(page)
        .display()
        .to_string()
}

/// One fenced code block.
struct Block {
    /// The fence's info string.
    tag: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// The lines inside, with their 1-based line numbers.
    lines: Vec<(usize, String)>,
    /// 1-based line of the closing fence.
    end: usize,
    /// NAME when the block follows a line `<!-- file: NAME -->`.
    file: Option<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    let mut file: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        match open.take() {
            None => {
                if let Some(tag) = t.strip_prefix("```") {
                    open = Some(Block {
                        tag: tag.trim().to_string(),
                        line: n + 1,
                        lines: Vec::new(),
                        end: 0,
                        file: file.take(),
                    });
                } else if let Some(name) = t
                    .strip_prefix("<!-- file:")
                    .and_then(|r| r.strip_suffix("-->"))
                {
                    file = Some(name.trim().to_string());
                } else if !t.is_empty() {
                    file = None;
                }
            }
            Some(mut b) if t == "```" => {
                b.end = n + 1;
                out.push(b);
            }
            Some(mut b) => {
                b.lines.push((n + 1, line.to_string()));
                open = Some(b);
            }
        }
    }
    assert!(open.is_none(), "a code block is never closed");
    out
}

/// The `air` binary's directory, to put first on `PATH`.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_air"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A page's working directory: fresh, with a copy of `examples/`.
struct Workdir(PathBuf);

impl Workdir {
    fn new(page: &Path) -> Workdir {
        let name: String = shown(page)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("docs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("examples")).unwrap();
        for entry in std::fs::read_dir(root().join("examples"))
            .unwrap()
            .flatten()
        {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), dir.join("examples").join(entry.file_name())).unwrap();
            }
        }
        Workdir(dir)
    }

    /// `sh -c SCRIPT` here, standard error joined to standard output;
    /// returns (exit status, output).
    fn sh(&self, script: &str, stdin: &str) -> (i32, String) {
        let path = match std::env::var_os("PATH") {
            Some(p) => {
                let mut dirs = vec![bin_dir()];
                dirs.extend(std::env::split_paths(&p));
                std::env::join_paths(dirs).unwrap()
            }
            None => bin_dir().into_os_string(),
        };
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("exec 2>&1\n{script}"))
            .current_dir(&self.0)
            .env("PATH", path)
            .env("HOME", &self.0)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, _) in std::env::vars() {
            if k.starts_with("AIR_") || k.starts_with("AWS_") {
                c.env_remove(k);
            }
        }
        let mut child = c.spawn().expect("sh runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One line against a pattern line where `[..]` matches any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || line.len() < first.len() + last.len() || !line.ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// Lines against pattern lines, where a line `...` matches any number of lines.
fn lines_match(pattern: &[&str], lines: &[&str]) -> bool {
    match pattern.split_first() {
        None => lines.is_empty(),
        Some((&"...", rest)) => (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..])),
        Some((p, rest)) => {
            !lines.is_empty() && line_matches(p, lines[0]) && lines_match(rest, &lines[1..])
        }
    }
}

fn output_matches(expected: &[String], actual: &str) -> bool {
    let want: Vec<&str> = expected.iter().map(|l| l.trim_end()).collect();
    let got: Vec<&str> = actual.lines().map(|l| l.trim_end()).collect();
    lines_match(&want, &got)
}

fn mismatch(at: &str, what: &str, expected: &[String], actual: &str) -> String {
    let mut s = format!("{at}: {what} printed something else.\n--- expected\n");
    for l in expected {
        let _ = writeln!(s, "{l}");
    }
    let _ = write!(s, "--- got\n{actual}");
    if !actual.ends_with('\n') {
        s.push('\n');
    }
    s.push_str("---");
    s
}

/// The file a block is saved as in the page's directory: NAME after a line
/// `<!-- file: NAME -->`, or a script's first line `// NAME.air`.
fn saved_name(b: &Block) -> Option<String> {
    if b.file.is_some() {
        return b.file.clone();
    }
    if b.tag != "air" {
        return None;
    }
    let first = b.lines.first()?.1.trim();
    let word = first.strip_prefix("// ")?.split_whitespace().next()?;
    (word.ends_with(".air") && !word.contains('/')).then(|| word.to_string())
}

/// Whether a command line runs `air`, after any `NAME=value` settings.
fn runs_air(cmd: &str) -> bool {
    cmd.split_whitespace()
        .find(|w| {
            !w.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            })
        })
        .is_some_and(|w| w == "air")
}

/// A block's lines as one text.
fn src(b: &Block) -> String {
    b.lines.iter().map(|(_, l)| format!("{l}\n")).collect()
}

/// Whether `next` is an output block with only blank lines between it and `b`.
fn follows(text: &str, b: &Block, next: Option<&Block>) -> bool {
    next.is_some_and(|o| {
        o.tag == "output"
            && text
                .lines()
                .skip(b.end)
                .take(o.line - 1 - b.end)
                .all(|l| l.trim().is_empty())
    })
}

/// Runs every example of one page; returns the problems, each with file:line.
fn check_page(page: &Path, count: &mut usize) -> Vec<String> {
    let file = shown(page);
    let text = std::fs::read_to_string(page).unwrap();
    let all = blocks(&text);
    let dir = Workdir::new(page);
    let mut problems = Vec::new();
    // Scripts saved for later commands, with where they were written.
    let mut saved: Vec<(String, usize)> = Vec::new();
    let mut commands: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let b = &all[i];
        let at = format!("{file}:{}", b.line);
        match b.tag.as_str() {
            "air-examples" => {
                for (n, line) in &b.lines {
                    let t = line.trim();
                    if t.is_empty() {
                        continue;
                    }
                    *count += 1;
                    match air_examples::split(t) {
                        None => problems.push(format!("{file}:{n}: an example needs `⇒`: {t}")),
                        Some((expr, expect)) => {
                            if let Err(got) = air_examples::check(expr, expect) {
                                problems.push(format!("{file}:{n}: {expr} ⇒ {expect}, {got}"));
                            }
                        }
                    }
                }
            }
            _ if saved_name(b).is_some() => {
                let name = saved_name(b).unwrap();
                if b.tag != "air" && !PLAIN.contains(&b.tag.as_str()) {
                    problems.push(format!("{at}: a `{}` block cannot be saved as a file", b.tag));
                }
                std::fs::write(dir.0.join(&name), src(b)).unwrap();
                saved.push((name.clone(), b.line));
                if follows(&text, b, all.get(i + 1)) {
                    problems.push(format!(
                        "{at}: {name} is saved for a `$ air` command, which shows the output; an output block cannot follow it"
                    ));
                    i += 1;
                }
            }
            "air" => {
                *count += 1;
                std::fs::write(dir.0.join("script.air"), src(b)).unwrap();
                let (status, out) =
                    dir.sh(&format!("air run --now {} script.air", air_examples::CLOCK), "");
                if follows(&text, b, all.get(i + 1)) {
                    let expected: Vec<String> =
                        all[i + 1].lines.iter().map(|(_, l)| l.clone()).collect();
                    if !output_matches(&expected, &out) {
                        problems.push(mismatch(&at, "this script", &expected, &out));
                    }
                    i += 1;
                } else if status != 0 {
                    problems.push(format!(
                        "{at}: this script fails (exit status {status}) and no output block says so:\n{out}"
                    ));
                }
            }
            "output" => problems.push(format!(
                "{at}: an output block must directly follow an unnamed air block"
            )),
            "console" => {
                let mut current: Option<(usize, String, Vec<String>)> = None;
                let mut runs = Vec::new();
                for (n, line) in &b.lines {
                    if let Some(cmd) = line.strip_prefix("$ ") {
                        runs.extend(current.take());
                        current = Some((*n, cmd.to_string(), Vec::new()));
                    } else if let Some((_, _, out)) = &mut current {
                        out.push(line.clone());
                    } else if !line.trim().is_empty() {
                        problems.push(format!(
                            "{file}:{n}: a console block starts with a `$ air` command line"
                        ));
                    }
                }
                runs.extend(current);
                for (n, cmd, expected) in runs {
                    *count += 1;
                    let at = format!("{file}:{n}");
                    if !runs_air(&cmd) {
                        problems.push(format!(
                            "{at}: console commands start with `air` (use a `sh` block for others): {cmd}"
                        ));
                        continue;
                    }
                    commands.push((n, cmd.clone()));
                    let (status, out) = dir.sh(&cmd, "");
                    if status != 0 && expected.iter().all(|l| l.trim().is_empty()) {
                        problems.push(format!(
                            "{at}: `{cmd}` fails (exit status {status}):\n{out}"
                        ));
                    } else if !output_matches(&expected, &out) {
                        problems.push(mismatch(&at, &format!("`{cmd}`"), &expected, &out));
                    }
                }
            }
            "air-repl" => {
                *count += 1;
                let mut input = String::new();
                let mut expected = Vec::new();
                for (_, line) in &b.lines {
                    if let Some(typed) = line
                        .strip_prefix("air> ")
                        .or_else(|| line.strip_prefix("...> "))
                    {
                        input.push_str(typed);
                        input.push('\n');
                    } else if line == "air>" || line == "...>" {
                        input.push('\n');
                    } else {
                        expected.push(line.clone());
                    }
                }
                let (_, out) = dir.sh("air", &input);
                if !output_matches(&expected, &out) {
                    problems.push(mismatch(&at, "this REPL session", &expected, &out));
                }
            }
            tag if PLAIN.contains(&tag) => {}
            tag => problems.push(format!(
                "{at}: unknown code block tag `{tag}` (runnable: air-examples, air, output, console, air-repl; shown: {})",
                PLAIN.join(", ")
            )),
        }
        i += 1;
    }
    // `air.toml` is read by every command in its directory without being named.
    for (name, line) in saved.into_iter().filter(|(n, _)| n != "air.toml") {
        if !commands
            .iter()
            .any(|(n, cmd)| *n > line && cmd.contains(&name))
        {
            problems.push(format!(
                "{file}:{line}: {name} is saved but no later `$ air` command names it"
            ));
        }
    }
    problems
}

#[test]
fn every_example_in_the_guide_runs() {
    let mut problems = Vec::new();
    let mut count = 0;
    for page in pages() {
        problems.extend(check_page(&page, &mut count));
    }
    assert!(
        problems.is_empty(),
        "{} example(s) of the guide failed:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
    assert!(count >= 100, "only {count} examples in docs/src");
}

/// The lines of a page outside fenced blocks, with their 0-based numbers.
fn prose_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fenced = false;
    text.lines().enumerate().filter(move |(_, line)| {
        if line.trim().starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// The targets of the links `[text](target)` of a page (not `http...`),
/// with their anchors (`page.md#anchor`, `#anchor`).
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in prose_lines(text) {
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            let target = &after[..end];
            if !target.contains("://") && !target.starts_with("mailto:") {
                out.push((n + 1, target.to_string()));
            }
            rest = &after[end..];
        }
    }
    out
}

/// The ids mdBook gives the headings of a page: lower case, spaces to `-`,
/// only letters, digits, `-` and `_` kept.
fn heading_ids(text: &str) -> BTreeSet<String> {
    let mut fenced = false;
    let mut ids = BTreeSet::new();
    for line in text.lines() {
        if line.trim().starts_with("```") {
            fenced = !fenced;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim();
        ids.insert(
            title
                .chars()
                .filter_map(|c| {
                    if c.is_alphanumeric() || c == '_' || c == '-' {
                        Some(c.to_ascii_lowercase())
                    } else if c.is_whitespace() {
                        Some('-')
                    } else {
                        None
                    }
                })
                .collect(),
        );
    }
    ids
}

/// The files of a page's `{{#include PATH}}` / `{{#include PATH:LINES}}`.
fn includes(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("{{#include ") {
            let after = &rest[i + "{{#include ".len()..];
            let Some(end) = after.find("}}") else { break };
            let target = after[..end].trim();
            let path = target.split(':').next().unwrap();
            out.push((n + 1, path.to_string()));
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn summary_links_and_includes_hold() {
    let src = book();
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let mut problems = Vec::new();
    let listed: BTreeSet<PathBuf> = links(&summary)
        .into_iter()
        .map(|(_, t)| src.join(t))
        .collect();
    for page in pages() {
        let file = shown(&page);
        if page.file_name().is_some_and(|n| n != "SUMMARY.md") && !listed.contains(&page) {
            problems.push(format!("{file} is not listed in docs/src/SUMMARY.md"));
        }
        let text = std::fs::read_to_string(&page).unwrap();
        let here = page.parent().unwrap();
        for (n, link) in links(&text) {
            let (target, anchor) = match link.split_once('#') {
                Some((t, a)) => (t.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            let path = if target.is_empty() {
                page.clone()
            } else {
                here.join(&target)
            };
            if let Some(anchor) = &anchor {
                let ids = std::fs::read_to_string(&path)
                    .map(|t| heading_ids(&t))
                    .unwrap_or_default();
                if !ids.contains(anchor) {
                    problems.push(format!(
                        "{file}:{n}: the link {link} names no heading of {} (its headings: {})",
                        if target.is_empty() {
                            "this page"
                        } else {
                            &target
                        },
                        ids.iter().cloned().collect::<Vec<_>>().join(", ")
                    ));
                }
            }
            if !path.exists() {
                problems.push(format!(
                    "{file}:{n}: the link target {target} does not exist"
                ));
            } else if !path
                .canonicalize()
                .unwrap()
                .starts_with(src.canonicalize().unwrap())
            {
                problems.push(format!(
                    "{file}:{n}: the link {target} leaves docs/src, so the built book cannot follow it (link to the repository on GitHub, or name the file in code)"
                ));
            }
        }
        for (n, target) in includes(&text) {
            if !here.join(&target).is_file() {
                problems.push(format!(
                    "{file}:{n}: the included file {target} does not exist"
                ));
            }
        }
    }
    // The function reference: each stdlib file is included by a page, from
    // its second line (the page gives the title), and has no relative links
    // (they would not resolve from docs/src/reference/).
    let mut stdlib: Vec<PathBuf> = std::fs::read_dir(root().join("stdlib"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    stdlib.sort();
    let reference = src.join("reference");
    for file in stdlib {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let directive = format!("{{{{#include ../../../stdlib/{name}:2:}}}}");
        let including = pages()
            .into_iter()
            .filter(|p| std::fs::read_to_string(p).unwrap().contains(&directive))
            .count();
        if including != 1 {
            problems.push(format!(
                "stdlib/{name} is included by {including} pages; one page in docs/src/reference/ should hold `{directive}` (a new category needs a page and a SUMMARY.md entry)"
            ));
        }
        let text = std::fs::read_to_string(&file).unwrap();
        if !text.lines().next().is_some_and(|l| l.starts_with("# ")) {
            problems.push(format!(
                "stdlib/{name}: the first line is not its `# ` title (the reference page includes it from line 2)"
            ));
        }
        for (n, target) in links(&text) {
            problems.push(format!(
                "stdlib/{name}:{n}: a relative link ({target}) does not resolve from {}",
                shown(&reference)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Words in capitals that the prose puts in backticks and that are not
/// function names: keywords, format tokens, settings, placeholders.
const NOT_FUNCTIONS: &[&str] = &[
    "NAME", "PATH", "NO_COLOR", "UTC", "YYYY", "MMMM", "USD", "EUR", "JPY",
];

/// Whether a capitalised word is a language keyword rather than a function.
fn is_keyword(word: &str) -> bool {
    use airscript::syntax::keywords::{CONTEXTUAL, RESERVED};
    RESERVED.iter().chain(CONTEXTUAL.iter()).any(|k| *k == word)
}

/// A name in capitals in the prose (`` `ROUND` ``, `ROUND(`) that is neither
/// a built-in function nor a known word is a mistake: the guide would send
/// readers to a function that does not exist.
#[test]
fn function_names_in_the_prose_exist() {
    let mut problems = Vec::new();
    for page in pages() {
        let file = shown(&page);
        let text = std::fs::read_to_string(&page).unwrap();
        for (n, line) in prose_lines(&text) {
            for (i, span) in line.split('`').enumerate() {
                if i % 2 == 0 {
                    continue;
                }
                let name = span.split('(').next().unwrap_or("");
                let capitals = name.len() >= 3
                    && name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                if capitals
                    && airscript::builtins::lookup(name).is_none()
                    && !NOT_FUNCTIONS.contains(&name)
                    && !is_keyword(name)
                    && !name.starts_with("AIR_")
                    && !name.starts_with("AWS_")
                {
                    problems.push(format!(
                        "{file}:{}: `{span}`: {name} is not a built-in function (a typo, or add it to NOT_FUNCTIONS)",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Rust code the guide shows (`docs/src/embedding-examples.rs`) runs.
#[test]
fn the_rust_examples_of_the_guide_hold() {
    embedding_examples::all();
}

#[test]
fn the_matcher_needs_every_line() {
    let want = |s: &str| -> Vec<String> { s.lines().map(String::from).collect() };
    assert!(output_matches(&want("a\nb"), "a\nb\n"));
    assert!(!output_matches(&want("a\nb"), "a\nc\n"));
    assert!(!output_matches(&want("a"), "a\nb\n"));
    assert!(output_matches(&want("id [..] ok"), "id 0123 ok\n"));
    assert!(!output_matches(&want("id [..] ok"), "id 0123 no\n"));
    assert!(output_matches(&want("a\n...\nz"), "a\nb\nc\nz\n"));
    assert!(output_matches(&want("a\n...\nz"), "a\nz\n"));
    assert!(runs_air("air eval 1"));
    assert!(runs_air("AIR_MODE=preview air run x.air"));
    assert!(!runs_air("cargo run -- eval 1"));
    assert!(!runs_air("rm -rf x; air eval 1"));
    assert!(!output_matches(&want("a\n...\nz"), "a\nb\n"));
}
