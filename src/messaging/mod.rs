//! Messaging (messaging.md): `SEND_EMAIL` and `SEND_SMS` into a durable
//! outbox, the policies that guard it, and the transports that deliver from it.
//!
//! This layer sits outside the language: the built-ins hand their message to
//! the session's [`Effects`](crate::session::Effects) host, and
//! [`outbox::Outbox`] is that host. It validates the fields
//! ([`fields`]), applies the policies ([`policy`]) and inserts one row into
//! the [`store::Store`] in one transaction. A [`dispatch::Dispatcher`] later
//! claims due rows and hands them to a [`transport::Transport`].
//!
//! The store and the transports are traits: SQLite and the `local` transport
//! are built in; PostgreSQL, SMTP, SES and Twilio implement the same traits.

pub mod attachment;
pub mod config;
pub mod dispatch;
pub mod fields;
pub mod mime;
pub mod outbox;
pub mod phone;
pub mod policy;
pub mod status;
pub mod store;
pub mod transport;
pub mod webhooks;
