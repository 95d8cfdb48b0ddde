use super::*;
use crate::messaging::store::testing::sms;

fn inserted(s: Submitted) -> (Record, Option<Refusal>) {
    match s {
        Submitted::Inserted(r, refusal) => (r, refusal),
        other => panic!("expected an insert, got {other:?}"),
    }
}

#[test]
fn migrations_run_once_and_record_their_version() {
    let dir = std::env::temp_dir().join(format!("air-store-{}", std::process::id()));
    let path = dir.join("nested").join("outbox.db");
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    drop(s);
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    assert!(s.list(&Filter::default()).unwrap().is_empty());
    let mode: String = s
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = s
        .conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_newer_schema_is_refused() {
    let conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    let e = SqliteStore::setup(conn).err().unwrap();
    assert!(e.0.contains("schema version 99"), "{e}");
}

#[test]
fn idempotency_key_returns_existing_or_conflicts() {
    let mut s = SqliteStore::in_memory().unwrap();
    let m = sms("m1", "k1", "+14155550100", "hi", 1_000);
    let (r, refusal) = inserted(s.submit(&m, false).unwrap());
    assert_eq!(
        (r.id.as_str(), r.status, refusal),
        ("m1", Status::Queued, None)
    );
    let again = NewMessage {
        id: "m2".into(),
        ..m.clone()
    };
    match s.submit(&again, false).unwrap() {
        Submitted::Existing(r) => assert_eq!(r.id, "m1"),
        other => panic!("{other:?}"),
    }
    let changed = NewMessage {
        id: "m3".into(),
        payload_hash: "other".into(),
        ..m
    };
    match s.submit(&changed, false).unwrap() {
        Submitted::Conflict(r) => assert_eq!(r.id, "m1"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.list(&Filter::default()).unwrap().len(), 1);
}

#[test]
fn limiter_window_is_thirty_minutes() {
    let mut s = SqliteStore::in_memory().unwrap();
    let t0 = 1_000_000;
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "same", t0), false)
            .unwrap(),
    );
    // 29:59 later: refused and kept as suppressed.
    let (r, refusal) = inserted(
        s.submit(
            &sms("b", "k2", "+14155550100", "same", t0 + 29 * 60_000 + 59_000),
            false,
        )
        .unwrap(),
    );
    assert_eq!(r.status, Status::Suppressed);
    let refusal = refusal.unwrap();
    assert_eq!(
        refusal.code,
        "error.platform.message-limiter.duplicate-message-sent"
    );
    assert!(
        refusal.detail.contains("29 minutes ago (message a)"),
        "{}",
        refusal.detail
    );
    // 30:00 after the first: allowed (the suppressed one did not reset the window).
    let (r, refusal) = inserted(
        s.submit(
            &sms("c", "k3", "+14155550100", "same", t0 + 30 * 60_000),
            false,
        )
        .unwrap(),
    );
    assert_eq!((r.status, refusal), (Status::Queued, None));
    // Another body, or preview mode (no duplicate check), is allowed at once.
    let (r, _) = inserted(
        s.submit(
            &sms("d", "k4", "+14155550100", "other", t0 + 30 * 60_000),
            false,
        )
        .unwrap(),
    );
    assert_eq!(r.status, Status::Queued);
    let mut preview = sms("e", "k5", "+14155550100", "same", t0 + 30 * 60_000 + 1);
    preview.checks.duplicate = None;
    assert_eq!(
        inserted(s.submit(&preview, false).unwrap()).0.status,
        Status::Queued
    );
}

#[test]
fn opt_out_and_suppression_refuse() {
    let mut s = SqliteStore::in_memory().unwrap();
    let entry = |k: &str| ListEntry {
        key: k.into(),
        at: 5,
        reason: "STOP".into(),
        message_id: None,
    };
    assert!(s.add_entry(List::OptOut, &entry("+14155550100")).unwrap());
    assert!(!s.add_entry(List::OptOut, &entry("+14155550100")).unwrap());
    let (r, refusal) = inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    assert_eq!(r.status, Status::Suppressed);
    assert_eq!(refusal.as_ref().unwrap().code, "opt-out");
    assert_eq!(
        r.reason.as_deref(),
        Some("opt-out: +14155550100 has opted out of text messages (STOP)")
    );
    assert!(s.remove_entry(List::OptOut, "+14155550100").unwrap());
    assert_eq!(
        inserted(
            s.submit(&sms("b", "k2", "+14155550100", "x", 10), false)
                .unwrap()
        )
        .0
        .status,
        Status::Queued
    );

    s.add_entry(List::Suppression, &entry("bounced@example.com"))
        .unwrap();
    let mut m = sms("c", "k3", "x", "y", 10);
    m.channel = Channel::Email;
    m.checks = Checks {
        suppressed: vec!["ok@example.com".into(), "bounced@example.com".into()],
        ..Checks::default()
    };
    let (r, refusal) = inserted(s.submit(&m, false).unwrap());
    assert_eq!(
        (r.status, refusal.unwrap().code.as_str()),
        (Status::Suppressed, "suppressed")
    );
    assert_eq!(s.list_entries(List::Suppression).unwrap().len(), 1);
}

