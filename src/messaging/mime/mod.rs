//! The one MIME builder (messaging.md §2): the outbox stores what it builds
//! and the SMTP and SES transports send those same bytes.
//!
//! Built on lettre's message builder, which encodes non-ASCII subjects and
//! display names (RFC 2047) and attachment names (RFC 2231), and leaves Bcc
//! out of the headers. What lettre would make at random is made from the
//! outbox id instead (`Message-ID`, the multipart boundaries) and the `Date`
//! is given, so the same input always gives the same bytes.
//!
//! Every header field is checked for CR and LF before lettre sees it: a line
//! break in a header is header injection, refused with the field's name.

mod address;
mod headers;
#[cfg(test)]
mod tests;

use lettre::message::header::{ContentTransferEncoding, ContentType, MIME_VERSION_1_0};
use lettre::message::{Body, Mailbox, MaybeString, Message, MultiPart, SinglePart};

use super::attachment::Attachment;

pub use address::{bare_address, parse_address, parse_addresses};

/// An email to build.
#[derive(Clone, Copy, Debug)]
pub struct Email<'a> {
    /// The outbox message id (e.g. a ULID); gives the `Message-ID` and the
    /// multipart boundaries. 1 to 64 ASCII letters, digits, `-`, `_`, `.`.
    pub id: &'a str,
    /// The `Date` header (the outbox's time, not "now").
    pub date: jiff::Timestamp,
    pub from: &'a str,
    /// Mailboxes; an entry may itself be a comma-separated list.
    pub to: &'a [String],
    pub cc: &'a [String],
    /// Envelope recipients only: never written in the headers.
    pub bcc: &'a [String],
    pub reply_to: &'a [String],
    pub subject: &'a str,
    pub text: Option<&'a str>,
    pub html: Option<&'a str>,
    pub attachments: &'a [Attachment],
    /// An `https:` URL or a `mailto:` address for `List-Unsubscribe`; an
    /// `https:` URL adds `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    pub list_unsubscribe: Option<&'a str>,
}

/// A built message and its SMTP envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The RFC 5322 message, CRLF line endings.
    pub bytes: Vec<u8>,
    /// The bare address of `from`.
    pub envelope_from: String,
    /// The bare addresses of to, cc and bcc, in that order, each once.
    pub recipients: Vec<String>,
}

/// Why an email could not be built: the field at fault and a sentence
/// about it (without the field's name).
#[derive(Clone, Debug, PartialEq)]
pub struct MimeError {
    /// `to`, `cc`, `bcc`, `reply_to`, `from`, `subject`, `unsubscribe`,
    /// `attachments`, or (for the caller's own values) `id`, `date`.
    pub field: &'static str,
    pub message: String,
}

impl MimeError {
    fn new(field: &'static str, message: String) -> MimeError {
        MimeError { field, message }
    }
}

impl std::fmt::Display for MimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.message)
    }
}

impl std::error::Error for MimeError {}

/// Refuses CR and LF in a header field (header injection).
fn no_line_breaks(field: &'static str, text: &str) -> Result<(), MimeError> {
    if text.contains(['\r', '\n']) {
        Err(MimeError::new(
            field,
            "contains a line break (CR or LF), which a header cannot hold".to_owned(),
        ))
    } else {
        Ok(())
    }
}

