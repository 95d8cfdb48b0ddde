//! The outbox as the session's effects host (messaging.md §1, §4, §5):
//! `SEND_EMAIL` / `SEND_SMS` validate, render, pass the policies and become
//! one stored row, in one transaction; nothing talks to a provider here.

mod record;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::json;
use sha2::{Digest, Sha256};

pub use record::{datetime, to_value};

use super::config::{Config, Mode, QuietHours};
use super::fields::{self, code_payload, field_error, Actor};
use super::mime;
use super::policy::quiet_hours::{self, Recipient, Verdict};
use super::policy::senders::Senders;
use super::status::Status;
use super::store::{Checks, NewMessage, Record, Run, Store, Submitted};
use crate::builtins::messaging::segments;
use crate::error::{Error, Result};
use crate::session::{Channel, Clock, Effects};
use crate::value::{ObjectMap, Value};

/// The settings the policies read, taken from the configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    pub mode: Mode,
    pub quiet_hours: QuietHours,
    /// Region for numbers without a country code.
    pub region: String,
    /// The recipient zone when nothing else tells.
    pub time_zone: TimeZone,
    pub duplicate_window_ms: i64,
    pub email_senders: Senders,
    pub sms_senders: Senders,
}

impl Settings {
    pub fn from_config(c: &Config) -> Settings {
        let local_only = |ch| c.transports(ch).iter().all(|t| t == "local");
        Settings {
            mode: c.mode(),
            quiet_hours: c.quiet_hours(),
            region: c.get("default_region").to_string(),
            time_zone: TimeZone::get(c.get("time_zone")).unwrap_or(TimeZone::UTC),
            duplicate_window_ms: c.number("duplicate_window_minutes") as i64 * 60_000,
            email_senders: Senders {
                default: c.opt("email.from").map(str::to_string),
                verified: c.list("email.senders"),
                local_only: local_only(Channel::Email),
            },
            sms_senders: Senders {
                default: c.opt("sms.from").map(str::to_string),
                verified: c.list("sms.senders"),
                local_only: local_only(Channel::Sms),
            },
        }
    }
}

/// Where in a run the calls are: the run, the row of a bulk run, and how
/// many effect calls that row has made (the call's position, which with
/// the run id gives each message its idempotency key).
#[derive(Clone, Debug, Default)]
struct Scope {
    run_id: String,
    row: u64,
    calls: u64,
    actor: Actor,
}

/// What a dry run would have done with one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub channel: Channel,
    pub to: String,
    /// The subject of an email, the body of an SMS.
    pub summary: String,
    /// `allowed`, `scheduled until …: why`, `suppressed: why`, `already in the outbox`.
    pub verdict: String,
}

/// Counts of what the calls did, for a bulk run's summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub queued: u64,
    pub scheduled: u64,
    pub suppressed: u64,
    /// Calls whose key was already in the outbox (a resumed run).
    pub existing: u64,
}

/// The effects host backed by a store.
pub struct Outbox {
    store: Mutex<Box<dyn Store>>,
    settings: Settings,
    clock: Clock,
    base_dir: PathBuf,
    dry_run: bool,
    scope: Mutex<Scope>,
    /// The run to record with the first message stored.
    run: Mutex<Option<Run>>,
    previews: Mutex<Vec<Preview>>,
    tally: Mutex<Tally>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// SHA-256 of the parts (each followed by a NUL), in hex.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn tags_json(tags: &[(String, String)]) -> serde_json::Value {
    tags.iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// A fresh message id: time-ordered (UUID v7), so ids sort by creation.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

fn store_error(e: impl std::fmt::Display) -> Error {
    Error::effect(format!("the outbox could not store the message: {e}"))
        .with_payload(code_payload("outbox", None))
}

/// A refusal as an `EffectError` with its code, naming the stored message.
fn refused(code: &str, detail: &str, rec: &Record) -> Error {
    let mut payload = match code_payload(code, None) {
        Value::Object(o) => (*o).clone(),
        _ => ObjectMap::default(),
    };
    payload.insert("message".into(), to_value(rec, None));
    Error::effect(format!(
        "{detail} [{code}]; message {} is kept as suppressed",
        rec.id
    ))
    .with_payload(Value::object(payload))
}

impl Outbox {
    pub fn new(store: Box<dyn Store>, settings: Settings, clock: Clock) -> Outbox {
        Outbox {
            store: Mutex::new(store),
            settings,
            clock,
            base_dir: PathBuf::from("."),
            dry_run: false,
            scope: Mutex::new(Scope::default()),
            run: Mutex::new(None),
            previews: Mutex::new(Vec::new()),
            tally: Mutex::new(Tally::default()),
        }
    }

