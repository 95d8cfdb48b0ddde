//! Helpers shared by the unit tests of the math built-ins.

use rust_decimal::Decimal;

use crate::builtins::args::testing::call;
use crate::value::Value;

pub const TRUE: Value = Value::Bool(true);

/// The result of a call that must succeed.
pub fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).unwrap_or_else(|e| panic!("{f} fails: {e}"))
}

/// The Number a call must give, exactly as stored (trailing zeros and all).
pub fn num(f: &str, args: &[Value]) -> Decimal {
    match ok(f, args) {
        Value::Number(d) => d,
        other => panic!("{f} gives {other:?}, not a Number"),
    }
}

/// The stored digits of the Number a call gives: `"1.21"`, never `"1.2100"`.
pub fn digits(f: &str, args: &[Value]) -> String {
    num(f, args).to_string()
}
