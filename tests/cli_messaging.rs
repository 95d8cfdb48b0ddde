//! The messaging commands of the real `air` binary, each test in a fresh
//! directory of its own (so its outbox is `.air/outbox.db` there) with no
//! `AIR_*` variables from this machine.

mod support;

use std::path::Path;
use std::process::Output;

use support::dir::Dir;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn welcome_sends_an_email_and_an_sms_through_the_local_transport() {
    let d = Dir::new("cli-msg", "welcome");
    let o = d.air(&["run", &example("welcome.air")]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        out(&o),
        "[\"email\", \"queued\", [\"Ada Lovelace <ada@example.com>\"]]\n[\"sms\", \"queued\", \"+14155552671\", \"GSM-7\", 1]\n"
    );
    assert!(
        err(&o).contains("outbox: 2 messages stored in run-"),
        "{}",
        err(&o)
    );
    assert!(d.0.join(".air/outbox.db").exists());

    let list = json_lines(&d.ok(&["outbox", "list", "--json"]));
    assert_eq!(list.len(), 2);
    let sms = list.iter().find(|m| m["channel"] == "sms").unwrap();
    let email = list.iter().find(|m| m["channel"] == "email").unwrap();
    assert_eq!(sms["to"], "+14155552671");
    assert_eq!(
        sms["status"], "delivered",
        "the local transport delivers before air run exits"
    );
    assert!(sms["body"]
        .as_str()
        .unwrap()
        .starts_with("Hello, Ada! Your Acme order A-1001"));
    assert_eq!(
        email["to"],
        serde_json::json!(["Ada Lovelace <ada@example.com>"])
    );
    assert_eq!(email["subject"], "Welcome to Acme, Ada");
    for m in &list {
        let keys: Vec<_> = m.as_object().unwrap().keys().cloned().collect();
        assert!(
            ["id", "channel", "to", "status", "run", "created_at"]
                .iter()
                .all(|k| keys.contains(&k.to_string())),
            "{keys:?}"
        );
    }

    let show = d.ok(&["outbox", "show", email["id"].as_str().unwrap()]);
    for needle in [
        "Status    delivered",
        "Provider  local",
        "--- headers ---",
        "Subject: Welcome to Acme, Ada",
        "To: \"Ada Lovelace\" <ada@example.com>",
        "Content-Type: multipart/alternative",
        "--- text part ---\nHello, Ada!\n\nYour order A-1001 of $129.50 is confirmed.",
        "--- HTML part ---\n<p>Hello, Ada!</p>",
        "--- attachments (0) ---",
        "Tags      campaign=welcome",
        "queued",
        "sending",
    ] {
        assert!(show.contains(needle), "missing {needle:?} in\n{show}");
    }
    let size: usize = show
        .lines()
        .find_map(|l| l.strip_prefix("MIME size "))
        .and_then(|l| l.strip_suffix(" bytes"))
        .unwrap()
        .parse()
        .unwrap();
    let db = rusqlite::Connection::open(d.0.join(".air/outbox.db")).unwrap();
    let stored: i64 = db
        .query_row(
            "SELECT length(mime) FROM messages WHERE channel = 'email'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(size as i64, stored, "the exact MIME size");

    // A unique prefix of an id is enough.
    let show = d.ok(&["outbox", "show", &sms["id"].as_str().unwrap()[..24]]);
    for needle in [
        "To        +14155552671",
        "Encoding  GSM-7, 1 segment, ",
        "--- body ---\nHello, Ada!",
        "delivered",
    ] {
        assert!(show.contains(needle), "missing {needle:?} in\n{show}");
    }
    let j: serde_json::Value =
        serde_json::from_str(&d.ok(&["outbox", "show", "--json", sms["id"].as_str().unwrap()]))
            .unwrap();
    let events: Vec<_> = j["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(events, ["queued", "sending", "sent", "delivered"]);
}

#[test]
fn a_rerun_resumes_and_fresh_starts_again() {
    let d = Dir::new("cli-msg", "rerun");
    d.ok(&["run", &example("welcome.air")]);
    let o = d.air(&["run", &example("welcome.air")]);
    assert!(err(&o).contains("2 already in the outbox"), "{}", err(&o));
    assert_eq!(json_lines(&d.ok(&["outbox", "list", "--json"])).len(), 2);
    // A new run within 30 minutes: in published mode the duplicate limiter
    // refuses the same SMS text to the same number.
    let o = d.air(&["run", "--fresh", &example("welcome.air")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("[error.platform.message-limiter.duplicate-message-sent]"),
        "{}",
        err(&o)
    );
    d.ok(&[
        "run",
        "--fresh",
        "--mode",
        "preview",
        &example("welcome.air"),
    ]);
    let all = json_lines(&d.ok(&["outbox", "list", "--json"]));
    assert_eq!(all.len(), 6, "2 + (1 email, 1 suppressed SMS) + 2");
    assert_eq!(
        all.iter().filter(|m| m["status"] == "suppressed").count(),
        1
    );
    let runs = d.ok(&["runs", "list"]);
    assert_eq!(runs.lines().count(), 3, "{runs}");
    assert!(runs.contains("2 delivered"), "{runs}");
}

#[test]
fn list_filters_and_limits() {
    let d = Dir::new("cli-msg", "filters");
    d.ok(&["run", &example("welcome.air")]);
    d.ok(&[
        "run",
        "--fresh",
        "--mode",
        "preview",
        &example("welcome.air"),
    ]);
    assert_eq!(
        json_lines(&d.ok(&["outbox", "list", "--json", "--limit", "3"])).len(),
        3
    );
    let sms = json_lines(&d.ok(&["outbox", "list", "--json", "--channel", "sms"]));
    assert_eq!(sms.len(), 2);
    assert!(sms.iter().all(|m| m["channel"] == "sms"));
    assert_eq!(
        json_lines(&d.ok(&["outbox", "list", "--json", "--status", "delivered"])).len(),
        4
    );
    assert!(d
        .ok(&["outbox", "list", "--json", "--status", "queued"])
        .is_empty());
    let run = sms[0]["run"].as_str().unwrap().to_string();
    assert_eq!(
        json_lines(&d.ok(&["outbox", "list", "--json", "--run", &run])).len(),
        2
    );
    let table = d.ok(&["outbox", "list"]);
    assert_eq!(table.lines().count(), 5, "a header and four rows:\n{table}");
    let o = d.air(&["outbox", "list", "--status", "lost"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--status \"lost\": expected one of queued, scheduled"),
        "{}",
        err(&o)
    );
    let o = d.air(&["outbox", "show", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("no message with id \"nope\""),
        "{}",
        err(&o)
    );
    let shown = d.ok(&["runs", "show", &run]);
    assert!(shown.contains("Totals    2 delivered"), "{shown}");
}

#[test]
fn dry_run_prints_verdicts_and_stores_nothing() {
    let d = Dir::new("cli-msg", "dry");
    let script = d.write(
        "late.air",
        "SEND_SMS({to: \"+12125550142\", body: \"Sale!\"}).status\nSEND_EMAIL(\"a@example.com\", \"Hi\", \"B\").status\n",
    );
    let o = d.air(&[
        "run",
        "--dry-run",
        "--now",
        "2026-12-03T03:30:00Z",
        script.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("\"scheduled\"\n\"queued\"\nDry run: 2 messages rendered; nothing was stored or sent.\n"), "{text}");
    assert!(
        text.contains("  sms to +12125550142: \"Sale!\": scheduled: quiet hours: "),
        "{text}"
    );
    assert!(
        text.contains("  email to a@example.com: \"Hi\": allowed"),
        "{text}"
    );
    assert!(!d.0.join(".air").exists(), "nothing stored");
}

#[test]
fn bulk_run_over_csv_reports_bad_rows_and_resumes() {
    let d = Dir::new("cli-msg", "bulk");
    let script = d.write(
        "notify.air",
        "SEND_SMS({body: \"Hi {{name}}, your order {{order}} shipped.\", quiet_hours: \"off\"})\n",
    );
    let data = d.write(
        "contacts.csv",
        "name,phone,order\nAda,(415) 555-2671,A1\nBob,415 555\nCy,not a number,C3\nDee,+1 212 555 0142,D4\n",
    );
    let o = d.air(&[
        "run",
        script.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "a row failed: {}", err(&o));
    assert_eq!(out(&o), "4 rows: 2 sent · 0 suppressed · 2 failed\n");
    let e = err(&o);
    assert!(
        e.contains(
            "row 2: has 2 fields where the header has 3 columns (name, phone, order); skipped"
        ),
        "{e}"
    );
    assert!(e.contains("row 3: EffectError: `actor.phone`: "), "{e}");
    assert_eq!(json_lines(&d.ok(&["outbox", "list", "--json"])).len(), 2);
    // Run again: nothing stored twice.
    let o = d.air(&[
        "run",
        script.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(err(&o).contains("2 already in the outbox"), "{}", err(&o));
    assert_eq!(json_lines(&d.ok(&["outbox", "list", "--json"])).len(), 2);
    let runs = d.ok(&["runs", "list"]);
    assert!(
        runs.contains("--data ") && runs.contains("4 rows") && runs.contains("2 delivered"),
        "{runs}"
    );
}

#[test]
fn bulk_run_over_json_and_jsonl_with_suppressed_rows() {
    let d = Dir::new("cli-msg", "bulkjson");
    let script = d.write(
        "s.air",
        "SEND_EMAIL({subject: \"Hi {{name}}\", body: \"x\"})\n",
    );
    let data = d.write(
        "c.json",
        r#"[{"name": "Ada", "email": "ada@example.com"}, {"name": "Bob", "email": "bob@example.com"}, 7]"#,
    );
    d.ok(&[
        "suppress",
        "add",
        "Bob <BOB@example.com>",
        "--reason",
        "hard bounce",
    ]);
    assert!(d.ok(&["suppress", "list"]).starts_with("bob@example.com  "));
    let o = d.air(&[
        "run",
        script.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(
        out(&o),
        "3 rows: 1 sent · 1 suppressed · 1 failed\n",
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains(
            "row 2: suppressed: bob@example.com is on the suppression list (hard bounce)"
        ),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("row 3: is Number, not an object; skipped"),
        "{}",
        err(&o)
    );
    let jl = d.write(
        "c.jsonl",
        "{\"name\": \"Cy\", \"email\": \"cy@example.com\"}\n{bad\n",
    );
    let o = d.air(&[
        "run",
        script.to_str().unwrap(),
        "--data",
        jl.to_str().unwrap(),
    ]);
    assert_eq!(out(&o), "2 rows: 1 sent · 0 suppressed · 1 failed\n");
    assert!(err(&o).contains("row 2: invalid JSON"), "{}", err(&o));
}

#[test]
fn optout_and_suppress_lists() {
    let d = Dir::new("cli-msg", "lists");
    assert_eq!(d.ok(&["optout", "list"]), "The opt-out list is empty.\n");
    assert_eq!(
        d.ok(&["optout", "add", "(415) 555-2671"]),
        "Added +14155552671 to the opt-out list.\n"
    );
    assert_eq!(
        d.ok(&["optout", "add", "+14155552671"]),
        "+14155552671 is already on the opt-out list.\n"
    );
    assert!(d.ok(&["optout", "list"]).starts_with("+14155552671  "));
    let script = d.write(
        "s.air",
        "SEND_SMS({to: \"+14155552671\", body: \"hi\", quiet_hours: \"off\"})\n",
    );
    let o = d.air(&["run", script.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(
            "EffectError: +14155552671 has opted out of text messages (added by hand) [opt-out]"
        ),
        "{}",
        err(&o)
    );
    assert_eq!(
        d.ok(&["optout", "remove", "+1 415 555 2671"]),
        "Removed +14155552671 from the opt-out list.\n"
    );
    let o = d.air(&["optout", "remove", "+14155552671"]);
    assert_eq!(o.status.code(), Some(2));
    let o = d.air(&["optout", "add", "12"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(d
        .ok(&["suppress", "add", "x@example.com"])
        .contains("Added x@example.com"));
    assert!(d
        .ok(&["suppress", "remove", "X@EXAMPLE.COM"])
        .contains("Removed x@example.com"));
}

#[test]
fn config_show_never_prints_a_secret() {
    let d = Dir::new("cli-msg", "config");
    d.write("air.toml", "[email]\nfrom = \"news@example.com\"\n[twilio]\naccount_sid = \"AC123\"\nauth_token = \"very-secret-token\"\n[smtp]\nurl = \"smtp://user:hunter2@127.0.0.1:2525\"\n");
    let shown = d.ok(&["config", "show"]);
    assert!(
        !shown.contains("very-secret-token") && !shown.contains("hunter2"),
        "{shown}"
    );
    assert!(shown.contains("twilio.auth_token = \"****\""), "{shown}");
    assert!(
        shown.contains("smtp.url = \"smtp://user:****@127.0.0.1:2525\""),
        "{shown}"
    );
    assert!(
        shown.contains("email.from = \"news@example.com\"  # "),
        "{shown}"
    );
    d.write("air.toml", "[emial]\nfrom = \"x@y.z\"\n");
    let o = d.air(&["config", "show"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown setting `emial.from` (did you mean `email.from`?)"),
        "{}",
        err(&o)
    );
}

#[test]
fn outbox_dispatch_and_retry() {
    let d = Dir::new("cli-msg", "dispatch");
    assert_eq!(
        d.ok(&["outbox", "dispatch"]),
        "sent 0, retrying 0, failed 0, unknown 0\n"
    );
    let script = d.write("s.air", "SEND_SMS({to: \"+12125550142\", body: \"later\", send_at: DATETIME(DATE(2030, 1, 1), TIME(15, 0, 0), \"UTC\")}).status\n");
    assert_eq!(d.ok(&["run", script.to_str().unwrap()]), "\"scheduled\"\n");
    assert_eq!(
        d.ok(&["outbox", "dispatch"]),
        "sent 0, retrying 0, failed 0, unknown 0\n",
        "not due yet"
    );
    let id = json_lines(&d.ok(&["outbox", "list", "--json"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = d.air(&["outbox", "retry", &id]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "scheduled → queued is allowed: {}",
        err(&o)
    );
    assert_eq!(
        d.ok(&["outbox", "dispatch"]),
        "sent 1, retrying 0, failed 0, unknown 0\n"
    );
    let o = d.air(&["outbox", "retry", &id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("is delivered; it cannot become queued"),
        "{}",
        err(&o)
    );
}

#[test]
fn run_with_an_unknown_transport_or_a_bad_mode_is_a_usage_error() {
    let d = Dir::new("cli-msg", "usage");
    let script = d.write("s.air", "1\n");
    let o = d.air(&["run", "--mode", "live", script.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--mode \"live\": expected published or preview"),
        "{}",
        err(&o)
    );
    d.write("air.toml", "[transports]\nsms = [\"carrier-pigeon\"]\n");
    let o = d.air(&["run", script.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown transport \"carrier-pigeon\""),
        "{}",
        err(&o)
    );
}

#[test]
fn a_script_that_sends_nothing_leaves_no_outbox() {
    let d = Dir::new("cli-msg", "nothing");
    let script = d.write("calc.air", "1 + 2\n");
    assert_eq!(d.ok(&["run", script.to_str().unwrap()]), "3\n");
    assert!(!d.0.join(".air").exists());
    assert_eq!(
        d.ok(&["outbox", "list"]),
        "The outbox is empty (no .air/outbox.db yet).\n"
    );
    assert_eq!(d.ok(&["runs", "list"]), "No runs yet.\n");
}

#[test]
fn the_repl_sends_in_preview_mode() {
    use std::io::Write;
    let d = Dir::new("cli-msg", "repl");
    let mut c = d.command(&[]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"LET a = SEND_SMS({to: \"+14155552671\", body: \"same\", quiet_hours: \"off\"})\na.mode\nSEND_SMS({to: \"+14155552671\", body: \"same\", quiet_hours: \"off\"}).status\nMESSAGE_STATUS(a.id).status\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let text = out(&o);
    assert_eq!(
        text,
        "(1 message handed to the transport; `air outbox list` shows it)\n\"preview\"\n\"queued\"\n(1 message handed to the transport; `air outbox list` shows it)\n\"delivered\"\n",
        "{}",
        err(&o)
    );
    let list = json_lines(&d.ok(&["outbox", "list", "--json"]));
    assert_eq!(list.len(), 2, "the same text twice is allowed in preview");
}

#[test]
fn a_closed_standard_output_is_not_a_crash() {
    let d = Dir::new("cli-msg", "pipe");
    d.ok(&["run", &example("welcome.air")]);
    let mut c = d.command(&["outbox", "list"]);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take()); // like `air outbox list | head -0`
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!err(&o).contains("panicked"), "{}", err(&o));
}

#[test]
fn dispatch_watch_sends_a_message_when_it_falls_due() {
    let d = Dir::new("cli-msg", "watch");
    let due = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(2))
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC);
    let script = d.write(
        "later.air",
        &format!(
            "SEND_EMAIL({{to: \"a@example.com\", subject: \"Soon\", body: \"B\", send_at: DATETIME(DATE({}, {}, {}), TIME({}, {}, {}), \"UTC\")}}).status\n",
            due.year(), due.month(), due.day(), due.hour(), due.minute(), due.second()
        ),
    );
    assert_eq!(d.ok(&["run", script.to_str().unwrap()]), "\"scheduled\"\n");
    let mut c = d.command(&["outbox", "dispatch", "--watch"]);
    c.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut watch = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        let list = json_lines(&d.ok(&["outbox", "list", "--json"]));
        let status = list[0]["status"].as_str().unwrap().to_string();
        if status != "scheduled" || std::time::Instant::now() > deadline {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    watch.kill().unwrap();
    watch.wait().unwrap();
    assert_eq!(status, "delivered");
}

#[test]
fn a_bulk_run_with_a_syntax_error_reports_it_once_and_runs_no_row() {
    let d = Dir::new("cli-msg", "bulksyntax");
    let script = d.write("bad.air", "SEND_SMS({body: \"x\"\n");
    let data = d.write("c.csv", "phone\n+14155552671\n+14155552672\n");
    let o = d.air(&[
        "run",
        script.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err(&o).matches("SyntaxError").count(), 1, "{}", err(&o));
    assert_eq!(out(&o), "");
    assert!(!d.0.join(".air").exists());
}
