use proptest::prelude::*;

use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::builtins::math::testing::{digits, ok, TRUE};
use crate::error::ErrorKind::{Argument, Arithmetic, Type};

fn big(s: &str) -> Value {
    n(s)
}

#[test]
fn fact_cases() {
    assert_eq!(digits("FACT", &[n("5")]), "120");
    assert_eq!(digits("FACT", &[n("0")]), "1");
    assert_eq!(digits("FACT", &[n("1")]), "1");
    assert_eq!(digits("FACT", &[n("1.9")]), "1");
    assert_eq!(digits("FACT", &[n("-0.5")]), "1");
    assert_eq!(digits("FACT", &[n("20")]), "2432902008176640000");
    assert_eq!(digits("FACT", &[n("26")]), "403291461126605635584000000");
    assert_eq!(digits("FACT", &[n("26.99")]), "403291461126605635584000000");
    assert_eq!(err("FACT", &[n("27")]), Arithmetic);
    assert_eq!(err("FACT", &[n("30")]), Arithmetic);
    // Fails at once, whatever the size.
    assert_eq!(err("FACT", &[n("100000000000000000000")]), Arithmetic);
    assert_eq!(err("FACT", &[Value::Number(Decimal::MAX)]), Arithmetic);
    assert_eq!(err("FACT", &[n("-1")]), Argument);
    assert_eq!(err("FACT", &[Value::Number(Decimal::MIN)]), Argument);
    assert_eq!(err("FACT", &[t("5")]), Type);
    assert_eq!(err("FACT", &[TRUE]), Type);
    assert_eq!(ok("FACT", &[NULL]), NULL);
    assert_eq!(err("FACT", &[]), Argument);
    let e = call("FACT", &[n("-1")]).unwrap_err();
    assert_eq!(
        e.message(),
        "FACT: argument 1 (n) must be 0 or more, got -1"
    );
}

#[test]
fn factdouble_cases() {
    assert_eq!(digits("FACTDOUBLE", &[n("6")]), "48");
    assert_eq!(digits("FACTDOUBLE", &[n("7")]), "105");
    assert_eq!(digits("FACTDOUBLE", &[n("0")]), "1");
    assert_eq!(digits("FACTDOUBLE", &[n("1")]), "1");
    assert_eq!(digits("FACTDOUBLE", &[n("2")]), "2");
    assert_eq!(digits("FACTDOUBLE", &[n("7.8")]), "105");
    // 44!! and 43!! are below 10^28; 46!! and 45!! are not.
    assert_eq!(
        digits("FACTDOUBLE", &[n("40")]),
        "2551082656125828464640000"
    );
    assert_eq!(
        digits("FACTDOUBLE", &[n("44")]),
        "4714400748520531002654720000"
    );
    assert_eq!(
        digits("FACTDOUBLE", &[n("43")]),
        "563862029680583509947946875"
    );
    assert_eq!(err("FACTDOUBLE", &[n("45")]), Arithmetic);
    assert_eq!(err("FACTDOUBLE", &[n("46")]), Arithmetic);
    assert_eq!(
        err("FACTDOUBLE", &[big("9999999999999999999999999999")]),
        Arithmetic
    );
    assert_eq!(err("FACTDOUBLE", &[n("-2")]), Argument);
    assert_eq!(err("FACTDOUBLE", &[t("6")]), Type);
    assert_eq!(ok("FACTDOUBLE", &[NULL]), NULL);
}

