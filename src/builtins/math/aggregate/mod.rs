//! The aggregates (functions-time-math.md §5.3): SUM, SUMSQ, PRODUCT, MAX and
//! MIN. Each takes one or more arguments; Lists are flattened at every depth
//! and `NULL` items skipped ([`for_each_item`]). Results are exact.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::builtins::args::Rest;
use crate::builtins::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::number;
use crate::value::order::compare;
use crate::value::{Currency, Value};

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "SUM",
        M,
        &[sig!(sum(value: &Value, values: Rest) -> NUMBER | CURRENCY)],
        "the sum of the numbers (lists flattened, NULLs skipped)",
    ),
    FunctionSpec::new(
        "SUMSQ",
        M,
        &[sig!(sumsq(value: &Value, values: Rest) -> NUMBER)],
        "the sum of the squares of the numbers (lists flattened, NULLs skipped)",
    ),
    FunctionSpec::new(
        "PRODUCT",
        M,
        &[sig!(product(value: &Value, values: Rest) -> NUMBER)],
        "the product of the numbers (lists flattened, NULLs skipped; 1 over none)",
    ),
    FunctionSpec::new(
        "MAX",
        M,
        &[
            sig!(max(value: &Value, values: Rest) -> NUMBER | TEXT | DATE | TIME | DATETIME | CURRENCY | NULL),
        ],
        "the largest item, all of one orderable type (NULL over none)",
    ),
    FunctionSpec::new(
        "MIN",
        M,
        &[
            sig!(min(value: &Value, values: Rest) -> NUMBER | TEXT | DATE | TIME | DATETIME | CURRENCY | NULL),
        ],
        "the smallest item, all of one orderable type (NULL over none)",
    ),
];

/// Calls `f` on each item of aggregate arguments (functions-time-math.md
/// §5.3), in order: Lists are flattened at every depth, `NULL`s skipped.
/// Each item comes with the index of the argument it came from. Nothing is
/// collected (a List that shares its parts may hold millions of items) and
/// every item ticks the budget; no recursion, so depth cannot overflow.
pub fn for_each_item<'a>(
    cx: &CallCtx<'_>,
    args: impl IntoIterator<Item = &'a Value>,
    mut f: impl FnMut(usize, &'a Value) -> Result<()>,
) -> Result<()> {
    let mut stack: Vec<std::slice::Iter<'a, Value>> = Vec::new();
    for (i, arg) in args.into_iter().enumerate() {
        let mut next = Some(arg);
        loop {
            match next {
                None => {}
                Some(Value::Null) => {}
                Some(Value::List(items)) => stack.push(items.iter()),
                Some(other) => f(i, other)?,
            }
            let Some(top) = stack.last_mut() else {
                break;
            };
            next = top.next();
            if next.is_none() {
                stack.pop();
            } else {
                cx.budget.tick()?;
            }
        }
    }
    Ok(())
}

/// [`for_each_item`] over `first` and `rest`.
fn each<'a>(
    cx: &CallCtx<'_>,
    first: &'a Value,
    rest: Rest<'a>,
    f: impl FnMut(usize, &'a Value) -> Result<()>,
) -> Result<()> {
    for_each_item(cx, std::iter::once(first).chain(rest.0), f)
}

/// Calls `f` on the Numbers among the items, once every item is known to
/// be one (any other item is a `TypeError`, which comes first).
fn each_number(
    cx: &CallCtx<'_>,
    first: &Value,
    rest: Rest<'_>,
    mut f: impl FnMut(Decimal) -> Result<()>,
) -> Result<()> {
    each(cx, first, rest, |i, v| match v {
        Value::Number(_) => Ok(()),
        other => Err(cx.type_error(i, "Numbers", other)),
    })?;
    each(cx, first, rest, |_, v| match v {
        Value::Number(n) => f(*n),
        _ => Ok(()),
    })
}

fn sum(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut total = Decimal::ZERO;
    let mut money: Option<Currency> = None;
    let mut numbers = false;
    each(cx, first, rest, |i, v| {
        match v {
            Value::Number(n) if money.is_none() => {
                numbers = true;
                total = total.checked_add(*n).ok_or_else(|| cx.overflow())?;
            }
            Value::Currency(c) if !numbers => match &mut money {
                None => money = Some(*c),
                Some(acc) if acc.code == c.code => {
                    acc.amount = acc
                        .amount
                        .checked_add(c.amount)
                        .ok_or_else(|| cx.overflow())?;
                    acc.precision = acc.precision.max(c.precision);
                }
                Some(acc) => {
                    return Err(Error::type_error(format!(
                        "{} cannot add {} to {}: the currency codes differ",
                        cx.name(),
                        c.code.as_str(),
                        acc.code.as_str()
                    ))
                    .at_arg(i))
                }
            },
            Value::Number(_) | Value::Currency(_) => {
                return Err(Error::type_error(format!(
                    "{} cannot mix Numbers and Currencies",
                    cx.name()
                ))
                .at_arg(i))
            }
            other => return Err(cx.type_error(i, "Numbers (or Currencies of one code)", other)),
        }
        Ok(())
    })?;
    match money {
        Some(c) => {
            cx.checked(c.amount)?;
            Ok(Value::Currency(c))
        }
        None => cx.checked(total),
    }
}

