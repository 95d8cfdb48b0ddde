//! Store throughput: messages per second into the outbox, the way a bulk run
//! stores them: a compiled SEND_EMAIL / SEND_SMS call evaluated against a
//! row, through validation, MIME building, the policies and one committed
//! SQLite transaction (write-ahead log, synchronous=FULL) per message.

use std::sync::Arc;

use airscript::messaging::config::{Config, Mode, QuietHours};
use airscript::messaging::fields::Actor;
use airscript::messaging::outbox::{Outbox, Settings};
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::session::Effects;
use airscript::{Clock, Context, Engine, Session};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;

fn bench(c: &mut Criterion, name: &str, src: &str) {
    let db = std::env::temp_dir().join(format!("air-bench-{}-{name}.db", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let mut settings = Settings::from_config(&Config::defaults());
    settings.quiet_hours = QuietHours::Off;
    // The same text again and again: the duplicate limiter would refuse it.
    settings.mode = Mode::Preview;
    let clock = Clock::System;
    let outbox = Arc::new(Outbox::new(
        Box::new(SqliteStore::open(&db).unwrap()),
        settings,
        clock.clone(),
    ));
    let session = Session {
        clock,
        effects: Some(outbox.clone() as Arc<dyn Effects>),
        ..Session::default()
    };
    let expr = Engine::new()
        .with_session(session)
        .compile_expression(src)
        .unwrap();
    let ctx = Context::from_json(&json!({"name": "Ada", "order": "A-1001"})).unwrap();
    let mut row = 0u64;
    let mut g = c.benchmark_group("outbox");
    g.throughput(Throughput::Elements(1));
    g.bench_function(name, |b| {
        b.iter(|| {
            row += 1;
            outbox.begin("bench", row, Actor::default());
            expr.eval(&ctx).unwrap()
        })
    });
    g.finish();
    let _ = std::fs::remove_file(&db);
}

fn store(c: &mut Criterion) {
    bench(
        c,
        "SEND_EMAIL into SQLite (full sync)",
        r#"SEND_EMAIL({to: "ada@example.com", subject: "Hi {{name}}", body: "Order {{order}} shipped.", html: "<p>Order {{order}}</p>"})"#,
    );
    bench(
        c,
        "SEND_SMS into SQLite (full sync)",
        r#"SEND_SMS({to: "+14155552671", body: "Hi {{name}}, order {{order}} shipped."})"#,
    );
}

criterion_group!(benches, store);
criterion_main!(benches);
