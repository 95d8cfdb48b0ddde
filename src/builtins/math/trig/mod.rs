//! Circular and hyperbolic functions (functions-time-math.md §5.6, §5.7).
//! Angles are in radians. Each is real analysis rounded to 15 significant
//! digits ([`super::real`]); domains are checked on the exact argument first,
//! so no NaN ever appears, and a pole (`COT(0)`) is an `ArithmeticError`.

use std::f64::consts::{FRAC_PI_2, PI};

use rust_decimal::Decimal;

use super::real::{self, apply, to_f64};
use crate::builtins::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::number::plain;
use crate::value::Value;

const M: Category = Category::Math;

/// A table entry for a function of one Number.
macro_rules! unary {
    ($name:literal, $f:ident, $summary:literal) => {
        FunctionSpec::new($name, M, &[sig!($f(x: Decimal) -> NUMBER)], $summary)
    };
}

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "PI",
        M,
        &[sig!(pi() -> NUMBER)],
        "π to 15 significant digits",
    ),
    FunctionSpec::new(
        "DEGREES",
        M,
        &[sig!(degrees(angle: Decimal) -> NUMBER)],
        "an angle in radians converted to degrees",
    ),
    FunctionSpec::new(
        "RADIANS",
        M,
        &[sig!(radians(angle: Decimal) -> NUMBER)],
        "an angle in degrees converted to radians",
    ),
    unary!("SIN", sin, "the sine of an angle in radians"),
    unary!("COS", cos, "the cosine of an angle in radians"),
    unary!("TAN", tan, "the tangent of an angle in radians"),
    unary!("ASIN", asin, "the arcsine, in [−π/2, π/2]"),
    unary!("ACOS", acos, "the arccosine, in [0, π]"),
    unary!("ATAN", atan, "the arctangent, in (−π/2, π/2)"),
    FunctionSpec::new(
        "ATAN2",
        M,
        &[sig!(atan2(x: Decimal, y: Decimal) -> NUMBER)],
        "the angle of the point (x, y), in (−π, π] (x first)",
    ),
    unary!("SEC", sec, "the secant 1 / cos x"),
    unary!("CSC", csc, "the cosecant 1 / sin x"),
    unary!("COT", cot, "the cotangent 1 / tan x"),
    unary!("ACOT", acot, "the arccotangent π/2 − arctan x, in (0, π)"),
    unary!("SINH", sinh, "the hyperbolic sine"),
    unary!("COSH", cosh, "the hyperbolic cosine"),
    unary!("TANH", tanh, "the hyperbolic tangent"),
    unary!("ASINH", asinh, "the inverse hyperbolic sine"),
    unary!("ACOSH", acosh, "the inverse hyperbolic cosine, for x >= 1"),
    unary!(
        "ATANH",
        atanh,
        "the inverse hyperbolic tangent, for −1 < x < 1"
    ),
    unary!("SECH", sech, "the hyperbolic secant 1 / cosh x"),
    unary!("CSCH", csch, "the hyperbolic cosecant 1 / sinh x"),
    unary!("COTH", coth, "the hyperbolic cotangent 1 / tanh x"),
    unary!(
        "ACOTH",
        acoth,
        "the inverse hyperbolic cotangent, for |x| > 1"
    ),
];

fn pi(cx: &CallCtx<'_>) -> Result<Value> {
    real::result(cx, PI)
}

fn degrees(cx: &CallCtx<'_>, angle: Decimal) -> Result<Value> {
    apply(cx, angle, f64::to_degrees)
}

fn radians(cx: &CallCtx<'_>, angle: Decimal) -> Result<Value> {
    apply(cx, angle, f64::to_radians)
}

fn sin(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::sin)
}

fn cos(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::cos)
}

fn tan(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::tan)
}

/// An `ArgumentError` unless `lo <= x <= hi`.
fn within(cx: &CallCtx<'_>, x: Decimal, lo: i64, hi: i64) -> Result<()> {
    if x < Decimal::from(lo) || x > Decimal::from(hi) {
        return Err(cx.domain_error(
            0,
            format!("must be between {lo} and {hi}, got {}", plain(x)),
        ));
    }
    Ok(())
}

fn asin(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    within(cx, x, -1, 1)?;
    apply(cx, x, f64::asin)
}

fn acos(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    within(cx, x, -1, 1)?;
    apply(cx, x, f64::acos)
}

fn atan(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::atan)
}

fn atan2(cx: &CallCtx<'_>, x: Decimal, y: Decimal) -> Result<Value> {
    if x.is_zero() && y.is_zero() {
        return Err(Error::arithmetic(format!(
            "{}: the point (0, 0) has no angle",
            cx.name()
        )));
    }
    real::result(cx, to_f64(y).atan2(to_f64(x)))
}

/// `1 / f(x)`; a zero `f(x)` (only at `x = 0` for the functions used) is a
/// pole: an `ArithmeticError`. An infinite `f(x)` gives 0.
fn reciprocal(cx: &CallCtx<'_>, x: Decimal, f: fn(f64) -> f64) -> Result<Value> {
    let d = f(to_f64(x));
    if d == 0.0 {
        return Err(Error::arithmetic(format!(
            "{}: division by zero (the function has a pole at {})",
            cx.name(),
            plain(x)
        )));
    }
    real::result(cx, 1.0 / d)
}

fn sec(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::cos)
}

fn csc(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::sin)
}

fn cot(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::tan)
}

fn acot(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, |x| FRAC_PI_2 - x.atan())
}

fn sinh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::sinh)
}

fn cosh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::cosh)
}

fn tanh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::tanh)
}

fn asinh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    apply(cx, x, f64::asinh)
}

fn acosh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    if x < Decimal::ONE {
        return Err(cx.domain_error(0, format!("must be 1 or more, got {}", plain(x))));
    }
    apply(cx, x, f64::acosh)
}

fn atanh(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    if x.abs() >= Decimal::ONE {
        return Err(cx.domain_error(
            0,
            format!("must be strictly between -1 and 1, got {}", plain(x)),
        ));
    }
    apply(cx, x, f64::atanh)
}

fn sech(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::cosh)
}

fn csch(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::sinh)
}

fn coth(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    reciprocal(cx, x, f64::tanh)
}

fn acoth(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    if x.abs() <= Decimal::ONE {
        return Err(cx.domain_error(0, format!("must be below -1 or above 1, got {}", plain(x))));
    }
    // ½ ln((x + 1) / (x − 1)) is artanh(1 / x), which keeps its digits for a large x.
    apply(cx, x, |x| x.recip().atanh())
}

#[cfg(test)]
mod tests;
