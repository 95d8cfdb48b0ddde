use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::value::Asset;

fn record(fields: &[(&str, Value)]) -> ObjectMap {
    fields
        .iter()
        .map(|(k, v)| (Arc::from(*k), v.clone()))
        .collect()
}

fn asset(uri: &str, fields: &[(&str, Value)]) -> Value {
    let mut record = record(fields);
    record.insert("uri".into(), Value::text(uri));
    Value::Asset(Arc::new(Asset {
        uri: uri.into(),
        record,
        labelled: true,
    }))
}

fn object(fields: &[(&str, Value)]) -> Value {
    Value::object(record(fields))
}

fn attachment(name: &str, media_type: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        name: name.to_owned(),
        media_type: media_type.to_owned(),
        bytes: bytes.to_vec(),
    }
}

/// A fresh directory of this test's own under the system's temporary one.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "airscript-attachment-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

fn nowhere() -> &'static Path {
    Path::new("/nonexistent-base")
}

#[test]
fn an_asset_gives_its_own_name_and_type() {
    let a = asset(
        "data:,Hi",
        &[
            ("name", Value::text("hi.md")),
            ("type", Value::text("Text/Markdown")),
        ],
    );
    assert_eq!(
        read(&a, nowhere()),
        Ok(attachment("hi.md", "text/markdown", b"Hi"))
    );
}

#[test]
fn data_uris_default_the_name_from_their_media_type() {
    let cases = [
        ("data:,Hi", attachment("asset.txt", "text/plain", b"Hi")),
        (
            "data:image/jpeg;base64,/9g=",
            attachment("asset.jpg", "image/jpeg", b"\xff\xd8"),
        ),
        (
            "data:application/x-thing,%00",
            attachment("asset", "application/x-thing", b"\0"),
        ),
        (
            "data:text/csv;name=q1%20totals.csv,a%2Cb",
            attachment("q1 totals.csv", "text/csv", b"a,b"),
        ),
    ];
    for (uri, expected) in cases {
        assert_eq!(
            read(&object(&[("uri", Value::text(uri))]), nowhere()),
            Ok(expected.clone())
        );
        // An Asset without name and type fields reads the same.
        assert_eq!(read(&asset(uri, &[]), nowhere()), Ok(expected), "{uri}");
    }
}

#[test]
fn blank_or_null_fields_count_as_absent() {
    let o = object(&[
        ("uri", Value::text("data:,x")),
        ("name", Value::text("  ")),
        ("type", Value::Null),
    ]);
    assert_eq!(
        read(&o, nowhere()),
        Ok(attachment("asset.txt", "text/plain", b"x"))
    );
}

