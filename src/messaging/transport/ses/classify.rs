//! What an SES v2 answer means for a message (messaging.md §2, §5).
//!
//! | answer | outcome |
//! | --- | --- |
//! | 2xx | accepted (`sent`, SES's `MessageId`) |
//! | 429, `TooManyRequestsException`, `LimitExceededException` | transient, throttled, `Retry-After` honoured |
//! | `AccountSuspendedException`, `SendingPausedException` | transient (not throttled): the account cannot send until someone acts |
//! | 401, 403 (credentials, signature, permissions) | transient: the configuration is at fault, not the message |
//! | 408, 5xx | transient |
//! | `MessageRejected`, `MailFromDomainNotVerifiedException`, `BadRequestException`, any other 4xx | permanent (`rejected`) |
//! | no connection, TLS failure, request not fully written | transient |
//! | connection lost once the request was written | ambiguous |

use std::time::Duration;

use crate::messaging::status::Status;
use crate::messaging::transport::Delivery;

/// An HTTP answer from SES, reduced to what classification needs.
#[derive(Clone, Debug, Default)]
pub struct Answer<'a> {
    pub status: u16,
    /// The `Retry-After` header.
    pub retry_after: Option<&'a str>,
    /// The `x-amzn-ErrorType` header.
    pub error_type: Option<&'a str>,
    pub body: &'a str,
}

/// The error code of an AWS JSON error: the `x-amzn-ErrorType` header
/// (`MessageRejected:http://…`), else the body's `__type`
/// (`com.amazon…#MessageRejected`), `code` or `Code`.
pub fn error_code(error_type: Option<&str>, body: &serde_json::Value) -> Option<String> {
    let clean = |s: &str| {
        let s = s.split(':').next().unwrap_or(s);
        let s = s.rsplit('#').next().unwrap_or(s);
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    };
    if let Some(code) = error_type.and_then(clean) {
        return Some(code);
    }
    ["__type", "code", "Code"]
        .iter()
        .find_map(|k| body.get(k).and_then(|v| v.as_str()))
        .and_then(clean)
}

/// The human message of an AWS JSON error body (`message` or `Message`),
/// or the body itself, shortened, when it is not JSON.
fn error_message(body_text: &str, body: &serde_json::Value) -> String {
    if let Some(m) = ["message", "Message"]
        .iter()
        .find_map(|k| body.get(k).and_then(|v| v.as_str()))
    {
        return m.to_string();
    }
    let text = body_text.trim().replace(['\r', '\n'], " ");
    if text.chars().count() > 300 {
        format!("{}…", text.chars().take(300).collect::<String>())
    } else {
        text
    }
}

/// `Retry-After` as seconds or an HTTP date (RFC 9110), from `now`.
pub fn retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let ms = at.as_millisecond() - now.as_millisecond();
    Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
}

/// The outcome of an answer from SES.
pub fn answer(a: &Answer<'_>, now: jiff::Timestamp) -> Delivery {
    let json: serde_json::Value = serde_json::from_str(a.body).unwrap_or_default();
    if (200..300).contains(&a.status) {
        let id = json
            .get("MessageId")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        return Delivery::Accepted {
            status: Status::Sent,
            provider_status: Some(match &id {
                Some(_) => format!("{} accepted by SES", a.status),
                None => format!("{} accepted by SES, without a MessageId", a.status),
            }),
            provider_id: id,
        };
    }
    let code = error_code(a.error_type, &json);
    let message = error_message(a.body, &json);
    let what = match &code {
        Some(c) if message.is_empty() => format!("{c} (HTTP {})", a.status),
        Some(c) => format!("{c}: {message} (HTTP {})", a.status),
        None if message.is_empty() => format!("HTTP {}", a.status),
        None => format!("HTTP {}: {message}", a.status),
    };
    let wait = a.retry_after.and_then(|v| retry_after(v, now));
    let transient = |error: String, throttled: bool| Delivery::Transient {
        error,
        retry_after: wait,
        throttled,
    };
    match (code.as_deref(), a.status) {
        (Some("TooManyRequestsException" | "LimitExceededException" | "Throttling" | "ThrottlingException"), _)
        | (_, 429) => transient(format!("SES is throttling: {what}"), true),
        (Some("AccountSuspendedException"), _) => transient(
            format!("SES has suspended this account's sending, so nothing can be sent until AWS reinstates it: {what}"),
            false,
        ),
        (Some("SendingPausedException"), _) => transient(
            format!("sending is paused for this SES account or configuration set, so nothing can be sent until it is resumed: {what}"),
            false,
        ),
        (_, 401 | 403) => transient(
            format!("SES refused the credentials or the permission to send: {what}; check ses.access_key_id, ses.secret_access_key and ses.region"),
            false,
        ),
        (_, 408) | (_, 500..=599) => transient(format!("SES failed for now: {what}"), false),
        (_, 400..=499) => Delivery::Permanent {
            status: Status::Rejected,
            error: format!("SES rejected the message: {what}"),
        },
        _ => transient(format!("SES gave an unexpected answer: {what}"), false),
    }
}

