//! The `smtp` transport against a real SMTP server (aiosmtpd on
//! 127.0.0.1, tests/support/smtpd.rs): messages built by the real outbox
//! path (SEND_EMAIL into a SQLite outbox), sent as stored, and read back
//! from the server's Maildir; STARTTLS and implicit TLS with a test CA;
//! and what each kind of answer or failure becomes.

mod support;

use std::path::Path;

use airscript::messaging::config::{Config, Source};
use airscript::messaging::status::Status;
use airscript::messaging::transport::smtp::Smtp;
use airscript::messaging::transport::{Delivery, Reconciled, Transport};
use mail_parser::{MessageParser, MimeHeaders};
use support::smtpd::{Encryption, Handler, Smtpd};
use support::stored::{scratch, Stored};

fn stored(script: &str) -> Stored {
    support::stored::stored(script, "smtp")
}

/// A full email: two To (one with a non-ASCII name), Cc, Bcc, a non-ASCII
/// subject, text and HTML, two attachments and List-Unsubscribe.
const FULL: &str = r#"SEND_EMAIL({
    to: "Ada Lovelace <ada@example.com>, Jürgen Groß <juergen@example.de>",
    cc: "Bob <bob@example.com>",
    bcc: "audit@example.com",
    subject: "Your order №42 — shipped ✓",
    body: "Hello Ada,\nyour order is on its way.\n",
    html: "<p>Hello Ada,<br>your order is on its way.</p>",
    attachments: [{uri: "data:text/csv;base64,c2t1LHF0eQpBLTEsMgo=", name: "order.csv"},
                  {uri: "./tests/data/transport/bytes.bin"}],
    unsubscribe: "https://shop.example.com/unsubscribe?u=ada"
})"#;

