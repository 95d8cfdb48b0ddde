//! SEND_EMAIL, SEND_SMS and MESSAGE_STATUS against a real outbox (a SQLite
//! file per test), with a fixed clock: fields, actor defaults, refusals,
//! idempotency and the policies (messaging.md §1, §4).

use std::path::PathBuf;
use std::sync::Arc;

use airscript::messaging::config::{Config, Mode, QuietHours};
use airscript::messaging::fields::Actor;
use airscript::messaging::outbox::{Outbox, Settings};
use airscript::messaging::status::Status;
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::messaging::store::{Filter, List, ListEntry, Store};
use airscript::session::Effects;
use airscript::{Clock, Context, Engine, ErrorKind, Interpreter, Session, Value};

struct Fixture {
    db: PathBuf,
    outbox: Arc<Outbox>,
    session: Session,
}

fn db_path() -> PathBuf {
    std::env::temp_dir().join(format!(
        "air-messaging-{}-{}.db",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ))
}

fn settings(mode: Mode, quiet: QuietHours) -> Settings {
    let mut s = Settings::from_config(&Config::defaults());
    s.mode = mode;
    s.quiet_hours = quiet;
    s
}

/// An outbox at `now` (RFC 3339) with these settings, the actor from `actor` JSON.
fn fixture_at(db: PathBuf, now: &str, settings: Settings, actor: Option<Value>) -> Fixture {
    let clock = Clock::Fixed(now.parse().unwrap());
    let store = SqliteStore::open(&db).unwrap();
    let outbox = Arc::new(Outbox::new(Box::new(store), settings, clock.clone()));
    outbox.begin("run-test", 0, Actor::from_value(actor.as_ref()));
    let session = Session {
        clock,
        effects: Some(outbox.clone() as Arc<dyn Effects>),
        ..Session::default()
    };
    Fixture {
        db,
        outbox,
        session,
    }
}

/// Noon in New York on a Wednesday: inside every quiet-hours window.
const NOON: &str = "2026-12-02T17:00:00Z";

fn fixture() -> Fixture {
    fixture_at(
        db_path(),
        NOON,
        settings(Mode::Published, QuietHours::Schedule),
        None,
    )
}

/// Text without its quotes; anything else in display form.
fn text(v: &Value) -> String {
    v.as_text().map_or_else(|| v.to_string(), str::to_string)
}

impl Fixture {
    fn eval(&self, src: &str) -> Result<Value, airscript::Error> {
        let mut i = Interpreter::new(Engine::new(), Context::new(), self.session.clone());
        let mut last = Value::Null;
        match i.run(src, &mut |v| last = v.clone()) {
            Ok(()) => Ok(last),
            Err(airscript::Failure::Run(e)) => Err(e),
            Err(airscript::Failure::Compile(e)) => Err(e[0].clone()),
        }
    }

