//! The `messaging` target's input: a structured message.
//!
//! [`MessageCase`] is read from the fuzzer's bytes with `Arbitrary`: which
//! channel, the fields of the object form of `SEND_EMAIL` / `SEND_SMS`
//! (known and unknown names; addresses, texts, numbers, DateTimes,
//! attachments as Assets or asset-shaped Objects with `data:` URIs or the
//! harness's few files), an actor, a region, and the fields of a MIME
//! message to build directly. It becomes the JSON document that
//! `harness::messaging` takes; `Debug` prints that document, so that
//! `cargo fuzz fmt messaging ARTIFACT` writes the `.json` of a regression.

use std::fmt;

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value as J};

use crate::harness::FILES;

const EMAIL_AND_SMS_FIELDS: &[&str] = &[
    "to",
    "cc",
    "bcc",
    "reply_to",
    "from",
    "subject",
    "body",
    "html",
    "attachments",
    "tags",
    "idempotency_key",
    "send_at",
    "unsubscribe",
    "time_zone",
    "quiet_hours",
];

const TEXTS: &[&str] = &[
    "Hello",
    "",
    " ",
    "Ünïcödé ✓ 日本語",
    "line1\nline2",
    "a\r\nBcc: x@example.com",
    "=?utf-8?b?SGk=?=",
    "<p>Hi <b>{{name}}</b></p>",
    "😀👍🏽",
    ".\r\n.\r\n",
    "From me\n>quoted",
    "tab\there",
    "\u{0}",
    "off",
    "schedule",
    "reject",
    "America/New_York",
    "Not/AZone",
    "key-123",
    "https://example.com/unsubscribe?u=1",
    "mailto:unsub@example.com",
    "http://example.com/u",
    "https://example.com/a\r\nX-Evil: 1",
];

const LOCALS: &[&str] = &[
    "ann",
    "first.last",
    "a+tag",
    "\"quoted local\"",
    "x",
    "",
    "ünï",
    "a..b",
];

const DOMAINS: &[&str] = &[
    "example.com",
    "b.co",
    "xn--bcher-kva.example",
    "localhost",
    "[127.0.0.1]",
    "ex ample.com",
    "例え.jp",
    "",
    "-bad-.com",
];

const NAMES: &[&str] = &[
    "Ann",
    "Ann \"Q\" Lee",
    "Émile Zola",
    "Lee, Ann",
    "=?utf-8?q?x?=",
    "Line\nBreak",
    "<>",
    "",
];

const PHONES: &[&str] = &[
    "+16502530000",
    "+1 650-253-0000",
    "(415) 555-0100",
    "020 7946 0958",
    "+44 20 7946 0958",
    "555",
    "+999 1",
    "tel:+16502530000",
    "",
];

const MEDIA: &[&str] = &[
    "text/plain",
    "text/html; charset=utf-8",
    "image/png",
    "application/pdf",
    "application/octet-stream",
    "TEXT/PLAIN",
    "text",
    "a/b/c",
    "",
    "multipart/mixed",
    "message/rfc822",
    "text/plain\r\nX: y",
];

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Paris",
    "Asia/Kolkata",
    "Not/AZone",
];

const REGIONS: &[&str] = &["US", "GB", "DE", "IN", "FR", "ZZ", "us", ""];

const IDS: &[&str] = &[
    "01HZXFUZZ0000000000000000",
    "a",
    "",
    "a b",
    "x.y_z-1",
    "0123456789012345678901234567890123456789012345678901234567890123456789",
    "ü",
];

fn pick(pool: &[&str], i: u8) -> String {
    pool[i as usize % pool.len()].to_owned()
}

/// A text: from a pool, as the fuzzer writes it, or long.
#[derive(Arbitrary)]
pub enum TextIn {
    Pool(u8),
    Raw(String),
    Long(u16, char),
}

