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

use std::fmt::Write;

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
    // Clinger's fast path: a mantissa below 2^53 and a power of ten up to
    // 10^22 are both exact doubles, so one division rounds correctly.
    let (m, scale) = (n.mantissa(), n.scale() as usize);
    if m.unsigned_abs() < 1 << 53 && scale < POW10.len() {
        return m as f64 / POW10[scale];
    }
    // The plain decimal text always parses, and Rust's parser rounds exactly.
    number::plain(n).parse().unwrap_or(0.0)
}

/// The powers of ten that are exact doubles.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x` rounded to 15 significant digits as a Number without trailing zeros
/// (`-0` is 0; magnitudes below `10^-28` round to 0 at 28 decimal places).
/// `None` when `x` is infinite or NaN, or rounds to a magnitude of `10^28` or
/// more.
pub fn round15(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // `{:.14e}` writes 15 significant digits, rounded half to even on the
    // exact binary value: the digits of C's `%.15g`. They fit on the stack.
    let mut buf = Digits::default();
    write!(buf, "{x:.14e}").ok()?;
    let text = buf.as_str();
    scaled(text).or_else(|| number::parse_exact(text).ok().flatten())
}

/// The Number of `{:.14e}` text (`-d.ddddddddddddddde-x`) when its value is
/// 15 digits times 10^k for -28 <= k <= 13, which is exact and in range;
/// `None` for the other exponents, which [`number::parse_exact`] handles.
fn scaled(text: &str) -> Option<Decimal> {
    let (mantissa, exp) = text.split_once('e')?;
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let mut m: i64 = 0;
    for b in mantissa.bytes().filter(|b| *b != b'.') {
        m = m
            .checked_mul(10)?
            .checked_add(i64::from(b.checked_sub(b'0')?))?;
    }
    let k = exp.parse::<i32>().ok()? - 14;
    if !(-28..=13).contains(&k) {
        return None;
    }
    let m = if negative { -m } else { m };
    let n = if k < 0 {
        Decimal::from_i128_with_scale(i128::from(m), k.unsigned_abs())
    } else {
        Decimal::from_i128_with_scale(i128::from(m) * 10i128.pow(k as u32), 0)
    };
    Some(n.normalize())
}

/// A small stack buffer for the digits of one double.
#[derive(Default)]
struct Digits {
    bytes: [u8; 32],
    len: usize,
}

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl std::fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
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
