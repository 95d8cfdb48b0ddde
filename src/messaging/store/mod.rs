//! The outbox store (messaging.md §5): the trait every store implements,
//! and the records it keeps. [`sqlite::SqliteStore`] is the embedded
//! default; a PostgreSQL store implements the same trait.
//!
//! Times are Unix milliseconds. Data-dependent policies (idempotency,
//! opt-out, email suppression, the duplicate limiter) are decided inside
//! [`Store::submit`]'s transaction, so that the check and the insert cannot
//! be separated by another writer.

pub mod lazy;
pub mod sqlite;
#[cfg(test)]
pub(crate) mod testing;

use std::fmt;

use super::status::Status;
use crate::session::Channel;

/// A message ready to be stored: validated, rendered, with the verdicts of
/// the policies that need no stored data already applied.
#[derive(Clone, Debug, PartialEq)]
pub struct NewMessage {
    pub id: String,
    pub idempotency_key: String,
    /// Hash of everything the message says: a second call with the same key
    /// and another hash is an idempotency conflict.
    pub payload_hash: String,
    pub run_id: String,
    pub channel: Channel,
    /// Normalised recipients: the E.164 number, or the addresses joined by ", ".
    pub recipient: String,
    pub subject: Option<String>,
    /// The text part, or the SMS body.
    pub body: String,
    /// The whole normalised message as JSON (fields, verdicts, segments, tags).
    pub payload: String,
    /// The exact MIME bytes of an email.
    pub mime: Option<Vec<u8>>,
    /// `queued`, or `scheduled` when held until `due_at`.
    pub status: Status,
    /// Why it is scheduled, when it is.
    pub reason: Option<String>,
    pub due_at: i64,
    pub created_at: i64,
    /// `published` or `preview`.
    pub mode: String,
    pub checks: Checks,
}

/// The data-dependent policies `submit` applies, in this order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    /// SMS: refuse when this number has opted out.
    pub opt_out: Option<String>,
    /// Email: refuse when any of these addresses is suppressed.
    pub suppressed: Vec<String>,
    /// SMS in published mode: refuse the same body to the same number within
    /// the window (key, window in milliseconds).
    pub duplicate: Option<(String, i64)>,
}

/// Why `submit` refused a message (it is then stored as `suppressed`).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// `opt-out`, `suppressed` or the limiter's platform code.
    pub code: String,
    pub detail: String,
}

/// What `submit` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// Stored; `refusal` is set when a policy suppressed it.
    Inserted(Record, Option<Refusal>),
    /// The key was already there with the same payload: the existing message.
    Existing(Record),
    /// The key was already there with another payload.
    Conflict(Record),
}

/// A stored message.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub idempotency_key: String,
    pub run_id: String,
    pub channel: Channel,
    pub recipient: String,
    pub subject: Option<String>,
    pub body: String,
    pub payload: String,
    pub mime_size: Option<i64>,
    pub status: Status,
    pub reason: Option<String>,
    pub provider: Option<String>,
    pub provider_status: Option<String>,
    pub provider_id: Option<String>,
    pub attempts: i64,
    pub due_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub mode: String,
}

/// One change in a message's life.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: i64,
    pub status: Status,
    pub provider_status: Option<String>,
    pub detail: Option<String>,
}

/// Which messages `list` returns, newest first.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub channel: Option<Channel>,
    pub run: Option<String>,
    pub limit: Option<usize>,
}

/// The outcome of one hand-over, recorded by [`Store::complete`].
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The provider took it (`sent`), or reported it delivered at once (`delivered`).
    Accepted {
        status: Status,
        provider: String,
        provider_id: Option<String>,
        provider_status: Option<String>,
    },
    /// Try again at `retry_at` (the message becomes `delayed`). A
    /// `throttled` attempt (the provider's rate limit) is not counted.
    Retry {
        retry_at: i64,
        error: String,
        throttled: bool,
    },
    /// Permanently refused (`rejected`/`failed`).
    Refused { status: Status, error: String },
    /// A crash left it unclear whether the provider got it.
    Unknown { detail: String },
    /// Nothing was handed over: back to `queued`.
    Requeue { detail: String },
}

/// A run of a script (one per `air run`, covering every row of a bulk run).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub id: String,
    pub script: String,
    pub data: Option<String>,
    pub rows: Option<i64>,
    pub started_at: i64,
    pub finished_at: Option<i64>,
}

/// An entry of the opt-out or suppression list.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub key: String,
    pub at: i64,
    pub reason: String,
    pub message_id: Option<String>,
}

/// What a provider reported about one message (a webhook): the status it
/// maps to, and what to log.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderEvent {
    /// The status the report means, or `None` for a report that is only
    /// logged (Twilio `queued`, SES `DeliveryDelay`, `Open`, `Click`).
    pub status: Option<Status>,
    /// `twilio` or `ses`: kept as the message's provider when it had none.
    pub provider: String,
    /// The provider's id for the message, kept when the message had none
    /// (a crash lost the hand-over's outcome).
    pub provider_id: Option<String>,
    /// The provider's own word (`delivered`, `Bounce`, ...).
    pub provider_status: String,
    /// What else it said (an error code, the bounced recipients).
    pub detail: String,
}

