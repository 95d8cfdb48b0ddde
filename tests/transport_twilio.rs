//! The `twilio` transport against the in-process Twilio fake: every way an
//! answer is sorted, the exact request, reconciliation by lookup, and the
//! auth token kept out of every error. Then the request shapes once more
//! through Prism serving Twilio's own OpenAPI file, as a contract check.

mod support;

use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use airscript::messaging::config::{Config, Source};
use airscript::messaging::status::Status;
use airscript::messaging::store::Record;
use airscript::messaging::transport::twilio::Twilio;
use airscript::messaging::transport::{Delivery, Outgoing, Reconciled, Transport};
use airscript::session::Channel;
use base64::Engine as _;
use support::twilio_fake::{self, Behaviour, TwilioFake, ACCOUNT_SID, AUTH_TOKEN};

const TO: &str = "+14155550100";
const FROM: &str = "+14155550199";
const PUBLIC: &str = "https://hooks.example.com/air";

fn config(base_url: &str, token: &str, public_url: Option<&str>) -> Config {
    let mut c = Config::defaults();
    c.set("twilio.account_sid", ACCOUNT_SID, Source::Default);
    c.set("twilio.auth_token", token, Source::Default);
    c.set("twilio.base_url", base_url, Source::Default);
    if let Some(p) = public_url {
        c.set("webhooks.public_url", p, Source::Default);
    }
    c
}

fn twilio(fake: &TwilioFake) -> Twilio {
    Twilio::from_config(&config(&fake.url(), AUTH_TOKEN, Some(PUBLIC))).unwrap()
}

fn record(id: &str, body: &str) -> Record {
    Record {
        id: id.into(),
        idempotency_key: format!("key-{id}"),
        run_id: "run".into(),
        channel: Channel::Sms,
        recipient: TO.into(),
        subject: None,
        body: body.into(),
        payload: serde_json::json!({"channel": "sms", "to": TO, "from": FROM, "body": body})
            .to_string(),
        mime_size: None,
        status: Status::Sending,
        reason: None,
        provider: None,
        provider_status: None,
        provider_id: None,
        attempts: 0,
        due_at: 0,
        created_at: jiff::Timestamp::now().as_millisecond(),
        updated_at: 0,
        mode: "published".into(),
    }
}

fn send(t: &mut Twilio, r: &Record) -> Delivery {
    t.send(&Outgoing {
        record: r,
        mime: None,
    })
}

fn basic(sid: &str, token: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{sid}:{token}"))
    )
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    support::tools::free_port()
}

#[test]
fn created_sends_the_exact_form_with_basic_auth() {
    let fake = TwilioFake::start();
    let mut t = twilio(&fake);
    let r = record("msg-created", "Your code is 1234 & it expires soon");
    let d = send(&mut t, &r);
    let kept = fake.messages();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        d,
        Delivery::Accepted {
            status: Status::Sent,
            provider_id: Some(kept[0].sid.clone()),
            provider_status: Some("queued".into()),
        }
    );
    assert!(kept[0].sid.starts_with("SM") && kept[0].sid.len() == 34);
    let posts = fake.posts();
    assert_eq!(posts.len(), 1);
    let p = &posts[0];
    assert_eq!(
        p.path,
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json")
    );
    assert_eq!(
        p.form,
        vec![
            ("To".to_string(), TO.to_string()),
            ("From".to_string(), FROM.to_string()),
            (
                "Body".to_string(),
                "Your code is 1234 & it expires soon".to_string()
            ),
            (
                "StatusCallback".to_string(),
                format!("{PUBLIC}/twilio/status?id=msg-created")
            ),
        ]
    );
    assert_eq!(
        p.header("authorization"),
        Some(basic(ACCOUNT_SID, AUTH_TOKEN).as_str())
    );
    assert_eq!(
        p.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(kept[0].to, TO);
    assert_eq!(kept[0].from, FROM);
    assert_eq!(kept[0].body, "Your code is 1234 & it expires soon");
    assert_eq!(
        kept[0].status_callback.as_deref(),
        Some("https://hooks.example.com/air/twilio/status?id=msg-created")
    );
}

#[test]
fn no_status_callback_without_a_public_url() {
    let fake = TwilioFake::start();
    let mut t = Twilio::from_config(&config(&fake.url(), AUTH_TOKEN, None)).unwrap();
    let d = send(&mut t, &record("msg-plain", "hi"));
    assert!(matches!(d, Delivery::Accepted { .. }), "{d:?}");
    assert_eq!(fake.posts()[0].field_names(), ["To", "From", "Body"]);
}

