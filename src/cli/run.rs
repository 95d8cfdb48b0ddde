//! `air run FILE.air`: checks the whole program, then runs its items in order,
//! with SEND_EMAIL / SEND_SMS going into the outbox (or, with `--data`, runs
//! it once per row of a data file). Exit 0 on success, 1 on a run-time error
//! (in any row), 2 on a SyntaxError or a usage problem (nothing ran).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::mailroom::{self, Background, ConfigArgs};
use super::{bulk, parse_context, report, SessionArgs};
use crate::engine::{Context, Failure, Interpreter};
use crate::messaging::config::{Config, Mode, Source};
use crate::messaging::fields::Actor;
use crate::messaging::outbox::{sha256_hex, Outbox, Settings, Tally};
use crate::messaging::store::lazy::LazyStore;
use crate::messaging::store::sqlite::SqliteStore;
use crate::messaging::store::{Run, Store};
use crate::session::{Effects, Session};

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    pub file: PathBuf,
    /// Variables for the program, as a JSON object in a file.
    #[arg(long)]
    pub context: Option<PathBuf>,
    /// Run once per row of a CSV, JSON (array of objects) or JSON Lines file,
    /// with the row's fields as variables and `actor` from its email/phone columns.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Render every message and print each policy verdict; store and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// `published` (the duplicate limiter applies; the default) or `preview`.
    #[arg(long)]
    pub mode: Option<String>,
    /// Start a new run, instead of resuming the run of this script with this input
    /// (whose messages are already in the outbox and are not sent again).
    #[arg(long)]
    pub fresh: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub session: SessionArgs,
}

/// Everything a run needs, set up before the first item runs.
pub struct Setup {
    pub session: Session,
    pub outbox: Arc<Outbox>,
    pub run_id: String,
    pub config: Config,
    pub context: Context,
    /// The bytes of the `--data` file (read once: they also name the run).
    pub data: Vec<u8>,
}

fn run_id(src: &str, inputs: &[&[u8]], fresh: bool) -> String {
    if fresh {
        return format!("run-{}", uuid::Uuid::now_v7().simple());
    }
    let mut parts = vec![src.as_bytes()];
    parts.extend_from_slice(inputs);
    format!("run-{}", &sha256_hex(&parts)[..16])
}

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn setup(args: &RunArgs, src: &str) -> Result<Setup, String> {
    // Relative asset paths resolve against the script's directory, as attachments do.
    let mut session = args
        .session
        .session()?
        .with_files(mailroom::script_dir(&args.file));
    let context_bytes = match &args.context {
        Some(p) => read(p)?,
        None => Vec::new(),
    };
    let context = match &args.context {
        None => Context::new(),
        Some(p) => parse_context(
            &String::from_utf8_lossy(&context_bytes),
            &p.display().to_string(),
        )?,
    };
    let data_bytes = match &args.data {
        Some(p) => read(p)?,
        None => Vec::new(),
    };
    let mut config = args.config.load()?;
    if let Some(m) = &args.mode {
        if Mode::parse(m).is_none() {
            return Err(format!("--mode {m:?}: expected published or preview"));
        }
        config.set("mode", m, Source::Flag("--mode"));
    }
    let store: Box<dyn Store> = if args.dry_run {
        match mailroom::open_existing(&config)? {
            Some(s) => s,
            None => Box::new(SqliteStore::in_memory().map_err(|e| e.to_string())?),
        }
    } else {
        mailroom::outbox_path(&config)?;
        let cfg = config.clone();
        Box::new(LazyStore::new(move || {
            mailroom::open_store(&cfg).map_err(crate::messaging::store::StoreError)
        }))
    };
    let run_id = run_id(src, &[&context_bytes, &data_bytes], args.fresh);

    let run = Run {
        id: run_id.clone(),
        script: args.file.display().to_string(),
        data: args.data.as_ref().map(|d| d.display().to_string()),
        rows: None,
        started_at: session.clock.now().as_millisecond(),
        finished_at: None,
    };
    let mut outbox = Outbox::new(store, Settings::from_config(&config), session.clock.clone())
        .with_base_dir(mailroom::script_dir(&args.file))
        .with_run(run);
    if args.dry_run {
        outbox = outbox.dry_run();
    }
    let outbox = Arc::new(outbox);
    session.effects = Some(outbox.clone() as Arc<dyn Effects>);
    Ok(Setup {
        session,
        outbox,
        run_id,
        config,
        context,
        data: data_bytes,
    })
}

