//! The `twilio` transport (messaging.md §2): SMS through the Twilio Messages
//! API, `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded,
//! with HTTP basic auth, over a synchronous `ureq` agent.
//!
//! What Twilio answers is sorted in [`classify`]; a message a crash left in
//! `sending` is looked up in Twilio's message list by [`lookup`]. The auth
//! token never appears in an error, a log line or `Debug`.

mod classify;
mod lookup;

use std::fmt;
use std::time::Duration;

use base64::Engine as _;

use super::{Delivery, Outgoing, Reconciled, Transport};
use crate::messaging::config::Config;
use crate::messaging::status::Status;
use crate::messaging::store::Record;

/// The API version in every path.
const API: &str = "2010-04-01";

/// SMS through Twilio. Build it with [`Twilio::from_config`].
pub struct Twilio {
    account_sid: String,
    auth_token: String,
    /// `https://api.twilio.com`, or a stand-in; no trailing slash.
    base_url: String,
    /// `webhooks.public_url` without a trailing slash, when set.
    public_url: Option<String>,
    /// `sms.from`: the sender when a message's payload names none.
    default_from: Option<String>,
    agent: ureq::Agent,
}

/// True for an account SID: `AC` and 32 hexadecimal digits.
pub fn is_account_sid(s: &str) -> bool {
    s.len() == 34 && s.starts_with("AC") && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn http_url(key: &str, value: &str) -> Result<String, String> {
    let v = value.trim().trim_end_matches('/');
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(v.to_string()),
        _ => Err(format!(
            "{key} = {value:?}: expected an http:// or https:// URL"
        )),
    }
}

/// How long to wait for a connection, and for Twilio's answer once the
/// request is out.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);

fn agent(connect: Duration, response: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_resolve(Some(connect))
        .timeout_connect(Some(connect))
        .timeout_send_request(Some(response))
        .timeout_send_body(Some(response))
        .timeout_recv_response(Some(response))
        .timeout_recv_body(Some(response))
        .user_agent(concat!("airscript/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

impl Twilio {
    /// The transport `air.toml` and the environment describe:
    /// `twilio.account_sid`, `twilio.auth_token`, `twilio.base_url`,
    /// `sms.from` (the sender when a message names none) and
    /// `webhooks.public_url` (where status callbacks go). The error names
    /// the key at fault and never shows the token.
    pub fn from_config(cfg: &Config) -> Result<Twilio, String> {
        let account_sid = cfg
            .opt("twilio.account_sid")
            .ok_or("twilio.account_sid is not set (AIR_TWILIO_ACCOUNT_SID)")?
            .trim()
            .to_string();
        if !is_account_sid(&account_sid) {
            return Err(format!(
                "twilio.account_sid = {account_sid:?}: expected AC followed by 32 hexadecimal digits"
            ));
        }
        let auth_token = cfg
            .opt("twilio.auth_token")
            .ok_or("twilio.auth_token is not set (AIR_TWILIO_AUTH_TOKEN)")?
            .trim()
            .to_string();
        if auth_token.is_empty() {
            return Err("twilio.auth_token is empty (AIR_TWILIO_AUTH_TOKEN)".into());
        }
        let base_url = http_url(
            "twilio.base_url",
            cfg.opt("twilio.base_url")
                .unwrap_or("https://api.twilio.com"),
        )?;
        let public_url = cfg
            .opt("webhooks.public_url")
            .map(|u| http_url("webhooks.public_url", u))
            .transpose()?;
        Ok(Twilio {
            account_sid,
            auth_token,
            base_url,
            public_url,
            default_from: cfg.opt("sms.from").map(str::to_string),
            agent: agent(CONNECT_TIMEOUT, RESPONSE_TIMEOUT),
        })
    }

    /// The same transport with other timeouts: `connect` for resolving and
    /// connecting, `response` for sending the request and reading the answer.
    pub fn with_timeouts(mut self, connect: Duration, response: Duration) -> Twilio {
        self.agent = agent(connect, response);
        self
    }

    /// The account the transport sends from.
    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// `{base}/2010-04-01/Accounts/{sid}/Messages.json`.
    pub fn messages_url(&self) -> String {
        format!(
            "{}/{API}/Accounts/{}/Messages.json",
            self.base_url, self.account_sid
        )
    }

    /// Where Twilio reports on the message with outbox id `id`, when
    /// `webhooks.public_url` is set: `{public_url}/twilio/status?id={id}`.
    pub fn status_callback(&self, id: &str) -> Option<String> {
        let id: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
        self.public_url
            .as_ref()
            .map(|u| format!("{u}/twilio/status?id={id}"))
    }

    fn authorization(&self) -> String {
        let pair = format!("{}:{}", self.account_sid, self.auth_token);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }

    /// The sender of `record`: the payload's `from`, else `sms.from`.
    fn sender(&self, record: &Record) -> Option<String> {
        serde_json::from_str::<serde_json::Value>(&record.payload)
            .ok()
            .and_then(|p| p.get("from")?.as_str().map(str::to_string))
            .filter(|f| !f.is_empty())
            .or_else(|| self.default_from.clone())
    }

    /// The form fields of the create call for `record`, in the order sent.
    pub fn form(&self, record: &Record) -> Result<Vec<(&'static str, String)>, String> {
        let from = self.sender(record).ok_or_else(|| {
            format!(
                "message {} has no sender: its payload names no `from` and sms.from is not set",
                record.id
            )
        })?;
        let mut fields = vec![
            ("To", record.recipient.clone()),
            ("From", from),
            ("Body", record.body.clone()),
        ];
        if let Some(cb) = self.status_callback(&record.id) {
            fields.push(("StatusCallback", cb));
        }
        Ok(fields)
    }

    /// Replaces the token wherever it might have crept into a text.
    fn scrub(&self, text: String) -> String {
        if self.auth_token.is_empty() || !text.contains(&self.auth_token) {
            text
        } else {
            text.replace(&self.auth_token, "****")
        }
    }

    fn get(&self, url: &str) -> Result<(u16, String), String> {
        let mut resp = self
            .agent
            .get(url)
            .header("Authorization", self.authorization())
            .header("Accept", "application/json")
            .call()
            .map_err(|e| self.scrub(format!("twilio lookup {url}: {e}")))?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| self.scrub(format!("twilio lookup {url}: reading the answer: {e}")))?;
        Ok((status, body))
    }

    fn deliver(&self, record: &Record) -> Delivery {
        let fields = match self.form(record) {
            Ok(f) => f,
            Err(error) => {
                return Delivery::Permanent {
                    status: Status::Rejected,
                    error,
                }
            }
        };
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|(k, v)| (*k, v.as_str())))
            .finish();
        let url = self.messages_url();
        let result = self
            .agent
            .post(&url)
            .header("Authorization", self.authorization())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body.as_str());
        match result {
            Err(e) => classify::failure(&e, &url),
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                let retry_after = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                // A broken body after a status line still leaves the status
                // to go by.
                let text = resp.body_mut().read_to_string().unwrap_or_default();
                classify::response(status, retry_after.as_deref(), &text)
            }
        }
    }

    fn find(&self, record: &Record) -> Reconciled {
        let Some(from) = self.sender(record) else {
            return Reconciled::Unknown {
                evidence: format!(
                    "twilio lookup: message {} has no sender to look up by",
                    record.id
                ),
            };
        };
        if let Some(sid) = record
            .provider_id
            .as_deref()
            .filter(|s| lookup::is_message_sid(s))
        {
            let url = format!(
                "{}/{API}/Accounts/{}/Messages/{sid}.json",
                self.base_url, self.account_sid
            );
            if let Ok((200, _)) = self.get(&url) {
                return Reconciled::Sent {
                    provider_id: Some(sid.to_string()),
                };
            }
        }
        let mut url = format!(
            "{}?{}",
            self.messages_url(),
            lookup::query(&record.recipient, &from)
        );
        for _ in 0..lookup::MAX_PAGES {
            let (status, body) = match self.get(&url) {
                Ok(answer) => answer,
                Err(e) => return Reconciled::Unknown { evidence: e },
            };
            if status != 200 {
                return Reconciled::Unknown {
                    evidence: self.scrub(format!(
                        "twilio lookup {url}: {}",
                        classify::describe(status, &body)
                    )),
                };
            }
            let page = match lookup::Page::parse(&body) {
                Ok(p) => p,
                Err(e) => {
                    return Reconciled::Unknown {
                        evidence: format!("twilio lookup {url}: {e}"),
                    }
                }
            };
            if let Some(sid) = page.find(&record.body, record.created_at) {
                return Reconciled::Sent {
                    provider_id: Some(sid),
                };
            }
            match page.next {
                Some(_) if page.all_older(record.created_at) => return Reconciled::NotSent,
                Some(next) => url = format!("{}{next}", self.base_url),
                None => return Reconciled::NotSent,
            }
        }
        Reconciled::Unknown {
            evidence: format!(
                "twilio lookup: more than {} pages of messages to {}; stopped looking",
                lookup::MAX_PAGES,
                record.recipient
            ),
        }
    }
}

