use crate::builtins::args::testing::{call, err, n, t, NULL};
use crate::builtins::math::testing::{digits, ok, TRUE};
use crate::error::ErrorKind::{Argument, Arithmetic, Type};

fn d(f: &str, x: &str) -> String {
    digits(f, &[n(x)])
}

fn e(f: &str, x: &str) -> crate::error::ErrorKind {
    err(f, &[n(x)])
}

const PI_15: &str = "3.14159265358979";

#[test]
fn pi_degrees_radians() {
    assert_eq!(digits("PI", &[]), PI_15);
    assert_eq!(err("PI", &[n("1")]), Argument);
    assert_eq!(d("DEGREES", PI_15), "180");
    assert_eq!(d("DEGREES", "1"), "57.2957795130823");
    assert_eq!(d("DEGREES", "0"), "0");
    assert_eq!(d("DEGREES", "-0"), "0");
    assert_eq!(e("DEGREES", "1000000000000000000000000000"), Arithmetic);
    assert_eq!(d("RADIANS", "180"), PI_15);
    assert_eq!(d("RADIANS", "-45"), "-0.785398163397448");
    assert_eq!(d("RADIANS", "360"), "6.28318530717959");
    assert_eq!(err("DEGREES", &[t("1")]), Type);
    assert_eq!(ok("RADIANS", &[NULL]), NULL);
}

#[test]
fn sine_cosine_tangent() {
    assert_eq!(d("SIN", "0"), "0");
    assert_eq!(d("SIN", "1"), "0.841470984807897");
    assert_eq!(d("SIN", "1.570796326794895"), "1");
    assert_eq!(d("SIN", PI_15), "0.0000000000000032310891488652");
    assert_eq!(d("COS", "0"), "1");
    assert_eq!(d("COS", PI_15), "-1");
    assert_eq!(d("TAN", "0"), "0");
    assert_eq!(d("TAN", "1"), "1.5574077246549");
    // π/4 to 15 digits is a hair below π/4 (hence ROUND(TAN(PI() / 4), 10)).
    assert_eq!(d("TAN", "0.785398163397448"), "0.999999999999999");
    // Large arguments are reduced exactly by the library.
    assert_eq!(d("SIN", "1000000000000000000000"), "-0.667120177071805");
    assert_eq!(err("SIN", &[t("1")]), Type);
    assert_eq!(err("COS", &[TRUE]), Type);
    assert_eq!(ok("TAN", &[NULL]), NULL);
}

#[test]
fn inverse_circular() {
    assert_eq!(d("ASIN", "1"), "1.5707963267949");
    assert_eq!(d("ASIN", "-1"), "-1.5707963267949");
    assert_eq!(d("ASIN", "0"), "0");
    assert_eq!(e("ASIN", "2"), Argument);
    assert_eq!(e("ASIN", "1.0000000000000000000000000001"), Argument);
    assert_eq!(e("ASIN", "-1.0000000000000000000000000001"), Argument);
    assert_eq!(d("ACOS", "1"), "0");
    assert_eq!(d("ACOS", "-1"), PI_15);
    assert_eq!(e("ACOS", "-1.5"), Argument);
    assert_eq!(d("ATAN", "1"), "0.785398163397448");
    assert_eq!(d("ATAN", "-1"), "-0.785398163397448");
    assert_eq!(d("ATAN", "9999999999999999999999999999"), "1.5707963267949");
    let e = call("ASIN", &[n("2")]).unwrap_err();
    assert_eq!(
        e.message(),
        "ASIN: argument 1 (x) must be between -1 and 1, got 2"
    );
}

#[test]
fn atan2_takes_x_first() {
    let a = |x: &str, y: &str| digits("ATAN2", &[n(x), n(y)]);
    assert_eq!(a("1", "1"), "0.785398163397448");
    assert_eq!(a("-1", "0"), PI_15);
    assert_eq!(a("-1", "-0"), PI_15);
    assert_eq!(a("0", "1"), "1.5707963267949");
    assert_eq!(a("0", "-1"), "-1.5707963267949");
    assert_eq!(a("1", "0"), "0");
    assert_eq!(a("-1", "-1"), "-2.35619449019234");
    assert_eq!(err("ATAN2", &[n("0"), n("0")]), Arithmetic);
    assert_eq!(err("ATAN2", &[n("-0"), n("0")]), Arithmetic);
    assert_eq!(err("ATAN2", &[n("0"), t("1")]), Type);
    assert_eq!(ok("ATAN2", &[NULL, n("0")]), NULL);
    assert_eq!(err("ATAN2", &[n("1")]), Argument);
}

