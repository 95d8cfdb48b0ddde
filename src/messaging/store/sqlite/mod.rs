//! The embedded outbox: one SQLite file (write-ahead log, full sync) with
//! versioned migrations that run on open.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use super::*;
use crate::messaging::status::Status;
use crate::session::Channel;

/// Schema changes, applied in order on open; `PRAGMA user_version` counts
/// the ones applied. Never edit one that has shipped: add the next.
const MIGRATIONS: &[&str] = &[
    // 1: messages, their events, runs, the lists, the limiter and pacing buckets.
    "CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload_hash TEXT NOT NULL,
        run_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT,
        body TEXT NOT NULL,
        payload TEXT NOT NULL,
        mime BLOB,
        status TEXT NOT NULL,
        reason TEXT,
        provider TEXT,
        provider_status TEXT,
        provider_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        mode TEXT NOT NULL
    );
    CREATE INDEX messages_due ON messages (status, due_at);
    CREATE INDEX messages_run ON messages (run_id);
    CREATE INDEX messages_created ON messages (created_at);
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL REFERENCES messages (id),
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        provider_status TEXT,
        detail TEXT
    );
    CREATE INDEX events_message ON events (message_id, seq);
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        script TEXT NOT NULL,
        data TEXT,
        rows INTEGER,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
    );
    CREATE TABLE opt_out (
        key TEXT PRIMARY KEY, at INTEGER NOT NULL, reason TEXT NOT NULL, message_id TEXT
    );
    CREATE TABLE suppression (
        key TEXT PRIMARY KEY, at INTEGER NOT NULL, reason TEXT NOT NULL, message_id TEXT
    );
    CREATE TABLE limiter (
        key TEXT PRIMARY KEY, message_id TEXT NOT NULL, at INTEGER NOT NULL
    );
    CREATE TABLE buckets (
        name TEXT PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL
    );",
    // 2: texts received (webhooks), and messages by the provider's id.
    "CREATE TABLE inbound (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        sender TEXT NOT NULL,
        recipient TEXT NOT NULL,
        body TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX inbound_at ON inbound (at);
    CREATE INDEX messages_provider_id ON messages (provider_id);",
];

/// The outbox in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

const COLUMNS: &str = "id, idempotency_key, run_id, channel, recipient, subject, body, payload,
    length(mime), status, reason, provider, provider_status, provider_id, attempts, due_at,
    created_at, updated_at, mode";

fn record(row: &Row<'_>) -> rusqlite::Result<Record> {
    let channel: String = row.get(3)?;
    let status: String = row.get(9)?;
    Ok(Record {
        id: row.get(0)?,
        idempotency_key: row.get(1)?,
        run_id: row.get(2)?,
        channel: Channel::parse(&channel).unwrap_or(Channel::Email),
        recipient: row.get(4)?,
        subject: row.get(5)?,
        body: row.get(6)?,
        payload: row.get(7)?,
        mime_size: row.get(8)?,
        status: Status::parse(&status).unwrap_or(Status::Unknown),
        reason: row.get(10)?,
        provider: row.get(11)?,
        provider_status: row.get(12)?,
        provider_id: row.get(13)?,
        attempts: row.get(14)?,
        due_at: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        mode: row.get(18)?,
    })
}

fn get_in(tx: &Connection, id: &str) -> StoreResult<Option<Record>> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM messages WHERE id = ?1"),
        [id],
        record,
    )
    .optional()
    .map_err(err)
}

fn event(
    tx: &Connection,
    id: &str,
    at: i64,
    status: Status,
    ps: Option<&str>,
    detail: Option<&str>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO events (message_id, at, status, provider_status, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, at, status.name(), ps, detail],
    )
    .map(drop)
    .map_err(err)
}

fn table(list: List) -> &'static str {
    match list {
        List::OptOut => "opt_out",
        List::Suppression => "suppression",
    }
}

/// How long a statement waits for another process's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Switches the outbox to write-ahead logging. While another process is
/// creating the same outbox, the switch can fail at once with "database is
/// locked" (SQLite does not call the busy handler for it), so it is tried
/// again for as long as any other statement would wait.
fn write_ahead_log(conn: &Connection) -> StoreResult<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Ok(()) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(err(e)),
        }
    }
}

