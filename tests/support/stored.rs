//! Emails stored by the real outbox path, for the transport tests: a script
//! (one SEND_EMAIL) evaluated against a fresh SQLite outbox, and the record
//! and MIME bytes it stored.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use airscript::messaging::config::{Config, Source};
use airscript::messaging::fields::Actor;
use airscript::messaging::outbox::{Outbox, Settings};
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::messaging::store::{Record, Store};
use airscript::messaging::transport::Outgoing;
use airscript::session::Effects;
use airscript::{Clock, Context, Engine, Interpreter, Session, Value};

/// A message as the outbox stored it.
pub struct Stored {
    pub record: Record,
    pub mime: Vec<u8>,
}

impl Stored {
    pub fn outgoing(&self) -> Outgoing<'_> {
        Outgoing {
            record: &self.record,
            mime: Some(&self.mime),
        }
    }

    /// The Message-ID the outbox gave it (the sender's domain is example.com).
    pub fn message_id(&self) -> String {
        format!("<{}@example.com>", self.record.id)
    }
}

/// A path under cargo's temporary directory for tests, unique to this call.
pub fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ))
}

/// Runs `script` (one SEND_EMAIL) against a fresh SQLite outbox whose
/// sender is `Shop <shop@example.com>` and whose email transport is
/// `transport`, and returns the stored message.
pub fn stored(script: &str, transport: &str) -> Stored {
    let db = scratch(&format!("{transport}-outbox")).with_extension("db");
    let mut cfg = Config::defaults();
    cfg.set("email.from", "Shop <shop@example.com>", Source::Default);
    cfg.set("transports.email", transport, Source::Default);
    let clock = Clock::Fixed("2026-12-02T17:00:00Z".parse().unwrap());
    let outbox = Arc::new(
        Outbox::new(
            Box::new(SqliteStore::open(&db).unwrap()),
            Settings::from_config(&cfg),
            clock.clone(),
        )
        .with_base_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    );
    outbox.begin(&format!("run-{transport}"), 0, Actor::default());
    let session = Session {
        clock,
        effects: Some(outbox.clone() as Arc<dyn Effects>),
        ..Session::default()
    };
    let mut interpreter = Interpreter::new(Engine::new(), Context::new(), session);
    let mut last = Value::Null;
    if let Err(e) = interpreter.run(script, &mut |v| last = v.clone()) {
        panic!("{script}: {e:?}");
    }
    let id = last.as_object().expect("a record")["id"]
        .as_text()
        .expect("an id")
        .to_string();
    let mut store = SqliteStore::open(&db).unwrap();
    let record = store.get(&id).unwrap().expect("stored");
    let mime = store.mime(&id).unwrap().expect("MIME stored");
    let _ = std::fs::remove_file(&db);
    Stored { record, mime }
}
