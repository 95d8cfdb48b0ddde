//! A stored message as the language sees it: the record `SEND_EMAIL` and
//! `SEND_SMS` return and `MESSAGE_STATUS` reads (messaging.md §1).

use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::messaging::store::{Event, Record};
use crate::session::Channel;
use crate::value::{ObjectMap, Value};

/// A Unix-millisecond time as a DateTime in UTC.
pub fn datetime(ms: i64) -> Value {
    match Timestamp::from_millisecond(ms) {
        Ok(t) => Value::DateTime(Arc::new(t.to_zoned(TimeZone::UTC))),
        Err(_) => Value::Null,
    }
}

fn put(m: &mut ObjectMap, k: &str, v: Value) {
    m.insert(Arc::from(k), v);
}

fn opt_text(v: &Option<String>) -> Value {
    v.as_deref().map_or(Value::Null, Value::text)
}

/// The record of a message; `events` when given (`MESSAGE_STATUS`).
pub fn to_value(r: &Record, events: Option<&[Event]>) -> Value {
    let payload: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
    let field = |k: &str| {
        payload
            .get(k)
            .and_then(|j| crate::value::json::from_json(j).ok())
            .unwrap_or(Value::Null)
    };
    let mut m = ObjectMap::default();
    put(&mut m, "id", Value::text(r.id.as_str()));
    put(&mut m, "channel", Value::text(r.channel.name()));
    put(&mut m, "status", Value::text(r.status.name()));
    match r.channel {
        Channel::Email => {
            put(&mut m, "to", field("to"));
            for k in ["cc", "bcc", "reply_to"] {
                let v = field(k);
                if v.as_list().is_some_and(|l| !l.is_empty()) {
                    put(&mut m, k, v);
                }
            }
            put(&mut m, "from", field("from"));
            put(&mut m, "subject", opt_text(&r.subject));
        }
        Channel::Sms => {
            put(&mut m, "to", Value::text(r.recipient.as_str()));
            put(&mut m, "from", field("from"));
            put(&mut m, "body", Value::text(r.body.as_str()));
            put(&mut m, "segments", field("segments"));
            put(&mut m, "encoding", field("encoding"));
            put(&mut m, "quiet_hours", field("quiet_hours"));
        }
    }
    put(&mut m, "created_at", datetime(r.created_at));
    put(&mut m, "due_at", datetime(r.due_at));
    put(&mut m, "reason", opt_text(&r.reason));
    put(&mut m, "run", Value::text(r.run_id.as_str()));
    put(
        &mut m,
        "idempotency_key",
        Value::text(r.idempotency_key.as_str()),
    );
    put(&mut m, "mode", Value::text(r.mode.as_str()));
    put(&mut m, "attempts", Value::number(r.attempts));
    put(&mut m, "provider", opt_text(&r.provider));
    put(&mut m, "provider_id", opt_text(&r.provider_id));
    put(&mut m, "provider_status", opt_text(&r.provider_status));
    let tags = field("tags");
    if !tags.is_null() {
        put(&mut m, "tags", tags);
    }
    if let Some(events) = events {
        let list = events
            .iter()
            .map(|e| {
                let mut o = ObjectMap::default();
                put(&mut o, "time", datetime(e.at));
                put(&mut o, "status", Value::text(e.status.name()));
                put(&mut o, "provider_status", opt_text(&e.provider_status));
                put(&mut o, "detail", opt_text(&e.detail));
                Value::object(o)
            })
            .collect();
        put(&mut m, "events", Value::list(list));
    }
    Value::object(m)
}
