use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::Type;

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn capitalize_cases() {
    assert_eq!(ok("CAPITALIZE", &[t(" hello")]), t(" hello"));
    assert_eq!(ok("CAPITALIZE", &[t("1st")]), t("1st"));
}

#[test]
fn isstring_cases() {
    assert_eq!(ok("ISSTRING", &[l(&[t("a")])]), Value::Bool(false));
}

#[test]
fn case_mapping() {
    assert_eq!(err("UPPERCASE", &[n("5")]), Type);
    assert_eq!(err("LOWERCASE", &[Value::Bool(true)]), Type);
}

#[test]
fn padstring_cases() {
    assert_eq!(ok("PADSTRING", &[t("🙂"), n("3"), t("·")]), t("··🙂"));
    assert_eq!(ok("PADSTRING", &[t("x"), n("3"), NULL, NULL]), t("  x"));
    let huge = call("PADSTRING", &[t("x"), n("1000000000000"), t("y")]);
    assert_eq!(huge.unwrap_err().kind(), crate::error::ErrorKind::Limit);
}

#[test]
fn rept_cases() {
    assert_eq!(
        err("REPT", &[t("x"), n("1000000000000")]),
        crate::error::ErrorKind::Limit
    );
}

#[test]
fn split_cases() {
    assert_eq!(ok("SPLIT", &[t("a b"), NULL]), l(&[t("a"), t("b")]));
    assert_eq!(
        ok("SPLIT", &[t("a--b--c"), t("--")]),
        l(&[t("a"), t("b"), t("c")])
    );
    assert_eq!(ok("SPLIT", &[t(""), t("")]), l(&[]));
}

#[test]
fn string_compare_cases() {
    let c = |a: &str, b: &str| ok("STRING_COMPARE", &[t(a), t(b)]);
    assert_eq!(c("Hello", "world"), n("-1"));
    assert_eq!(c("world", "Hello"), n("1"));
    assert_eq!(c("world", "world"), n("0"));
    assert_eq!(c("world", "World"), n("-1"));
    assert_eq!(c("World", "world"), n("1"));
    assert_eq!(c("wo", "world"), n("-1"));
    assert_eq!(c("a", "B"), n("-1"));
    assert_eq!(c("résumé", "resume"), n("1"));
    assert_eq!(c("10", "9"), n("-1"));
    assert_eq!(c("apple pie", "apple"), n("1"));
}

#[test]
fn string_find_cases() {
    let f = |a: &[Value]| ok("STRING_FIND", a);
    assert_eq!(f(&[t("Hello world!"), t("Hello")]), n("0"));
    assert_eq!(f(&[t("Hello world!"), t("world")]), n("6"));
    assert_eq!(f(&[t("Hello world!"), t("bananas")]), n("-1"));
    assert_eq!(f(&[t("Hello world!"), t("o"), n("5")]), n("7"));
    assert_eq!(f(&[t("Hello world!"), t("o"), n("-5")]), n("7"));
    assert_eq!(f(&[t("Hello world!"), t("H"), n("-99")]), n("0"));
    assert_eq!(f(&[t("Hello"), t("o"), n("99")]), n("-1"));
    assert_eq!(f(&[t("Hello"), t("hello")]), n("-1"));
    assert_eq!(f(&[t("🙂 smile"), t("smile")]), n("2"));
    assert_eq!(f(&[t("abc"), t("")]), n("0"));
    assert_eq!(f(&[t("abc"), t(""), n("2")]), n("2"));
    assert_eq!(f(&[NULL, t("a")]), NULL);
}

#[test]
fn substitute_cases() {
    let s = |a: &[Value]| ok("SUBSTITUTE", a);
    assert_eq!(s(&[t("Hello world!"), t("l"), t("L")]), t("HeLLo worLd!"));
    assert_eq!(
        s(&[t("line 1\nline 2"), t("\n"), t("<br />")]),
        t("line 1<br />line 2")
    );
    assert_eq!(s(&[t("aaaa"), t("aa"), t("b")]), t("bb"));
    assert_eq!(s(&[t("a-b-c-d"), t("-"), t("+"), n("2")]), t("a-b+c-d"));
    assert_eq!(s(&[t("a-b"), t("-"), t("+"), n("5")]), t("a-b"));
    assert_eq!(s(&[t("abc"), t("b"), t("bb")]), t("abbc"));
    assert_eq!(s(&[t("abc"), t(""), t("x")]), t("abc"));
    assert_eq!(s(&[NULL, t("a"), t("b")]), NULL);
}

#[test]
fn substring_cases() {
    let s = |a: &[Value]| ok("SUBSTRING", a);
    assert_eq!(s(&[t("Hello world!"), n("0"), n("5")]), t("Hello"));
    assert_eq!(s(&[t("Hello world!"), n("6"), n("11")]), t("world"));
    assert_eq!(
        s(&[t("ISBN 989-0-7267-9020-3"), n("5")]),
        t("989-0-7267-9020-3")
    );
    assert_eq!(s(&[t("Hello world!"), n("-6")]), t("world!"));
    assert_eq!(s(&[t("Hello world!"), n("-6"), n("-1")]), t("world"));
    assert_eq!(s(&[t("abc"), n("1"), n("99")]), t("bc"));
    assert_eq!(s(&[t("abc"), n("2"), n("1")]), t(""));
    assert_eq!(s(&[t("héllo🙂"), n("1"), n("3")]), t("él"));
    assert_eq!(s(&[t("🙂🙃🙂"), n("-1")]), t("🙂"));
    assert_eq!(s(&[t("abc"), n("1"), NULL]), t("bc"));
    assert_eq!(s(&[NULL, n("0"), n("1")]), NULL);
}

#[test]
fn trim_cases() {
    assert_eq!(ok("TRIM", &[t("\u{A0}x\u{A0}")]), t("x"));
    assert_eq!(ok("TRIM", &[t("\u{200B}x")]), t("\u{200B}x"));
}
