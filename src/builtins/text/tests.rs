use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Type};

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn capitalize_cases() {
    assert_eq!(ok("CAPITALIZE", &[t("hello world")]), t("Hello world"));
    assert_eq!(ok("CAPITALIZE", &[t("hELLO")]), t("HELLO"));
    assert_eq!(ok("CAPITALIZE", &[t(" hello")]), t(" hello"));
    assert_eq!(ok("CAPITALIZE", &[t("1st")]), t("1st"));
    assert_eq!(ok("CAPITALIZE", &[t("élan")]), t("Élan"));
    assert_eq!(ok("CAPITALIZE", &[t("ßtraße")]), t("SStraße"));
    assert_eq!(ok("CAPITALIZE", &[t("")]), t(""));
    assert_eq!(ok("CAPITALIZE", &[NULL]), NULL);
    assert_eq!(err("CAPITALIZE", &[n("12")]), Type);
}

#[test]
fn concat_cases() {
    assert_eq!(ok("CONCAT", &[t("Hello "), t("world!")]), t("Hello world!"));
    assert_eq!(ok("CONCAT", &[n("5"), t("-"), t("Great")]), t("5-Great"));
    assert_eq!(ok("CONCAT", &[t("a"), NULL, t("b")]), t("ab"));
    assert_eq!(ok("CONCAT", &[n("1.50"), Value::Bool(true)]), t("1.5TRUE"));
}

#[test]
fn isstring_cases() {
    assert_eq!(ok("ISSTRING", &[t("")]), Value::Bool(true));
    assert_eq!(ok("ISSTRING", &[n("42")]), Value::Bool(false));
    assert_eq!(ok("ISSTRING", &[l(&[t("a")])]), Value::Bool(false));
    assert_eq!(ok("ISSTRING", &[NULL]), Value::Bool(false));
}

#[test]
fn case_mapping() {
    assert_eq!(ok("LOWERCASE", &[t("Hello world!")]), t("hello world!"));
    assert_eq!(ok("LOWERCASE", &[t("ÀÉÎ Ω")]), t("àéî ω"));
    assert_eq!(ok("LOWERCASE", &[t("ΟΔΟΣ")]), t("οδος"));
    assert_eq!(ok("UPPERCASE", &[t("straße")]), t("STRASSE"));
    assert_eq!(ok("UPPERCASE", &[t("123 ☺")]), t("123 ☺"));
    assert_eq!(ok("UPPERCASE", &[NULL]), NULL);
    assert_eq!(err("UPPERCASE", &[n("5")]), Type);
    assert_eq!(err("LOWERCASE", &[Value::Bool(true)]), Type);
}

#[test]
fn padstring_cases() {
    assert_eq!(ok("PADSTRING", &[t("7"), n("3"), t("0")]), t("007"));
    assert_eq!(ok("PADSTRING", &[t("42"), n("5")]), t("   42"));
    assert_eq!(
        ok("PADSTRING", &[t("abc"), n("10"), t("123")]),
        t("1231231abc")
    );
    assert_eq!(
        ok("PADSTRING", &[t("abc"), n("6"), t("*"), t("END")]),
        t("abc***")
    );
    assert_eq!(
        ok("PADSTRING", &[t("abc"), n("6"), t("-"), t("right")]),
        t("abc---")
    );
    assert_eq!(ok("PADSTRING", &[t("abcdef"), n("3"), t("0")]), t("abcdef"));
    assert_eq!(ok("PADSTRING", &[t("🙂"), n("3"), t("·")]), t("··🙂"));
    assert_eq!(ok("PADSTRING", &[NULL, n("3")]), NULL);
    assert_eq!(ok("PADSTRING", &[t("x"), n("3"), NULL, NULL]), t("  x"));
    assert_eq!(err("PADSTRING", &[t("x"), n("3"), t("")]), Argument);
    assert_eq!(err("PADSTRING", &[t("x"), n("-1")]), Argument);
    assert_eq!(err("PADSTRING", &[t("x"), n("2.5")]), Argument);
    assert_eq!(
        err("PADSTRING", &[t("x"), n("3"), t("0"), t("middle")]),
        Argument
    );
    assert_eq!(err("PADSTRING", &[n("7"), n("3"), t("0")]), Type);
    let huge = call("PADSTRING", &[t("x"), n("1000000000000"), t("y")]);
    assert_eq!(huge.unwrap_err().kind(), crate::error::ErrorKind::Limit);
}

#[test]
fn replace_cases() {
    assert_eq!(
        ok("REPLACE", &[t("Hello world!"), t("l"), t("L")]),
        t("HeLlo world!")
    );
    assert_eq!(ok("REPLACE", &[t("a-b-c"), t("-"), t("")]), t("ab-c"));
    assert_eq!(ok("REPLACE", &[t("abc"), t("x"), t("y")]), t("abc"));
    assert_eq!(ok("REPLACE", &[t("abc"), t(""), t("X")]), t("abc"));
    assert_eq!(ok("REPLACE", &[t("aaa"), t("aa"), t("b")]), t("ba"));
    assert_eq!(ok("REPLACE", &[NULL, t("a"), t("b")]), NULL);
    assert_eq!(err("REPLACE", &[t("abc"), t("b"), n("1")]), Type);
}

