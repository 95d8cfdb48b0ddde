//! Deep, type-strict equality (decisions §5, language.md §3.3). Never fails.

use super::Value;

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Text(a), Value::Text(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v == w))
            }
            (Value::Date(a), Value::Date(b)) => a == b,
            (Value::Time(a), Value::Time(b)) => a == b,
            (Value::DateTime(a), Value::DateTime(b)) => a.timestamp() == b.timestamp(),
            (Value::Currency(a), Value::Currency(b)) => a.code == b.code && a.amount == b.amount,
            (Value::Asset(a), Value::Asset(b)) => a == b,
            _ => false,
        }
    }
}
