use proptest::prelude::*;

use super::*;
use crate::builtins::args::testing::{call, err, n, t, NULL};
use crate::builtins::math::testing::{digits, ok, TRUE};
use crate::error::ErrorKind::{Argument, Arithmetic, Type};

fn pow(base: &str, exponent: &str) -> String {
    digits("POWER", &[n(base), n(exponent)])
}

fn pow_err(base: &str, exponent: &str) -> crate::error::ErrorKind {
    err("POWER", &[n(base), n(exponent)])
}

#[test]
fn power_whole_exponents_are_exact() {
    assert_eq!(pow("2", "10"), "1024");
    assert_eq!(pow("1.1", "2"), "1.21");
    assert_eq!(pow("-2", "3"), "-8");
    assert_eq!(pow("-2", "4"), "16");
    assert_eq!(pow("0.5", "3"), "0.125");
    assert_eq!(pow("1.5", "2.0"), "2.25");
    assert_eq!(pow("10", "27"), "1000000000000000000000000000");
    assert_eq!(pow("-10", "27"), "-1000000000000000000000000000");
    assert_eq!(pow("2", "93"), "9903520314283042199192993792");
    assert_eq!(pow("1.01", "10"), "1.10462212541120451001");
    assert_eq!(pow("7", "1"), "7");
    assert_eq!(pow("123.456", "0"), "1");
    assert_eq!(pow("0", "0"), "1");
    assert_eq!(pow("0", "5"), "0");
    assert_eq!(pow("0.1", "28"), "0.0000000000000000000000000001");
    // Below 10^-28: 0, like the rest of the arithmetic.
    assert_eq!(pow("0.1", "29"), "0");
    assert_eq!(pow("0.5", "1000"), "0");
}

#[test]
fn power_negative_exponents_divide() {
    assert_eq!(pow("2", "-2"), "0.25");
    assert_eq!(pow("-2", "-3"), "-0.125");
    assert_eq!(pow("10", "-3"), "0.001");
    assert_eq!(pow("0.5", "-2"), "4");
    assert_eq!(pow("0.25", "-3"), "64");
    assert_eq!(pow("0.2", "-1"), "5");
    // To the precision of `/`: the same digits as 1 / 3 and 100 / 9.
    assert_eq!(
        pow("3", "-1"),
        (Decimal::ONE / Decimal::from(3)).to_string()
    );
    assert_eq!(
        pow("0.3", "-2"),
        (Decimal::from(100) / Decimal::from(9)).to_string()
    );
    assert_eq!(
        pow("1.1", "-2"),
        (Decimal::ONE / "1.21".parse::<Decimal>().unwrap_or_default()).to_string()
    );
    assert_eq!(pow("10", "-28"), "0.0000000000000000000000000001");
    assert_eq!(pow("10", "-29"), "0");
    assert_eq!(pow("2", "-1000"), "0");
    assert_eq!(pow("1", "-1000000000000000000000000000"), "1");
    assert_eq!(pow("-1", "-999999999999999999999999999"), "-1");
    // 0.1^-27 is 10^27; 0.1^-28 is 10^28, out of range.
    assert_eq!(pow("0.1", "-27"), "1000000000000000000000000000");
    assert_eq!(pow_err("0.1", "-28"), Arithmetic);
    assert_eq!(pow_err("0.01", "-15"), Arithmetic);
    // A base just below 1: its leading digits survive.
    let just_below = "0.9999999999999999999999999999";
    let r: Decimal = pow(just_below, "-2").parse().unwrap_or_default();
    assert!(r > Decimal::ONE && r < "1.0000000000000000000000000003".parse().unwrap_or_default());
    let r: Decimal = pow("0.3", "-50").parse().unwrap_or_default();
    // 10^50 / 3^50 = 139295556909853834633644234.46…, to about 26 digits.
    let exact: Decimal = "139295556909853834633644234.46".parse().unwrap_or_default();
    assert!((r - exact).abs() < Decimal::from(100), "{r}");
}