#[test]
fn combin_cases() {
    assert_eq!(digits("COMBIN", &[n("8"), n("2")]), "28");
    assert_eq!(digits("COMBIN", &[n("5"), n("5")]), "1");
    assert_eq!(digits("COMBIN", &[n("5"), n("0")]), "1");
    assert_eq!(digits("COMBIN", &[n("0"), n("0")]), "1");
    assert_eq!(digits("COMBIN", &[n("8.9"), n("2.1")]), "28");
    assert_eq!(digits("COMBIN", &[n("50"), n("25")]), "126410606437752");
    assert_eq!(
        digits("COMBIN", &[n("100"), n("20")]),
        "535983370403809682970"
    );
    // A huge n with a small k (or n - k) is exact.
    assert_eq!(
        digits("COMBIN", &[big("100000000000000000000"), n("1")]),
        "100000000000000000000"
    );
    assert_eq!(
        digits("COMBIN", &[big("100000000000000"), n("2")]),
        "4999999999999950000000000000"
    );
    assert_eq!(
        digits(
            "COMBIN",
            &[
                big("9999999999999999999999999999"),
                big("9999999999999999999999999998")
            ]
        ),
        "9999999999999999999999999999"
    );
    assert_eq!(
        digits(
            "COMBIN",
            &[
                big("9999999999999999999999999999"),
                big("9999999999999999999999999999")
            ]
        ),
        "1"
    );
    assert_eq!(err("COMBIN", &[big("100000000000000"), n("3")]), Arithmetic);
    assert_eq!(err("COMBIN", &[n("100"), n("50")]), Arithmetic);
    // Half of a huge n: fails within a few steps.
    assert_eq!(
        err(
            "COMBIN",
            &[
                big("9999999999999999999999999999"),
                big("5000000000000000000000000000")
            ]
        ),
        Arithmetic
    );
    assert_eq!(err("COMBIN", &[n("2"), n("3")]), Argument);
    assert_eq!(err("COMBIN", &[n("-1"), n("0")]), Argument);
    assert_eq!(err("COMBIN", &[n("5"), n("-1")]), Argument);
    assert_eq!(
        call("COMBIN", &[n("2"), n("3")]).unwrap_err().arg(),
        Some(1)
    );
    assert_eq!(err("COMBIN", &[n("5"), t("2")]), Type);
    assert_eq!(ok("COMBIN", &[NULL, n("2")]), NULL);
    assert_eq!(ok("COMBIN", &[n("5"), NULL]), NULL);
}

#[test]
fn combina_cases() {
    assert_eq!(digits("COMBINA", &[n("4"), n("3")]), "20");
    assert_eq!(digits("COMBINA", &[n("0"), n("0")]), "1");
    assert_eq!(digits("COMBINA", &[n("0"), n("5")]), "0");
    assert_eq!(digits("COMBINA", &[n("3"), n("0")]), "1");
    assert_eq!(digits("COMBINA", &[n("1"), n("1000000")]), "1");
    assert_eq!(digits("COMBINA", &[n("10"), n("3.7")]), "220");
    assert_eq!(
        digits("COMBINA", &[big("1000000000000000000000"), n("1")]),
        "1000000000000000000000"
    );
    assert_eq!(
        err(
            "COMBINA",
            &[
                big("9999999999999999999999999999"),
                big("9999999999999999999999999999")
            ]
        ),
        Arithmetic
    );
    assert_eq!(err("COMBINA", &[n("-1"), n("2")]), Argument);
    assert_eq!(err("COMBINA", &[n("2"), n("-1")]), Argument);
    assert_eq!(err("COMBINA", &[TRUE, n("1")]), Type);
    assert_eq!(ok("COMBINA", &[n("2"), NULL]), NULL);
}

#[test]
fn gcd_cases() {
    assert_eq!(digits("GCD", &[n("24"), n("36")]), "12");
    assert_eq!(digits("GCD", &[l(&[n("12"), n("18"), n("24")])]), "6");
    assert_eq!(digits("GCD", &[n("7"), n("1")]), "1");
    assert_eq!(digits("GCD", &[n("0"), n("0")]), "0");
    assert_eq!(digits("GCD", &[n("0"), n("9")]), "9");
    assert_eq!(digits("GCD", &[n("5")]), "5");
    assert_eq!(digits("GCD", &[n("24.9"), n("36.1")]), "12");
    assert_eq!(
        digits("GCD", &[l(&[n("12"), NULL, l(&[n("18")])]), NULL]),
        "6"
    );
    // Huge numbers: exact.
    assert_eq!(
        digits(
            "GCD",
            &[
                big("9999999999999999999999999999"),
                big("3333333333333333333333333333")
            ]
        ),
        "3333333333333333333333333333"
    );
    assert_eq!(
        digits(
            "GCD",
            &[
                big("7922816251426433759354395033"),
                big("4951760157141521099596496896")
            ]
        ),
        "1"
    );
    assert_eq!(err("GCD", &[n("-1"), n("2")]), Argument);
    assert_eq!(
        call("GCD", &[n("4"), l(&[n("-2")])]).unwrap_err().arg(),
        Some(1)
    );
    assert_eq!(err("GCD", &[l(&[])]), Argument);
    assert_eq!(err("GCD", &[NULL]), Argument);
    assert_eq!(err("GCD", &[]), Argument);
    assert_eq!(err("GCD", &[n("4"), t("2")]), Type);
    assert_eq!(err("GCD", &[n("4"), TRUE]), Type);
}

