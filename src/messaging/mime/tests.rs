use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A valid email to vary: the fields borrow from `f`.
struct Fields {
    to: Vec<String>,
    cc: Vec<String>,
    bcc: Vec<String>,
    reply_to: Vec<String>,
    attachments: Vec<Attachment>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            to: strings(&["Ann <ann@example.com>"]),
            cc: Vec::new(),
            bcc: Vec::new(),
            reply_to: Vec::new(),
            attachments: Vec::new(),
        }
    }

    fn email(&self) -> Email<'_> {
        Email {
            id: "01JABCDEF",
            date: "2024-10-12T10:00:00Z".parse().unwrap(),
            from: "Shop <shop@example.com>",
            to: &self.to,
            cc: &self.cc,
            bcc: &self.bcc,
            reply_to: &self.reply_to,
            subject: "Your order",
            text: Some("Thanks!"),
            html: None,
            attachments: &self.attachments,
            list_unsubscribe: None,
        }
    }
}

fn err(field: &'static str, message: &str) -> Result<Built, MimeError> {
    Err(MimeError::new(field, message.to_owned()))
}

const INJECTION: &str = "contains a line break (CR or LF), which a header cannot hold";

#[test]
fn a_line_break_in_any_header_field_builds_nothing() {
    let evil = "x@example.com\r\nBcc: victim@example.com";
    let mut f = Fields::new();
    let base = f.email();
    assert_eq!(build(&Email { from: evil, ..base }), err("from", INJECTION));
    assert_eq!(
        build(&Email {
            subject: "Hi\nBcc: v@example.com",
            ..base
        }),
        err("subject", INJECTION)
    );
    assert_eq!(
        build(&Email {
            subject: "Hi\r",
            ..base
        }),
        err("subject", INJECTION)
    );
    assert_eq!(
        build(&Email {
            list_unsubscribe: Some("https://x.com/u\r\nX: y"),
            ..base
        }),
        err("unsubscribe", INJECTION)
    );
    let names = strings(&["Ann\n <ann@example.com>"]);
    assert_eq!(build(&Email { to: &names, ..base }), err("to", INJECTION));
    for field in ["to", "cc", "bcc", "reply_to"] {
        let bad = strings(&[evil]);
        let email = match field {
            "to" => Email { to: &bad, ..base },
            "cc" => Email { cc: &bad, ..base },
            "bcc" => Email { bcc: &bad, ..base },
            _ => Email {
                reply_to: &bad,
                ..base
            },
        };
        assert_eq!(build(&email), err(field, INJECTION), "{field}");
    }
    f.attachments = vec![Attachment {
        name: "a.txt\r\nX-Evil: 1".to_owned(),
        media_type: "text/plain".to_owned(),
        bytes: b"x".to_vec(),
    }];
    assert_eq!(
        build(&f.email()),
        err(
            "attachments",
            "[0] has a line break (CR or LF) in its name, which a header cannot hold"
        )
    );
}

#[test]
fn a_bad_address_is_quoted_with_its_field() {
    let f = Fields::new();
    let base = f.email();
    let cc = strings(&["ok@example.com", "Bob <bob@>"]);
    assert_eq!(
        build(&Email { cc: &cc, ..base }),
        err("cc", "\"Bob <bob@>\" is not a valid email address")
    );
    assert_eq!(
        build(&Email {
            from: "shop at example.com",
            ..base
        }),
        err(
            "from",
            "\"shop at example.com\" is not a valid email address"
        )
    );
    assert_eq!(
        build(&Email {
            from: "a@example.com, b@example.com",
            ..base
        }),
        err("from", "must be one address, not 2")
    );
    let none: Vec<String> = Vec::new();
    assert_eq!(
        build(&Email { to: &none, ..base }),
        err(
            "to",
            "has no recipient: give at least one address in to, cc or bcc"
        )
    );
}

#[test]
fn unsubscribe_is_an_https_url_or_a_mailto_address() {
    let f = Fields::new();
    let base = f.email();
    let with = |u| {
        build(&Email {
            list_unsubscribe: Some(u),
            ..base
        })
    };
    assert_eq!(
        with("http://x.com/u"),
        err(
            "unsubscribe",
            "\"http://x.com/u\" is neither an https: URL nor a mailto: address"
        )
    );
    assert_eq!(
        with("https:///u"),
        err(
            "unsubscribe",
            "\"https:///u\" is an https: URL without a host"
        )
    );
    assert_eq!(
        with("https://x.com/a b"),
        err(
            "unsubscribe",
            "\"https://x.com/a b\" has a character that must be percent-encoded (a space, '<', '>' or non-ASCII)"
        )
    );
    assert_eq!(
        with("mailto:nobody"),
        err(
            "unsubscribe",
            "\"mailto:nobody\" is a mailto: URL without a valid email address"
        )
    );
    let long = format!("https://x.com/{}", "a".repeat(900));
    assert_eq!(
        with(&long),
        err(
            "unsubscribe",
            &format!("\"{long}\" is longer than 900 characters")
        )
    );
    assert!(with("MAILTO:u@example.com?subject=stop").is_ok());
}

