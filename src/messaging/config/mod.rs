//! Messaging configuration (messaging.md §2): `air.toml` in the current
//! directory (or `--config FILE`), overridden by the environment. Every
//! setting remembers where it came from, and secrets never print.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Env(&'static str),
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Env(v) => write!(f, "${v}"),
            Source::Flag(v) => f.write_str(v),
        }
    }
}

/// Published apps get the duplicate limiter; previews (the REPL) do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Published,
    Preview,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Published => "published",
            Mode::Preview => "preview",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "published" => Some(Mode::Published),
            "preview" => Some(Mode::Preview),
            _ => None,
        }
    }
}

/// What quiet hours do to an SMS outside the allowed window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuietHours {
    /// Hold it until the next allowed instant (the default).
    Schedule,
    /// Suppress it with an error.
    Reject,
    /// Send at any hour (purely transactional senders).
    Off,
}

impl QuietHours {
    pub fn name(self) -> &'static str {
        match self {
            QuietHours::Schedule => "schedule",
            QuietHours::Reject => "reject",
            QuietHours::Off => "off",
        }
    }
    pub fn parse(s: &str) -> Option<QuietHours> {
        match s {
            "schedule" => Some(QuietHours::Schedule),
            "reject" => Some(QuietHours::Reject),
            "off" => Some(QuietHours::Off),
            _ => None,
        }
    }
}

/// One setting: its key in `air.toml`, the environment variable that
/// overrides it, whether it is secret, and its help line.
struct Key {
    name: &'static str,
    env: Option<&'static str>,
    secret: bool,
    default: &'static str,
    help: &'static str,
}

const fn key(
    name: &'static str,
    env: Option<&'static str>,
    default: &'static str,
    help: &'static str,
) -> Key {
    Key {
        name,
        env,
        secret: false,
        default,
        help,
    }
}

const fn secret(name: &'static str, env: Option<&'static str>, help: &'static str) -> Key {
    Key {
        name,
        env,
        secret: true,
        default: "",
        help,
    }
}

