//! `air` sending for real, configured by the environment alone: email by
//! SMTP (aiosmtpd) and by SES (moto), SMS by Twilio (the fake), failover
//! from a provider that is down, and no secret in anything `air` prints.

mod support;

use std::process::Output;

use support::dir::Dir;
use support::moto::Moto;
use support::smtpd::Smtpd;
use support::twilio_fake::TwilioFake;

/// `air ARGS` in `d` with exactly `env`.
fn air(d: &Dir, env: &[(&str, String)], args: &[&str]) -> Output {
    d.command(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("air runs")
}

fn ok(d: &Dir, env: &[(&str, String)], args: &[&str]) -> String {
    support::dir::expect_ok(args, air(d, env, args))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The one message of the outbox, as `air outbox list --json` gives it.
fn only_message(d: &Dir, env: &[(&str, String)]) -> serde_json::Value {
    let list = ok(d, env, &["outbox", "list", "--json"]);
    let rows: Vec<serde_json::Value> = list
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{list}");
    rows[0].clone()
}

const EMAIL: &str =
    "SEND_EMAIL({to: \"ada@example.com\", subject: \"Welcome\", body: \"Hello Ada\"})\n";

#[test]
fn the_environment_alone_sends_email_by_smtp() {
    let smtpd = Smtpd::accept();
    let d = Dir::new("cli-tr", "smtp");
    d.write("hello.air", EMAIL);
    let env = [
        ("AIR_SMTP_URL", smtpd.url()),
        ("AIR_EMAIL_FROM", "news@example.com".to_string()),
    ];
    ok(&d, &env, &["run", "hello.air"]);
    let got = smtpd.maildir();
    assert_eq!(got.len(), 1);
    let mail = text(&got[0]);
    assert!(mail.contains("X-RcptTo: ada@example.com"), "{mail}");
    assert!(mail.contains("Subject: Welcome"), "{mail}");
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "sent", "{m}");
    let shown = ok(&d, &env, &["outbox", "show", m["id"].as_str().unwrap()]);
    assert!(shown.contains("smtp"), "{shown}");
}

#[test]
fn the_environment_alone_sends_email_by_ses() {
    let moto = Moto::start();
    moto.verify_identity("news@example.com");
    let d = Dir::new("cli-tr", "ses");
    d.write("hello.air", EMAIL);
    let env = [
        ("AIR_SES_REGION", support::moto::REGION.to_string()),
        ("AIR_SES_ENDPOINT", moto.endpoint()),
        (
            "AWS_ACCESS_KEY_ID",
            support::moto::ACCESS_KEY_ID.to_string(),
        ),
        (
            "AWS_SECRET_ACCESS_KEY",
            support::moto::SECRET_ACCESS_KEY.to_string(),
        ),
        ("AIR_EMAIL_FROM", "news@example.com".to_string()),
    ];
    ok(&d, &env, &["run", "hello.air"]);
    let raw = moto.raw_messages();
    assert_eq!(raw.len(), 1, "{raw:?}");
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "sent", "{m}");
}

#[test]
fn the_environment_alone_sends_sms_by_twilio() {
    let fake = TwilioFake::start();
    let d = Dir::new("cli-tr", "twilio");
    d.write(
        "code.air",
        "SEND_SMS(\"(415) 555-2671\", \"Your code is 123456\")\n",
    );
    let env = [
        ("AIR_TWILIO_ACCOUNT_SID", fake.account_sid.clone()),
        ("AIR_TWILIO_AUTH_TOKEN", fake.auth_token.clone()),
        ("AIR_TWILIO_BASE_URL", fake.url()),
        ("AIR_SMS_FROM", "+15005550006".to_string()),
        ("AIR_QUIET_HOURS", "off".to_string()),
    ];
    ok(&d, &env, &["run", "code.air"]);
    let posts = fake.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].field("To"), Some("+14155552671"));
    assert_eq!(posts[0].field("From"), Some("+15005550006"));
    assert_eq!(posts[0].field("Body"), Some("Your code is 123456"));
    let sid = fake.messages()[0].sid.clone();
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "sent", "{m}");
    let shown = ok(&d, &env, &["outbox", "show", m["id"].as_str().unwrap()]);
    assert!(shown.contains(&sid), "{shown}");
}

