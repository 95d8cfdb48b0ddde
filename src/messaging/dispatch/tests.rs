use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use super::*;
use crate::messaging::store::sqlite::SqliteStore;
use crate::messaging::store::testing::sms;
use crate::messaging::store::{Checks, Filter, NewMessage, Submitted};
use crate::messaging::transport::local::Local;

/// A transport that answers from a script and records what it was given.
#[derive(Default, Clone)]
struct Scripted {
    answers: Arc<Mutex<VecDeque<Delivery>>>,
    sent: Arc<Mutex<Vec<String>>>,
    reconciled: Option<Reconciled>,
    /// The name in configuration ("scripted" unless set).
    label: Option<&'static str>,
    /// When set: an outbox to count `sending` messages in at each hand-over.
    peek: Option<std::path::PathBuf>,
    sending_seen: Arc<Mutex<Vec<usize>>>,
    /// What `looks_up` answers.
    looks_up: bool,
}

impl Scripted {
    fn named(label: &'static str, answers: Vec<Delivery>) -> Scripted {
        Scripted {
            label: Some(label),
            answers: Arc::new(Mutex::new(answers.into())),
            ..Scripted::default()
        }
    }
    fn got(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn name(&self) -> &str {
        self.label.unwrap_or("scripted")
    }
    fn looks_up(&self) -> bool {
        self.looks_up
    }
    fn send(&mut self, m: &Outgoing<'_>) -> Delivery {
        self.sent.lock().unwrap().push(m.record.id.clone());
        if let Some(p) = &self.peek {
            let sending = SqliteStore::open(p)
                .unwrap()
                .list(&Filter {
                    status: Some(Status::Sending),
                    ..Filter::default()
                })
                .unwrap()
                .len();
            self.sending_seen.lock().unwrap().push(sending);
        }
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Delivery::Accepted {
                status: Status::Sent,
                provider_id: Some(format!("p-{}", m.record.id)),
                provider_status: None,
            })
    }
    fn reconcile(&mut self, _: &Record) -> Reconciled {
        self.reconciled.clone().unwrap_or(Reconciled::NotSent)
    }
}

fn db() -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "air-dispatch-{}-{}.db",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ))
}

fn put(path: &std::path::Path, id: &str, at: i64) {
    let mut s = SqliteStore::open(path).unwrap();
    // No policy checks: these tests are about delivery.
    let m = NewMessage {
        checks: Checks::default(),
        ..sms(id, id, "+14155550100", "hi", at)
    };
    assert!(matches!(
        s.submit(&m, false).unwrap(),
        Submitted::Inserted(..)
    ));
}

fn at(ms: i64) -> Clock {
    Clock::Fixed(jiff::Timestamp::from_millisecond(ms).unwrap())
}

fn dispatcher(path: &std::path::Path, sms: Scripted, now: i64) -> Dispatcher {
    let store = Box::new(SqliteStore::open(path).unwrap());
    Dispatcher::new(store, Box::new(Local), Box::new(sms), at(now))
}

fn status(path: &std::path::Path, id: &str) -> Record {
    SqliteStore::open(path).unwrap().get(id).unwrap().unwrap()
}

#[test]
fn delivers_due_messages_once() {
    let p = db();
    put(&p, "a", 1_000);
    put(&p, "b", 1_000);
    let t = Scripted::default();
    let mut d = dispatcher(&p, t.clone(), 2_000);
    assert_eq!(d.dispatch_due().unwrap().sent, 2);
    assert_eq!(d.dispatch_due().unwrap(), Report::default());
    assert_eq!(*t.sent.lock().unwrap(), ["a", "b"]);
    let r = status(&p, "a");
    assert_eq!(
        (r.status, r.provider.as_deref(), r.provider_id.as_deref()),
        (Status::Sent, Some("scripted"), Some("p-a"))
    );
}

#[test]
fn transient_failures_back_off_then_fail() {
    let p = db();
    put(&p, "a", 0);
    let t = Scripted::default();
    for _ in 0..3 {
        t.answers.lock().unwrap().push_back(Delivery::Transient {
            error: "450 mailbox busy".into(),
            retry_after: None,
            throttled: false,
        });
    }
    let retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_secs(30),
        max_delay: Duration::from_secs(3600),
    };
    let mut now = 0;
    let mut delays = Vec::new();
    for _ in 0..3 {
        let mut d = dispatcher(&p, t.clone(), now);
        d.retry = retry.clone();
        d.dispatch_due().unwrap();
        let r = status(&p, "a");
        if r.status == Status::Delayed {
            delays.push(r.due_at - now);
            now = r.due_at;
        }
    }
    // Attempt 1 waits 15–30 s, attempt 2 waits 30–60 s, attempt 3 gives up.
    assert_eq!(delays.len(), 2, "{delays:?}");
    assert!((15_000..=30_000).contains(&delays[0]), "{delays:?}");
    assert!((30_000..=60_000).contains(&delays[1]), "{delays:?}");
    let r = status(&p, "a");
    assert_eq!(r.status, Status::Failed);
    assert_eq!(
        r.reason.as_deref(),
        Some("gave up after 3 attempts: scripted: 450 mailbox busy")
    );
}