/// Every setting there is. `air.toml` keys are dotted paths into tables.
const KEYS: &[Key] = &[
    key(
        "outbox",
        Some("AIR_OUTBOX_URL"),
        ".air/outbox.db",
        "the outbox: a SQLite file path (postgres:// later)",
    ),
    key(
        "mode",
        Some("AIR_MODE"),
        "published",
        "published (duplicate limiter on) or preview",
    ),
    key(
        "quiet_hours",
        Some("AIR_QUIET_HOURS"),
        "schedule",
        "SMS quiet hours: schedule, reject or off",
    ),
    key(
        "default_region",
        Some("AIR_DEFAULT_REGION"),
        "US",
        "region for phone numbers written without +country",
    ),
    key(
        "time_zone",
        Some("AIR_TIME_ZONE"),
        "America/New_York",
        "recipient zone when neither the message, the actor nor the area code tells",
    ),
    key(
        "duplicate_window_minutes",
        None,
        "30",
        "the duplicate limiter's window",
    ),
    key(
        "email.from",
        Some("AIR_EMAIL_FROM"),
        "",
        "the default (verified) email sender",
    ),
    key(
        "email.senders",
        None,
        "",
        "verified sender addresses or domains (comma-separated in the environment)",
    ),
    key(
        "sms.from",
        Some("AIR_SMS_FROM"),
        "",
        "the default (verified) SMS sender number",
    ),
    key("sms.senders", None, "", "verified sender numbers"),
    key(
        "transports.email",
        Some("AIR_EMAIL_TRANSPORTS"),
        "",
        "email transports in failover order (default: smtp and/or ses when configured, else local)",
    ),
    key(
        "transports.sms",
        Some("AIR_SMS_TRANSPORTS"),
        "",
        "SMS transports in failover order (default: twilio when configured, else local)",
    ),
    secret(
        "smtp.url",
        Some("AIR_SMTP_URL"),
        "smtp://user:pass@host:port or smtps://...",
    ),
    key(
        "twilio.account_sid",
        Some("AIR_TWILIO_ACCOUNT_SID"),
        "",
        "Twilio account SID",
    ),
    secret(
        "twilio.auth_token",
        Some("AIR_TWILIO_AUTH_TOKEN"),
        "Twilio auth token",
    ),
    key(
        "twilio.base_url",
        Some("AIR_TWILIO_BASE_URL"),
        "https://api.twilio.com",
        "Twilio API base URL (a stand-in for tests)",
    ),
    key(
        "ses.region",
        Some("AIR_SES_REGION"),
        "",
        "Amazon SES region",
    ),
    key(
        "ses.endpoint",
        Some("AIR_SES_ENDPOINT"),
        "",
        "SES endpoint override (tests)",
    ),
    key(
        "ses.access_key_id",
        Some("AWS_ACCESS_KEY_ID"),
        "",
        "AWS access key id",
    ),
    secret(
        "ses.secret_access_key",
        Some("AWS_SECRET_ACCESS_KEY"),
        "AWS secret access key",
    ),
    secret(
        "ses.session_token",
        Some("AWS_SESSION_TOKEN"),
        "AWS session token, with temporary credentials",
    ),
    key(
        "ses.configuration_set",
        Some("AIR_SES_CONFIGURATION_SET"),
        "",
        "SES configuration set for each message (event publishing)",
    ),
    key(
        "smtp.ca_file",
        Some("AIR_SMTP_CA_FILE"),
        "",
        "an extra PEM root certificate to trust (a private relay's CA)",
    ),
    key(
        "pacing.email_per_second",
        None,
        "0",
        "email hand-overs per second (0: unpaced)",
    ),
    key(
        "pacing.sms_per_second",
        None,
        "0",
        "SMS hand-overs per second (0: unpaced)",
    ),
    key(
        "retry.max_attempts",
        None,
        "8",
        "hand-overs before a message fails",
    ),
    key(
        "retry.base_seconds",
        None,
        "30",
        "the first retry delay (doubles each time)",
    ),
    key("retry.max_seconds", None, "3600", "the longest retry delay"),
    key(
        "dispatch.lease_seconds",
        Some("AIR_LEASE_SECONDS"),
        "60",
        "how long a dispatcher holds a message it is handing over; a crashed one's messages are reconciled after it",
    ),
    key(
        "webhooks.public_url",
        Some("AIR_PUBLIC_URL"),
        "",
        "the public base URL providers call (default: http:// and the listen address)",
    ),
    key(
        "webhooks.listen",
        Some("AIR_WEBHOOKS_LISTEN"),
        "127.0.0.1:8787",
        "the address air webhooks serve listens on",
    ),
    key(
        "webhooks.sns_certificate",
        Some("AIR_SNS_CERTIFICATE"),
        "",
        "a PEM certificate that signs SNS messages, used instead of fetching SigningCertURL",
    ),
    key(
        "webhooks.sns_topics",
        Some("AIR_SNS_TOPICS"),
        "",
        "SNS topic ARNs accepted (comma-separated; empty: any)",
    ),
];

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    values: BTreeMap<&'static str, (String, Source)>,
}

/// A configuration problem, naming the key or variable.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn flatten(prefix: &str, t: &toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (k, v) in t {
        let name = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(inner) => flatten(&name, inner, out),
            other => out.push((name, other.clone())),
        }
    }
}

fn text_of(name: &str, v: &toml::Value) -> Result<String, ConfigError> {
    Ok(match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| match i {
                toml::Value::String(s) => Ok(s.clone()),
                _ => Err(ConfigError(format!("{name}: every item must be text"))),
            })
            .collect::<Result<Vec<_>, _>>()?
            .join(","),
        _ => {
            return Err(ConfigError(format!(
                "{name}: expected text, a number or a list"
            )))
        }
    })
}

impl Config {
    /// The defaults alone.
    pub fn defaults() -> Config {
        Config {
            values: KEYS
                .iter()
                .map(|k| (k.name, (k.default.to_string(), Source::Default)))
                .collect(),
        }
    }

    /// Reads `file` (when given; else `air.toml` in `dir` if it exists) and
    /// then the environment through `env`.
    pub fn load(
        file: Option<&Path>,
        dir: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut c = Config::defaults();
        let path = match file {
            Some(f) => Some(f.to_path_buf()),
            None => Some(dir.join("air.toml")).filter(|p| p.is_file()),
        };
        if let Some(path) = path {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
            c.apply_toml(&text, &path)?;
        }
        for k in KEYS {
            if let Some(var) = k.env {
                if let Some(v) = env(var).filter(|v| !v.is_empty()) {
                    c.values.insert(k.name, (v, Source::Env(var)));
                }
            }
        }
        c.validate()?;
        Ok(c)
    }

