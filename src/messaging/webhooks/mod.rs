//! Webhooks (messaging.md §6): what providers tell us after the hand-over.
//! `air webhooks serve` receives Twilio status callbacks and inbound texts
//! ([`twilio`]) and SES events over SNS ([`sns`], [`ses`]), checks their
//! signatures, and updates the outbox: statuses move forward only, every
//! report lands in the message's event log, and opt-outs, bounces and
//! complaints reach the opt-out and suppression lists.
//!
//! [`server::router`] gives the routes as an axum `Router`; [`server::serve`]
//! runs them on a listener until a shutdown future completes.

pub mod server;
pub mod ses;
pub mod sns;
pub mod twilio;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use super::config::Config;
use super::phone;
use super::store::{Applied, Store};
use crate::session::Clock;

/// A secret (the Twilio auth token) that never prints.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for signing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

/// What the webhooks need to know.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The public base URL (no trailing `/`): what providers call, and what
    /// Twilio's signatures cover.
    pub public_url: String,
    /// Verifies Twilio's signatures; without it every Twilio request is refused.
    pub twilio_auth_token: Option<Secret>,
    /// The RSA public key (PKCS#1 DER) that signs SNS messages, when
    /// configured; otherwise it comes from each message's `SigningCertURL`.
    pub sns_public_key: Option<Vec<u8>>,
    /// The SNS topics accepted (empty: any).
    pub sns_topics: Vec<String>,
    /// For phone numbers that arrive without `+country`.
    pub default_region: String,
}

impl Settings {
    /// The settings of `cfg` for a server listening on `listen`: the public
    /// URL defaults to `http://` and that address.
    pub fn from_config(cfg: &Config, listen: SocketAddr) -> Result<Settings, String> {
        let public_url = match cfg.opt("webhooks.public_url") {
            Some(url) => {
                let url = url.trim().trim_end_matches('/');
                if !(url.starts_with("http://") || url.starts_with("https://"))
                    || url.contains(['?', '#'])
                {
                    return Err(format!(
                        "webhooks.public_url = {url:?}: expected an http:// or https:// URL without a query"
                    ));
                }
                url.to_string()
            }
            None => format!("http://{listen}"),
        };
        let sns_public_key = match cfg.opt("webhooks.sns_certificate") {
            Some(path) => {
                let pem = std::fs::read(path).map_err(|e| {
                    format!("webhooks.sns_certificate = {path:?}: cannot read it: {e}")
                })?;
                Some(
                    sns::public_key_from_pem(&pem)
                        .map_err(|e| format!("webhooks.sns_certificate = {path:?}: {e}"))?,
                )
            }
            None => None,
        };
        Ok(Settings {
            public_url,
            twilio_auth_token: cfg.opt("twilio.auth_token").map(Secret::new),
            sns_public_key,
            sns_topics: cfg.list("webhooks.sns_topics"),
            default_region: cfg.get("default_region").to_string(),
        })
    }
}