fn sumsq(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut total = Decimal::ZERO;
    each_number(cx, first, rest, |n| {
        let square = n.checked_mul(n).ok_or_else(|| cx.overflow())?;
        total = total.checked_add(square).ok_or_else(|| cx.overflow())?;
        Ok(())
    })?;
    cx.checked(total.normalize())
}

fn product(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut acc = Product::ONE;
    each_number(cx, first, rest, |n| {
        acc.mul(n);
        Ok(())
    })?;
    acc.value()
        .map_or_else(|| Err(cx.overflow()), |n| cx.checked(n))
}

/// A running product kept as `sign · coefficient · 10^exponent`, the
/// coefficient in [1, 80): no partial product overflows or underflows, so the
/// result depends neither on the order of the factors nor on partial products
/// beyond the range of Numbers (`PRODUCT(1E-15, 1E-15, 1E20)` is `1E-10`).
/// Multiplying coefficients is exact whenever the digits fit in a Number.
struct Product {
    negative: bool,
    zero: bool,
    coefficient: Decimal,
    exponent: i64,
}

impl Product {
    const ONE: Product = Product {
        negative: false,
        zero: false,
        coefficient: Decimal::ONE,
        exponent: 0,
    };

    fn mul(&mut self, n: Decimal) {
        if n.is_zero() {
            self.zero = true;
        }
        if self.zero {
            return;
        }
        self.negative ^= n.is_sign_negative();
        let (c, e) = split(n.abs());
        // Both coefficients are below 80: the product is below 6400, and
        // Decimal keeps its leading 28 digits or so.
        let (c, k) = split(self.coefficient * c);
        self.coefficient = c;
        self.exponent = self.exponent.saturating_add(e).saturating_add(k);
    }

    /// The product as a Number: exact when its digits fit (as with `*`),
    /// else rounded at 28 decimal places like a literal; `None` when its
    /// magnitude is `10^28` or more (or beyond Decimal).
    fn value(&self) -> Option<Decimal> {
        if self.zero {
            return Some(Decimal::ZERO);
        }
        let mantissa = self.coefficient.mantissa();
        // The value is mantissa · 10^exp.
        let exp = self
            .exponent
            .saturating_sub(i64::from(self.coefficient.scale()));
        let magnitude = match u32::try_from(-exp) {
            Ok(scale) if scale <= 28 => Decimal::from_i128_with_scale(mantissa, scale),
            // Digits below 10^-28: rounded half to even.
            Ok(_) => number::from_digits(&mantissa.to_string(), "", exp)?,
            Err(_) => {
                let k = u32::try_from(exp).ok()?;
                let scaled = 10i128.checked_pow(k)?.checked_mul(mantissa)?;
                Decimal::try_from_i128_with_scale(scaled, 0).ok()?
            }
        };
        let magnitude = magnitude.normalize();
        Some(if self.negative { -magnitude } else { magnitude })
    }
}

/// `n > 0` as `(c, k)` with `n = c · 10^k` and `c` in [1, 80): the same
/// digits, the point after the first (or, for 29 digits, the second).
fn split(n: Decimal) -> (Decimal, i64) {
    let mantissa = n.mantissa().unsigned_abs();
    let digits = mantissa.checked_ilog10().unwrap_or(0);
    let scale = digits.min(28);
    let c = Decimal::from_i128_with_scale(n.mantissa(), scale);
    (c, i64::from(scale) - i64::from(n.scale()))
}

/// The item that orders `wanted` against every other (the first of equals).
fn extreme(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>, wanted: Ordering) -> Result<Value> {
    let mut best: Option<&Value> = None;
    each(cx, first, rest, |i, v| {
        if !matches!(
            v,
            Value::Number(_)
                | Value::Text(_)
                | Value::Date(_)
                | Value::Time(_)
                | Value::DateTime(_)
                | Value::Currency(_)
        ) {
            return Err(cx.type_error(
                i,
                "Numbers, Texts, Dates, Times, DateTimes or Currencies",
                v,
            ));
        }
        let Some(b) = best else {
            best = Some(v);
            return Ok(());
        };
        match compare(v, b) {
            Some(o) if o == wanted => best = Some(v),
            Some(_) => {}
            None => return Err(mixed(cx, i, v, b)),
        }
        Ok(())
    })?;
    Ok(best.cloned().unwrap_or(Value::Null))
}

/// The `TypeError` of two items that do not order against each other.
fn mixed(cx: &CallCtx<'_>, i: usize, v: &Value, b: &Value) -> Error {
    let what = |x: &Value| match x {
        Value::Currency(c) => format!("Currency in {}", c.code.as_str()),
        other => other.type_name().to_string(),
    };
    Error::type_error(format!(
        "{} cannot compare {} with {}: the items must be of one orderable type",
        cx.name(),
        what(v),
        what(b)
    ))
    .at_arg(i)
}

fn max(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    extreme(cx, first, rest, Ordering::Greater)
}

fn min(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    extreme(cx, first, rest, Ordering::Less)
}

#[cfg(test)]
mod tests;