#[test]
fn too_many_requests_is_throttled_with_retry_after() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::TooMany(7)]);
    let mut t = twilio(&fake);
    assert_eq!(
        send(&mut t, &record("msg-429", "hi")),
        Delivery::Transient {
            error: "twilio: HTTP 429, code 20429: Too Many Requests".into(),
            retry_after: Some(Duration::from_secs(7)),
            throttled: true,
        }
    );
    assert!(fake.messages().is_empty());
}

#[test]
fn code_20429_is_throttled_whatever_the_status() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::Error(400, 20429, "Too Many Requests".into())]);
    let mut t = twilio(&fake);
    assert_eq!(
        send(&mut t, &record("msg-20429", "hi")),
        Delivery::Transient {
            error: "twilio: HTTP 400, code 20429: Too Many Requests".into(),
            retry_after: None,
            throttled: true,
        }
    );
}

#[test]
fn server_errors_are_transient() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::ServerError]);
    let mut t = twilio(&fake);
    assert_eq!(
        send(&mut t, &record("msg-500", "hi")),
        Delivery::Transient {
            error: "twilio: HTTP 500, code 20500: Internal Server Error".into(),
            retry_after: None,
            throttled: false,
        }
    );
    // The next POST is accepted: the script is used up.
    assert!(matches!(
        send(&mut t, &record("msg-500", "hi")),
        Delivery::Accepted { .. }
    ));
}

#[test]
fn an_opted_out_recipient_is_suppressed() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::Error(
        400,
        21610,
        "Attempt to send to unsubscribed recipient".into(),
    )]);
    let mut t = twilio(&fake);
    assert_eq!(
        send(&mut t, &record("msg-stop", "hi")),
        Delivery::Permanent {
            status: Status::Suppressed,
            error:
                "opt-out: twilio: HTTP 400, code 21610: Attempt to send to unsubscribed recipient"
                    .into(),
        }
    );
}

#[test]
fn invalid_numbers_and_other_client_errors_are_rejected() {
    let fake = TwilioFake::start();
    fake.script([
        Behaviour::Error(400, 21211, "Invalid 'To' Phone Number: +1415555010".into()),
        Behaviour::Error(
            400,
            21614,
            "'To' number is not a valid mobile number".into(),
        ),
        Behaviour::Error(
            403,
            20008,
            "Resource not accessible with Test Account Credentials".into(),
        ),
    ]);
    let mut t = twilio(&fake);
    let r = record("msg-bad", "hi");
    for (status, code, message) in [
        (400, 21211, "Invalid 'To' Phone Number: +1415555010"),
        (400, 21614, "'To' number is not a valid mobile number"),
        (
            403,
            20008,
            "Resource not accessible with Test Account Credentials",
        ),
    ] {
        assert_eq!(
            send(&mut t, &r),
            Delivery::Permanent {
                status: Status::Rejected,
                error: format!("twilio: HTTP {status}, code {code}: {message}"),
            }
        );
    }
}

#[test]
fn the_fake_validates_like_twilio() {
    // Not scripted: the fake's own check of a number that is not E.164.
    let fake = TwilioFake::start();
    let mut t = twilio(&fake);
    let mut r = record("msg-e164", "hi");
    r.recipient = "4155550100".into();
    assert_eq!(
        send(&mut t, &r),
        Delivery::Permanent {
            status: Status::Rejected,
            error: "twilio: HTTP 400, code 21211: Invalid 'To' Phone Number: 4155550100".into(),
        }
    );
    assert!(fake.messages().is_empty());
}

#[test]
fn wrong_credentials_wait_for_a_fix_without_showing_the_token() {
    let fake = TwilioFake::start();
    let token = "wrong-token-d41d8cd98f00b204";
    let mut t = Twilio::from_config(&config(&fake.url(), token, None)).unwrap();
    let d = send(&mut t, &record("msg-auth", "hi"));
    assert_eq!(
        d,
        Delivery::Transient {
            error: "twilio: HTTP 401, code 20003: Authenticate (check twilio.account_sid and twilio.auth_token / AIR_TWILIO_AUTH_TOKEN)".into(),
            retry_after: None,
            throttled: false,
        }
    );
    let r = record("msg-auth", "hi");
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Unknown {
            evidence: format!(
                "twilio lookup {}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?To=%2B14155550100&From=%2B14155550199&PageSize=1000: HTTP 401, code 20003: Authenticate",
                fake.url(),
            ),
        }
    );
    assert!(!format!("{d:?}{t:?}").contains(token));
}

