//! TEMPORARY stub (replaced by the value branch).
use super::Value;
pub fn field(v: &Value, key: &str) -> Value {
    match v {
        Value::Object(o) => o.get(key).cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    }
}
