//! TEMPORARY stub (replaced by the value branch).
use super::Value;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
pub fn check_range(n: Decimal) -> Result<Decimal> {
    Ok(n)
}
fn num(a: &Value, b: &Value, f: fn(Decimal, Decimal) -> Option<Decimal>) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Number(x), Value::Number(y)) => f(*x, *y)
            .map(Value::Number)
            .ok_or_else(|| Error::arithmetic("division by zero")),
        _ => Err(Error::type_error(format!(
            "cannot combine {} and {}",
            a.type_name(),
            b.type_name()
        ))),
    }
}
pub fn add(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| x.checked_add(y))
}
pub fn sub(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| x.checked_sub(y))
}
pub fn mul(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| x.checked_mul(y))
}
pub fn div(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| x.checked_div(y))
}
pub fn rem(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| x.checked_rem(y))
}
pub fn neg(a: &Value) -> Result<Value> {
    num(&Value::Number(Decimal::ZERO), a, |x, y| x.checked_sub(y))
}
pub fn plus(a: &Value) -> Result<Value> {
    Ok(a.clone())
}
