//! The headers this builder makes itself: `Message-ID`, `Date`, the
//! multipart boundaries, and `List-Unsubscribe` (RFC 2369, RFC 8058).

use std::str::FromStr as _;
use std::time::SystemTime;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::Address;
use percent_encoding::percent_decode_str;

use super::{no_line_breaks, MimeError};

/// The longest outbox id: `mix-` plus the id stays within the 70
/// characters RFC 2046 allows a boundary.
const MAX_ID_LEN: usize = 64;

/// The longest `unsubscribe` value, so that its header line stays well
/// under the 998 characters RFC 5322 allows.
const MAX_UNSUBSCRIBE_LEN: usize = 900;

/// The first second `Date` cannot show: 10000-01-01T00:00:00Z (lettre's
/// date type stops at year 9999 and starts at 1970).
const END_OF_9999: i64 = 253_402_300_800;

/// Checks the outbox id that names the message and its boundaries: 1 to 64
/// ASCII letters, digits, `-`, `_` or `.`.
pub(super) fn check_id(id: &str) -> Result<(), MimeError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(MimeError::new(
            "id",
            format!(
                "\"{id}\" is not a message id: 1 to {MAX_ID_LEN} ASCII letters, digits, '-', '_' or '.'"
            ),
        ))
    }
}

/// `<{id}@{domain}>`, the domain that of the sender in lower case, or
/// `localhost` when it is not plain ASCII (an internationalised domain).
pub(super) fn message_id(id: &str, from_domain: &str) -> String {
    let domain = if from_domain.is_ascii() && !from_domain.is_empty() {
        from_domain.to_ascii_lowercase()
    } else {
        "localhost".to_owned()
    };
    format!("<{id}@{domain}>")
}

/// The boundary of the `multipart/alternative` part.
pub(super) fn alternative_boundary(id: &str) -> String {
    format!("alt-{id}")
}

/// The boundary of the `multipart/mixed` part.
pub(super) fn mixed_boundary(id: &str) -> String {
    format!("mix-{id}")
}

/// The `Date` as lettre takes it, which can show 1970 to 9999 only.
pub(super) fn date(ts: jiff::Timestamp) -> Result<SystemTime, MimeError> {
    if (0..END_OF_9999).contains(&ts.as_second()) {
        Ok(SystemTime::from(ts))
    } else {
        Err(MimeError::new(
            "date",
            format!("{ts} cannot be a Date header (years 1970 to 9999 only)"),
        ))
    }
}

/// `List-Unsubscribe: <value>`, plus `List-Unsubscribe-Post:
/// List-Unsubscribe=One-Click` for an `https:` URL (RFC 8058).
pub(super) fn list_unsubscribe(value: &str) -> Result<Vec<HeaderValue>, MimeError> {
    let field = "unsubscribe";
    no_line_breaks(field, value)?;
    let value = value.trim();
    let bad = |why: &str| Err(MimeError::new(field, format!("\"{value}\" {why}")));
    if value.len() > MAX_UNSUBSCRIBE_LEN {
        return bad(&format!("is longer than {MAX_UNSUBSCRIBE_LEN} characters"));
    }
    let https = strip_scheme(value, "https:");
    let mailto = strip_scheme(value, "mailto:");
    if https.is_none() && mailto.is_none() {
        return bad("is neither an https: URL nor a mailto: address");
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>')
    {
        return bad(
            "has a character that must be percent-encoded (a space, '<', '>' or non-ASCII)",
        );
    }
    let mut headers = vec![HeaderValue::new(
        HeaderName::new_from_ascii_str("List-Unsubscribe"),
        format!("<{value}>"),
    )];
    if let Some(rest) = https {
        let host = rest
            .strip_prefix("//")
            .and_then(|r| r.split(['/', '?', '#']).next())
            .unwrap_or_default();
        if host.is_empty() {
            return bad("is an https: URL without a host");
        }
        headers.push(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_owned(),
        ));
    } else if let Some(rest) = mailto {
        let to = rest.split('?').next().unwrap_or_default();
        let to = percent_decode_str(to).decode_utf8_lossy();
        if Address::from_str(&to).is_err() {
            return bad("is a mailto: URL without a valid email address");
        }
    }
    Ok(headers)
}

/// What follows `scheme` (compared without regard to ASCII case).
fn strip_scheme<'s>(s: &'s str, scheme: &str) -> Option<&'s str> {
    let head = s.get(..scheme.len())?;
    if head.eq_ignore_ascii_case(scheme) {
        s.get(scheme.len()..)
    } else {
        None
    }
}