impl TextIn {
    fn text(&self) -> String {
        match self {
            TextIn::Pool(i) => pick(TEXTS, *i),
            TextIn::Raw(s) => s.clone(),
            TextIn::Long(n, c) => std::iter::repeat_n(*c, *n as usize % 4000).collect(),
        }
    }
}

#[derive(Arbitrary)]
pub enum AddressIn {
    Plain(u8, u8),
    Named(u8, u8, u8),
    Several(Vec<(u8, u8)>),
    Raw(String),
}

impl AddressIn {
    fn text(&self) -> String {
        let addr = |l: u8, d: u8| format!("{}@{}", pick(LOCALS, l), pick(DOMAINS, d));
        match self {
            AddressIn::Plain(l, d) => addr(*l, *d),
            AddressIn::Named(n, l, d) => format!("{} <{}>", pick(NAMES, *n), addr(*l, *d)),
            AddressIn::Several(list) => list
                .iter()
                .take(6)
                .map(|(l, d)| addr(*l, *d))
                .collect::<Vec<_>>()
                .join(", "),
            AddressIn::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary)]
pub enum UriIn {
    Data {
        media: u8,
        name: Option<u8>,
        base64: bool,
        bytes: Vec<u8>,
    },
    File(u8),
    Raw(String),
}

impl UriIn {
    fn text(&self) -> String {
        match self {
            UriIn::Data {
                media,
                name,
                base64,
                bytes,
            } => {
                let mut s = format!("data:{}", pick(MEDIA, *media));
                if let Some(n) = name {
                    s.push_str(";name=");
                    s.push_str(&percent(pick(TEXTS, *n).as_bytes()));
                }
                if *base64 {
                    s.push_str(";base64,");
                    s.push_str(&base64_encode(bytes));
                } else {
                    s.push(',');
                    s.push_str(&percent(bytes));
                }
                s
            }
            UriIn::File(i) => {
                let names: Vec<String> = FILES
                    .iter()
                    .map(|(n, _)| format!("./{n}"))
                    .chain(["./missing.txt".to_owned(), "../escape.txt".to_owned()])
                    .collect();
                names[*i as usize % names.len()].clone()
            }
            UriIn::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary)]
pub struct AttachmentIn {
    uri: UriIn,
    name: Option<TextIn>,
    media: Option<u8>,
    /// An asset-shaped Object rather than an Asset.
    as_object: bool,
}

impl AttachmentIn {
    fn json(&self) -> J {
        let mut m = Map::new();
        let key = if self.as_object { "uri" } else { "$asset" };
        m.insert(key.into(), J::String(self.uri.text()));
        if let Some(n) = &self.name {
            m.insert("name".into(), J::String(n.text()));
        }
        if let Some(t) = self.media {
            m.insert("type".into(), J::String(pick(MEDIA, t)));
        }
        J::Object(m)
    }
}

#[derive(Arbitrary)]
pub enum FieldIn {
    Text(TextIn),
    Address(AddressIn),
    Addresses(Vec<AddressIn>),
    Phone(u8),
    Number(i64),
    Decimal(u32, u16),
    Bool(bool),
    Null,
    DateTime(i64, u8),
    Attachment(AttachmentIn),
    Attachments(Vec<AttachmentIn>),
    Pairs(Vec<(TextIn, TextIn)>),
}

impl FieldIn {
    fn json(&self) -> J {
        match self {
            FieldIn::Text(t) => J::String(t.text()),
            FieldIn::Address(a) => J::String(a.text()),
            FieldIn::Addresses(list) => {
                J::Array(list.iter().take(6).map(|a| J::String(a.text())).collect())
            }
            FieldIn::Phone(i) => J::String(pick(PHONES, *i)),
            FieldIn::Number(n) => json!(n),
            FieldIn::Decimal(a, b) => serde_json::from_str(&format!("{a}.{b}")).unwrap_or(J::Null),
            FieldIn::Bool(b) => J::Bool(*b),
            FieldIn::Null => J::Null,
            // Years 1970 to about 2096, so that every value is a valid instant.
            FieldIn::DateTime(s, z) => {
                json!({"$datetime": s.rem_euclid(4_000_000_000), "zone": pick(ZONES, *z)})
            }
            FieldIn::Attachment(a) => a.json(),
            FieldIn::Attachments(list) => {
                J::Array(list.iter().take(4).map(AttachmentIn::json).collect())
            }
            FieldIn::Pairs(pairs) => J::Object(
                pairs
                    .iter()
                    .take(6)
                    .map(|(k, v)| (k.text(), J::String(v.text())))
                    .collect(),
            ),
        }
    }
}

#[derive(Arbitrary)]
pub enum FieldName {
    Known(u8),
    Other(String),
}

#[derive(Arbitrary)]
pub struct ActorIn {
    email: Option<AddressIn>,
    phone: Option<u8>,
    zone: Option<u8>,
}

#[derive(Arbitrary)]
pub struct MimeAttachmentIn {
    name: TextIn,
    media: u8,
    bytes: TextIn,
}

#[derive(Arbitrary)]
pub struct MimeIn {
    id: u8,
    date: i64,
    from: AddressIn,
    to: Vec<AddressIn>,
    cc: Vec<AddressIn>,
    bcc: Vec<AddressIn>,
    reply_to: Vec<AddressIn>,
    subject: TextIn,
    text: Option<TextIn>,
    html: Option<TextIn>,
    attachments: Vec<MimeAttachmentIn>,
    unsubscribe: Option<TextIn>,
}

impl MimeIn {
    fn json(&self) -> J {
        let list =
            |l: &[AddressIn]| J::Array(l.iter().take(6).map(|a| J::String(a.text())).collect());
        json!({
            "id": pick(IDS, self.id),
            "date": self.date.rem_euclid(4_000_000_000),
            "from": self.from.text(),
            "to": list(&self.to),
            "cc": list(&self.cc),
            "bcc": list(&self.bcc),
            "reply_to": list(&self.reply_to),
            "subject": self.subject.text(),
            "text": self.text.as_ref().map(TextIn::text),
            "html": self.html.as_ref().map(TextIn::text),
            "attachments": self.attachments.iter().take(4).map(|a| json!({
                "name": a.name.text(),
                "type": pick(MEDIA, a.media),
                "bytes": a.bytes.text(),
            })).collect::<Vec<_>>(),
            "unsubscribe": self.unsubscribe.as_ref().map(TextIn::text),
        })
    }
}

/// One input of the `messaging` target.
#[derive(Arbitrary)]
pub struct MessageCase {
    sms: bool,
    fields: Vec<(FieldName, FieldIn)>,
    actor: Option<ActorIn>,
    region: u8,
    mime: Option<MimeIn>,
}

impl MessageCase {
    /// The JSON document `harness::messaging` reads.
    pub fn json(&self) -> J {
        let mut fields = Map::new();
        for (name, value) in self.fields.iter().take(12) {
            let name = match name {
                FieldName::Known(i) => pick(EMAIL_AND_SMS_FIELDS, *i),
                FieldName::Other(s) => s.clone(),
            };
            fields.insert(name, value.json());
        }
        let actor = self.actor.as_ref().map(|a| {
            json!({
                "email": a.email.as_ref().map(AddressIn::text),
                "phone": a.phone.map(|p| pick(PHONES, p)),
                "time_zone": a.zone.map(|z| pick(ZONES, z)),
            })
        });
        json!({
            "channel": if self.sms { "sms" } else { "email" },
            "fields": fields,
            "actor": actor,
            "region": pick(REGIONS, self.region),
            "mime": self.mime.as_ref().map(MimeIn::json),
        })
    }
}

impl fmt::Debug for MessageCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string_pretty(&self.json()).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

/// `%XX` for every byte but unreserved ASCII.
fn percent(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}
