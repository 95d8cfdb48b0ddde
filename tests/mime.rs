//! The MIME builder against golden `.eml` files (tests/messaging/mime/), and
//! each built message parsed back with a real MIME parser (mail-parser).
//!
//! `AIRSCRIPT_BLESS=1 cargo test --test mime` rewrites the golden files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use airscript::messaging::attachment::{self, Attachment};
use airscript::messaging::mime::{self, Built, Email};
use airscript::value::{Asset, ObjectMap};
use airscript::Value;
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn date() -> jiff::Timestamp {
    "2024-10-12T10:00:00Z".parse().unwrap()
}

/// An email with one recipient and a text body, to vary.
fn email<'a>(to: &'a [String], none: &'a [String]) -> Email<'a> {
    Email {
        id: "01JABCDEFGHJKMNPQRSTVWXYZ0",
        date: date(),
        from: "Shop <shop@example.com>",
        to,
        cc: none,
        bcc: none,
        reply_to: none,
        subject: "Your order has shipped",
        text: Some("Hello Ann,\nyour order is on its way.\n"),
        html: None,
        attachments: &[],
        list_unsubscribe: None,
    }
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/messaging/mime")
        .join(format!("{name}.eml"))
}

/// Compares the bytes with the golden file, or writes it when blessing.
fn check_golden(name: &str, built: &Built) {
    let path = golden_path(name);
    if std::env::var_os("AIRSCRIPT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &built.bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with AIRSCRIPT_BLESS=1 to write it",
            path.display()
        )
    });
    if expected == built.bytes {
        return;
    }
    let got = String::from_utf8_lossy(&built.bytes);
    let want = String::from_utf8_lossy(&expected);
    let (got_lines, want_lines): (Vec<_>, Vec<_>) =
        (got.split("\r\n").collect(), want.split("\r\n").collect());
    let line = got_lines
        .iter()
        .zip(&want_lines)
        .position(|(g, w)| g != w)
        .unwrap_or(got_lines.len().min(want_lines.len()));
    panic!(
        "{name}.eml differs first at line {}:\n  golden: {:?}\n  built:  {:?}\n\
         (golden {} bytes, built {} bytes; AIRSCRIPT_BLESS=1 rewrites the file)\n\
         --- built ---\n{got}",
        line + 1,
        want_lines.get(line),
        got_lines.get(line),
        expected.len(),
        built.bytes.len(),
    );
}

fn parse(built: &Built) -> Message<'_> {
    MessageParser::default()
        .parse(&built.bytes)
        .expect("mail-parser reads the built message")
}

/// The MIME tree as text: `multipart/mixed[text/plain,application/pdf]`.
fn outline(message: &Message<'_>) -> String {
    fn part(message: &Message<'_>, id: usize) -> String {
        let p = &message.parts[id];
        let ct = p.content_type().expect("every part has a Content-Type");
        let mut s = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default());
        if let PartType::Multipart(children) = &p.body {
            let inner: Vec<String> = children
                .iter()
                .map(|&c| part(message, c as usize))
                .collect();
            s.push_str(&format!("[{}]", inner.join(",")));
        }
        s
    }
    part(message, 0)
}

