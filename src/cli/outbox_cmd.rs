//! `air outbox list|show|dispatch|retry|unknown|resolve`: the outbox from
//! the command line.

use std::time::Duration;

use clap::Subcommand;
use serde_json::json;

use super::mailroom::{self, time, ConfigArgs};
use crate::messaging::mime;
use crate::messaging::status::Status;
use crate::messaging::store::{Filter, Record, Store};
use crate::session::{Channel, Clock};

#[derive(Subcommand, Debug)]
pub enum OutboxCommand {
    /// List messages, newest first (all of them unless --limit or a filter says otherwise).
    List {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        #[arg(long)]
        limit: Option<usize>,
        /// Only messages with this status (queued, scheduled, delivered, suppressed, ...).
        #[arg(long)]
        status: Option<String>,
        /// Only email or sms.
        #[arg(long)]
        channel: Option<String>,
        /// Only messages of this run.
        #[arg(long)]
        run: Option<String>,
    },
    /// Show one message: headers, parts and attachments of an email; number,
    /// encoding and segments of an SMS; its events.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Send what is due now (with --watch, keep doing so until interrupted).
    Dispatch {
        #[arg(long)]
        watch: bool,
    },
    /// Queue a failed, rejected or unknown message again.
    Retry { id: String },
    /// List messages whose fate a crash left unclear (`unknown`), with the
    /// evidence: never resent until someone decides with `resolve`.
    Unknown {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Decide an `unknown` message: `sent` (the provider had it) or `resend`
    /// (queue it again).
    Resolve { id: String, decision: Decision },
}

/// What `air outbox resolve` decides.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The provider had it: mark it sent.
    Sent,
    /// It never left: queue it again.
    Resend,
}

pub fn main(cmd: OutboxCommand, cfg: &ConfigArgs) -> u8 {
    let result = cfg.load().and_then(|c| match cmd {
        OutboxCommand::List {
            json,
            limit,
            status,
            channel,
            run,
        } => filter(status, channel, run, limit).and_then(|f| list(&c, &f, json)),
        OutboxCommand::Show { id, json } => show(&c, &id, json),
        OutboxCommand::Dispatch { watch } => dispatch(&c, watch),
        OutboxCommand::Retry { id } => retry(&c, &id),
        OutboxCommand::Unknown { json } => unknown(&c, json),
        OutboxCommand::Resolve { id, decision } => resolve(&c, &id, decision),
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn filter(
    status: Option<String>,
    channel: Option<String>,
    run: Option<String>,
    limit: Option<usize>,
) -> Result<Filter, String> {
    let status = match status {
        None => None,
        Some(s) => Some(Status::parse(&s).ok_or_else(|| {
            let all: Vec<_> = crate::messaging::status::ALL
                .iter()
                .map(|s| s.name())
                .collect();
            format!("--status {s:?}: expected one of {}", all.join(", "))
        })?),
    };
    let channel = match channel {
        None => None,
        Some(c) => Some(
            Channel::parse(&c).ok_or_else(|| format!("--channel {c:?}: expected email or sms"))?,
        ),
    };
    Ok(Filter {
        status,
        channel,
        run,
        limit,
    })
}

fn list(c: &crate::messaging::config::Config, f: &Filter, as_json: bool) -> Result<u8, String> {
    let Some(mut store) = mailroom::open_existing(c)? else {
        if !as_json {
            out!(
                "The outbox is empty (no {} yet).",
                mailroom::outbox_path(c)?.display()
            );
        }
        return Ok(0);
    };
    let rows = store.list(f).map_err(|e| e.to_string())?;
    if as_json {
        for r in &rows {
            let mut o = json!({"id": r.id, "channel": r.channel.name(), "to": to_json(r)});
            match r.channel {
                Channel::Email => o["subject"] = json!(r.subject),
                Channel::Sms => o["body"] = json!(r.body),
            }
            o["status"] = json!(r.status.name());
            o["run"] = json!(r.run_id);
            o["created_at"] = json!(time(r.created_at));
            out!("{o}");
        }
        return Ok(0);
    }
    if rows.is_empty() {
        out!("No messages.");
        return Ok(0);
    }
    out!(
        "{:<32}  {:<5}  {:<17}  {:<20}  {:<30}  CREATED",
        "ID",
        "CHAN",
        "STATUS",
        "TO",
        "SUBJECT / BODY"
    );
    for r in &rows {
        let what = r.subject.clone().unwrap_or_else(|| r.body.clone());
        out!(
            "{:<32}  {:<5}  {:<17}  {:<20}  {:<30}  {}",
            r.id,
            r.channel.name(),
            r.status.name(),
            mailroom::clip(&r.recipient, 20),
            mailroom::clip(&what, 30),
            time(r.created_at)
        );
    }
    Ok(0)
}

fn to_json(r: &Record) -> serde_json::Value {
    match r.channel {
        Channel::Sms => json!(r.recipient),
        Channel::Email => serde_json::from_str::<serde_json::Value>(&r.payload)
            .ok()
            .and_then(|p| p.get("to").cloned())
            .unwrap_or_else(|| json!([r.recipient])),
    }
}

/// The message an id, or a unique prefix of one, names.
fn find(store: &mut Box<dyn Store>, id: &str) -> Result<Record, String> {
    let ids = store.ids_starting(id, 2).map_err(|e| e.to_string())?;
    let full = match ids.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(format!(
                "no message with id {id:?} in the outbox (`air outbox list` shows the ids)"
            ))
        }
        _ => {
            return Err(format!(
                "{id:?} starts more than one message id; give more of it"
            ))
        }
    };
    store
        .get(&full)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("message {full} vanished"))
}