#[test]
fn rept_cases() {
    assert_eq!(ok("REPT", &[t("abc"), n("3")]), t("abcabcabc"));
    assert_eq!(ok("REPT", &[t("ab"), n("2.9")]), t("abab"));
    assert_eq!(ok("REPT", &[t("x"), n("0")]), t(""));
    assert_eq!(ok("REPT", &[t(""), n("1000")]), t(""));
    assert_eq!(ok("REPT", &[NULL, n("3")]), NULL);
    assert_eq!(err("REPT", &[t("x"), n("-1")]), Argument);
    assert_eq!(err("REPT", &[t("x"), t("3")]), Type);
    assert_eq!(
        err("REPT", &[t("x"), n("1000000000000")]),
        crate::error::ErrorKind::Limit
    );
}

#[test]
fn split_cases() {
    assert_eq!(
        ok("SPLIT", &[t("Hello world!")]),
        l(&[t("Hello"), t("world!")])
    );
    assert_eq!(ok("SPLIT", &[t("  a \t b\n")]), l(&[t("a"), t("b")]));
    assert_eq!(ok("SPLIT", &[t("")]), l(&[]));
    assert_eq!(ok("SPLIT", &[t("   ")]), l(&[]));
    assert_eq!(ok("SPLIT", &[t("a b"), NULL]), l(&[t("a"), t("b")]));
    assert_eq!(
        ok("SPLIT", &[t("a,,b"), t(",")]),
        l(&[t("a"), t(""), t("b")])
    );
    assert_eq!(ok("SPLIT", &[t(""), t(",")]), l(&[t("")]));
    assert_eq!(
        ok("SPLIT", &[t("a--b--c"), t("--")]),
        l(&[t("a"), t("b"), t("c")])
    );
    assert_eq!(
        ok("SPLIT", &[t("a,b,"), t(",")]),
        l(&[t("a"), t("b"), t("")])
    );
    assert_eq!(
        ok("SPLIT", &[t("日本語"), t("")]),
        l(&[t("日"), t("本"), t("語")])
    );
    assert_eq!(ok("SPLIT", &[t(""), t("")]), l(&[]));
    assert_eq!(ok("SPLIT", &[NULL, t(",")]), NULL);
    assert_eq!(err("SPLIT", &[n("123"), t(",")]), Type);
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
    assert_eq!(ok("STRING_COMPARE", &[NULL, t("a")]), NULL);
    assert_eq!(err("STRING_COMPARE", &[n("1"), t("a")]), Type);
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
    assert_eq!(err("STRING_FIND", &[n("5"), t("a")]), Type);
    assert_eq!(err("STRING_FIND", &[t("abc"), t("a"), n("0.5")]), Argument);
}

#[test]
fn strip_cases() {
    assert_eq!(
        ok("STRIP", &[t("ISBN 989-0-7267-9020-3"), t("ISBN -")]),
        t("9890726790203")
    );
    assert_eq!(ok("STRIP", &[t(" 555 867\t5309 ")]), t("5558675309"));
    assert_eq!(ok("STRIP", &[t("banana"), t("an")]), t("b"));
    assert_eq!(ok("STRIP", &[t("abc"), t("")]), t("abc"));
    assert_eq!(ok("STRIP", &[NULL, t("a")]), NULL);
    assert_eq!(err("STRIP", &[t("abc"), n("1")]), Type);
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
    assert_eq!(
        err("SUBSTITUTE", &[t("a-b"), t("-"), t("+"), n("0")]),
        Argument
    );
    assert_eq!(err("SUBSTITUTE", &[n("1"), t("a"), t("b")]), Type);
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
    assert_eq!(err("SUBSTRING", &[t("abc"), n("0.5")]), Argument);
    assert_eq!(err("SUBSTRING", &[n("12345"), n("0"), n("2")]), Type);
}

#[test]
fn titlecase_cases() {
    assert_eq!(ok("TITLECASE", &[t("hello world")]), t("Hello World"));
    assert_eq!(ok("TITLECASE", &[t("HELLO wORLD")]), t("Hello World"));
    assert_eq!(ok("TITLECASE", &[t("76BudGet")]), t("76Budget"));
    assert_eq!(ok("TITLECASE", &[t("o'neil-smith")]), t("O'Neil-Smith"));
    assert_eq!(ok("TITLECASE", &[t("élan vital")]), t("Élan Vital"));
    assert_eq!(ok("TITLECASE", &[t("don't")]), t("Don'T"));
    assert_eq!(ok("TITLECASE", &[t("2-way street")]), t("2-Way Street"));
    assert_eq!(ok("TITLECASE", &[NULL]), NULL);
    assert_eq!(err("TITLECASE", &[n("5")]), Type);
}

#[test]
fn trim_cases() {
    assert_eq!(ok("TRIM", &[t("  Hello world!   ")]), t("Hello world!"));
    assert_eq!(ok("TRIM", &[t("\t\n John  Smith \r\n")]), t("John  Smith"));
    assert_eq!(ok("TRIM", &[t("\u{A0}x\u{A0}")]), t("x"));
    assert_eq!(ok("TRIM", &[t("\u{200B}x")]), t("\u{200B}x"));
    assert_eq!(ok("TRIM", &[t("   ")]), t(""));
    assert_eq!(ok("TRIM", &[NULL]), NULL);
    assert_eq!(err("TRIM", &[n("42")]), Type);
}
