//! The policies a message passes before it is stored (messaging.md §4).

pub mod quiet_hours;
