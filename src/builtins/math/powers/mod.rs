//! Powers and logarithms (functions-time-math.md §5.5): POWER, SQRT, SQRTPI,
//! EXP, LN and LOG. `POWER` with a whole exponent is exact decimal arithmetic
//! (a negative exponent divides, to the precision of `/`); everything else is
//! real analysis, rounded to 15 significant digits ([`super::real`]).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::real;
use crate::builtins::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::number::plain;
use crate::value::Value;

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "POWER",
        M,
        &[sig!(power(base: Decimal, exponent: Decimal) -> NUMBER)],
        "base raised to exponent (exact for a whole exponent)",
    ),
    FunctionSpec::new(
        "SQRT",
        M,
        &[sig!(sqrt(value: Decimal) -> NUMBER)],
        "the square root (15 significant digits)",
    ),
    FunctionSpec::new(
        "SQRTPI",
        M,
        &[sig!(sqrtpi(value: Decimal) -> NUMBER)],
        "the square root of value × π (15 significant digits)",
    ),
    FunctionSpec::new(
        "EXP",
        M,
        &[sig!(exp(value: Decimal) -> NUMBER)],
        "e raised to value (15 significant digits)",
    ),
    FunctionSpec::new(
        "LN",
        M,
        &[sig!(ln(value: Decimal) -> NUMBER)],
        "the natural logarithm (15 significant digits)",
    ),
    FunctionSpec::new(
        "LOG",
        M,
        &[sig!(log(value: Decimal, base: Option<Decimal>) -> NUMBER)],
        "the logarithm to base, 10 by default (15 significant digits)",
    ),
];

/// The `ArithmeticError` of a zero raised to a negative power.
fn division_by_zero(cx: &CallCtx<'_>) -> Error {
    Error::arithmetic(format!(
        "{}: division by zero (0 raised to a negative power)",
        cx.name()
    ))
}

fn power(cx: &CallCtx<'_>, base: Decimal, exponent: Decimal) -> Result<Value> {
    if exponent.fract().is_zero() {
        return whole_power(cx, base, exponent);
    }
    if base.is_zero() {
        return if exponent.is_sign_negative() {
            Err(division_by_zero(cx))
        } else {
            Ok(Value::from(0))
        };
    }
    if base.is_sign_negative() {
        return Err(cx.domain_error(
            0,
            format!(
                "must not be negative when the exponent has a fraction, got {}",
                plain(base)
            ),
        ));
    }
    real::result(cx, real::to_f64(base).powf(real::to_f64(exponent)))
}

/// `base^exponent` for a whole exponent, exactly (to the precision of `/`
/// for a negative exponent). `0^0` is 1.
fn whole_power(cx: &CallCtx<'_>, base: Decimal, exponent: Decimal) -> Result<Value> {
    // A Decimal's magnitude is below 2^96: it fits.
    let n = exponent.abs().to_u128().unwrap_or(u128::MAX);
    if n == 0 {
        return Ok(Value::from(1));
    }
    if base.is_zero() {
        return if exponent.is_sign_negative() {
            Err(division_by_zero(cx))
        } else {
            Ok(Value::from(0))
        };
    }
    let magnitude = if exponent.is_sign_negative() {
        reciprocal_power(base.abs(), n)
    } else {
        power_of(base.abs(), n)
    };
    let magnitude = magnitude.ok_or_else(|| cx.overflow())?.normalize();
    let negative = base.is_sign_negative() && n % 2 == 1;
    cx.checked(if negative { -magnitude } else { magnitude })
}

/// `x^n` for `x > 0`, `n >= 1`, by squaring: at most 2 · 96 multiplications
/// whatever `n`. Each product is exact while its digits fit a Number (so an
/// exactly representable power is exact) and rounds at 28 decimal places
/// otherwise. `None` when a needed square or product passes the range of
/// Decimal; for `x > 1` those are never above the result, for `x < 1` they
/// shrink and never overflow.
fn power_of(x: Decimal, mut n: u128) -> Option<Decimal> {
    let mut acc = Decimal::ONE;
    let mut square = x;
    loop {
        if n & 1 == 1 {
            acc = acc.checked_mul(square)?;
        }
        n >>= 1;
        if n == 0 || acc.is_zero() {
            return Some(acc);
        }
        square = square.checked_mul(square)?;
        if square.is_zero() {
            // The highest bit of n is still to come: the result underflows.
            return Some(Decimal::ZERO);
        }
    }
}

/// `1 / x^n` for `x > 0`, `n >= 1`, with one division at the precision of `/`.
fn reciprocal_power(x: Decimal, n: u128) -> Option<Decimal> {
    if x >= Decimal::ONE {
        // x^n >= 1 keeps its leading digits; past the range of Decimal
        // (about 7.9 · 10^28) the reciprocal is below 1.3 · 10^-29: 0.
        return match power_of(x, n) {
            Some(p) => Decimal::ONE.checked_div(p),
            None => Some(Decimal::ZERO),
        };
    }
    // x = m / 10^s with m < 10^s, so 1 / x^n = 10^(s·n) / m^n: when
    // 10^(s·n) is a Number, m^n (smaller) is too, and one division remains.
    let x = x.normalize();
    let s = u128::from(x.scale());
    let m = Decimal::from_i128_with_scale(x.mantissa(), 0);
    match s.checked_mul(n).and_then(|sn| u32::try_from(sn).ok()) {
        Some(sn) if sn <= 28 => {
            let top = Decimal::from_i128_with_scale(10i128.checked_pow(sn)?, 0);
            top.checked_div(power_of(m, n)?)
        }
        // Then the result is large: 1 / x (rounded to 28 digits) raised to n
        // keeps the leading digits, and overflows when it must.
        _ => power_of(Decimal::ONE.checked_div(x)?, n),
    }
}

/// An `ArgumentError` unless `x` is 0 or more.
fn non_negative(cx: &CallCtx<'_>, i: usize, x: Decimal) -> Result<f64> {
    if x.is_sign_negative() && !x.is_zero() {
        return Err(cx.domain_error(i, format!("must be 0 or more, got {}", plain(x))));
    }
    Ok(real::to_f64(x))
}

/// An `ArgumentError` unless `x` is above 0.
fn positive(cx: &CallCtx<'_>, i: usize, x: Decimal) -> Result<f64> {
    if x.is_sign_negative() || x.is_zero() {
        return Err(cx.domain_error(i, format!("must be above 0, got {}", plain(x))));
    }
    Ok(real::to_f64(x))
}

fn sqrt(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    let x = non_negative(cx, 0, x)?;
    real::result(cx, x.sqrt())
}

fn sqrtpi(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    let x = non_negative(cx, 0, x)?;
    real::result(cx, (x * std::f64::consts::PI).sqrt())
}

fn exp(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    real::apply(cx, x, f64::exp)
}

fn ln(cx: &CallCtx<'_>, x: Decimal) -> Result<Value> {
    let x = positive(cx, 0, x)?;
    real::result(cx, x.ln())
}

fn log(cx: &CallCtx<'_>, x: Decimal, base: Option<Decimal>) -> Result<Value> {
    let x = positive(cx, 0, x)?;
    let ten = Decimal::TEN;
    let base = base.unwrap_or(ten);
    let b = positive(cx, 1, base)?;
    if base == Decimal::ONE {
        return Err(Error::arithmetic(format!(
            "{}: a logarithm to base 1 divides by ln 1 = 0",
            cx.name()
        ))
        .at_arg(1));
    }
    if base == ten {
        return real::result(cx, x.log10());
    }
    real::result(cx, x.ln() / b.ln())
}

#[cfg(test)]
mod tests;