/// The outcome of a request that got no answer.
pub fn failure(e: &ureq::Error, endpoint: &str) -> Delivery {
    use std::io::ErrorKind as K;
    use ureq::Timeout as T;
    let before = |why: String| Delivery::Transient {
        error: format!("could not reach SES at {endpoint}: {why}"),
        retry_after: None,
        throttled: false,
    };
    let after = |why: String| {
        Delivery::Ambiguous {
        error: format!(
            "the request to SES at {endpoint} was sent but its answer was lost ({why}): SES may have accepted the message"
        ),
    }
    };
    match e {
        ureq::Error::Io(io) => match io.kind() {
            K::ConnectionRefused
            | K::AddrNotAvailable
            | K::AddrInUse
            | K::NotConnected
            | K::HostUnreachable
            | K::NetworkUnreachable
            | K::NetworkDown
            | K::BrokenPipe => before(io.to_string()),
            _ => after(io.to_string()),
        },
        ureq::Error::Timeout(t) => match t {
            T::Resolve | T::Connect | T::SendRequest | T::SendBody | T::PerWrite => {
                before(format!("timed out: {e}"))
            }
            _ => after(format!("timed out: {e}")),
        },
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::Tls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::InvalidProxyUrl
        | ureq::Error::RedirectFailed
        | ureq::Error::TooManyRedirects => before(e.to_string()),
        _ => after(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Timestamp {
        "2026-11-22T12:00:00Z".parse().unwrap()
    }

    fn of(status: u16, error_type: Option<&str>, body: &str) -> Delivery {
        answer(
            &Answer {
                status,
                retry_after: None,
                error_type,
                body,
            },
            now(),
        )
    }

    #[test]
    fn codes_from_the_header_or_the_body() {
        let none = serde_json::Value::Null;
        assert_eq!(
            error_code(
                Some("MessageRejected:http://internal.amazon.com/coral/com.amazon.ses/"),
                &none
            )
            .as_deref(),
            Some("MessageRejected")
        );
        let body = serde_json::json!({"__type": "com.amazonaws.sesv2#TooManyRequestsException"});
        assert_eq!(
            error_code(None, &body).as_deref(),
            Some("TooManyRequestsException")
        );
        let body = serde_json::json!({"code": "BadRequestException"});
        assert_eq!(
            error_code(None, &body).as_deref(),
            Some("BadRequestException")
        );
    }

    #[test]
    fn retry_after_seconds_or_date() {
        assert_eq!(retry_after("7", now()), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 22 Nov 2026 12:00:30 GMT", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Sun, 22 Nov 2026 11:00:00 GMT", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now()), None);
    }

    #[test]
    fn the_table() {
        assert_eq!(
            of(200, None, r#"{"MessageId":"0100-abc"}"#),
            Delivery::Accepted {
                status: Status::Sent,
                provider_id: Some("0100-abc".into()),
                provider_status: Some("200 accepted by SES".into())
            }
        );
        let d = of(
            400,
            Some("MessageRejected"),
            r#"{"message":"Email address is not verified."}"#,
        );
        assert_eq!(
            d,
            Delivery::Permanent {
                status: Status::Rejected,
                error: "SES rejected the message: MessageRejected: Email address is not verified. (HTTP 400)".into()
            }
        );
        for code in [
            "MailFromDomainNotVerifiedException",
            "BadRequestException",
            "NotFoundException",
        ] {
            assert!(
                matches!(
                    of(400, Some(code), "{}"),
                    Delivery::Permanent {
                        status: Status::Rejected,
                        ..
                    }
                ),
                "{code}"
            );
        }
        for (status, code) in [
            (429, None),
            (400, Some("LimitExceededException")),
            (400, Some("TooManyRequestsException")),
        ] {
            assert!(
                matches!(
                    of(status, code, "{}"),
                    Delivery::Transient {
                        throttled: true,
                        ..
                    }
                ),
                "{status} {code:?}"
            );
        }
        for (status, code) in [
            (400, "AccountSuspendedException"),
            (400, "SendingPausedException"),
        ] {
            let Delivery::Transient {
                throttled: false,
                error,
                ..
            } = of(status, Some(code), r#"{"message":"paused"}"#)
            else {
                panic!("{code}");
            };
            assert!(
                error.contains(code) && error.contains("nothing can be sent until"),
                "{error}"
            );
        }
        for status in [500, 502, 503, 408, 403] {
            assert!(
                matches!(
                    of(status, None, "oops"),
                    Delivery::Transient {
                        throttled: false,
                        ..
                    }
                ),
                "{status}"
            );
        }
        assert!(matches!(
            of(404, None, "<html>"),
            Delivery::Permanent { .. }
        ));
    }

    #[test]
    fn throttling_honours_retry_after() {
        let d = answer(
            &Answer {
                status: 429,
                retry_after: Some("12"),
                error_type: None,
                body: r#"{"message":"Maximum sending rate exceeded."}"#,
            },
            now(),
        );
        assert_eq!(
            d,
            Delivery::Transient {
                error: "SES is throttling: HTTP 429: Maximum sending rate exceeded.".into(),
                retry_after: Some(Duration::from_secs(12)),
                throttled: true
            }
        );
    }
}
