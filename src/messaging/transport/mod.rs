//! Transports hand a claimed message to a provider (messaging.md §2). Each
//! is a [`Transport`]; `local` is built in, and SMTP, SES and Twilio
//! implement the same trait.

pub mod envelope;
pub mod local;
pub mod ses;
pub mod smtp;
pub mod twilio;

use std::time::Duration;

use super::status::Status;
use super::store::Record;

/// What the dispatcher hands over: the stored row and, for email, its exact MIME bytes.
pub struct Outgoing<'a> {
    pub record: &'a Record,
    pub mime: Option<&'a [u8]>,
}

/// What a provider said to one hand-over.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// Taken: `sent`, or `delivered` when the provider delivers at once.
    Accepted {
        status: Status,
        provider_id: Option<String>,
        provider_status: Option<String>,
    },
    /// Not taken this time; try again later (SMTP 4xx, HTTP 5xx, connection
    /// errors). `throttled` marks the provider's own rate limiting (HTTP 429,
    /// SES TooManyRequests, SMTP 454), which slows the pace and never counts
    /// as a failed attempt.
    Transient {
        error: String,
        retry_after: Option<Duration>,
        throttled: bool,
    },
    /// Refused for good (`rejected` or `failed`).
    Permanent { status: Status, error: String },
    /// The hand-over broke off where the provider may have taken it (a
    /// connection lost after the data was sent): never resent blindly.
    Ambiguous { error: String },
}

/// What a provider knows of a message that a crash left in `sending`.
#[derive(Clone, Debug, PartialEq)]
pub enum Reconciled {
    /// The provider has it.
    Sent { provider_id: Option<String> },
    /// Certainly not handed over: safe to send again.
    NotSent,
    /// Cannot tell: the message becomes `unknown` for a person to resolve.
    Unknown { evidence: String },
}

/// A way out for one channel.
pub trait Transport: Send {
    /// The name in configuration and in each message's `provider`.
    fn name(&self) -> &str;
    fn send(&mut self, message: &Outgoing<'_>) -> Delivery;
    fn reconcile(&mut self, message: &Record) -> Reconciled;
    /// Whether [`Transport::reconcile`] can tell, by asking the provider,
    /// whether it has a message. A dispatcher claims messages for a
    /// transport that cannot one at a time, so that a crash leaves at most
    /// one message of it unclear (`unknown`) instead of a whole batch.
    fn looks_up(&self) -> bool {
        false
    }
    /// Messages per second this transport may send (0: unpaced).
    fn rate(&self) -> f64 {
        0.0
    }
}
