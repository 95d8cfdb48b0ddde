//! The `air` command line: `run`, `eval`, `check`, `conformance`, and the REPL.

/// `println!` for command output: a closed standard output (`air outbox
/// list | head`) ends the output instead of panicking.
macro_rules! out {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock());
    }};
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// `print!` likewise.
macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

mod bulk;
mod check;
mod conformance;
mod data;
mod eval_cmd;
mod help;
mod lists;
mod mailroom;
mod outbox_cmd;
mod repl;
mod run;
mod runs;
mod webhooks;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::{Context, Engine};
use crate::error::Error;
use crate::limits::Limits;
use crate::session::{Clock, Session};

#[derive(Parser, Debug)]
#[command(
    name = "air",
    version,
    about = "Airscript: run scripts, evaluate expressions, or start the REPL"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The resource limits of every evaluation (defaults in parentheses).
#[derive(clap::Args, Debug, Default)]
struct LimitArgs {
    /// Wall time of one evaluation, in seconds; 0 for no limit (10).
    #[arg(long, global = true, value_name = "SECONDS")]
    max_time: Option<f64>,
    /// Evaluation steps (50000000).
    #[arg(long, global = true, value_name = "N")]
    max_steps: Option<u64>,
    /// Bytes of values one evaluation may build, e.g. 512M or 2G (512M).
    #[arg(long, global = true, value_name = "BYTES", value_parser = parse_bytes)]
    max_memory: Option<u64>,
    /// Nesting depth of lists and objects in a value (1000).
    #[arg(long, global = true, value_name = "N")]
    max_depth: Option<u32>,
    /// Nesting depth of the source: brackets, operators, LET, queries (1000).
    #[arg(long, global = true, value_name = "N")]
    max_nesting: Option<usize>,
    /// Longest source text, e.g. 4M (1M).
    #[arg(long, global = true, value_name = "BYTES", value_parser = parse_bytes)]
    max_source: Option<u64>,
    /// Nested user-function calls (2000).
    #[arg(long, global = true, value_name = "N")]
    max_call_depth: Option<u32>,
    /// Largest Text (bytes) or List/Object (items) one value may be (16M).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_bytes)]
    max_size: Option<u64>,
}

impl LimitArgs {
    fn limits(&self) -> Result<Limits, String> {
        let mut l = Limits::default();
        if let Some(t) = self.max_time {
            if !(t.is_finite() && t >= 0.0) {
                return Err(format!("--max-time {t} is not a number of seconds"));
            }
            l.max_time = (t > 0.0).then(|| std::time::Duration::from_secs_f64(t));
        }
        if let Some(n) = self.max_steps {
            l.max_steps = n;
        }
        if let Some(n) = self.max_memory {
            l.max_memory = n;
        }
        if let Some(n) = self.max_depth {
            l.max_depth = n;
        }
        if let Some(n) = self.max_nesting {
            l.max_nesting = n;
        }
        if let Some(n) = self.max_source {
            l.max_source = usize::try_from(n).unwrap_or(usize::MAX);
        }
        if let Some(n) = self.max_call_depth {
            l.max_call_depth = n;
        }
        if let Some(n) = self.max_size {
            l.max_size = usize::try_from(n).unwrap_or(usize::MAX);
        }
        Ok(l)
    }
}

/// `512M`, `2G`, `64K` or a plain number of bytes.
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("{s:?} is not a size such as 512M or 2G")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size such as 512M or 2G"))?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// The limits the command line set, for every engine the commands make.
static LIMITS: std::sync::OnceLock<Limits> = std::sync::OnceLock::new();

