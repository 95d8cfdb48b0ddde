//! A message to store in unit tests.

use super::{Checks, NewMessage};
use crate::messaging::status::Status;
use crate::session::Channel;

/// A queued SMS to `to`, created and due at `at`, with the opt-out and
/// duplicate checks a published SMS gets.
pub fn sms(id: &str, key: &str, to: &str, body: &str, at: i64) -> NewMessage {
    NewMessage {
        id: id.into(),
        idempotency_key: key.into(),
        payload_hash: format!("h:{to}:{body}"),
        run_id: "run1".into(),
        channel: Channel::Sms,
        recipient: to.into(),
        subject: None,
        body: body.into(),
        payload: "{}".into(),
        mime: None,
        status: Status::Queued,
        reason: None,
        due_at: at,
        created_at: at,
        mode: "published".into(),
        checks: Checks {
            opt_out: Some(to.into()),
            suppressed: vec![],
            duplicate: Some((format!("{to}|{body}"), 30 * 60_000)),
        },
    }
}