    /// Relative attachment paths resolve against `dir` (the script's directory).
    pub fn with_base_dir(mut self, dir: PathBuf) -> Outbox {
        self.base_dir = dir;
        self
    }

    /// Evaluate, render and judge every message, but store nothing.
    pub fn dry_run(mut self) -> Outbox {
        self.dry_run = true;
        self
    }

    /// Records `run` in the store together with its first message (a run
    /// that sends nothing leaves no trace).
    pub fn with_run(self, run: Run) -> Outbox {
        *lock(&self.run) = Some(run);
        self
    }

    /// Starts row `row` of run `run_id` (row 0 for a single run), with its actor.
    pub fn begin(&self, run_id: &str, row: u64, actor: Actor) {
        *lock(&self.scope) = Scope {
            run_id: run_id.to_string(),
            row,
            calls: 0,
            actor,
        };
    }

    pub fn take_previews(&self) -> Vec<Preview> {
        std::mem::take(&mut lock(&self.previews))
    }

    pub fn tally(&self) -> Tally {
        lock(&self.tally).clone()
    }

    fn next_call(&self) -> (String, Actor) {
        let mut s = lock(&self.scope);
        s.calls += 1;
        let key = format!(
            "run:{}",
            &sha256_hex(&[
                s.run_id.as_bytes(),
                s.row.to_string().as_bytes(),
                s.calls.to_string().as_bytes()
            ])[..40]
        );
        (key, s.actor.clone())
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    fn email(&self, m: &ObjectMap) -> Result<Value> {
        let (derived, actor) = self.next_call();
        let d = fields::email(m, &actor, &self.base_dir)?;
        let from = self
            .settings
            .email_senders
            .email(d.from.as_deref())
            .map_err(|e| field_error("from", e))?;
        let now = self.now();
        let id = new_id();
        let attachments: Vec<_> = d
            .attachments
            .iter()
            .map(|a| {
                json!({"name": a.name, "type": a.media_type, "size": a.bytes.len(),
                       "sha256": sha256_hex(&[&a.bytes])})
            })
            .collect();
        let content = json!({
            "channel": "email", "to": d.to, "cc": d.cc, "bcc": d.bcc, "reply_to": d.reply_to,
            "from": from, "subject": d.subject, "body": d.body, "html": d.html,
            "attachments": attachments, "unsubscribe": d.unsubscribe,
            "send_at": d.send_at.map(|t| t.to_string()),
            "tags": tags_json(&d.tags),
        });
        let payload_hash = sha256_hex(&[content.to_string().as_bytes()]);
        let built = mime::build(&mime::Email {
            id: &id,
            date: now,
            from: &from,
            to: &d.to,
            cc: &d.cc,
            bcc: &d.bcc,
            reply_to: &d.reply_to,
            subject: &d.subject,
            text: d.body.as_deref(),
            html: d.html.as_deref(),
            attachments: &d.attachments,
            list_unsubscribe: d.unsubscribe.as_deref(),
        })
        .map_err(|e| field_error(e.field, e.message))?;
        let (status, reason, due) = match d.send_at {
            Some(t) if t > now => (
                Status::Scheduled,
                Some(format!("send_at: held until {t}")),
                t,
            ),
            _ => (Status::Queued, None, now),
        };
        let suppressed =
            d.to.iter()
                .chain(&d.cc)
                .chain(&d.bcc)
                .map(|a| mime::bare_address(a).to_ascii_lowercase())
                .collect();
        let new = NewMessage {
            id,
            idempotency_key: d.idempotency_key.clone().unwrap_or(derived),
            payload_hash,
            run_id: lock(&self.scope).run_id.clone(),
            channel: Channel::Email,
            recipient: d.to.join(", "),
            subject: Some(d.subject.clone()),
            body: d.body.clone().unwrap_or_default(),
            payload: content.to_string(),
            mime: Some(built.bytes),
            status,
            reason,
            due_at: due.as_millisecond(),
            created_at: now.as_millisecond(),
            mode: self.settings.mode.name().into(),
            checks: Checks {
                suppressed,
                ..Checks::default()
            },
        };
        self.submit(new, None)
    }

    fn sms(&self, m: &ObjectMap) -> Result<Value> {
        let (derived, actor) = self.next_call();
        let d = fields::sms(m, &actor, &self.settings.region)?;
        let from = self
            .settings
            .sms_senders
            .sms(d.from.as_deref())
            .map_err(|e| field_error("from", e))?;
        let now = self.now();
        let seg = segments::count(&d.body);
        let start = d.send_at.filter(|t| *t > now).unwrap_or(now);
        let mode = d.quiet_hours.unwrap_or(self.settings.quiet_hours);
        let verdict = match mode {
            QuietHours::Off => Verdict::Allowed {
                rule: "off: quiet hours do not apply to this sender".into(),
            },
            _ => quiet_hours::rules()
                .check(
                    start,
                    &Recipient {
                        e164: &d.to,
                        time_zone: d.time_zone.as_deref(),
                    },
                    &self.settings.time_zone,
                )
                .map_err(|e| field_error("time_zone", e))?,
        };
        let (status, reason, due, rule, reject) = match verdict {
            Verdict::Allowed { rule } if start > now => (
                Status::Scheduled,
                Some(format!("send_at: held until {start}")),
                start,
                rule,
                None,
            ),
            Verdict::Allowed { rule } => (Status::Queued, None, now, rule, None),
            Verdict::Wait { rule, reason, .. } if mode == QuietHours::Reject => (
                Status::Suppressed,
                Some(format!("quiet-hours: {reason} ({rule})")),
                start,
                rule,
                Some(format!("{reason}; quiet hours are in reject mode")),
            ),
            Verdict::Wait {
                until,
                rule,
                reason,
            } => (
                Status::Scheduled,
                Some(format!(
                    "quiet hours: {reason}; held until {until} ({rule})"
                )),
                until,
                rule,
                None,
            ),
        };
        let content = json!({
            "channel": "sms", "to": d.to, "from": from, "body": d.body,
            "time_zone": d.time_zone, "send_at": d.send_at.map(|t| t.to_string()),
            "quiet_hours_field": d.quiet_hours.map(QuietHours::name),
            "tags": tags_json(&d.tags),
        });
        let payload_hash = sha256_hex(&[content.to_string().as_bytes()]);
        let mut payload = content;
        payload["segments"] = json!(seg.segments);
        payload["encoding"] = json!(seg.encoding.name());
        payload["units"] = json!(seg.units);
        payload["quiet_hours"] = json!(rule);
        let duplicate = (self.settings.mode == Mode::Published).then(|| {
            (
                format!("sms:{}", sha256_hex(&[d.to.as_bytes(), d.body.as_bytes()])),
                self.settings.duplicate_window_ms,
            )
        });
        let new = NewMessage {
            id: new_id(),
            idempotency_key: d.idempotency_key.clone().unwrap_or(derived),
            payload_hash,
            run_id: lock(&self.scope).run_id.clone(),
            channel: Channel::Sms,
            recipient: d.to.clone(),
            subject: None,
            body: d.body.clone(),
            payload: payload.to_string(),
            mime: None,
            status,
            reason,
            due_at: due.as_millisecond(),
            created_at: now.as_millisecond(),
            mode: self.settings.mode.name().into(),
            checks: Checks {
                opt_out: Some(d.to.clone()),
                suppressed: Vec::new(),
                duplicate,
            },
        };
        self.submit(new, reject)
    }

    /// Stores `new` (or, in a dry run, finds out what storing would do).
    /// `reject` is set when a policy decided before the store refuses it.
    fn submit(&self, new: NewMessage, reject: Option<String>) -> Result<Value> {
        let mut store = lock(&self.store);
        if !self.dry_run {
            if let Some(run) = lock(&self.run).take() {
                store.start_run(&run).map_err(store_error)?;
            }
        }
        let result = store.submit(&new, self.dry_run).map_err(store_error)?;
        drop(store);
        let mut tally = lock(&self.tally);
        let (verdict, out) = match result {
            Submitted::Inserted(rec, refusal) => {
                let verdict = match (&refusal, rec.status) {
                    (Some(r), _) => format!("suppressed: {} [{}]", r.detail, r.code),
                    (None, Status::Suppressed) => {
                        format!("suppressed: {}", rec.reason.clone().unwrap_or_default())
                    }
                    (None, Status::Scheduled) => {
                        format!("scheduled: {}", rec.reason.clone().unwrap_or_default())
                    }
                    (None, _) => "allowed".to_string(),
                };
                let out = match (refusal, &reject) {
                    (Some(r), _) => {
                        tally.suppressed += 1;
                        Err(refused(&r.code, &r.detail, &rec))
                    }
                    (None, Some(why)) => {
                        tally.suppressed += 1;
                        Err(refused("quiet-hours", why, &rec))
                    }
                    (None, None) => {
                        if rec.status == Status::Scheduled {
                            tally.scheduled += 1;
                        } else {
                            tally.queued += 1;
                        }
                        Ok(to_value(&rec, None))
                    }
                };
                (verdict, out)
            }
            Submitted::Existing(rec) => {
                tally.existing += 1;
                let out = if rec.status == Status::Suppressed {
                    let reason = rec.reason.clone().unwrap_or_default();
                    let (code, detail) = reason.split_once(": ").unwrap_or(("suppressed", &reason));
                    Err(refused(code, detail, &rec))
                } else {
                    Ok(to_value(&rec, None))
                };
                (
                    format!(
                        "already in the outbox as message {} ({})",
                        rec.id, rec.status
                    ),
                    out,
                )
            }
            Submitted::Conflict(rec) => {
                let e = Error::effect(format!(
                    "the idempotency key {:?} already belongs to message {} ({} to {}, {}) with different content; nothing was stored",
                    rec.idempotency_key, rec.id, rec.channel.name(), rec.recipient, rec.status
                ))
                .with_help("use a new key to send a different message, or the same content to get the existing record")
                .with_payload(code_payload("idempotency-conflict", Some("idempotency_key")));
                (
                    format!("refused: idempotency conflict with message {}", rec.id),
                    Err(e),
                )
            }
        };
        drop(tally);
        if self.dry_run {
            lock(&self.previews).push(Preview {
                channel: new.channel,
                to: new.recipient.clone(),
                summary: new.subject.clone().unwrap_or_else(|| new.body.clone()),
                verdict,
            });
        }
        out
    }
}

impl Effects for Outbox {
    fn send(&self, channel: Channel, message: &ObjectMap) -> Result<Value> {
        match channel {
            Channel::Email => self.email(message),
            Channel::Sms => self.sms(message),
        }
    }

    fn status(&self, id: &str) -> Result<Value> {
        let mut store = lock(&self.store);
        let Some(rec) = store.get(id).map_err(store_error)? else {
            return Ok(Value::Null);
        };
        let events = store.events(id).map_err(store_error)?;
        Ok(to_value(&rec, Some(&events)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_follow_the_run_row_and_call() {
        let store = crate::messaging::store::sqlite::SqliteStore::in_memory().unwrap();
        let settings = Settings::from_config(&Config::defaults());
        let o = Outbox::new(Box::new(store), settings, Clock::System);
        o.begin("run-a", 1, Actor::default());
        let (k1, _) = o.next_call();
        let (k2, _) = o.next_call();
        o.begin("run-a", 1, Actor::default());
        assert_eq!(
            o.next_call().0,
            k1,
            "the same run, row and call: the same key"
        );
        o.begin("run-a", 2, Actor::default());
        let (k3, _) = o.next_call();
        o.begin("run-b", 1, Actor::default());
        let (k4, _) = o.next_call();
        assert!(k1 != k2 && k1 != k3 && k1 != k4 && k3 != k4);
        assert!(k1.starts_with("run:") && k1.len() == 44, "{k1}");
    }
}