#[test]
fn a_connection_lost_after_the_request_is_ambiguous() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::AcceptThenDrop]);
    let mut t = twilio(&fake);
    let r = record("msg-drop", "Lost in transit");
    let d = send(&mut t, &r);
    let Delivery::Ambiguous { error } = &d else {
        panic!("expected Ambiguous, got {d:?}");
    };
    assert!(
        error.starts_with(&format!(
            "twilio: {}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json: ",
            fake.url()
        )) && error.ends_with(" after the request was sent; Twilio may have the message"),
        "{error}"
    );
    // Twilio did take it, and the lookup finds it.
    let kept = fake.messages();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Sent {
            provider_id: Some(kept[0].sid.clone())
        }
    );
}

#[test]
fn a_response_that_never_comes_is_ambiguous() {
    let fake = TwilioFake::start();
    fake.script([Behaviour::Stall(Duration::from_secs(20))]);
    // The read timeout leaves a loaded machine time to hand the request to
    // the fake before the client gives up.
    let mut t = twilio(&fake).with_timeouts(Duration::from_secs(5), Duration::from_millis(1500));
    let d = send(&mut t, &record("msg-stall", "hi"));
    let Delivery::Ambiguous { error } = &d else {
        panic!("expected Ambiguous, got {d:?}");
    };
    assert!(error.contains("timeout"), "{error}");
    // The fake keeps the message before it stalls; wait for its thread.
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.messages().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(fake.messages().len(), 1);
}

#[test]
fn a_refused_connection_is_transient() {
    let port = closed_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut t = Twilio::from_config(&config(&base, AUTH_TOKEN, None)).unwrap();
    let d = send(&mut t, &record("msg-refused", "hi"));
    let Delivery::Transient {
        error,
        retry_after: None,
        throttled: false,
    } = &d
    else {
        panic!("expected Transient, got {d:?}");
    };
    assert!(
        error.starts_with(&format!(
            "twilio: {base}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json: "
        )) && error.ends_with(" (nothing was sent)"),
        "{error}"
    );
    // A lookup that cannot connect proves nothing.
    let rec = t.reconcile(&record("msg-refused", "hi"));
    let Reconciled::Unknown { evidence } = &rec else {
        panic!("expected Unknown, got {rec:?}");
    };
    assert!(
        evidence.starts_with(&format!("twilio lookup {base}/")),
        "{evidence}"
    );
}

#[test]
fn a_killed_sender_leaves_the_message_with_twilio() {
    let fake = TwilioFake::start();
    let pid = Arc::new(AtomicU32::new(0));
    fake.script([Behaviour::Created, Behaviour::KillThenDrop(pid.clone())]);
    let mut child = Command::new("sleep").arg("60").spawn().unwrap();
    pid.store(child.id(), Ordering::SeqCst);
    let mut t = twilio(&fake);
    assert!(matches!(
        send(&mut t, &record("msg-k1", "first")),
        Delivery::Accepted { .. }
    ));
    assert!(fake.kills().is_empty(), "only on the second POST");
    let second = record("msg-k2", "second");
    assert!(matches!(send(&mut t, &second), Delivery::Ambiguous { .. }));
    assert_eq!(fake.kills(), [child.id()]);
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9));
    assert_eq!(fake.messages().len(), 2);
    assert_eq!(
        t.reconcile(&second),
        Reconciled::Sent {
            provider_id: Some(fake.messages()[1].sid.clone())
        }
    );
}

#[test]
fn reconcile_finds_what_twilio_took_and_not_what_it_never_got() {
    let fake = TwilioFake::start();
    let mut t = twilio(&fake);
    let sent = record("msg-r1", "Reminder: dentist at 3pm");
    let Delivery::Accepted {
        provider_id: Some(sid),
        ..
    } = send(&mut t, &sent)
    else {
        panic!("not accepted");
    };
    assert_eq!(
        t.reconcile(&sent),
        Reconciled::Sent {
            provider_id: Some(sid.clone())
        }
    );
    let lookup = fake.requests().pop().unwrap();
    assert_eq!(lookup.method, "GET");
    assert_eq!(
        lookup.path,
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json")
    );
    assert_eq!(
        lookup.query,
        vec![
            ("To".to_string(), TO.to_string()),
            ("From".to_string(), FROM.to_string()),
            ("PageSize".to_string(), "1000".to_string()),
        ]
    );
    assert_eq!(
        lookup.header("authorization"),
        Some(basic(ACCOUNT_SID, AUTH_TOKEN).as_str())
    );
    // Never handed over: same number and sender, another body.
    assert_eq!(
        t.reconcile(&record("msg-r2", "Reminder: dentist at 4pm")),
        Reconciled::NotSent
    );
}

