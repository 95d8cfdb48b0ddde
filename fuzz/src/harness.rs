//! What each fuzz target does with one input, and the invariants it checks.
//! A broken invariant panics, which the fuzzer reports as a crash.
//!
//! The fuzz targets (`fuzz/fuzz_targets/*.rs`) call these functions, and so
//! does `tests/fuzz_regressions.rs`, which includes this file by path to
//! replay the saved crashes without libFuzzer. So this file uses nothing but
//! airscript and crates airscript itself depends on (serde_json, jiff, csv).
//!
//! Each function returns a one-line summary of the outcome (`= value` or
//! `Kind: message`) for the regression test to compare.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use airscript::asset::{self, Location};
use airscript::messaging::attachment::Attachment;
use airscript::messaging::fields::{self, Actor};
use airscript::messaging::mime;
use airscript::span::Span;
use airscript::syntax::{self, lexer, sexpr};
use airscript::value::{json, ObjectMap};
use airscript::{builtins, Clock, Context, Engine, Error, ErrorKind, Limits, Session, Value};

/// The limits every evaluation runs under: tight enough that no generated
/// program runs for long, so the fuzzer's own timeout (15 s in
/// `scripts/fuzz.sh`) only fires when a limit is not enforced. A million
/// steps (rather than fifty) ends a query over `RANGE(1, 1e7)` in a tenth
/// of a second instead of at the time limit, which keeps the fuzzer busy
/// with new programs; the built-ins' own loops still run to the time limit.
pub fn limits() -> Limits {
    Limits {
        max_time: Some(Duration::from_secs(2)),
        max_memory: 256 << 20,
        max_steps: 1_000_000,
        ..Limits::default()
    }
}

/// The instant `NOW()` reads in every harness session.
pub const NOW: &str = "2020-05-20T15:30:00Z";

/// The session of every evaluation: a fixed clock, a zone with daylight
/// saving, no effects, no files, and `@` bound to an object.
pub fn session() -> Session {
    Session {
        clock: Clock::Fixed(NOW.parse().expect("a timestamp")),
        time_zone: jiff::tz::TimeZone::get("America/New_York").expect("a zone"),
        current: fixed_context().get("obj").cloned().unwrap_or_default(),
        ..Session::default()
    }
}

pub fn engine() -> Engine {
    Engine::new().with_limits(limits()).with_session(session())
}

/// The fixed context the `eval` and `template` targets evaluate against
/// (the generator in `gen.rs` knows these names).
pub fn fixed_context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        let j: serde_json::Value = serde_json::from_str(CONTEXT_JSON).expect("context JSON");
        let mut ctx = Context::from_json(&j).expect("a context");
        let when = jiff::civil::datetime(2024, 3, 10, 1, 59, 59, 0)
            .to_zoned(jiff::tz::TimeZone::get("America/New_York").expect("a zone"))
            .expect("a time");
        ctx.set("when", Value::DateTime(Arc::new(when)));
        ctx
    })
}

const CONTEXT_JSON: &str = r#"{
  "n": 42, "x": 1.5, "neg": -7, "big": 9999999999999999999999999999,
  "s": "Hello, World", "empty": "", "nul": null, "flag": true,
  "xs": [3, 1, 2], "words": ["pear", "Apple", "fig", "", "éclair"],
  "nested": [[1, [2, [3]]], {"a": [4]}, null],
  "obj": {"a": 1, "b": {"c": [1, 2, 3]}, "d e": "x", "name": "Obj"},
  "people": [
    {"name": "Ann", "age": 34, "email": "ann@example.com", "phone": "+16502530000",
     "joined": "2020-02-29", "tags": ["a", "b"]},
    {"name": "bob", "age": null, "email": "bob", "phone": "555", "tags": []},
    {"name": "Émile", "age": 7.5, "email": "emile@example.fr", "phone": "+33 1 23 45 67 89"}
  ],
  "actor": {"email": "me@example.com", "phone": "+14155550100", "time_zone": "Europe/Paris"}
}"#;

/// `= display form` or `Kind: message`: what the regression test compares.
pub fn describe(r: &Result<Value, Error>) -> String {
    match r {
        Ok(v) => format!("= {}", shorten(&v.to_string())),
        Err(e) => describe_error(e),
    }
}

pub fn describe_error(e: &Error) -> String {
    format!("{}: {}", e.kind().name(), shorten(e.message()))
}

/// At most 200 characters of `s`.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// A span must lie inside the source, on character boundaries.
fn check_span(span: Span, src: &str, what: &dyn std::fmt::Display) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end && end <= src.len(),
        "{what}: span {start}..{end} outside the source of {} bytes",
        src.len()
    );
    assert!(
        src.is_char_boundary(start) && src.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
}

