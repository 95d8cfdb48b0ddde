//! Runs conformance case files (format: `tests/conformance/README.md`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::engine::{Context, Engine};
use crate::error::Error;
use crate::session::{Clock, Session};
use crate::value::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub now: Option<String>,
    pub timezone: Option<String>,
    pub context: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub expr: String,
    pub expect: Option<String>,
    pub error: Option<String>,
    pub context: Option<String>,
    pub now: Option<String>,
    pub timezone: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    #[serde(default)]
    pub defaults: Settings,
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
}

/// The result of one case.
#[derive(Debug)]
pub struct Outcome {
    pub id: String,
    pub passed: bool,
    /// For a failure: the expression, what was expected and what came.
    pub detail: String,
    /// For a failure: the functions the case calls that are not built in
    /// (yet). A failure with missing functions is *pending*, not failed.
    pub missing: Vec<String>,
}

impl Outcome {
    /// Failed only because it calls functions that are not registered yet.
    pub fn is_pending(&self) -> bool {
        !self.passed && !self.missing.is_empty()
    }

    /// Failed for any other reason.
    pub fn is_failed(&self) -> bool {
        !self.passed && self.missing.is_empty()
    }
}

/// Counts of outcomes, and how many pending cases each missing function holds up.
#[derive(Debug, Default)]
pub struct Summary {
    pub passed: usize,
    pub pending: usize,
    pub failed: usize,
    /// Missing function name -> number of pending cases that call it.
    pub missing: BTreeMap<String, usize>,
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut s = Summary::default();
        s.add(outcomes);
        s
    }

    pub fn add(&mut self, outcomes: &[Outcome]) {
        for o in outcomes {
            if o.passed {
                self.passed += 1;
            } else if o.is_pending() {
                self.pending += 1;
                for f in &o.missing {
                    *self.missing.entry(f.clone()).or_default() += 1;
                }
            } else {
                self.failed += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        self.passed += other.passed;
        self.pending += other.pending;
        self.failed += other.failed;
        for (f, n) in &other.missing {
            *self.missing.entry(f.clone()).or_default() += n;
        }
    }

    /// `missing functions (N): NAME (cases), ...`, or None when nothing is pending.
    pub fn missing_line(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let list: Vec<String> = self
            .missing
            .iter()
            .map(|(f, n)| format!("{f} ({n})"))
            .collect();
        Some(format!(
            "missing functions ({}): {}",
            self.missing.len(),
            list.join(", ")
        ))
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} passed, {} pending, {} failed",
            self.passed, self.pending, self.failed
        )
    }
}

/// The names called in `src` (upper-cased, sorted) that are neither built-in
/// functions nor functions the expression declares itself with `LET`, as the
/// compiler resolves them. Source that does not parse calls nothing.
pub fn unregistered_calls(src: &str) -> Vec<String> {
    let Ok(expr) = crate::syntax::parse_expression(src) else {
        return Vec::new();
    };
    let mut compiler = crate::compile::Compiler::new();
    let _ = compiler.expression(&expr);
    let mut names = compiler.unknown_functions;
    names.sort();
    names.dedup();
    names
}

pub fn load(path: &Path) -> Result<CaseFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Builds the session and context a case runs with.
pub fn setup(defaults: &Settings, case: &Case) -> Result<(Session, Context), String> {
    // Cases run as `air eval` does: local files may be read.
    let mut session = Session::default().with_files(std::env::temp_dir());
    if let Some(now) = case.now.as_ref().or(defaults.now.as_ref()) {
        let ts: jiff::Timestamp = now.parse().map_err(|e| format!("bad `now` {now:?}: {e}"))?;
        session.clock = Clock::Fixed(ts);
    }
    if let Some(tz) = case.timezone.as_ref().or(defaults.timezone.as_ref()) {
        session.time_zone =
            jiff::tz::TimeZone::get(tz).map_err(|e| format!("bad `timezone` {tz:?}: {e}"))?;
    }
    let context = match case.context.as_ref().or(defaults.context.as_ref()) {
        Some(json) => {
            let j: serde_json::Value =
                serde_json::from_str(json).map_err(|e| format!("bad `context` JSON: {e}"))?;
            Context::from_json(&j).map_err(|e| format!("bad `context`: {e}"))?
        }
        None => Context::new(),
    };
    Ok((session, context))
}

fn evaluate(src: &str, ctx: &Context, session: &Session) -> Result<Value, Error> {
    let engine = Engine::new().with_session(session.clone());
    let expr = engine
        .compile_expression(src)
        .map_err(|errs| errs.first().clone())?;
    expr.eval(ctx)
}

fn show(r: &Result<Value, Error>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(e) => e.to_string(),
    }
}

pub fn run_case(defaults: &Settings, case: &Case) -> Outcome {
    let mut outcome = run_case_inner(defaults, case);
    if !outcome.passed {
        let mut missing = unregistered_calls(&case.expr);
        missing.extend(
            case.expect
                .as_deref()
                .map(unregistered_calls)
                .unwrap_or_default(),
        );
        missing.sort();
        missing.dedup();
        outcome.missing = missing;
    }
    outcome
}

fn run_case_inner(defaults: &Settings, case: &Case) -> Outcome {
    let fail = |detail: String| Outcome {
        id: case.id.clone(),
        passed: false,
        detail,
        missing: Vec::new(),
    };
    let (session, ctx) = match setup(defaults, case) {
        Ok(s) => s,
        Err(e) => return fail(format!("case setup: {e}")),
    };
    let got = evaluate(&case.expr, &ctx, &session);
    let header = format!("{}\n    expr:     {}\n", case.id, case.expr);
    match (&case.expect, &case.error) {
        (Some(expect), None) => {
            let want = evaluate(expect, &Context::new(), &Session::default());
            let passed = matches!((&got, &want), (Ok(a), Ok(b)) if a == b);
            Outcome {
                id: case.id.clone(),
                passed,
                detail: format!(
                    "{header}    expected: {}\n    got:      {}",
                    show(&want),
                    show(&got)
                ),
                missing: Vec::new(),
            }
        }
        (None, Some(kind)) => {
            let passed = matches!(&got, Err(e) if e.kind().name() == kind);
            Outcome {
                id: case.id.clone(),
                passed,
                detail: format!("{header}    expected: {kind}\n    got:      {}", show(&got)),
                missing: Vec::new(),
            }
        }
        _ => fail(format!(
            "{header}    a case needs exactly one of `expect` and `error`"
        )),
    }
}

/// Runs every case of a file.
pub fn run_file(file: &CaseFile) -> Vec<Outcome> {
    file.cases
        .iter()
        .map(|c| run_case(&file.defaults, c))
        .collect()
}
