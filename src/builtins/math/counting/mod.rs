//! Integers and counting (functions-time-math.md §5.4): FACT, FACTDOUBLE,
//! COMBIN, COMBINA, GCD, LCM and MULTINOMIAL. Arguments are truncated to whole
//! numbers first (Excel); results are exact, and one of magnitude `10^28` or
//! more is an `ArithmeticError`. Every loop is bounded: a product stops as
//! soon as it passes `10^28`, which takes fewer than a hundred factors.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::aggregate::for_each_item;
use crate::builtins::args::{ArgError, FromArg, Rest};
use crate::builtins::{CallCtx, Category, FunctionSpec, Ty};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "FACT",
        M,
        &[sig!(fact(n: Int) -> NUMBER)],
        "the factorial n! (n truncated)",
    ),
    FunctionSpec::new(
        "FACTDOUBLE",
        M,
        &[sig!(factdouble(n: Int) -> NUMBER)],
        "the double factorial n!! = n·(n−2)·… (n truncated)",
    ),
    FunctionSpec::new(
        "COMBIN",
        M,
        &[sig!(combin(n: Int, k: Int) -> NUMBER)],
        "the number of ways to choose k of n",
    ),
    FunctionSpec::new(
        "COMBINA",
        M,
        &[sig!(combina(n: Int, k: Int) -> NUMBER)],
        "the number of ways to choose k of n with repetition",
    ),
    FunctionSpec::new(
        "GCD",
        M,
        &[sig!(gcd_fn(value: &Value, values: Rest) -> NUMBER)],
        "the greatest common divisor (lists flattened, NULLs skipped)",
    ),
    FunctionSpec::new(
        "LCM",
        M,
        &[sig!(lcm_fn(value: &Value, values: Rest) -> NUMBER)],
        "the least common multiple (lists flattened, NULLs skipped)",
    ),
    FunctionSpec::new(
        "MULTINOMIAL",
        M,
        &[sig!(multinomial(value: &Value, values: Rest) -> NUMBER)],
        "(Σn)! / Π(n!) of the numbers (lists flattened, NULLs skipped)",
    ),
];

/// `10^28`: the first result out of range.
const LIMIT: u128 = 10_000_000_000_000_000_000_000_000_000;

/// A Number truncated toward zero, whole and unclamped: every Number fits
/// (their magnitude is below 2^96), so `COMBIN(1E20, 1)` sees 10^20.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Int(pub i128);

impl<'a> FromArg<'a> for Int {
    const TY: Ty = Ty::NUMBER;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Decimal::from_arg(args, i).map(|n| Int(truncate(n)))
    }
}

/// `n` truncated toward zero, as an integer.
fn truncate(n: Decimal) -> i128 {
    // A Decimal's magnitude is below 2^96: it always fits.
    n.trunc().to_i128().unwrap_or_default()
}

/// `n` when it is 0 or more, else an `ArgumentError` about argument `i`.
fn natural(cx: &CallCtx<'_>, i: usize, n: i128) -> Result<u128> {
    u128::try_from(n).map_err(|_| cx.domain_error(i, format!("must be 0 or more, got {n}")))
}

/// A count as a Number: an `ArithmeticError` from `10^28` on (or `None`).
fn count(cx: &CallCtx<'_>, n: Option<u128>) -> Result<Value> {
    match n
        .filter(|&n| n < LIMIT)
        .and_then(|n| i128::try_from(n).ok())
    {
        Some(n) => Ok(Value::Number(Decimal::from_i128_with_scale(n, 0))),
        None => Err(cx.overflow()),
    }
}

/// `a · b` while below `10^28`.
fn mul(a: u128, b: u128) -> Option<u128> {
    a.checked_mul(b).filter(|&p| p < LIMIT)
}

fn fact(cx: &CallCtx<'_>, n: Int) -> Result<Value> {
    let n = natural(cx, 0, n.0)?;
    // 26! < 10^28 <= 27!: no loop for a larger n.
    let f = if n > 26 {
        None
    } else {
        (2..=n).try_fold(1u128, mul)
    };
    count(cx, f)
}