/// The server's state: the outbox (a [`Store`] is `Send` but not `Sync`, so
/// it is behind a mutex and used from blocking tasks), the settings, and the
/// SNS certificates fetched so far.
pub struct Webhooks {
    store: Mutex<Box<dyn Store>>,
    settings: Settings,
    clock: Clock,
    certificates: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhooks")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Webhooks {
    pub fn new(store: Box<dyn Store>, settings: Settings, clock: Clock) -> Arc<Webhooks> {
        Arc::new(Webhooks {
            store: Mutex::new(store),
            settings,
            clock,
            certificates: Mutex::new(HashMap::new()),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn now(&self) -> i64 {
        self.clock.now().as_millisecond()
    }

    /// Runs `f` on the outbox (from a blocking task).
    fn with_store<T>(&self, f: impl FnOnce(&mut dyn Store) -> T) -> T {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        f(store.as_mut())
    }
}

/// What a webhook did: the HTTP answer, and a line for the log.
#[derive(Clone, Debug, PartialEq)]
pub struct Handled {
    pub code: u16,
    pub content_type: &'static str,
    pub body: String,
    pub summary: String,
}

impl Handled {
    /// 200 with an empty body.
    pub fn ok(summary: impl Into<String>) -> Handled {
        Handled {
            code: 200,
            content_type: "text/plain; charset=utf-8",
            body: String::new(),
            summary: summary.into(),
        }
    }

    /// 200 with empty TwiML (Twilio then sends no reply).
    pub fn twiml(summary: impl Into<String>) -> Handled {
        Handled {
            code: 200,
            content_type: "text/xml",
            body: "<Response/>".into(),
            summary: summary.into(),
        }
    }

    fn error(code: u16, message: impl Into<String>) -> Handled {
        let message = message.into();
        Handled {
            code,
            content_type: "text/plain; charset=utf-8",
            body: format!("{message}\n"),
            summary: message,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Handled {
        Handled::error(400, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Handled {
        Handled::error(403, message)
    }

    /// 502: a provider we had to call back failed (SNS retries).
    pub fn bad_gateway(message: impl Into<String>) -> Handled {
        Handled::error(502, message)
    }

    pub fn internal(message: impl Into<String>) -> Handled {
        Handled::error(500, message)
    }
}

/// How a report changed a message, for the log.
fn describe(applied: &Applied) -> String {
    match applied {
        Applied::Moved { from, to } => format!("{from} -> {to}"),
        Applied::Logged { status } => format!("stays {status} (logged)"),
        Applied::Missing => "vanished".into(),
    }
}

/// A number as E.164 when it reads as one, else as it came.
fn e164_or_raw(number: &str, region: &str) -> String {
    phone::to_e164(number, region).unwrap_or_else(|_| number.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load(None, std::path::Path::new("/nonexistent"), &|k| {
            vars.get(k).cloned()
        })
        .map_err(|e| e.to_string())
    }

    fn listen() -> SocketAddr {
        "127.0.0.1:8787".parse().unwrap()
    }

    #[test]
    fn the_public_url_defaults_to_the_listen_address() {
        let s = Settings::from_config(&config(&[]).unwrap(), listen()).unwrap();
        assert_eq!(s.public_url, "http://127.0.0.1:8787");
        assert!(s.twilio_auth_token.is_none() && s.sns_public_key.is_none());
        let s = Settings::from_config(
            &config(&[("AIR_PUBLIC_URL", "https://hooks.example.com/air/")]).unwrap(),
            listen(),
        )
        .unwrap();
        assert_eq!(s.public_url, "https://hooks.example.com/air");
        let e = Settings::from_config(
            &config(&[("AIR_PUBLIC_URL", "hooks.example.com")]).unwrap(),
            listen(),
        )
        .unwrap_err();
        assert!(
            e.starts_with("webhooks.public_url = \"hooks.example.com\""),
            "{e}"
        );
    }

    #[test]
    fn the_sns_certificate_setting_is_read_and_checked() {
        let cert = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sns/cert.pem");
        let s = Settings::from_config(&config(&[("AIR_SNS_CERTIFICATE", cert)]).unwrap(), listen())
            .unwrap();
        assert!(s.sns_public_key.is_some());
        let e = Settings::from_config(
            &config(&[("AIR_SNS_CERTIFICATE", "/nonexistent/cert.pem")]).unwrap(),
            listen(),
        )
        .unwrap_err();
        assert!(
            e.starts_with("webhooks.sns_certificate = \"/nonexistent/cert.pem\": cannot read it"),
            "{e}"
        );
        let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sns/README.md");
        let e = Settings::from_config(
            &config(&[("AIR_SNS_CERTIFICATE", readme)]).unwrap(),
            listen(),
        )
        .unwrap_err();
        assert!(e.contains("not a PEM certificate"), "{e}");
    }

    #[test]
    fn the_auth_token_never_prints() {
        let token = "tok-3f9a1c7d5e";
        let s = Settings::from_config(
            &config(&[("AIR_TWILIO_AUTH_TOKEN", token)]).unwrap(),
            listen(),
        )
        .unwrap();
        assert_eq!(
            s.twilio_auth_token.as_ref().map(Secret::expose),
            Some(token)
        );
        let store = crate::messaging::store::sqlite::SqliteStore::in_memory().unwrap();
        let w = Webhooks::new(Box::new(store), s.clone(), Clock::System);
        for shown in [format!("{s:?}"), format!("{w:?}")] {
            assert!(!shown.contains(token), "{shown}");
            assert!(shown.contains("Secret(****)"), "{shown}");
        }
    }
}
