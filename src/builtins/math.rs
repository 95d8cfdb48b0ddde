//! Built-ins of the math category (functions-time-math.md §5): the exact
//! ones — rounding, sign and tests, SUM, RANGE, RANDOM. All arithmetic is
//! checked; a result of magnitude 10^28 or more is an `ArithmeticError`.

use rand::RngExt;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::args::{
    any_null, arg, check_list_size, checked_result, domain_error, number, overflow, truncated,
    type_error,
};
use super::{opt, req, rest, CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::value::{Currency, Value};

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure("ABS", M, &[req("value")], abs, "the magnitude of a number"),
    FunctionSpec::pure("SIGN", M, &[req("value")], sign, "-1, 0 or 1"),
    FunctionSpec::pure(
        "ROUND",
        M,
        &[req("value"), opt("digits")],
        round,
        "rounded to digits places, half away from zero",
    ),
    FunctionSpec::pure(
        "ROUNDUP",
        M,
        &[req("value"), opt("digits")],
        roundup,
        "rounded away from zero to digits places",
    ),
    FunctionSpec::pure(
        "ROUNDDOWN",
        M,
        &[req("value"), opt("digits")],
        rounddown,
        "rounded toward zero to digits places",
    ),
    FunctionSpec::pure(
        "TRUNC",
        M,
        &[req("value"), opt("digits")],
        rounddown,
        "the digits after digits places dropped",
    ),
    FunctionSpec::pure(
        "MROUND",
        M,
        &[req("value"), req("multiple")],
        mround,
        "the nearest multiple of multiple, half away from zero",
    ),
    FunctionSpec::pure(
        "CEILING",
        M,
        &[req("value"), opt("significance")],
        ceiling,
        "the smallest multiple of significance that is >= value",
    ),
    FunctionSpec::pure(
        "FLOOR",
        M,
        &[req("value"), opt("significance")],
        floor,
        "the largest multiple of significance that is <= value",
    ),
    FunctionSpec::pure(
        "EVEN",
        M,
        &[req("value")],
        even,
        "rounded away from zero to an even integer",
    ),
    FunctionSpec::pure(
        "ODD",
        M,
        &[req("value")],
        odd,
        "rounded away from zero to an odd integer",
    ),
    FunctionSpec::pure(
        "ISEVEN",
        M,
        &[req("value")],
        iseven,
        "whether the value, fraction dropped, is even",
    ),
    FunctionSpec::pure(
        "ISODD",
        M,
        &[req("value")],
        isodd,
        "whether the value, fraction dropped, is odd",
    ),
    FunctionSpec::pure(
        "ISNUMBER",
        M,
        &[req("value")],
        isnumber,
        "whether the value is a Number",
    ),
    FunctionSpec::pure(
        "SUM",
        M,
        &[req("value"), rest("value")],
        sum,
        "the sum of the numbers (lists flattened, NULLs skipped)",
    ),
    FunctionSpec::pure(
        "RANGE",
        M,
        &[req("start"), req("end"), opt("step")],
        range,
        "the numbers from start to end (included when reached) by step",
    ),
    FunctionSpec::pure(
        "RANDOM",
        M,
        &[opt("low"), opt("high")],
        random,
        "a random number in [0, 1), or a random whole number in [low, high]",
    )
    .volatile(),
];

/// Reads argument 0 as a Number, or returns `NULL` from the calling function.
macro_rules! num0 {
    ($args:expr, $name:expr) => {
        match number($args, 0, $name)? {
            Some(n) => n,
            None => return Ok(Value::Null),
        }
    };
}

fn abs(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Number(num0!(args, "ABS").abs()))
}

fn sign(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let n = num0!(args, "SIGN");
    Ok(Value::from(if n.is_zero() {
        0
    } else if n.is_sign_negative() {
        -1
    } else {
        1
    }))
}

/// `10^k` for `0 <= k <= 28`.
fn pow10(k: u32) -> Option<Decimal> {
    (0..k).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(Decimal::TEN))
}