#[test]
fn reconcile_ignores_an_older_message_with_the_same_body() {
    let fake = TwilioFake::start();
    let r = record("msg-old", "Your table is ready");
    let an_hour_before = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    fake.insert(TO, FROM, "Your table is ready", an_hour_before);
    let mut t = twilio(&fake);
    assert_eq!(t.reconcile(&r), Reconciled::NotSent);
    // Four minutes before is within the slack for clock differences.
    let sid = fake.insert(
        TO,
        FROM,
        "Your table is ready",
        jiff::Timestamp::now() - jiff::SignedDuration::from_mins(4),
    );
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Sent {
            provider_id: Some(sid)
        }
    );
}

#[test]
fn reconcile_uses_a_known_sid_first() {
    let fake = TwilioFake::start();
    let sid = fake.insert(TO, FROM, "known", jiff::Timestamp::now());
    let mut r = record("msg-known", "known");
    r.provider_id = Some(sid.clone());
    let mut t = twilio(&fake);
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Sent {
            provider_id: Some(sid.clone())
        }
    );
    assert_eq!(
        fake.requests()[0].path,
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json")
    );
}

#[test]
fn reconcile_follows_the_pages() {
    let fake = TwilioFake::start();
    let mut t = twilio(&fake);
    let r = record("msg-paged", "the one");
    let Delivery::Accepted {
        provider_id: Some(sid),
        ..
    } = send(&mut t, &r)
    else {
        panic!("not accepted");
    };
    // 1000 newer messages push ours onto the second page.
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    for i in 0..1000 {
        fake.insert(TO, FROM, &format!("other {i}"), later);
    }
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Sent {
            provider_id: Some(sid)
        }
    );
    let pages: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|q| q.method == "GET")
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(
        pages[1]
            .query
            .iter()
            .find(|(k, _)| k == "Page")
            .map(|(_, v)| v.as_str()),
        Some("1")
    );
}

#[test]
fn the_token_appears_in_no_error_and_no_debug() {
    let token = "secret-token-0f9e8d7c6b5a4938";
    let fake = TwilioFake::with_credentials(ACCOUNT_SID, token);
    fake.script([
        Behaviour::TooMany(1),
        Behaviour::ServerError,
        Behaviour::Error(
            400,
            21610,
            "Attempt to send to unsubscribed recipient".into(),
        ),
        Behaviour::Error(400, 21211, format!("echoing {token}")),
        Behaviour::AcceptThenDrop,
    ]);
    let mut t = Twilio::from_config(&config(&fake.url(), token, Some(PUBLIC))).unwrap();
    let r = record("msg-secret", "hi");
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push(format!("{:?}", send(&mut t, &r)));
    }
    seen.push(format!("{:?}", t.reconcile(&r)));
    let mut down = Twilio::from_config(&config(
        &format!("http://127.0.0.1:{}", closed_port()),
        token,
        None,
    ))
    .unwrap();
    seen.push(format!("{:?}", send(&mut down, &r)));
    seen.push(format!("{:?}", down.reconcile(&r)));
    seen.push(format!("{t:?} {down:?}"));
    let mut bad = config(&fake.url(), token, None);
    bad.set("twilio.account_sid", "ACnope", Source::Default);
    seen.push(Twilio::from_config(&bad).unwrap_err());
    for s in &seen {
        assert!(!s.contains(token), "the token leaked: {s}");
    }
    // The echoed token was masked, not dropped silently.
    assert!(seen[3].contains("echoing ****"), "{}", seen[3]);
}

#[test]
fn signature_matches_twilios_published_vector() {
    let params = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ];
    assert_eq!(
        twilio_fake::signature(
            "12345",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            &params
        ),
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    );
}