fn factdouble(cx: &CallCtx<'_>, n: Int) -> Result<Value> {
    let n = natural(cx, 0, n.0)?;
    // Every factor but the last is 2 or more: the loop stops before 94 steps.
    let mut acc = Some(1u128);
    let mut k = n;
    while k > 1 && acc.is_some() {
        acc = acc.and_then(|a| mul(a, k));
        k -= 2;
    }
    count(cx, acc)
}

/// The binomial coefficient `C(n, k)` for `k <= n`; `None` from `10^28` on.
/// With `k` the smaller side, the partial values `C(n-k+i, i)` grow with `i`
/// and pass `C(2i, i)`, so the loop ends within 50 steps unless the result
/// is in range, and every partial value is below the result.
fn binomial(n: u128, k: u128) -> Option<u128> {
    let k = k.min(n - k);
    let mut r: u128 = 1;
    for i in 1..=k {
        // C(n-k+i, i) = C(n-k+i-1, i-1) · (n-k+i) / i, and i / gcd(r, i)
        // divides n-k+i: no product goes above the next value.
        let m = n - k + i;
        let g = gcd(r, i);
        r = mul(r / g, m / (i / g))?;
    }
    Some(r)
}

fn combin(cx: &CallCtx<'_>, n: Int, k: Int) -> Result<Value> {
    let n = natural(cx, 0, n.0)?;
    let k = natural(cx, 1, k.0)?;
    if k > n {
        return Err(cx.domain_error(1, format!("must not exceed n ({n}), got {k}")));
    }
    count(cx, binomial(n, k))
}

fn combina(cx: &CallCtx<'_>, n: Int, k: Int) -> Result<Value> {
    let n = natural(cx, 0, n.0)?;
    let k = natural(cx, 1, k.0)?;
    let c = match (n, k) {
        (0, 0) => Some(1),
        (0, _) => Some(0),
        // Both are below 2^96: the sum fits.
        _ => n.checked_add(k).and_then(|s| binomial(s - 1, k)),
    };
    count(cx, c)
}

/// Euclid's greatest common divisor; `gcd(0, 0)` is 0.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The items of a variadic counting function: Numbers, truncated, 0 or
/// more; at least one. Every item is checked first (the first bad one is
/// the error), then `f` sees them in order; nothing is collected.
fn naturals(
    cx: &CallCtx<'_>,
    first: &Value,
    rest: Rest<'_>,
    mut f: impl FnMut(u128) -> Result<()>,
) -> Result<()> {
    let args = || std::iter::once(first).chain(rest.0);
    let mut any = false;
    for_each_item(cx, args(), |i, v| {
        any = true;
        match v {
            Value::Number(n) => natural(cx, i, truncate(*n)).map(drop),
            other => Err(cx.type_error(i, "Numbers", other)),
        }
    })?;
    if !any {
        return Err(cx.argument_error("needs at least one number"));
    }
    for_each_item(cx, args(), |_, v| match v {
        Value::Number(n) => f(truncate(*n).unsigned_abs()),
        _ => Ok(()),
    })
}

fn gcd_fn(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut g = 0;
    naturals(cx, first, rest, |n| {
        g = gcd(g, n);
        Ok(())
    })?;
    count(cx, Some(g))
}

fn lcm_fn(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    // Any 0 makes the result 0, even past an overflow.
    let (mut zero, mut l) = (false, Some(1u128));
    naturals(cx, first, rest, |n| {
        zero |= n == 0;
        if !zero {
            l = l.and_then(|l| mul(l / gcd(l, n), n));
        }
        Ok(())
    })?;
    if zero {
        return Ok(Value::from(0));
    }
    count(cx, l)
}

fn multinomial(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    // (n1 + … + nk)! / (n1! … nk!) = Π C(n1 + … + ni, ni): every factor is 1
    // or more, so no partial product is above the result.
    let mut total: u128 = 0;
    let mut acc = Some(1u128);
    naturals(cx, first, rest, |n| {
        if acc.is_none() {
            return Ok(());
        }
        match total.checked_add(n) {
            Some(t) => {
                total = t;
                acc = acc.and_then(|a| binomial(total, n).and_then(|c| mul(a, c)));
            }
            None => acc = None,
        }
        Ok(())
    })?;
    count(cx, acc)
}

#[cfg(test)]
mod tests;