/// An error's span (when it has one) lies inside the source, a syntax
/// error always has one, and the error renders as a diagnostic.
pub fn check_error(e: &Error, src: &str) {
    if e.kind() == ErrorKind::Syntax {
        assert!(e.span().is_some(), "a SyntaxError without a span: {e}");
    }
    if let Some(span) = e.span() {
        check_span(span, src, e);
    }
    let text = airscript::diagnostic::render(e, src, "fuzz.air", false);
    assert!(text.starts_with(e.kind().name()), "diagnostic: {text}");
}

/// Whether a built-in may give two results for the same arguments in the
/// harness's session. A volatile function that reads the session (NOW,
/// TODAY, the date parsers, the messaging functions) is steady there: the
/// clock is fixed and there is no outbox. The others (RANDOM, SHUFFLE,
/// UUID) are not.
pub fn varies(f: &builtins::FunctionSpec) -> bool {
    f.volatile && !f.session
}

/// Whether `src` may call a function that [`varies`]: then two evaluations
/// may differ.
pub fn calls_volatile(src: &str) -> bool {
    let upper = src.to_ascii_uppercase();
    builtins::all()
        .iter()
        .any(|f| varies(f) && upper.contains(f.name))
}

/// Two evaluations of one compiled program give the same outcome, unless a
/// limit stopped one of them (the time limit depends on the machine).
fn check_same(a: &Result<Value, Error>, b: &Result<Value, Error>, src: &str) {
    let limit = |r: &Result<Value, Error>| matches!(r, Err(e) if e.kind() == ErrorKind::Limit);
    if limit(a) || limit(b) {
        return;
    }
    match (a, b) {
        (Ok(x), Ok(y)) => assert!(
            x.type_name() == y.type_name() && x == y,
            "two evaluations differ: {} and {} for {src}",
            describe(a),
            describe(b)
        ),
        (Err(x), Err(y)) => assert!(
            x.kind() == y.kind() && x.message() == y.message(),
            "two evaluations fail differently: {x} and {y} for {src}"
        ),
        _ => panic!(
            "one evaluation succeeds, the other fails: {} and {} for {src}",
            describe(a),
            describe(b)
        ),
    }
}

/// What a host does with a result: its display form and its JSON.
fn use_value(v: &Value) {
    let shown = v.to_string();
    assert!(!shown.is_empty(), "an empty display form");
    let _ = json::to_json(v);
}

// ---------------------------------------------------------------- parse

/// `parse`: the three lexers and parsers, the compiler and `air check` on
/// any text. Each returns a result or an error with a span inside the
/// source; nothing panics.
pub fn parse(src: &str) -> String {
    for tokens in [
        lexer::tokenize(src),
        lexer::tokenize_program(src),
        lexer::tokenize_template(src),
    ] {
        match tokens {
            Ok(ts) => {
                for t in &ts {
                    check_span(t.span, src, &t.kind.name());
                }
            }
            Err(e) => check_error(&e, src),
        }
    }
    let expression = match syntax::parse_expression(src) {
        Ok(e) => {
            check_span(e.span, src, &"the expression");
            sexpr::expr(&e)
        }
        Err(e) => {
            check_error(&e, src);
            describe_error(&e)
        }
    };
    let (program, errors) = syntax::parse_program(src);
    for e in &errors {
        check_error(e, src);
    }
    let _ = sexpr::program(&program);
    match syntax::parse_template(src) {
        Ok(t) => {
            let _ = sexpr::template(&t);
        }
        Err(e) => check_error(&e, src),
    }
    let engine = engine();
    if let Err(errs) = engine.compile_expression(src) {
        for e in errs.iter() {
            check_error(e, src);
        }
    }
    let interp = airscript::Interpreter::new(engine, Context::new(), session());
    for e in interp.check(src) {
        check_error(&e, src);
    }
    expression
}

// ----------------------------------------------------------------- eval

/// `eval`: compiles `src` as an expression and evaluates it against the
/// fixed context twice. Any value or error is fine; the errors must point
/// inside the source, and both evaluations must agree (unless the program
/// calls a volatile function or hits a limit).
pub fn eval(src: &str) -> String {
    let expr = match engine().compile_expression(src) {
        Ok(e) => e,
        Err(errs) => {
            for e in errs.iter() {
                check_error(e, src);
            }
            return describe_error(errs.first());
        }
    };
    let ctx = fixed_context();
    let first = expr.eval(ctx);
    match &first {
        Ok(v) => use_value(v),
        Err(e) => check_error(e, src),
    }
    if !calls_volatile(src) {
        let second = expr.eval(ctx);
        check_same(&first, &second, src);
    }
    describe(&first)
}

