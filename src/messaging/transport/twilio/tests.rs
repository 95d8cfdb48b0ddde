use std::io;
use std::time::Duration;

use super::classify::{self, ApiError};
use super::lookup::{self, Listed, Page};
use super::*;
use crate::messaging::config::Source;
use crate::session::Channel;

const SID: &str = "AC0123456789abcdef0123456789ABCDEF";
const TOKEN: &str = "tok-9f8e7d6c5b4a";

fn config(pairs: &[(&'static str, &str)]) -> Config {
    let mut c = Config::defaults();
    for (k, v) in pairs {
        c.set(k, v, Source::Default);
    }
    c
}

fn twilio() -> Twilio {
    Twilio::from_config(&config(&[
        ("twilio.account_sid", SID),
        ("twilio.auth_token", TOKEN),
        ("webhooks.public_url", "https://hooks.example.com/air/"),
    ]))
    .unwrap()
}

fn record(payload: &str) -> Record {
    Record {
        id: "msg-1".into(),
        idempotency_key: "k".into(),
        run_id: "run".into(),
        channel: Channel::Sms,
        recipient: "+14155550100".into(),
        subject: None,
        body: "Hello & welcome".into(),
        payload: payload.into(),
        mime_size: None,
        status: Status::Sending,
        reason: None,
        provider: None,
        provider_status: None,
        provider_id: None,
        attempts: 0,
        due_at: 0,
        created_at: 1_700_000_000_000,
        updated_at: 0,
        mode: "published".into(),
    }
}

#[test]
fn account_sids() {
    assert!(is_account_sid(SID));
    assert!(!is_account_sid("AC0123"));
    assert!(!is_account_sid("XX0123456789abcdef0123456789abcdef"));
    assert!(!is_account_sid("AC0123456789abcdef0123456789abcdeg"));
}

#[test]
fn configuration_errors_name_the_key() {
    let err = |pairs: &[(&'static str, &str)]| Twilio::from_config(&config(pairs)).unwrap_err();
    assert_eq!(
        err(&[("twilio.auth_token", TOKEN)]),
        "twilio.account_sid is not set (AIR_TWILIO_ACCOUNT_SID)"
    );
    assert_eq!(
        err(&[("twilio.account_sid", "AC12"), ("twilio.auth_token", TOKEN)]),
        "twilio.account_sid = \"AC12\": expected AC followed by 32 hexadecimal digits"
    );
    assert_eq!(
        err(&[("twilio.account_sid", SID)]),
        "twilio.auth_token is not set (AIR_TWILIO_AUTH_TOKEN)"
    );
    assert_eq!(
        err(&[
            ("twilio.account_sid", SID),
            ("twilio.auth_token", TOKEN),
            ("twilio.base_url", "api.twilio.com"),
        ]),
        "twilio.base_url = \"api.twilio.com\": expected an http:// or https:// URL"
    );
    assert_eq!(
        err(&[
            ("twilio.account_sid", SID),
            ("twilio.auth_token", TOKEN),
            ("webhooks.public_url", "hooks"),
        ]),
        "webhooks.public_url = \"hooks\": expected an http:// or https:// URL"
    );
}

#[test]
fn defaults_and_urls() {
    let t = twilio();
    assert_eq!(t.name(), "twilio");
    assert_eq!(
        t.messages_url(),
        format!("https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json")
    );
    assert_eq!(
        t.status_callback("a b").as_deref(),
        Some("https://hooks.example.com/air/twilio/status?id=a+b")
    );
    let bare = Twilio::from_config(&config(&[
        ("twilio.account_sid", SID),
        ("twilio.auth_token", TOKEN),
        ("twilio.base_url", "http://127.0.0.1:9/"),
    ]))
    .unwrap();
    assert_eq!(bare.status_callback("x"), None);
    assert_eq!(
        bare.messages_url(),
        format!("http://127.0.0.1:9/2010-04-01/Accounts/{SID}/Messages.json")
    );
}

#[test]
fn debug_masks_the_token() {
    let shown = format!("{:?}", twilio());
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("auth_token: \"****\""), "{shown}");
    assert!(shown.contains(SID), "{shown}");
}

#[test]
fn form_fields() {
    let t = twilio();
    let form = t.form(&record(r#"{"from":"+14155550199"}"#)).unwrap();
    assert_eq!(
        form,
        vec![
            ("To", "+14155550100".to_string()),
            ("From", "+14155550199".to_string()),
            ("Body", "Hello & welcome".to_string()),
            (
                "StatusCallback",
                "https://hooks.example.com/air/twilio/status?id=msg-1".to_string()
            ),
        ]
    );
}

#[test]
fn sender_falls_back_to_sms_from() {
    let t = Twilio::from_config(&config(&[
        ("twilio.account_sid", SID),
        ("twilio.auth_token", TOKEN),
        ("sms.from", "+14155550142"),
    ]))
    .unwrap();
    let form = t.form(&record(r#"{"from":null}"#)).unwrap();
    assert_eq!(form[1], ("From", "+14155550142".to_string()));
    assert_eq!(form.len(), 3, "no StatusCallback without a public URL");
}

#[test]
fn no_sender_is_rejected_without_a_request() {
    let mut t = twilio();
    let rec = record("{}");
    assert_eq!(
        t.send(&Outgoing {
            record: &rec,
            mime: None
        }),
        Delivery::Permanent {
            status: Status::Rejected,
            error:
                "message msg-1 has no sender: its payload names no `from` and sms.from is not set"
                    .into()
        }
    );
}

#[test]
fn created() {
    let body =
        r#"{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","num_segments":"1"}"#;
    assert_eq!(
        classify::response(201, None, body),
        Delivery::Accepted {
            status: Status::Sent,
            provider_id: Some("SM0123456789abcdef0123456789abcdef".into()),
            provider_status: Some("queued".into()),
        }
    );
}

#[test]
fn throttled() {
    assert_eq!(
        classify::response(
            429,
            Some("7"),
            r#"{"code":20429,"message":"Too Many Requests","status":429}"#
        ),
        Delivery::Transient {
            error: "twilio: HTTP 429, code 20429: Too Many Requests".into(),
            retry_after: Some(Duration::from_secs(7)),
            throttled: true,
        }
    );
    // The code alone marks throttling, whatever the status.
    assert_eq!(
        classify::response(400, None, r#"{"code":20429,"message":"Too Many Requests"}"#),
        Delivery::Transient {
            error: "twilio: HTTP 400, code 20429: Too Many Requests".into(),
            retry_after: None,
            throttled: true,
        }
    );
}

#[test]
fn server_errors_are_transient() {
    assert_eq!(
        classify::response(503, Some("bogus"), "<html>\n  down  </html>"),
        Delivery::Transient {
            error: "twilio: HTTP 503: <html> down </html>".into(),
            retry_after: None,
            throttled: false,
        }
    );
}

#[test]
fn opt_out_is_suppressed() {
    let body = r#"{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}"#;
    assert_eq!(
        classify::response(400, None, body),
        Delivery::Permanent {
            status: Status::Suppressed,
            error:
                "opt-out: twilio: HTTP 400, code 21610: Attempt to send to unsubscribed recipient"
                    .into(),
        }
    );
}

#[test]
fn other_client_errors_are_rejected() {
    for (code, message) in [
        (21211, "The 'To' number +1555 is not a valid phone number."),
        (21614, "'To' number is not a valid mobile number"),
    ] {
        let body = format!(r#"{{"code":{code},"message":"{message}","status":400}}"#);
        assert_eq!(
            classify::response(400, None, &body),
            Delivery::Permanent {
                status: Status::Rejected,
                error: format!("twilio: HTTP 400, code {code}: {message}"),
            }
        );
    }
    // Credentials refused: the account, not the message; it waits for a fix.
    assert_eq!(
        classify::response(401, None, ""),
        Delivery::Transient {
            error: "twilio: HTTP 401 (check twilio.account_sid and twilio.auth_token / AIR_TWILIO_AUTH_TOKEN)".into(),
            retry_after: None,
            throttled: false,
        }
    );
}

#[test]
fn retry_after_as_a_date() {
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(120);
    let date = later.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let wait = classify::retry_after(&date).unwrap();
    assert!(
        wait <= Duration::from_secs(120) && wait > Duration::from_secs(60),
        "{wait:?}"
    );
    assert_eq!(
        classify::retry_after("Thu, 01 Jan 1970 00:00:00 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(classify::retry_after("soon"), None);
}

#[test]
fn api_error_bodies() {
    assert_eq!(
        ApiError::parse(r#"{"code":"21211","message":"bad"}"#),
        ApiError {
            code: Some(21211),
            message: Some("bad".into())
        }
    );
    assert_eq!(ApiError::parse("not json"), ApiError::default());
}

fn io(kind: io::ErrorKind) -> ureq::Error {
    ureq::Error::Io(io::Error::from(kind))
}

#[test]
fn failures_before_the_request_are_transient() {
    for e in [
        io(io::ErrorKind::ConnectionRefused),
        io(io::ErrorKind::HostUnreachable),
        ureq::Error::HostNotFound,
        ureq::Error::ConnectionFailed,
        ureq::Error::Timeout(ureq::Timeout::Connect),
        ureq::Error::Timeout(ureq::Timeout::Resolve),
    ] {
        let shown = e.to_string();
        assert_eq!(
            classify::failure(&e, "http://x/Messages.json"),
            Delivery::Transient {
                error: format!("twilio: http://x/Messages.json: {shown} (nothing was sent)"),
                retry_after: None,
                throttled: false,
            }
        );
    }
}

#[test]
fn failures_after_the_request_are_ambiguous() {
    for e in [
        io(io::ErrorKind::ConnectionReset),
        io(io::ErrorKind::UnexpectedEof),
        io(io::ErrorKind::BrokenPipe),
        ureq::Error::Timeout(ureq::Timeout::RecvResponse),
        ureq::Error::Timeout(ureq::Timeout::RecvBody),
    ] {
        let shown = e.to_string();
        assert_eq!(
            classify::failure(&e, "u"),
            Delivery::Ambiguous {
                error: format!(
                    "twilio: u: {shown} after the request was sent; Twilio may have the message"
                ),
            }
        );
    }
}

#[test]
fn lookup_query() {
    // No DateSent filter: a message still queued at Twilio has no date_sent.
    assert_eq!(
        lookup::query("+14155550100", "+14155550199"),
        "To=%2B14155550100&From=%2B14155550199&PageSize=1000"
    );
}

#[test]
fn paging_stops_at_messages_older_than_the_record() {
    let at = |s: &str| Some(s.parse::<jiff::Timestamp>().unwrap());
    let page = |dates: &[Option<jiff::Timestamp>]| lookup::Page {
        messages: dates
            .iter()
            .map(|d| lookup::Listed {
                sid: "SM".into(),
                body: "x".into(),
                date_created: *d,
            })
            .collect(),
        next: Some("/next".into()),
    };
    // The record: 2023-11-14T22:13:20Z; the slack is five minutes.
    let created = 1_700_000_000_000;
    assert!(page(&[at("2023-11-14T22:08:00Z"), at("2023-11-01T00:00:00Z")]).all_older(created));
    assert!(!page(&[at("2023-11-14T22:09:00Z"), at("2023-11-01T00:00:00Z")]).all_older(created));
    assert!(!page(&[None]).all_older(created));
    assert!(!page(&[]).all_older(created));
}

#[test]
fn lookup_matches_body_and_time() {
    let page = Page::parse(
        r#"{"messages":[
            {"sid":"SMold","body":"Hello & welcome","date_created":"Tue, 14 Nov 2023 21:00:00 +0000"},
            {"sid":"SMother","body":"Something else","date_created":"Tue, 14 Nov 2023 22:13:21 +0000"},
            {"sid":"SMours","body":"Hello & welcome","date_created":"Tue, 14 Nov 2023 22:10:00 +0000"}
        ],"next_page_uri":null}"#,
    )
    .unwrap();
    assert_eq!(page.next, None);
    assert_eq!(
        page.messages[0],
        Listed {
            sid: "SMold".into(),
            body: "Hello & welcome".into(),
            date_created: Some("2023-11-14T21:00:00Z".parse().unwrap()),
        }
    );
    // Created at 22:13:20; 22:10:00 is within the five minutes' slack, 21:00 is not.
    assert_eq!(
        page.find("Hello & welcome", 1_700_000_000_000).as_deref(),
        Some("SMours")
    );
    assert_eq!(
        page.find("Hello & welcome", 1_700_000_000_000 + 600_000),
        None
    );
    assert_eq!(page.find("Nothing", 1_700_000_000_000), None);
    assert!(Page::parse("{}").is_err());
    assert_eq!(
        Page::parse(r#"{"messages":[],"next_page_uri":"/2010-04-01/x?Page=1"}"#)
            .unwrap()
            .next
            .as_deref(),
        Some("/2010-04-01/x?Page=1")
    );
    assert_eq!(
        Page::parse(
            r#"{"messages":[],"next_page_uri":"https://api.twilio.com/2010-04-01/x?Page=1"}"#
        )
        .unwrap()
        .next
        .as_deref(),
        Some("/2010-04-01/x?Page=1")
    );
    assert_eq!(lookup::path_of("ftp://x/y"), None);
    assert_eq!(lookup::path_of("https://host-only"), None);
}