    fn apply_toml(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            ConfigError(format!("{}: {}", path.display(), e.message()))
        })?;
        let mut flat = Vec::new();
        flatten("", &table, &mut flat);
        for (name, v) in flat {
            let Some(k) = KEYS.iter().find(|k| k.name == name) else {
                let hint = crate::compile::closest(&name, KEYS.iter().map(|k| k.name))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(ConfigError(format!(
                    "{}: unknown setting `{name}`{hint}",
                    path.display()
                )));
            };
            self.values.insert(
                k.name,
                (text_of(&name, &v)?, Source::File(path.to_path_buf())),
            );
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, what: &str| {
            let (v, src) = &self.values[key];
            ConfigError(format!("{key} = {v:?} (from {src}): {what}"))
        };
        if Mode::parse(self.get("mode")).is_none() {
            return Err(bad("mode", "expected published or preview"));
        }
        if QuietHours::parse(self.get("quiet_hours")).is_none() {
            return Err(bad("quiet_hours", "expected schedule, reject or off"));
        }
        if jiff::tz::TimeZone::get(self.get("time_zone")).is_err() {
            return Err(bad("time_zone", "not a known IANA time zone"));
        }
        for k in [
            "duplicate_window_minutes",
            "retry.max_attempts",
            "retry.base_seconds",
            "retry.max_seconds",
            "dispatch.lease_seconds",
        ] {
            if self.get(k).parse::<u32>().is_err() {
                return Err(bad(k, "expected a whole number"));
            }
        }
        for k in ["pacing.email_per_second", "pacing.sms_per_second"] {
            if !self
                .get(k)
                .parse::<f64>()
                .is_ok_and(|f| f.is_finite() && f >= 0.0)
            {
                return Err(bad(
                    k,
                    "expected a number of messages per second, 0 or more",
                ));
            }
        }
        Ok(())
    }

    /// A setting's value ("" when unset).
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", |(v, _)| v.as_str())
    }

    /// A setting's value, or `None` when unset.
    pub fn opt(&self, name: &str) -> Option<&str> {
        Some(self.get(name)).filter(|v| !v.is_empty())
    }

    /// A list setting (comma-separated).
    pub fn list(&self, name: &str) -> Vec<String> {
        self.get(name)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn number(&self, name: &str) -> f64 {
        self.get(name).parse().unwrap_or(0.0)
    }

    pub fn source(&self, name: &str) -> Option<&Source> {
        self.values.get(name).map(|(_, s)| s)
    }

    /// Overrides one setting (command-line flags).
    pub fn set(&mut self, name: &'static str, value: &str, source: Source) {
        self.values.insert(name, (value.to_string(), source));
    }

    pub fn mode(&self) -> Mode {
        Mode::parse(self.get("mode")).unwrap_or(Mode::Published)
    }

    pub fn quiet_hours(&self) -> QuietHours {
        QuietHours::parse(self.get("quiet_hours")).unwrap_or(QuietHours::Schedule)
    }

    /// The transports of a channel, in failover order: the ones listed
    /// (`transports.email`, `transports.sms`), else every real one that is
    /// configured (email: smtp, then ses), else `local`.
    pub fn transports(&self, channel: crate::session::Channel) -> Vec<String> {
        use crate::session::Channel;
        let (key, configured) = match channel {
            Channel::Email => (
                "transports.email",
                vec![
                    ("smtp", self.opt("smtp.url").is_some()),
                    ("ses", self.opt("ses.region").is_some()),
                ],
            ),
            Channel::Sms => (
                "transports.sms",
                vec![("twilio", self.opt("twilio.account_sid").is_some())],
            ),
        };
        let listed = self.list(key);
        if !listed.is_empty() {
            return listed;
        }
        let real: Vec<String> = configured
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(name, _)| name.to_string())
            .collect();
        if real.is_empty() {
            vec!["local".to_string()]
        } else {
            real
        }
    }

    /// `key = value  # source` lines, secrets masked, for `air config show`.
    pub fn show(&self) -> String {
        let mut out = String::new();
        for k in KEYS {
            let (v, src) = &self.values[k.name];
            let shown = if v.is_empty() {
                "(unset)".to_string()
            } else if k.secret {
                mask(v)
            } else {
                format!("{v:?}")
            };
            out.push_str(&format!("{} = {shown}  # {src}; {}\n", k.name, k.help));
        }
        out
    }
}

/// A secret as it may be shown: a URL keeps its scheme and host, with the
/// password replaced; anything else is stars.
fn mask(v: &str) -> String {
    if let Some((scheme, rest)) = v.split_once("://") {
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        let user = rest.rsplit_once('@').and_then(|(u, _)| u.split(':').next());
        return match user {
            Some(u) => format!("\"{scheme}://{u}:****@{host}\""),
            None => format!("\"{scheme}://{host}\""),
        };
    }
    "\"****\"".to_string()
}

#[cfg(test)]
mod tests;
