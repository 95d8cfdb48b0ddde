//! What the messaging commands share: the configuration, the outbox store,
//! the transports and the dispatcher, set up from `air.toml` and the
//! environment.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::messaging::config::Config;
use crate::messaging::dispatch::{Dispatcher, Report, RetryPolicy};
use crate::messaging::store::sqlite::SqliteStore;
use crate::messaging::store::Store;
use crate::messaging::transport::local::Local;
use crate::messaging::transport::ses::Ses;
use crate::messaging::transport::smtp::Smtp;
use crate::messaging::transport::twilio::Twilio;
use crate::messaging::transport::Transport;
use crate::session::{Channel, Clock};

/// The `--config FILE` flag every messaging command takes.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ConfigArgs {
    /// The configuration file (default: air.toml in the current directory, if any).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ConfigArgs {
    pub fn load(&self) -> Result<Config, String> {
        let dir = std::env::current_dir().map_err(|e| format!("no current directory: {e}"))?;
        Config::load(self.config.as_deref(), &dir, &|k| std::env::var(k).ok())
            .map_err(|e| e.to_string())
    }
}

/// The outbox file named by the configuration.
pub fn outbox_path(cfg: &Config) -> Result<PathBuf, String> {
    let url = cfg.get("outbox");
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(format!(
            "outbox = {url:?}: the PostgreSQL outbox is not part of this build yet; use a SQLite file path"
        ));
    }
    let path = url.strip_prefix("sqlite://").unwrap_or(url);
    Ok(PathBuf::from(path))
}

pub fn open_store(cfg: &Config) -> Result<Box<dyn Store>, String> {
    let path = outbox_path(cfg)?;
    SqliteStore::open(&path)
        .map(|s| Box::new(s) as Box<dyn Store>)
        .map_err(|e| e.to_string())
}

/// Opens the outbox only if it exists (commands that read it).
pub fn open_existing(cfg: &Config) -> Result<Option<Box<dyn Store>>, String> {
    let path = outbox_path(cfg)?;
    if !path.exists() {
        return Ok(None);
    }
    open_store(cfg).map(Some)
}

/// One transport by its configured name.
fn transport(cfg: &Config, channel: Channel, name: &str) -> Result<Box<dyn Transport>, String> {
    match (channel, name) {
        (_, "local") => Ok(Box::new(Local)),
        (Channel::Sms, "twilio") => Ok(Box::new(Twilio::from_config(cfg)?)),
        (Channel::Email, "smtp") => Ok(Box::new(Smtp::from_config(cfg)?)),
        (Channel::Email, "ses") => Ok(Box::new(Ses::from_config(cfg)?)),
        (Channel::Email, "twilio") => {
            Err("transports.email: twilio sends SMS; email goes by smtp, ses or local".to_string())
        }
        (Channel::Sms, "smtp" | "ses") => Err(format!(
            "transports.sms: {name} sends email; SMS go by twilio or local"
        )),
        (_, other) => Err(format!(
            "transports.{}: unknown transport {other:?} (known: local, smtp, ses, twilio)",
            channel.name()
        )),
    }
}

/// A channel's transports, in failover order.
fn transports(cfg: &Config, channel: Channel) -> Result<Vec<Box<dyn Transport>>, String> {
    let names = cfg.transports(channel);
    let mut out = Vec::with_capacity(names.len());
    for name in &names {
        out.push(transport(cfg, channel, name)?);
    }
    if out.is_empty() {
        out.push(Box::new(Local));
    }
    Ok(out)
}

/// Both channels' transports, built (and so checked) from the configuration.
pub struct Routes {
    email: Vec<Box<dyn Transport>>,
    sms: Vec<Box<dyn Transport>>,
}

/// The configured transports; an error names the setting that is wrong.
pub fn routes(cfg: &Config) -> Result<Routes, String> {
    Ok(Routes {
        email: transports(cfg, Channel::Email)?,
        sms: transports(cfg, Channel::Sms)?,
    })
}

/// A dispatcher over the configured outbox and `routes`, paced, retrying
/// and leasing as configured.
fn assemble(cfg: &Config, routes: Routes, clock: Clock) -> Result<Dispatcher, String> {
    let store = open_store(cfg)?;
    let mut email = routes.email.into_iter();
    let mut sms = routes.sms.into_iter();
    let (Some(first_email), Some(first_sms)) = (email.next(), sms.next()) else {
        unreachable!("transports() gives at least one per channel")
    };
    let mut d = Dispatcher::new(store, first_email, first_sms, clock);
    email.for_each(|t| d.fail_over_to(Channel::Email, t));
    sms.for_each(|t| d.fail_over_to(Channel::Sms, t));
    d.rates = [
        cfg.number("pacing.email_per_second"),
        cfg.number("pacing.sms_per_second"),
    ];
    d.retry = RetryPolicy {
        max_attempts: cfg.number("retry.max_attempts") as i64,
        base_delay: Duration::from_secs(cfg.number("retry.base_seconds") as u64),
        max_delay: Duration::from_secs(cfg.number("retry.max_seconds") as u64),
    };
    d.lease = Duration::from_secs(cfg.number("dispatch.lease_seconds") as u64);
    Ok(d)
}

pub fn dispatcher(cfg: &Config, clock: Clock) -> Result<Dispatcher, String> {
    assemble(cfg, routes(cfg)?, clock)
}