fn addresses(list: Option<&mail_parser::Address<'_>>) -> Vec<(Option<String>, String)> {
    list.map(|a| {
        a.iter()
            .map(|m| {
                (
                    m.name().map(str::to_owned),
                    m.address().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

fn named(name: &str, address: &str) -> (Option<String>, String) {
    (Some(name.to_owned()), address.to_owned())
}

fn bare(address: &str) -> (Option<String>, String) {
    (None, address.to_owned())
}

/// What every built message has in its headers.
fn common_headers(message: &Message<'_>) {
    assert_eq!(
        message.message_id(),
        Some("01JABCDEFGHJKMNPQRSTVWXYZ0@example.com")
    );
    assert_eq!(
        message.date().map(|d| d.to_rfc3339()),
        Some("2024-10-12T10:00:00Z".to_owned())
    );
    assert_eq!(
        addresses(message.from()),
        vec![named("Shop", "shop@example.com")]
    );
    assert!(message.header_raw("Bcc").is_none());
}

#[test]
fn text_only() {
    let (to, none) = (strings(&["Ann <ann@example.com>"]), Vec::new());
    let built = mime::build(&email(&to, &none)).unwrap();
    check_golden("text_only", &built);
    assert_eq!(built.envelope_from, "shop@example.com");
    assert_eq!(built.recipients, strings(&["ann@example.com"]));
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(outline(&m), "text/plain");
    assert_eq!(m.subject(), Some("Your order has shipped"));
    assert_eq!(addresses(m.to()), vec![named("Ann", "ann@example.com")]);
    assert_eq!(
        m.body_text(0).as_deref(),
        Some("Hello Ann,\r\nyour order is on its way.\r\n")
    );
    assert_eq!(m.attachment_count(), 0);
    assert!(m.header_raw("List-Unsubscribe").is_none());
}

#[test]
fn html_only() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let built = mime::build(&Email {
        text: None,
        html: Some("<p>Your order is on its way.</p>"),
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("html_only", &built);
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(outline(&m), "text/html");
    assert_eq!(
        m.body_html(0).as_deref(),
        Some("<p>Your order is on its way.</p>")
    );
}

#[test]
fn html_and_text() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let built = mime::build(&Email {
        html: Some("<p>Hello Ann,</p>\n<p>your order is on its way.</p>"),
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("html_and_text", &built);
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(outline(&m), "multipart/alternative[text/plain,text/html]");
    assert_eq!(
        m.root_part()
            .content_type()
            .and_then(|c| c.attribute("boundary")),
        Some("alt-01JABCDEFGHJKMNPQRSTVWXYZ0")
    );
    assert_eq!(
        m.body_text(0).as_deref(),
        Some("Hello Ann,\r\nyour order is on its way.\r\n")
    );
    assert_eq!(
        m.body_html(0).as_deref(),
        Some("<p>Hello Ann,</p>\r\n<p>your order is on its way.</p>")
    );
}

fn data_asset(uri: &str, name: Option<&str>) -> Value {
    let mut record = ObjectMap::default();
    record.insert("uri".into(), Value::text(uri));
    if let Some(name) = name {
        record.insert("name".into(), Value::text(name));
    }
    Value::Asset(Arc::new(Asset {
        uri: uri.into(),
        record,
        labelled: true,
    }))
}

#[test]
fn attachments() {
    let pdf = attachment::read(
        &data_asset(
            "data:application/pdf;base64,JVBERi0xLjcKJeLjz9MK",
            Some("Invoice 42.pdf"),
        ),
        Path::new("."),
    )
    .unwrap();
    let csv = attachment::read(
        &data_asset(
            "data:text/csv;name=R%C3%A9sum%C3%A9%202024.csv,a%2Cb%0D%0A1%2C2%0D%0A",
            None,
        ),
        Path::new("."),
    )
    .unwrap();
    let binary = Attachment {
        name: "blob".to_owned(),
        media_type: "application/octet-stream".to_owned(),
        bytes: (0..=255u8).collect(),
    };
    assert_eq!(pdf.name, "Invoice 42.pdf");
    assert_eq!(csv.name, "Résumé 2024.csv");
    let files = [pdf.clone(), csv.clone(), binary.clone()];
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let built = mime::build(&Email {
        html: Some("<p>Your invoice is attached.</p>"),
        attachments: &files,
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("attachments", &built);
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(
        outline(&m),
        "multipart/mixed[multipart/alternative[text/plain,text/html],\
         application/pdf,text/csv,application/octet-stream]"
    );
    assert_eq!(
        m.root_part()
            .content_type()
            .and_then(|c| c.attribute("boundary")),
        Some("mix-01JABCDEFGHJKMNPQRSTVWXYZ0")
    );
    assert_eq!(m.attachment_count(), 3);
    let got: Vec<(String, String, Vec<u8>)> = m
        .attachments()
        .map(|a| {
            let ct = a.content_type().unwrap();
            (
                a.attachment_name().unwrap_or_default().to_owned(),
                format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default()),
                a.contents().to_vec(),
            )
        })
        .collect();
    let want: Vec<(String, String, Vec<u8>)> = files
        .iter()
        .map(|a| (a.name.clone(), a.media_type.clone(), a.bytes.clone()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        m.body_html(0).as_deref(),
        Some("<p>Your invoice is attached.</p>")
    );
}

#[test]
fn non_ascii_subject_and_names() {
    let to = strings(&["Jürgen Groß <juergen@example.de>"]);
    let none = Vec::new();
    let built = mime::build(&Email {
        from: "Café Zoë <shop@example.com>",
        subject: "Ihre Bestellung – Größe M ✓",
        text: Some("Grüße aus Köln!\n"),
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("non_ascii", &built);
    let head = mime::header_block(&built.bytes);
    assert!(head.is_ascii(), "{head}");
    let m = parse(&built);
    assert_eq!(m.subject(), Some("Ihre Bestellung – Größe M ✓"));
    assert_eq!(
        addresses(m.from()),
        vec![named("Café Zoë", "shop@example.com")]
    );
    assert_eq!(
        addresses(m.to()),
        vec![named("Jürgen Groß", "juergen@example.de")]
    );
    assert_eq!(m.body_text(0).as_deref(), Some("Grüße aus Köln!\r\n"));
}

#[test]
fn unsubscribe_https_is_one_click() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let built = mime::build(&Email {
        list_unsubscribe: Some("https://shop.example.com/unsubscribe?u=ann%40example.com&t=9f2c"),
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("unsubscribe_https", &built);
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(
        m.header_raw("List-Unsubscribe").map(str::trim),
        Some("<https://shop.example.com/unsubscribe?u=ann%40example.com&t=9f2c>")
    );
    assert_eq!(
        m.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
}

#[test]
fn unsubscribe_mailto_has_no_post_header() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let built = mime::build(&Email {
        list_unsubscribe: Some("mailto:unsubscribe@example.com?subject=unsubscribe"),
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("unsubscribe_mailto", &built);
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(
        m.header_raw("List-Unsubscribe").map(str::trim),
        Some("<mailto:unsubscribe@example.com?subject=unsubscribe>")
    );
    assert!(m.header_raw("List-Unsubscribe-Post").is_none());
}

#[test]
fn cc_bcc_and_reply_to() {
    let to = strings(&["Ann <ann@example.com>, bob@example.com"]);
    let cc = strings(&["\"Lee, Carol\" <carol@example.com>"]);
    let bcc = strings(&["audit@example.com"]);
    let reply_to = strings(&["Support <support@example.com>"]);
    let none = Vec::new();
    let built = mime::build(&Email {
        cc: &cc,
        bcc: &bcc,
        reply_to: &reply_to,
        ..email(&to, &none)
    })
    .unwrap();
    check_golden("cc_bcc", &built);
    assert_eq!(
        built.recipients,
        strings(&[
            "ann@example.com",
            "bob@example.com",
            "carol@example.com",
            "audit@example.com"
        ])
    );
    let m = parse(&built);
    common_headers(&m);
    assert_eq!(
        addresses(m.to()),
        vec![named("Ann", "ann@example.com"), bare("bob@example.com")]
    );
    assert_eq!(
        addresses(m.cc()),
        vec![named("Lee, Carol", "carol@example.com")]
    );
    assert_eq!(
        addresses(m.reply_to()),
        vec![named("Support", "support@example.com")]
    );
    assert!(m.bcc().is_none());
    assert!(!String::from_utf8_lossy(&built.bytes).contains("audit"));
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let files = [Attachment {
        name: "a.txt".to_owned(),
        media_type: "text/plain".to_owned(),
        bytes: b"a".to_vec(),
    }];
    let e = Email {
        html: Some("<p>x</p>"),
        attachments: &files,
        ..email(&to, &none)
    };
    assert_eq!(mime::build(&e), mime::build(&e));
}

#[test]
fn awkward_attachment_names_survive_the_round_trip() {
    let (to, none) = (strings(&["ann@example.com"]), Vec::new());
    let names = [
        "a \"quoted\" \\ name.txt",
        "tab\there.txt",
        "日本語のファイル名がとても長い場合でも正しく折り返されるべきです.txt",
    ];
    let files: Vec<Attachment> = names
        .iter()
        .map(|n| Attachment {
            name: (*n).to_owned(),
            media_type: "text/plain".to_owned(),
            bytes: b"x".to_vec(),
        })
        .collect();
    let built = mime::build(&Email {
        attachments: &files,
        ..email(&to, &none)
    })
    .unwrap();
    let m = parse(&built);
    assert_eq!(
        outline(&m),
        "multipart/mixed[text/plain,text/plain,text/plain,text/plain]"
    );
    assert_eq!(
        m.body_text(0).as_deref(),
        Some("Hello Ann,\r\nyour order is on its way.\r\n")
    );
    let got: Vec<&str> = m
        .attachments()
        .map(|a| a.attachment_name().unwrap_or_default())
        .collect();
    assert_eq!(got, names);
}