/// Rounds `n` to `digits` places (negative: tens, hundreds, ...) with `strategy`.
fn round_to(f: &str, n: Decimal, digits: i64, strategy: RoundingStrategy) -> Result<Value> {
    if digits >= 0 {
        let dp = u32::try_from(digits.min(28)).unwrap_or(28);
        return checked_result(f, n.round_dp_with_strategy(dp, strategy));
    }
    let k = digits.unsigned_abs();
    if k > 28 {
        // |n| < 10^29, so it rounds to 0 unless it must move away from zero,
        // to a multiple of 10^29 or more: out of range.
        let away = matches!(strategy, RoundingStrategy::AwayFromZero) && !n.is_zero();
        return if away {
            Err(overflow(f))
        } else {
            Ok(Value::from(0))
        };
    }
    let scale = pow10(k as u32).ok_or_else(|| overflow(f))?;
    let q = n.checked_div(scale).ok_or_else(|| overflow(f))?;
    let r = q.round_dp_with_strategy(0, strategy);
    let out = r.checked_mul(scale).ok_or_else(|| overflow(f))?;
    checked_result(f, out)
}

fn round_fn(args: &[Value], f: &str, strategy: RoundingStrategy) -> Result<Value> {
    let n = num0!(args, f);
    let digits = truncated(args, 1, f)?.unwrap_or(0);
    round_to(f, n, digits, strategy)
}

fn round(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    round_fn(args, "ROUND", RoundingStrategy::MidpointAwayFromZero)
}

fn roundup(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    round_fn(args, "ROUNDUP", RoundingStrategy::AwayFromZero)
}

fn rounddown(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    round_fn(args, "ROUNDDOWN", RoundingStrategy::ToZero)
}

/// `value` rounded to a multiple of `step` (≠ 0) by `strategy`.
fn to_multiple(
    f: &str,
    value: Decimal,
    step: Decimal,
    strategy: RoundingStrategy,
) -> Result<Value> {
    let q = value.checked_div(step).ok_or_else(|| overflow(f))?;
    let r = q.round_dp_with_strategy(0, strategy);
    checked_result(f, r.checked_mul(step).ok_or_else(|| overflow(f))?)
}

fn mround(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "MROUND";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let v = number(args, 0, F)?.unwrap_or_default();
    let m = number(args, 1, F)?.unwrap_or_default();
    if m.is_zero() {
        return Ok(Value::from(0));
    }
    if !v.is_zero() && v.is_sign_negative() != m.is_sign_negative() {
        return Err(domain_error(F, 1, "must have the sign of the value"));
    }
    to_multiple(F, v, m, RoundingStrategy::MidpointAwayFromZero)
}

fn ceiling_floor(args: &[Value], f: &str, strategy: RoundingStrategy) -> Result<Value> {
    let v = num0!(args, f);
    let sig = number(args, 1, f)?.unwrap_or(Decimal::ONE).abs();
    if sig.is_zero() {
        return Ok(Value::from(0));
    }
    to_multiple(f, v, sig, strategy)
}

fn ceiling(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    ceiling_floor(args, "CEILING", RoundingStrategy::ToPositiveInfinity)
}

fn floor(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    ceiling_floor(args, "FLOOR", RoundingStrategy::ToNegativeInfinity)
}

/// EVEN and ODD: away from zero to the next integer of the wanted parity.
fn parity_round(args: &[Value], f: &str, want_odd: bool) -> Result<Value> {
    let n = num0!(args, f);
    let mag = n.abs().ceil();
    let is_odd = mag.checked_rem(Decimal::TWO) == Some(Decimal::ONE);
    let mag = if is_odd == want_odd {
        mag
    } else {
        mag.checked_add(Decimal::ONE).ok_or_else(|| overflow(f))?
    };
    checked_result(f, if n.is_sign_negative() { -mag } else { mag })
}

fn even(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    parity_round(args, "EVEN", false)
}

fn odd(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    parity_round(args, "ODD", true)
}

fn is_odd(n: Decimal) -> bool {
    n.trunc().checked_rem(Decimal::TWO).map(|r| r.abs()) == Some(Decimal::ONE)
}

fn iseven(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(!is_odd(num0!(args, "ISEVEN"))))
}

fn isodd(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(is_odd(num0!(args, "ISODD"))))
}

fn isnumber(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(arg(args, 0), Value::Number(_))))
}

