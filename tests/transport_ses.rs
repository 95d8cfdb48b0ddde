//! The `ses` transport: against moto in server mode (a real SES v2 stand-in
//! on 127.0.0.1, tests/support/moto.rs), with messages built by the real
//! outbox path; and against a tiny local HTTP responder with canned SES
//! answers (throttling, paused accounts, rejections, lost answers) that
//! moto cannot produce, which also records each request as it arrived.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use airscript::messaging::config::{Config, Source};
use airscript::messaging::status::Status;
use airscript::messaging::transport::ses::{Ses, MESSAGE_ID_TAG};
use airscript::messaging::transport::{Delivery, Reconciled, Transport};
use base64::Engine as _;
use support::moto::{Moto, ACCESS_KEY_ID, SECRET_ACCESS_KEY};
use support::stored::Stored;

fn stored(script: &str) -> Stored {
    support::stored::stored(script, "ses")
}

/// Two To (one with a non-ASCII name), a Cc, a Bcc that repeats a To, a
/// Bcc, a non-ASCII subject, text and HTML, and an attachment.
const FULL: &str = r#"SEND_EMAIL({
    to: "Ada Lovelace <ada@example.com>, Jürgen Groß <juergen@example.de>",
    cc: "Bob <bob@example.com>",
    bcc: "ada@example.com, audit@example.com",
    subject: "Your order №42 — shipped ✓",
    body: "Hello Ada,\nyour order is on its way.\n",
    html: "<p>Hello Ada,<br>your order is on its way.</p>",
    attachments: [{uri: "./tests/data/transport/bytes.bin"}]
})"#;

const SIMPLE: &str = r#"SEND_EMAIL({to: "ada@example.com", subject: "Hi", body: "Hello"})"#;

