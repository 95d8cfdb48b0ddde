use std::path::PathBuf;
use std::sync::Arc;

use crate::builtins::args::testing::{call, call_with, n, t, NULL};
use crate::error::ErrorKind;
use crate::session::{AssetStore, Session, StoredAsset};
use crate::value::Value;

/// A fresh directory of this test's own, with `files` written into it.
fn scratch(test: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("airscript-asset-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("scratch file");
    }
    dir
}

fn files(dir: &std::path::Path) -> Session {
    Session::default().with_files(dir)
}

fn make(s: &Session, args: &[Value]) -> Value {
    call_with(s, "URI_TO_ASSET", args).expect("an asset")
}

fn get(s: &Session, f: &str, args: &[Value]) -> Value {
    call_with(s, f, args).unwrap_or_else(|e| panic!("{f}: {e}"))
}

fn field(a: &Value, k: &str) -> Value {
    match a {
        Value::Asset(a) => a.record.get(k).cloned().unwrap_or_default(),
        other => panic!("not an asset: {other}"),
    }
}

#[test]
fn a_local_file_is_looked_at_when_made_and_read_when_needed() {
    let dir = scratch("file", &[("q1 report.pdf", b"%PDF-1.4 hello")]);
    let s = files(&dir);
    let a = make(&s, &[t("./q1 report.pdf")]);
    let path = dir.join("q1 report.pdf");
    assert_eq!(field(&a, "uri"), t(path.to_str().unwrap()), "kept absolute");
    assert_eq!(field(&a, "name"), t("q1 report.pdf"));
    assert_eq!(field(&a, "type"), t("application/pdf"));
    assert_eq!(field(&a, "size"), n("14"));
    assert_eq!(field(&a, "state"), t("ACTIVE"));
    let uri = get(&s, "ASSET_TO_URI", std::slice::from_ref(&a));
    assert_eq!(
        uri,
        t(&format!("file://{}", dir.join("q1%20report.pdf").display()))
    );
    // The same file by its file: URI is an equal Asset's content.
    let again = make(&s, &[uri]);
    assert_eq!(get(&s, "ASSET_SIZE", &[again]), n("14"));
    assert_eq!(
        get(&s, "BASE64_ENCODE", std::slice::from_ref(&a)),
        t("JVBERi0xLjQgaGVsbG8=")
    );
    assert_eq!(
        get(&s, "ASSET_TO_URI", &[a.clone(), t("data")]),
        t("data:application/pdf;base64,JVBERi0xLjQgaGVsbG8=")
    );
    // Bytes are read when needed: a file gone since reads as missing data.
    std::fs::remove_file(&path).unwrap();
    assert_eq!(get(&s, "SHA256", std::slice::from_ref(&a)), NULL);
    assert_eq!(
        get(&s, "ASSET_STATE", &[a]),
        t("ACTIVE"),
        "state is as made"
    );
}

#[test]
fn relative_paths_resolve_against_the_granted_directory() {
    let dir = scratch("relative", &[("a.csv", b"x,y\n")]);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let s = files(&dir.join("sub"));
    let a = make(&s, &[t("../a.csv")]);
    assert_eq!(field(&a, "type"), t("text/csv"));
    assert_eq!(field(&a, "size"), n("4"));
    assert_eq!(get(&s, "MD5", &[a]), get(&s, "MD5", &[t("x,y\n")]));
}

#[test]
fn a_directory_or_a_missing_file_is_missing() {
    let dir = scratch("missing", &[]);
    let s = files(&dir);
    for uri in [
        dir.to_str().unwrap().to_owned(),
        format!("{}/nope.png", dir.display()),
    ] {
        let a = make(&s, &[t(&uri)]);
        assert_eq!(field(&a, "state"), t("MISSING"), "{uri}");
        assert_eq!(field(&a, "size"), NULL);
        assert_eq!(
            get(&s, "ASSET_THUMBNAIL_URL", std::slice::from_ref(&a)),
            NULL
        );
        assert_eq!(get(&s, "BASE64_ENCODE", std::slice::from_ref(&a)), NULL);
        assert_eq!(get(&s, "ASSET_TO_URI", &[a, t("DATA")]), NULL);
    }
}

#[test]
fn without_the_file_capability_a_file_asset_is_an_effect_error() {
    for uri in ["/etc/hostname", "./a.txt", "file:///etc/hostname"] {
        let e = call("URI_TO_ASSET", &[t(uri)]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Effect, "{uri}");
        assert_eq!(
            e.message(),
            "URI_TO_ASSET: reading local files is not granted here"
        );
    }
    // data: and asset:// need no capability.
    assert!(call("URI_TO_ASSET", &[t("data:,x")]).is_ok());
    assert!(call("URI_TO_ASSET", &[t("asset://x")]).is_ok());
}

#[derive(Debug)]
struct Store;

impl AssetStore for Store {
    fn get(&self, uri: &str) -> Option<StoredAsset> {
        (uri == "asset://logo").then(|| StoredAsset {
            name: "logo.png".into(),
            media_type: "image/PNG".into(),
            bytes: Arc::from(&b"\x89PNG"[..]),
        })
    }
}

