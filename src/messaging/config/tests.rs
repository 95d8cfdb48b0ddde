use super::*;
use crate::session::Channel;

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("air-config-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("air.toml"), text).unwrap();
    dir
}

fn no_env(_: &str) -> Option<String> {
    None
}

#[test]
fn defaults_without_a_file() {
    let dir = std::env::temp_dir().join("air-config-none-xyz");
    let c = Config::load(None, &dir, &no_env).unwrap();
    assert_eq!(c.get("outbox"), ".air/outbox.db");
    assert_eq!(c.mode(), Mode::Published);
    assert_eq!(c.quiet_hours(), QuietHours::Schedule);
    assert_eq!(c.transports(Channel::Email), ["local"]);
    assert_eq!(c.source("outbox"), Some(&Source::Default));
}

#[test]
fn file_then_environment() {
    let dir = tmp("env", "mode = \"preview\"\n[email]\nfrom = \"news@example.com\"\nsenders = [\"example.com\", \"ops@example.org\"]\n[smtp]\nurl = \"smtp://u:p@127.0.0.1:2525\"\n");
    let env = |k: &str| (k == "AIR_EMAIL_FROM").then(|| "ops@example.org".to_string());
    let c = Config::load(None, &dir, &env).unwrap();
    assert_eq!(c.mode(), Mode::Preview);
    assert_eq!(c.get("email.from"), "ops@example.org");
    assert_eq!(c.source("email.from"), Some(&Source::Env("AIR_EMAIL_FROM")));
    assert_eq!(c.list("email.senders"), ["example.com", "ops@example.org"]);
    assert_eq!(c.transports(Channel::Email), ["smtp"]);
    assert_eq!(c.transports(Channel::Sms), ["local"]);
    let shown = c.show();
    assert!(
        shown.contains("smtp.url = \"smtp://u:****@127.0.0.1:2525\""),
        "{shown}"
    );
    assert!(!shown.contains(":p@"), "{shown}");
}

#[test]
fn secrets_never_show() {
    let env = |k: &str| (k == "AIR_TWILIO_AUTH_TOKEN").then(|| "tok-123-secret".to_string());
    let c = Config::load(None, Path::new("/nonexistent"), &env).unwrap();
    let shown = c.show();
    assert!(
        shown.contains("twilio.auth_token = \"****\"  # $AIR_TWILIO_AUTH_TOKEN"),
        "{shown}"
    );
    assert!(!shown.contains("tok-123"));
}

#[test]
fn unknown_keys_and_bad_values_are_named() {
    let dir = tmp("typo", "[email]\nfrmo = \"a@b.c\"\n");
    let e = Config::load(None, &dir, &no_env).unwrap_err();
    assert!(
        e.0.ends_with("unknown setting `email.frmo` (did you mean `email.from`?)"),
        "{e}"
    );
    let dir = tmp("bad", "quiet_hours = \"sometimes\"\n");
    let e = Config::load(None, &dir, &no_env).unwrap_err();
    assert!(e.0.starts_with("quiet_hours = \"sometimes\" (from "), "{e}");
    assert!(e.0.ends_with("expected schedule, reject or off"), "{e}");
    let env = |k: &str| (k == "AIR_QUIET_HOURS").then(|| "never".to_string());
    let e = Config::load(None, Path::new("/nonexistent"), &env).unwrap_err();
    assert_eq!(
        e.0,
        "quiet_hours = \"never\" (from $AIR_QUIET_HOURS): expected schedule, reject or off"
    );
}

#[test]
fn configured_transports_are_used_in_order_unless_listed() {
    let dir = tmp("transports", "[ses]\nregion = \"us-east-1\"\n");
    let none = |_: &str| None;
    let c = Config::load(None, &dir, &none).unwrap();
    assert_eq!(c.transports(Channel::Email), ["ses"]);
    let smtp = |k: &str| (k == "AIR_SMTP_URL").then(|| "smtps://u:p@mail.example".to_string());
    let c = Config::load(None, &dir, &smtp).unwrap();
    assert_eq!(c.transports(Channel::Email), ["smtp", "ses"]);
    let listed = |k: &str| match k {
        "AIR_EMAIL_TRANSPORTS" => Some("ses, local".to_string()),
        "AIR_TWILIO_ACCOUNT_SID" => Some("AC0123456789abcdef0123456789abcdef".to_string()),
        _ => None,
    };
    let c = Config::load(None, &dir, &listed).unwrap();
    assert_eq!(c.transports(Channel::Email), ["ses", "local"]);
    assert_eq!(c.transports(Channel::Sms), ["twilio"]);
}
