//! TEMPORARY stub (replaced by the value branch).
use super::Value;
use crate::error::Result;
pub fn to_json(v: &Value) -> serde_json::Value {
    serde_json::Value::String(format!("{v:?}"))
}
pub fn from_json(j: &serde_json::Value) -> Result<Value> {
    Ok(match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.to_string().parse().unwrap_or_default()),
        serde_json::Value::String(s) => Value::text(s.as_str()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(from_json).collect::<Result<_>>()?),
        serde_json::Value::Object(o) => Value::object(
            o.iter()
                .map(|(k, v)| Ok((k.as_str().into(), from_json(v)?)))
                .collect::<Result<_>>()?,
        ),
    })
}