// ------------------------------------------------------------- template

/// `template`: compiles `src` as a template and renders it against the
/// fixed context (twice, as `eval` does).
pub fn template(src: &str) -> String {
    let t = match engine().compile_template(src) {
        Ok(t) => t,
        Err(errs) => {
            for e in errs.iter() {
                check_error(e, src);
            }
            return describe_error(errs.first());
        }
    };
    let ctx = fixed_context();
    let first = t.render(ctx).map(Value::text);
    if let Err(e) = &first {
        check_error(e, src);
    }
    if !calls_volatile(src) {
        let second = t.render(ctx).map(Value::text);
        check_same(&first, &second, src);
    }
    describe(&first)
}

// -------------------------------------------------------------- context

/// Programs run over every context the `context` target reads, with `@`
/// bound to the whole document (or CSV row).
pub const CONTEXT_PROGRAMS: &[&str] = &[
    "@ = @",
    "TO_JSON(@)",
    "TO_JSON(@, 2)",
    "FROM_JSON(TO_JSON(@))",
    "\"{{@}}\"",
    "LENGTH(@)",
    "KEYS(@)",
    "VALUES(@)",
    "FLAT([@], 1000)",
    "REMOVE_EMPTY(@)",
    "MERGE_OBJECTS(@, {extra: 1})",
    "@[?(@ <> NULL)][*]",
    "FROM v, k IN @ ORDER BY v DESCENDING SELECT DISTINCT [k, TYPEOF(v)]",
    "FROM v, k IN @ WHERE ISNOTEMPTY(v) SELECT \"{{k}}\": v",
    "MAX(@)",
    "SUM(@)",
    "JOIN(@, \",\")",
    "OBJECT_TO_XML(@)",
    "XML_TO_OBJECT(OBJECT_TO_XML({root: @}))",
    "[name, email, phone, actor, items, a, b, data, id]",
];

/// The programs of [`CONTEXT_PROGRAMS`], compiled once.
fn context_programs() -> &'static [airscript::Expression] {
    static PROGRAMS: OnceLock<Vec<airscript::Expression>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        let engine = engine();
        CONTEXT_PROGRAMS
            .iter()
            .map(|p| engine.compile_expression(p).expect("a context program"))
            .collect()
    })
}

/// `context`: the bytes as a JSON document (a context when it is an
/// object) and as CSV rows (each a context, as `air run --data` makes
/// them); the fixed programs run over each. The JSON form of a value read
/// from JSON reads back as the same value.
pub fn context(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    if let Ok(j) = serde_json::from_slice::<serde_json::Value>(bytes) {
        match json::from_json(&j) {
            Ok(v) => {
                json_round_trip(&v);
                let ctx = Context::from_json(&j);
                out.push(run_context_programs(ctx.as_ref().ok(), &v));
            }
            Err(e) => out.push(format!("json: {}", describe_error(&e))),
        }
    }
    for (n, row) in csv_rows(bytes).into_iter().enumerate().take(20) {
        match row {
            Ok(fields) => {
                let mut ctx = Context::new();
                for (k, v) in fields.iter() {
                    ctx.set(k, v.clone());
                }
                out.push(run_context_programs(Some(&ctx), &Value::object(fields)));
            }
            Err(e) => out.push(format!("row {}: {e}", n + 1)),
        }
    }
    out.join("\n")
}

/// to_json, from_json and the compact writer agree on a value read from JSON.
fn json_round_trip(v: &Value) {
    let j = json::to_json(v);
    let back = json::from_json(&j).unwrap_or_else(|e| panic!("{j} does not read back: {e}"));
    assert!(back == *v, "JSON round trip changed {v} into {back}");
    assert_eq!(json::to_json(&back), j, "the JSON form is not stable");
    let mut compact = String::new();
    json::write_compact(v, &mut compact);
    let reread: serde_json::Value = serde_json::from_str(&compact)
        .unwrap_or_else(|e| panic!("compact JSON {compact:?} is not JSON: {e}"));
    let again = json::from_json(&reread).expect("compact JSON reads back");
    assert!(again == *v, "compact JSON {compact} reads back as {again}");
}