/// The items of aggregate arguments (functions-time-math.md §5.3): Lists are
/// flattened at every depth, `NULL`s skipped. Each item comes with the index
/// of the argument it came from. No recursion: nesting depth cannot overflow.
pub fn aggregate_items(args: &[Value]) -> Vec<(usize, &Value)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, &Value)> = args.iter().enumerate().rev().collect();
    while let Some((i, v)) = stack.pop() {
        match v {
            Value::Null => {}
            Value::List(items) => stack.extend(items.iter().rev().map(|x| (i, x))),
            other => out.push((i, other)),
        }
    }
    out
}

fn sum(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "SUM";
    let mut total = Decimal::ZERO;
    let mut money: Option<Currency> = None;
    let mut numbers = false;
    for (i, v) in aggregate_items(args) {
        match v {
            Value::Number(n) if money.is_none() => {
                numbers = true;
                total = total.checked_add(*n).ok_or_else(|| overflow(F))?;
            }
            Value::Currency(c) if !numbers => match &mut money {
                None => money = Some(*c),
                Some(acc) if acc.code == c.code => {
                    acc.amount = acc
                        .amount
                        .checked_add(c.amount)
                        .ok_or_else(|| overflow(F))?;
                    acc.precision = acc.precision.max(c.precision);
                }
                Some(acc) => {
                    return Err(Error::type_error(format!(
                        "SUM cannot add {} to {}: the currency codes differ",
                        c.code.as_str(),
                        acc.code.as_str()
                    ))
                    .at_arg(i))
                }
            },
            Value::Number(_) | Value::Currency(_) => {
                return Err(
                    Error::type_error("SUM cannot mix Numbers and Currencies".to_string())
                        .at_arg(i),
                )
            }
            other => {
                return Err(type_error(
                    F,
                    i,
                    "Numbers (or Currencies of one code)",
                    other,
                ))
            }
        }
    }
    match money {
        Some(c) => {
            checked_result(F, c.amount)?;
            Ok(Value::Currency(c))
        }
        None => checked_result(F, total),
    }
}

fn range(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "RANGE";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let start = number(args, 0, F)?.unwrap_or_default();
    let end = number(args, 1, F)?.unwrap_or_default();
    let step = number(args, 2, F)?.unwrap_or(Decimal::ONE);
    if step.is_zero() {
        return Err(domain_error(F, 2, "must not be 0"));
    }
    let span = end.checked_sub(start).and_then(|d| d.checked_div(step));
    let count = match span {
        Some(s) if s.is_sign_negative() => 0u128,
        Some(s) => s.floor().to_u128().unwrap_or(u128::MAX).saturating_add(1),
        None => u128::MAX,
    };
    check_list_size(F, count)?;
    let mut items = Vec::with_capacity(count as usize);
    let mut x = start;
    for _ in 0..count {
        items.push(Value::Number(x.normalize()));
        x = x.checked_add(step).ok_or_else(|| overflow(F))?;
    }
    Ok(Value::list(items))
}

fn random(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "RANDOM";
    let mut rng = rand::rng();
    if args.is_empty() {
        let k: i64 = rng.random_range(0..1_000_000_000_000_000);
        return Ok(Value::Number(Decimal::new(k, 15).normalize()));
    }
    if args.len() != 2 || args.iter().any(Value::is_null) {
        return Err(Error::argument(
            "RANDOM takes no bound or two bounds (low and high)".to_string(),
        )
        .with_help("usage: RANDOM() or RANDOM(low, high)"));
    }
    let low = number(args, 0, F)?.unwrap_or_default().ceil();
    let high = number(args, 1, F)?.unwrap_or_default().floor();
    if low > high {
        return Err(domain_error(
            F,
            0,
            format!("is above high once both are made whole ({low} > {high})"),
        ));
    }
    let (Some(lo), Some(hi)) = (decimal_to_i128(low), decimal_to_i128(high)) else {
        return Err(overflow(F));
    };
    let pick: i128 = rng.random_range(lo..=hi);
    checked_result(F, Decimal::from_i128_with_scale(pick, 0))
}

fn decimal_to_i128(n: Decimal) -> Option<i128> {
    n.to_i128()
}

#[cfg(test)]
mod tests;
