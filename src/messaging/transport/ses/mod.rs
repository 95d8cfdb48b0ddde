//! The `ses` transport (messaging.md §2): email through the Amazon SES v2
//! API, `POST /v2/email/outbound-emails`, SigV4-signed (service `ses`),
//! over HTTPS with ureq (rustls, the `ring` provider).
//!
//! The content is `Raw`: the stored MIME bytes, base64-encoded, exactly as
//! the outbox built them (the same bytes SMTP sends). The destination lists
//! are the bare addresses of the record's to, cc and bcc (each once); the
//! outbox id travels in the `air-message-id` email tag, which SES repeats in
//! every event it publishes for the message (the webhooks match on it, and
//! on SES's `MessageId`, kept as the provider id).
//!
//! Configuration: `ses.region`, `ses.access_key_id`,
//! `ses.secret_access_key`, optionally `ses.session_token`,
//! `ses.configuration_set` and `ses.endpoint` (default
//! `https://email.{region}.amazonaws.com`; `http://` only for a server on
//! this machine, such as moto in the tests).
//!
//! [`classify`] says what each answer means.

pub mod classify;
pub mod sigv4;

use std::io::Read as _;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde_json::json;
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};

use super::envelope::{self, Envelope};
use super::{Delivery, Outgoing, Reconciled, Transport};
use crate::messaging::config::Config;
use crate::messaging::status::Status;
use crate::messaging::store::Record;
use sigv4::Keys;

/// The email tag that carries the outbox id of each message.
pub const MESSAGE_ID_TAG: &str = "air-message-id";

/// The path of SES v2 `SendEmail`.
pub const SEND_PATH: &str = "/v2/email/outbound-emails";

/// The SES transport. Its `Debug` shows no secret.
pub struct Ses {
    region: String,
    endpoint: String,
    keys: Keys,
    configuration_set: Option<String>,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Ses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ses")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("keys", &self.keys)
            .field("configuration_set", &self.configuration_set)
            .finish_non_exhaustive()
    }
}

/// How long connecting, and then each step of the exchange, may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(30);