#[test]
fn email_fails_over_from_a_provider_that_is_down() {
    let smtpd = Smtpd::accept();
    let d = Dir::new("cli-tr", "failover");
    d.write("hello.air", EMAIL);
    let down = support::tools::free_port();
    let env = [
        ("AIR_EMAIL_TRANSPORTS", "ses,smtp".to_string()),
        ("AIR_SES_REGION", "us-east-1".to_string()),
        ("AIR_SES_ENDPOINT", format!("http://127.0.0.1:{down}")),
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE".to_string()),
        ("AWS_SECRET_ACCESS_KEY", "not-a-real-secret-key".to_string()),
        ("AIR_SMTP_URL", smtpd.url()),
        ("AIR_EMAIL_FROM", "news@example.com".to_string()),
    ];
    ok(&d, &env, &["run", "hello.air"]);
    assert_eq!(smtpd.maildir().len(), 1);
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "sent", "{m}");
    let shown = ok(&d, &env, &["outbox", "show", m["id"].as_str().unwrap()]);
    assert!(shown.contains("ses did not take it ("), "{shown}");
}

#[test]
fn no_secret_is_ever_printed() {
    const TOKEN: &str = "tw-secret-token-9f8e7d";
    const AWS: &str = "aws-secret-key-1a2b3c4d";
    const PASSWORD: &str = "smtp-secret-pw-5e6f";
    // Twilio refuses the token (401), SMTP offers no login for the password,
    // SES is down: every path ends in an error that must not hold a secret.
    let fake = TwilioFake::start();
    let smtpd = Smtpd::accept();
    let down = support::tools::free_port();
    let d = Dir::new("cli-tr", "secrets");
    d.write(
        "both.air",
        &format!("{EMAIL}SEND_SMS(\"(415) 555-2671\", \"Your code is 123456\")\n"),
    );
    let env = [
        ("AIR_TWILIO_ACCOUNT_SID", fake.account_sid.clone()),
        ("AIR_TWILIO_AUTH_TOKEN", TOKEN.to_string()),
        ("AIR_TWILIO_BASE_URL", fake.url()),
        ("AIR_SMS_FROM", "+15005550006".to_string()),
        ("AIR_QUIET_HOURS", "off".to_string()),
        ("AIR_EMAIL_TRANSPORTS", "ses,smtp".to_string()),
        ("AIR_SES_REGION", "us-east-1".to_string()),
        ("AIR_SES_ENDPOINT", format!("http://127.0.0.1:{down}")),
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE".to_string()),
        ("AWS_SECRET_ACCESS_KEY", AWS.to_string()),
        (
            "AIR_SMTP_URL",
            smtpd
                .url()
                .replace("smtp://", &format!("smtp://user:{PASSWORD}@")),
        ),
        ("AIR_EMAIL_FROM", "news@example.com".to_string()),
    ];
    let mut printed = String::new();
    for args in [
        &["config", "show"][..],
        &["run", "both.air"],
        &["outbox", "dispatch"],
        &["outbox", "list"],
        &["outbox", "list", "--json"],
        &["outbox", "unknown", "--json"],
        &["runs", "list"],
    ] {
        let o = air(&d, &env, args);
        printed.push_str(&text(&o.stdout));
        printed.push_str(&text(&o.stderr));
    }
    for line in ok(&d, &env, &["outbox", "list", "--json"]).lines() {
        let m: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = m["id"].as_str().unwrap();
        printed.push_str(&ok(&d, &env, &["outbox", "show", id]));
        printed.push_str(&ok(&d, &env, &["outbox", "show", id, "--json"]));
    }
    // The errors really happened and were printed.
    assert!(
        printed.contains("20003") || printed.contains("401"),
        "{printed}"
    );
    assert!(printed.contains("smtp"), "{printed}");
    for secret in [TOKEN, AWS, PASSWORD] {
        assert!(!printed.contains(secret), "{secret} printed:\n{printed}");
    }
    // Nor does the outbox file keep them.
    let mut db = std::fs::read(d.0.join(".air/outbox.db")).unwrap();
    db.extend(std::fs::read(d.0.join(".air/outbox.db-wal")).unwrap_or_default());
    let db = String::from_utf8_lossy(&db);
    for secret in [TOKEN, AWS, PASSWORD] {
        assert!(!db.contains(secret), "{secret} stored in the outbox");
    }
}

