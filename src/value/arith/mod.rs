//! The arithmetic operators (language.md §5.5, functions-time-math.md §2.1).
//!
//! Order of checks: a `NULL` operand gives `NULL` before anything else, then
//! the operand types, then zero divisors, then the range (magnitude < 10^28).

use rust_decimal::Decimal;

use super::number::{overflow, LIMIT};
use super::{money, Currency, Type, Value};
use crate::error::{Error, Result};

/// `n` itself when its magnitude is below 10^28, else an `ArithmeticError`.
#[inline]
pub fn check_range(n: Decimal) -> Result<Decimal> {
    // |n| <= |mantissa|, so a mantissa below 10^28 is always in range: no
    // rescaling comparison on the hot path.
    const MANTISSA_LIMIT: i128 = 10_000_000_000_000_000_000_000_000_000;
    if n.mantissa().unsigned_abs() < MANTISSA_LIMIT as u128 || n.abs() < LIMIT {
        Ok(n)
    } else {
        Err(overflow())
    }
}

#[inline]
fn number(n: Option<Decimal>) -> Result<Value> {
    match n {
        Some(n) => check_range(n).map(Value::Number),
        None => Err(overflow()),
    }
}

fn division_by_zero() -> Error {
    Error::arithmetic("division by zero")
}

/// `a + b`: Numbers, Text + Text, List + List, same-code Currencies.
pub fn add(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Number(x), Value::Number(y)) = (a, b) {
        return number(x.checked_add(*y));
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Text(x), Value::Text(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Value::text(s))
        }
        (Value::List(x), Value::List(y)) => {
            let mut items = Vec::with_capacity(x.len() + y.len());
            items.extend(x.iter().cloned());
            items.extend(y.iter().cloned());
            Ok(Value::list(items))
        }
        (Value::Currency(x), Value::Currency(y)) => currency_sum(Op::Add, x, y),
        _ => Err(type_error(Op::Add, a, b)),
    }
}

/// `a - b`: Numbers and same-code Currencies.
pub fn sub(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Number(x), Value::Number(y)) = (a, b) {
        return number(x.checked_sub(*y));
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Currency(x), Value::Currency(y)) => currency_sum(Op::Sub, x, y),
        _ => Err(type_error(Op::Sub, a, b)),
    }
}

/// `a * b`: Numbers, and a Currency scaled by a Number (either side).
pub fn mul(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Number(x), Value::Number(y)) = (a, b) {
        return number(x.checked_mul(*y));
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Currency(c), Value::Number(n)) | (Value::Number(n), Value::Currency(c)) => {
            let amount = c.amount.checked_mul(*n).ok_or_else(overflow)?;
            Ok(Value::Currency(money::make(amount, c.code, c.precision)?))
        }
        _ => Err(type_error(Op::Mul, a, b)),
    }
}

/// `a / b`: Numbers (at least 28 significant digits), and Currency / Number.
pub fn div(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Number(x), Value::Number(y)) = (a, b) {
        if y.is_zero() {
            return Err(division_by_zero());
        }
        return number(x.checked_div(*y));
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Currency(c), Value::Number(n)) => {
            if n.is_zero() {
                return Err(division_by_zero());
            }
            let amount = c.amount.checked_div(*n).ok_or_else(overflow)?;
            Ok(Value::Currency(money::make(amount, c.code, c.precision)?))
        }
        _ => Err(type_error(Op::Div, a, b)),
    }
}

/// `a % b`: the remainder of truncated division of two Numbers; its sign is
/// the dividend's.
pub fn rem(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Number(x), Value::Number(y)) = (a, b) {
        if y.is_zero() {
            return Err(division_by_zero());
        }
        return number(x.checked_rem(*y));
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        _ => Err(type_error(Op::Rem, a, b)),
    }
}

/// Unary `-`: negates a Number or a Currency; `-NULL` is `NULL`.
pub fn neg(a: &Value) -> Result<Value> {
    match a {
        Value::Number(n) => Ok(Value::Number(-*n)),
        Value::Null => Ok(Value::Null),
        Value::Currency(c) => Ok(Value::Currency(Currency {
            amount: -c.amount,
            ..*c
        })),
        other => Err(
            Error::type_error(format!("cannot negate {}", other.type_name()))
                .with_help("unary - applies to a Number or a Currency"),
        ),
    }
}

