//! `air webhooks serve` end to end: the real binary in a fresh directory,
//! with an outbox that `air run` filled, receiving signed (and badly
//! signed) Twilio callbacks, inbound texts and SNS notifications over
//! 127.0.0.1; the outbox is then read through the store API and the `air`
//! commands. One test runs the server in-process through the library.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

use airscript::messaging::status::Status;
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::messaging::store::{Event, List, ListEntry, Record, Store};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Value};
use support::dir::Dir;
use support::tools::{free_port, Server};

const TOKEN: &str = "tw-auth-7Q2x9-not-for-logs";
const KEY: &[u8] = include_bytes!("data/sns/key.pk8");
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:air-ses-events";
const CERT_URL: &str = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";

impl Dir {
    /// Runs a script of `SEND_…(…).id` lines; returns the ids in order.
    fn send(&self, script: &str) -> Vec<String> {
        let path = self.0.join("send.air");
        std::fs::write(&path, script).unwrap();
        self.ok(&["run", "--fresh", path.to_str().unwrap()])
            .lines()
            .map(|l| l.trim_matches('"').to_string())
            .collect()
    }

    fn store(&self) -> SqliteStore {
        SqliteStore::open(&self.0.join(".air/outbox.db")).unwrap()
    }
}

fn cert_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sns/cert.pem")
        .display()
        .to_string()
}

const LATER: &str = "DATETIME(DATE(2099, 1, 1), TIME(15, 0, 0), \"UTC\")";

/// `air webhooks serve` on a free port, with the test token and certificate
/// (and `env` on top).
fn serve(d: &Dir, env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut cmd = d.command(&["webhooks", "serve", "--listen", &listen]);
    cmd.env("AIR_TWILIO_AUTH_TOKEN", TOKEN)
        .env("AIR_SNS_CERTIFICATE", cert_path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    Server::start(cmd, port, d.0.join(format!("webhooks-{port}.log")))
}

fn base(s: &Server) -> String {
    format!("http://127.0.0.1:{}", s.port)
}

struct Reply {
    code: u16,
    content_type: String,
    body: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let reply = Reply {
        code: r.status().as_u16(),
        content_type,
        body: r.body_mut().read_to_string().unwrap(),
    };
    assert!(!reply.body.contains(TOKEN), "{}", reply.body);
    reply
}

/// Twilio's signature, computed here independently of the server's code.
fn twilio_signature(token: &str, url: &str, params: &[(&str, &str)]) -> String {
    let mut sorted = params.to_vec();
    sorted.sort();
    let mut text = url.to_string();
    for (k, v) in sorted {
        text.push_str(k);
        text.push_str(v);
    }
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, token.as_bytes());
    STANDARD.encode(ring::hmac::sign(&key, text.as_bytes()).as_ref())
}

/// POSTs `params` to `url` (signed as `signed_url` with `token`, if any).
fn post_form(url: &str, params: &[(&str, &str)], signature: Option<String>) -> Reply {
    let mut req = agent().post(url);
    if let Some(sig) = signature {
        req = req.header("X-Twilio-Signature", sig);
    }
    reply(req.send_form(params.iter().copied()).unwrap())
}

fn twilio(url: &str, params: &[(&str, &str)]) -> Reply {
    post_form(url, params, Some(twilio_signature(TOKEN, url, params)))
}

/// An SNS body signed with SignatureVersion 2 by the test key.
fn sns_body(fields: &[(&str, &str)]) -> Value {
    let mut v = json!({
        "TopicArn": TOPIC,
        "Timestamp": "2026-11-22T10:00:02.000Z",
        "SignatureVersion": "2",
        "SigningCertURL": CERT_URL,
    });
    for (k, val) in fields {
        v[*k] = json!(val);
    }
    let order: &[&str] = if v["Type"] == "Notification" {
        &[
            "Message",
            "MessageId",
            "Subject",
            "Timestamp",
            "TopicArn",
            "Type",
        ]
    } else {
        &[
            "Message",
            "MessageId",
            "SubscribeURL",
            "Timestamp",
            "Token",
            "TopicArn",
            "Type",
        ]
    };
    let mut text = String::new();
    for k in order {
        if let Some(s) = v.get(*k).and_then(Value::as_str) {
            text.push_str(&format!("{k}\n{s}\n"));
        }
    }
    let key = RsaKeyPair::from_pkcs8(KEY).unwrap();
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        text.as_bytes(),
        &mut sig,
    )
    .unwrap();
    v["Signature"] = json!(STANDARD.encode(sig));
    v
}

