//! Nothing twice, nothing lost, against real servers: a 200-message bulk
//! run dispatched to the Twilio fake and to aiosmtpd, the process that
//! dispatches killed with SIGKILL at random points (half of the trials at
//! the worst moment: the provider has taken a message and the outcome is not
//! yet committed), then resumed. Every message must reach the server exactly
//! once, or be `unknown` (reached it at most once, never resent blindly).

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use airscript::messaging::status::Status;
use airscript::messaging::store::sqlite::SqliteStore;
use airscript::messaging::store::{Filter, Record, Store};
use rand::RngExt;

const ROWS: usize = 200;
const TRIALS: usize = 20;

/// A fresh directory with the script and its 200 rows.
fn workspace(name: &str, trial: usize, script: &str, column: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("air-crash-{name}-{}-{trial}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = format!("name,{column}\n");
    for i in 0..ROWS {
        csv.push_str(&format!("Customer {i},{}\n", recipient(column, i)));
    }
    std::fs::write(dir.join("rows.csv"), csv).unwrap();
    std::fs::write(dir.join("notify.air"), script).unwrap();
    dir
}

/// The i-th row's phone number or address.
fn recipient(column: &str, i: usize) -> String {
    match column {
        "phone" => format!("+1{}555{:04}", [415, 650][i / 100], 100 + i % 100),
        _ => format!("customer{i}@example.com"),
    }
}

fn air(dir: &Path, env: &[(&str, String)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_air"));
    c.current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, _) in std::env::vars() {
        if k.starts_with("AIR_") || k.starts_with("AWS_") {
            c.env_remove(k);
        }
    }
    for (k, v) in env {
        c.env(k, v);
    }
    // A crashed dispatcher's messages are reconciled after its lease.
    c.env("AIR_LEASE_SECONDS", "1");
    c
}

fn records(dir: &Path) -> Vec<Record> {
    let path = dir.join(".air/outbox.db");
    if !path.exists() {
        return Vec::new();
    }
    SqliteStore::open(&path)
        .unwrap()
        .list(&Filter::default())
        .unwrap()
}

/// Whether every message has left the waiting and sending states.
fn settled(rs: &[Record]) -> bool {
    rs.len() == ROWS
        && rs.iter().all(|r| {
            !matches!(
                r.status,
                Status::Queued | Status::Scheduled | Status::Delayed | Status::Sending
            )
        })
}

/// Runs the bulk run again (it resumes: stored messages are not stored
/// again) and dispatches until every message is settled.
fn resume(dir: &Path, env: &[(&str, String)]) -> Vec<Record> {
    for _ in 0..20 {
        // Past the dead dispatcher's lease.
        std::thread::sleep(Duration::from_millis(1_100));
        let out = air(dir, env)
            .args(["run", "notify.air", "--data", "rows.csv"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = air(dir, env).args(["outbox", "dispatch"]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rs = records(dir);
        if settled(&rs) {
            return rs;
        }
    }
    panic!("the outbox did not settle: {:?}", records(dir));
}

/// Starts the bulk run and kills it: `armed` gets its process id when the
/// server is to kill it at a chosen hand-over; otherwise it is killed after a
/// random moment. Returns whether SIGKILL ended it (a timer may come too late).
fn crash(dir: &Path, env: &[(&str, String)], armed: Option<&dyn Fn(u32)>) -> bool {
    let mut child = air(dir, env)
        .args(["run", "notify.air", "--data", "rows.csv"])
        .spawn()
        .unwrap();
    match armed {
        Some(arm) => arm(child.id()),
        None => {
            let at = rand::rng().random_range(20..500);
            std::thread::sleep(Duration::from_millis(at));
            let _ = child.kill(); // SIGKILL
        }
    }
    let status = child.wait().unwrap();
    std::os::unix::process::ExitStatusExt::signal(&status) == Some(9)
}

#[derive(Default, Debug)]
struct Tally {
    killed_by_server: usize,
    killed_by_timer: usize,
    sent: usize,
    unknown: usize,
    found_by_reconciliation: usize,
}

#[test]
fn twilio_killed_dispatchers_never_lose_or_repeat_a_message() {
    let fake = support::twilio_fake::TwilioFake::start();
    let env = vec![
        ("AIR_TWILIO_ACCOUNT_SID", fake.account_sid.clone()),
        ("AIR_TWILIO_AUTH_TOKEN", fake.auth_token.clone()),
        ("AIR_TWILIO_BASE_URL", fake.url()),
        ("AIR_SMS_FROM", "+15005550006".to_string()),
        ("AIR_QUIET_HOURS", "off".to_string()),
    ];
    let script = "SEND_SMS(phone, \"Hello {{name}}, your order has shipped.\")\n";
    let mut tally = Tally::default();
    for trial in 0..TRIALS {
        fake.clear();
        let dir = workspace("twilio", trial, script, "phone");
        let by_server = trial % 2 == 0;
        let cell = Arc::new(AtomicU32::new(0));
        if by_server {
            let k = rand::rng().random_range(1..=ROWS);
            let mut plan = vec![support::twilio_fake::Behaviour::Created; k - 1];
            plan.push(support::twilio_fake::Behaviour::KillThenDrop(cell.clone()));
            fake.script(plan);
        }
        let arm = |pid: u32| cell.store(pid, Ordering::SeqCst);
        let killed = crash(&dir, &env, by_server.then_some(&arm as &dyn Fn(u32)));
        if by_server {
            assert!(killed, "trial {trial}");
            assert_eq!(fake.kills().len(), 1, "trial {trial}");
            tally.killed_by_server += 1;
        } else if killed {
            tally.killed_by_timer += 1;
        }
        let rs = resume(&dir, &env);

        // What Twilio has, per number.
        let mut at_twilio: HashMap<String, Vec<String>> = HashMap::new();
        for m in fake.messages() {
            at_twilio
                .entry(m.to.clone())
                .or_default()
                .push(m.sid.clone());
        }
        assert_eq!(rs.len(), ROWS, "trial {trial}");
        for r in &rs {
            let sids = at_twilio.get(&r.recipient).cloned().unwrap_or_default();
            match r.status {
                Status::Sent => {
                    assert_eq!(
                        sids.len(),
                        1,
                        "trial {trial}: {} sent {sids:?}",
                        r.recipient
                    );
                    assert_eq!(
                        r.provider_id.as_deref(),
                        Some(sids[0].as_str()),
                        "trial {trial}"
                    );
                    tally.sent += 1;
                    if r.provider_status.as_deref() == Some("found by reconciliation") {
                        tally.found_by_reconciliation += 1;
                    }
                }
                Status::Unknown => {
                    assert!(sids.len() <= 1, "trial {trial}: {} twice", r.recipient);
                    tally.unknown += 1;
                }
                other => panic!("trial {trial}: {} is {other}", r.id),
            }
        }
        assert_eq!(
            at_twilio.values().map(Vec::len).sum::<usize>(),
            at_twilio.len(),
            "trial {trial}: a number got two messages"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("twilio crash figures over {TRIALS} trials: {tally:?}");
    assert_eq!(tally.killed_by_server, TRIALS / 2, "{tally:?}");
    assert!(tally.found_by_reconciliation > 0, "{tally:?}");
    assert_eq!(tally.sent + tally.unknown, TRIALS * ROWS);
}

/// The recipients of the messages an SMTP server took, from the `X-RcptTo`
/// header aiosmtpd adds.
fn smtp_recipients(smtpd: &support::smtpd::Smtpd) -> HashMap<String, usize> {
    let mut got = HashMap::new();
    for m in smtpd.maildir() {
        let text = String::from_utf8_lossy(&m).to_string();
        let to = text
            .lines()
            .find_map(|l| l.strip_prefix("X-RcptTo: "))
            .expect("aiosmtpd adds X-RcptTo")
            .trim()
            .to_string();
        *got.entry(to).or_insert(0) += 1;
    }
    got
}

fn ok(dir: &Path, env: &[(&str, String)], args: &[&str]) -> String {
    let out = air(dir, env)
        .stdout(Stdio::piped())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn smtp_killed_dispatchers_never_repeat_a_message_and_unknown_ones_are_resolved() {
    let script = "SEND_EMAIL({to: email, subject: \"Hello {{name}}\", body: \"Your statement is ready.\"})\n";
    let mut tally = Tally::default();
    let mut resolved = (0, 0);
    for trial in 0..TRIALS {
        let dir = workspace("smtp", trial, script, "email");
        let by_server = trial % 2 == 0;
        let pid_file = dir.join("dispatcher.pid");
        let smtpd = if by_server {
            let n = rand::rng().random_range(1..=ROWS as u32);
            support::smtpd::Smtpd::kill_on_nth(n, &pid_file)
        } else {
            support::smtpd::Smtpd::accept()
        };
        let env = vec![
            ("AIR_SMTP_URL", smtpd.url()),
            ("AIR_EMAIL_FROM", "news@example.com".to_string()),
        ];
        let arm = |pid: u32| std::fs::write(&pid_file, pid.to_string()).unwrap();
        let killed = crash(&dir, &env, by_server.then_some(&arm as &dyn Fn(u32)));
        if by_server {
            assert!(killed, "trial {trial}");
            tally.killed_by_server += 1;
        } else if killed {
            tally.killed_by_timer += 1;
        }
        let rs = resume(&dir, &env);
        let got = smtp_recipients(&smtpd);
        let mut unknown = Vec::new();
        for r in &rs {
            let n = got.get(&r.recipient).copied().unwrap_or(0);
            match r.status {
                Status::Sent => {
                    assert_eq!(n, 1, "trial {trial}: {} got {n}", r.recipient);
                    tally.sent += 1;
                }
                Status::Unknown => {
                    assert!(n <= 1, "trial {trial}: {} got {n}", r.recipient);
                    unknown.push(r.clone());
                }
                other => panic!("trial {trial}: {} is {other}", r.id),
            }
        }
        // A crash leaves at most the one message that was being handed over unclear.
        assert!(unknown.len() <= 1, "trial {trial}: {unknown:?}");
        tally.unknown += unknown.len();
        // A person decides each unknown message, from what the server shows.
        let listed = ok(&dir, &env, &["outbox", "unknown"]);
        for r in &unknown {
            assert!(listed.contains(&r.id), "{listed}");
            assert!(listed.contains("evidence: "), "{listed}");
            let decision = if got.contains_key(&r.recipient) {
                resolved.0 += 1;
                "sent"
            } else {
                resolved.1 += 1;
                "resend"
            };
            ok(&dir, &env, &["outbox", "resolve", &r.id, decision]);
        }
        ok(&dir, &env, &["outbox", "dispatch"]);
        let got = smtp_recipients(&smtpd);
        assert_eq!(got.len(), ROWS, "trial {trial}");
        assert!(got.values().all(|&n| n == 1), "trial {trial}: {got:?}");
        assert!(records(&dir).iter().all(|r| r.status == Status::Sent));
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!(
        "smtp crash figures over {TRIALS} trials: {tally:?}; unknown resolved as sent {}, resent {}",
        resolved.0, resolved.1
    );
    assert_eq!(tally.killed_by_server, TRIALS / 2, "{tally:?}");
    assert!(tally.unknown > 0, "{tally:?}");
    assert_eq!(tally.sent + tally.unknown, TRIALS * ROWS);
}
