//! Nothing twice, nothing lost: a bulk run of 1,000 rows killed with SIGKILL
//! at random points and run again ends with exactly one message per row.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::RngExt;

const ROWS: usize = 1000;
const TRIALS: usize = 10;

fn air(dir: &PathBuf) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_air"));
    c.current_dir(dir);
    for (k, _) in std::env::vars() {
        if k.starts_with("AIR_") {
            c.env_remove(k);
        }
    }
    c
}

fn messages(dir: &Path) -> (i64, i64) {
    let path = dir.join(".air/outbox.db");
    if !path.exists() {
        return (0, 0);
    }
    let db = rusqlite::Connection::open(path).unwrap();
    db.query_row(
        "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM messages",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn a_killed_bulk_run_resumes_without_duplicates() {
    let dir = std::env::temp_dir().join(format!("air-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("name,email\n");
    for i in 0..ROWS {
        csv.push_str(&format!("Customer {i},customer{i}@example.com\n"));
    }
    std::fs::write(dir.join("contacts.csv"), csv).unwrap();
    std::fs::write(
        dir.join("notify.air"),
        "SEND_EMAIL({subject: \"Hello {{name}}\", body: \"Your statement is ready.\"})\n",
    )
    .unwrap();
    // How long a whole run takes here, to aim the kills.
    let started = Instant::now();
    let full = air(&dir)
        .args(["run", "notify.air", "--data", "contacts.csv", "--fresh"])
        .output()
        .unwrap();
    assert_eq!(
        full.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&full.stderr)
    );
    let whole = started.elapsed();
    std::fs::remove_dir_all(dir.join(".air")).unwrap();

    let mut rng = rand::rng();
    let mut report = Vec::new();
    for trial in 0..TRIALS {
        let _ = std::fs::remove_dir_all(dir.join(".air"));
        let mut child = air(&dir)
            .args(["run", "notify.air", "--data", "contacts.csv"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = Duration::from_millis(rng.random_range(20..whole.as_millis().max(40) as u64));
        std::thread::sleep(at);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let (before, _) = messages(&dir);
        let rerun = air(&dir)
            .args(["run", "notify.air", "--data", "contacts.csv"])
            .output()
            .unwrap();
        assert_eq!(
            rerun.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        let (total, distinct) = messages(&dir);
        report.push(format!(
            "trial {trial}: killed at {at:?} with {before} stored; after the re-run {total}"
        ));
        assert_eq!(
            (total, distinct),
            (ROWS as i64, ROWS as i64),
            "{}",
            report.join("\n")
        );
        let db = rusqlite::Connection::open(dir.join(".air/outbox.db")).unwrap();
        // A message the killed run's dispatcher held stays `sending` until its
        // lease runs out (then it is reconciled); every other one is delivered.
        let other: i64 = db
            .query_row(
                "SELECT COUNT(*) FROM messages WHERE status NOT IN ('delivered', 'sending')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(other, 0, "every message delivered or held by a lease");
    }
    eprintln!("a whole run took {whole:?}\n{}", report.join("\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}