/// An SES event as SNS carries it.
fn notification(id: &str, event: Value) -> Value {
    sns_body(&[
        ("Type", "Notification"),
        ("MessageId", id),
        ("Message", &event.to_string()),
    ])
}

fn ses_event(kind: &str, mail: Value, extra: Value) -> Value {
    let mut v = json!({"eventType": kind, "mail": mail});
    if let (Some(o), Value::Object(more)) = (v.as_object_mut(), extra) {
        o.extend(more);
    }
    v
}

fn post_sns(s: &Server, body: &Value) -> Reply {
    reply(
        agent()
            .post(format!("{}/ses/sns", base(s)))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .header(
                "x-amz-sns-message-type",
                body["Type"].as_str().unwrap_or(""),
            )
            .send(body.to_string())
            .unwrap(),
    )
}

/// Everything a request could change, to show that a refused one changed nothing.
type Snapshot = (
    Vec<(Record, Vec<Event>)>,
    Vec<ListEntry>,
    Vec<ListEntry>,
    usize,
);

fn snapshot(d: &Dir, ids: &[String]) -> Snapshot {
    let mut s = d.store();
    (
        ids.iter()
            .map(|id| (s.get(id).unwrap().unwrap(), s.events(id).unwrap()))
            .collect(),
        s.list_entries(List::OptOut).unwrap(),
        s.list_entries(List::Suppression).unwrap(),
        s.inbound(1000).unwrap().len(),
    )
}

/// The status, provider status and detail of each event after the first `skip`.
fn events(d: &Dir, id: &str, skip: usize) -> Vec<(Status, Option<String>, Option<String>)> {
    d.store().events(id).unwrap()[skip..]
        .iter()
        .map(|e| (e.status, e.provider_status.clone(), e.detail.clone()))
        .collect()
}

fn ev(status: Status, ps: &str, detail: Option<&str>) -> (Status, Option<String>, Option<String>) {
    (status, Some(ps.to_string()), detail.map(str::to_string))
}

fn assert_no_token_in_log(s: &Server) {
    let log = s.log_text();
    assert!(!log.contains(TOKEN), "{log}");
    assert!(log.contains("air webhooks: listening on"), "{log}");
}

