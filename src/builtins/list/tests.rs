use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Type};
use crate::value::testing::obj;

const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn contains_cases() {
    let genres = l(&[t("Fiction"), t("History")]);
    assert_eq!(ok("CONTAINS", &[genres.clone(), t("History")]), TRUE);
    assert_eq!(ok("CONTAINS", &[genres, t("Non-fiction")]), FALSE);
    let house = obj(&[("title", t("Ranch 12")), ("beds", n("4"))]);
    let same = obj(&[("beds", n("4")), ("title", t("Ranch 12"))]);
    assert_eq!(ok("CONTAINS", &[l(&[house]), same]), TRUE);
    assert_eq!(ok("CONTAINS", &[t("abc"), t("")]), TRUE);
    assert_eq!(ok("CONTAINS", &[t("abc"), NULL]), FALSE);
    assert_eq!(
        ok("CONTAINS", &[l(&[n("1"), n("2"), n("3")]), n("2.0")]),
        TRUE
    );
    assert_eq!(ok("CONTAINS", &[l(&[NULL]), NULL]), TRUE);
    assert_eq!(ok("CONTAINS", &[l(&[n("1")]), t("1")]), FALSE);
    assert_eq!(err("CONTAINS", &[obj(&[("a", n("1"))]), n("1")]), Type);
}

#[test]
fn first_last_cases() {
    let xs = l(&[n("3"), n("1"), n("2")]);
    assert_eq!(ok("FIRST", std::slice::from_ref(&xs)), n("3"));
    assert_eq!(ok("LAST", &[xs]), n("2"));
    assert_eq!(ok("FIRST", &[l(&[])]), NULL);
    assert_eq!(ok("LAST", &[l(&[])]), NULL);
    let ys = l(&[n("1"), n("2"), n("3")]);
    assert_eq!(ok("FIRST", &[ys.clone(), n("2")]), l(&[n("1"), n("2")]));
    assert_eq!(ok("LAST", &[ys.clone(), n("2")]), l(&[n("2"), n("3")]));
    assert_eq!(ok("FIRST", &[ys.clone(), n("0")]), l(&[]));
    assert_eq!(
        ok("LAST", &[l(&[n("1"), n("2")]), n("5")]),
        l(&[n("1"), n("2")])
    );
    assert_eq!(ok("FIRST", &[ys.clone(), NULL]), n("1"));
    assert_eq!(err("LAST", &[ys.clone(), n("1.5")]), Argument);
    assert_eq!(err("FIRST", &[ys, n("-1")]), Argument);
}

#[test]
fn flat_cases() {
    let nested = l(&[n("1"), l(&[n("2"), l(&[n("3"), l(&[n("4")])])])]);
    assert_eq!(
        ok("FLAT", std::slice::from_ref(&nested)),
        l(&[n("1"), n("2"), l(&[n("3"), l(&[n("4")])])])
    );
    assert_eq!(
        ok("FLAT", &[nested.clone(), n("2")]),
        l(&[n("1"), n("2"), n("3"), l(&[n("4")])])
    );
    assert_eq!(
        ok("FLAT", &[nested.clone(), n("99")]),
        l(&[n("1"), n("2"), n("3"), n("4")])
    );
    assert_eq!(ok("FLAT", &[nested.clone(), n("0")]), nested);
    assert_eq!(
        ok("FLAT", &[l(&[l(&[]), l(&[NULL]), n("5")])]),
        l(&[NULL, n("5")])
    );
    assert_eq!(err("FLAT", &[l(&[l(&[n("1")])]), n("-1")]), Argument);
}

#[test]
fn join_cases() {
    assert_eq!(
        ok("JOIN", &[l(&[t("Hello"), t("world!")]), t(", ")]),
        t("Hello, world!")
    );
    assert_eq!(
        ok("JOIN", &[l(&[n("1"), n("2.50"), TRUE]), t("|")]),
        t("1|2.5|TRUE")
    );
    assert_eq!(ok("JOIN", &[l(&[t("a"), NULL, t("b")]), t("-")]), t("a--b"));
    assert_eq!(ok("JOIN", &[l(&[]), t(",")]), t(""));
    assert_eq!(err("JOIN", &[l(&[]), n("1")]), Type);
}

#[test]
fn length_cases() {
    assert_eq!(ok("LENGTH", &[t("e\u{301}")]), n("2"));
    assert_eq!(ok("LENGTH", &[l(&[n("1"), l(&[n("2"), n("3")])])]), n("2"));
    assert_eq!(
        ok("LENGTH", &[obj(&[("a", n("1")), ("b", n("2"))])]),
        n("2")
    );
}

#[test]
fn remove_empty_cases() {
    let xs = l(&[t("a"), NULL, t(""), l(&[]), obj(&[]), n("0"), FALSE, t(" ")]);
    assert_eq!(
        ok("REMOVE_EMPTY", &[xs]),
        l(&[t("a"), n("0"), FALSE, t(" ")])
    );
    let o = obj(&[("name", t("Ada")), ("middle", t("")), ("tags", l(&[]))]);
    assert_eq!(ok("REMOVE_EMPTY", &[o]), obj(&[("name", t("Ada"))]));
    let kept = l(&[l(&[NULL]), obj(&[("a", NULL)])]);
    assert_eq!(ok("REMOVE_EMPTY", std::slice::from_ref(&kept)), kept);
}

#[test]
fn reverse_cases() {
    assert_eq!(
        ok("REVERSE", &[l(&[n("1"), n("2"), n("3")])]),
        l(&[n("3"), n("2"), n("1")])
    );
    assert_eq!(ok("REVERSE", &[t("e\u{301}")]), t("\u{301}e"));
    assert_eq!(ok("REVERSE", &[l(&[])]), l(&[]));
}

#[test]
fn shuffle_keeps_the_items() {
    let xs = l(&[n("3"), n("1"), n("2"), n("1")]);
    let Value::List(out) = ok("SHUFFLE", &[xs]) else {
        panic!("SHUFFLE gives a list")
    };
    let mut got: Vec<String> = out.iter().map(|v| format!("{v:?}")).collect();
    got.sort();
    let mut want: Vec<String> = [n("1"), n("1"), n("2"), n("3")]
        .iter()
        .map(|v| format!("{v:?}"))
        .collect();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(ok("SHUFFLE", &[l(&[])]), l(&[]));
    assert_eq!(ok("SHUFFLE", &[NULL]), NULL);
    assert!(crate::builtins::spec(crate::builtins::lookup("SHUFFLE").unwrap()).volatile);
}