fn config(endpoint: &str, extra: &[(&'static str, &str)]) -> Config {
    let mut cfg = Config::defaults();
    cfg.set("ses.region", "us-east-1", Source::Env("AIR_SES_REGION"));
    cfg.set("ses.endpoint", endpoint, Source::Env("AIR_SES_ENDPOINT"));
    cfg.set(
        "ses.access_key_id",
        ACCESS_KEY_ID,
        Source::Env("AWS_ACCESS_KEY_ID"),
    );
    cfg.set(
        "ses.secret_access_key",
        SECRET_ACCESS_KEY,
        Source::Env("AWS_SECRET_ACCESS_KEY"),
    );
    for (k, v) in extra {
        cfg.set(k, v, Source::Default);
    }
    cfg
}

fn ses(cfg: &Config) -> Ses {
    Ses::from_config(cfg).unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------- moto

#[test]
fn moto_receives_the_stored_mime_unchanged() {
    let moto = Moto::start();
    moto.verify_identity("example.com");
    let msg = stored(FULL);
    let mut t = ses(&moto.config(&[]));
    let delivery = t.send(&msg.outgoing());

    let raw = moto.raw_messages();
    assert_eq!(raw.len(), 1, "{raw:?}");
    let sent = &raw[0];
    let id = sent["id"].as_str().expect("moto's message id").to_string();
    assert_eq!(
        delivery,
        Delivery::Accepted {
            status: Status::Sent,
            provider_id: Some(id),
            provider_status: Some("200 accepted by SES".into()),
        }
    );
    assert_eq!(
        sent["raw_data"].as_str(),
        Some(String::from_utf8(msg.mime.clone()).unwrap().as_str()),
        "SES got the exact stored MIME"
    );
    assert_eq!(sent["source"], "shop@example.com");
    // moto lists our destinations (to, cc, bcc, each once), then adds
    // every To and Cc address of the headers again.
    assert_eq!(
        sent["destinations"],
        serde_json::json!([
            "ada@example.com",
            "juergen@example.de",
            "bob@example.com",
            "audit@example.com",
            "Ada Lovelace <ada@example.com>",
            "=?utf-8?b?SsO8cmdlbiBHcm/Dnw==?= <juergen@example.de>",
            "Bob <bob@example.com>"
        ])
    );
}

#[test]
fn moto_refuses_an_unverified_sender_for_good() {
    let moto = Moto::start();
    let msg = stored(SIMPLE);
    let mut t = ses(&moto.config(&[]));
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Permanent {
            status: Status::Rejected,
            error: "SES rejected the message: MessageRejected: Did not have authority to send from email shop@example.com (HTTP 400)".into(),
        }
    );
    assert!(moto.raw_messages().is_empty());
}

// ------------------------------------------------- a canned responder

/// One request as the responder read it.
#[derive(Clone, Debug)]
struct Request {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// What the responder does with one connection.
enum Answer {
    /// Reads the request and writes this response.
    Respond(String),
    /// Reads the request and closes the connection without a word.
    Hang,
}

fn response(status: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut text = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    Answer::Respond(text)
}

/// A local HTTP server that answers each connection in turn with the next
/// canned answer, then stops; it records the requests.
struct Responder {
    port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    thread: Option<JoinHandle<()>>,
}

impl Responder {
    fn start(answers: Vec<Answer>) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let thread = std::thread::spawn(move || {
            for answer in answers {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut headers = Vec::new();
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    let h = h.trim_end();
                    if h.is_empty() {
                        break;
                    }
                    let (k, v) = h.split_once(':').unwrap();
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
                let length = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .map_or(0, |(_, v)| v.parse::<usize>().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                seen.lock().unwrap().push(Request {
                    line: line.trim_end().to_string(),
                    headers,
                    body,
                });
                let mut stream = reader.into_inner();
                match answer {
                    Answer::Respond(text) => {
                        stream.write_all(text.as_bytes()).unwrap();
                    }
                    Answer::Hang => {}
                }
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        });
        Responder {
            port,
            requests,
            thread: Some(thread),
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits for the answers to run out and returns the requests.
    fn finish(mut self) -> Vec<Request> {
        if let Some(t) = self.thread.take() {
            t.join().expect("the responder thread");
        }
        self.requests.lock().unwrap().clone()
    }
}

/// Sends one stored message through a responder that gives `answer`.
fn outcome(answer: Answer) -> (Delivery, Vec<Request>) {
    let server = Responder::start(vec![answer]);
    let msg = stored(SIMPLE);
    let mut t = ses(&config(&server.endpoint(), &[]));
    let d = t.send(&msg.outgoing());
    (d, server.finish())
}

#[test]
fn the_request_is_signed_json_with_the_raw_mime_and_the_tag() {
    let server = Responder::start(vec![response(
        "200 OK",
        &[],
        r#"{"MessageId":"0100019a-ses-id"}"#,
    )]);
    let msg = stored(FULL);
    let mut t = ses(&config(
        &server.endpoint(),
        &[("ses.configuration_set", "air-events")],
    ));
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Accepted {
            status: Status::Sent,
            provider_id: Some("0100019a-ses-id".into()),
            provider_status: Some("200 accepted by SES".into()),
        }
    );
    let requests = server.finish();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.line, "POST /v2/email/outbound-emails HTTP/1.1");
    assert_eq!(r.header("content-type"), Some("application/json"));
    let date = r.header("x-amz-date").expect("x-amz-date");
    assert_eq!(date.len(), 16, "{date}");
    let authorization = r.header("authorization").expect("authorization");
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/{}/us-east-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=",
        &date[..8]
    );
    assert!(authorization.starts_with(&prefix), "{authorization}");
    let signature = &authorization[prefix.len()..];
    assert!(
        signature.len() == 64 && signature.bytes().all(|b| b.is_ascii_hexdigit()),
        "{signature}"
    );
    assert!(!authorization.contains(SECRET_ACCESS_KEY));

    let data = base64::engine::general_purpose::STANDARD.encode(&msg.mime);
    assert_eq!(
        r.json(),
        serde_json::json!({
            "FromEmailAddress": "shop@example.com",
            "Destination": {
                "ToAddresses": ["ada@example.com", "juergen@example.de"],
                "CcAddresses": ["bob@example.com"],
                "BccAddresses": ["audit@example.com"],
            },
            "Content": {"Raw": {"Data": data}},
            "EmailTags": [{"Name": "air-message-id", "Value": msg.record.id}],
            "ConfigurationSetName": "air-events",
        })
    );
    assert_eq!(MESSAGE_ID_TAG, "air-message-id");
}

#[test]
fn a_session_token_is_signed_and_sent() {
    let server = Responder::start(vec![response("200 OK", &[], r#"{"MessageId":"m"}"#)]);
    let msg = stored(SIMPLE);
    let mut t = ses(&config(
        &server.endpoint(),
        &[("ses.session_token", "FQoGZXIvYXdzEXAMPLETOKEN")],
    ));
    assert!(matches!(t.send(&msg.outgoing()), Delivery::Accepted { .. }));
    let r = &server.finish()[0];
    assert_eq!(
        r.header("x-amz-security-token"),
        Some("FQoGZXIvYXdzEXAMPLETOKEN")
    );
    assert!(r
        .header("authorization")
        .unwrap()
        .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "));
    assert!(r.json().get("ConfigurationSetName").is_none());
}

#[test]
fn a_429_is_throttling_with_its_retry_after() {
    let (d, _) = outcome(response(
        "429 Too Many Requests",
        &[
            ("retry-after", "3"),
            ("x-amzn-ErrorType", "TooManyRequestsException:"),
        ],
        r#"{"message":"Maximum sending rate exceeded."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "SES is throttling: TooManyRequestsException: Maximum sending rate exceeded. (HTTP 429)".into(),
            retry_after: Some(Duration::from_secs(3)),
            throttled: true,
        }
    );
}

#[test]
fn a_limit_exceeded_body_is_throttling() {
    let (d, _) = outcome(response(
        "400 Bad Request",
        &[],
        r#"{"__type":"LimitExceededException","message":"Daily message quota exceeded."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "SES is throttling: LimitExceededException: Daily message quota exceeded. (HTTP 400)".into(),
            retry_after: None,
            throttled: true,
        }
    );
}

#[test]
fn a_paused_or_suspended_account_is_transient_and_says_so() {
    let (d, _) = outcome(response(
        "400 Bad Request",
        &[(
            "x-amzn-ErrorType",
            "SendingPausedException:http://internal.amazon.com/coral/com.amazon.ses/",
        )],
        r#"{"message":"Sending is paused for this account."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "sending is paused for this SES account or configuration set, so nothing can be sent until it is resumed: SendingPausedException: Sending is paused for this account. (HTTP 400)".into(),
            retry_after: None,
            throttled: false,
        }
    );
    let (d, _) = outcome(response(
        "400 Bad Request",
        &[("x-amzn-ErrorType", "AccountSuspendedException")],
        r#"{"message":"Account suspended."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "SES has suspended this account's sending, so nothing can be sent until AWS reinstates it: AccountSuspendedException: Account suspended. (HTTP 400)".into(),
            retry_after: None,
            throttled: false,
        }
    );
}

#[test]
fn rejections_are_permanent() {
    for code in [
        "MessageRejected",
        "MailFromDomainNotVerifiedException",
        "BadRequestException",
    ] {
        let (d, _) = outcome(response(
            "400 Bad Request",
            &[("x-amzn-ErrorType", code)],
            r#"{"message":"No."}"#,
        ));
        assert_eq!(
            d,
            Delivery::Permanent {
                status: Status::Rejected,
                error: format!("SES rejected the message: {code}: No. (HTTP 400)"),
            }
        );
    }
}

#[test]
fn a_5xx_is_transient() {
    let (d, _) = outcome(response(
        "503 Service Unavailable",
        &[],
        r#"{"message":"Service is unavailable."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "SES failed for now: HTTP 503: Service is unavailable.".into(),
            retry_after: None,
            throttled: false,
        }
    );
}

#[test]
fn an_answer_lost_after_the_request_is_ambiguous() {
    let (d, requests) = outcome(Answer::Hang);
    assert_eq!(requests.len(), 1, "the request arrived whole");
    let Delivery::Ambiguous { error } = d else {
        panic!("expected an ambiguous outcome, got {d:?}");
    };
    assert!(
        error.starts_with("the request to SES at http://127.0.0.1:"),
        "{error}"
    );
    assert!(
        error.ends_with("): SES may have accepted the message"),
        "{error}"
    );
}

#[test]
fn a_server_that_is_down_is_transient() {
    let port = support::tools::free_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let msg = stored(SIMPLE);
    let mut t = ses(&config(&endpoint, &[]));
    let Delivery::Transient {
        error,
        retry_after: None,
        throttled: false,
    } = t.send(&msg.outgoing())
    else {
        panic!("expected a transient failure");
    };
    assert!(
        error.starts_with(&format!("could not reach SES at {endpoint}: ")),
        "{error}"
    );
}

#[test]
fn reconcile_cannot_tell_and_names_the_tag() {
    let msg = stored(SIMPLE);
    let mut t = ses(&config("https://email.us-east-1.amazonaws.com", &[]));
    assert_eq!(
        t.reconcile(&msg.record),
        Reconciled::Unknown {
            evidence: format!(
                "SES has no way to look a message up: message {id} (Message-ID {mid}, email tag air-message-id={id}) may or may not have been accepted by SES at https://email.us-east-1.amazonaws.com (us-east-1); its Send or Delivery event, if SES publishes events, carries that tag",
                id = msg.record.id,
                mid = msg.message_id()
            )
        }
    );
}

#[test]
fn configuration_errors_name_the_key_and_hide_the_secret() {
    let e = Ses::from_config(&Config::defaults()).unwrap_err();
    assert_eq!(
        e,
        "ses.region is not set (AIR_SES_REGION): the ses transport needs it"
    );
    let mut cfg = Config::defaults();
    cfg.set("ses.region", "us-east-1", Source::Default);
    assert_eq!(
        Ses::from_config(&cfg).unwrap_err(),
        "ses.access_key_id is not set (AWS_ACCESS_KEY_ID): the ses transport needs it"
    );
    cfg.set("ses.access_key_id", ACCESS_KEY_ID, Source::Default);
    assert_eq!(
        Ses::from_config(&cfg).unwrap_err(),
        "ses.secret_access_key is not set (AWS_SECRET_ACCESS_KEY): the ses transport needs it"
    );
    cfg.set("ses.secret_access_key", SECRET_ACCESS_KEY, Source::Default);
    cfg.set("ses.session_token", "TOKEN-XYZ", Source::Default);
    let t = Ses::from_config(&cfg).unwrap();
    assert_eq!(t.endpoint(), "https://email.us-east-1.amazonaws.com");
    let debug = format!("{t:?}");
    assert!(debug.contains(ACCESS_KEY_ID), "{debug}");
    assert!(
        !debug.contains(SECRET_ACCESS_KEY) && !debug.contains("TOKEN-XYZ"),
        "{debug}"
    );
    cfg.set("ses.endpoint", "http://ses.example.com", Source::Default);
    assert_eq!(
        Ses::from_config(&cfg).unwrap_err(),
        "ses.endpoint = \"http://ses.example.com\": http:// is only for a server on this machine; use https://"
    );
    cfg.set("ses.region", "US East", Source::Default);
    assert_eq!(
        Ses::from_config(&cfg).unwrap_err(),
        "ses.region = \"US East\": expected a region name such as us-east-1"
    );
}

#[test]
fn errors_never_hold_the_secret() {
    let port = support::tools::free_port();
    let msg = stored(SIMPLE);
    let mut texts = Vec::new();
    let mut t = ses(&config(&format!("http://127.0.0.1:{port}"), &[]));
    texts.push(format!("{:?}", t.send(&msg.outgoing())));
    texts.push(format!("{:?}", t.reconcile(&msg.record)));
    let (d, _) = outcome(response(
        "403 Forbidden",
        &[("x-amzn-ErrorType", "InvalidSignatureException")],
        r#"{"message":"The request signature we calculated does not match the signature you provided."}"#,
    ));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "SES refused the credentials or the permission to send: InvalidSignatureException: The request signature we calculated does not match the signature you provided. (HTTP 403); check ses.access_key_id, ses.secret_access_key and ses.region".into(),
            retry_after: None,
            throttled: false,
        }
    );
    texts.push(format!("{d:?}"));
    for text in texts {
        assert!(!text.contains(SECRET_ACCESS_KEY), "{text}");
    }
}
