use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Arithmetic, Limit, Type};
use crate::value::CurrencyCode;

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}
const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

#[test]
fn abs_sign_isnumber() {
    assert_eq!(ok("ABS", &[n("-2.5")]), n("2.5"));
    assert_eq!(ok("ABS", &[n("3")]), n("3"));
    assert_eq!(ok("ABS", &[NULL]), NULL);
    assert_eq!(err("ABS", &[t("-2")]), Type);
    assert_eq!(ok("SIGN", &[n("-0.5")]), n("-1"));
    assert_eq!(ok("SIGN", &[n("0")]), n("0"));
    assert_eq!(ok("SIGN", &[n("42")]), n("1"));
    assert_eq!(err("SIGN", &[TRUE]), Type);
    assert_eq!(ok("ISNUMBER", &[n("1.5")]), TRUE);
    for v in [t("1"), NULL, TRUE, l(&[n("1")])] {
        assert_eq!(ok("ISNUMBER", &[v]), FALSE);
    }
}

#[test]
fn round_family() {
    assert_eq!(ok("ROUND", &[n("2.5")]), n("3"));
    assert_eq!(ok("ROUND", &[n("-2.5")]), n("-3"));
    assert_eq!(ok("ROUND", &[n("2.5"), NULL]), n("3"));
    assert_eq!(ok("ROUND", &[n("3.14159"), n("2")]), n("3.14"));
    assert_eq!(ok("ROUND", &[n("1.005"), n("2")]), n("1.01"));
    assert_eq!(ok("ROUND", &[n("0.125"), n("2")]), n("0.13"));
    assert_eq!(ok("ROUND", &[n("1234.5678"), n("-2")]), n("1200"));
    assert_eq!(ok("ROUND", &[n("2.567"), n("1.9")]), n("2.6"));
    assert_eq!(ok("ROUND", &[n("5"), n("-40")]), n("0"));
    assert_eq!(ok("ROUND", &[n("1.5"), n("40")]), n("1.5"));
    assert_eq!(err("ROUND", &[t("2.5")]), Type);
    assert_eq!(ok("ROUNDUP", &[n("3.14159"), n("3")]), n("3.142"));
    assert_eq!(ok("ROUNDUP", &[n("-3.14159"), n("1")]), n("-3.2"));
    assert_eq!(ok("ROUNDUP", &[n("31415.92654"), n("-2")]), n("31500"));
    assert_eq!(ok("ROUNDUP", &[n("0.0001"), n("2")]), n("0.01"));
    assert_eq!(err("ROUNDUP", &[n("1"), n("-30")]), Arithmetic);
    assert_eq!(ok("ROUNDDOWN", &[n("-3.14159"), n("1")]), n("-3.1"));
    assert_eq!(ok("ROUNDDOWN", &[n("31415.92654"), n("-2")]), n("31400"));
    assert_eq!(ok("ROUNDDOWN", &[n("8.9")]), n("8"));
    assert_eq!(ok("ROUNDDOWN", &[n("-8.9")]), n("-8"));
    assert_eq!(ok("ROUNDDOWN", &[n("1999"), n("-3")]), n("1000"));
    let big = Value::Number(Decimal::MAX);
    assert_eq!(err("ROUND", &[big, n("-1")]), Arithmetic);
}

#[test]
fn multiples() {
    assert_eq!(ok("MROUND", &[n("10"), n("3")]), n("9"));
    assert_eq!(ok("MROUND", &[n("-10"), n("-3")]), n("-9"));
    assert_eq!(ok("MROUND", &[n("1.3"), n("0.2")]), n("1.4"));
    assert_eq!(ok("MROUND", &[n("7.5"), n("5")]), n("10"));
    assert_eq!(ok("MROUND", &[n("7.5"), n("0")]), n("0"));
    assert_eq!(ok("MROUND", &[NULL, n("0")]), NULL);
    assert_eq!(err("MROUND", &[n("5"), n("-2")]), Argument);
    assert_eq!(ok("CEILING", &[n("1.1")]), n("2"));
    assert_eq!(ok("CEILING", &[n("-2.5")]), n("-2"));
    assert_eq!(ok("CEILING", &[n("2.5"), n("2")]), n("4"));
    assert_eq!(ok("CEILING", &[n("1.234"), n("0.01")]), n("1.24"));
    assert_eq!(ok("CEILING", &[n("1.5"), n("0")]), n("0"));
    assert_eq!(ok("FLOOR", &[n("1.1")]), n("1"));
    assert_eq!(ok("FLOOR", &[n("-2.5")]), n("-3"));
    assert_eq!(ok("FLOOR", &[n("-3.7"), n("2")]), n("-4"));
    assert_eq!(ok("FLOOR", &[n("-3.7"), n("-2")]), n("-4"));
    assert_eq!(ok("FLOOR", &[n("1.239"), n("0.01")]), n("1.23"));
}

