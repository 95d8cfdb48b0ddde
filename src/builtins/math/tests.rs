use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Arithmetic, Limit, Type};
use crate::value::CurrencyCode;

fn ok(f: super::super::NativeFn, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}
const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

#[test]
fn abs_sign_isnumber() {
    assert_eq!(ok(abs, &[n("-2.5")]), n("2.5"));
    assert_eq!(ok(abs, &[n("3")]), n("3"));
    assert_eq!(ok(abs, &[NULL]), NULL);
    assert_eq!(err(abs, &[t("-2")]), Type);
    assert_eq!(ok(sign, &[n("-0.5")]), n("-1"));
    assert_eq!(ok(sign, &[n("0")]), n("0"));
    assert_eq!(ok(sign, &[n("42")]), n("1"));
    assert_eq!(err(sign, &[TRUE]), Type);
    assert_eq!(ok(isnumber, &[n("1.5")]), TRUE);
    for v in [t("1"), NULL, TRUE, l(&[n("1")])] {
        assert_eq!(ok(isnumber, &[v]), FALSE);
    }
}

#[test]
fn round_family() {
    assert_eq!(ok(round, &[n("2.5")]), n("3"));
    assert_eq!(ok(round, &[n("-2.5")]), n("-3"));
    assert_eq!(ok(round, &[n("2.5"), NULL]), n("3"));
    assert_eq!(ok(round, &[n("3.14159"), n("2")]), n("3.14"));
    assert_eq!(ok(round, &[n("1.005"), n("2")]), n("1.01"));
    assert_eq!(ok(round, &[n("0.125"), n("2")]), n("0.13"));
    assert_eq!(ok(round, &[n("1234.5678"), n("-2")]), n("1200"));
    assert_eq!(ok(round, &[n("2.567"), n("1.9")]), n("2.6"));
    assert_eq!(ok(round, &[n("5"), n("-40")]), n("0"));
    assert_eq!(ok(round, &[n("1.5"), n("40")]), n("1.5"));
    assert_eq!(err(round, &[t("2.5")]), Type);
    assert_eq!(ok(roundup, &[n("3.14159"), n("3")]), n("3.142"));
    assert_eq!(ok(roundup, &[n("-3.14159"), n("1")]), n("-3.2"));
    assert_eq!(ok(roundup, &[n("31415.92654"), n("-2")]), n("31500"));
    assert_eq!(ok(roundup, &[n("0.0001"), n("2")]), n("0.01"));
    assert_eq!(err(roundup, &[n("1"), n("-30")]), Arithmetic);
    assert_eq!(ok(rounddown, &[n("-3.14159"), n("1")]), n("-3.1"));
    assert_eq!(ok(rounddown, &[n("31415.92654"), n("-2")]), n("31400"));
    assert_eq!(ok(rounddown, &[n("8.9")]), n("8"));
    assert_eq!(ok(rounddown, &[n("-8.9")]), n("-8"));
    assert_eq!(ok(rounddown, &[n("1999"), n("-3")]), n("1000"));
    let big = Value::Number(Decimal::MAX);
    assert_eq!(err(round, &[big, n("-1")]), Arithmetic);
}

#[test]
fn multiples() {
    assert_eq!(ok(mround, &[n("10"), n("3")]), n("9"));
    assert_eq!(ok(mround, &[n("-10"), n("-3")]), n("-9"));
    assert_eq!(ok(mround, &[n("1.3"), n("0.2")]), n("1.4"));
    assert_eq!(ok(mround, &[n("7.5"), n("5")]), n("10"));
    assert_eq!(ok(mround, &[n("7.5"), n("0")]), n("0"));
    assert_eq!(ok(mround, &[NULL, n("0")]), NULL);
    assert_eq!(err(mround, &[n("5"), n("-2")]), Argument);
    assert_eq!(ok(ceiling, &[n("1.1")]), n("2"));
    assert_eq!(ok(ceiling, &[n("-2.5")]), n("-2"));
    assert_eq!(ok(ceiling, &[n("2.5"), n("2")]), n("4"));
    assert_eq!(ok(ceiling, &[n("1.234"), n("0.01")]), n("1.24"));
    assert_eq!(ok(ceiling, &[n("1.5"), n("0")]), n("0"));
    assert_eq!(ok(floor, &[n("1.1")]), n("1"));
    assert_eq!(ok(floor, &[n("-2.5")]), n("-3"));
    assert_eq!(ok(floor, &[n("-3.7"), n("2")]), n("-4"));
    assert_eq!(ok(floor, &[n("-3.7"), n("-2")]), n("-4"));
    assert_eq!(ok(floor, &[n("1.239"), n("0.01")]), n("1.23"));
}