/// The background dispatcher's state: its transports until the outbox
/// exists, then the dispatcher made of them.
enum Stage {
    Waiting(Routes),
    Ready(Dispatcher),
    /// Only while moving from one to the other.
    Moving,
}

impl Stage {
    /// The dispatcher, once the outbox exists.
    fn ready(&mut self, cfg: &Config, clock: &Clock) -> Result<Option<&mut Dispatcher>, String> {
        if matches!(self, Stage::Waiting(_)) && outbox_path(cfg)?.exists() {
            if let Stage::Waiting(routes) = std::mem::replace(self, Stage::Moving) {
                *self = Stage::Ready(assemble(cfg, routes, clock.clone())?);
            }
        }
        Ok(match self {
            Stage::Ready(d) => Some(d),
            _ => None,
        })
    }
}

/// A dispatcher working in the background while a script runs. It starts
/// once the outbox exists (a run that sends nothing never opens one).
pub struct Background {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<Result<(Stage, Report), String>>,
    config: Config,
    clock: Clock,
}

fn add(total: &mut Report, r: Report) {
    total.sent += r.sent;
    total.retried += r.retried;
    total.failed += r.failed;
    total.unknown += r.unknown;
    total.requeued += r.requeued;
}

impl Background {
    /// Starts dispatching through `routes` (built, and so checked, before
    /// the script runs).
    pub fn start(config: Config, clock: Clock, routes: Routes) -> Background {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let (cfg, clk) = (config.clone(), clock.clone());
        let handle = std::thread::spawn(move || {
            let mut total = Report::default();
            let mut stage = Stage::Waiting(routes);
            while !flag.load(Ordering::Relaxed) {
                if let Some(d) = stage.ready(&cfg, &clk)? {
                    add(&mut total, d.dispatch_due().map_err(|e| e.to_string())?);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok((stage, total))
        });
        Background {
            stop,
            handle,
            config,
            clock,
        }
    }

    /// Stops polling, then sends what is due now and waits for it.
    pub fn finish(self) -> Result<Report, String> {
        self.stop.store(true, Ordering::Relaxed);
        let (mut stage, mut total) = self
            .handle
            .join()
            .map_err(|_| "the dispatcher thread stopped unexpectedly".to_string())??;
        if let Some(d) = stage.ready(&self.config, &self.clock)? {
            add(&mut total, d.dispatch_due().map_err(|e| e.to_string())?);
        }
        Ok(total)
    }
}

/// `s` on one line, at most `n` characters (an ellipsis marks the cut).
pub fn clip(s: &str, n: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= n {
        one_line
    } else {
        let mut t: String = one_line.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A time for people: RFC 3339 in UTC, to the second.
pub fn time(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.round(jiff::Unit::Second).unwrap_or(t).to_string())
        .unwrap_or_else(|_| ms.to_string())
}

/// The directory relative paths in a script resolve against.
pub fn script_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The REPL's effects host: opens the outbox on the first message only (a
/// session that sends nothing leaves no `.air/` behind), in preview mode
/// unless configured otherwise, and delivers after each input.
pub struct LazyOutbox {
    config: Config,
    run_id: String,
    outbox: std::sync::OnceLock<Result<Arc<crate::messaging::outbox::Outbox>, String>>,
    dispatcher: std::sync::Mutex<Option<Dispatcher>>,
}

impl std::fmt::Debug for LazyOutbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyOutbox")
            .field("run_id", &self.run_id)
            .field("open", &self.outbox.get().is_some())
            .finish_non_exhaustive()
    }
}

impl LazyOutbox {
    pub fn new(mut config: Config) -> LazyOutbox {
        if config.source("mode") == Some(&crate::messaging::config::Source::Default) {
            config.set("mode", "preview", crate::messaging::config::Source::Default);
        }
        LazyOutbox {
            config,
            run_id: format!("repl-{}", uuid::Uuid::now_v7().simple()),
            outbox: std::sync::OnceLock::new(),
            dispatcher: std::sync::Mutex::new(None),
        }
    }

    fn get(&self) -> crate::error::Result<&Arc<crate::messaging::outbox::Outbox>> {
        use crate::messaging::outbox::{Outbox, Settings};
        self.outbox
            .get_or_init(|| {
                let store = open_store(&self.config)?;
                let outbox = Outbox::new(store, Settings::from_config(&self.config), Clock::System);
                outbox.begin(&self.run_id, 0, Default::default());
                Ok(Arc::new(outbox))
            })
            .as_ref()
            .map_err(|e| crate::error::Error::effect(format!("the outbox cannot be opened: {e}")))
    }

    /// Delivers what is due, if anything was sent; says what went out.
    pub fn deliver(&self) -> Result<Option<Report>, String> {
        if self.outbox.get().is_none() {
            return Ok(None);
        }
        let mut held = self.dispatcher.lock().unwrap_or_else(|p| p.into_inner());
        if held.is_none() {
            *held = Some(dispatcher(&self.config, Clock::System)?);
        }
        match held.as_mut() {
            Some(d) => d.dispatch_due().map(Some).map_err(|e| e.to_string()),
            None => Ok(None),
        }
    }
}

impl crate::session::Effects for LazyOutbox {
    fn send(
        &self,
        channel: Channel,
        message: &crate::value::ObjectMap,
    ) -> crate::error::Result<crate::value::Value> {
        self.get()?.send(channel, message)
    }

    fn status(&self, id: &str) -> crate::error::Result<crate::value::Value> {
        self.get()?.status(id)
    }
}
