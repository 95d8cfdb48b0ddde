use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Arithmetic, Type};

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}
const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

#[test]
fn abs_sign_isnumber() {
    for v in [t("1"), NULL, TRUE, l(&[n("1")])] {
        assert_eq!(ok("ISNUMBER", &[v]), FALSE);
    }
}

#[test]
fn round_family() {
    assert_eq!(ok("ROUND", &[n("5"), n("-40")]), n("0"));
    assert_eq!(ok("ROUND", &[n("1.5"), n("40")]), n("1.5"));
    assert_eq!(err("ROUNDUP", &[n("1"), n("-30")]), Arithmetic);
    assert_eq!(ok("ROUNDDOWN", &[n("8.9")]), n("8"));
    assert_eq!(ok("ROUNDDOWN", &[n("-8.9")]), n("-8"));
    assert_eq!(ok("ROUNDDOWN", &[n("1999"), n("-3")]), n("1000"));
    let big = Value::Number(Decimal::MAX);
    assert_eq!(err("ROUND", &[big, n("-1")]), Arithmetic);
}

#[test]
fn multiples() {
    assert_eq!(ok("MROUND", &[n("7.5"), n("0")]), n("0"));
    assert_eq!(ok("MROUND", &[NULL, n("0")]), NULL);
    assert_eq!(ok("CEILING", &[n("1.5"), n("0")]), n("0"));
    assert_eq!(ok("FLOOR", &[n("-3.7"), n("-2")]), n("-4"));
}

#[test]
fn parity() {
    assert_eq!(ok("ISODD", &[n("-3")]), TRUE);
    assert_eq!(err("ISODD", &[t("1")]), Type);
}

#[test]
fn range_cases() {
    let ns = |xs: &[&str]| l(&xs.iter().map(|x| n(x)).collect::<Vec<_>>());
    assert_eq!(
        ok("RANGE", &[n("1"), n("5")]),
        ns(&["1", "2", "3", "4", "5"])
    );
    assert_eq!(ok("RANGE", &[NULL, n("3")]), NULL);
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
    assert_eq!(err("RANDOM", &[n("0.2"), n("0.8")]), Argument);
    assert_eq!(err("RANDOM", &[n("1"), NULL]), Argument);
    assert_eq!(err("RANDOM", &[t("1"), n("2")]), Type);
    assert!(crate::builtins::spec(crate::builtins::lookup("RANDOM").unwrap()).volatile);
}
