//! Built-ins of the math category (functions-time-math.md §5). This file has
//! rounding, sign and tests, RANGE and RANDOM; each submodule has its own
//! table. All exact arithmetic is checked; a result of magnitude 10^28 or more
//! is an `ArithmeticError`.
//!
//! - [`aggregate`]: SUM, SUMSQ, PRODUCT, MAX, MIN (§5.3);
//! - [`counting`]: factorials, binomials, GCD and LCM (§5.4);
//! - [`powers`]: powers, roots and logarithms (§5.5);
//! - [`trig`]: circular and hyperbolic functions (§5.6, §5.7);
//! - [`geo`]: great-circle distances (§5.9);
//! - [`real`]: the double-precision rule of §1.2 they share (15 significant digits).

pub mod aggregate;
pub mod counting;
pub mod geo;
pub mod powers;
pub mod real;
pub mod trig;

pub use aggregate::for_each_item;

use rand::RngExt;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::args::{Nullable, Trunc};
use super::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "ABS",
        M,
        &[sig!(abs(value: Decimal) -> NUMBER)],
        "the magnitude of a number",
    ),
    FunctionSpec::new(
        "SIGN",
        M,
        &[sig!(sign(value: Decimal) -> NUMBER)],
        "-1, 0 or 1",
    ),
    FunctionSpec::new(
        "ROUND",
        M,
        &[sig!(round(value: Decimal, digits: Option<Trunc>) -> NUMBER)],
        "rounded to digits places, half away from zero",
    ),
    FunctionSpec::new(
        "ROUNDUP",
        M,
        &[sig!(roundup(value: Decimal, digits: Option<Trunc>) -> NUMBER)],
        "rounded away from zero to digits places",
    ),
    FunctionSpec::new(
        "ROUNDDOWN",
        M,
        &[sig!(rounddown(value: Decimal, digits: Option<Trunc>) -> NUMBER)],
        "rounded toward zero to digits places",
    ),
    FunctionSpec::new(
        "TRUNC",
        M,
        &[sig!(rounddown(value: Decimal, digits: Option<Trunc>) -> NUMBER)],
        "the digits after digits places dropped",
    ),
    FunctionSpec::new(
        "MROUND",
        M,
        &[sig!(mround(value: Decimal, multiple: Decimal) -> NUMBER)],
        "the nearest multiple of multiple, half away from zero",
    ),
    FunctionSpec::new(
        "CEILING",
        M,
        &[sig!(ceiling(value: Decimal, significance: Option<Decimal>) -> NUMBER)],
        "the smallest multiple of significance that is >= value",
    ),
    FunctionSpec::new(
        "FLOOR",
        M,
        &[sig!(floor(value: Decimal, significance: Option<Decimal>) -> NUMBER)],
        "the largest multiple of significance that is <= value",
    ),
    FunctionSpec::new(
        "EVEN",
        M,
        &[sig!(even(value: Decimal) -> NUMBER)],
        "rounded away from zero to an even integer",
    ),
    FunctionSpec::new(
        "ODD",
        M,
        &[sig!(odd(value: Decimal) -> NUMBER)],
        "rounded away from zero to an odd integer",
    ),
    FunctionSpec::new(
        "ISEVEN",
        M,
        &[sig!(iseven(value: Decimal) -> BOOLEAN)],
        "whether the value, fraction dropped, is even",
    ),
    FunctionSpec::new(
        "ISODD",
        M,
        &[sig!(isodd(value: Decimal) -> BOOLEAN)],
        "whether the value, fraction dropped, is odd",
    ),
    FunctionSpec::new(
        "ISNUMBER",
        M,
        &[sig!(isnumber(value: &Value) -> BOOLEAN)],
        "whether the value is a Number",
    ),
    FunctionSpec::new(
        "RANGE",
        M,
        &[sig!(range(start: Decimal, end: Decimal, step: Option<Decimal>) -> LIST)],
        "the numbers from start to end (included when reached) by step",
    ),
    FunctionSpec::new(
        "RANDOM",
        M,
        &[
            sig!(random_fraction() -> NUMBER),
            sig!(random_between(low: Nullable<Decimal>, high: Nullable<Decimal>) -> NUMBER),
        ],
        "a random number in [0, 1), or a random whole number in [low, high]",
    )
    .volatile(),
];