/// Builds the message: text only is one `text/plain` part, HTML only one
/// `text/html` part, both a `multipart/alternative`; attachments wrap that
/// in a `multipart/mixed`. Nothing is built when any field is invalid.
pub fn build(email: &Email<'_>) -> Result<Built, MimeError> {
    headers::check_id(email.id)?;
    let date = headers::date(email.date)?;
    let from = address::mailbox("from", email.from)?;
    let list = |field, entries: &[String]| -> Result<Vec<Mailbox>, MimeError> {
        let mut all = Vec::new();
        for entry in entries {
            all.extend(address::mailboxes(field, entry)?);
        }
        Ok(all)
    };
    let to = list("to", email.to)?;
    let cc = list("cc", email.cc)?;
    let bcc = list("bcc", email.bcc)?;
    let reply_to = list("reply_to", email.reply_to)?;
    no_line_breaks("subject", email.subject)?;
    let unsubscribe = match email.list_unsubscribe {
        Some(value) => headers::list_unsubscribe(value)?,
        None => Vec::new(),
    };
    let attachments = attachment_parts(email.attachments)?;

    let mut recipients: Vec<String> = Vec::new();
    for bare in to.iter().chain(&cc).chain(&bcc).map(address::bare) {
        if !recipients.contains(&bare) {
            recipients.push(bare);
        }
    }
    if recipients.is_empty() {
        return Err(MimeError::new(
            "to",
            "has no recipient: give at least one address in to, cc or bcc".to_owned(),
        ));
    }
    let envelope_from = address::bare(&from);
    let message_id = headers::message_id(email.id, from.email.domain());

    let mut builder = Message::builder().from(from);
    for m in reply_to {
        builder = builder.reply_to(m);
    }
    for m in to {
        builder = builder.to(m);
    }
    for m in cc {
        builder = builder.cc(m);
    }
    for m in bcc {
        builder = builder.bcc(m);
    }
    builder = builder
        .subject(email.subject)
        .date(date)
        .message_id(Some(message_id));
    for header in unsubscribe {
        builder = builder.raw_header(header);
    }

    let message = match (body(email), attachments.is_empty()) {
        // A single part is the message's own body: lettre's `singlepart`
        // would end it with one CRLF more than the text has.
        (Part::Single(content_type, text), true) => builder
            .header(MIME_VERSION_1_0)
            .header(content_type)
            .body(text),
        (Part::Multi(part), true) => builder.multipart(part),
        (body, false) => {
            let mixed = MultiPart::mixed().boundary(headers::mixed_boundary(email.id));
            let mut mixed = match body {
                Part::Single(content_type, text) => {
                    mixed.singlepart(SinglePart::builder().header(content_type).body(text))
                }
                Part::Multi(part) => mixed.multipart(part),
            };
            for part in attachments {
                mixed = mixed.singlepart(part);
            }
            builder.multipart(mixed)
        }
    };
    let message = message.map_err(|e| MimeError::new("from", e.to_string()))?;
    Ok(Built {
        bytes: message.formatted(),
        envelope_from,
        recipients,
    })
}

/// The body before attachments.
enum Part {
    Single(ContentType, String),
    Multi(MultiPart),
}

fn body(email: &Email<'_>) -> Part {
    match (email.text, email.html) {
        (Some(text), Some(html)) => Part::Multi(
            MultiPart::alternative()
                .boundary(headers::alternative_boundary(email.id))
                .singlepart(SinglePart::plain(text.to_owned()))
                .singlepart(SinglePart::html(html.to_owned())),
        ),
        (None, Some(html)) => Part::Single(ContentType::TEXT_HTML, html.to_owned()),
        (text, None) => Part::Single(ContentType::TEXT_PLAIN, text.unwrap_or_default().to_owned()),
    }
}

/// One part per attachment, its bytes base64-encoded as they are.
fn attachment_parts(attachments: &[Attachment]) -> Result<Vec<SinglePart>, MimeError> {
    let field = "attachments";
    let mut parts = Vec::with_capacity(attachments.len());
    for (i, a) in attachments.iter().enumerate() {
        if a.name.contains(['\r', '\n']) {
            return Err(MimeError::new(
                field,
                format!(
                    "[{i}] has a line break (CR or LF) in its name, which a header cannot hold"
                ),
            ));
        }
        let content_type = ContentType::parse(&a.media_type)
            .ok()
            .filter(|_| !a.media_type.contains(['\r', '\n']))
            .ok_or_else(|| {
                MimeError::new(
                    field,
                    format!("[{i}] has an invalid media type \"{}\"", a.media_type),
                )
            })?;
        let body = Body::new_with_encoding(
            MaybeString::Binary(a.bytes.clone()),
            ContentTransferEncoding::Base64,
        )
        .map_err(|_| MimeError::new(field, format!("[{i}] cannot be base64-encoded")))?;
        parts.push(lettre::message::Attachment::new(a.name.clone()).body(body, content_type));
    }
    Ok(parts)
}

/// The header block of a built message: everything before the blank line
/// that ends it, with the CRLF of its last header (all of the bytes when
/// there is no blank line; the longest UTF-8 prefix when not UTF-8).
pub fn header_block(bytes: &[u8]) -> &str {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 2)
        .or_else(|| bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 1))
        .unwrap_or(bytes.len());
    let head = &bytes[..end];
    match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    }
}