fn simple(to: &str) -> String {
    format!(r#"SEND_EMAIL({{to: "{to}", subject: "Hi", body: "Hello"}})"#)
}

fn smtp(url: &str, ca_file: Option<&Path>) -> Smtp {
    let mut cfg = Config::defaults();
    cfg.set("smtp.url", url, Source::Env("AIR_SMTP_URL"));
    if let Some(ca) = ca_file {
        cfg.set(
            "smtp.ca_file",
            ca.to_str().unwrap(),
            Source::Env("AIR_SMTP_CA_FILE"),
        );
    }
    Smtp::from_config(&cfg).unwrap_or_else(|e| panic!("{e}"))
}

fn for_server(server: &Smtpd) -> Smtp {
    smtp(&server.url(), server.ca_file().as_deref())
}

fn message_id(s: &Stored) -> String {
    format!("<{}@example.com>", s.record.id)
}

fn accepted(s: &Stored, reply: &str) -> Delivery {
    Delivery::Accepted {
        status: Status::Sent,
        provider_id: Some(message_id(s)),
        provider_status: Some(reply.to_string()),
    }
}

/// The bytes lettre puts on the wire are the stored MIME and the CRLF
/// that ends the DATA (`\r\n.\r\n`): the server receives exactly these.
fn on_the_wire(mime: &[u8]) -> Vec<u8> {
    let mut bytes = mime.to_vec();
    bytes.extend_from_slice(b"\r\n");
    bytes
}

#[test]
fn delivers_the_stored_mime_unchanged_to_every_recipient() {
    let server = Smtpd::accept();
    let msg = stored(FULL);
    let mut t = for_server(&server);
    assert_eq!(
        t.send(&msg.outgoing()),
        accepted(&msg, "250 2.0.0 Ok: queued as 1")
    );

    assert_eq!(server.raw(), vec![on_the_wire(&msg.mime)]);
    let maildir = server.maildir();
    assert_eq!(maildir.len(), 1);
    let m = MessageParser::default().parse(&maildir[0]).unwrap();
    let header = |name: &'static str| m.header_raw(name).map(str::trim);
    assert_eq!(header("X-MailFrom"), Some("shop@example.com"));
    assert_eq!(
        header("X-RcptTo"),
        Some("ada@example.com, juergen@example.de, bob@example.com, audit@example.com"),
        "the Bcc address is an envelope recipient"
    );
    assert_eq!(header("Bcc"), None, "and not in the headers");
    let addresses = |a: Option<&mail_parser::Address<'_>>| -> Vec<(String, String)> {
        a.unwrap()
            .iter()
            .map(|m| {
                (
                    m.name().unwrap_or_default().to_string(),
                    m.address().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        addresses(m.from()),
        [("Shop".to_string(), "shop@example.com".to_string())]
    );
    assert_eq!(
        addresses(m.to()),
        [
            ("Ada Lovelace".to_string(), "ada@example.com".to_string()),
            ("Jürgen Groß".to_string(), "juergen@example.de".to_string())
        ]
    );
    assert_eq!(
        addresses(m.cc()),
        [("Bob".to_string(), "bob@example.com".to_string())]
    );
    assert_eq!(m.subject(), Some("Your order №42 — shipped ✓"));
    assert_eq!(
        header("Subject"),
        Some("Your order =?utf-8?b?4oSWNDIg4oCU?= shipped =?utf-8?b?4pyT?="),
        "RFC 2047 words on the wire"
    );
    assert_eq!(header("Message-ID"), Some(message_id(&msg).as_str()));
    assert_eq!(
        m.body_text(0).as_deref(),
        Some("Hello Ada,\nyour order is on its way.\n"),
        "(the Maildir file has LF line ends; raw() has the bytes as sent)"
    );
    assert_eq!(
        m.body_html(0).as_deref(),
        Some("<p>Hello Ada,<br>your order is on its way.</p>")
    );
    let attachments: Vec<(String, String, Vec<u8>)> = m
        .attachments()
        .map(|a| {
            let ct = a.content_type().unwrap();
            (
                a.attachment_name().unwrap_or_default().to_string(),
                format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default()),
                a.contents().to_vec(),
            )
        })
        .collect();
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/transport/bytes.bin"))
            .unwrap();
    assert_eq!(
        attachments,
        [
            (
                "order.csv".to_string(),
                "text/csv".to_string(),
                b"sku,qty\nA-1,2\n".to_vec()
            ),
            (
                "bytes.bin".to_string(),
                "application/octet-stream".to_string(),
                bytes
            ),
        ]
    );
    assert_eq!(
        header("List-Unsubscribe"),
        Some("<https://shop.example.com/unsubscribe?u=ada>")
    );
    assert_eq!(
        header("List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
}

#[test]
fn the_connection_is_kept_for_the_next_message() {
    let server = Smtpd::accept();
    let (a, b) = (
        stored(&simple("a@example.com")),
        stored(&simple("b@example.com")),
    );
    let mut t = for_server(&server);
    assert_eq!(
        t.send(&a.outgoing()),
        accepted(&a, "250 2.0.0 Ok: queued as 1")
    );
    assert_eq!(
        t.send(&b.outgoing()),
        accepted(&b, "250 2.0.0 Ok: queued as 2")
    );
    let peers: Vec<String> = server
        .maildir()
        .iter()
        .map(|bytes| {
            let m = MessageParser::default().parse(bytes).unwrap();
            m.header_raw("X-Peer").unwrap().trim().to_string()
        })
        .collect();
    assert_eq!(peers.len(), 2);
    assert_eq!(peers[0], peers[1], "one connection (the same client port)");
}

#[test]
fn starttls_and_implicit_tls_with_the_test_ca() {
    for (encryption, url_shape) in [
        (Encryption::StartTls, "?tls=required"),
        (Encryption::Implicit, "smtps://"),
    ] {
        let server = Smtpd::start(Handler::Accept, encryption);
        assert!(server.url().contains(url_shape), "{}", server.url());
        let msg = stored(&simple("ada@example.com"));
        let mut t = for_server(&server);
        assert_eq!(
            t.send(&msg.outgoing()),
            accepted(&msg, "250 2.0.0 Ok: queued as 1")
        );
        assert_eq!(server.raw(), vec![on_the_wire(&msg.mime)]);
    }
}

#[test]
fn an_unknown_certificate_authority_is_transient_and_sends_nothing() {
    let server = Smtpd::start(Handler::Accept, Encryption::Implicit);
    let msg = stored(&simple("ada@example.com"));
    let mut t = smtp(&server.url(), None);
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Transient {
            error: format!(
                "TLS with the SMTP server 127.0.0.1:{} failed: network error: invalid peer certificate: UnknownIssuer (a private CA needs smtp.ca_file)",
                server.port
            ),
            retry_after: None,
            throttled: false,
        }
    );
    assert!(server.raw().is_empty());
}

#[test]
fn a_450_after_the_data_is_transient_then_the_retry_is_accepted() {
    let server = Smtpd::start(Handler::TempFailOnce, Encryption::Plain);
    let msg = stored(&simple("ada@example.com"));
    let mut t = for_server(&server);
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Transient {
            error: format!(
                "the SMTP server 127.0.0.1:{} answered 450 4.2.0 Mailbox busy, try again later after the message data",
                server.port
            ),
            retry_after: None,
            throttled: false,
        }
    );
    assert!(server.raw().is_empty());
    assert_eq!(
        t.send(&msg.outgoing()),
        accepted(&msg, "250 2.0.0 Ok: queued as 1")
    );
    assert_eq!(server.raw(), vec![on_the_wire(&msg.mime)]);
}

#[test]
fn a_550_is_permanent() {
    let server = Smtpd::start(Handler::Reject, Encryption::Plain);
    let msg = stored(&simple("ada@example.com"));
    let mut t = for_server(&server);
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Permanent {
            status: Status::Rejected,
            error: format!(
                "the SMTP server 127.0.0.1:{} refused the message: 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown at RCPT TO",
                server.port
            ),
        }
    );
    assert!(server.raw().is_empty());
}

#[test]
fn a_454_is_throttling() {
    let server = Smtpd::start(Handler::Throttle, Encryption::Plain);
    let msg = stored(&simple("ada@example.com"));
    let mut t = for_server(&server);
    assert_eq!(
        t.send(&msg.outgoing()),
        Delivery::Transient {
            error: format!(
                "the SMTP server 127.0.0.1:{} answered 454 4.7.0 Too many messages, slow down after the message data",
                server.port
            ),
            retry_after: None,
            throttled: true,
        }
    );
}

#[test]
fn a_server_that_is_down_is_transient() {
    let port = support::tools::free_port();
    let msg = stored(&simple("ada@example.com"));
    let mut t = smtp(&format!("smtp://127.0.0.1:{port}"), None);
    let Delivery::Transient {
        error,
        throttled: false,
        retry_after: None,
    } = t.send(&msg.outgoing())
    else {
        panic!("expected a transient failure");
    };
    assert!(
        error.starts_with(&format!(
            "could not talk to the SMTP server 127.0.0.1:{port} while connecting (no TLS): "
        )),
        "{error}"
    );
}

#[test]
fn a_server_lost_after_the_data_is_ambiguous() {
    // The server writes the first message to its Maildir and then kills
    // itself before answering: it has the message, the client cannot know.
    let pid_file = scratch("smtpd-pid");
    std::fs::write(&pid_file, "0").unwrap();
    let server = Smtpd::kill_on_nth(1, &pid_file);
    std::fs::write(&pid_file, server.pid().to_string()).unwrap();
    let msg = stored(&simple("ada@example.com"));
    let mut t = for_server(&server);
    let Delivery::Ambiguous { error } = t.send(&msg.outgoing()) else {
        panic!("expected an ambiguous outcome");
    };
    assert!(
        error.starts_with(&format!(
            "the connection to the SMTP server 127.0.0.1:{} broke after the message data was sent, before its reply (",
            server.port
        )),
        "{error}"
    );
    assert!(
        error.ends_with("): the server may have accepted it"),
        "{error}"
    );
    assert_eq!(server.raw(), vec![on_the_wire(&msg.mime)]);
    assert_eq!(server.maildir().len(), 1);
    let _ = std::fs::remove_file(&pid_file);
}

#[test]
fn reconcile_cannot_tell_and_says_what_to_look_for() {
    let msg = stored(&simple("ada@example.com"));
    let mut t = smtp("smtps://ada:S3cret-pw@mail.example.com", None);
    assert_eq!(
        t.reconcile(&msg.record),
        Reconciled::Unknown {
            evidence: format!(
                "SMTP cannot look a message up: message {} (Message-ID {}) may or may not have been accepted by the SMTP server smtps://ada:****@mail.example.com:465; search the server's log for that Message-ID",
                msg.record.id,
                message_id(&msg)
            )
        }
    );
}

#[test]
fn the_password_never_shows() {
    let port = support::tools::free_port();
    let url = format!("smtp://ada:S3cret-pw@127.0.0.1:{port}");
    let msg = stored(&simple("ada@example.com"));
    let mut t = smtp(&url, None);
    let debug = format!("{t:?}");
    assert!(
        debug.contains(&format!("smtp://ada:****@127.0.0.1:{port}")),
        "{debug}"
    );
    let Delivery::Transient { error, .. } = t.send(&msg.outgoing()) else {
        panic!("expected a transient failure");
    };
    let Reconciled::Unknown { evidence } = t.reconcile(&msg.record) else {
        panic!("expected unknown");
    };
    for text in [&debug, &error, &evidence] {
        assert!(!text.contains("S3cret-pw"), "{text}");
    }

    let mut cfg = Config::defaults();
    cfg.set(
        "smtp.url",
        "smtp://ada:S3cret-pw@mail.example.com:25",
        Source::Default,
    );
    let e = Smtp::from_config(&cfg).unwrap_err();
    assert_eq!(
        e,
        "smtp.url = \"smtp://****@mail.example.com:25\": a password would travel in plain text: use smtps:// or add ?tls=required"
    );
}

#[test]
fn configuration_errors_name_the_key() {
    let e = Smtp::from_config(&Config::defaults()).unwrap_err();
    assert!(e.starts_with("smtp.url is not set (AIR_SMTP_URL)"), "{e}");

    let mut cfg = Config::defaults();
    cfg.set("smtp.url", "smtps://mail.example.com", Source::Default);
    cfg.set("smtp.ca_file", "/no/such/ca.pem", Source::Default);
    let e = Smtp::from_config(&cfg).unwrap_err();
    assert!(
        e.starts_with("smtp.ca_file = \"/no/such/ca.pem\": cannot read it: "),
        "{e}"
    );

    let not_pem = scratch("not-pem");
    std::fs::write(&not_pem, "hello").unwrap();
    cfg.set("smtp.ca_file", not_pem.to_str().unwrap(), Source::Default);
    let e = Smtp::from_config(&cfg).unwrap_err();
    assert_eq!(
        e,
        format!(
            "smtp.ca_file = {:?}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it",
            not_pem.to_str().unwrap()
        )
    );
    let _ = std::fs::remove_file(&not_pem);
}
