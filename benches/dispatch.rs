//! Dispatch throughput to real servers on 127.0.0.1, pacing off: messages
//! per second from the outbox to aiosmtpd (SMTP, one connection reused, one
//! message per claim because SMTP cannot be asked about a message after a
//! crash) and to the Twilio fake (HTTP, claims of 50). Each measured batch
//! is 200 messages stored beforehand (not timed) and then dispatched: claim,
//! hand-over, outcome committed (SQLite, full sync), message by message.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use airscript::messaging::config::{Config, Mode, QuietHours};
use airscript::messaging::dispatch::Dispatcher;
use airscript::messaging::fields::Actor;
use airscript::messaging::outbox::{Outbox, Settings};
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::messaging::transport::local::Local;
use airscript::messaging::transport::smtp::Smtp;
use airscript::messaging::transport::twilio::Twilio;
use airscript::messaging::transport::Transport;
use airscript::session::{Channel, Effects};
use airscript::{Clock, Context, Engine, Session};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

const BATCH: u64 = 200;

fn config(env: &[(&str, String)]) -> Config {
    let dir = std::env::temp_dir();
    let lookup = |k: &str| env.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
    Config::load(None, &dir, &lookup).unwrap()
}

fn bench(
    c: &mut Criterion,
    name: &str,
    src: &str,
    channel: Channel,
    make: &dyn Fn() -> Box<dyn Transport>,
) {
    let db = std::env::temp_dir().join(format!(
        "air-bench-dispatch-{}-{}.db",
        std::process::id(),
        name.replace(' ', "-")
    ));
    let _ = std::fs::remove_file(&db);
    let mut settings = Settings::from_config(&Config::defaults());
    settings.quiet_hours = QuietHours::Off;
    settings.mode = Mode::Preview;
    let outbox = Arc::new(Outbox::new(
        Box::new(SqliteStore::open(&db).unwrap()),
        settings,
        Clock::System,
    ));
    let expr = Engine::new()
        .with_session(Session {
            effects: Some(outbox.clone() as Arc<dyn Effects>),
            ..Session::default()
        })
        .compile_expression(src)
        .unwrap();
    let ctx = Context::from_json(&json!({"name": "Ada", "order": "A-1001"})).unwrap();
    let (email, sms): (Box<dyn Transport>, Box<dyn Transport>) = match channel {
        Channel::Email => (make(), Box::new(Local)),
        Channel::Sms => (Box::new(Local), make()),
    };
    let mut d = Dispatcher::new(
        Box::new(SqliteStore::open(&db).unwrap()),
        email,
        sms,
        Clock::System,
    );
    let mut row = 0u64;
    let mut g = c.benchmark_group("dispatch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(BATCH));
    g.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                for _ in 0..BATCH {
                    row += 1;
                    outbox.begin("bench", row, Actor::default());
                    expr.eval(&ctx).unwrap();
                }
                let t = Instant::now();
                let r = d.dispatch_due().unwrap();
                spent += t.elapsed();
                assert_eq!(r.sent as u64, BATCH, "{r:?}");
            }
            spent
        })
    });
    g.finish();
    let _ = std::fs::remove_file(&db);
}

fn dispatch(c: &mut Criterion) {
    let smtpd = support::smtpd::Smtpd::accept();
    let cfg = config(&[
        ("AIR_SMTP_URL", smtpd.url()),
        ("AIR_EMAIL_FROM", "news@example.com".into()),
    ]);
    bench(
        c,
        "email to aiosmtpd (SMTP)",
        r#"SEND_EMAIL({to: "ada@example.com", subject: "Hi {{name}}", body: "Order {{order}} shipped.", html: "<p>Order {{order}}</p>"})"#,
        Channel::Email,
        &|| Box::new(Smtp::from_config(&cfg).unwrap()),
    );
    drop(smtpd);

    let fake = support::twilio_fake::TwilioFake::start();
    let cfg = config(&[
        ("AIR_TWILIO_ACCOUNT_SID", fake.account_sid.clone()),
        ("AIR_TWILIO_AUTH_TOKEN", fake.auth_token.clone()),
        ("AIR_TWILIO_BASE_URL", fake.url()),
        ("AIR_SMS_FROM", "+15005550006".into()),
    ]);
    bench(
        c,
        "SMS to the Twilio fake (HTTP)",
        r#"SEND_SMS({to: "+14155552671", from: "+15005550006", body: "Hi {{name}}, order {{order}} shipped."})"#,
        Channel::Sms,
        &|| Box::new(Twilio::from_config(&cfg).unwrap()),
    );
}

criterion_group!(benches, dispatch);
criterion_main!(benches);