#[test]
fn lcm_cases() {
    assert_eq!(digits("LCM", &[n("4"), n("6")]), "12");
    assert_eq!(digits("LCM", &[n("5"), n("0")]), "0");
    assert_eq!(digits("LCM", &[n("0"), n("0")]), "0");
    assert_eq!(digits("LCM", &[n("1.5"), n("2")]), "2");
    assert_eq!(digits("LCM", &[l(&[n("2"), n("3"), n("4"), n("5")])]), "60");
    assert_eq!(digits("LCM", &[n("7")]), "7");
    let p = big("1000000000000037"); // a prime; its square passes 10^28
    assert_eq!(err("LCM", &[p.clone(), big("999999999999989")]), Arithmetic);
    assert_eq!(
        digits("LCM", &[big("100000000000000"), big("99999999999999")]),
        "9999999999999900000000000000"
    );
    assert_eq!(
        err("LCM", &[big("100000000000000"), big("100000000000001")]),
        Arithmetic
    );
    // A zero anywhere makes 0, even after a product out of range.
    assert_eq!(
        digits("LCM", &[p.clone(), big("999999999999989"), n("0")]),
        "0"
    );
    assert_eq!(err("LCM", &[n("0"), n("-3")]), Argument);
    assert_eq!(err("LCM", &[l(&[])]), Argument);
    assert_eq!(err("LCM", &[p, t("x")]), Type);
}

#[test]
fn multinomial_cases() {
    assert_eq!(digits("MULTINOMIAL", &[n("2"), n("3"), n("4")]), "1260");
    assert_eq!(digits("MULTINOMIAL", &[l(&[n("1"), n("1"), n("1")])]), "6");
    assert_eq!(digits("MULTINOMIAL", &[n("0"), n("0")]), "1");
    assert_eq!(digits("MULTINOMIAL", &[n("5")]), "1");
    assert_eq!(digits("MULTINOMIAL", &[n("2.9"), n("3.1")]), "10");
    assert_eq!(
        digits("MULTINOMIAL", &[big("100000000000000000000"), n("1")]),
        "100000000000000000001"
    );
    assert_eq!(
        digits("MULTINOMIAL", &[big("9999999999999999999999999999")]),
        "1"
    );
    assert_eq!(
        err(
            "MULTINOMIAL",
            &[
                big("9999999999999999999999999999"),
                big("9999999999999999999999999999")
            ]
        ),
        Arithmetic
    );
    assert_eq!(err("MULTINOMIAL", &[l(&vec![n("1"); 30])]), Arithmetic);
    assert_eq!(
        digits("MULTINOMIAL", &[l(&vec![n("1"); 26])]),
        "403291461126605635584000000"
    );
    assert_eq!(err("MULTINOMIAL", &[n("1"), n("-1")]), Argument);
    assert_eq!(err("MULTINOMIAL", &[l(&[NULL])]), Argument);
    assert_eq!(err("MULTINOMIAL", &[n("1"), t("1")]), Type);
}

/// Euclid on small numbers, for the properties.
fn small_gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        small_gcd(b, a % b)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// GCD divides both numbers, and GCD · LCM = a · b.
    #[test]
    fn gcd_and_lcm(a in 0u64..1_000_000, b in 0u64..1_000_000) {
        let args = [Value::from(a as i64), Value::from(b as i64)];
        let g: u64 = digits("GCD", &args).parse().unwrap_or(u64::MAX);
        let m: u128 = digits("LCM", &args).parse().unwrap_or(u128::MAX);
        prop_assert_eq!(g, small_gcd(a, b));
        if g != 0 {
            prop_assert_eq!(a % g, 0);
            prop_assert_eq!(b % g, 0);
        }
        prop_assert_eq!(u128::from(g) * m, u128::from(a) * u128::from(b));
    }

    /// COMBIN(n, k) = COMBIN(n, n - k), and Pascal's rule holds.
    #[test]
    fn combin_symmetry_and_pascal(nn in 1u32..60, kk in 0u32..60) {
        let k = kk % (nn + 1);
        let c = |n: u32, k: u32| call("COMBIN", &[Value::from(i64::from(n)), Value::from(i64::from(k))]);
        let (a, b) = (c(nn, k), c(nn, nn - k));
        prop_assert_eq!(a.is_ok(), b.is_ok());
        if let (Ok(a), Ok(b)) = (&a, &b) {
            prop_assert_eq!(a, b);
        }
        if k >= 1 {
            if let (Ok(Value::Number(x)), Ok(Value::Number(y)), Ok(Value::Number(z))) = (c(nn, k), c(nn - 1, k - 1), c(nn - 1, k.min(nn - 1))) {
                let z = if k > nn - 1 { Decimal::ZERO } else { z };
                prop_assert_eq!(x, y + z);
            }
        }
    }
}