fn abs(_: &CallCtx<'_>, n: Decimal) -> Decimal {
    n.abs()
}

fn sign(_: &CallCtx<'_>, n: Decimal) -> i64 {
    if n.is_zero() {
        0
    } else if n.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// `10^k` for `0 <= k <= 28`.
fn pow10(k: u32) -> Option<Decimal> {
    (0..k).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(Decimal::TEN))
}

/// Rounds `n` to `digits` places (negative: tens, hundreds, ...) with `strategy`.
fn round_to(
    cx: &CallCtx<'_>,
    n: Decimal,
    digits: i64,
    strategy: RoundingStrategy,
) -> Result<Value> {
    if digits >= 0 {
        let dp = u32::try_from(digits.min(28)).unwrap_or(28);
        return cx.checked(n.round_dp_with_strategy(dp, strategy));
    }
    let k = digits.unsigned_abs();
    if k > 28 {
        // |n| < 10^29, so it rounds to 0 unless it must move away from zero,
        // to a multiple of 10^29 or more: out of range.
        let away = matches!(strategy, RoundingStrategy::AwayFromZero) && !n.is_zero();
        return if away {
            Err(cx.overflow())
        } else {
            Ok(Value::from(0))
        };
    }
    let scale = pow10(k as u32).ok_or_else(|| cx.overflow())?;
    let q = n.checked_div(scale).ok_or_else(|| cx.overflow())?;
    let r = q.round_dp_with_strategy(0, strategy);
    let out = r.checked_mul(scale).ok_or_else(|| cx.overflow())?;
    cx.checked(out)
}

fn round_fn(
    cx: &CallCtx<'_>,
    n: Decimal,
    digits: Option<Trunc>,
    s: RoundingStrategy,
) -> Result<Value> {
    round_to(cx, n, digits.map_or(0, |d| d.0), s)
}

fn round(cx: &CallCtx<'_>, n: Decimal, digits: Option<Trunc>) -> Result<Value> {
    round_fn(cx, n, digits, RoundingStrategy::MidpointAwayFromZero)
}

fn roundup(cx: &CallCtx<'_>, n: Decimal, digits: Option<Trunc>) -> Result<Value> {
    round_fn(cx, n, digits, RoundingStrategy::AwayFromZero)
}

fn rounddown(cx: &CallCtx<'_>, n: Decimal, digits: Option<Trunc>) -> Result<Value> {
    round_fn(cx, n, digits, RoundingStrategy::ToZero)
}

/// `value` rounded to a multiple of `step` (≠ 0) by `strategy`.
fn to_multiple(
    cx: &CallCtx<'_>,
    value: Decimal,
    step: Decimal,
    strategy: RoundingStrategy,
) -> Result<Value> {
    let q = value.checked_div(step).ok_or_else(|| cx.overflow())?;
    let r = q.round_dp_with_strategy(0, strategy);
    cx.checked(r.checked_mul(step).ok_or_else(|| cx.overflow())?)
}

fn mround(cx: &CallCtx<'_>, v: Decimal, m: Decimal) -> Result<Value> {
    if m.is_zero() {
        return Ok(Value::from(0));
    }
    if !v.is_zero() && v.is_sign_negative() != m.is_sign_negative() {
        return Err(cx.domain_error(1, "must have the sign of the value"));
    }
    to_multiple(cx, v, m, RoundingStrategy::MidpointAwayFromZero)
}

fn ceiling_floor(
    cx: &CallCtx<'_>,
    v: Decimal,
    sig: Option<Decimal>,
    strategy: RoundingStrategy,
) -> Result<Value> {
    let sig = sig.unwrap_or(Decimal::ONE).abs();
    if sig.is_zero() {
        return Ok(Value::from(0));
    }
    to_multiple(cx, v, sig, strategy)
}

