//! Argument conversion for built-ins: one adapter per shape, so that functions
//! do not unpack `&[Value]` by hand.
//!
//! Every adapter takes the whole argument slice, the 0-based index and the
//! function's canonical name. An absent argument (an optional one not given)
//! reads as `NULL`. Adapters return `Ok(None)` for `NULL`, so a function writes
//!
//! ```text
//! let Some(t) = text(args, 0, "UPPERCASE")? else { return Ok(Value::Null) };
//! ```
//!
//! Errors blame the argument with `.at_arg(i)` and name the parameter as the
//! registry declares it: `UPPERCASE expects Text for argument 1 (text), got Number`.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{lookup, spec};
use crate::error::{Error, Result};
use crate::value::Value;

/// The largest Text a built-in builds, in bytes (functions-text-data.md §1.1 "Size").
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// The largest List a built-in builds, in items (at least 1 000 000: RANGE).
pub const MAX_LIST_ITEMS: usize = 10_000_000;

/// The argument at `i`, or `NULL` when it was not given.
pub fn arg(args: &[Value], i: usize) -> &Value {
    const NULL: &Value = &Value::Null;
    args.get(i).unwrap_or(NULL)
}

/// Whether any of the first `n` arguments is `NULL` (the required ones): such a
/// call gives `NULL` without further checks (§1.1).
pub fn any_null(args: &[Value], n: usize) -> bool {
    args.iter().take(n).any(Value::is_null)
}

/// The declared name of parameter `i` of `fname` (the variadic one for later indexes).
pub fn param_name(fname: &str, i: usize) -> &'static str {
    lookup(fname)
        .map(spec)
        .and_then(|s| s.params.get(i).or(s.params.last()))
        .map_or("value", |p| p.name)
}

/// `FNAME expects EXPECTED for argument N (param), got TYPE`, blamed on argument `i`.
pub fn type_error(fname: &str, i: usize, expected: &str, got: &Value) -> Error {
    Error::type_error(format!(
        "{fname} expects {expected} for argument {} ({}), got {}",
        i + 1,
        param_name(fname, i),
        got.type_name()
    ))
    .at_arg(i)
}

/// An `ArgumentError` about argument `i`: `FNAME: argument N (param) MESSAGE`.
pub fn domain_error(fname: &str, i: usize, message: impl std::fmt::Display) -> Error {
    Error::argument(format!(
        "{fname}: argument {} ({}) {message}",
        i + 1,
        param_name(fname, i)
    ))
    .at_arg(i)
}

/// A Text argument.
pub fn text<'a>(args: &'a [Value], i: usize, fname: &str) -> Result<Option<&'a str>> {
    match arg(args, i) {
        Value::Null => Ok(None),
        Value::Text(t) => Ok(Some(t)),
        other => Err(type_error(fname, i, "Text", other)),
    }
}

/// A Number argument.
pub fn number(args: &[Value], i: usize, fname: &str) -> Result<Option<Decimal>> {
    match arg(args, i) {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(Some(*n)),
        other => Err(type_error(fname, i, "Number", other)),
    }
}

/// A List argument.
pub fn list<'a>(args: &'a [Value], i: usize, fname: &str) -> Result<Option<&'a [Value]>> {
    match arg(args, i) {
        Value::Null => Ok(None),
        Value::List(l) => Ok(Some(l)),
        other => Err(type_error(fname, i, "List", other)),
    }
}