#[test]
fn power_overflow_and_errors() {
    assert_eq!(pow_err("10", "28"), Arithmetic);
    assert_eq!(pow_err("2", "100"), Arithmetic);
    assert_eq!(pow_err("-2", "99"), Arithmetic);
    // Huge whole exponents neither loop nor hang.
    assert_eq!(pow_err("2", "9999999999999999999999999999"), Arithmetic);
    // (1 + 10^-28)^(10^28 - 1) is about e, and takes about 190 multiplications.
    let e = pow(
        "1.0000000000000000000000000001",
        "9999999999999999999999999999",
    );
    assert!(e.starts_with("2.71828182845"), "{e}");
    let inv = pow(
        "1.0000000000000000000000000001",
        "-9999999999999999999999999999",
    );
    assert!(inv.starts_with("0.36787944117"), "{inv}");
    assert_eq!(pow("1", "9999999999999999999999999999"), "1");
    assert_eq!(pow("-1", "9999999999999999999999999999"), "-1");
    assert_eq!(pow("-1", "9999999999999999999999999998"), "1");
    assert_eq!(pow("0.5", "9999999999999999999999999999"), "0");
    assert_eq!(pow("0", "9999999999999999999999999999"), "0");
    assert_eq!(pow("2", "-9999999999999999999999999999"), "0");
    assert_eq!(pow_err("0.5", "-9999999999999999999999999999"), Arithmetic);
    assert_eq!(pow_err("0", "-1"), Arithmetic);
    assert_eq!(pow_err("0", "-0.5"), Arithmetic);
    assert_eq!(pow_err("-8", "0.5"), Argument);
    assert_eq!(pow_err("-8", "0.333"), Argument);
    assert_eq!(err("POWER", &[t("2"), n("2")]), Type);
    assert_eq!(err("POWER", &[n("2"), TRUE]), Type);
    assert_eq!(ok("POWER", &[NULL, n("2")]), NULL);
    assert_eq!(ok("POWER", &[n("2"), NULL]), NULL);
    assert_eq!(err("POWER", &[n("2")]), Argument);
}

#[test]
fn power_fractional_exponents_are_real() {
    assert_eq!(pow("4", "0.5"), "2");
    assert_eq!(pow("2", "0.5"), "1.4142135623731");
    assert_eq!(pow("8", "0.3333333333333333"), "2");
    assert_eq!(pow("4", "-0.5"), "0.5");
    assert_eq!(pow("0", "0.5"), "0");
    assert_eq!(pow("1E-20", "1.5"), "0");
    assert_eq!(pow_err("10", "28.5"), Arithmetic);
    assert_eq!(pow_err("1000", "1000.5"), Arithmetic);
}

#[test]
fn square_roots() {
    assert_eq!(digits("SQRT", &[n("16")]), "4");
    assert_eq!(digits("SQRT", &[n("0.25")]), "0.5");
    assert_eq!(digits("SQRT", &[n("2")]), "1.4142135623731");
    assert_eq!(digits("SQRT", &[n("0")]), "0");
    assert_eq!(digits("SQRT", &[n("-0")]), "0");
    assert_eq!(
        digits("SQRT", &[n("9999999999999999999999999999")]),
        "100000000000000"
    );
    assert_eq!(err("SQRT", &[n("-1")]), Argument);
    assert_eq!(
        err("SQRT", &[n("-0.0000000000000000000000000001")]),
        Argument
    );
    assert_eq!(err("SQRT", &[t("4")]), Type);
    assert_eq!(ok("SQRT", &[NULL]), NULL);
    assert_eq!(digits("SQRTPI", &[n("1")]), "1.77245385090552");
    assert_eq!(digits("SQRTPI", &[n("2")]), "2.506628274631");
    assert_eq!(digits("SQRTPI", &[n("0")]), "0");
    assert_eq!(err("SQRTPI", &[n("-1")]), Argument);
    let e = call("SQRT", &[n("-1")]).unwrap_err();
    assert_eq!(
        e.message(),
        "SQRT: argument 1 (value) must be 0 or more, got -1"
    );
}