/// Twilio's environment for `d`, with the webhooks at `public_url`.
fn twilio_env(fake: &TwilioFake, public_url: Option<String>) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("AIR_TWILIO_ACCOUNT_SID", fake.account_sid.clone()),
        ("AIR_TWILIO_AUTH_TOKEN", fake.auth_token.clone()),
        ("AIR_TWILIO_BASE_URL", fake.url()),
        ("AIR_SMS_FROM", "+15005550006".to_string()),
        ("AIR_QUIET_HOURS", "off".to_string()),
    ];
    if let Some(url) = public_url {
        env.push(("AIR_PUBLIC_URL", url));
    }
    env
}

#[test]
fn twilio_status_callbacks_close_the_loop_through_air_webhooks_serve() {
    let fake = TwilioFake::start();
    let d = Dir::new("cli-tr", "loop");
    let port = support::tools::free_port();
    let public = format!("http://127.0.0.1:{port}");
    let env = twilio_env(&fake, Some(public.clone()));
    let mut serve = d.command(&[
        "webhooks",
        "serve",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ]);
    serve.envs(env.iter().map(|(k, v)| (k, v)));
    let hooks = support::tools::Server::start(serve, port, d.0.join("hooks.log"));
    d.write(
        "code.air",
        "LET r = SEND_SMS(\"(415) 555-2671\", \"Your code is 123456\") IN r.id\n",
    );
    let id = ok(&d, &env, &["run", "code.air"])
        .trim()
        .trim_matches('"')
        .to_string();
    // Twilio was asked to report to our webhook, naming the message.
    let post = &fake.posts()[0];
    let callback = post
        .field("StatusCallback")
        .expect("a StatusCallback")
        .to_string();
    assert_eq!(callback, format!("{public}/twilio/status?id={id}"));
    let sid = fake.messages()[0].sid.clone();
    // Twilio reports delivery, then (late, out of order) `sent`.
    assert_eq!(fake.callback(&sid, "delivered", &callback), Ok(200));
    assert_eq!(fake.callback(&sid, "sent", &callback), Ok(200));
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "delivered", "{m}");
    // The script sees it too, with every report in the event log.
    d.write(
        "status.air",
        &format!(
            "LET s = MESSAGE_STATUS(\"{id}\") IN [s.status, FROM e IN s.events SELECT e.status]\n"
        ),
    );
    let shown = ok(&d, &env, &["run", "status.air"]);
    assert_eq!(
        shown.trim(),
        r#"["delivered", ["queued", "sending", "sent", "delivered", "delivered"]]"#,
        "{}",
        hooks.log_text()
    );
}

#[test]
fn twilio_throttling_delays_a_message_and_never_fails_it() {
    let fake = TwilioFake::start();
    fake.script([support::twilio_fake::Behaviour::TooMany(1)]);
    let d = Dir::new("cli-tr", "throttled");
    let env = twilio_env(&fake, None);
    d.write(
        "code.air",
        "SEND_SMS(\"(415) 555-2671\", \"Your code is 123456\")\n",
    );
    let run = air(&d, &env, &["run", "code.air"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        text(&run.stderr).ends_with(
            "; 1 waiting to retry (`air outbox dispatch --watch` sends them when due)\n"
        ),
        "{}",
        text(&run.stderr)
    );
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "delayed", "{m}");
    let shown = ok(&d, &env, &["outbox", "show", m["id"].as_str().unwrap()]);
    assert!(shown.contains("quota: twilio: HTTP 429"), "{shown}");
    // After the Retry-After second it goes, and counts one attempt.
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    ok(&d, &env, &["outbox", "dispatch"]);
    let m = only_message(&d, &env);
    assert_eq!(m["status"], "sent", "{m}");
    assert_eq!(fake.posts().len(), 2);
    assert_eq!(fake.messages().len(), 1);
}
