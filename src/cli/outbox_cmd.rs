//! `air outbox list|show|dispatch|retry`: the outbox from the command line.

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
            println!(
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
            println!("{o}");
        }
        return Ok(0);
    }
    if rows.is_empty() {
        println!("No messages.");
        return Ok(0);
    }
    println!(
        "{:<32}  {:<5}  {:<17}  {:<20}  {:<30}  CREATED",
        "ID", "CHAN", "STATUS", "TO", "SUBJECT / BODY"
    );
    for r in &rows {
        let what = r.subject.clone().unwrap_or_else(|| r.body.clone());
        println!(
            "{:<32}  {:<5}  {:<17}  {:<20}  {:<30}  {}",
            r.id,
            r.channel.name(),
            r.status.name(),
            clip(&r.recipient, 20),
            clip(&what, 30),
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

fn clip(s: &str, n: usize) -> String {
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

fn find(store: &mut Box<dyn Store>, id: &str) -> Result<Record, String> {
    store.get(id).map_err(|e| e.to_string())?.ok_or_else(|| {
        format!("no message with id {id:?} in the outbox (`air outbox list` shows the ids)")
    })
}

fn show(c: &crate::messaging::config::Config, id: &str, as_json: bool) -> Result<u8, String> {
    let Some(mut store) = mailroom::open_existing(c)? else {
        return Err(format!("no message with id {id:?}: the outbox is empty"));
    };
    let r = find(&mut store, id)?;
    let events = store.events(id).map_err(|e| e.to_string())?;
    let payload: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
    if as_json {
        let v = crate::messaging::outbox::to_value(&r, Some(&events));
        println!("{}", crate::value::json::to_json(&v));
        return Ok(0);
    }
    println!("Message   {}", r.id);
    println!("Channel   {}", r.channel.name());
    println!(
        "Status    {}{}",
        r.status,
        r.reason
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default()
    );
    println!("Run       {}  ({} mode)", r.run_id, r.mode);
    println!("Created   {}", time(r.created_at));
    println!("Due       {}", time(r.due_at));
    if let Some(p) = &r.provider {
        println!(
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
    println!("Attempts  {}", r.attempts);
    if let Some(tags) = payload
        .get("tags")
        .and_then(|t| t.as_object())
        .filter(|t| !t.is_empty())
    {
        let t: Vec<String> = tags
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
            .collect();
        println!("Tags      {}", t.join(", "));
    }
    match r.channel {
        Channel::Email => {
            let mime_bytes = store
                .mime(id)
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            println!("MIME size {} bytes", mime_bytes.len());
            println!(
                "\n--- headers ---\n{}",
                mime::header_block(&mime_bytes).trim_end()
            );
            if let Some(t) = payload.get("body").and_then(|b| b.as_str()) {
                println!("\n--- text part ---\n{t}");
            }
            if let Some(h) = payload.get("html").and_then(|b| b.as_str()) {
                println!("\n--- HTML part ---\n{h}");
            }
            let atts = payload
                .get("attachments")
                .and_then(|a| a.as_array())
                .cloned()
                .unwrap_or_default();
            println!("\n--- attachments ({}) ---", atts.len());
            for a in atts {
                println!(
                    "{}  {}  {} bytes",
                    a["name"].as_str().unwrap_or("?"),
                    a["type"].as_str().unwrap_or("?"),
                    a["size"]
                );
            }
        }
        Channel::Sms => {
            println!("To        {}", r.recipient);
            println!("From      {}", payload["from"].as_str().unwrap_or(""));
            println!(
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
                println!("Quiet hrs {q}");
            }
            println!("\n--- body ---\n{}", r.body);
        }
    }
    println!("\n--- events ---");
    for e in &events {
        let mut line = format!("{}  {}", time(e.at), e.status);
        if let Some(p) = &e.provider_status {
            line.push_str(&format!("  [{p}]"));
        }
        if let Some(d) = &e.detail {
            line.push_str(&format!("  {d}"));
        }
        println!("{line}");
    }
    Ok(0)
}

fn dispatch(c: &crate::messaging::config::Config, watch: bool) -> Result<u8, String> {
    let mut d = mailroom::dispatcher(c, Clock::System)?;
    loop {
        let r = d.dispatch_due().map_err(|e| e.to_string())?;
        if r.sent + r.retried + r.failed + r.unknown + r.requeued > 0 || !watch {
            println!(
                "sent {}, retrying {}, failed {}, unknown {}",
                r.sent, r.retried, r.failed, r.unknown
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
            id,
            Status::Queued,
            now,
            "queued again by `air outbox retry`",
        )
        .map_err(|e| e.to_string())?;
    println!("Message {} was {}; it is queued again.", r.id, r.status);
    Ok(0)
}
