//! Bulk runs: the script once per row of a data file, with a progress bar on
//! a terminal (plain lines otherwise) and a summary at the end. Each row's
//! messages get keys from the run id and the row number, so a re-run after a
//! crash stores nothing twice.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::data;
use super::run::Setup;
use crate::engine::{Context, Failure, Interpreter};
use crate::error::{Error, ErrorKind};
use crate::messaging::fields::Actor;
use crate::messaging::outbox::Tally;

/// Codes of the policy refusals: a row refused by one counts as suppressed, not failed.
const REFUSALS: &[&str] = &[
    "opt-out",
    "suppressed",
    "quiet-hours",
    "error.platform.message-limiter.duplicate-message-sent",
];

fn refusal(e: &Error) -> bool {
    e.kind() == ErrorKind::Effect
        && e.payload()
            .and_then(|p| p.as_object())
            .and_then(|o| o.get("code"))
            .and_then(|c| c.as_text())
            .is_some_and(|c| REFUSALS.contains(&c))
}

/// `3 sent · 1 suppressed · 1 failed`: messages that go out (stored now, or
/// already stored by an earlier attempt of this run), messages a policy
/// refused, and rows that failed.
fn progress(tally: &Tally, failed: usize) -> String {
    format!(
        "{} sent · {} suppressed · {failed} failed",
        tally.queued + tally.scheduled + tally.existing,
        tally.suppressed
    )
}

fn location(e: &Error, src: &str, name: &str) -> String {
    e.span()
        .map(|s| {
            let (l, c) = crate::span::line_col(src, s.start);
            format!(" ({name}:{l}:{c})")
        })
        .unwrap_or_default()
}

/// Runs every row; returns the exit code and the number of rows.
pub fn run(s: &Setup, src: &str, name: &str, data_file: &Path) -> (u8, usize) {
    // A syntax error is reported once, not once per row.
    let errors = Interpreter::new(super::engine(), Context::new(), s.session.clone()).check(src);
    if errors.iter().any(|e| e.kind() == ErrorKind::Syntax) {
        for e in &errors {
            super::report(e, src, name);
        }
        return (2, 0);
    }
    let rows = match data::rows(data_file, &s.data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, 0);
        }
    };
    let total = rows.len();
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::new(total as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} rows  {msg}  [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    });
    let say = |line: String| match &bar {
        Some(b) => b.println(line),
        None => eprintln!("{line}"),
    };
    let mut failed = 0;
    let engine = super::engine();
    for (done, (n, row)) in rows.into_iter().enumerate() {
        let outcome = row
            .map_err(|e| format!("row {n}: {e}; skipped"))
            .and_then(|fields| {
                let mut ctx = s.context.clone();
                let actor = data::actor_of(&fields);
                for (k, v) in fields.iter() {
                    ctx.set(k, v.clone());
                }
                if let Some(a) = &actor {
                    ctx.set("actor", a.clone());
                }
                s.outbox.begin(
                    &s.run_id,
                    n as u64,
                    Actor::from_value(actor.as_ref().or(s.context.get("actor"))),
                );
                let mut interp = Interpreter::new(engine.clone(), ctx, s.session.clone());
                match interp.run(src, &mut |_| {}) {
                    Ok(()) => Ok(()),
                    Err(Failure::Run(e)) if refusal(&e) => {
                        say(format!("row {n}: suppressed: {}", e.message()));
                        Ok(())
                    }
                    Err(Failure::Run(e)) => Err(format!("row {n}: {e}{}", location(&e, src, name))),
                    Err(Failure::Compile(errs)) => Err(format!(
                        "row {n}: {}",
                        errs.first().map(|e| e.to_string()).unwrap_or_default()
                    )),
                }
            });
        if let Err(line) = outcome {
            failed += 1;
            say(line);
        }
        match &bar {
            Some(b) => {
                b.set_position(done as u64 + 1);
                b.set_message(progress(&s.outbox.tally(), failed));
            }
            None if (done + 1) % 100 == 0 && done + 1 < total => {
                eprintln!(
                    "{}/{total} rows: {}",
                    done + 1,
                    progress(&s.outbox.tally(), failed)
                )
            }
            None => {}
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out!("{total} rows: {}", progress(&s.outbox.tally(), failed));
    (u8::from(failed > 0), total)
}