fn show(c: &crate::messaging::config::Config, id: &str, as_json: bool) -> Result<u8, String> {
    let Some(mut store) = mailroom::open_existing(c)? else {
        return Err(format!("no message with id {id:?}: the outbox is empty"));
    };
    let r = find(&mut store, id)?;
    let events = store.events(&r.id).map_err(|e| e.to_string())?;
    let payload: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
    if as_json {
        let v = crate::messaging::outbox::to_value(&r, Some(&events));
        out!("{}", crate::value::json::to_json(&v));
        return Ok(0);
    }
    out!("Message   {}", r.id);
    out!("Channel   {}", r.channel.name());
    out!(
        "Status    {}{}",
        r.status,
        r.reason
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default()
    );
    out!("Run       {}  ({} mode)", r.run_id, r.mode);
    out!("Created   {}", time(r.created_at));
    out!("Due       {}", time(r.due_at));
    if let Some(p) = &r.provider {
        out!(
            "Provider  {p}{}{}",
            r.provider_id
                .as_deref()
                .map(|x| format!("  id {x}"))
                .unwrap_or_default(),
            r.provider_status
                .as_deref()
                .map(|x| format!("  ({x})"))
                .unwrap_or_default()
        );
    }
    out!("Attempts  {}", r.attempts);
    if let Some(tags) = payload
        .get("tags")
        .and_then(|t| t.as_object())
        .filter(|t| !t.is_empty())
    {
        let t: Vec<String> = tags
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
            .collect();
        out!("Tags      {}", t.join(", "));
    }
    match r.channel {
        Channel::Email => {
            let mime_bytes = store
                .mime(id)
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            out!("MIME size {} bytes", mime_bytes.len());
            out!(
                "\n--- headers ---\n{}",
                mime::header_block(&mime_bytes).trim_end()
            );
            if let Some(t) = payload.get("body").and_then(|b| b.as_str()) {
                out!("\n--- text part ---\n{t}");
            }
            if let Some(h) = payload.get("html").and_then(|b| b.as_str()) {
                out!("\n--- HTML part ---\n{h}");
            }
            let atts = payload
                .get("attachments")
                .and_then(|a| a.as_array())
                .cloned()
                .unwrap_or_default();
            out!("\n--- attachments ({}) ---", atts.len());
            for a in atts {
                out!(
                    "{}  {}  {} bytes",
                    a["name"].as_str().unwrap_or("?"),
                    a["type"].as_str().unwrap_or("?"),
                    a["size"]
                );
            }
        }
        Channel::Sms => {
            out!("To        {}", r.recipient);
            out!("From      {}", payload["from"].as_str().unwrap_or(""));
            out!(
                "Encoding  {}, {} segment{}, {} units",
                payload["encoding"].as_str().unwrap_or("?"),
                payload["segments"],
                if payload["segments"] == json!(1) {
                    ""
                } else {
                    "s"
                },
                payload["units"]
            );
            if let Some(q) = payload["quiet_hours"].as_str() {
                out!("Quiet hrs {q}");
            }
            out!("\n--- body ---\n{}", r.body);
        }
    }
    out!("\n--- events ---");
    for e in &events {
        let mut line = format!("{}  {}", time(e.at), e.status);
        if let Some(p) = &e.provider_status {
            line.push_str(&format!("  [{p}]"));
        }
        if let Some(d) = &e.detail {
            line.push_str(&format!("  {d}"));
        }
        out!("{line}");
    }
    Ok(0)
}

