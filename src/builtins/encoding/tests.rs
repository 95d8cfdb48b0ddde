use super::*;
use crate::builtins::args::testing::{call, err, n, t};
use crate::error::ErrorKind::{Argument, Arithmetic, Format, Type};

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn base_cases() {
    assert_eq!(ok("BASE", &[n("-0.5"), n("10")]), t("0"));
    assert_eq!(err("BASE", &[n("7"), n("2"), n("256")]), Argument);
    let max = Value::Number(Decimal::MAX);
    assert_eq!(
        ok(
            "VALUE_OF",
            &[ok("BASE", &[n("123456789"), n("36")]), n("36")]
        ),
        n("123456789")
    );
    assert!(matches!(ok("BASE", &[max, n("2")]), Value::Text(s) if s.len() == 96));
}

#[test]
fn value_of_cases() {
    assert_eq!(ok("VALUE_OF", &[t("-FF"), n("16")]), n("-255"));
    for bad in ["12", " 1", "+1", "0x1", "1.5", "", "-"] {
        assert_eq!(err("VALUE_OF", &[t(bad), n("2")]), Format, "{bad:?}");
    }
    assert_eq!(err("VALUE_OF", &[t("1".repeat(29).as_str())]), Arithmetic);
    assert_eq!(err("VALUE_OF", &[t("1"), n("40")]), Argument);
}

#[test]
fn base64_cases() {
    assert_eq!(ok("BASE64_ENCODE", &[t("a"), t("url")]), t("YQ"));
    assert_eq!(ok("BASE64_ENCODE", &[t("a")]), t("YQ=="));
    assert_eq!(err("BASE64_ENCODE", &[t("a"), t("MIME")]), Argument);
    assert_eq!(ok("BASE64_DECODE", &[t("SGVs\r\nbG8=")]), t("Hello"));
    assert_eq!(ok("BASE64_DECODE", &[t("w6nwn5mC")]), t("é🙂"));
    assert_eq!(ok("BASE64_DECODE", &[t("")]), t(""));
    for bad in [
        "SGVsbG8*",
        "/w==",
        "S",
        "SG=VsbG8",
        "SGVsbG8===",
        "=",
        "YQ=",
    ] {
        assert_eq!(err("BASE64_DECODE", &[t(bad)]), Format, "{bad:?}");
    }
    assert_eq!(err("BASE64_DECODE", &[n("1")]), Type);
}

#[test]
fn url_cases() {
    assert_eq!(ok("URL_ENCODE", &[t("a-b.c_d~e")]), t("a-b.c_d~e"));
    assert_eq!(ok("URL_ENCODE", &[t("a b+c"), t("FORM")]), t("a+b%2Bc"));
    assert_eq!(err("URL_ENCODE", &[n("1")]), Type);
    assert_eq!(err("URL_ENCODE", &[t("a"), t("PATH")]), Argument);
    assert_eq!(ok("URL_DECODE", &[t("a+b"), t("form")]), t("a b"));
    assert_eq!(ok("URL_DECODE", &[t("é")]), t("é"));
    for bad in ["100%", "%2", "%zz", "%+1", "%C3"] {
        assert_eq!(err("URL_DECODE", &[t(bad)]), Format, "{bad:?}");
    }
}

#[test]
fn digests_of_unicode_and_long_text() {
    // Known digests of UTF-8 bytes: "é" is C3 A9.
    assert_eq!(
        ok("MD5", &[t("é")]),
        ok("MD5", &[ok("BASE64_DECODE", &[t("w6k=")])])
    );
    assert_eq!(
        ok("SHA256", &[t("🙂")]),
        t("d06f1525f791397809f9bc98682b5c13318eca4c3123433467fd4dffda44fd14")
    );
    let long = "a".repeat(1_000_000);
    assert_eq!(
        ok("SHA1", &[t(&long)]),
        t("34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    );
    assert_eq!(
        ok("SHA256", &[t(""), t("base64url")]),
        t("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")
    );
}

#[test]
fn hmac_keys_of_any_length_and_null() {
    let long_key = "k".repeat(1000);
    assert!(matches!(ok("HMAC_SHA256", &[t("x"), t(&long_key)]), Value::Text(s) if s.len() == 64));
    assert_eq!(ok("HMAC_SHA1", &[Value::Null, t("k")]), Value::Null);
    assert_eq!(err("HMAC_SHA1", &[t("x"), n("1")]), Type);
    assert_eq!(err("HMAC_MD5", &[t("x"), t("k"), t("hex2")]), Argument);
}

#[test]
fn uuids_are_version_4_and_distinct() {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let Value::Text(u) = ok("UUID", &[]) else {
            panic!()
        };
        let b = u.as_bytes();
        assert_eq!(b.len(), 36);
        assert_eq!((b[8], b[13], b[18], b[23]), (b'-', b'-', b'-', b'-'));
        assert_eq!(b[14], b'4');
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'), "{u}");
        assert!(u
            .bytes()
            .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
        assert!(seen.insert(u.to_string()));
    }
}
