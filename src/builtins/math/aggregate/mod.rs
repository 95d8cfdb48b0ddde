//! The aggregates (functions-time-math.md §5.3): SUM, SUMSQ, PRODUCT, MAX and
//! MIN. Each takes one or more arguments; Lists are flattened at every depth
//! and `NULL` items skipped ([`aggregate_items`]). Results are exact.

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

/// The items of aggregate arguments (functions-time-math.md §5.3): Lists are
/// flattened at every depth, `NULL`s skipped. Each item comes with the index
/// of the argument it came from. No recursion: nesting depth cannot overflow.
pub fn aggregate_items<'a>(args: impl IntoIterator<Item = &'a Value>) -> Vec<(usize, &'a Value)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, &Value)> = args.into_iter().enumerate().collect();
    stack.reverse();
    while let Some((i, v)) = stack.pop() {
        match v {
            Value::Null => {}
            Value::List(items) => stack.extend(items.iter().rev().map(|x| (i, x))),
            other => out.push((i, other)),
        }
    }
    out
}

/// The items of `first` and `rest`, as [`aggregate_items`] gives them.
fn items<'a>(first: &'a Value, rest: Rest<'a>) -> Vec<(usize, &'a Value)> {
    aggregate_items(std::iter::once(first).chain(rest.0))
}

/// The Numbers among the items; any other item is a `TypeError`.
fn numbers(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Vec<Decimal>> {
    items(first, rest)
        .into_iter()
        .map(|(i, v)| match v {
            Value::Number(n) => Ok(*n),
            other => Err(cx.type_error(i, "Numbers", other)),
        })
        .collect()
}

fn sum(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut total = Decimal::ZERO;
    let mut money: Option<Currency> = None;
    let mut numbers = false;
    for (i, v) in items(first, rest) {
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
    }
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
    for n in numbers(cx, first, rest)? {
        let square = n.checked_mul(n).ok_or_else(|| cx.overflow())?;
        total = total.checked_add(square).ok_or_else(|| cx.overflow())?;
    }
    cx.checked(total.normalize())
}

fn product(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<Value> {
    let mut acc = Product::ONE;
    for n in numbers(cx, first, rest)? {
        acc.mul(n);
    }
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
    for (i, v) in items(first, rest) {
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
            continue;
        };
        match compare(v, b) {
            Some(o) if o == wanted => best = Some(v),
            Some(_) => {}
            None => return Err(mixed(cx, i, v, b)),
        }
    }
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
