//! The fields of a `SEND_EMAIL` / `SEND_SMS` message (messaging.md §1):
//! reading the object form into a validated draft. Every refusal is an
//! `EffectError` that names the field; unknown fields get a did-you-mean.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;

use super::attachment::{self, Attachment};
use super::config::QuietHours;
use super::mime;
use super::phone;
use crate::error::{Error, Result};
use crate::value::{ObjectMap, Value};

pub const EMAIL_FIELDS: &[&str] = &[
    "to",
    "cc",
    "bcc",
    "reply_to",
    "from",
    "subject",
    "body",
    "html",
    "attachments",
    "tags",
    "idempotency_key",
    "send_at",
    "unsubscribe",
];

pub const SMS_FIELDS: &[&str] = &[
    "to",
    "body",
    "from",
    "time_zone",
    "tags",
    "idempotency_key",
    "send_at",
    "quiet_hours",
];

/// The longest SMS body Twilio takes, in characters.
pub const SMS_MAX_CHARS: usize = 1600;
/// The longest email body (each of the text and HTML parts), in bytes.
pub const EMAIL_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const KEY_MAX_CHARS: usize = 255;
pub const TAGS_MAX: usize = 50;
pub const TAG_MAX_CHARS: usize = 256;

/// The session's actor: who a message goes to when it names no recipient.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Actor {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub time_zone: Option<String>,
}

