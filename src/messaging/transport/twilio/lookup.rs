//! Finding a message in Twilio's list after a crash: the query, and which
//! listed message is ours.

use jiff::{SignedDuration, Timestamp};

/// Pages of the list followed before giving up (each holds up to 1000).
pub const MAX_PAGES: usize = 10;

/// How much earlier than the record Twilio's `date_created` may be (clock
/// differences between this machine and Twilio).
pub const SLACK: SignedDuration = SignedDuration::from_mins(5);

/// True for a message SID: `SM` or `MM` and 32 hexadecimal digits.
pub fn is_message_sid(s: &str) -> bool {
    s.len() == 34
        && (s.starts_with("SM") || s.starts_with("MM"))
        && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `To=..&From=..&PageSize=1000`. No `DateSent>=` filter: a message
/// Twilio has not sent yet (still `queued`) has no `date_sent`, and such a
/// filter would hide exactly the message a crash is asking about. The list
/// comes newest first, so paging stops at messages older than the record
/// ([`Page::all_older`]).
pub fn query(to: &str, from: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("To", to)
        .append_pair("From", from)
        .append_pair("PageSize", "1000")
        .finish()
}

/// The path and query of a page URI: Twilio's examples give a path
/// (`/2010-04-01/...`), its API description an absolute URI. Either is
/// followed on the configured base URL.
pub fn path_of(uri: &str) -> Option<&str> {
    if uri.starts_with('/') {
        return Some(uri);
    }
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))?;
    rest.find('/').map(|i| &rest[i..])
}

/// One listed message.
#[derive(Debug, PartialEq)]
pub struct Listed {
    pub sid: String,
    pub body: String,
    pub date_created: Option<Timestamp>,
}

/// One page of `GET Messages.json`.
#[derive(Debug, PartialEq)]
pub struct Page {
    pub messages: Vec<Listed>,
    /// The path and query of the next page, when there is one.
    pub next: Option<String>,
}

impl Page {
    pub fn parse(body: &str) -> Result<Page, String> {
        let v: serde_json::Value =
            serde_json::from_str(body).map_err(|e| format!("the answer is not JSON: {e}"))?;
        let list = v
            .get("messages")
            .and_then(|m| m.as_array())
            .ok_or("the answer has no `messages` list")?;
        let text = |m: &serde_json::Value, k: &str| {
            m.get(k)
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let messages = list
            .iter()
            .map(|m| Listed {
                sid: text(m, "sid"),
                body: text(m, "body"),
                date_created: jiff::fmt::rfc2822::parse(&text(m, "date_created"))
                    .ok()
                    .map(|z| z.timestamp()),
            })
            .collect();
        let next = v
            .get("next_page_uri")
            .and_then(|n| n.as_str())
            .and_then(path_of)
            .map(str::to_string);
        Ok(Page { messages, next })
    }

    /// Whether every message of this (non-empty) page was created more than
    /// [`SLACK`] before the record: the list is newest first, so later
    /// pages cannot hold it.
    pub fn all_older(&self, created_at_ms: i64) -> bool {
        let Some(earliest) = Timestamp::from_millisecond(created_at_ms)
            .ok()
            .and_then(|c| c.checked_sub(SLACK).ok())
        else {
            return false;
        };
        !self.messages.is_empty()
            && self
                .messages
                .iter()
                .all(|m| m.date_created.is_some_and(|d| d < earliest))
    }

    /// The SID of the listed message that is the record's: the same body,
    /// created no earlier than [`SLACK`] before the record.
    pub fn find(&self, body: &str, created_at_ms: i64) -> Option<String> {
        let created = Timestamp::from_millisecond(created_at_ms).ok()?;
        let earliest = created.checked_sub(SLACK).ok()?;
        self.messages
            .iter()
            .find(|m| m.body == body && m.date_created.is_some_and(|d| d >= earliest))
            .map(|m| m.sid.clone())
    }
}