pub fn main(args: &RunArgs) -> u8 {
    let name = args.file.display().to_string();
    let Some(src) = super::read_source(&args.file) else {
        return 2;
    };
    let s = match setup(args, &src) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let background = if args.dry_run {
        None
    } else {
        // A misconfigured transport is a usage error before anything runs.
        let routes = match mailroom::routes(&s.config) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        };
        Some(Background::start(
            s.config.clone(),
            s.session.clock.clone(),
            routes,
        ))
    };
    let (code, rows) = match &args.data {
        Some(data) => bulk::run(&s, &src, &name, data),
        None => (single(&s, &src, &name), 1),
    };
    finish(args, &s, background, rows, code)
}

/// One run of the script against the context.
fn single(s: &Setup, src: &str, name: &str) -> u8 {
    s.outbox
        .begin(&s.run_id, 0, Actor::from_value(s.context.get("actor")));
    let mut interp = Interpreter::new(super::engine(), s.context.clone(), s.session.clone());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = interp.run(src, &mut |v| {
        let _ = writeln!(out, "{v}");
    });
    let _ = out.flush();
    match result {
        Ok(()) => 0,
        Err(Failure::Compile(errors)) => {
            for e in &errors {
                report(e, src, name);
            }
            2
        }
        Err(Failure::Run(e)) => {
            report(&e, src, name);
            1
        }
    }
}

/// Waits for the dispatcher, records the run's end and says what happened.
fn finish(args: &RunArgs, s: &Setup, background: Option<Background>, rows: usize, code: u8) -> u8 {
    let tally = s.outbox.tally();
    if args.dry_run {
        let previews = s.outbox.take_previews();
        out!(
            "Dry run: {} message{} rendered; nothing was stored or sent.",
            previews.len(),
            if previews.len() == 1 { "" } else { "s" }
        );
        for p in previews {
            out!(
                "  {} to {}: {:?}: {}",
                p.channel.name(),
                p.to,
                mailroom::clip(&p.summary, 50),
                p.verdict
            );
        }
        return code;
    }
    let report = match background.map(Background::finish).transpose() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return code.max(1);
        }
    };
    let stored = tally.queued + tally.scheduled + tally.suppressed;
    if stored + tally.existing > 0 {
        let now = s.session.clock.now().as_millisecond();
        let recorded = mailroom::open_store(&s.config).and_then(|mut st| {
            st.finish_run(&s.run_id, rows as i64, now)
                .map_err(|e| e.to_string())
        });
        if let Err(e) = recorded {
            eprintln!("error: {e}");
            return code.max(1);
        }
        eprintln!(
            "{}",
            summary(&s.run_id, &tally, &report.unwrap_or_default())
        );
    }
    code
}

/// `outbox: 2 messages stored in run run-1a2b…: 2 queued; 2 handed to their
/// transport`, and what did not go: waiting to retry, failed, unknown.
pub fn summary(run: &str, t: &Tally, report: &crate::messaging::dispatch::Report) -> String {
    let sent = report.sent;
    let mut parts = Vec::new();
    for (n, what) in [
        (t.queued, "queued"),
        (t.scheduled, "scheduled"),
        (t.suppressed, "suppressed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    let stored = t.queued + t.scheduled + t.suppressed;
    let mut line = format!(
        "outbox: {stored} message{} stored in {run}{}{}",
        if stored == 1 { "" } else { "s" },
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        },
        if sent > 0 {
            format!("; {sent} handed to their transport")
        } else {
            String::new()
        }
    );
    for (n, what) in [
        (
            report.retried,
            "waiting to retry (`air outbox dispatch --watch` sends them when due)",
        ),
        (
            report.failed,
            "refused or failed (`air outbox list --status failed`, `--status rejected`)",
        ),
        (
            report.unknown,
            "unknown: the provider may have them (`air outbox unknown`)",
        ),
    ] {
        if n > 0 {
            line.push_str(&format!("; {n} {what}"));
        }
    }
    if t.existing > 0 {
        line.push_str(&format!(
            "; {} already in the outbox from an earlier run with the same script and input, not sent again (--fresh starts a new run)",
            t.existing
        ));
    }
    line
}
