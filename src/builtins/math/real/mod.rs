//! Real analysis on exact Numbers (functions-time-math.md §1.2): the functions
//! that need it (square roots, logarithms, circular and hyperbolic functions,
//! distances) take their arguments to the nearest IEEE-754 double, compute in
//! double precision, and bring the result back **rounded to 15 significant
//! digits**, half to even on the double's exact value, as C's `%.15g` does.
//! Small errors of the double computation vanish that way (`LN(EXP(1))` is 1)
//! and exactly representable results stay exact (the square root of 16 is 4).
//!
//! A result that is infinite, or whose rounded magnitude is `10^28` or more,
//! is an `ArithmeticError`; one below the smallest Number rounds to 0 (28
//! decimal places); `-0` is 0. Callers check their domains first, so NaN never
//! reaches [`result`] (if it did, it would be an `ArgumentError`).

use rust_decimal::Decimal;

use crate::builtins::CallCtx;
use crate::error::Result;
use crate::value::number;
use crate::value::Value;

/// The double nearest to `n` (correctly rounded, unlike a digit-by-digit
/// conversion); both zeros of a Number give `+0.0`.
pub fn to_f64(n: Decimal) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    // The plain decimal text always parses, and Rust's parser rounds exactly.
    number::plain(n).parse().unwrap_or(0.0)
}

/// `x` rounded to 15 significant digits as a Number without trailing zeros
/// (`-0` is 0; magnitudes below `10^-28` round to 0 at 28 decimal places).
/// `None` when `x` is infinite or NaN, or rounds to a magnitude of `10^28` or
/// more.
pub fn round15(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // `{:.14e}` writes 15 significant digits, rounded half to even on the
    // exact binary value: the digits of C's `%.15g`.
    let text = format!("{x:.14e}");
    number::parse_exact(&text).ok().flatten()
}

/// The Number result of a double computation, per §1.2.
pub fn result(cx: &CallCtx<'_>, x: f64) -> Result<Value> {
    if x.is_nan() {
        return Err(cx.argument_error("has no real result for these arguments"));
    }
    match round15(x) {
        Some(n) => cx.checked(n),
        None => Err(cx.overflow()),
    }
}

/// Applies `f` to the double nearest to `x` and rounds the result (§1.2).
pub fn apply(cx: &CallCtx<'_>, x: Decimal, f: fn(f64) -> f64) -> Result<Value> {
    result(cx, f(to_f64(x)))
}

#[cfg(test)]
mod tests;