/// An engine under the command line's limits.
pub(crate) fn engine() -> Engine {
    Engine::new().with_limits(LIMITS.get().cloned().unwrap_or_default())
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a program: prints the value of each expression item; messages it
    /// sends go into the outbox and out through their transport.
    Run(run::RunArgs),
    /// Evaluate one expression and print its display form (or JSON with --json).
    Eval {
        /// Print the JSON form instead of the display form.
        #[arg(long)]
        json: bool,
        /// Variables: a JSON object, or @FILE to read one.
        #[arg(long)]
        context: Option<String>,
        #[command(flatten)]
        session: SessionArgs,
        /// The expression.
        expr: String,
    },
    /// Parse and compile a program without running it; report every error.
    Check { file: PathBuf },
    /// Run conformance case files (TOML); count passed, pending and failed cases.
    Conformance {
        /// Print every failing case in full.
        #[arg(long)]
        verbose: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The outbox: list, show, dispatch and retry messages; settle unknown ones.
    Outbox {
        #[command(subcommand)]
        command: outbox_cmd::OutboxCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
    /// Script runs and their messages per status.
    Runs {
        #[command(subcommand)]
        command: runs::RunsCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
    /// The SMS opt-out list (numbers that replied STOP).
    Optout {
        #[command(subcommand)]
        command: lists::ListCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
    /// The email suppression list (bounced, complained, unsubscribed).
    Suppress {
        #[command(subcommand)]
        command: lists::ListCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
    /// Provider webhooks (Twilio, SES over SNS) that update the outbox.
    Webhooks {
        #[command(subcommand)]
        command: webhooks::WebhooksCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
    /// The messaging configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
        #[command(flatten)]
        config: mailroom::ConfigArgs,
    },
}

#[derive(Subcommand, Debug)]
enum ConfigCommand {
    /// Every setting, its value and where it came from (secrets masked).
    Show,
}

#[derive(clap::Args, Debug, Default)]
struct SessionArgs {
    /// The clock that NOW() and TODAY() read (RFC 3339, e.g. 2020-05-20T15:30:00Z).
    #[arg(long)]
    now: Option<String>,
    /// The session time zone (IANA name, e.g. America/New_York).
    #[arg(long)]
    tz: Option<String>,
    /// The session locale (BCP 47, e.g. en-GB): number separators, and the
    /// default region of the phone functions (GB). Default en-US.
    #[arg(long)]
    locale: Option<String>,
}

/// The current directory; `.` when it cannot be told.
pub(crate) fn current_dir() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_else(|_| ".".into())
}

impl SessionArgs {
    /// The session of `air eval` and `air run`: reading local files is
    /// granted, relative paths resolving against the current directory.
    fn session(&self) -> Result<Session, String> {
        let mut s = Session::default().with_files(current_dir());
        if let Some(now) = &self.now {
            let ts: jiff::Timestamp = now
                .parse()
                .map_err(|e| format!("--now {now:?} is not an RFC 3339 timestamp: {e}"))?;
            s.clock = Clock::Fixed(ts);
        }
        if let Some(tz) = &self.tz {
            s.time_zone = jiff::tz::TimeZone::get(tz)
                .map_err(|_| format!("--tz {tz:?} is not a known IANA time zone"))?;
        }
        if let Some(locale) = &self.locale {
            let well_formed = locale.split('-').all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
            if !well_formed {
                return Err(format!(
                    "--locale {locale:?} is not a BCP 47 language tag such as en-GB"
                ));
            }
            s.locale = locale.clone();
        }
        Ok(s)
    }
}

/// Reads a JSON context from text.
fn parse_context(text: &str, origin: &str) -> Result<Context, String> {
    let j: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("{origin}: invalid JSON: {e}"))?;
    Context::from_json(&j).map_err(|e| format!("{origin}: {e}"))
}

/// Reads a source file, or says why not on stderr.
fn read_source(file: &std::path::Path) -> Option<String> {
    match std::fs::read_to_string(file) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            None
        }
    }
}

fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints an error against its source on standard error.
fn report(err: &Error, src: &str, name: &str) {
    eprint!("{}", crate::diagnostic::render(err, src, name, use_color()));
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.limits.limits() {
        Ok(l) => {
            let _ = LIMITS.set(l);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let code = match cli.command {
        None => repl::main(),
        Some(Command::Run(args)) => run::main(&args),
        Some(Command::Eval {
            json,
            context,
            session,
            expr,
        }) => eval_cmd::main(&expr, json, context.as_deref(), &session),
        Some(Command::Check { file }) => check::main(&file),
        Some(Command::Conformance { verbose, files }) => conformance::main(&files, verbose),
        Some(Command::Outbox { command, config }) => outbox_cmd::main(command, &config),
        Some(Command::Runs { command, config }) => runs::main(command, &config),
        Some(Command::Optout { command, config }) => {
            lists::main(crate::messaging::store::List::OptOut, command, &config)
        }
        Some(Command::Suppress { command, config }) => {
            lists::main(crate::messaging::store::List::Suppression, command, &config)
        }
        Some(Command::Webhooks { command, config }) => webhooks::main(command, &config),
        Some(Command::Config {
            command: ConfigCommand::Show,
            config,
        }) => match config.load() {
            Ok(c) => {
                out_raw!("{}", c.show());
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        },
    };
    ExitCode::from(code)
}