/// An HTTP client for SES: rustls with an explicit `ring` provider and
/// Mozilla's roots; 4xx and 5xx answers are read, not turned into errors;
/// no redirects.
fn agent() -> ureq::Agent {
    let tls = TlsConfig::builder()
        .provider(TlsProvider::Rustls)
        .root_certs(RootCerts::WebPki)
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_send_request(Some(EXCHANGE_TIMEOUT))
        .timeout_send_body(Some(EXCHANGE_TIMEOUT))
        .timeout_recv_response(Some(EXCHANGE_TIMEOUT))
        .timeout_recv_body(Some(EXCHANGE_TIMEOUT))
        .user_agent(concat!("airscript/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

/// Checks `ses.endpoint`: `https://host[:port]`, or `http://` to this machine.
fn check_endpoint(endpoint: &str) -> Result<String, String> {
    let bad = |why: &str| format!("ses.endpoint = {endpoint:?}: {why}");
    let trimmed = endpoint.trim().trim_end_matches('/');
    let (scheme, rest) = trimmed
        .split_once("://")
        .ok_or_else(|| bad("expected https://host[:port]"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_only = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    if host_only.is_empty() || host.contains('@') {
        return Err(bad("expected https://host[:port]"));
    }
    if rest.contains(['?', '#']) {
        return Err(bad("a query or fragment has no place here"));
    }
    let local = host_only.eq_ignore_ascii_case("localhost")
        || host_only.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(trimmed.to_string()),
        "http" if local => Ok(trimmed.to_string()),
        "http" => Err(bad(
            "http:// is only for a server on this machine; use https://",
        )),
        _ => Err(bad("expected https://host[:port]")),
    }
}

impl Ses {
    /// Builds the transport from `ses.*`. Errors name the missing or bad
    /// key (and its environment variable) and never contain a secret.
    pub fn from_config(cfg: &Config) -> Result<Ses, String> {
        let need = |key: &str, env: &str| {
            cfg.opt(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("{key} is not set ({env}): the ses transport needs it"))
        };
        let region = need("ses.region", "AIR_SES_REGION")?;
        if !region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "ses.region = {region:?}: expected a region name such as us-east-1"
            ));
        }
        let access_key_id = need("ses.access_key_id", "AWS_ACCESS_KEY_ID")?;
        let secret_access_key = need("ses.secret_access_key", "AWS_SECRET_ACCESS_KEY")?;
        let endpoint = match cfg.opt("ses.endpoint") {
            Some(e) => check_endpoint(e)?,
            None => format!("https://email.{region}.amazonaws.com"),
        };
        Ok(Ses {
            region,
            endpoint,
            keys: Keys {
                access_key_id,
                secret_access_key,
                session_token: cfg.opt("ses.session_token").map(str::to_string),
            },
            configuration_set: cfg.opt("ses.configuration_set").map(str::to_string),
            agent: agent(),
        })
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The JSON body of `SendEmail` for one stored message.
    pub fn request_body(&self, record: &Record, env: &Envelope, mime: &[u8]) -> serde_json::Value {
        let mut body = json!({
            "FromEmailAddress": env.from,
            "Destination": {
                "ToAddresses": env.to,
                "CcAddresses": env.cc,
                "BccAddresses": env.bcc,
            },
            "Content": {"Raw": {"Data": base64::engine::general_purpose::STANDARD.encode(mime)}},
            "EmailTags": [{"Name": MESSAGE_ID_TAG, "Value": record.id}],
        });
        if let Some(set) = &self.configuration_set {
            body["ConfigurationSetName"] = json!(set);
        }
        body
    }

    /// A SigV4-signed POST of `body` (JSON) to `path` on the endpoint:
    /// the HTTP status, the `Retry-After` and `x-amzn-ErrorType` headers
    /// and the response text. Used for `SendEmail`, and usable for other
    /// SES v2 calls (a test verifies its sender with it).
    pub fn post(&self, path: &str, body: &[u8]) -> Result<Reply, ureq::Error> {
        let url = format!("{}{path}", self.endpoint);
        let headers = [("content-type", "application/json")];
        let signed = sigv4::sign(
            &sigv4::Request {
                method: "POST",
                url: &url,
                headers: &headers,
                body,
            },
            &self.keys,
            &self.region,
            "ses",
            SystemTime::now(),
        )
        .map_err(ureq::Error::BadUri)?;
        let mut request = self
            .agent
            .post(&url)
            .header("content-type", "application/json");
        for (name, value) in &signed {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request.send(body)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header("retry-after");
        let error_type = header("x-amzn-errortype");
        let status = response.status().as_u16();
        let mut text = String::new();
        let body_error = response
            .body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .err()
            .map(|e| e.to_string());
        Ok(Reply {
            status,
            retry_after,
            error_type,
            body: text,
            body_error,
        })
    }
}

/// An HTTP answer from SES.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub error_type: Option<String>,
    pub body: String,
    /// Set when the body could not be read to its end.
    pub body_error: Option<String>,
}

impl Transport for Ses {
    fn name(&self) -> &str {
        "ses"
    }

    fn send(&mut self, m: &Outgoing<'_>) -> Delivery {
        let (mime, env) = match envelope::email_of(m) {
            Ok(parts) => parts,
            Err(failed) => return failed,
        };
        let body = self.request_body(m.record, &env, mime).to_string();
        let reply = match self.post(SEND_PATH, body.as_bytes()) {
            Ok(reply) => reply,
            Err(e) => return classify::failure(&e, &self.endpoint),
        };
        if let Some(why) = &reply.body_error {
            if (200..300).contains(&reply.status) {
                // SES said yes; only its MessageId was lost.
                return Delivery::Accepted {
                    status: Status::Sent,
                    provider_id: None,
                    provider_status: Some(format!(
                        "{} accepted by SES (the answer's body was lost: {why})",
                        reply.status
                    )),
                };
            }
        }
        classify::answer(
            &classify::Answer {
                status: reply.status,
                retry_after: reply.retry_after.as_deref(),
                error_type: reply.error_type.as_deref(),
                body: &reply.body,
            },
            jiff::Timestamp::now(),
        )
    }

    /// SES cannot be asked about a message: a message a crash left in
    /// `sending` becomes `unknown`, with what identifies it in SES events.
    fn reconcile(&mut self, message: &Record) -> Reconciled {
        let message_id = envelope::message_id_of(message);
        Reconciled::Unknown {
            evidence: format!(
                "SES has no way to look a message up: message {id} (Message-ID {message_id}, email tag {MESSAGE_ID_TAG}={id}) may or may not have been accepted by SES at {endpoint} ({region}); its Send or Delivery event, if SES publishes events, carries that tag",
                id = message.id,
                endpoint = self.endpoint,
                region = self.region,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            check_endpoint("http://127.0.0.1:5005/").unwrap(),
            "http://127.0.0.1:5005"
        );
        assert_eq!(
            check_endpoint("https://email.eu-west-1.amazonaws.com").unwrap(),
            "https://email.eu-west-1.amazonaws.com"
        );
        assert!(check_endpoint("http://[::1]:80").is_ok());
        assert_eq!(
            check_endpoint("http://ses.example.com").unwrap_err(),
            "ses.endpoint = \"http://ses.example.com\": http:// is only for a server on this machine; use https://"
        );
        assert!(check_endpoint("ses.example.com").is_err());
        assert!(check_endpoint("https://").is_err());
        assert!(check_endpoint("https://u:p@x.com").is_err());
    }
}
