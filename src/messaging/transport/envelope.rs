//! The envelope of a stored email, shared by the SMTP and SES transports:
//! who it is from and who receives it, read from the record's JSON payload
//! (the outbox writes `from`, `to`, `cc` and `bcc` there), and its
//! `Message-ID`, read from the stored MIME or derived the way the MIME
//! builder derives it.
//!
//! The MIME bytes are sent as they were stored; the envelope says where
//! they go. Bcc recipients are only here: the MIME has no `Bcc` header.

use super::{Delivery, Outgoing};
use crate::messaging::mime;
use crate::messaging::status::Status;
use crate::messaging::store::Record;

/// Bare addresses (`user@domain`, the domain in lower case) of one email.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The sender (SMTP `MAIL FROM`, SES `FromEmailAddress`).
    pub from: String,
    /// The recipients by kind, in their order; an address given in more
    /// than one list is kept only in the first (to, then cc, then bcc).
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
}

impl Envelope {
    /// Reads the envelope of `record`, an email, from its payload. `Err`
    /// says what is missing or wrong (a stored message that cannot be sent).
    pub fn from_record(record: &Record) -> Result<Envelope, String> {
        let payload: serde_json::Value = serde_json::from_str(&record.payload)
            .map_err(|e| format!("message {}: the stored payload is not JSON: {e}", record.id))?;
        let from = payload
            .get("from")
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| format!("message {}: the stored payload has no `from`", record.id))?;
        let mut seen: Vec<String> = Vec::new();
        let mut list = |field: &'static str| -> Result<Vec<String>, String> {
            let mut out = Vec::new();
            let entries = match payload.get(field) {
                None | Some(serde_json::Value::Null) => return Ok(out),
                Some(serde_json::Value::Array(items)) => items.clone(),
                Some(serde_json::Value::String(s)) => vec![serde_json::Value::String(s.clone())],
                Some(_) => {
                    return Err(format!(
                        "message {}: the stored `{field}` is not a list of addresses",
                        record.id
                    ))
                }
            };
            for entry in entries {
                let Some(text) = entry.as_str() else {
                    return Err(format!(
                        "message {}: the stored `{field}` holds something that is not text",
                        record.id
                    ));
                };
                let mailboxes = mime::parse_addresses(field, text)
                    .map_err(|e| format!("message {}: the stored {e}", record.id))?;
                for mailbox in mailboxes {
                    let bare = mime::bare_address(&mailbox);
                    if !seen.contains(&bare) {
                        seen.push(bare.clone());
                        out.push(bare);
                    }
                }
            }
            Ok(out)
        };
        let to = list("to")?;
        let cc = list("cc")?;
        let bcc = list("bcc")?;
        if to.is_empty() && cc.is_empty() && bcc.is_empty() {
            return Err(format!(
                "message {}: the stored payload has no recipient",
                record.id
            ));
        }
        Ok(Envelope {
            from: mime::bare_address(from),
            to,
            cc,
            bcc,
        })
    }

    /// Every recipient once: to, cc, then bcc (the SMTP `RCPT TO` list).
    pub fn recipients(&self) -> Vec<String> {
        self.to
            .iter()
            .chain(&self.cc)
            .chain(&self.bcc)
            .cloned()
            .collect()
    }

    /// The `Message-ID` the MIME builder gives this message:
    /// `<{id}@{sender's domain}>`, or `@localhost` when that domain is not
    /// plain ASCII. Used when the MIME bytes are not at hand (reconciling).
    pub fn derived_message_id(&self, id: &str) -> String {
        let domain = self
            .from
            .rsplit_once('@')
            .map(|(_, d)| d)
            .filter(|d| d.is_ascii() && !d.is_empty())
            .unwrap_or("localhost");
        format!("<{id}@{}>", domain.to_ascii_lowercase())
    }
}

/// The Message-ID a stored email was given, for evidence when it cannot be
/// looked up (`<id@…>` when its payload no longer says the sender's domain).
pub fn message_id_of(record: &Record) -> String {
    match Envelope::from_record(record) {
        Ok(env) => env.derived_message_id(&record.id),
        Err(_) => format!("<{}@…>", record.id),
    }
}