fn dispatch(c: &crate::messaging::config::Config, watch: bool) -> Result<u8, String> {
    let mut d = mailroom::dispatcher(c, Clock::System)?;
    loop {
        let r = d.dispatch_due().map_err(|e| e.to_string())?;
        if r.sent + r.retried + r.failed + r.unknown + r.requeued > 0 || !watch {
            out!(
                "sent {}, retrying {}, failed {}, unknown {}",
                r.sent,
                r.retried,
                r.failed,
                r.unknown
            );
        }
        if !watch {
            return Ok(0);
        }
        let now = jiff::Timestamp::now().as_millisecond();
        let next = d.next_due().map_err(|e| e.to_string())?;
        let wait = next.map_or(1_000, |t| (t - now).clamp(50, 1_000));
        std::thread::sleep(Duration::from_millis(wait as u64));
    }
}

fn retry(c: &crate::messaging::config::Config, id: &str) -> Result<u8, String> {
    let mut store = mailroom::open_store(c)?;
    let r = find(&mut store, id)?;
    let now = jiff::Timestamp::now().as_millisecond();
    store
        .set_status(
            &r.id,
            Status::Queued,
            now,
            "queued again by `air outbox retry`",
        )
        .map_err(|e| e.to_string())?;
    out!("Message {} was {}; it is queued again.", r.id, r.status);
    Ok(0)
}

fn unknown(c: &crate::messaging::config::Config, as_json: bool) -> Result<u8, String> {
    let Some(mut store) = mailroom::open_existing(c)? else {
        if !as_json {
            out!("No unknown messages (the outbox is empty).");
        }
        return Ok(0);
    };
    let rows = store
        .list(&Filter {
            status: Some(Status::Unknown),
            ..Filter::default()
        })
        .map_err(|e| e.to_string())?;
    if rows.is_empty() && !as_json {
        out!("No unknown messages.");
        return Ok(0);
    }
    for r in &rows {
        let events = store.events(&r.id).map_err(|e| e.to_string())?;
        if as_json {
            let events: Vec<_> = events
                .iter()
                .map(|e| json!({"at": time(e.at), "status": e.status.name(), "provider_status": e.provider_status, "detail": e.detail}))
                .collect();
            out!(
                "{}",
                json!({"id": r.id, "channel": r.channel.name(), "to": to_json(r), "provider": r.provider,
                       "provider_id": r.provider_id, "attempts": r.attempts, "since": time(r.updated_at),
                       "evidence": r.reason, "events": events})
            );
            continue;
        }
        out!(
            "{}  {}  to {}  via {}  attempts {}  unknown since {}",
            r.id,
            r.channel.name(),
            r.recipient,
            r.provider.as_deref().unwrap_or("(none recorded)"),
            r.attempts,
            time(r.updated_at)
        );
        out!("    evidence: {}", r.reason.as_deref().unwrap_or("(none)"));
        if let Some(p) = &r.provider_id {
            out!("    provider id: {p}");
        }
    }
    if !as_json {
        out!(
            "\n{} unknown. Check with the provider, then `air outbox resolve ID sent` (it had it) or `air outbox resolve ID resend`.",
            rows.len()
        );
    }
    Ok(0)
}

fn resolve(c: &crate::messaging::config::Config, id: &str, d: Decision) -> Result<u8, String> {
    let mut store = mailroom::open_existing(c)?
        .ok_or_else(|| format!("no message with id {id:?}: the outbox is empty"))?;
    let r = find(&mut store, id)?;
    if r.status != Status::Unknown {
        return Err(format!(
            "message {} is {}, not unknown: only unknown messages are resolved (`air outbox retry` queues a failed one again)",
            r.id, r.status
        ));
    }
    let now = jiff::Timestamp::now().as_millisecond();
    let (status, detail, said) = match d {
        Decision::Sent => (
            Status::Sent,
            "resolved by hand: the provider had it",
            "marked sent",
        ),
        Decision::Resend => (
            Status::Queued,
            "resolved by hand: it never left, send it again",
            "queued to be sent again",
        ),
    };
    store
        .set_status(&r.id, status, now, detail)
        .map_err(|e| e.to_string())?;
    out!("Message {} was unknown; it is {said}.", r.id);
    Ok(0)
}