#[test]
fn files_by_absolute_and_relative_path() {
    let dir = scratch("paths");
    std::fs::write(dir.join("q1.PDF"), b"%PDF-1.7").unwrap();
    std::fs::write(dir.join("sub").join("data.bin"), [0u8, 1, 2]).unwrap();
    let pdf = attachment("q1.PDF", "application/pdf", b"%PDF-1.7");

    let absolute = format!("{}/q1.PDF", dir.display());
    assert_eq!(
        read(&object(&[("uri", Value::text(absolute))]), nowhere()),
        Ok(pdf.clone())
    );
    assert_eq!(read(&asset("./q1.PDF", &[]), &dir), Ok(pdf.clone()));
    assert_eq!(read(&asset("../q1.PDF", &[]), &dir.join("sub")), Ok(pdf));
    assert_eq!(
        read(&asset("./sub/data.bin", &[]), &dir),
        Ok(attachment(
            "data.bin",
            "application/octet-stream",
            &[0, 1, 2]
        ))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_takes_the_given_name_and_type() {
    let dir = scratch("given");
    std::fs::write(dir.join("export.bin"), b"a,b").unwrap();
    let named = |fields: &[(&str, Value)]| {
        let mut all = vec![("uri", Value::text("./export.bin"))];
        all.extend_from_slice(fields);
        read(&object(&all), &dir)
    };
    assert_eq!(
        named(&[("name", Value::text("totals.csv"))]),
        Ok(attachment("totals.csv", "text/csv", b"a,b"))
    );
    assert_eq!(
        named(&[("type", Value::text("text/plain"))]),
        Ok(attachment("export.bin", "text/plain", b"a,b"))
    );
    assert_eq!(
        named(&[("type", Value::text("plain"))]),
        Err("has an invalid type \"plain\"".to_owned())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_uris_are_percent_decoded_and_local() {
    let dir = scratch("file-uri");
    std::fs::write(dir.join("a b é.txt"), b"hello").unwrap();
    let expected = attachment("a b é.txt", "text/plain", b"hello");
    let encoded = format!("{}/a%20b%20%C3%A9.txt", dir.display());
    for uri in [
        format!("file://{encoded}"),
        format!("FILE://localhost{encoded}"),
        format!("file:{encoded}"),
        format!("file://{encoded}?x=1#top"),
    ] {
        assert_eq!(
            read(&asset(&uri, &[]), nowhere()),
            Ok(expected.clone()),
            "{uri}"
        );
    }
    assert_eq!(
        read(&asset("file://files.example.com/a.txt", &[]), nowhere()),
        Err(
            "is a file: URI on the host \"files.example.com\"; only local files can be read"
                .to_owned()
        )
    );
    assert_eq!(
        read(&asset("file:a.txt", &[]), nowhere()),
        Err("is a file: URI without an absolute path".to_owned())
    );
    assert_eq!(
        read(&asset("file:///a%FF.txt", &[]), nowhere()),
        Err("is a file: URI whose path is not UTF-8 once percent-decoded".to_owned())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unreadable_file_names_the_path_and_the_reason() {
    let dir = scratch("missing");
    let missing = dir.join("gone.pdf");
    let reason = std::fs::read(&missing).unwrap_err();
    assert_eq!(
        read(&asset("./gone.pdf", &[]), &dir),
        Err(format!(
            "cannot be read from {}/gone.pdf: {reason}",
            dir.display()
        ))
    );
    assert_eq!(
        read(&asset("./sub", &[]), &dir),
        Err(format!(
            "cannot be read from {}/sub: it is a directory",
            dir.display()
        ))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = scratch("large");
    let file = std::fs::File::create(dir.join("big.bin")).unwrap();
    file.set_len(MAX_BYTES as u64 + 1).unwrap();
    assert_eq!(
        read(&asset("./big.bin", &[]), &dir),
        Err("is larger than the 10 MiB limit for an attachment".to_owned())
    );
    file.set_len(MAX_BYTES as u64).unwrap();
    assert_eq!(
        read(&asset("./big.bin", &[]), &dir).map(|a| a.bytes.len()),
        Ok(MAX_BYTES)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn asset_store_references_and_other_uris_are_refused() {
    assert_eq!(
        read(&asset("asset://abc-123", &[]), nowhere()),
        Err(
            "is an asset:// reference, and there is no asset store here to read it from".to_owned()
        )
    );
    for uri in ["https://example.com/a.pdf", "a.pdf", ""] {
        assert_eq!(
            read(&asset(uri, &[]), nowhere()),
            Err(format!(
                "is not a data:, file: or asset:// URI, nor a path starting with /, ./ or ../ \
                 (got \"{uri}\")"
            ))
        );
    }
}

#[test]
fn values_that_are_not_assets_are_refused() {
    assert_eq!(
        read(&Value::number(3), nowhere()),
        Err("is a Number, not an Asset".to_owned())
    );
    assert_eq!(
        read(&Value::text("data:,Hi"), nowhere()),
        Err("is a Text, not an Asset".to_owned())
    );
    assert_eq!(
        read(&object(&[("name", Value::text("a.txt"))]), nowhere()),
        Err("is an Object without a uri, not an Asset".to_owned())
    );
    assert_eq!(
        read(&object(&[("uri", Value::Bool(true))]), nowhere()),
        Err("is an Object whose uri is a Boolean, not Text".to_owned())
    );
    assert_eq!(
        read(
            &object(&[("uri", Value::text("data:,x")), ("name", Value::number(1))]),
            nowhere()
        ),
        Err("has a name that is a Number, not Text".to_owned())
    );
}
