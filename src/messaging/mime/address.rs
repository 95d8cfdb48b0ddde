//! Address fields: `"A <a@x.com>, b@y.com"` parsed by lettre into mailboxes.

use std::str::FromStr as _;

use lettre::message::{Mailbox, Mailboxes};

use super::{no_line_breaks, MimeError};

/// Parses a To-style field, `"A <a@x.com>, b@y.com"`, into its mailboxes
/// in their normalised form (`"A <a@x.com>"`, `"b@y.com"`), for validation
/// and storage. Blank text is no mailbox at all.
pub fn parse_addresses(field: &'static str, text: &str) -> Result<Vec<String>, MimeError> {
    Ok(mailboxes(field, text)?
        .iter()
        .map(ToString::to_string)
        .collect())
}

/// Parses a field that holds exactly one mailbox (`from`), normalised.
pub fn parse_address(field: &'static str, text: &str) -> Result<String, MimeError> {
    mailbox(field, text).map(|m| m.to_string())
}

/// The bare address of a mailbox, its domain in lower case:
/// `"A <a@X.com>"` → `"a@x.com"`. Text that is not a mailbox gives what
/// is between its angle brackets (or all of it, trimmed), domain lowered.
pub fn bare_address(mailbox: &str) -> String {
    match Mailbox::from_str(mailbox) {
        Ok(m) => bare(&m),
        Err(_) => {
            let text = mailbox.trim();
            let inner = text
                .rsplit_once('<')
                .and_then(|(_, rest)| rest.split_once('>'))
                .map_or(text, |(inner, _)| inner.trim());
            match inner.rsplit_once('@') {
                Some((user, domain)) => format!("{user}@{}", domain.to_ascii_lowercase()),
                None => inner.to_owned(),
            }
        }
    }
}

/// `user@domain` of a parsed mailbox, the domain in lower case.
pub(super) fn bare(m: &Mailbox) -> String {
    format!(
        "{}@{}",
        m.email.user(),
        m.email.domain().to_ascii_lowercase()
    )
}

/// The mailboxes of a To-style field.
pub(super) fn mailboxes(field: &'static str, text: &str) -> Result<Vec<Mailbox>, MimeError> {
    no_line_breaks(field, text)?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    match Mailboxes::from_str(text) {
        Ok(list) => Ok(list.into_iter().collect()),
        Err(_) => Err(MimeError::new(field, first_bad_entry(text))),
    }
}

/// Exactly one mailbox.
pub(super) fn mailbox(field: &'static str, text: &str) -> Result<Mailbox, MimeError> {
    let mut list = mailboxes(field, text)?;
    match list.len() {
        1 => Ok(list.remove(0)),
        0 => Err(MimeError::new(field, "has no address".to_owned())),
        n => Err(MimeError::new(
            field,
            format!("must be one address, not {n}"),
        )),
    }
}

/// Why a list of mailboxes did not parse: its first entry that is not one.
fn first_bad_entry(text: &str) -> String {
    for entry in split_entries(text) {
        let entry = entry.trim();
        if entry.is_empty() {
            return "has an empty entry between commas".to_owned();
        }
        if Mailbox::from_str(entry).is_err() {
            return format!("\"{entry}\" is not a valid email address");
        }
    }
    format!("\"{text}\" is not a valid list of email addresses")
}

/// The comma-separated entries of a field, leaving alone the commas inside
/// quoted strings (`"Doe, J" <j@x.com>`), angle brackets and comments.
fn split_entries(text: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let (mut start, mut quoted, mut escaped, mut depth) = (0, false, false, 0usize);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' | '(' if !quoted => depth += 1,
            '>' | ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                entries.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(&text[start..]);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(field: &'static str, message: &str) -> MimeError {
        MimeError::new(field, message.to_owned())
    }

    #[test]
    fn a_to_field_is_normalised_mailbox_by_mailbox() {
        assert_eq!(
            parse_addresses(
                "to",
                " Ann Lee <ann@example.com>,bob@Example.COM ,\"Doe, J\" <j@x.io>"
            ),
            Ok(vec![
                "Ann Lee <ann@example.com>".to_owned(),
                "bob@Example.COM".to_owned(),
                "\"Doe, J\" <j@x.io>".to_owned(),
            ])
        );
        assert_eq!(
            parse_addresses("cc", "Zoë <z@example.com>"),
            Ok(vec!["Zoë <z@example.com>".to_owned()])
        );
        assert_eq!(parse_addresses("cc", "  "), Ok(vec![]));
    }

    #[test]
    fn the_first_bad_address_is_quoted() {
        assert_eq!(
            parse_addresses("to", "a@example.com, not an address, b@"),
            Err(err("to", "\"not an address\" is not a valid email address"))
        );
        assert_eq!(
            parse_addresses("cc", "a@example.com, b@"),
            Err(err("cc", "\"b@\" is not a valid email address"))
        );
        assert_eq!(
            parse_addresses("bcc", "a@example.com,,b@example.com"),
            Err(err("bcc", "has an empty entry between commas"))
        );
        assert_eq!(
            parse_addresses("reply_to", "a@b..c"),
            Err(err("reply_to", "\"a@b..c\" is not a valid email address"))
        );
    }

    #[test]
    fn one_address_exactly() {
        assert_eq!(
            parse_address("from", "Shop <shop@example.com>"),
            Ok("Shop <shop@example.com>".to_owned())
        );
        assert_eq!(
            parse_address("from", ""),
            Err(err("from", "has no address"))
        );
        assert_eq!(
            parse_address("from", "a@example.com, b@example.com"),
            Err(err("from", "must be one address, not 2"))
        );
    }

    #[test]
    fn line_breaks_are_refused_before_parsing() {
        for text in [
            "a@example.com\r\nBcc: x@evil.com",
            "A\n <a@example.com>",
            "a@example.com\r",
        ] {
            assert_eq!(
                parse_addresses("to", text),
                Err(err(
                    "to",
                    "contains a line break (CR or LF), which a header cannot hold"
                ))
            );
        }
    }

    #[test]
    fn bare_addresses() {
        assert_eq!(bare_address("Ann <Ann@Example.COM>"), "Ann@example.com");
        assert_eq!(bare_address("\"Doe, J\" <j@x.io>"), "j@x.io");
        assert_eq!(bare_address(" b@y.com "), "b@y.com");
        // Not a mailbox: the best reading, never a panic.
        assert_eq!(bare_address("x <not valid@HOST>"), "not valid@host");
        assert_eq!(bare_address("nothing"), "nothing");
        assert_eq!(bare_address(""), "");
    }
}
