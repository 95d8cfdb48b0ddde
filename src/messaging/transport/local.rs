//! The `local` transport (the default): the outbox is the mailbox. A message
//! handed to it counts as delivered at once, and nothing leaves the machine.

use super::{Delivery, Outgoing, Reconciled, Transport};
use crate::messaging::status::Status;
use crate::messaging::store::Record;

#[derive(Debug, Default)]
pub struct Local;

impl Transport for Local {
    fn name(&self) -> &str {
        "local"
    }

    fn send(&mut self, m: &Outgoing<'_>) -> Delivery {
        Delivery::Accepted {
            status: Status::Delivered,
            provider_id: Some(format!("local-{}", m.record.id)),
            provider_status: Some("delivered to the local mailbox".into()),
        }
    }

    /// Nothing left the machine, so a message interrupted in `sending` can
    /// simply be delivered again.
    fn reconcile(&mut self, _: &Record) -> Reconciled {
        Reconciled::NotSent
    }

    fn looks_up(&self) -> bool {
        true
    }
}