#[test]
fn parity() {
    assert_eq!(ok(even, &[n("1.5")]), n("2"));
    assert_eq!(ok(even, &[n("3")]), n("4"));
    assert_eq!(ok(even, &[n("-1")]), n("-2"));
    assert_eq!(ok(even, &[n("0")]), n("0"));
    assert_eq!(ok(odd, &[n("1.5")]), n("3"));
    assert_eq!(ok(odd, &[n("2")]), n("3"));
    assert_eq!(ok(odd, &[n("-2")]), n("-3"));
    assert_eq!(ok(odd, &[n("-1")]), n("-1"));
    assert_eq!(ok(odd, &[n("0")]), n("1"));
    assert_eq!(ok(iseven, &[n("2.5")]), TRUE);
    assert_eq!(ok(isodd, &[n("3.9")]), TRUE);
    assert_eq!(ok(isodd, &[n("-2.5")]), FALSE);
    assert_eq!(ok(isodd, &[n("-3")]), TRUE);
    assert_eq!(ok(iseven, &[n("0")]), TRUE);
    assert_eq!(ok(iseven, &[n("-1")]), FALSE);
    assert_eq!(ok(iseven, &[NULL]), NULL);
    assert_eq!(err(isodd, &[t("1")]), Type);
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
    assert_eq!(ok(sum, &[l(&[n("1"), NULL, n("2")])]), n("3"));
    assert_eq!(ok(sum, &[n("0.1"), n("0.2")]), n("0.3"));
    assert_eq!(ok(sum, &[l(&[n("1"), l(&[n("2")])]), n("3")]), n("6"));
    assert_eq!(ok(sum, &[l(&[])]), n("0"));
    assert_eq!(ok(sum, &[NULL]), n("0"));
    assert_eq!(
        ok(sum, &[l(&[usd("1.00", 2), usd("2.50", 2)])]),
        usd("3.50", 2)
    );
    assert_eq!(err(sum, &[l(&[n("1"), t("2")])]), Type);
    assert_eq!(err(sum, &[n("1"), usd("1", 2)]), Type);
    assert_eq!(err(sum, &[TRUE]), Type);
    let e = call(sum, &[n("1"), l(&[t("x")])]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
    let big = n("9000000000000000000000000000");
    assert_eq!(err(sum, &[big.clone(), big.clone()]), Arithmetic);
    assert_eq!(
        err(sum, &[big.clone(), n("1000000000000000000000000000")]),
        Arithmetic
    );
}

#[test]
fn range_cases() {
    let ns = |xs: &[&str]| l(&xs.iter().map(|x| n(x)).collect::<Vec<_>>());
    assert_eq!(ok(range, &[n("1"), n("5")]), ns(&["1", "2", "3", "4", "5"]));
    assert_eq!(
        ok(range, &[n("1"), n("10"), n("2")]),
        ns(&["1", "3", "5", "7", "9"])
    );
    assert_eq!(ok(range, &[n("10"), n("1")]), ns(&[]));
    assert_eq!(
        ok(range, &[n("10"), n("1"), n("-3")]),
        ns(&["10", "7", "4", "1"])
    );
    assert_eq!(
        ok(range, &[n("0"), n("1"), n("0.25")]),
        ns(&["0", "0.25", "0.5", "0.75", "1"])
    );
    assert_eq!(ok(range, &[n("3"), n("3")]), ns(&["3"]));
    assert_eq!(ok(range, &[NULL, n("3")]), NULL);
    assert_eq!(err(range, &[n("1"), n("5"), n("0")]), Argument);
    assert_eq!(err(range, &[n("1"), n("1000000000000")]), Limit);
}

#[test]
fn random_cases() {
    for _ in 0..200 {
        let Value::Number(r) = ok(random, &[]) else {
            panic!("a number")
        };
        assert!(r >= Decimal::ZERO && r < Decimal::ONE && r.scale() <= 15);
        let Value::Number(d) = ok(random, &[n("1"), n("6")]) else {
            panic!("a number")
        };
        assert!(d >= Decimal::ONE && d <= Decimal::from(6) && d.fract().is_zero());
        let Value::Number(h) = ok(random, &[n("0.5"), n("1.5")]) else {
            panic!("a number")
        };
        assert_eq!(h, Decimal::ONE);
    }
    assert_eq!(ok(random, &[n("5"), n("5")]), n("5"));
    assert_eq!(err(random, &[n("6"), n("1")]), Argument);
    assert_eq!(err(random, &[n("0.2"), n("0.8")]), Argument);
    assert_eq!(err(random, &[n("1")]), Argument);
    assert_eq!(err(random, &[n("1"), NULL]), Argument);
    assert_eq!(err(random, &[t("1"), n("2")]), Type);
    assert!(crate::builtins::spec(crate::builtins::lookup("RANDOM").unwrap()).volatile);
}