/// What an email transport hands over: the stored MIME bytes and the
/// envelope. A message without them cannot be sent by any transport: the
/// error is the `failed` answer to give.
pub fn email_of<'a>(m: &Outgoing<'a>) -> Result<(&'a [u8], Envelope), Delivery> {
    let failed = |error: String| Delivery::Permanent {
        status: Status::Failed,
        error,
    };
    let Some(bytes) = m.mime else {
        return Err(failed(format!(
            "message {} has no stored MIME to send",
            m.record.id
        )));
    };
    let env = Envelope::from_record(m.record).map_err(failed)?;
    Ok((bytes, env))
}

/// The value of the `Message-ID` header of a MIME message (`<id@domain>`),
/// or `None` when it has none.
pub fn message_id(mime_bytes: &[u8]) -> Option<String> {
    let head = mime::header_block(mime_bytes);
    let mut lines = head.split("\r\n").flat_map(|l| l.split('\n')).peekable();
    while let Some(line) = lines.next() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if !name.eq_ignore_ascii_case("message-id") {
            continue;
        }
        let mut value = value.trim().to_string();
        // A folded header continues on lines that start with white space.
        while let Some(next) = lines.peek() {
            if next.starts_with([' ', '\t']) {
                value.push_str(next.trim());
                lines.next();
            } else {
                break;
            }
        }
        return Some(value).filter(|v| !v.is_empty());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messaging::status::Status;
    use crate::session::Channel;

    fn record(payload: serde_json::Value) -> Record {
        Record {
            id: "0190abc".into(),
            idempotency_key: "k".into(),
            run_id: "r".into(),
            channel: Channel::Email,
            recipient: String::new(),
            subject: Some("S".into()),
            body: String::new(),
            payload: payload.to_string(),
            mime_size: None,
            status: Status::Sending,
            reason: None,
            provider: None,
            provider_status: None,
            provider_id: None,
            attempts: 0,
            due_at: 0,
            created_at: 0,
            updated_at: 0,
            mode: "published".into(),
        }
    }

    #[test]
    fn bare_deduplicated_recipients_in_order() {
        let r = record(serde_json::json!({
            "from": "Shop <Shop@Example.COM>",
            "to": ["Ada <ada@Example.com>", "bob@example.com, Cy <cy@example.com>"],
            "cc": ["bob@example.com", "dee@example.com"],
            "bcc": ["ada@example.com", "eve@example.com"],
        }));
        let e = Envelope::from_record(&r).unwrap();
        assert_eq!(e.from, "Shop@example.com");
        assert_eq!(
            e.to,
            ["ada@example.com", "bob@example.com", "cy@example.com"]
        );
        assert_eq!(e.cc, ["dee@example.com"]);
        assert_eq!(e.bcc, ["eve@example.com"]);
        assert_eq!(
            e.recipients(),
            [
                "ada@example.com",
                "bob@example.com",
                "cy@example.com",
                "dee@example.com",
                "eve@example.com"
            ]
        );
        assert_eq!(e.derived_message_id("0190abc"), "<0190abc@example.com>");
    }

    #[test]
    fn a_broken_payload_is_named() {
        let e = Envelope::from_record(&record(serde_json::json!({"to": ["a@x.com"]})));
        assert_eq!(
            e.unwrap_err(),
            "message 0190abc: the stored payload has no `from`"
        );
        let e = Envelope::from_record(&record(serde_json::json!({"from": "a@x.com", "to": []})));
        assert_eq!(
            e.unwrap_err(),
            "message 0190abc: the stored payload has no recipient"
        );
        let e = Envelope::from_record(&record(serde_json::json!({"from": "a@x.com", "to": 3})));
        assert_eq!(
            e.unwrap_err(),
            "message 0190abc: the stored `to` is not a list of addresses"
        );
    }

    #[test]
    fn message_id_from_the_header_block() {
        let mime = b"From: a@x.com\r\nMessage-ID: <abc@x.com>\r\nSubject: Message-ID: no\r\n\r\nMessage-ID: <body@x>\r\n";
        assert_eq!(message_id(mime).as_deref(), Some("<abc@x.com>"));
        let folded = b"Message-Id:\r\n <folded@x.com>\r\n\r\n";
        assert_eq!(message_id(folded).as_deref(), Some("<folded@x.com>"));
        assert_eq!(message_id(b"From: a@x.com\r\n\r\nbody"), None);
    }
}