#[test]
fn the_id_and_the_date_must_fit_the_headers() {
    let f = Fields::new();
    let base = f.email();
    let id_err = |id: &str| {
        err(
            "id",
            &format!(
                "\"{id}\" is not a message id: 1 to 64 ASCII letters, digits, '-', '_' or '.'"
            ),
        )
    };
    for id in ["", "a b", "a@b", "<x>", &"x".repeat(65)] {
        assert_eq!(build(&Email { id, ..base }), id_err(id), "{id:?}");
    }
    assert!(build(&Email {
        id: &"x".repeat(64),
        ..base
    })
    .is_ok());
    let before_1970: jiff::Timestamp = "1969-12-31T23:59:59Z".parse().unwrap();
    assert_eq!(
        build(&Email {
            date: before_1970,
            ..base
        }),
        err(
            "date",
            "1969-12-31T23:59:59Z cannot be a Date header (years 1970 to 9999 only)"
        )
    );
    // jiff stops before 10000, so its largest instant is shown, not refused.
    assert!(build(&Email {
        date: jiff::Timestamp::MAX,
        ..base
    })
    .is_ok());
    assert!(build(&Email {
        date: jiff::Timestamp::UNIX_EPOCH,
        ..base
    })
    .is_ok());
}

#[test]
fn an_attachment_with_an_invalid_media_type_is_refused() {
    let mut f = Fields::new();
    f.attachments = vec![Attachment {
        name: "a".to_owned(),
        media_type: "not a type".to_owned(),
        bytes: Vec::new(),
    }];
    assert_eq!(
        build(&f.email()),
        err(
            "attachments",
            "[0] has an invalid media type \"not a type\""
        )
    );
}

#[test]
fn the_envelope_has_every_recipient_once_and_bcc_stays_out_of_the_headers() {
    let mut f = Fields::new();
    f.to = strings(&["Ann <ann@Example.com>, b@example.com"]);
    f.cc = strings(&["ann@example.com", "c@example.com"]);
    f.bcc = strings(&["Secret <hidden@example.com>"]);
    let built = build(&f.email()).unwrap();
    assert_eq!(built.envelope_from, "shop@example.com");
    assert_eq!(
        built.recipients,
        strings(&[
            "ann@example.com",
            "b@example.com",
            "c@example.com",
            "hidden@example.com"
        ])
    );
    let head = header_block(&built.bytes);
    assert!(!head.contains("hidden"), "{head}");
    assert!(!head.to_ascii_lowercase().contains("bcc"), "{head}");
    // Bcc alone is enough to send.
    let none: Vec<String> = Vec::new();
    let built = build(&Email {
        to: &none,
        cc: &none,
        ..f.email()
    })
    .unwrap();
    assert_eq!(built.recipients, strings(&["hidden@example.com"]));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let f = Fields::new();
    let email = Email {
        html: Some("<p>Thanks!</p>"),
        ..f.email()
    };
    let a = build(&email).unwrap();
    assert_eq!(a, build(&email).unwrap());
    let head = header_block(&a.bytes);
    assert!(
        head.contains("Message-ID: <01JABCDEF@example.com>\r\n"),
        "{head}"
    );
    assert!(
        head.contains("Date: Sat, 12 Oct 2024 10:00:00 +0000\r\n"),
        "{head}"
    );
    assert!(head.contains("boundary=\"alt-01JABCDEF\""), "{head}");
}

#[test]
fn message_ids_use_the_senders_ascii_domain() {
    assert_eq!(headers::message_id("X1", "Example.COM"), "<X1@example.com>");
    assert_eq!(headers::message_id("X1", "例子.广告"), "<X1@localhost>");
    assert_eq!(headers::message_id("X1", ""), "<X1@localhost>");
}

#[test]
fn the_header_block_ends_at_the_blank_line() {
    assert_eq!(
        header_block(b"A: 1\r\nB: 2\r\n\r\nbody\r\n\r\n"),
        "A: 1\r\nB: 2\r\n"
    );
    assert_eq!(header_block(b"A: 1\nB: 2\n\nbody"), "A: 1\nB: 2\n");
    assert_eq!(header_block(b"A: 1\r\n"), "A: 1\r\n");
    assert_eq!(header_block(b"A: \xff\r\n\r\n"), "A: ");
    assert_eq!(header_block(b""), "");
}