#[test]
fn the_fake_posts_signed_status_callbacks() {
    let fake = TwilioFake::start();
    // A second fake records whatever reaches it: here, the callback.
    let receiver = TwilioFake::start();
    let mut t = twilio(&fake);
    let Delivery::Accepted {
        provider_id: Some(sid),
        ..
    } = send(&mut t, &record("msg-cb", "hi"))
    else {
        panic!("not accepted");
    };
    let url = format!("{}/twilio/status?id=msg-cb", receiver.url());
    assert_eq!(fake.callback(&sid, "undelivered", &url), Ok(401));
    let got = &receiver.requests()[0];
    assert_eq!(got.method, "POST");
    assert_eq!(got.path, "/twilio/status");
    let expected: Vec<(String, String)> = [
        ("AccountSid", ACCOUNT_SID),
        ("ApiVersion", "2010-04-01"),
        ("ErrorCode", "30003"),
        ("From", FROM),
        ("MessageSid", sid.as_str()),
        ("MessageStatus", "undelivered"),
        ("SmsSid", sid.as_str()),
        ("SmsStatus", "undelivered"),
        ("To", TO),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(got.form, expected);
    assert_eq!(
        got.header("x-twilio-signature"),
        Some(twilio_fake::signature(AUTH_TOKEN, &url, &expected).as_str())
    );
    assert_eq!(fake.message(&sid).unwrap().status, "undelivered");
    assert_eq!(fake.message(&sid).unwrap().error_code, Some(30003));
}

// ---- the same requests through Prism ----------------------------------

/// Prism in proxy mode in front of one fake, started once per test binary.
/// It runs under `sh`, which stops it when this process's end of the pipe
/// closes, so no Prism outlives the tests.
struct Prism {
    fake: TwilioFake,
    port: u16,
    log: std::path::PathBuf,
    _child: Child,
    _stdin: ChildStdin,
}

fn prism() -> &'static Prism {
    static PRISM: OnceLock<Prism> = OnceLock::new();
    PRISM.get_or_init(|| {
        let bin = support::tools::prism();
        let fake = TwilioFake::start();
        let port = support::tools::free_port();
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/twilio_api_v2010.json");
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{port}.log"));
        let script = r#""$0" proxy -h 127.0.0.1 -p "$1" --errors "$2" "$3" >"$4" 2>&1 &
p=$!
cat >/dev/null
kill "$p""#;
        let mut child = Command::new("sh")
            .args(["-c", script])
            .arg(&bin)
            .arg(port.to_string())
            .arg(&spec)
            .arg(fake.url())
            .arg(&log)
            .stdin(Stdio::piped())
            .spawn()
            .expect("start prism");
        let stdin = child.stdin.take().expect("prism's stdin");
        let start = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "prism not ready after 60 s:\n{text}"
            );
            if let Ok(Some(status)) = child.try_wait() {
                panic!("prism exited ({status}):\n{text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Prism {
            fake,
            port,
            log,
            _child: child,
            _stdin: stdin,
        }
    })
}

impl Prism {
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn twilio(&self) -> Twilio {
        Twilio::from_config(&config(&self.url(), AUTH_TOKEN, Some(PUBLIC))).unwrap()
    }
}

/// A body no other test sends, to find this test's traffic in the shared fake.
fn unique(what: &str) -> String {
    format!("{what} {}", uuid::Uuid::now_v7().simple())
}

#[test]
fn prism_passes_a_created_send() {
    let p = prism();
    let body = unique("Prism create");
    let r = record("msg-prism-create", &body);
    let d = send(&mut p.twilio(), &r);
    let kept: Vec<_> = p
        .fake
        .messages()
        .into_iter()
        .filter(|m| m.body == body)
        .collect();
    assert_eq!(kept.len(), 1, "prism log:\n{}", p.log_text());
    assert_eq!(
        d,
        Delivery::Accepted {
            status: Status::Sent,
            provider_id: Some(kept[0].sid.clone()),
            provider_status: Some("queued".into()),
        },
        "prism log:\n{}",
        p.log_text()
    );
    let post = p
        .fake
        .posts()
        .into_iter()
        .find(|q| q.field("Body") == Some(body.as_str()))
        .unwrap();
    assert_eq!(post.field_names(), ["To", "From", "Body", "StatusCallback"]);
}

#[test]
fn prism_passes_a_lookup() {
    let p = prism();
    let body = unique("Prism lookup");
    let r = record("msg-prism-lookup", &body);
    let mut t = p.twilio();
    let Delivery::Accepted {
        provider_id: Some(sid),
        ..
    } = send(&mut t, &r)
    else {
        panic!("not accepted; prism log:\n{}", p.log_text());
    };
    assert_eq!(
        t.reconcile(&r),
        Reconciled::Sent {
            provider_id: Some(sid)
        },
        "prism log:\n{}",
        p.log_text()
    );
    assert_eq!(
        t.reconcile(&record("msg-prism-never", &unique("never sent"))),
        Reconciled::NotSent,
        "prism log:\n{}",
        p.log_text()
    );
}

#[test]
fn prism_refuses_a_request_without_to() {
    let p = prism();
    let body = unique("Prism refuses");
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("From", FROM)
        .append_pair("Body", &body)
        .finish();
    let mut resp = agent
        .post(format!(
            "{}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json",
            p.url()
        ))
        .header("Authorization", basic(ACCOUNT_SID, AUTH_TOKEN))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(form.as_str())
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("must have required property 'To'"), "{text}");
    assert!(
        !p.fake
            .requests()
            .iter()
            .any(|q| q.field("Body") == Some(body.as_str())),
        "prism forwarded an invalid request"
    );
}
