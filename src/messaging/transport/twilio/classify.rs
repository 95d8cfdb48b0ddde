//! What a Twilio answer (or the lack of one) means for the message: the
//! pure part of the transport, tested without a server.

use std::io::ErrorKind;
use std::time::Duration;

use crate::messaging::status::Status;
use crate::messaging::transport::Delivery;

/// Twilio's error codes the transport acts on.
pub const OPTED_OUT: u64 = 21610;
pub const TOO_MANY_REQUESTS: u64 = 20429;

/// Twilio's error body: `{"code": 21211, "message": "...", "more_info": ..., "status": 400}`.
#[derive(Debug, Default, PartialEq)]
pub struct ApiError {
    pub code: Option<u64>,
    pub message: Option<String>,
}

impl ApiError {
    pub fn parse(body: &str) -> ApiError {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
            return ApiError::default();
        };
        ApiError {
            code: v.get("code").and_then(|c| {
                c.as_u64()
                    .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
            }),
            message: v
                .get("message")
                .and_then(|m| m.as_str())
                .map(str::to_string),
        }
    }
}

/// One line describing an HTTP answer: `HTTP 400, code 21211: message`,
/// or the start of a body that is not Twilio's error JSON.
pub fn describe(status: u16, body: &str) -> String {
    let err = ApiError::parse(body);
    let mut s = format!("HTTP {status}");
    if let Some(code) = err.code {
        s.push_str(&format!(", code {code}"));
    }
    match err.message {
        Some(m) => s.push_str(&format!(": {m}")),
        None => {
            let text: String = body
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(200)
                .collect();
            if !text.is_empty() {
                s.push_str(&format!(": {text}"));
            }
        }
    }
    s
}

/// `Retry-After`: a number of seconds, or an HTTP date.
pub fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let wait = at.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// The message Twilio answered with `status` and `body`.
pub fn response(status: u16, retry: Option<&str>, body: &str) -> Delivery {
    if (200..300).contains(&status) {
        let v = serde_json::from_str::<serde_json::Value>(body).unwrap_or_default();
        let text = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
        return Delivery::Accepted {
            status: Status::Sent,
            provider_id: text("sid"),
            provider_status: text("status"),
        };
    }
    let err = ApiError::parse(body);
    let what = format!("twilio: {}", describe(status, body));
    if status == 429 || err.code == Some(TOO_MANY_REQUESTS) {
        return Delivery::Transient {
            error: what,
            retry_after: retry.and_then(retry_after),
            throttled: true,
        };
    }
    if status >= 500 {
        return Delivery::Transient {
            error: what,
            retry_after: retry.and_then(retry_after),
            throttled: false,
        };
    }
    if status == 401 {
        // The account's credentials, not the message: every message would
        // be refused alike, so they wait (and retry) until the
        // configuration is fixed rather than being rejected one by one.
        return Delivery::Transient {
            error: format!(
                "{what} (check twilio.account_sid and twilio.auth_token / AIR_TWILIO_AUTH_TOKEN)"
            ),
            retry_after: None,
            throttled: false,
        };
    }
    if err.code == Some(OPTED_OUT) {
        return Delivery::Permanent {
            status: Status::Suppressed,
            error: format!("opt-out: {what}"),
        };
    }
    if (400..500).contains(&status) {
        return Delivery::Permanent {
            status: Status::Rejected,
            error: what,
        };
    }
    // 1xx or 3xx: Twilio sends neither; it had the request, so it may have it.
    Delivery::Ambiguous {
        error: format!("{what} (an answer Twilio does not give; the message may have been taken)"),
    }
}

/// Where a failed call broke off.
#[derive(Debug, PartialEq)]
enum Stage {
    /// Before the request was complete: Twilio cannot have acted on it.
    Before,
    /// After the request was out: Twilio may have it.
    After,
}

fn stage(e: &ureq::Error) -> Stage {
    use ureq::{Error, Timeout};
    match e {
        Error::HostNotFound
        | Error::ConnectionFailed
        | Error::BadUri(_)
        | Error::Http(_)
        | Error::InvalidProxyUrl
        | Error::Tls(_)
        | Error::Rustls(_) => Stage::Before,
        Error::Timeout(
            Timeout::Resolve
            | Timeout::Connect
            | Timeout::SendRequest
            | Timeout::SendBody
            | Timeout::PerWrite,
        ) => Stage::Before,
        Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused
            | ErrorKind::AddrNotAvailable
            | ErrorKind::AddrInUse
            | ErrorKind::NetworkUnreachable
            | ErrorKind::HostUnreachable
            | ErrorKind::NetworkDown => Stage::Before,
            _ => Stage::After,
        },
        _ => Stage::After,
    }
}

/// A call to `url` that got no answer.
pub fn failure(e: &ureq::Error, url: &str) -> Delivery {
    match stage(e) {
        Stage::Before => Delivery::Transient {
            error: format!("twilio: {url}: {e} (nothing was sent)"),
            retry_after: None,
            throttled: false,
        },
        Stage::After => Delivery::Ambiguous {
            error: format!(
                "twilio: {url}: {e} after the request was sent; Twilio may have the message"
            ),
        },
    }
}