#[test]
fn parity() {
    assert_eq!(ok("EVEN", &[n("1.5")]), n("2"));
    assert_eq!(ok("EVEN", &[n("3")]), n("4"));
    assert_eq!(ok("EVEN", &[n("-1")]), n("-2"));
    assert_eq!(ok("EVEN", &[n("0")]), n("0"));
    assert_eq!(ok("ODD", &[n("1.5")]), n("3"));
    assert_eq!(ok("ODD", &[n("2")]), n("3"));
    assert_eq!(ok("ODD", &[n("-2")]), n("-3"));
    assert_eq!(ok("ODD", &[n("-1")]), n("-1"));
    assert_eq!(ok("ODD", &[n("0")]), n("1"));
    assert_eq!(ok("ISEVEN", &[n("2.5")]), TRUE);
    assert_eq!(ok("ISODD", &[n("3.9")]), TRUE);
    assert_eq!(ok("ISODD", &[n("-2.5")]), FALSE);
    assert_eq!(ok("ISODD", &[n("-3")]), TRUE);
    assert_eq!(ok("ISEVEN", &[n("0")]), TRUE);
    assert_eq!(ok("ISEVEN", &[n("-1")]), FALSE);
    assert_eq!(ok("ISEVEN", &[NULL]), NULL);
    assert_eq!(err("ISODD", &[t("1")]), Type);
}

fn usd(amount: &str, precision: u8) -> Value {
    let Value::Number(a) = n(amount) else {
        unreachable!()
    };
    Value::Currency(Currency {
        amount: a,
        code: CurrencyCode::parse("USD").unwrap(),
        precision,
    })
}

#[test]
fn sum_cases() {
    assert_eq!(ok("SUM", &[l(&[n("1"), NULL, n("2")])]), n("3"));
    assert_eq!(ok("SUM", &[n("0.1"), n("0.2")]), n("0.3"));
    assert_eq!(ok("SUM", &[l(&[n("1"), l(&[n("2")])]), n("3")]), n("6"));
    assert_eq!(ok("SUM", &[l(&[])]), n("0"));
    assert_eq!(ok("SUM", &[NULL]), n("0"));
    assert_eq!(
        ok("SUM", &[l(&[usd("1.00", 2), usd("2.50", 2)])]),
        usd("3.50", 2)
    );
    assert_eq!(err("SUM", &[l(&[n("1"), t("2")])]), Type);
    assert_eq!(err("SUM", &[n("1"), usd("1", 2)]), Type);
    assert_eq!(err("SUM", &[TRUE]), Type);
    let e = call("SUM", &[n("1"), l(&[t("x")])]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
    let big = n("9000000000000000000000000000");
    assert_eq!(err("SUM", &[big.clone(), big.clone()]), Arithmetic);
    assert_eq!(
        err("SUM", &[big.clone(), n("1000000000000000000000000000")]),
        Arithmetic
    );
}

#[test]
fn range_cases() {
    let ns = |xs: &[&str]| l(&xs.iter().map(|x| n(x)).collect::<Vec<_>>());
    assert_eq!(
        ok("RANGE", &[n("1"), n("5")]),
        ns(&["1", "2", "3", "4", "5"])
    );
    assert_eq!(
        ok("RANGE", &[n("1"), n("10"), n("2")]),
        ns(&["1", "3", "5", "7", "9"])
    );
    assert_eq!(ok("RANGE", &[n("10"), n("1")]), ns(&[]));
    assert_eq!(
        ok("RANGE", &[n("10"), n("1"), n("-3")]),
        ns(&["10", "7", "4", "1"])
    );
    assert_eq!(
        ok("RANGE", &[n("0"), n("1"), n("0.25")]),
        ns(&["0", "0.25", "0.5", "0.75", "1"])
    );
    assert_eq!(ok("RANGE", &[n("3"), n("3")]), ns(&["3"]));
    assert_eq!(ok("RANGE", &[NULL, n("3")]), NULL);
    assert_eq!(err("RANGE", &[n("1"), n("5"), n("0")]), Argument);
    assert_eq!(err("RANGE", &[n("1"), n("1000000000000")]), Limit);
}

#[test]
fn random_cases() {
    for _ in 0..200 {
        let Value::Number(r) = ok("RANDOM", &[]) else {
            panic!("a number")
        };
        assert!(r >= Decimal::ZERO && r < Decimal::ONE && r.scale() <= 15);
        let Value::Number(d) = ok("RANDOM", &[n("1"), n("6")]) else {
            panic!("a number")
        };
        assert!(d >= Decimal::ONE && d <= Decimal::from(6) && d.fract().is_zero());
        let Value::Number(h) = ok("RANDOM", &[n("0.5"), n("1.5")]) else {
            panic!("a number")
        };
        assert_eq!(h, Decimal::ONE);
    }
    assert_eq!(ok("RANDOM", &[n("5"), n("5")]), n("5"));
    assert_eq!(err("RANDOM", &[n("6"), n("1")]), Argument);
    assert_eq!(err("RANDOM", &[n("0.2"), n("0.8")]), Argument);
    assert_eq!(err("RANDOM", &[n("1")]), Argument);
    assert_eq!(err("RANDOM", &[n("1"), NULL]), Argument);
    assert_eq!(err("RANDOM", &[t("1"), n("2")]), Type);
    assert!(crate::builtins::spec(crate::builtins::lookup("RANDOM").unwrap()).volatile);
}
