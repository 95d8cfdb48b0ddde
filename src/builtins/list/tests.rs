use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Type};
use crate::value::testing::obj;

const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

fn ok(f: super::super::NativeFn, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

#[test]
fn contains_cases() {
    let genres = l(&[t("Fiction"), t("History")]);
    assert_eq!(ok(contains, &[genres.clone(), t("History")]), TRUE);
    assert_eq!(ok(contains, &[genres, t("Non-fiction")]), FALSE);
    let house = obj(&[("title", t("Ranch 12")), ("beds", n("4"))]);
    let same = obj(&[("beds", n("4")), ("title", t("Ranch 12"))]);
    assert_eq!(ok(contains, &[l(&[house]), same]), TRUE);
    assert_eq!(ok(contains, &[t("Hello world"), t("world")]), TRUE);
    assert_eq!(ok(contains, &[t("Hello world"), t("World")]), FALSE);
    assert_eq!(ok(contains, &[t("abc"), t("")]), TRUE);
    assert_eq!(ok(contains, &[t("abc"), NULL]), FALSE);
    assert_eq!(
        ok(contains, &[l(&[n("1"), n("2"), n("3")]), n("2.0")]),
        TRUE
    );
    assert_eq!(ok(contains, &[l(&[NULL]), NULL]), TRUE);
    assert_eq!(ok(contains, &[l(&[n("1")]), t("1")]), FALSE);
    assert_eq!(ok(contains, &[NULL, t("x")]), FALSE);
    assert_eq!(err(contains, &[obj(&[("a", n("1"))]), n("1")]), Type);
    assert_eq!(err(contains, &[n("5"), n("5")]), Type);
    assert_eq!(err(contains, &[t("a1"), n("1")]), Type);
}

#[test]
fn first_last_cases() {
    let xs = l(&[n("3"), n("1"), n("2")]);
    assert_eq!(ok(first, std::slice::from_ref(&xs)), n("3"));
    assert_eq!(ok(last, &[xs]), n("2"));
    assert_eq!(ok(first, &[l(&[])]), NULL);
    assert_eq!(ok(last, &[l(&[])]), NULL);
    let ys = l(&[n("1"), n("2"), n("3")]);
    assert_eq!(ok(first, &[ys.clone(), n("2")]), l(&[n("1"), n("2")]));
    assert_eq!(ok(last, &[ys.clone(), n("2")]), l(&[n("2"), n("3")]));
    assert_eq!(ok(first, &[ys.clone(), n("0")]), l(&[]));
    assert_eq!(
        ok(last, &[l(&[n("1"), n("2")]), n("5")]),
        l(&[n("1"), n("2")])
    );
    assert_eq!(ok(first, &[ys.clone(), NULL]), n("1"));
    assert_eq!(ok(first, &[NULL]), NULL);
    assert_eq!(err(first, &[t("abc")]), Type);
    assert_eq!(err(last, &[t("abc")]), Type);
    assert_eq!(err(last, &[ys.clone(), n("1.5")]), Argument);
    assert_eq!(err(first, &[ys, n("-1")]), Argument);
}

#[test]
fn flat_cases() {
    let nested = l(&[n("1"), l(&[n("2"), l(&[n("3"), l(&[n("4")])])])]);
    assert_eq!(
        ok(flat, std::slice::from_ref(&nested)),
        l(&[n("1"), n("2"), l(&[n("3"), l(&[n("4")])])])
    );
    assert_eq!(
        ok(flat, &[nested.clone(), n("2")]),
        l(&[n("1"), n("2"), n("3"), l(&[n("4")])])
    );
    assert_eq!(
        ok(flat, &[nested.clone(), n("99")]),
        l(&[n("1"), n("2"), n("3"), n("4")])
    );
    assert_eq!(ok(flat, &[nested.clone(), n("0")]), nested);
    assert_eq!(
        ok(flat, &[l(&[l(&[]), l(&[NULL]), n("5")])]),
        l(&[NULL, n("5")])
    );
    assert_eq!(ok(flat, &[NULL]), NULL);
    assert_eq!(err(flat, &[t("abc")]), Type);
    assert_eq!(err(flat, &[l(&[l(&[n("1")])]), n("-1")]), Argument);
}

#[test]
fn join_cases() {
    assert_eq!(
        ok(join, &[l(&[t("Hello"), t("world!")]), t(", ")]),
        t("Hello, world!")
    );
    assert_eq!(
        ok(join, &[l(&[n("1"), n("2.50"), TRUE]), t("|")]),
        t("1|2.5|TRUE")
    );
    assert_eq!(ok(join, &[l(&[t("a"), NULL, t("b")]), t("-")]), t("a--b"));
    assert_eq!(ok(join, &[l(&[]), t(",")]), t(""));
    assert_eq!(ok(join, &[NULL, t(",")]), NULL);
    assert_eq!(err(join, &[t("abc"), t(",")]), Type);
    assert_eq!(err(join, &[l(&[]), n("1")]), Type);
}

#[test]
fn length_cases() {
    assert_eq!(ok(length, &[t("Hello world!")]), n("12"));
    assert_eq!(ok(length, &[t("")]), n("0"));
    assert_eq!(ok(length, &[t("🙂")]), n("1"));
    assert_eq!(ok(length, &[t("👍🏽")]), n("2"));
    assert_eq!(ok(length, &[t("e\u{301}")]), n("2"));
    assert_eq!(ok(length, &[l(&[n("1"), l(&[n("2"), n("3")])])]), n("2"));
    assert_eq!(ok(length, &[obj(&[("a", n("1")), ("b", n("2"))])]), n("2"));
    assert_eq!(ok(length, &[NULL]), n("0"));
    assert_eq!(err(length, &[n("12345")]), Type);
}

#[test]
fn remove_empty_cases() {
    let xs = l(&[t("a"), NULL, t(""), l(&[]), obj(&[]), n("0"), FALSE, t(" ")]);
    assert_eq!(ok(remove_empty, &[xs]), l(&[t("a"), n("0"), FALSE, t(" ")]));
    let o = obj(&[("name", t("Ada")), ("middle", t("")), ("tags", l(&[]))]);
    assert_eq!(ok(remove_empty, &[o]), obj(&[("name", t("Ada"))]));
    let kept = l(&[l(&[NULL]), obj(&[("a", NULL)])]);
    assert_eq!(ok(remove_empty, std::slice::from_ref(&kept)), kept);
    assert_eq!(ok(remove_empty, &[NULL]), NULL);
    assert_eq!(err(remove_empty, &[t("abc")]), Type);
}

#[test]
fn reverse_cases() {
    assert_eq!(
        ok(reverse, &[l(&[n("1"), n("2"), n("3")])]),
        l(&[n("3"), n("2"), n("1")])
    );
    assert_eq!(ok(reverse, &[t("stressed")]), t("desserts"));
    assert_eq!(ok(reverse, &[t("🙂ab")]), t("ba🙂"));
    assert_eq!(ok(reverse, &[t("e\u{301}")]), t("\u{301}e"));
    assert_eq!(ok(reverse, &[l(&[])]), l(&[]));
    assert_eq!(ok(reverse, &[NULL]), NULL);
    assert_eq!(err(reverse, &[n("12")]), Type);
}

#[test]
fn shuffle_keeps_the_items() {
    let xs = l(&[n("3"), n("1"), n("2"), n("1")]);
    let Value::List(out) = ok(shuffle, &[xs]) else {
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
    assert_eq!(ok(shuffle, &[l(&[])]), l(&[]));
    assert_eq!(ok(shuffle, &[NULL]), NULL);
    assert_eq!(err(shuffle, &[t("abc")]), Type);
    assert!(crate::builtins::spec(crate::builtins::lookup("SHUFFLE").unwrap()).volatile);
}
