//! What the integration tests that talk to real servers share: the tools
//! they install (a Python virtual environment with aiosmtpd and moto, and
//! Prism from npm), free ports, and child processes that stop when dropped.
//! Each test binary includes it with `mod support;` and uses what it needs.
#![allow(dead_code)]

pub mod dir;
pub mod moto;
pub mod smtpd;
pub mod stored;
pub mod tools;
pub mod twilio_fake;