#[test]
fn reciprocal_circular() {
    assert_eq!(d("SEC", "0"), "1");
    assert_eq!(d("SEC", "1"), "1.85081571768093");
    assert_eq!(d("SEC", PI_15), "-1");
    assert_eq!(d("CSC", "1"), "1.18839510577812");
    assert_eq!(e("CSC", "0"), Arithmetic);
    assert_eq!(d("COT", "1"), "0.642092615934331");
    assert_eq!(e("COT", "0"), Arithmetic);
    assert_eq!(e("COT", "-0"), Arithmetic);
    // Near a pole, large but finite.
    assert_eq!(
        d("CSC", "0.000000000000000000000000001"),
        "1000000000000000000000000000"
    );
    assert_eq!(e("CSC", "0.0000000000000000000000000001"), Arithmetic);
    assert_eq!(d("ACOT", "1"), "0.785398163397448");
    assert_eq!(d("ACOT", "-1"), "2.35619449019234");
    assert_eq!(d("ACOT", "0"), "1.5707963267949");
}

#[test]
fn hyperbolic() {
    assert_eq!(d("SINH", "0"), "0");
    assert_eq!(d("SINH", "1"), "1.1752011936438");
    assert_eq!(d("SINH", "-1"), "-1.1752011936438");
    assert_eq!(d("COSH", "0"), "1");
    assert_eq!(d("COSH", "1"), "1.54308063481524");
    assert_eq!(d("COSH", "64"), "3117574540405810000000000000");
    assert_eq!(d("COSH", "65"), "8474446222051670000000000000");
    assert_eq!(e("COSH", "66"), Arithmetic);
    assert_eq!(e("COSH", "1000"), Arithmetic);
    assert_eq!(e("SINH", "-1000"), Arithmetic);
    assert_eq!(d("TANH", "0"), "0");
    assert_eq!(d("TANH", "0.5"), "0.46211715726001");
    assert_eq!(d("TANH", "50"), "1");
    assert_eq!(d("TANH", "-50"), "-1");
    assert_eq!(d("ASINH", "1"), "0.881373587019543");
    assert_eq!(d("ASINH", "-2.5"), "-1.6472311463711");
    assert_eq!(d("ACOSH", "1"), "0");
    assert_eq!(d("ACOSH", "10"), "2.99322284612638");
    assert_eq!(e("ACOSH", "0.5"), Argument);
    assert_eq!(e("ACOSH", "0.9999999999999999999999999999"), Argument);
    assert_eq!(d("ATANH", "0.5"), "0.549306144334055");
    assert_eq!(d("ATANH", "0"), "0");
    assert_eq!(e("ATANH", "1"), Argument);
    assert_eq!(e("ATANH", "-1"), Argument);
    // In the domain, but the nearest double is 1: the result is infinite.
    assert_eq!(e("ATANH", "0.99999999999999999999"), Arithmetic);
}

#[test]
fn reciprocal_hyperbolic() {
    assert_eq!(d("SECH", "0"), "1");
    assert_eq!(d("SECH", "1"), "0.648054273663885");
    assert_eq!(d("SECH", "1000"), "0");
    assert_eq!(d("SECH", "-1000"), "0");
    assert_eq!(d("CSCH", "1"), "0.850918128239322");
    assert_eq!(d("CSCH", "2"), "0.275720564771783");
    assert_eq!(d("CSCH", "1000"), "0");
    assert_eq!(d("CSCH", "-1000"), "0");
    assert_eq!(e("CSCH", "0"), Arithmetic);
    assert_eq!(d("COTH", "1"), "1.31303528549933");
    assert_eq!(d("COTH", "1000"), "1");
    assert_eq!(e("COTH", "0"), Arithmetic);
    assert_eq!(d("ACOTH", "2"), "0.549306144334055");
    assert_eq!(d("ACOTH", "-2"), "-0.549306144334055");
    assert_eq!(
        d("ACOTH", "9999999999999999999999999999"),
        "0.0000000000000000000000000001"
    );
    assert_eq!(e("ACOTH", "1"), Argument);
    assert_eq!(e("ACOTH", "-1"), Argument);
    assert_eq!(e("ACOTH", "0.5"), Argument);
    assert_eq!(e("ACOTH", "0"), Argument);
    assert_eq!(err("ACOTH", &[t("2")]), Type);
    assert_eq!(ok("SECH", &[NULL]), NULL);
}

#[test]
fn no_result_is_negative_zero_or_has_trailing_zeros() {
    for f in [
        "SIN", "TAN", "ATAN", "SINH", "TANH", "ASINH", "DEGREES", "RADIANS",
    ] {
        let v = crate::builtins::math::testing::num(f, &[n("-0")]);
        assert!(v.is_zero() && !v.is_sign_negative(), "{f}(-0) is {v}");
        assert_eq!(v.to_string(), "0");
    }
    for f in ["SIN", "COS", "TAN", "SINH", "COSH", "TANH", "SECH"] {
        for x in ["0.1", "1", "2.5", "-3"] {
            let v = crate::builtins::math::testing::num(f, &[n(x)]);
            assert_eq!(v, v.normalize(), "{f}({x}) is stored as {v}");
        }
    }
}
