//! Built-ins of the messaging category (messaging.md §1, §7): the effects
//! `SEND_EMAIL` and `SEND_SMS`, `MESSAGE_STATUS`, and the pure `SMS_SEGMENTS`.
//!
//! The effects only turn their arguments into the object form and hand it to
//! the session's [`Effects`](crate::session::Effects) host, which validates,
//! applies the policies and stores the message (`crate::messaging`). Without
//! a host (template rendering, embedded evaluation that did not grant
//! effects) they raise an `EffectError` and nothing is sent.

pub mod segments;

use std::sync::Arc;

use super::args::{Nullable, TextOrList};
use super::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::session::{Channel, Effects};
use crate::sig;
use crate::value::{ObjectMap, Value};

const M: Category = Category::Messaging;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "SEND_EMAIL",
        M,
        &[
            sig!(send_email(message: &ObjectMap) -> OBJECT),
            sig!(send_email_to(to: Nullable<TextOrList>, subject: &Value, body: &Value) -> OBJECT),
        ],
        "puts an email into the outbox and returns its record",
    )
    .impure()
    .volatile()
    .session(),
    FunctionSpec::new(
        "SEND_SMS",
        M,
        &[
            sig!(send_sms(message: &ObjectMap) -> OBJECT),
            sig!(send_sms_to(to: Nullable<&Arc<str>>, body: &Value) -> OBJECT),
        ],
        "puts a text message into the outbox and returns its record",
    )
    .impure()
    .volatile()
    .session(),
    FunctionSpec::new(
        "MESSAGE_STATUS",
        M,
        &[sig!(message_status(id: &str) -> OBJECT | NULL)],
        "the current record of a sent message, with its events",
    )
    .volatile()
    .session(),
    FunctionSpec::new(
        "SMS_SEGMENTS",
        M,
        &[sig!(sms_segments(text: &str) -> OBJECT)],
        "how many SMS segments a text takes, in which encoding",
    ),
];

/// The granted effects host, or the `EffectError` that says none is.
fn host<'a>(cx: &'a CallCtx<'_>) -> Result<&'a Arc<dyn Effects>> {
    cx.session.effects.as_ref().ok_or_else(|| {
        Error::effect(format!(
            "{} is not available here: sending messages is a capability that this host has not granted",
            cx.name()
        ))
        .with_help("scripts run with `air run` and the REPL may send; template rendering may not unless the application grants it")
    })
}

fn object(fields: &[(&str, &Value)]) -> ObjectMap {
    fields
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (Arc::from(*k), (*v).clone()))
        .collect()
}

fn send_email(cx: &CallCtx<'_>, message: &ObjectMap) -> Result<Value> {
    host(cx)?.send(Channel::Email, message)
}

/// A positional `to` (`NULL`: the actor's) as the object form's field.
fn recipient(to: Nullable<TextOrList>) -> Value {
    match to.0 {
        None => Value::Null,
        Some(TextOrList::Text(t)) => Value::Text(t.clone()),
        Some(TextOrList::List(l)) => Value::List(l.clone()),
    }
}

fn send_email_to(
    cx: &CallCtx<'_>,
    to: Nullable<TextOrList>,
    subject: &Value,
    body: &Value,
) -> Result<Value> {
    let message = object(&[("to", &recipient(to)), ("subject", subject), ("body", body)]);
    host(cx)?.send(Channel::Email, &message)
}

fn send_sms(cx: &CallCtx<'_>, message: &ObjectMap) -> Result<Value> {
    host(cx)?.send(Channel::Sms, message)
}

fn send_sms_to(cx: &CallCtx<'_>, to: Nullable<&Arc<str>>, body: &Value) -> Result<Value> {
    let to = to.0.map_or(Value::Null, |t| Value::Text(t.clone()));
    let message = object(&[("to", &to), ("body", body)]);
    host(cx)?.send(Channel::Sms, &message)
}

fn message_status(cx: &CallCtx<'_>, id: &str) -> Result<Value> {
    host(cx)?.status(id)
}

fn sms_segments(cx: &CallCtx<'_>, text: &str) -> Result<Value> {
    segments::count_with(text, |n| cx.budget.ticks_n(n)).map(|s| s.to_value())
}
