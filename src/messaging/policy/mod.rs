//! The policies a message passes before it is stored (messaging.md §4).
//! Quiet hours and verified senders are decided here, before the store is
//! touched; the duplicate limiter, opt-out and email suppression need stored
//! data and are decided inside the store's insert transaction
//! ([`crate::messaging::store::Checks`]).

pub mod optout;
pub mod quiet_hours;
pub mod senders;
