use super::*;
use crate::builtins::args::testing::{call, err, n, t, NULL};
use crate::error::ErrorKind::{Argument, Arithmetic, Format, Type};

fn ok(f: super::super::NativeFn, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn base_cases() {
    assert_eq!(ok(base, &[n("7"), n("2")]), t("111"));
    assert_eq!(ok(base, &[n("100"), n("16")]), t("64"));
    assert_eq!(ok(base, &[n("15"), n("2"), n("10")]), t("0000001111"));
    assert_eq!(ok(base, &[n("255"), n("16")]), t("FF"));
    assert_eq!(ok(base, &[n("0"), n("36")]), t("0"));
    assert_eq!(ok(base, &[n("7.9"), n("2")]), t("111"));
    assert_eq!(ok(base, &[n("-255"), n("16")]), t("-FF"));
    assert_eq!(ok(base, &[n("-0.5"), n("10")]), t("0"));
    assert_eq!(ok(base, &[NULL, n("2")]), NULL);
    assert_eq!(err(base, &[n("7"), n("1")]), Argument);
    assert_eq!(err(base, &[n("7"), n("37")]), Argument);
    assert_eq!(err(base, &[n("7"), n("2"), n("256")]), Argument);
    assert_eq!(err(base, &[t("7"), n("2")]), Type);
    let max = Value::Number(Decimal::MAX);
    assert_eq!(
        ok(value_of, &[ok(base, &[n("123456789"), n("36")]), n("36")]),
        n("123456789")
    );
    assert!(matches!(ok(base, &[max, n("2")]), Value::Text(s) if s.len() == 96));
}

#[test]
fn value_of_cases() {
    assert_eq!(ok(value_of, &[t("FF"), n("16")]), n("255"));
    assert_eq!(ok(value_of, &[t("ff"), n("16")]), n("255"));
    assert_eq!(ok(value_of, &[t("111"), n("2")]), n("7"));
    assert_eq!(ok(value_of, &[t("0042")]), n("42"));
    assert_eq!(ok(value_of, &[t("-FF"), n("16")]), n("-255"));
    assert_eq!(ok(value_of, &[NULL]), NULL);
    for bad in ["12", " 1", "+1", "0x1", "1.5", "", "-"] {
        assert_eq!(err(value_of, &[t(bad), n("2")]), Format, "{bad:?}");
    }
    assert_eq!(err(value_of, &[t("1".repeat(29).as_str())]), Arithmetic);
    assert_eq!(err(value_of, &[n("255"), n("16")]), Type);
    assert_eq!(err(value_of, &[t("1"), n("40")]), Argument);
}

#[test]
fn base64_cases() {
    assert_eq!(ok(base64_encode, &[t("Hello")]), t("SGVsbG8="));
    assert_eq!(ok(base64_encode, &[t("é🙂")]), t("w6nwn5mC"));
    assert_eq!(ok(base64_encode, &[t("??>"), t("URL")]), t("Pz8-"));
    assert_eq!(ok(base64_encode, &[t("a"), t("url")]), t("YQ"));
    assert_eq!(ok(base64_encode, &[t("a")]), t("YQ=="));
    assert_eq!(ok(base64_encode, &[t("")]), t(""));
    assert_eq!(ok(base64_encode, &[NULL]), NULL);
    assert_eq!(err(base64_encode, &[n("1")]), Type);
    assert_eq!(err(base64_encode, &[t("a"), t("MIME")]), Argument);
    assert_eq!(ok(base64_decode, &[t("SGVsbG8=")]), t("Hello"));
    assert_eq!(ok(base64_decode, &[t("SGVs bG8")]), t("Hello"));
    assert_eq!(ok(base64_decode, &[t("SGVs\r\nbG8=")]), t("Hello"));
    assert_eq!(ok(base64_decode, &[t("Pz8-")]), t("??>"));
    assert_eq!(ok(base64_decode, &[t("w6nwn5mC")]), t("é🙂"));
    assert_eq!(ok(base64_decode, &[t("")]), t(""));
    assert_eq!(ok(base64_decode, &[NULL]), NULL);
    for bad in [
        "SGVsbG8*",
        "/w==",
        "S",
        "SG=VsbG8",
        "SGVsbG8===",
        "=",
        "YQ=",
    ] {
        assert_eq!(err(base64_decode, &[t(bad)]), Format, "{bad:?}");
    }
    assert_eq!(err(base64_decode, &[n("1")]), Type);
}

#[test]
fn url_cases() {
    assert_eq!(ok(url_encode, &[t("low code")]), t("low%20code"));
    assert_eq!(ok(url_encode, &[t("a&b=c/d?e")]), t("a%26b%3Dc%2Fd%3Fe"));
    assert_eq!(ok(url_encode, &[t("café")]), t("caf%C3%A9"));
    assert_eq!(
        ok(url_encode, &[t("it's (*)!")]),
        t("it%27s%20%28%2A%29%21")
    );
    assert_eq!(ok(url_encode, &[t("a-b.c_d~e")]), t("a-b.c_d~e"));
    assert_eq!(ok(url_encode, &[t("a b+c"), t("FORM")]), t("a+b%2Bc"));
    assert_eq!(ok(url_encode, &[NULL]), NULL);
    assert_eq!(err(url_encode, &[n("1")]), Type);
    assert_eq!(err(url_encode, &[t("a"), t("PATH")]), Argument);
    assert_eq!(ok(url_decode, &[t("low%20code")]), t("low code"));
    assert_eq!(ok(url_decode, &[t("caf%c3%a9")]), t("café"));
    assert_eq!(ok(url_decode, &[t("a+b")]), t("a+b"));
    assert_eq!(ok(url_decode, &[t("a+b"), t("form")]), t("a b"));
    assert_eq!(ok(url_decode, &[t("é")]), t("é"));
    assert_eq!(ok(url_decode, &[NULL]), NULL);
    for bad in ["100%", "%2", "%zz", "%+1", "%C3"] {
        assert_eq!(err(url_decode, &[t(bad)]), Format, "{bad:?}");
    }
}