impl Transport for Twilio {
    fn name(&self) -> &str {
        "twilio"
    }

    /// Creates the message. 201 is `sent` with Twilio's SID; 429 (or code
    /// 20429), 5xx and failures to connect are transient; 21610 (the
    /// recipient opted out) is `suppressed` with an error starting
    /// `opt-out: `; other 4xx are `rejected` with Twilio's code and message;
    /// a connection lost once the request was out is ambiguous.
    fn send(&mut self, m: &Outgoing<'_>) -> Delivery {
        match self.deliver(m.record) {
            Delivery::Transient {
                error,
                retry_after,
                throttled,
            } => Delivery::Transient {
                error: self.scrub(error),
                retry_after,
                throttled,
            },
            Delivery::Permanent { status, error } => Delivery::Permanent {
                status,
                error: self.scrub(error),
            },
            Delivery::Ambiguous { error } => Delivery::Ambiguous {
                error: self.scrub(error),
            },
            accepted => accepted,
        }
    }

    /// Twilio can be asked whether it has a message.
    fn looks_up(&self) -> bool {
        true
    }

    /// Looks the message up among those sent to the same number from the
    /// same sender since the day before it was created: one with the same
    /// body created no earlier than a few minutes before the record is the
    /// message (`Sent`); none is `NotSent`; a lookup that fails is `Unknown`.
    fn reconcile(&mut self, record: &Record) -> Reconciled {
        match self.find(record) {
            Reconciled::Unknown { evidence } => Reconciled::Unknown {
                evidence: self.scrub(evidence),
            },
            other => other,
        }
    }
}

impl fmt::Debug for Twilio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Twilio")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"****")
            .field("base_url", &self.base_url)
            .field("public_url", &self.public_url)
            .field("default_from", &self.default_from)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