#[test]
fn asset_references_resolve_through_the_hosts_store() {
    let s = Session {
        assets: Some(Arc::new(Store)),
        ..Session::default()
    };
    let a = make(&s, &[t("asset://logo")]);
    assert_eq!(field(&a, "name"), t("logo.png"));
    assert_eq!(field(&a, "type"), t("image/png"));
    assert_eq!(field(&a, "size"), n("4"));
    assert_eq!(
        get(&s, "ASSET_THUMBNAIL_URL", std::slice::from_ref(&a)),
        t("asset://logo")
    );
    assert_eq!(get(&s, "BASE64_ENCODE", &[a]), t("iVBORw=="));
    let other = make(&s, &[t("asset://other")]);
    assert_eq!(field(&other, "state"), t("MISSING"));
    assert_eq!(field(&other, "name"), t("asset"));
    assert_eq!(field(&other, "type"), t("application/octet-stream"));
}

#[test]
fn names_and_types_given_or_defaulted() {
    let s = Session::default();
    let a = make(&s, &[t("data:image/jpeg;base64,/9j/"), NULL, NULL]);
    assert_eq!(field(&a, "name"), t("asset.jpg"));
    let a = make(&s, &[t("data:application/x-thing,abc")]);
    assert_eq!(field(&a, "name"), t("asset"));
    let a = make(
        &s,
        &[t("data:,x"), t("نموذج.txt"), t("Text/Plain; charset=utf-8")],
    );
    assert_eq!(field(&a, "name"), t("نموذج.txt"));
    assert_eq!(field(&a, "type"), t("text/plain"));
    let e = call("URI_TO_ASSET", &[t("data:,x"), t(" ")]).unwrap_err();
    assert_eq!((e.kind(), e.arg()), (ErrorKind::Argument, Some(1)));
    let e = call("URI_TO_ASSET", &[t("data:,x"), t("a"), t("pdf")]).unwrap_err();
    assert_eq!((e.kind(), e.arg()), (ErrorKind::Argument, Some(2)));
}

#[test]
fn equal_assets_share_uri_name_and_type() {
    let s = Session::default();
    let a = make(&s, &[t("data:,x")]);
    assert_eq!(a, make(&s, &[t("data:,x"), t("asset.txt")]));
    assert_ne!(a, make(&s, &[t("data:,x"), t("b.txt")]));
    assert_eq!(a.to_string(), "URI_TO_ASSET(\"data:,x\")");
    let named = make(&s, &[t("data:,x"), t("b.txt")]);
    assert_eq!(
        named.to_string(),
        "URI_TO_ASSET(\"data:,x\", \"b.txt\", \"text/plain\")"
    );
}

#[test]
fn malformed_uris_are_format_errors_with_a_short_message() {
    for bad in [
        "hello",
        "",
        "https://example.com/a.pdf",
        "data:text/plain",
        "data:,100%",
        "data:;base64,SGVsbG8*",
        "file://example.com/a.pdf",
    ] {
        let e = call("URI_TO_ASSET", &[t(bad)]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Format, "{bad:?}: {e}");
    }
    let long = "x".repeat(100_000);
    let e = call("URI_TO_ASSET", &[t(&long)]).unwrap_err();
    assert!(e.message().len() < 200, "{}", e.message());
}

#[test]
fn content_over_the_limit_is_a_limit_error() {
    let big = format!("data:,{}", "a".repeat(crate::asset::MAX_BYTES + 1));
    let e = call("URI_TO_ASSET", &[t(&big)]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
}

#[test]
fn unicode_content_counts_bytes() {
    let s = Session::default();
    // é (2 bytes), 🙂 (4), a combining acute (2), Arabic (2 each).
    let a = make(&s, &[t("data:,%C3%A9%F0%9F%99%82e%CC%81%D8%B3")]);
    assert_eq!(field(&a, "size"), n("11"));
    assert_eq!(get(&s, "SHA1", &[a]), get(&s, "SHA1", &[t("é🙂e\u{301}س")]));
    let empty = make(&s, &[t("data:,")]);
    assert_eq!(field(&empty, "size"), n("0"));
    assert_eq!(
        get(&s, "ASSET_TO_URI", &[empty, t("DATA")]),
        t("data:text/plain;base64,")
    );
}

#[test]
fn wrong_types() {
    for f in [
        "ASSET_SIZE",
        "ASSET_TYPE",
        "ASSET_STATE",
        "ASSET_THUMBNAIL_URL",
        "ASSET_TO_URI",
    ] {
        assert_eq!(
            call(f, &[t("data:,x")]).unwrap_err().kind(),
            ErrorKind::Type,
            "{f}"
        );
        assert_eq!(call(f, &[NULL]).unwrap(), NULL, "{f}");
    }
    let a = call("URI_TO_ASSET", &[t("data:,x")]).unwrap();
    let e = call("ASSET_TO_URI", &[a, t("THUMB")]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Argument);
}