    fn field(&self, src: &str, field: &str) -> String {
        let v = self.eval(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        text(&v.as_object().unwrap()[field])
    }

    fn store(&self) -> SqliteStore {
        SqliteStore::open(&self.db).unwrap()
    }

    fn count(&self) -> usize {
        self.store().list(&Filter::default()).unwrap().len()
    }

    fn code(&self, src: &str) -> (ErrorKind, String, String) {
        let e = self.eval(src).expect_err(src);
        let code = e
            .payload()
            .and_then(|p| p.as_object())
            .and_then(|o| o.get("code"))
            .map(text)
            .unwrap_or_default();
        (e.kind(), code, e.message().to_string())
    }
}

#[test]
fn email_object_form_returns_and_stores_the_record() {
    let f = fixture();
    let rec = f
        .eval(r#"SEND_EMAIL({to: "Ada <ada@example.com>, bob@example.com", subject: "Hi", body: "Hello", html: "<p>Hello</p>", tags: {campaign: "welcome"}})"#)
        .unwrap();
    let o = rec.as_object().unwrap();
    assert_eq!(text(&o["channel"]), "email");
    assert_eq!(text(&o["status"]), "queued");
    assert_eq!(
        text(&o["to"]),
        r#"["Ada <ada@example.com>", "bob@example.com"]"#
    );
    assert_eq!(text(&o["from"]), "air@localhost");
    assert_eq!(text(&o["subject"]), "Hi");
    assert_eq!(text(&o["tags"]), r#"{"campaign": "welcome"}"#);
    assert_eq!(
        text(&o["created_at"]),
        "DATETIME(DATE(2026, 12, 2), TIME(17, 0, 0), \"UTC\")"
    );
    let id = text(&o["id"]);
    let mut s = f.store();
    let stored = s.get(&id).unwrap().unwrap();
    assert_eq!(stored.status, Status::Queued);
    let mime = String::from_utf8(s.mime(&id).unwrap().unwrap()).unwrap();
    assert!(mime.contains("Subject: Hi\r\n"), "{mime}");
    assert!(
        mime.contains(&format!("Message-ID: <{id}@localhost>")),
        "{mime}"
    );
    assert!(mime.contains("multipart/alternative"), "{mime}");
}

#[test]
fn positional_forms() {
    let f = fixture();
    assert_eq!(
        f.field(
            r#"SEND_EMAIL("ada@example.com", "Subject", "Body")"#,
            "subject"
        ),
        "Subject"
    );
    assert_eq!(
        f.field(r#"SEND_SMS("(415) 555-2671", "Hi there")"#, "to"),
        "+14155552671"
    );
    assert_eq!(f.count(), 2);
}

#[test]
fn sms_record_has_segments_and_encoding() {
    let f = fixture();
    let rec = f
        .eval(r#"SEND_SMS({to: "+14155552671", body: "Olá 😀"})"#)
        .unwrap();
    let o = rec.as_object().unwrap();
    assert_eq!(text(&o["encoding"]), "UCS-2");
    assert_eq!(text(&o["segments"]), "1");
    assert_eq!(text(&o["to"]), "+14155552671");
}

#[test]
fn actor_defaults_and_an_actor_without_the_field() {
    let actor = airscript::value::json::from_json(&serde_json::json!({
        "email": "grace@example.com", "phone": "+1 212 555 0142", "time_zone": "America/New_York"
    }))
    .unwrap();
    let f = fixture_at(
        db_path(),
        NOON,
        settings(Mode::Published, QuietHours::Schedule),
        Some(actor),
    );
    assert_eq!(
        f.field(r#"SEND_EMAIL({subject: "S", body: "B"})"#, "to"),
        r#"["grace@example.com"]"#
    );
    assert_eq!(f.field(r#"SEND_SMS({body: "B"})"#, "to"), "+12125550142");
    assert_eq!(
        f.field(r#"SEND_SMS(NULL, "C")"#, "to"),
        "+12125550142",
        "a positional NULL `to` is the actor's"
    );

    let f = fixture();
    let (kind, code, msg) = f.code(r#"SEND_SMS({body: "B"})"#);
    assert_eq!((kind, code.as_str()), (ErrorKind::Effect, "invalid-field"));
    assert!(
        msg.contains("initialise the actor with a phone number"),
        "{msg}"
    );
    let (_, _, msg) = f.code(r#"SEND_EMAIL({subject: "S", body: "B"})"#);
    assert!(msg.contains("initialise the actor with an email"), "{msg}");
    assert_eq!(f.count(), 0);
}

#[test]
fn unknown_fields_are_named_with_a_suggestion() {
    let f = fixture();
    let (kind, code, msg) = f.code(r#"SEND_EMAIL({to: "a@example.com", subjet: "S", body: "B"})"#);
    assert_eq!((kind, code.as_str()), (ErrorKind::Effect, "invalid-field"));
    assert!(
        msg.starts_with("`subjet`: an email has no field `subjet`; did you mean `subject`?"),
        "{msg}"
    );
    let (_, _, msg) = f.code(r#"SEND_SMS({to: "+14155552671", body: "B", timezone: "UTC"})"#);
    assert!(msg.contains("did you mean `time_zone`?"), "{msg}");
    assert_eq!(f.count(), 0);
}

#[test]
fn bad_fields_are_refused_and_nothing_is_stored() {
    let f = fixture();
    for (src, field) in [
        (
            r#"SEND_EMAIL({to: "a@example.com", subject: "Hi\r\nBcc: victim@example.com", body: "B"})"#,
            "`subject`",
        ),
        (
            r#"SEND_EMAIL({to: "a@example.com\nBcc: x@example.com", subject: "S", body: "B"})"#,
            "`to`",
        ),
        (
            r#"SEND_EMAIL({to: "not an address", subject: "S", body: "B"})"#,
            "`to`",
        ),
        (
            r#"SEND_EMAIL({to: "a@example.com", body: "B"})"#,
            "`subject`",
        ),
        (
            r#"SEND_EMAIL({to: "a@example.com", subject: "S", body: "B", unsubscribe: "http://x.test/u"})"#,
            "`unsubscribe`",
        ),
        (r#"SEND_SMS({to: "12", body: "B"})"#, "`to`"),
        (
            r#"SEND_SMS({to: "+14155552671", body: REPT("x", 1601)})"#,
            "`body`",
        ),
        (
            r#"SEND_SMS({to: "+14155552671", body: "B", time_zone: "Mars/Olympus"})"#,
            "`time_zone`",
        ),
        (
            r#"SEND_SMS({to: "+14155552671", body: "B", idempotency_key: REPT("k", 256)})"#,
            "`idempotency_key`",
        ),
        (
            r#"SEND_SMS({to: "+14155552671", body: "B", send_at: "tomorrow"})"#,
            "`send_at`",
        ),
    ] {
        let (kind, code, msg) = f.code(src);
        assert_eq!(
            (kind, code.as_str()),
            (ErrorKind::Effect, "invalid-field"),
            "{src}"
        );
        assert!(msg.starts_with(field), "{src}: {msg}");
    }
    assert_eq!(f.count(), 0, "nothing stored");
}

#[test]
fn a_body_of_exactly_1600_characters_is_accepted() {
    let f = fixture();
    let rec = f
        .eval(r#"SEND_SMS({to: "+14155552671", body: REPT("x", 1600)})"#)
        .unwrap();
    assert_eq!(text(&rec.as_object().unwrap()["segments"]), "11");
}

#[test]
fn idempotency_keys() {
    let f = fixture();
    let send = r#"SEND_SMS({to: "+14155552671", body: "Order 7 shipped", idempotency_key: "order-shipped:7"})"#;
    let first = f.field(send, "id");
    assert_eq!(
        f.field(send, "id"),
        first,
        "the same key and content: the same message"
    );
    let (kind, code, msg) =
        f.code(r#"SEND_SMS({to: "+14155552671", body: "Order 7 cancelled", idempotency_key: "order-shipped:7"})"#);
    assert_eq!(
        (kind, code.as_str()),
        (ErrorKind::Effect, "idempotency-conflict")
    );
    assert!(
        msg.contains(&format!("already belongs to message {first}")),
        "{msg}"
    );
    assert_eq!(f.count(), 1);
}

#[test]
fn derived_keys_make_a_rerun_store_nothing_twice() {
    let db = db_path();
    let script =
        r#"[SEND_SMS("+14155552671", "one").id, SEND_EMAIL("a@example.com", "two", "2").id]"#;
    let f = fixture_at(
        db.clone(),
        NOON,
        settings(Mode::Preview, QuietHours::Schedule),
        None,
    );
    let first = f.eval(script).unwrap().to_string();
    // The same run again (after a crash, say): the same messages come back.
    let g = fixture_at(
        db.clone(),
        "2026-12-02T17:05:00Z",
        settings(Mode::Preview, QuietHours::Schedule),
        None,
    );
    assert_eq!(g.eval(script).unwrap().to_string(), first);
    assert_eq!(g.outbox.tally().existing, 2);
    assert_eq!(g.count(), 2);
}

#[test]
fn duplicate_limiter_published_and_preview() {
    let db = db_path();
    let send = |now: &str, mode| {
        let f = fixture_at(db.clone(), now, settings(mode, QuietHours::Off), None);
        f.outbox
            .begin(&format!("run-{now}-{mode:?}"), 0, Actor::default());
        f.eval(r#"SEND_SMS("+14155552671", "Same text")"#)
    };
    send("2026-12-02T17:00:00Z", Mode::Published).unwrap();
    let e = send("2026-12-02T17:29:59Z", Mode::Published).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Effect);
    assert!(
        e.message()
            .contains("[error.platform.message-limiter.duplicate-message-sent]"),
        "{}",
        e.message()
    );
    send("2026-12-02T17:29:59Z", Mode::Preview).expect("previews are not limited");
    send("2026-12-02T17:30:00Z", Mode::Published).expect("30 minutes later it is allowed");
    let mut s = SqliteStore::open(&db).unwrap();
    let suppressed = Filter {
        status: Some(Status::Suppressed),
        ..Filter::default()
    };
    assert_eq!(
        s.list(&suppressed).unwrap().len(),
        1,
        "the refused one is kept as suppressed"
    );
}

#[test]
fn opt_out_and_suppression() {
    let f = fixture();
    let mut s = f.store();
    let entry = |k: &str| ListEntry {
        key: k.into(),
        at: 0,
        reason: "STOP".into(),
        message_id: None,
    };
    s.add_entry(List::OptOut, &entry("+14155552671")).unwrap();
    s.add_entry(List::Suppression, &entry("bounced@example.com"))
        .unwrap();
    let (kind, code, _) = f.code(r#"SEND_SMS("(415) 555-2671", "hi")"#);
    assert_eq!((kind, code.as_str()), (ErrorKind::Effect, "opt-out"));
    let (_, code, msg) = f.code(r#"SEND_EMAIL({to: "ok@example.com", bcc: "Bounced@Example.com", subject: "S", body: "B"})"#);
    assert_eq!(code, "suppressed", "{msg}");
    let all = f.store().list(&Filter::default()).unwrap();
    assert!(all.iter().all(|r| r.status == Status::Suppressed) && all.len() == 2);
}

#[test]
fn quiet_hours_schedule_reject_and_off() {
    // 22:30 in New York (03:30Z): outside the federal 08:00–21:00 window.
    let late = "2026-12-03T03:30:00Z";
    let f = fixture_at(
        db_path(),
        late,
        settings(Mode::Published, QuietHours::Schedule),
        None,
    );
    let rec = f
        .eval(r#"SEND_SMS({to: "+12125550142", body: "promo"})"#)
        .unwrap();
    let o = rec.as_object().unwrap();
    assert_eq!(text(&o["status"]), "scheduled");
    assert_eq!(
        text(&o["due_at"]),
        "DATETIME(DATE(2026, 12, 3), TIME(13, 0, 0), \"UTC\")",
        "08:00 in New York"
    );
    assert!(
        text(&o["reason"]).starts_with("quiet hours: "),
        "{}",
        o["reason"]
    );

    let f = fixture_at(
        db_path(),
        late,
        settings(Mode::Published, QuietHours::Reject),
        None,
    );
    let (kind, code, _) = f.code(r#"SEND_SMS({to: "+12125550142", body: "promo"})"#);
    assert_eq!((kind, code.as_str()), (ErrorKind::Effect, "quiet-hours"));
    assert_eq!(
        f.store().list(&Filter::default()).unwrap()[0].status,
        Status::Suppressed
    );

    let f = fixture_at(
        db_path(),
        late,
        settings(Mode::Published, QuietHours::Schedule),
        None,
    );
    let o = f
        .eval(r#"SEND_SMS({to: "+12125550142", body: "Your code is 123456", quiet_hours: "off"})"#)
        .unwrap();
    assert_eq!(text(&o.as_object().unwrap()["status"]), "queued");
    assert!(text(&o.as_object().unwrap()["quiet_hours"]).starts_with("off"));
    let f = fixture_at(
        db_path(),
        late,
        settings(Mode::Published, QuietHours::Off),
        None,
    );
    assert_eq!(
        f.field(r#"SEND_SMS({to: "+12125550142", body: "x"})"#, "status"),
        "queued"
    );
}

#[test]
fn send_at_holds_a_message() {
    let f = fixture();
    let o = f.eval(r#"SEND_EMAIL({to: "a@example.com", subject: "S", body: "B", send_at: DATETIME(DATE(2026, 12, 24), TIME(9, 0, 0), "UTC")})"#).unwrap();
    let o = o.as_object().unwrap();
    assert_eq!(text(&o["status"]), "scheduled");
    assert_eq!(
        text(&o["due_at"]),
        "DATETIME(DATE(2026, 12, 24), TIME(9, 0, 0), \"UTC\")"
    );
}

#[test]
fn message_status_has_the_event_timeline() {
    let f = fixture();
    let id = f.field(r#"SEND_SMS("+14155552671", "hi")"#, "id");
    let v = f.eval(&format!("MESSAGE_STATUS(\"{id}\")")).unwrap();
    let o = v.as_object().unwrap();
    assert_eq!(text(&o["status"]), "queued");
    assert_eq!(
        f.eval(&format!(
            "FROM e IN MESSAGE_STATUS(\"{id}\").events SELECT e.status"
        ))
        .unwrap()
        .to_string(),
        r#"["queued"]"#
    );
    assert!(f.eval("MESSAGE_STATUS(\"nope\")").unwrap().is_null());
}

#[test]
fn without_a_host_the_effects_are_refused() {
    let engine = Engine::new();
    let t = engine
        .compile_template(r#"{{SEND_SMS("+14155552671", "hi")}}"#)
        .unwrap();
    let e = t.render(&Context::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Effect);
    assert!(
        e.message().contains("not available here"),
        "{}",
        e.message()
    );
}

#[test]
fn dry_run_stores_nothing_and_reports_verdicts() {
    let db = db_path();
    let clock = Clock::Fixed("2026-12-03T03:30:00Z".parse().unwrap());
    let outbox = Arc::new(
        Outbox::new(
            Box::new(SqliteStore::open(&db).unwrap()),
            settings(Mode::Published, QuietHours::Schedule),
            clock.clone(),
        )
        .dry_run(),
    );
    outbox.begin("run-dry", 0, Actor::default());
    let session = Session {
        clock,
        effects: Some(outbox.clone() as Arc<dyn Effects>),
        ..Session::default()
    };
    let mut i = Interpreter::new(Engine::new(), Context::new(), session);
    i.run(
        "SEND_SMS(\"+12125550142\", \"late\")\nSEND_EMAIL(\"a@example.com\", \"S\", \"B\")",
        &mut |_| {},
    )
    .unwrap();
    let p = outbox.take_previews();
    assert_eq!(p.len(), 2);
    assert!(
        p[0].verdict.starts_with("scheduled: quiet hours"),
        "{}",
        p[0].verdict
    );
    assert_eq!(p[1].verdict, "allowed");
    assert!(SqliteStore::open(&db)
        .unwrap()
        .list(&Filter::default())
        .unwrap()
        .is_empty());
}

#[test]
fn attachments_come_from_assets_and_a_bad_one_is_named() {
    let f = fixture();
    let id = f.field(
        r#"SEND_EMAIL({to: "a@example.com", subject: "Report", body: "Attached.", attachments: [{uri: "data:text/csv;base64,YSxiCjEsMgo=", name: "report.csv"}]})"#,
        "id",
    );
    let mime = f.store().mime(&id).unwrap().unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&mime).unwrap();
    use mail_parser::MimeHeaders;
    let att = parsed.attachments().next().expect("one attachment");
    assert_eq!(att.attachment_name(), Some("report.csv"));
    assert_eq!(att.contents(), b"a,b\n1,2\n");
    let (kind, code, msg) = f.code(
        r#"SEND_EMAIL({to: "a@example.com", subject: "R", body: "B", attachments: [{uri: "data:,ok"}, {uri: "./no/such/file.pdf"}]})"#,
    );
    assert_eq!((kind, code.as_str()), (ErrorKind::Effect, "invalid-field"));
    assert!(msg.starts_with("`attachments[2]`: "), "{msg}");
    assert!(msg.contains("no/such/file.pdf"), "{msg}");
    assert_eq!(f.count(), 1);
}

#[test]
fn an_area_code_spanning_two_zones_waits_for_both() {
    // 08:30 in New York is 07:30 in Chicago: the Florida panhandle's 850
    // covers both, so the text waits for 08:00 Central (14:00Z).
    let f = fixture_at(
        db_path(),
        "2026-12-02T13:30:00Z",
        settings(Mode::Published, QuietHours::Schedule),
        None,
    );
    let o = f
        .eval(r#"SEND_SMS({to: "+1 850 555 0134", body: "Sale starts today"})"#)
        .unwrap();
    let o = o.as_object().unwrap();
    assert_eq!(text(&o["status"]), "scheduled");
    assert_eq!(
        text(&o["due_at"]),
        "DATETIME(DATE(2026, 12, 2), TIME(14, 0, 0), \"UTC\")"
    );
    assert!(
        text(&o["quiet_hours"]).contains("America/Chicago"),
        "{}",
        text(&o["quiet_hours"])
    );
    // The recipient's own zone, when known, replaces the area code's zones.
    let o = f
        .eval(r#"SEND_SMS({to: "+1 850 555 0135", body: "Sale starts today", time_zone: "America/New_York"})"#)
        .unwrap();
    assert_eq!(text(&o.as_object().unwrap()["status"]), "queued");
}