#[test]
fn dry_run_keeps_nothing() {
    let mut s = SqliteStore::in_memory().unwrap();
    let (r, _) = inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), true)
            .unwrap(),
    );
    assert_eq!(r.status, Status::Queued);
    assert!(s.list(&Filter::default()).unwrap().is_empty());
    assert!(s.events("a").unwrap().is_empty());
}

#[test]
fn claim_lease_complete_and_events() {
    let mut s = SqliteStore::in_memory().unwrap();
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    let mut later = sms("b", "k2", "+14155550101", "x", 10);
    later.status = Status::Scheduled;
    later.due_at = 5_000;
    later.reason = Some("quiet hours".into());
    inserted(s.submit(&later, false).unwrap());
    assert_eq!(s.next_due().unwrap(), Some(10));

    let got = s.claim(100, "d1", 60_000, 10).unwrap();
    assert_eq!(got.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!((got[0].status, got[0].attempts), (Status::Sending, 1));
    assert!(
        s.claim(100, "d2", 60_000, 10).unwrap().is_empty(),
        "claimed once"
    );
    assert!(!s
        .complete("a", "d2", 200, &Outcome::Requeue { detail: "x".into() })
        .unwrap());
    let ok = Outcome::Accepted {
        status: Status::Delivered,
        provider: "local".into(),
        provider_id: Some("local-a".into()),
        provider_status: Some("delivered".into()),
    };
    assert!(s.complete("a", "d1", 200, &ok).unwrap());
    let r = s.get("a").unwrap().unwrap();
    assert_eq!(
        (r.status, r.provider_id.as_deref()),
        (Status::Delivered, Some("local-a"))
    );
    let ev: Vec<_> = s.events("a").unwrap().iter().map(|e| e.status).collect();
    assert_eq!(
        ev,
        [
            Status::Queued,
            Status::Sending,
            Status::Sent,
            Status::Delivered
        ]
    );
    // A late `sent` never overwrites `delivered`.
    assert!(s.set_status("a", Status::Sent, 300, "late").is_err());
    assert_eq!(s.get("a").unwrap().unwrap().status, Status::Delivered);

    assert_eq!(s.claim(4_999, "d1", 1, 10).unwrap().len(), 0);
    assert_eq!(s.claim(5_000, "d1", 1, 10).unwrap()[0].id, "b");
}

#[test]
fn retry_and_stale_leases() {
    let mut s = SqliteStore::in_memory().unwrap();
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    s.claim(10, "d1", 1_000, 10).unwrap();
    s.complete(
        "a",
        "d1",
        20,
        &Outcome::Retry {
            retry_at: 500,
            error: "450 busy".into(),
            throttled: false,
        },
    )
    .unwrap();
    let r = s.get("a").unwrap().unwrap();
    assert_eq!(
        (r.status, r.due_at, r.reason.as_deref()),
        (Status::Delayed, 500, Some("450 busy"))
    );
    assert!(s.claim(499, "d1", 1_000, 10).unwrap().is_empty());
    assert_eq!(s.claim(500, "d1", 1_000, 10).unwrap()[0].attempts, 2);
    // The dispatcher dies: after the lease another takes it over to reconcile.
    assert!(s.stale(1_500).unwrap().is_empty());
    assert_eq!(s.stale(1_501).unwrap()[0].id, "a");
    assert!(s.take_over("a", "d2", 1_501, 1_000).unwrap());
    assert!(!s.take_over("a", "d3", 1_502, 1_000).unwrap());
    assert!(s
        .complete(
            "a",
            "d2",
            1_600,
            &Outcome::Unknown {
                detail: "crash".into()
            }
        )
        .unwrap());
    assert_eq!(s.get("a").unwrap().unwrap().status, Status::Unknown);
    assert_eq!(
        s.set_status("a", Status::Queued, 1_700, "resend")
            .unwrap()
            .unwrap()
            .due_at,
        1_700
    );
}

#[test]
fn token_bucket_paces() {
    let mut s = SqliteStore::in_memory().unwrap();
    assert_eq!(s.take_token("sms", 2.0, 2.0, 0).unwrap(), None);
    assert_eq!(s.take_token("sms", 2.0, 2.0, 0).unwrap(), None);
    assert_eq!(s.take_token("sms", 2.0, 2.0, 0).unwrap(), Some(500));
    assert_eq!(s.take_token("sms", 2.0, 2.0, 500).unwrap(), None);
    assert_eq!(
        s.take_token("email", 0.0, 1.0, 0).unwrap(),
        None,
        "no rate: unpaced"
    );
}

#[test]
fn runs_and_totals() {
    let mut s = SqliteStore::in_memory().unwrap();
    let run = Run {
        id: "run1".into(),
        script: "w.air".into(),
        data: None,
        rows: None,
        started_at: 1,
        finished_at: None,
    };
    s.start_run(&run).unwrap();
    s.start_run(&run).unwrap();
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    inserted(
        s.submit(&sms("b", "k2", "+14155550100", "x", 11), false)
            .unwrap(),
    );
    s.finish_run("run1", 2, 20).unwrap();
    assert_eq!(s.runs().unwrap().len(), 1);
    assert_eq!(s.run("run1").unwrap().unwrap().rows, Some(2));
    assert_eq!(
        s.run_totals("run1").unwrap(),
        [(Status::Queued, 1), (Status::Suppressed, 1)]
    );
    let f = Filter {
        run: Some("run1".into()),
        limit: Some(1),
        ..Filter::default()
    };
    assert_eq!(s.list(&f).unwrap()[0].id, "b", "newest first");
}

#[test]
fn ids_by_prefix() {
    let mut s = SqliteStore::in_memory().unwrap();
    for (id, key) in [("0abc1", "k1"), ("0abc2", "k2"), ("0b", "k3")] {
        inserted(
            s.submit(
                &sms(id, key, &format!("+1415555010{}", key.len()), key, 10),
                false,
            )
            .unwrap(),
        );
    }
    assert_eq!(s.ids_starting("0abc", 5).unwrap(), ["0abc1", "0abc2"]);
    assert_eq!(s.ids_starting("0abc2", 5).unwrap(), ["0abc2"]);
    assert_eq!(s.ids_starting("0b", 5).unwrap(), ["0b"]);
    assert_eq!(s.ids_starting("0abc", 1).unwrap(), ["0abc1"]);
    assert!(s.ids_starting("1", 5).unwrap().is_empty());
    assert!(s.ids_starting("0%", 5).unwrap().is_empty());
    assert!(s.ids_starting("", 5).unwrap().is_empty());
}

fn report(status: Option<Status>, pid: Option<&str>, ps: &str, detail: &str) -> ProviderEvent {
    ProviderEvent {
        status,
        provider: "twilio".into(),
        provider_id: pid.map(str::to_string),
        provider_status: ps.into(),
        detail: detail.into(),
    }
}

#[test]
fn provider_events_move_forward_and_are_always_logged() {
    let mut s = SqliteStore::in_memory().unwrap();
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    // A crash left it `sending`, with no provider id.
    s.claim(100, "d1", 60_000, 10).unwrap();
    assert_eq!(
        s.provider_event("a", &report(None, Some("SM1"), "queued", ""), 200)
            .unwrap(),
        Applied::Logged {
            status: Status::Sending
        }
    );
    let r = s.get("a").unwrap().unwrap();
    assert_eq!(
        (r.status, r.provider.as_deref(), r.provider_id.as_deref()),
        (Status::Sending, Some("twilio"), Some("SM1"))
    );
    assert_eq!(s.find_by_provider_id("SM1").unwrap().unwrap().id, "a");
    assert_eq!(s.find_by_provider_id("SM2").unwrap(), None);

    let delivered = report(Some(Status::Delivered), Some("SM1"), "delivered", "");
    assert_eq!(
        s.provider_event("a", &delivered, 300).unwrap(),
        Applied::Moved {
            from: Status::Sending,
            to: Status::Delivered
        }
    );
    // The lease is gone: the dispatcher that crashed cannot complete it.
    assert!(!s
        .complete("a", "d1", 310, &Outcome::Requeue { detail: "x".into() })
        .unwrap());
    assert!(s.stale(i64::MAX).unwrap().is_empty());

    let late = report(Some(Status::Sent), Some("SM9"), "sent", "SM1");
    assert_eq!(
        s.provider_event("a", &late, 400).unwrap(),
        Applied::Logged {
            status: Status::Delivered
        }
    );
    let r = s.get("a").unwrap().unwrap();
    assert_eq!(
        (
            r.status,
            r.provider_status.as_deref(),
            r.provider_id.as_deref(),
            r.updated_at
        ),
        (Status::Delivered, Some("delivered"), Some("SM1"), 300),
        "a late report changes nothing, not even the provider id"
    );
    let events = s.events("a").unwrap();
    let tail: Vec<_> = events[2..]
        .iter()
        .map(|e| {
            (
                e.at,
                e.status,
                e.provider_status.as_deref(),
                e.detail.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            (200, Status::Sending, Some("queued"), None),
            (300, Status::Delivered, Some("delivered"), None),
            (
                400,
                Status::Delivered,
                Some("sent"),
                Some("SM1; not sent: the message is already delivered")
            ),
        ]
    );
    assert_eq!(
        s.provider_event("nope", &delivered, 500).unwrap(),
        Applied::Missing
    );
}

#[test]
fn a_failure_keeps_its_reason_and_reports_never_requeue() {
    let mut s = SqliteStore::in_memory().unwrap();
    inserted(
        s.submit(&sms("a", "k1", "+14155550100", "x", 10), false)
            .unwrap(),
    );
    let failed = report(Some(Status::Failed), None, "undelivered", "error 30003");
    assert_eq!(
        s.provider_event("a", &failed, 20).unwrap(),
        Applied::Moved {
            from: Status::Queued,
            to: Status::Failed
        }
    );
    let r = s.get("a").unwrap().unwrap();
    assert_eq!(
        (r.status, r.reason.as_deref()),
        (Status::Failed, Some("error 30003"))
    );
    // `failed` may go back to `queued` by hand, never by a provider's report.
    let queued = report(Some(Status::Queued), None, "queued", "");
    assert_eq!(
        s.provider_event("a", &queued, 30).unwrap(),
        Applied::Logged {
            status: Status::Failed
        }
    );
    assert_eq!(s.get("a").unwrap().unwrap().status, Status::Failed);
}

#[test]
fn inbound_texts_are_kept_once_newest_first() {
    let mut s = SqliteStore::in_memory().unwrap();
    let text = |id: &str, body: &str, at| Inbound {
        id: id.into(),
        provider: "twilio".into(),
        from: "+14155550100".into(),
        to: "+15005550006".into(),
        body: body.into(),
        at,
    };
    assert!(s.add_inbound(&text("SM1", "STOP", 10)).unwrap());
    assert!(s.add_inbound(&text("SM2", "hello", 20)).unwrap());
    assert!(
        !s.add_inbound(&text("SM1", "STOP", 30)).unwrap(),
        "a retried webhook"
    );
    assert_eq!(
        s.inbound(10).unwrap(),
        [text("SM2", "hello", 20), text("SM1", "STOP", 10)]
    );
    assert_eq!(s.inbound(1).unwrap(), [text("SM2", "hello", 20)]);
}

#[test]
fn an_outbox_of_schema_1_gains_the_inbound_table_and_keeps_its_messages() {
    let dir = std::env::temp_dir().join(format!("air-store-v1-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("outbox.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO messages (id, idempotency_key, payload_hash, run_id, channel, recipient,
             body, payload, status, provider_id, due_at, created_at, updated_at, mode)
             VALUES ('m1', 'k1', 'h', 'r', 'sms', '+14155550100', 'hi', '{}', 'sent', 'SM1', 1, 1, 1, 'published')",
            [],
        )
        .unwrap();
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), 2);
    assert_eq!(s.find_by_provider_id("SM1").unwrap().unwrap().id, "m1");
    assert!(s.inbound(10).unwrap().is_empty());
    drop(s);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn many_openers_of_a_new_outbox_at_once_all_succeed() {
    // Processes that start together (`air run` beside `air outbox dispatch
    // --watch`) each open the outbox while it is being created: switching
    // it to write-ahead logging takes a lock that must be waited for.
    for round in 0..20 {
        let path = std::env::temp_dir().join(format!(
            "air-open-race-{}-{round}-{}.db",
            std::process::id(),
            uuid::Uuid::now_v7().simple()
        ));
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (p, b) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    b.wait();
                    SqliteStore::open(&p).map(|_| ())
                })
            })
            .collect();
        for h in handles {
            if let Err(e) = h.join().unwrap() {
                panic!("round {round}: {e}");
            }
        }
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }
}