/// `n` as an `i64`, saturating at the ends of the range (`n` has no fraction).
fn saturate(n: Decimal) -> i64 {
    n.to_i64().unwrap_or(if n.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// A whole-number argument: a Number with a zero fraction (`3.0` is `3`); a
/// fraction is an `ArgumentError`. Magnitudes beyond `i64` saturate, which is
/// right for positions, counts and depths (they clamp or hit a limit anyway).
pub fn whole(args: &[Value], i: usize, fname: &str) -> Result<Option<i64>> {
    match number(args, i, fname)? {
        None => Ok(None),
        Some(n) if n.fract().is_zero() => Ok(Some(saturate(n))),
        Some(n) => Err(domain_error(
            fname,
            i,
            format!(
                "must be a whole number, got {}",
                crate::value::number::plain(n)
            ),
        )),
    }
}

/// A whole-number argument that must be `>= min`.
pub fn whole_at_least(args: &[Value], i: usize, fname: &str, min: i64) -> Result<Option<i64>> {
    match whole(args, i, fname)? {
        Some(n) if n < min => Err(domain_error(
            fname,
            i,
            format!("must be at least {min}, got {n}"),
        )),
        other => Ok(other),
    }
}

/// A Number argument truncated toward zero (Excel's `REPT`, `ROUND` digits, ...).
pub fn truncated(args: &[Value], i: usize, fname: &str) -> Result<Option<i64>> {
    Ok(number(args, i, fname)?.map(|n| saturate(n.trunc())))
}

/// An option word (§1.6): Text matched case-insensitively against `words`;
/// gives the index of the match, `None` for `NULL`. An unknown word is an
/// `ArgumentError` listing the known ones.
pub fn option_word(args: &[Value], i: usize, fname: &str, words: &[&str]) -> Result<Option<usize>> {
    let Some(w) = text(args, i, fname)? else {
        return Ok(None);
    };
    match words.iter().position(|k| k.eq_ignore_ascii_case(w)) {
        Some(p) => Ok(Some(p)),
        None => Err(domain_error(
            fname,
            i,
            format!(
                "must be one of {}, got \"{w}\"",
                words
                    .iter()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Fails with a `LimitError` when a text of `bytes` bytes would be too large.
pub fn check_text_size(fname: &str, bytes: u128) -> Result<()> {
    if bytes > MAX_TEXT_BYTES as u128 {
        Err(Error::limit(format!(
            "{fname} would build a text of {bytes} bytes, over the limit of {MAX_TEXT_BYTES}"
        )))
    } else {
        Ok(())
    }
}

/// Fails with a `LimitError` when a list of `items` items would be too large.
pub fn check_list_size(fname: &str, items: u128) -> Result<()> {
    if items > MAX_LIST_ITEMS as u128 {
        Err(Error::limit(format!(
            "{fname} would build a list of {items} items, over the limit of {MAX_LIST_ITEMS}"
        )))
    } else {
        Ok(())
    }
}

/// A Number result, checked against the overflow bound `10^28` (`ArithmeticError`).
pub fn checked_result(fname: &str, n: Decimal) -> Result<Value> {
    const BOUND: Decimal = Decimal::from_parts(268_435_456, 1_042_612_833, 542_101_086, false, 0);
    if n.abs() >= BOUND {
        Err(Error::arithmetic(format!(
            "{fname}: the result is too large (10^28 or more)"
        )))
    } else {
        Ok(Value::Number(n))
    }
}

/// An `ArithmeticError` for a decimal operation that overflowed.
pub fn overflow(fname: &str) -> Error {
    Error::arithmetic(format!("{fname}: the result is too large (10^28 or more)"))
}

/// Helpers for the unit tests of the built-ins.
#[cfg(test)]
pub mod testing {
    use super::super::{CallCtx, NativeFn};
    use crate::error::{ErrorKind, Result};
    use crate::session::Session;
    use crate::value::Value;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// Calls a native function with a default session.
    pub fn call(f: NativeFn, args: &[Value]) -> Result<Value> {
        let session = Session::default();
        f(&CallCtx { session: &session }, args)
    }
    /// The error kind of a call that must fail.
    pub fn err(f: NativeFn, args: &[Value]) -> ErrorKind {
        match call(f, args) {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => e.kind(),
        }
    }
    pub fn t(s: &str) -> Value {
        Value::from(s)
    }
    /// A Number from its decimal text.
    pub fn n(s: &str) -> Value {
        Value::Number(Decimal::from_str(s).expect("test number"))
    }
    pub fn l(items: &[Value]) -> Value {
        Value::list(items.to_vec())
    }
    pub const NULL: Value = Value::Null;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn bound_is_ten_to_the_28() {
        let b = Decimal::from_parts(268_435_456, 1_042_612_833, 542_101_086, false, 0);
        assert_eq!(b.to_string(), format!("1{}", "0".repeat(28)));
        assert!(checked_result("X", b).is_err());
        assert!(checked_result("X", b - Decimal::ONE).is_ok());
    }

    #[test]
    fn text_adapter() {
        let args = [Value::from("a"), Value::Null, Value::from(5)];
        assert_eq!(text(&args, 0, "UPPERCASE").unwrap(), Some("a"));
        assert_eq!(text(&args, 1, "UPPERCASE").unwrap(), None);
        assert_eq!(text(&args, 9, "UPPERCASE").unwrap(), None);
        let e = text(&args, 2, "UPPERCASE").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert_eq!(e.arg(), Some(2));
        assert!(e
            .message()
            .starts_with("UPPERCASE expects Text for argument 3"));
        assert!(e.message().ends_with("got Number"));
    }

    #[test]
    fn whole_adapter() {
        let args = [
            Value::number(Decimal::new(30, 1)),
            Value::number(Decimal::new(25, 1)),
            Value::from("3"),
        ];
        assert_eq!(whole(&args, 0, "X").unwrap(), Some(3));
        let e = whole(&args, 1, "X").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Argument);
        assert_eq!(e.arg(), Some(1));
        assert_eq!(whole(&args, 2, "X").unwrap_err().kind(), ErrorKind::Type);
        assert_eq!(truncated(&args, 1, "X").unwrap(), Some(2));
        let big = [Value::number(Decimal::MAX)];
        assert_eq!(whole(&big, 0, "X").unwrap(), Some(i64::MAX));
        let neg = [Value::from(-1)];
        assert_eq!(
            whole_at_least(&neg, 0, "X", 0).unwrap_err().kind(),
            ErrorKind::Argument
        );
    }

    #[test]
    fn option_words() {
        let args = [Value::from("end"), Value::from("middle"), Value::from(1)];
        assert_eq!(
            option_word(&args, 0, "X", &["START", "END"]).unwrap(),
            Some(1)
        );
        assert_eq!(
            option_word(&args, 1, "X", &["START", "END"])
                .unwrap_err()
                .kind(),
            ErrorKind::Argument
        );
        assert_eq!(
            option_word(&args, 2, "X", &["START"]).unwrap_err().kind(),
            ErrorKind::Type
        );
        assert_eq!(option_word(&args, 3, "X", &["START"]).unwrap(), None);
    }
}