/// What [`Store::provider_event`] did. An event is logged in every case but
/// `Missing`.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    /// The message moved forward.
    Moved { from: Status, to: Status },
    /// Logged only: no status was given, or it would not be a forward move
    /// (a late `sent` after `delivered`); the message keeps `status`.
    Logged { status: Status },
    /// No message has that id.
    Missing,
}

/// A text message someone sent to one of our numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Inbound {
    /// The provider's id for it (Twilio `MessageSid`): a retried webhook
    /// stores it once.
    pub id: String,
    pub provider: String,
    /// The sender (E.164).
    pub from: String,
    /// Our number it was sent to.
    pub to: String,
    pub body: String,
    pub at: i64,
}

#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "outbox: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

pub type StoreResult<T> = Result<T, StoreError>;

/// The two lists a store keeps beside the messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// E.164 numbers that replied STOP (or were added by hand).
    OptOut,
    /// Email addresses that bounced, complained or unsubscribed.
    Suppression,
}

/// A durable outbox. Every method is one transaction.
pub trait Store: Send {
    /// Stores a message unless its idempotency key is taken, applying the
    /// data-dependent policies of `message.checks` in the same transaction.
    /// With `dry_run` the transaction is rolled back: nothing is kept, and the
    /// result says what would have happened.
    fn submit(&mut self, message: &NewMessage, dry_run: bool) -> StoreResult<Submitted>;
    fn get(&mut self, id: &str) -> StoreResult<Option<Record>>;
    /// The ids that start with `prefix` (at most `limit`), so that people
    /// can type the first few characters of an id.
    fn ids_starting(&mut self, prefix: &str, limit: usize) -> StoreResult<Vec<String>>;
    fn mime(&mut self, id: &str) -> StoreResult<Option<Vec<u8>>>;
    fn events(&mut self, id: &str) -> StoreResult<Vec<Event>>;
    fn list(&mut self, filter: &Filter) -> StoreResult<Vec<Record>>;
    /// Claims up to `limit` due messages (`queued`, `scheduled` or `delayed`
    /// with `due_at <= now`) for `owner` until `now + lease_ms`, moving them
    /// to `sending`.
    fn claim(
        &mut self,
        now: i64,
        owner: &str,
        lease_ms: i64,
        limit: usize,
    ) -> StoreResult<Vec<Record>>;
    /// Records the outcome of a claimed message; false when `owner` no longer
    /// holds its lease (another dispatcher took it over).
    fn complete(&mut self, id: &str, owner: &str, now: i64, outcome: &Outcome)
        -> StoreResult<bool>;
    /// Messages left `sending` with a lease that ran out before `now`.
    fn stale(&mut self, now: i64) -> StoreResult<Vec<Record>>;
    /// Takes over a stale message for reconciliation (a new lease for `owner`).
    fn take_over(&mut self, id: &str, owner: &str, now: i64, lease_ms: i64) -> StoreResult<bool>;
    /// Moves a message to `status` by hand (`air outbox retry`, resolve),
    /// if that is a forward move; returns the new record.
    fn set_status(
        &mut self,
        id: &str,
        status: Status,
        now: i64,
        detail: &str,
    ) -> StoreResult<Option<Record>>;
    /// The earliest `due_at` of a message still waiting to be sent.
    fn next_due(&mut self) -> StoreResult<Option<i64>>;
    /// Takes one token from the named bucket (`rate` per second, `burst` at
    /// most): `None` when taken, else how long to wait (milliseconds).
    fn take_token(
        &mut self,
        bucket: &str,
        rate: f64,
        burst: f64,
        now: i64,
    ) -> StoreResult<Option<i64>>;

    fn list_entries(&mut self, list: List) -> StoreResult<Vec<ListEntry>>;
    fn add_entry(&mut self, list: List, entry: &ListEntry) -> StoreResult<bool>;
    fn remove_entry(&mut self, list: List, key: &str) -> StoreResult<bool>;

    fn start_run(&mut self, run: &Run) -> StoreResult<()>;
    fn finish_run(&mut self, id: &str, rows: i64, now: i64) -> StoreResult<()>;
    fn runs(&mut self) -> StoreResult<Vec<Run>>;
    fn run(&mut self, id: &str) -> StoreResult<Option<Run>>;
    /// Messages per status of a run.
    fn run_totals(&mut self, id: &str) -> StoreResult<Vec<(Status, i64)>>;

    /// The message a provider knows by `provider_id`.
    fn find_by_provider_id(&mut self, provider_id: &str) -> StoreResult<Option<Record>>;
    /// Records a provider's report on message `id`: it moves the message
    /// forward when `event.status` is a forward move ([`Status::can_become`]),
    /// keeps the provider id when the message had none, and always appends
    /// an event, so that a late `sent` after `delivered` is logged but
    /// changes nothing.
    fn provider_event(&mut self, id: &str, event: &ProviderEvent, now: i64)
        -> StoreResult<Applied>;
    /// Keeps an inbound text; false when one with its id is already kept.
    fn add_inbound(&mut self, message: &Inbound) -> StoreResult<bool>;
    /// Inbound texts, newest first (at most `limit`).
    fn inbound(&mut self, limit: usize) -> StoreResult<Vec<Inbound>>;
}