fn ceiling(cx: &CallCtx<'_>, v: Decimal, sig: Option<Decimal>) -> Result<Value> {
    ceiling_floor(cx, v, sig, RoundingStrategy::ToPositiveInfinity)
}

fn floor(cx: &CallCtx<'_>, v: Decimal, sig: Option<Decimal>) -> Result<Value> {
    ceiling_floor(cx, v, sig, RoundingStrategy::ToNegativeInfinity)
}

/// EVEN and ODD: away from zero to the next integer of the wanted parity.
fn parity_round(cx: &CallCtx<'_>, n: Decimal, want_odd: bool) -> Result<Value> {
    let mag = n.abs().ceil();
    let is_odd = mag.checked_rem(Decimal::TWO) == Some(Decimal::ONE);
    let mag = if is_odd == want_odd {
        mag
    } else {
        mag.checked_add(Decimal::ONE).ok_or_else(|| cx.overflow())?
    };
    cx.checked(if n.is_sign_negative() { -mag } else { mag })
}

fn even(cx: &CallCtx<'_>, n: Decimal) -> Result<Value> {
    parity_round(cx, n, false)
}

fn odd(cx: &CallCtx<'_>, n: Decimal) -> Result<Value> {
    parity_round(cx, n, true)
}

fn is_odd(n: Decimal) -> bool {
    n.trunc().checked_rem(Decimal::TWO).map(|r| r.abs()) == Some(Decimal::ONE)
}

fn iseven(_: &CallCtx<'_>, n: Decimal) -> bool {
    !is_odd(n)
}

fn isodd(_: &CallCtx<'_>, n: Decimal) -> bool {
    is_odd(n)
}

fn isnumber(_: &CallCtx<'_>, v: &Value) -> bool {
    matches!(v, Value::Number(_))
}

fn range(cx: &CallCtx<'_>, start: Decimal, end: Decimal, step: Option<Decimal>) -> Result<Value> {
    let step = step.unwrap_or(Decimal::ONE);
    if step.is_zero() {
        return Err(cx.domain_error(2, "must not be 0"));
    }
    let span = end.checked_sub(start).and_then(|d| d.checked_div(step));
    let count = match span {
        Some(s) if s.is_sign_negative() => 0u128,
        Some(s) => s.floor().to_u128().unwrap_or(u128::MAX).saturating_add(1),
        None => u128::MAX,
    };
    cx.check_list_size(count)?;
    let mut items = Vec::with_capacity(count as usize);
    let mut x = start;
    for _ in 0..count {
        cx.budget.tick()?;
        items.push(Value::Number(x.normalize()));
        x = x.checked_add(step).ok_or_else(|| cx.overflow())?;
    }
    Ok(Value::list(items))
}

fn random_fraction(_: &CallCtx<'_>) -> Decimal {
    let k: i64 = rand::rng().random_range(0..1_000_000_000_000_000);
    Decimal::new(k, 15).normalize()
}

/// `RANDOM(low, high)`; a `NULL` bound is one bound missing, an `ArgumentError`.
fn random_between(
    cx: &CallCtx<'_>,
    low: Nullable<Decimal>,
    high: Nullable<Decimal>,
) -> Result<Value> {
    let (Some(low), Some(high)) = (low.0, high.0) else {
        return Err(cx.argument_error("takes no bound or two bounds (low and high)"));
    };
    let (low, high) = (low.ceil(), high.floor());
    if low > high {
        return Err(cx.domain_error(
            0,
            format!("is above high once both are made whole ({low} > {high})"),
        ));
    }
    let (Some(lo), Some(hi)) = (low.to_i128(), high.to_i128()) else {
        return Err(cx.overflow());
    };
    let pick: i128 = rand::rng().random_range(lo..=hi);
    cx.checked(Decimal::from_i128_with_scale(pick, 0))
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