#[test]
fn twilio_status_callbacks_move_forward_only_and_bad_signatures_change_nothing() {
    let d = Dir::new("webhooks", "status");
    let ids = d.send(&format!(
        "SEND_SMS({{to: \"+14155550101\", body: \"one\", send_at: {LATER}}}).id\n\
         SEND_SMS({{to: \"+14155550102\", body: \"two\", send_at: {LATER}}}).id\n\
         SEND_SMS({{to: \"+14155550103\", body: \"three\", send_at: {LATER}}}).id\n"
    ));
    let (a, b, c) = (&ids[0], &ids[1], &ids[2]);
    let hooks = serve(&d, &[]);
    let url = format!("{}/twilio/status?id={a}", base(&hooks));
    let delivered = [
        ("MessageSid", "SM0001"),
        ("MessageStatus", "delivered"),
        ("To", "+14155550101"),
        ("From", "+15005550006"),
        ("AccountSid", "AC0000"),
    ];

    let before = snapshot(&d, &ids);
    let r = post_form(&url, &delivered, None);
    assert_eq!(
        (r.code, r.body.as_str()),
        (403, "no X-Twilio-Signature header\n")
    );
    let wrong_token = twilio_signature("not-the-token", &url, &delivered);
    let r = post_form(&url, &delivered, Some(wrong_token));
    assert_eq!(r.code, 403);
    assert!(
        r.body.starts_with("X-Twilio-Signature does not sign "),
        "{}",
        r.body
    );
    let other_url = format!("{}/twilio/status?id={b}", base(&hooks));
    let r = post_form(
        &url,
        &delivered,
        Some(twilio_signature(TOKEN, &other_url, &delivered)),
    );
    assert_eq!(r.code, 403, "signed for another message");
    let mut tampered = delivered;
    tampered[1] = ("MessageStatus", "failed");
    let r = post_form(
        &url,
        &tampered,
        Some(twilio_signature(TOKEN, &url, &delivered)),
    );
    assert_eq!(r.code, 403, "a changed parameter");
    assert_eq!(
        snapshot(&d, &ids),
        before,
        "refused requests change nothing"
    );

    // Delivered, then a late `sent`: it stays delivered, and both are logged.
    let r = twilio(&url, &delivered);
    assert_eq!((r.code, r.body.as_str()), (200, ""));
    let sent = [("MessageSid", "SM0001"), ("MessageStatus", "sent")];
    assert_eq!(twilio(&url, &sent).code, 200);
    let rec = d.store().get(a).unwrap().unwrap();
    assert_eq!(
        (
            rec.status,
            rec.provider.as_deref(),
            rec.provider_id.as_deref(),
            rec.provider_status.as_deref()
        ),
        (
            Status::Delivered,
            Some("twilio"),
            Some("SM0001"),
            Some("delivered")
        )
    );
    assert_eq!(
        events(&d, a, 1),
        [
            ev(Status::Delivered, "delivered", None),
            ev(
                Status::Delivered,
                "sent",
                Some("not sent: the message is already delivered")
            ),
        ]
    );

    // No id in the URL: the MessageSid finds it; the error code is kept.
    let url_b = format!("{}/twilio/status?id={b}", base(&hooks));
    assert_eq!(
        twilio(
            &url_b,
            &[("MessageSid", "SM0002"), ("MessageStatus", "sent")]
        )
        .code,
        200
    );
    let bare = format!("{}/twilio/status", base(&hooks));
    let undelivered = [
        ("MessageSid", "SM0002"),
        ("MessageStatus", "undelivered"),
        ("ErrorCode", "30003"),
    ];
    assert_eq!(twilio(&bare, &undelivered).code, 200);
    assert_eq!(d.store().get(b).unwrap().unwrap().status, Status::Failed);
    assert_eq!(
        events(&d, b, 1),
        [
            ev(Status::Sent, "sent", None),
            ev(Status::Failed, "undelivered", Some("Twilio error 30003")),
        ]
    );
    // Queued is logged only.
    assert_eq!(
        twilio(
            &bare,
            &[("MessageSid", "SM0002"), ("MessageStatus", "queued")]
        )
        .code,
        200
    );
    assert_eq!(events(&d, b, 3), [ev(Status::Failed, "queued", None)]);

    // 21610: suppressed (spec §3), and the number is opted out.
    let url_c = format!("{}/twilio/status?id={c}", base(&hooks));
    let unsubscribed = [
        ("MessageSid", "SM0003"),
        ("MessageStatus", "failed"),
        ("ErrorCode", "21610"),
        ("To", "+14155550103"),
    ];
    assert_eq!(twilio(&url_c, &unsubscribed).code, 200);
    assert_eq!(
        d.store().get(c).unwrap().unwrap().status,
        Status::Suppressed
    );
    let list = d.ok(&["optout", "list"]);
    assert!(
        list.starts_with("+14155550103  ")
            && list.ends_with(&format!(
                "  Twilio error 21610: the recipient replied STOP (message {c})\n"
            )),
        "{list}"
    );
    // An unknown message is answered (so Twilio does not retry) and logged.
    let r = twilio(
        &format!("{}/twilio/status?id=nope", base(&hooks)),
        &[("MessageSid", "SM9999"), ("MessageStatus", "sent")],
    );
    assert_eq!(r.code, 200);
    let log = hooks.log_text();
    assert!(
        log.contains(
            "POST /twilio/status 200 Twilio sent for an unknown message (id nope): ignored"
        ),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "POST /twilio/status 200 Twilio delivered: message {a} scheduled -> delivered"
        )),
        "{log}"
    );
    assert!(
        log.contains("POST /twilio/status 403 no X-Twilio-Signature header"),
        "{log}"
    );
    assert_no_token_in_log(&hooks);
}