/// Unary `+`: the identity on a Number or a Currency; `+NULL` is `NULL`.
pub fn plus(a: &Value) -> Result<Value> {
    match a {
        Value::Number(_) | Value::Currency(_) | Value::Null => Ok(a.clone()),
        other => Err(Error::type_error(format!(
            "unary + needs a Number or a Currency, found {}",
            other.type_name()
        ))),
    }
}

/// Same-code Currency sum or difference, at the larger of the two precisions.
fn currency_sum(op: Op, x: &Currency, y: &Currency) -> Result<Value> {
    if x.code != y.code {
        return Err(Error::type_error(format!(
            "cannot {} Currency in {} and Currency in {}",
            op.verb(),
            x.code,
            y.code
        ))
        .with_help("currencies of different codes do not mix; convert one of them first"));
    }
    let amount = match op {
        Op::Add => x.amount.checked_add(y.amount),
        _ => x.amount.checked_sub(y.amount),
    };
    let amount = amount.ok_or_else(overflow)?;
    let precision = x.precision.max(y.precision);
    Ok(Value::Currency(money::make(amount, x.code, precision)?))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl Op {
    fn verb(self) -> &'static str {
        match self {
            Op::Add => "add",
            Op::Sub => "subtract",
            Op::Mul => "multiply",
            Op::Div => "divide",
            Op::Rem => "take the remainder of",
        }
    }
}

/// `TypeError: cannot add Number and Text`, with a hint where one helps.
fn type_error(op: Op, a: &Value, b: &Value) -> Error {
    let (ta, tb) = (a.type_name(), b.type_name());
    let message = match op {
        Op::Add => format!("cannot add {ta} and {tb}"),
        Op::Sub => format!("cannot subtract {tb} from {ta}"),
        Op::Mul => format!("cannot multiply {ta} by {tb}"),
        Op::Div => format!("cannot divide {ta} by {tb}"),
        Op::Rem => format!("cannot take the remainder of {ta} divided by {tb} (%)"),
    };
    let err = Error::type_error(message);
    match help(op, a.type_of(), b.type_of()) {
        Some(h) => err.with_help(h),
        None => err,
    }
}

fn help(op: Op, a: Type, b: Type) -> Option<&'static str> {
    use Type::*;
    let either = |t: Type| a == t || b == t;
    if either(Date) {
        return Some(if op == Op::Sub && a == Date && b == Date {
            "use DAYS or DATE_DELTA to measure the time between two dates"
        } else {
            "dates take no arithmetic operators: use ADD_TO_DATE or SUBTRACT_FROM_DATE"
        });
    }
    if either(DateTime) {
        return Some(if op == Op::Sub && a == DateTime && b == DateTime {
            "use DATETIME_DELTA to measure the time between two DateTimes"
        } else {
            "DateTimes take no arithmetic operators: use ADD_TO_DATETIME or SUBTRACT_FROM_DATETIME"
        });
    }
    if either(Time) {
        return Some("Times take no arithmetic operators: use TIME_DELTA or UPDATE_TIME");
    }
    match (op, a, b) {
        (Op::Add, Text, _) | (Op::Add, _, Text) => {
            Some("use interpolation \"{{a}}{{b}}\" or CONCAT to join text and numbers")
        }
        (Op::Add, List, _) | (Op::Add, _, List) => {
            Some("+ joins two Lists: wrap a single item in a list, as in list + [item]")
        }
        (_, Text, _) | (_, _, Text) => {
            Some("Text is never read as a Number; convert it explicitly first")
        }
        (Op::Div, Currency, Currency) => {
            Some("divide the amounts (a.amount / b.amount) to get a ratio")
        }
        (Op::Add | Op::Sub, Currency, Number) | (Op::Add | Op::Sub, Number, Currency) => {
            Some("add or subtract a Currency of the same code, e.g. CURRENCY(100, \"USD\")")
        }
        (Op::Div, Number, Currency) => Some("only a Currency divided by a Number is allowed"),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