fn run_context_programs(ctx: Option<&Context>, current: &Value) -> String {
    let empty = Context::new();
    let ctx = ctx.unwrap_or(&empty);
    let session = Session {
        current: current.clone(),
        ..session()
    };
    let mut out = Vec::new();
    for (p, src) in context_programs().iter().zip(CONTEXT_PROGRAMS) {
        let r = p.eval_with(&p.bind(ctx), &session);
        match &r {
            Ok(v) => use_value(v),
            Err(e) => check_error(e, src),
        }
        if *src == "@ = @" {
            assert!(
                matches!(&r, Ok(Value::Bool(true)))
                    || matches!(&r, Err(e) if e.kind() == ErrorKind::Limit),
                "@ = @ is {} for {current}",
                describe(&r)
            );
        }
        out.push(describe(&r));
    }
    out.join("; ")
}

/// CSV rows as `air run --data rows.csv` reads them: a header line, each
/// cell Text (an empty cell NULL). A copy of the private
/// `airscript::cli::data::csv_rows`.
fn csv_rows(bytes: &[u8]) -> Vec<Result<ObjectMap, String>> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<Arc<str>> = match r.headers() {
        Ok(h) => h.iter().map(|h| Arc::from(h.trim())).collect(),
        Err(e) => return vec![Err(e.to_string())],
    };
    if header.iter().any(|h| h.is_empty()) {
        return vec![Err("empty column name".into())];
    }
    r.records()
        .map(|rec| match rec {
            Err(e) => Err(e.to_string()),
            Ok(rec) if rec.len() != header.len() => Err("wrong number of fields".into()),
            Ok(rec) => Ok(header
                .iter()
                .zip(rec.iter())
                .map(|(h, cell)| {
                    let v = if cell.is_empty() {
                        Value::Null
                    } else {
                        Value::text(cell)
                    };
                    (h.clone(), v)
                })
                .collect()),
        })
        .collect()
}

// ------------------------------------------------------------ messaging

/// The files an attachment may name (relative to [`files_dir`]); any other
/// local path is replaced by an empty `data:` URI, so that the fuzzer never
/// reads the machine's files.
pub const FILES: &[(&str, &[u8])] = &[
    ("note.txt", b"hello\n"),
    ("dot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ("report.pdf", b"%PDF-1.4\n%%EOF\n"),
];

/// A directory holding [`FILES`] (made on first use).
pub fn files_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join("airscript-fuzz-files");
        std::fs::create_dir_all(&dir).expect("a directory for attachments");
        for (name, bytes) in FILES {
            let path = dir.join(name);
            if std::fs::read(&path).ok().as_deref() != Some(*bytes) {
                std::fs::write(path, bytes).expect("an attachment file");
            }
        }
        dir
    })
}

/// `uri`, unless it names a local file other than one of [`FILES`].
fn safe_uri(uri: &str) -> String {
    match asset::locate(uri) {
        Ok(Location::File(p)) => {
            let known = FILES
                .iter()
                .any(|(name, _)| p == Path::new(".").join(name) || p == Path::new(name));
            if known {
                uri.to_owned()
            } else {
                "data:,".to_owned()
            }
        }
        _ => uri.to_owned(),
    }
}

/// A field value from its JSON description: JSON as `air` reads context
/// data, except `{"$datetime": seconds, "zone": name}` (a DateTime) and
/// `{"$asset": uri, "name": ..., "type": ...}` (an Asset).
pub fn field_value(j: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match j {
        J::Object(o) if o.contains_key("$datetime") => {
            let secs = o["$datetime"].as_i64().unwrap_or(0);
            let zone = o.get("zone").and_then(J::as_str).unwrap_or("UTC");
            let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
            match jiff::Timestamp::from_second(secs) {
                Ok(t) => Value::DateTime(Arc::new(t.to_zoned(tz))),
                Err(_) => Value::Null,
            }
        }
        J::Object(o) if o.contains_key("$asset") => {
            let uri = safe_uri(o["$asset"].as_str().unwrap_or(""));
            let name = o.get("name").and_then(J::as_str);
            let ty = o.get("type").and_then(J::as_str);
            let files = Session::default().with_files(files_dir());
            match asset::make(&uri, name, ty, &files) {
                Ok(a) => Value::Asset(Arc::new(a)),
                Err(_) => Value::text(uri),
            }
        }
        J::Object(o) => {
            let mut m = ObjectMap::default();
            for (k, v) in o {
                let v = if k == "uri" {
                    Value::text(safe_uri(v.as_str().unwrap_or("")))
                } else {
                    field_value(v)
                };
                m.insert(Arc::from(k.as_str()), v);
            }
            Value::object(m)
        }
        J::Array(items) => Value::list(items.iter().map(field_value).collect()),
        other => json::from_json(other).unwrap_or(Value::Null),
    }
}