impl Actor {
    /// Reads the `actor` context variable (an Object with `email`, `phone`
    /// and `time_zone` fields; anything else is no actor).
    pub fn from_value(v: Option<&Value>) -> Actor {
        let Some(Value::Object(o)) = v else {
            return Actor::default();
        };
        let text = |k: &str| match o.get(k) {
            Some(Value::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        Actor {
            email: text("email"),
            phone: text("phone"),
            time_zone: text("time_zone"),
        }
    }
}

/// A field's refusal: an `EffectError` naming it.
pub fn field_error(field: &str, message: impl std::fmt::Display) -> Error {
    Error::effect(format!("`{field}`: {message}"))
        .with_payload(code_payload("invalid-field", Some(field)))
}

/// The error payload a script can inspect: `{code, field}`.
pub fn code_payload(code: &str, field: Option<&str>) -> Value {
    let mut m = ObjectMap::default();
    m.insert(Arc::from("code"), Value::text(code));
    if let Some(f) = field {
        m.insert(Arc::from("field"), Value::text(f));
    }
    Value::object(m)
}

fn check_known(message: &ObjectMap, known: &[&str], channel: &str) -> Result<()> {
    for k in message.keys() {
        if !known.contains(&k.as_ref()) {
            let hint = crate::compile::closest(k, known.iter().copied())
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            return Err(field_error(
                k,
                format!(
                    "an {channel} has no field `{k}`{hint} (its fields: {})",
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn get<'a>(m: &'a ObjectMap, field: &str) -> Option<&'a Value> {
    m.get(field).filter(|v| !v.is_null())
}

/// A scalar field as text (Text as is; Numbers and Booleans in display form).
fn text(m: &ObjectMap, field: &str) -> Result<Option<String>> {
    match get(m, field) {
        None => Ok(None),
        Some(Value::Text(t)) => Ok(Some(t.to_string())),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(v) => Err(field_error(
            field,
            format!("expected Text, got {}", v.type_name()),
        )),
    }
}

fn no_line_breaks(field: &str, s: &str) -> Result<()> {
    if s.contains(['\r', '\n']) {
        return Err(field_error(
            field,
            "contains a line break (CR or LF), which could inject mail headers; nothing was stored",
        ));
    }
    Ok(())
}

/// Addresses from Text (comma-separated) or a List of Text.
fn addresses(m: &ObjectMap, field: &'static str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut add = |s: &str| -> Result<()> {
        no_line_breaks(field, s)?;
        if s.trim().is_empty() {
            return Ok(());
        }
        let parsed = mime::parse_addresses(field, s).map_err(|e| field_error(field, e.message))?;
        out.extend(parsed);
        Ok(())
    };
    match get(m, field) {
        None => {}
        Some(Value::Text(t)) => add(t)?,
        Some(Value::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Text(t) => add(t)?,
                    Value::Null => {}
                    other => {
                        return Err(field_error(
                            &format!("{field}[{}]", i + 1),
                            format!("expected an address (Text), got {}", other.type_name()),
                        ))
                    }
                }
            }
        }
        Some(v) => {
            return Err(field_error(
                field,
                format!(
                    "expected Text (comma-separated addresses) or a List of Text, got {}",
                    v.type_name()
                ),
            ))
        }
    }
    Ok(out)
}

fn tags(m: &ObjectMap) -> Result<Vec<(String, String)>> {
    let Some(v) = get(m, "tags") else {
        return Ok(Vec::new());
    };
    let Value::Object(o) = v else {
        return Err(field_error(
            "tags",
            format!(
                "expected an Object of short Text values, got {}",
                v.type_name()
            ),
        ));
    };
    if o.len() > TAGS_MAX {
        return Err(field_error(
            "tags",
            format!("at most {TAGS_MAX} tags, got {}", o.len()),
        ));
    }
    let mut out = Vec::with_capacity(o.len());
    for (k, v) in o.iter() {
        let name = format!("tags.{k}");
        let value = match v {
            Value::Text(t) => t.to_string(),
            Value::Number(_) | Value::Bool(_) => v.to_string(),
            other => {
                return Err(field_error(
                    &name,
                    format!("expected Text, got {}", other.type_name()),
                ))
            }
        };
        if value.chars().count() > TAG_MAX_CHARS || k.chars().count() > TAG_MAX_CHARS {
            return Err(field_error(
                &name,
                format!("tags are short: at most {TAG_MAX_CHARS} characters"),
            ));
        }
        out.push((k.to_string(), value));
    }
    Ok(out)
}

fn idempotency_key(m: &ObjectMap) -> Result<Option<String>> {
    let Some(k) = text(m, "idempotency_key")? else {
        return Ok(None);
    };
    let n = k.chars().count();
    if n == 0 || n > KEY_MAX_CHARS {
        return Err(field_error(
            "idempotency_key",
            format!("must be 1 to {KEY_MAX_CHARS} characters, got {n}"),
        ));
    }
    Ok(Some(k))
}

fn send_at(m: &ObjectMap) -> Result<Option<Timestamp>> {
    match get(m, "send_at") {
        None => Ok(None),
        Some(Value::DateTime(z)) => Ok(Some(z.timestamp())),
        Some(v) => Err(field_error(
            "send_at",
            format!("expected a DateTime, got {}", v.type_name()),
        )),
    }
}

/// A validated email.
#[derive(Clone, Debug, PartialEq)]
pub struct EmailDraft {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub reply_to: Vec<String>,
    /// `None`: the configured default sender.
    pub from: Option<String>,
    pub subject: String,
    pub body: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    pub tags: Vec<(String, String)>,
    pub idempotency_key: Option<String>,
    pub send_at: Option<Timestamp>,
    pub unsubscribe: Option<String>,
}

/// Reads an email's fields; `base_dir` resolves relative attachment paths.
pub fn email(m: &ObjectMap, actor: &Actor, base_dir: &Path) -> Result<EmailDraft> {
    check_known(m, EMAIL_FIELDS, "email")?;
    let mut to = addresses(m, "to")?;
    if to.is_empty() && get(m, "to").is_none() {
        match &actor.email {
            Some(e) => {
                no_line_breaks("actor.email", e)?;
                to = mime::parse_addresses("to", e)
                    .map_err(|err| field_error("actor.email", err.message))?;
            }
            None => {
                return Err(field_error(
                    "to",
                    "no recipient: give `to`, or initialise the actor with an email (the context's `actor.email`)",
                ))
            }
        }
    }
    if to.is_empty() {
        return Err(field_error("to", "no recipient: the address list is empty"));
    }
    let from = match text(m, "from")? {
        Some(f) => {
            no_line_breaks("from", &f)?;
            Some(mime::parse_address("from", &f).map_err(|e| field_error("from", e.message))?)
        }
        None => None,
    };
    let subject = text(m, "subject")?.ok_or_else(|| field_error("subject", "is required"))?;
    no_line_breaks("subject", &subject)?;
    let body = text(m, "body")?;
    let html = text(m, "html")?;
    if body.is_none() && html.is_none() {
        return Err(field_error(
            "body",
            "an email needs a `body` (text) or an `html` part",
        ));
    }
    for (f, part) in [("body", &body), ("html", &html)] {
        if part.as_ref().is_some_and(|p| p.len() > EMAIL_MAX_BYTES) {
            return Err(field_error(
                f,
                format!("is over the limit of {} MB", EMAIL_MAX_BYTES >> 20),
            ));
        }
    }
    let attachments = match get(m, "attachments") {
        None => Vec::new(),
        Some(Value::List(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_null())
            .map(|(i, v)| {
                attachment::read(v, base_dir)
                    .map_err(|e| field_error(&format!("attachments[{}]", i + 1), e))
            })
            .collect::<Result<_>>()?,
        Some(v @ (Value::Asset(_) | Value::Object(_))) => {
            vec![attachment::read(v, base_dir).map_err(|e| field_error("attachments", e))?]
        }
        Some(v) => {
            return Err(field_error(
                "attachments",
                format!("expected a List of Assets, got {}", v.type_name()),
            ))
        }
    };
    let unsubscribe = text(m, "unsubscribe")?;
    if let Some(u) = &unsubscribe {
        no_line_breaks("unsubscribe", u)?;
        if !(u.starts_with("https://") || u.starts_with("mailto:")) {
            return Err(field_error(
                "unsubscribe",
                format!("{u:?} is neither an https: URL nor a mailto: address"),
            ));
        }
    }
    Ok(EmailDraft {
        to,
        cc: addresses(m, "cc")?,
        bcc: addresses(m, "bcc")?,
        reply_to: addresses(m, "reply_to")?,
        from,
        subject,
        body,
        html,
        attachments,
        tags: tags(m)?,
        idempotency_key: idempotency_key(m)?,
        send_at: send_at(m)?,
        unsubscribe,
    })
}

/// A validated SMS.
#[derive(Clone, Debug, PartialEq)]
pub struct SmsDraft {
    /// E.164.
    pub to: String,
    pub body: String,
    pub from: Option<String>,
    /// The recipient's IANA zone, from the message or the actor.
    pub time_zone: Option<String>,
    pub tags: Vec<(String, String)>,
    pub idempotency_key: Option<String>,
    pub send_at: Option<Timestamp>,
    pub quiet_hours: Option<QuietHours>,
}

/// Reads an SMS's fields; `region` is the default region for numbers
/// written without a country code.
pub fn sms(m: &ObjectMap, actor: &Actor, region: &str) -> Result<SmsDraft> {
    check_known(m, SMS_FIELDS, "SMS")?;
    let (field, raw) = match text(m, "to")? {
        Some(t) => ("to", t),
        None => match &actor.phone {
            Some(p) => ("actor.phone", p.clone()),
            None => {
                return Err(field_error(
                    "to",
                    "no recipient: give `to`, or initialise the actor with a phone number (the context's `actor.phone`)",
                ))
            }
        },
    };
    let to = phone::to_e164(&raw, region).map_err(|e| field_error(field, e))?;
    let body = text(m, "body")?.ok_or_else(|| field_error("body", "is required"))?;
    let chars = body.chars().count();
    if chars > SMS_MAX_CHARS {
        return Err(field_error(
            "body",
            format!("is {chars} characters; an SMS body is at most {SMS_MAX_CHARS}"),
        ));
    }
    let from = text(m, "from")?;
    if let Some(f) = &from {
        no_line_breaks("from", f)?;
    }
    let time_zone = match text(m, "time_zone")? {
        Some(z) => Some(("time_zone", z)),
        None => actor.time_zone.clone().map(|z| ("actor.time_zone", z)),
    };
    if let Some((f, z)) = &time_zone {
        if jiff::tz::TimeZone::get(z).is_err() {
            return Err(field_error(
                f,
                format!("{z:?} is not a known IANA time zone"),
            ));
        }
    }
    let quiet_hours = match text(m, "quiet_hours")? {
        None => None,
        Some(q) => Some(QuietHours::parse(&q).ok_or_else(|| {
            field_error(
                "quiet_hours",
                format!("{q:?}: expected \"off\", \"schedule\" or \"reject\""),
            )
        })?),
    };
    Ok(SmsDraft {
        to,
        body,
        from,
        time_zone: time_zone.map(|(_, z)| z),
        tags: tags(m)?,
        idempotency_key: idempotency_key(m)?,
        send_at: send_at(m)?,
        quiet_hours,
    })
}