#[test]
fn inbound_stop_opts_out_and_start_opts_back_in() {
    let d = Dir::new("webhooks", "inbound");
    // The outbox exists before the server starts (an earlier message).
    d.send("SEND_SMS({to: \"+14155550150\", body: \"hello\", quiet_hours: \"off\"}).id\n");
    let hooks = serve(&d, &[]);
    let url = format!("{}/twilio/inbound", base(&hooks));
    let text = |sid: &'static str, body: &'static str| {
        [
            ("MessageSid", sid),
            ("AccountSid", "AC0000"),
            ("From", "+14155550199"),
            ("To", "+15005550006"),
            ("Body", body),
            ("NumMedia", "0"),
        ]
    };

    let r = post_form(
        &url,
        &text("SM1", "STOP"),
        Some(twilio_signature(TOKEN, &url, &text("SM1", "START"))),
    );
    assert_eq!(r.code, 403);
    assert_eq!(d.ok(&["optout", "list"]), "The opt-out list is empty.\n");
    assert_eq!(d.ok(&["webhooks", "inbound"]), "No texts received.\n");

    let r = twilio(&url, &text("SM1", " Stop "));
    assert_eq!(
        (r.code, r.content_type.as_str(), r.body.as_str()),
        (200, "text/xml", "<Response/>")
    );
    let list = d.ok(&["optout", "list"]);
    assert!(
        list.starts_with("+14155550199  ") && list.ends_with("  replied STOP\n"),
        "{list}"
    );
    let script = d.0.join("to-optout.air");
    std::fs::write(
        &script,
        "SEND_SMS({to: \"+14155550199\", body: \"are you there\", quiet_hours: \"off\"})\n",
    )
    .unwrap();
    let o = d.air(&["run", script.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("+14155550199 has opted out of text messages (replied STOP) [opt-out]"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    assert_eq!(twilio(&url, &text("SM2", "start")).code, 200);
    assert_eq!(d.ok(&["optout", "list"]), "The opt-out list is empty.\n");
    // Twilio retries the STOP: it was handled once, so nothing changes.
    assert_eq!(twilio(&url, &text("SM1", " Stop ")).code, 200);
    assert_eq!(d.ok(&["optout", "list"]), "The opt-out list is empty.\n");
    assert_eq!(
        twilio(&url, &text("SM3", "What time do you open?")).code,
        200
    );

    let kept: Vec<Value> = d
        .ok(&["webhooks", "inbound", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(&str, &str, &str)> = kept
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["from"].as_str().unwrap(),
                m["body"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("SM3", "+14155550199", "What time do you open?"),
            ("SM2", "+14155550199", "start"),
            ("SM1", "+14155550199", " Stop "),
        ]
    );
    assert_eq!(kept[0]["to"], "+15005550006");
    let log = hooks.log_text();
    assert!(
        log.contains("POST /twilio/inbound 200 inbound SM1 from +14155550199: STOP, added to the opt-out list"),
        "{log}"
    );
    assert!(
        log.contains(
            "POST /twilio/inbound 200 inbound SM1 from +14155550199 was already kept: ignored"
        ),
        "{log}"
    );
    assert_no_token_in_log(&hooks);
}

#[test]
fn ses_events_over_sns_update_messages_and_the_suppression_list() {
    let d = Dir::new("webhooks", "ses");
    let ids = d.send(&format!(
        "SEND_EMAIL({{to: \"Ada <ada@example.com>\", subject: \"One\", body: \"B\", send_at: {LATER}}}).id\n\
         SEND_EMAIL({{to: \"bob@example.com\", subject: \"Two\", body: \"B\"}}).id\n\
         SEND_EMAIL({{to: \"cy@example.com\", subject: \"Three\", body: \"B\", send_at: {LATER}}}).id\n"
    ));
    let (e1, e2, e3) = (&ids[0], &ids[1], &ids[2]);
    assert_eq!(
        d.store().get(e2).unwrap().unwrap().status,
        Status::Delivered,
        "the local transport delivered the second"
    );
    let hooks = serve(&d, &[("AIR_SNS_TOPICS", TOPIC)]);
    let mail = |tag: Option<&str>, ses_id: &str, header: Option<String>| {
        let mut m = json!({
            "timestamp": "2026-11-22T10:00:00.000Z",
            "source": "air@localhost",
            "messageId": ses_id,
            "destination": ["ada@example.com"],
            "tags": {"ses:configuration-set": ["air"]},
            "commonHeaders": {"subject": "One"}
        });
        if let Some(t) = tag {
            m["tags"]["air-message-id"] = json!([t]);
        }
        if let Some(h) = header {
            m["commonHeaders"]["messageId"] = json!(h);
        }
        m
    };

    // Send, found by our tag: sent, with SES's id kept.
    let send = ses_event(
        "Send",
        mail(Some(e1), "0100019a-fixture-sha1", None),
        json!({"send": {}}),
    );
    let r = post_sns(&hooks, &notification("n1", send));
    assert_eq!(r.code, 200, "{}", r.body);
    let rec = d.store().get(e1).unwrap().unwrap();
    assert_eq!(
        (
            rec.status,
            rec.provider.as_deref(),
            rec.provider_id.as_deref()
        ),
        (Status::Sent, Some("ses"), Some("0100019a-fixture-sha1"))
    );
    // Delivery, signed with SignatureVersion 1 (a fixture), found by SES's id.
    let fixture = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sns/delivery-sha1.json"),
    )
    .unwrap();
    let fixture: Value = serde_json::from_slice(&fixture).unwrap();
    assert_eq!(post_sns(&hooks, &fixture).code, 200);
    assert_eq!(
        d.store().get(e1).unwrap().unwrap().status,
        Status::Delivered
    );

    // A bad signature: 403, nothing changes.
    let bounce = |tag: &str, to: &str| {
        ses_event(
            "Bounce",
            mail(Some(tag), "0100019a-other", None),
            json!({"bounce": {"bounceType": "Permanent", "bounceSubType": "General",
                "bouncedRecipients": [{"emailAddress": to, "action": "failed", "status": "5.1.1",
                    "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}}),
        )
    };
    let before = snapshot(&d, &ids);
    let mut forged = notification("n2", bounce(e1, "ada@example.com"));
    forged["Message"] = json!(bounce(e3, "cy@example.com").to_string());
    let r = post_sns(&hooks, &forged);
    assert_eq!(
        (r.code, r.body.as_str()),
        (403, "the SNS signature does not match\n")
    );
    let mut unsigned = notification("n2", bounce(e1, "ada@example.com"));
    unsigned.as_object_mut().unwrap().remove("Signature");
    assert_eq!(post_sns(&hooks, &unsigned).code, 403);
    let mut other_topic = notification("n2", bounce(e1, "ada@example.com"));
    other_topic["TopicArn"] = json!("arn:aws:sns:us-east-1:123456789012:elsewhere");
    let r = post_sns(&hooks, &other_topic);
    assert_eq!(
        (r.code, r.body.as_str()),
        (
            403,
            "SNS topic \"arn:aws:sns:us-east-1:123456789012:elsewhere\" is not one of webhooks.sns_topics\n"
        )
    );
    assert_eq!(
        snapshot(&d, &ids),
        before,
        "refused requests change nothing"
    );

    // A hard bounce after delivery: bounced, and the address suppressed.
    assert_eq!(
        post_sns(&hooks, &notification("n3", bounce(e1, "Ada@Example.com"))).code,
        200
    );
    assert_eq!(d.store().get(e1).unwrap().unwrap().status, Status::Bounced);
    // A complaint found by the Message-ID header alone (no tag, an unknown SES id).
    let complaint = ses_event(
        "Complaint",
        mail(None, "0100019a-unknown", Some(format!("<{e2}@localhost>"))),
        json!({"complaint": {"complaintFeedbackType": "abuse",
            "complainedRecipients": [{"emailAddress": "bob@example.com"}]}}),
    );
    assert_eq!(post_sns(&hooks, &notification("n4", complaint)).code, 200);
    assert_eq!(
        d.store().get(e2).unwrap().unwrap().status,
        Status::Complained
    );
    // A delay is only logged: `delayed` would make the dispatcher send it again.
    let delay = ses_event(
        "DeliveryDelay",
        mail(Some(e3), "0100019a-three", None),
        json!({"deliveryDelay": {"delayType": "MailboxFull",
            "delayedRecipients": [{"emailAddress": "cy@example.com"}]}}),
    );
    assert_eq!(post_sns(&hooks, &notification("n5", delay)).code, 200);
    let rec3 = d.store().get(e3).unwrap().unwrap();
    assert_eq!(
        (rec3.status, rec3.provider_id.as_deref()),
        (Status::Scheduled, Some("0100019a-three"))
    );

    assert_eq!(
        events(&d, e1, 1),
        [
            ev(Status::Sent, "Send", None),
            ev(
                Status::Delivered,
                "Delivery",
                Some("ada@example.com: 250 2.6.0 Message received")
            ),
            ev(
                Status::Bounced,
                "Bounce",
                Some("Permanent/General: Ada@Example.com (smtp; 550 5.1.1 user unknown)")
            ),
        ]
    );
    assert_eq!(
        events(&d, e2, 4),
        [ev(
            Status::Complained,
            "Complaint",
            Some("abuse: bob@example.com")
        )]
    );
    assert_eq!(
        events(&d, e3, 1),
        [ev(
            Status::Scheduled,
            "DeliveryDelay",
            Some("MailboxFull: cy@example.com")
        )]
    );
    let suppressed: Vec<(String, String, Option<String>)> = d
        .store()
        .list_entries(List::Suppression)
        .unwrap()
        .into_iter()
        .map(|e| (e.key, e.reason, e.message_id))
        .collect();
    assert_eq!(
        suppressed,
        [
            (
                "ada@example.com".into(),
                "bounce Permanent/General".into(),
                Some(e1.clone())
            ),
            (
                "bob@example.com".into(),
                "complaint abuse".into(),
                Some(e2.clone())
            ),
        ]
    );
    let list = d.ok(&["suppress", "list"]);
    assert!(
        list.contains("ada@example.com  ")
            && list.contains(&format!("bounce Permanent/General (message {e1})")),
        "{list}"
    );
    // MESSAGE_STATUS reads the same events.
    let script = d.0.join("status.air");
    std::fs::write(
        &script,
        format!("LET s = MESSAGE_STATUS(\"{e1}\")\n[s.status, s.events[3].status, s.events[3].provider_status]\n"),
    )
    .unwrap();
    assert_eq!(
        d.ok(&["run", script.to_str().unwrap()]),
        "[\"bounced\", \"bounced\", \"Bounce\"]\n"
    );
    assert_no_token_in_log(&hooks);
}

#[test]
fn a_subscription_confirmation_fetches_its_subscribe_url_once_verified() {
    let d = Dir::new("webhooks", "subscribe");
    let hooks = serve(&d, &[]);
    let aws = TcpListener::bind("127.0.0.1:0").unwrap();
    let subscribe = format!(
        "http://{}/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token=2336412f37fb",
        aws.local_addr().unwrap()
    );
    let confirmation = |url: &str| {
        sns_body(&[
            ("Type", "SubscriptionConfirmation"),
            ("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b"),
            ("Token", "2336412f37fb"),
            (
                "Message",
                "You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.",
            ),
            ("SubscribeURL", url),
        ])
    };

    // Badly signed: refused before anything is fetched.
    let mut forged = confirmation(&subscribe);
    forged["SubscribeURL"] = json!(format!("{subscribe}&x=1"));
    assert_eq!(post_sns(&hooks, &forged).code, 403);
    aws.set_nonblocking(true).unwrap();
    assert_eq!(
        aws.accept().map(drop).unwrap_err().kind(),
        std::io::ErrorKind::WouldBlock,
        "nothing was fetched"
    );
    aws.set_nonblocking(false).unwrap();

    let fake_aws = std::thread::spawn(move || {
        let (mut conn, _) = aws.accept().unwrap();
        let mut request = Vec::new();
        let mut buf = [0; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = conn.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buf[..n]);
        }
        let body = "<ConfirmSubscriptionResponse/>";
        write!(
            conn,
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        String::from_utf8(request).unwrap()
    });
    let r = post_sns(&hooks, &confirmation(&subscribe));
    assert_eq!(r.code, 200, "{}", r.body);
    let request = fake_aws.join().unwrap();
    assert!(
        request.starts_with(&format!(
            "GET /?Action=ConfirmSubscription&TopicArn={TOPIC}&Token=2336412f37fb HTTP/1.1\r\n"
        )),
        "{request}"
    );
    assert!(
        hooks.log_text().contains(&format!(
            "POST /ses/sns 200 subscription to {TOPIC} confirmed"
        )),
        "{}",
        hooks.log_text()
    );
}

#[test]
fn the_public_url_is_what_signatures_cover_and_missing_settings_refuse() {
    let d = Dir::new("webhooks", "public");
    let hooks = serve(&d, &[("AIR_PUBLIC_URL", "https://hooks.example.com/air/")]);
    let r = reply(
        agent()
            .get(format!("{}/health", base(&hooks)))
            .call()
            .unwrap(),
    );
    assert_eq!((r.code, r.body.as_str()), (200, "ok\n"));
    let local = format!("{}/twilio/inbound", base(&hooks));
    let params = [
        ("MessageSid", "SM1"),
        ("From", "+14155550199"),
        ("To", "+15005550006"),
        ("Body", "STOP"),
    ];
    let r = post_form(
        &local,
        &params,
        Some(twilio_signature(TOKEN, &local, &params)),
    );
    assert_eq!(r.code, 403);
    assert_eq!(
        r.body,
        "X-Twilio-Signature does not sign https://hooks.example.com/air/twilio/inbound and the posted parameters (is webhooks.public_url the URL Twilio calls?)\n"
    );
    let public = "https://hooks.example.com/air/twilio/inbound";
    let r = post_form(
        &local,
        &params,
        Some(twilio_signature(TOKEN, public, &params)),
    );
    assert_eq!(r.code, 200);
    assert!(d.ok(&["optout", "list"]).starts_with("+14155550199  "));
    drop(hooks);

    // No auth token, no certificate: Twilio is refused, and SNS certificates
    // come only from SNS itself.
    let port = free_port();
    let cmd = d.command(&[
        "webhooks",
        "serve",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ]);
    let bare = Server::start(cmd, port, d.0.join("bare.log"));
    let url = format!("{}/twilio/inbound", base(&bare));
    let r = post_form(&url, &params, Some(twilio_signature(TOKEN, &url, &params)));
    assert_eq!(
        (r.code, r.body.as_str()),
        (403, "Twilio requests are refused: twilio.auth_token (AIR_TWILIO_AUTH_TOKEN) is not set, so their signature cannot be checked\n")
    );
    let mut n = notification(
        "n1",
        ses_event("Send", json!({"messageId": "x"}), json!({})),
    );
    n["SigningCertURL"] = json!("https://evil.example/cert.pem");
    let r = post_sns(&bare, &n);
    assert_eq!(
        (r.code, r.body.as_str()),
        (403, "SigningCertURL \"https://evil.example/cert.pem\" is not an Amazon SNS certificate (https://sns.<region>.amazonaws.com/...pem)\n")
    );
    assert!(bare
        .log_text()
        .contains("twilio.auth_token is not set: Twilio requests will be refused"));
    drop(bare);

    let o = d.air(&["webhooks", "serve", "--listen", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --listen \"nowhere\": expected an address and port such as 127.0.0.1:8787\n"
    );
}

#[test]
fn serve_in_process_resolves_a_message_a_crash_left_sending() {
    use airscript::messaging::webhooks::server::serve as serve_in_process;
    use airscript::messaging::webhooks::{Secret, Settings, Webhooks};

    let d = Dir::new("webhooks", "in-process");
    let ids = d.send(&format!(
        "SEND_SMS({{to: \"+14155550101\", body: \"one\", send_at: {LATER}}}).id\n"
    ));
    let id = &ids[0];
    // A dispatcher claimed it and crashed before recording the hand-over.
    let mut store = d.store();
    let claimed = store
        .claim(4_102_444_800_000 + 86_400_000, "crashed", 1, 10)
        .unwrap();
    assert_eq!(
        (claimed[0].id.as_str(), claimed[0].status),
        (id.as_str(), Status::Sending)
    );

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let settings = Settings {
        public_url: format!("http://{addr}"),
        twilio_auth_token: Some(Secret::new(TOKEN)),
        sns_public_key: None,
        sns_topics: Vec::new(),
        default_region: "US".into(),
    };
    let webhooks = Webhooks::new(Box::new(store), settings, airscript::Clock::System);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        serve_in_process(listener, webhooks, async {
            let _ = stopped.await;
        })
    });

    let url = format!("http://{addr}/twilio/status?id={id}");
    let r = twilio(
        &url,
        &[("MessageSid", "SM00crash"), ("MessageStatus", "sent")],
    );
    assert_eq!(r.code, 200);
    let rec = d.store().get(id).unwrap().unwrap();
    assert_eq!(
        (rec.status, rec.provider_id.as_deref()),
        (Status::Sent, Some("SM00crash"))
    );
    assert!(
        d.store().stale(i64::MAX).unwrap().is_empty(),
        "no lease left to reconcile"
    );
    stop.send(()).unwrap();
    server.join().unwrap().unwrap();
}