#[test]
fn throttling_delays_without_counting() {
    let p = db();
    put(&p, "a", 0);
    let t = Scripted::default();
    t.answers.lock().unwrap().push_back(Delivery::Transient {
        error: "429 Too Many Requests".into(),
        retry_after: Some(Duration::from_secs(7)),
        throttled: true,
    });
    let mut d = dispatcher(&p, t.clone(), 0);
    d.dispatch_due().unwrap();
    let r = status(&p, "a");
    assert_eq!(
        (r.status, r.due_at, r.attempts),
        (Status::Delayed, 7_000, 0)
    );
    assert_eq!(
        r.reason.as_deref(),
        Some("quota: scripted: 429 Too Many Requests")
    );
    let mut d = dispatcher(&p, t, 7_000);
    assert_eq!(d.dispatch_due().unwrap().sent, 1);
}

#[test]
fn permanent_and_ambiguous_outcomes() {
    let p = db();
    put(&p, "a", 0);
    put(&p, "b", 0);
    let t = Scripted::default();
    t.answers.lock().unwrap().push_back(Delivery::Permanent {
        status: Status::Rejected,
        error: "550 no such user".into(),
    });
    t.answers.lock().unwrap().push_back(Delivery::Ambiguous {
        error: "connection lost after DATA".into(),
    });
    let mut d = dispatcher(&p, t, 0);
    let rep = d.dispatch_due().unwrap();
    assert_eq!((rep.failed, rep.unknown), (1, 1));
    assert_eq!(status(&p, "a").status, Status::Rejected);
    assert_eq!(status(&p, "b").status, Status::Unknown);
}

#[test]
fn a_crash_in_sending_is_reconciled_not_resent_blindly() {
    let p = db();
    put(&p, "a", 0);
    put(&p, "b", 0);
    // A dispatcher claims both and dies.
    SqliteStore::open(&p)
        .unwrap()
        .claim(0, "dead", 1_000, 10)
        .unwrap();
    let t = Scripted {
        reconciled: Some(Reconciled::Unknown {
            evidence: "no lookup by Message-ID".into(),
        }),
        ..Scripted::default()
    };
    let mut d = dispatcher(&p, t.clone(), 500);
    assert_eq!(
        d.dispatch_due().unwrap(),
        Report::default(),
        "the lease still holds"
    );
    let mut d = dispatcher(&p, t.clone(), 1_001);
    assert_eq!(d.dispatch_due().unwrap().unknown, 2);
    assert!(t.sent.lock().unwrap().is_empty(), "nothing resent");
    assert_eq!(
        status(&p, "a").reason.as_deref(),
        Some("no lookup by Message-ID")
    );
    // A transport that can tell: requeued and sent, or found sent.
    put(&p, "c", 0);
    SqliteStore::open(&p)
        .unwrap()
        .claim(0, "dead", 1_000, 10)
        .unwrap();
    let found = Scripted {
        reconciled: Some(Reconciled::Sent {
            provider_id: Some("SM1".into()),
        }),
        ..Scripted::default()
    };
    dispatcher(&p, found.clone(), 2_000).dispatch_due().unwrap();
    assert_eq!(status(&p, "c").status, Status::Sent);
    assert!(found.sent.lock().unwrap().is_empty());
    let mut s = SqliteStore::open(&p).unwrap();
    assert_eq!(s.list(&Filter::default()).unwrap().len(), 3);
}

#[test]
fn local_transport_delivers() {
    let p = db();
    put(&p, "a", 0);
    let store = Box::new(SqliteStore::open(&p).unwrap());
    let mut d = Dispatcher::new(store, Box::new(Local), Box::new(Local), at(10));
    d.dispatch_due().unwrap();
    let r = status(&p, "a");
    assert_eq!(
        (r.status, r.provider.as_deref()),
        (Status::Delivered, Some("local"))
    );
}

#[test]
fn backoff_is_capped() {
    let p = RetryPolicy::default();
    let mut rng = rand::rng();
    for attempts in [1, 5, 10, 40] {
        let d = p.delay(attempts, &mut rng);
        assert!(
            d <= Duration::from_secs(3600) && d >= Duration::from_secs(15),
            "{d:?}"
        );
    }
}

#[test]
fn each_hand_over_takes_a_pacing_token() {
    let p = db();
    put(&p, "a", 0);
    let store = Box::new(SqliteStore::open(&p).unwrap());
    // A fixed clock: pacing runs on real time all the same, so it cannot stall.
    let mut d = Dispatcher::new(store, Box::new(Local), Box::new(Scripted::default()), at(0));
    d.rates = [0.0, 0.5];
    assert_eq!(d.dispatch_due().unwrap().sent, 1);
    // The bucket (one token, refilled every 2 s) is now empty.
    let now = jiff::Timestamp::now().as_millisecond();
    let wait = SqliteStore::open(&p)
        .unwrap()
        .take_token("transport:scripted", 0.5, 1.0, now)
        .unwrap();
    assert!(wait.is_some_and(|w| w > 0 && w <= 2_000), "{wait:?}");
}