#[test]
fn exponentials_and_logarithms() {
    assert_eq!(digits("EXP", &[n("0")]), "1");
    assert_eq!(digits("EXP", &[n("1")]), "2.71828182845905");
    assert_eq!(digits("EXP", &[n("-2")]), "0.135335283236613");
    assert_eq!(digits("EXP", &[n("64")]), "6235149080811620000000000000");
    assert_eq!(err("EXP", &[n("65")]), Arithmetic);
    assert_eq!(err("EXP", &[n("1000")]), Arithmetic);
    assert_eq!(digits("EXP", &[n("-1000")]), "0");
    assert_eq!(digits("EXP", &[n("-50")]), "0.000000000000000000000192875");
    assert_eq!(digits("LN", &[n("1")]), "0");
    assert_eq!(digits("LN", &[n("10")]), "2.30258509299405");
    assert_eq!(digits("LN", &[n("2.71828182845905")]), "1");
    assert_eq!(
        digits("LN", &[n("0.0000000000000000000000000001")]),
        "-64.4723826038333"
    );
    assert_eq!(err("LN", &[n("0")]), Argument);
    assert_eq!(err("LN", &[n("-1")]), Argument);
    assert_eq!(digits("LOG", &[n("100")]), "2");
    assert_eq!(digits("LOG", &[n("1000"), n("10")]), "3");
    assert_eq!(digits("LOG", &[n("1000"), NULL]), "3");
    assert_eq!(digits("LOG", &[n("8"), n("2")]), "3");
    assert_eq!(digits("LOG", &[n("2")]), "0.301029995663981");
    assert_eq!(digits("LOG", &[n("0.001")]), "-3");
    assert_eq!(digits("LOG", &[n("1"), n("7")]), "0");
    assert_eq!(digits("LOG", &[n("0.25"), n("0.5")]), "2");
    assert_eq!(err("LOG", &[n("0")]), Argument);
    assert_eq!(err("LOG", &[n("10"), n("0")]), Argument);
    assert_eq!(err("LOG", &[n("10"), n("-2")]), Argument);
    assert_eq!(err("LOG", &[n("10"), n("1")]), Arithmetic);
    assert_eq!(err("LOG", &[n("1"), n("1")]), Arithmetic);
    assert_eq!(err("LOG", &[n("10"), t("2")]), Type);
    assert_eq!(ok("LOG", &[NULL, n("2")]), NULL);
    // The value is checked before the base.
    assert_eq!(call("LOG", &[n("0"), n("1")]).unwrap_err().arg(), Some(0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A whole power of a small integer is the integer power.
    #[test]
    fn whole_powers_are_exact(base in -30i64..30, exponent in 0u32..18) {
        let want = i128::from(base).pow(exponent);
        let got = call("POWER", &[Value::from(base), Value::from(i64::from(exponent))]);
        if want.unsigned_abs() < 10u128.pow(28) {
            let Ok(Value::Number(d)) = got else { panic!("POWER({base}, {exponent}) failed") };
            prop_assert_eq!(d.to_string(), want.to_string());
        } else {
            prop_assert!(got.is_err());
        }
    }

    /// POWER(b, -k) is 1 / POWER(b, k) for bases of magnitude 1 or more.
    #[test]
    fn negative_exponents_are_reciprocals(base in 1i64..1000, exponent in 1i64..9) {
        let up = digits("POWER", &[Value::from(base), Value::from(exponent)]);
        let down = digits("POWER", &[Value::from(base), Value::from(-exponent)]);
        let up: Decimal = up.parse().unwrap_or_default();
        prop_assert_eq!(down, (Decimal::ONE / up).normalize().to_string());
    }
}