impl SqliteStore {
    /// Opens (creating it and its directory if needed) the outbox at `path`,
    /// and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path)
            .map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        Self::setup(conn)
    }

    /// A private outbox in memory (tests and `--dry-run` without a file).
    pub fn in_memory() -> StoreResult<SqliteStore> {
        Self::setup(Connection::open_in_memory().map_err(err)?)
    }

    fn setup(mut conn: Connection) -> StoreResult<SqliteStore> {
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        write_ahead_log(&conn)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        // Read the version and migrate inside one write transaction, so that
        // two processes opening a new outbox at once cannot both migrate it.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError(format!(
                "the outbox has schema version {version}, newer than this air knows ({known}); upgrade air"
            )));
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(m).map_err(err)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(SqliteStore { conn })
    }

    /// The schema version (the number of migrations applied).
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)
    }

    fn write(&mut self) -> StoreResult<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)
    }
}

/// The policy checks of `submit`, inside its transaction.
fn refusal(tx: &Connection, m: &NewMessage) -> StoreResult<Option<Refusal>> {
    if let Some(number) = &m.checks.opt_out {
        let hit: Option<String> = tx
            .query_row("SELECT reason FROM opt_out WHERE key = ?1", [number], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)?;
        if let Some(reason) = hit {
            return Ok(Some(Refusal {
                code: "opt-out".into(),
                detail: format!("{number} has opted out of text messages ({reason})"),
            }));
        }
    }
    for address in &m.checks.suppressed {
        let hit: Option<String> = tx
            .query_row(
                "SELECT reason FROM suppression WHERE key = ?1",
                [address],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        if let Some(reason) = hit {
            return Ok(Some(Refusal {
                code: "suppressed".into(),
                detail: format!("{address} is on the suppression list ({reason})"),
            }));
        }
    }
    if let Some((key, window)) = &m.checks.duplicate {
        let last: Option<(String, i64)> = tx
            .query_row(
                "SELECT message_id, at FROM limiter WHERE key = ?1 AND at > ?2",
                params![key, m.created_at - window],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(err)?;
        if let Some((id, at)) = last {
            let ago = match (m.created_at - at) / 60_000 {
                0 => "less than a minute".to_string(),
                1 => "1 minute".to_string(),
                n => format!("{n} minutes"),
            };
            return Ok(Some(Refusal {
                code: "error.platform.message-limiter.duplicate-message-sent".into(),
                detail: format!(
                    "the same text went to {} {ago} ago (message {id}); the same text to the same number is refused for {} minutes",
                    m.recipient,
                    window / 60_000
                ),
            }));
        }
    }
    Ok(None)
}

impl Store for SqliteStore {
    fn submit(&mut self, m: &NewMessage, dry_run: bool) -> StoreResult<Submitted> {
        let tx = self.write()?;
        let existing: Option<(String, String)> = tx
            .query_row(
                "SELECT id, payload_hash FROM messages WHERE idempotency_key = ?1",
                [&m.idempotency_key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(err)?;
        if let Some((id, hash)) = existing {
            let rec =
                get_in(&tx, &id)?.ok_or_else(|| StoreError(format!("message {id} vanished")))?;
            return Ok(if hash == m.payload_hash {
                Submitted::Existing(rec)
            } else {
                Submitted::Conflict(rec)
            });
        }
        let refused = refusal(&tx, m)?;
        let (status, reason) = match &refused {
            Some(r) => (
                Status::Suppressed,
                Some(format!("{}: {}", r.code, r.detail)),
            ),
            None => (m.status, m.reason.clone()),
        };
        tx.execute(
            "INSERT INTO messages (id, idempotency_key, payload_hash, run_id, channel, recipient,
                subject, body, payload, mime, status, reason, due_at, created_at, updated_at, mode)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
            params![
                m.id,
                m.idempotency_key,
                m.payload_hash,
                m.run_id,
                m.channel.name(),
                m.recipient,
                m.subject,
                m.body,
                m.payload,
                m.mime,
                status.name(),
                reason,
                m.due_at,
                m.created_at,
                m.mode,
            ],
        )
        .map_err(err)?;
        event(&tx, &m.id, m.created_at, status, None, reason.as_deref())?;
        if let (None, Some((key, _))) = (&refused, &m.checks.duplicate) {
            tx.execute(
                "INSERT INTO limiter (key, message_id, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET message_id = excluded.message_id, at = excluded.at",
                params![key, m.id, m.created_at],
            )
            .map_err(err)?;
        }
        let rec = get_in(&tx, &m.id)?.ok_or_else(|| StoreError("insert lost".into()))?;
        if dry_run {
            tx.rollback().map_err(err)?;
        } else {
            tx.commit().map_err(err)?;
        }
        Ok(Submitted::Inserted(rec, refused))
    }

    fn get(&mut self, id: &str) -> StoreResult<Option<Record>> {
        get_in(&self.conn, id)
    }

    fn ids_starting(&mut self, prefix: &str, limit: usize) -> StoreResult<Vec<String>> {
        // Ids are hex: a prefix with anything else matches nothing (and a
        // LIKE wildcard in it cannot widen the match).
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(Vec::new());
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT id FROM messages WHERE id >= ?1 AND id < ?1 || 'zzzz' ORDER BY id LIMIT ?2",
            )
            .map_err(err)?;
        let rows = st
            .query_map(params![prefix, limit as i64], |r| r.get::<_, String>(0))
            .map_err(err)?;
        let ids: Vec<String> = rows.collect::<rusqlite::Result<_>>().map_err(err)?;
        Ok(ids.into_iter().filter(|i| i.starts_with(prefix)).collect())
    }

    fn mime(&mut self, id: &str) -> StoreResult<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT mime FROM messages WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map(Option::flatten)
            .map_err(err)
    }

    fn events(&mut self, id: &str) -> StoreResult<Vec<Event>> {
        let mut st = self
            .conn
            .prepare("SELECT at, status, provider_status, detail FROM events WHERE message_id = ?1 ORDER BY seq")
            .map_err(err)?;
        let rows = st
            .query_map([id], |r| {
                let status: String = r.get(1)?;
                Ok(Event {
                    at: r.get(0)?,
                    status: Status::parse(&status).unwrap_or(Status::Unknown),
                    provider_status: r.get(2)?,
                    detail: r.get(3)?,
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    fn list(&mut self, f: &Filter) -> StoreResult<Vec<Record>> {
        let mut sql = format!("SELECT {COLUMNS} FROM messages WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if let Some(s) = f.status {
            args.push(s.name().to_string());
            sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if let Some(c) = f.channel {
            args.push(c.name().to_string());
            sql.push_str(&format!(" AND channel = ?{}", args.len()));
        }
        if let Some(r) = &f.run {
            args.push(r.clone());
            sql.push_str(&format!(" AND run_id = ?{}", args.len()));
        }
        sql.push_str(" ORDER BY created_at DESC, id DESC");
        if let Some(n) = f.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut st = self.conn.prepare(&sql).map_err(err)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args.iter()), record)
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    fn claim(
        &mut self,
        now: i64,
        owner: &str,
        lease_ms: i64,
        limit: usize,
    ) -> StoreResult<Vec<Record>> {
        let tx = self.write()?;
        let ids: Vec<String> = {
            let mut st = tx
                .prepare(
                    "SELECT id FROM messages WHERE status IN ('queued', 'scheduled', 'delayed')
                     AND due_at <= ?1 ORDER BY due_at, created_at LIMIT ?2",
                )
                .map_err(err)?;
            let rows = st
                .query_map(params![now, limit as i64], |r| r.get(0))
                .map_err(err)?;
            rows.collect::<rusqlite::Result<_>>().map_err(err)?
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in &ids {
            tx.execute(
                "UPDATE messages SET status = 'sending', lease_owner = ?2, lease_until = ?3,
                 attempts = attempts + 1, updated_at = ?4 WHERE id = ?1",
                params![id, owner, now + lease_ms, now],
            )
            .map_err(err)?;
            event(&tx, id, now, Status::Sending, None, None)?;
            if let Some(r) = get_in(&tx, id)? {
                out.push(r);
            }
        }
        tx.commit().map_err(err)?;
        Ok(out)
    }

    fn complete(
        &mut self,
        id: &str,
        owner: &str,
        now: i64,
        outcome: &Outcome,
    ) -> StoreResult<bool> {
        let tx = self.write()?;
        let held: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT status, lease_owner FROM messages WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(err)?;
        match held {
            Some((status, Some(o))) if status == "sending" && o == owner => {}
            _ => return Ok(false),
        }
        let Change {
            status,
            reason,
            due,
            provider,
            pid,
            ps,
        } = Change::of(outcome, now);
        tx.execute(
            "UPDATE messages SET status = ?2, reason = ?3, due_at = COALESCE(?4, due_at),
             provider = COALESCE(?5, provider), provider_id = COALESCE(?6, provider_id),
             provider_status = COALESCE(?7, provider_status),
             lease_owner = NULL, lease_until = NULL, updated_at = ?8 WHERE id = ?1",
            params![id, status.name(), reason, due, provider, pid, ps, now],
        )
        .map_err(err)?;
        if let Outcome::Retry {
            throttled: true, ..
        } = outcome
        {
            tx.execute(
                "UPDATE messages SET attempts = attempts - 1 WHERE id = ?1",
                [id],
            )
            .map_err(err)?;
        }
        if status == Status::Delivered {
            // A provider that delivers at once (the local mailbox) was still handed it first.
            event(&tx, id, now, Status::Sent, ps, provider)?;
        }
        event(&tx, id, now, status, ps, reason.or(provider))?;
        tx.commit().map_err(err)?;
        Ok(true)
    }

    fn stale(&mut self, now: i64) -> StoreResult<Vec<Record>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM messages WHERE status = 'sending' AND lease_until < ?1 ORDER BY due_at"
            ))
            .map_err(err)?;
        let rows = st.query_map([now], record).map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    fn take_over(&mut self, id: &str, owner: &str, now: i64, lease_ms: i64) -> StoreResult<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE messages SET lease_owner = ?2, lease_until = ?3, updated_at = ?4
                 WHERE id = ?1 AND status = 'sending' AND lease_until < ?4",
                params![id, owner, now + lease_ms, now],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn set_status(
        &mut self,
        id: &str,
        status: Status,
        now: i64,
        detail: &str,
    ) -> StoreResult<Option<Record>> {
        let tx = self.write()?;
        let Some(rec) = get_in(&tx, id)? else {
            return Ok(None);
        };
        if !rec.status.can_become(status) {
            return Err(StoreError(format!(
                "message {id} is {}; it cannot become {status}",
                rec.status
            )));
        }
        tx.execute(
            "UPDATE messages SET status = ?2, reason = ?3, due_at = CASE WHEN ?2 = 'queued' THEN ?4 ELSE due_at END,
             lease_owner = NULL, lease_until = NULL, updated_at = ?4 WHERE id = ?1",
            params![id, status.name(), detail, now],
        )
        .map_err(err)?;
        event(&tx, id, now, status, None, Some(detail))?;
        let rec = get_in(&tx, id)?;
        tx.commit().map_err(err)?;
        Ok(rec)
    }

    fn next_due(&mut self) -> StoreResult<Option<i64>> {
        self.conn
            .query_row(
                "SELECT MIN(due_at) FROM messages WHERE status IN ('queued', 'scheduled', 'delayed')",
                [],
                |r| r.get(0),
            )
            .map_err(err)
    }

    fn take_token(
        &mut self,
        bucket: &str,
        rate: f64,
        burst: f64,
        now: i64,
    ) -> StoreResult<Option<i64>> {
        if rate <= 0.0 || !rate.is_finite() {
            return Ok(None);
        }
        let tx = self.write()?;
        let (tokens, at): (f64, i64) = tx
            .query_row(
                "SELECT tokens, at FROM buckets WHERE name = ?1",
                [bucket],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(err)?
            .unwrap_or((burst, now));
        let elapsed = (now - at).max(0) as f64 / 1000.0;
        let tokens = (tokens + elapsed * rate).min(burst);
        let (left, wait) = if tokens >= 1.0 {
            (tokens - 1.0, None)
        } else {
            (
                tokens,
                Some((((1.0 - tokens) / rate) * 1000.0).ceil() as i64),
            )
        };
        tx.execute(
            "INSERT INTO buckets (name, tokens, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET tokens = excluded.tokens, at = excluded.at",
            params![bucket, left, now],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(wait)
    }

    fn list_entries(&mut self, list: List) -> StoreResult<Vec<ListEntry>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT key, at, reason, message_id FROM {} ORDER BY key",
                table(list)
            ))
            .map_err(err)?;
        let rows = st
            .query_map([], |r| {
                Ok(ListEntry {
                    key: r.get(0)?,
                    at: r.get(1)?,
                    reason: r.get(2)?,
                    message_id: r.get(3)?,
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    fn add_entry(&mut self, list: List, e: &ListEntry) -> StoreResult<bool> {
        let n = self
            .conn
            .execute(
                &format!("INSERT OR IGNORE INTO {} (key, at, reason, message_id) VALUES (?1, ?2, ?3, ?4)", table(list)),
                params![e.key, e.at, e.reason, e.message_id],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn remove_entry(&mut self, list: List, key: &str) -> StoreResult<bool> {
        let n = self
            .conn
            .execute(
                &format!("DELETE FROM {} WHERE key = ?1", table(list)),
                [key],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn start_run(&mut self, run: &Run) -> StoreResult<()> {
        self.conn
            .execute(
                "INSERT INTO runs (id, script, data, rows, started_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO NOTHING",
                params![run.id, run.script, run.data, run.rows, run.started_at],
            )
            .map(drop)
            .map_err(err)
    }

    fn finish_run(&mut self, id: &str, rows: i64, now: i64) -> StoreResult<()> {
        self.conn
            .execute(
                "UPDATE runs SET rows = ?2, finished_at = ?3 WHERE id = ?1",
                params![id, rows, now],
            )
            .map(drop)
            .map_err(err)
    }

    fn runs(&mut self) -> StoreResult<Vec<Run>> {
        let mut st = self
            .conn
            .prepare("SELECT id, script, data, rows, started_at, finished_at FROM runs ORDER BY started_at DESC")
            .map_err(err)?;
        let rows = st.query_map([], run_row).map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    fn run(&mut self, id: &str) -> StoreResult<Option<Run>> {
        self.conn
            .query_row(
                "SELECT id, script, data, rows, started_at, finished_at FROM runs WHERE id = ?1",
                [id],
                run_row,
            )
            .optional()
            .map_err(err)
    }

    fn run_totals(&mut self, id: &str) -> StoreResult<Vec<(Status, i64)>> {
        let mut st = self
            .conn
            .prepare("SELECT status, COUNT(*) FROM messages WHERE run_id = ?1 GROUP BY status")
            .map_err(err)?;
        let rows = st
            .query_map([id], |r| {
                let s: String = r.get(0)?;
                Ok((Status::parse(&s).unwrap_or(Status::Unknown), r.get(1)?))
            })
            .map_err(err)?;
        let mut v: Vec<(Status, i64)> = rows.collect::<rusqlite::Result<_>>().map_err(err)?;
        v.sort();
        Ok(v)
    }

    fn find_by_provider_id(&mut self, provider_id: &str) -> StoreResult<Option<Record>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM messages WHERE provider_id = ?1
                     ORDER BY created_at DESC LIMIT 1"
                ),
                [provider_id],
                record,
            )
            .optional()
            .map_err(err)
    }

    fn provider_event(&mut self, id: &str, e: &ProviderEvent, now: i64) -> StoreResult<Applied> {
        let tx = self.write()?;
        let Some(rec) = get_in(&tx, id)? else {
            return Ok(Applied::Missing);
        };
        let detail = Some(e.detail.as_str()).filter(|d| !d.is_empty());
        let pid = e.provider_id.as_deref();
        let applied = match e.status {
            Some(to) if reportable(to) && rec.status.can_become(to) => {
                let reason = match to {
                    Status::Sent | Status::Delivered => None,
                    _ => detail,
                };
                tx.execute(
                    "UPDATE messages SET status = ?2, reason = ?3, provider = COALESCE(provider, ?4),
                     provider_id = COALESCE(provider_id, ?5), provider_status = ?6,
                     lease_owner = NULL, lease_until = NULL, updated_at = ?7 WHERE id = ?1",
                    params![id, to.name(), reason, e.provider, pid, e.provider_status, now],
                )
                .map_err(err)?;
                event(&tx, id, now, to, Some(&e.provider_status), detail)?;
                Applied::Moved {
                    from: rec.status,
                    to,
                }
            }
            wanted => {
                if pid.is_some() && rec.provider_id.is_none() {
                    tx.execute(
                        "UPDATE messages SET provider = COALESCE(provider, ?2), provider_id = ?3,
                         updated_at = ?4 WHERE id = ?1",
                        params![id, e.provider, pid, now],
                    )
                    .map_err(err)?;
                }
                let note = wanted.map(|to| {
                    let why = format!("not {to}: the message is already {}", rec.status);
                    match detail {
                        Some(d) => format!("{d}; {why}"),
                        None => why,
                    }
                });
                let detail = note.as_deref().or(detail);
                event(&tx, id, now, rec.status, Some(&e.provider_status), detail)?;
                Applied::Logged { status: rec.status }
            }
        };
        tx.commit().map_err(err)?;
        Ok(applied)
    }

    fn add_inbound(&mut self, m: &Inbound) -> StoreResult<bool> {
        let n = self
            .conn
            .execute(
                "INSERT OR IGNORE INTO inbound (id, provider, sender, recipient, body, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![m.id, m.provider, m.from, m.to, m.body, m.at],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn inbound(&mut self, limit: usize) -> StoreResult<Vec<Inbound>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, provider, sender, recipient, body, at FROM inbound
                 ORDER BY at DESC, rowid DESC LIMIT ?1",
            )
            .map_err(err)?;
        let rows = st
            .query_map([limit as i64], |r| {
                Ok(Inbound {
                    id: r.get(0)?,
                    provider: r.get(1)?,
                    from: r.get(2)?,
                    to: r.get(3)?,
                    body: r.get(4)?,
                    at: r.get(5)?,
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }
}

/// The columns an outcome changes.
struct Change<'a> {
    status: Status,
    reason: Option<&'a str>,
    due: Option<i64>,
    provider: Option<&'a str>,
    pid: Option<&'a str>,
    ps: Option<&'a str>,
}

impl<'a> Change<'a> {
    fn of(outcome: &'a Outcome, now: i64) -> Change<'a> {
        let bare = |status, reason: &'a str, due| Change {
            status,
            reason: Some(reason),
            due,
            provider: None,
            pid: None,
            ps: None,
        };
        match outcome {
            Outcome::Accepted {
                status,
                provider,
                provider_id,
                provider_status,
            } => Change {
                status: *status,
                reason: None,
                due: None,
                provider: Some(provider),
                pid: provider_id.as_deref(),
                ps: provider_status.as_deref(),
            },
            Outcome::Retry {
                retry_at, error, ..
            } => bare(Status::Delayed, error, Some(*retry_at)),
            Outcome::Refused { status, error } => bare(*status, error, None),
            Outcome::Unknown { detail } => bare(Status::Unknown, detail, None),
            Outcome::Requeue { detail } => bare(Status::Queued, detail, Some(now)),
        }
    }
}

/// Whether a provider's report may move a message to `status`: never back
/// into the queue (a waiting status would make the dispatcher send it again).
fn reportable(status: Status) -> bool {
    !matches!(
        status,
        Status::Queued | Status::Scheduled | Status::Delayed | Status::Sending
    )
}

fn run_row(r: &Row<'_>) -> rusqlite::Result<Run> {
    Ok(Run {
        id: r.get(0)?,
        script: r.get(1)?,
        data: r.get(2)?,
        rows: r.get(3)?,
        started_at: r.get(4)?,
        finished_at: r.get(5)?,
    })
}

#[cfg(test)]
mod tests;