/// Two SMS transports in failover order, answering from their scripts.
fn failover(path: &std::path::Path, first: &Scripted, second: &Scripted) -> Dispatcher {
    let mut d = dispatcher(path, first.clone(), 1_000);
    d.fail_over_to(Channel::Sms, Box::new(second.clone()));
    d
}

fn transient(error: &str, throttled: bool) -> Delivery {
    Delivery::Transient {
        error: error.into(),
        retry_after: None,
        throttled,
    }
}

#[test]
fn fails_over_only_when_the_first_certainly_did_not_take_it() {
    // Down, or refused for good: the second provider sends it.
    for answer in [
        transient("connection refused", false),
        Delivery::Permanent {
            status: Status::Rejected,
            error: "sender not verified".into(),
        },
    ] {
        let p = db();
        put(&p, "a", 0);
        let (first, second) = (
            Scripted::named("one", vec![answer]),
            Scripted::named("two", vec![]),
        );
        let r = failover(&p, &first, &second).dispatch_due().unwrap();
        assert_eq!(r.sent, 1);
        assert_eq!(
            (first.got(), second.got()),
            (vec!["a".into()], vec!["a".into()])
        );
        let rec = status(&p, "a");
        assert_eq!(
            (rec.status, rec.provider.as_deref()),
            (Status::Sent, Some("two"))
        );
        assert!(
            rec.provider_status
                .as_deref()
                .unwrap()
                .starts_with("one did not take it ("),
            "{:?}",
            rec.provider_status
        );
    }
}

#[test]
fn never_fails_over_after_an_ambiguous_hand_over_throttling_or_an_opt_out() {
    let cases = [
        (
            Delivery::Ambiguous {
                error: "connection lost after the request".into(),
            },
            Status::Unknown,
        ),
        (transient("429 too many requests", true), Status::Delayed),
        (
            Delivery::Permanent {
                status: Status::Suppressed,
                error: "opt-out: 21610".into(),
            },
            Status::Suppressed,
        ),
    ];
    for (answer, expected) in cases {
        let p = db();
        put(&p, "a", 0);
        let (first, second) = (
            Scripted::named("one", vec![answer]),
            Scripted::named("two", vec![]),
        );
        failover(&p, &first, &second).dispatch_due().unwrap();
        assert_eq!(second.got(), Vec::<String>::new(), "{expected}");
        assert_eq!(status(&p, "a").status, expected);
    }
}

#[test]
fn an_opt_out_from_the_provider_joins_the_opt_out_list() {
    let p = db();
    put(&p, "a", 0);
    let t = Scripted::named(
        "one",
        vec![Delivery::Permanent {
            status: Status::Suppressed,
            error: "opt-out: Twilio 21610".into(),
        }],
    );
    dispatcher(&p, t, 1_000).dispatch_due().unwrap();
    let list = SqliteStore::open(&p)
        .unwrap()
        .list_entries(crate::messaging::store::List::OptOut)
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].key.as_str(), list[0].message_id.as_deref()),
        ("+14155550100", Some("a"))
    );
    assert_eq!(list[0].reason, "one: opt-out: Twilio 21610");
}

#[test]
fn when_every_transport_fails_the_last_answer_decides_and_names_them_all() {
    let p = db();
    put(&p, "a", 0);
    let (first, second) = (
        Scripted::named("one", vec![transient("timeout", false)]),
        Scripted::named("two", vec![transient("503", false)]),
    );
    let r = failover(&p, &first, &second).dispatch_due().unwrap();
    assert_eq!(r.retried, 1);
    let rec = status(&p, "a");
    assert_eq!(rec.status, Status::Delayed);
    assert_eq!(
        rec.reason.as_deref(),
        Some("attempt 1 of 8: one did not take it (timeout); two: 503")
    );
}

#[test]
fn transports_that_cannot_look_up_get_one_message_at_a_time() {
    for (looks_up, expected) in [(false, vec![1, 1, 1]), (true, vec![3, 2, 1])] {
        let p = db();
        for id in ["a", "b", "c"] {
            put(&p, id, 0);
        }
        let t = Scripted {
            peek: Some(p.clone()),
            looks_up,
            ..Scripted::default()
        };
        let mut d = dispatcher(&p, t.clone(), 1_000);
        assert_eq!(d.dispatch_due().unwrap().sent, 3);
        // Claimed and not yet handed over: a crash now would leave that many
        // messages for reconciliation to decide.
        assert_eq!(
            *t.sending_seen.lock().unwrap(),
            expected,
            "looks_up {looks_up}"
        );
    }
}