fn text_of<'j>(j: &'j serde_json::Value, key: &str) -> Option<&'j str> {
    j.get(key).and_then(serde_json::Value::as_str)
}

fn texts_of(j: &serde_json::Value, key: &str) -> Vec<String> {
    j.get(key)
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// `messaging`: a message described in JSON (see `fuzz/src/message.rs`):
/// its fields are validated as `SEND_EMAIL` / `SEND_SMS` validate them,
/// a valid email is built into MIME, and the `mime` part is built directly.
pub fn messaging(doc: &serde_json::Value) -> String {
    let mut out = Vec::new();
    let fields_map = match doc.get("fields").map(field_value) {
        Some(Value::Object(o)) => (*o).clone(),
        _ => ObjectMap::default(),
    };
    let actor = Actor::from_value(doc.get("actor").map(field_value).as_ref());
    if text_of(doc, "channel") == Some("sms") {
        let region = text_of(doc, "region").unwrap_or("US");
        out.push(match fields::sms(&fields_map, &actor, region) {
            Ok(d) => format!("sms to {} ({} chars)", d.to, d.body.chars().count()),
            Err(e) => format!("sms: {}", describe_error(&e)),
        });
    } else {
        out.push(match fields::email(&fields_map, &actor, files_dir()) {
            Ok(d) => {
                let email = mime::Email {
                    id: "01HZXFUZZ0000000000000000",
                    date: NOW.parse().expect("a timestamp"),
                    from: d.from.as_deref().unwrap_or("Sender <sender@example.com>"),
                    to: &d.to,
                    cc: &d.cc,
                    bcc: &d.bcc,
                    reply_to: &d.reply_to,
                    subject: &d.subject,
                    text: d.body.as_deref(),
                    html: d.html.as_deref(),
                    attachments: &d.attachments,
                    list_unsubscribe: d.unsubscribe.as_deref(),
                };
                format!("email: {}", build(&email))
            }
            Err(e) => format!("email: {}", describe_error(&e)),
        });
    }
    if let Some(m) = doc.get("mime").filter(|m| m.is_object()) {
        let attachments: Vec<Attachment> = m
            .get("attachments")
            .and_then(serde_json::Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| Attachment {
                        name: text_of(x, "name").unwrap_or("").to_owned(),
                        media_type: text_of(x, "type").unwrap_or("").to_owned(),
                        bytes: text_of(x, "bytes").unwrap_or("").as_bytes().to_vec(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (to, cc, bcc, reply_to) = (
            texts_of(m, "to"),
            texts_of(m, "cc"),
            texts_of(m, "bcc"),
            texts_of(m, "reply_to"),
        );
        let email = mime::Email {
            id: text_of(m, "id").unwrap_or(""),
            date: jiff::Timestamp::from_second(m.get("date").and_then(|d| d.as_i64()).unwrap_or(0))
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            from: text_of(m, "from").unwrap_or(""),
            to: &to,
            cc: &cc,
            bcc: &bcc,
            reply_to: &reply_to,
            subject: text_of(m, "subject").unwrap_or(""),
            text: text_of(m, "text"),
            html: text_of(m, "html"),
            attachments: &attachments,
            list_unsubscribe: text_of(m, "unsubscribe"),
        };
        out.push(format!("mime: {}", build(&email)));
    }
    out.join("; ")
}

/// Builds `email`; a built message has CRLF line endings, no Bcc header,
/// and each recipient once.
fn build(email: &mime::Email<'_>) -> String {
    match mime::build(email) {
        Ok(b) => {
            for (i, w) in b.bytes.windows(2).enumerate() {
                assert!(
                    w[1] != b'\n' || w[0] == b'\r',
                    "a bare LF at byte {} of the message",
                    i + 1
                );
            }
            assert!(b.bytes.first() != Some(&b'\n'), "a bare LF at byte 0");
            let head = mime::header_block(&b.bytes).to_ascii_lowercase();
            assert!(
                !head.starts_with("bcc:") && !head.contains("\r\nbcc:"),
                "a Bcc header in {head}"
            );
            assert!(!b.recipients.is_empty(), "a message without recipients");
            for (i, r) in b.recipients.iter().enumerate() {
                assert!(
                    !b.recipients[..i].contains(r),
                    "recipient {r} twice in {:?}",
                    b.recipients
                );
            }
            format!("{} bytes to {}", b.bytes.len(), b.recipients.join(", "))
        }
        Err(e) => format!("{} {}", e.field, e.message),
    }
}
