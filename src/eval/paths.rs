//! Path steps (language.md §5.7). Steps never raise: finding nothing is `NULL`.

use rust_decimal::Decimal;

use crate::value::{fields, number, Value};

/// `.name` / `["name"]`: an object's key, a record's field; over a List, the
/// same step applied to each item (projection, recursively).
pub fn field(v: &Value, key: &str) -> Value {
    match v {
        Value::List(items) => Value::list(items.iter().map(|i| field(i, key)).collect()),
        Value::Object(o) => o.get(key).cloned().unwrap_or(Value::Null),
        other => fields::field(other, key),
    }
}

/// `.a.b.c`: name steps walked by reference through objects; only the final
/// value is cloned. Lists (projection) and records take the general path.
pub fn field_path(v: &Value, keys: &[std::sync::Arc<str>]) -> Value {
    static NULL: Value = Value::Null;
    let mut cur = v;
    for (i, key) in keys.iter().enumerate() {
        match cur {
            Value::Object(o) => cur = o.get(&**key).unwrap_or(&NULL),
            Value::Null => return Value::Null,
            other => {
                let mut owned = field(other, key);
                for k in &keys[i + 1..] {
                    owned = field(&owned, k);
                }
                return owned;
            }
        }
    }
    cur.clone()
}

/// `[n]`: the n-th item (negative counts from the end); a Text index is a key step.
pub fn index(v: &Value, i: &Value) -> Value {
    match (v, i) {
        (Value::List(items), Value::Number(n)) => resolve(*n, items.len())
            .and_then(|k| items.get(k))
            .cloned()
            .unwrap_or(Value::Null),
        (_, Value::Text(key)) => field(v, key),
        _ => Value::Null,
    }
}

/// An index counted from the end when negative, or `None` when out of range.
fn resolve(n: Decimal, len: usize) -> Option<usize> {
    let n = number::to_whole(n)?;
    let k = if n < 0 { len as i64 + n } else { n };
    usize::try_from(k).ok().filter(|&k| k < len)
}

/// `[a:b]`, both ends included; bounds clamp; a start after the end gives `[]`.
pub fn slice(v: &Value, a: &Value, b: &Value) -> Value {
    let Value::List(items) = v else {
        return Value::Null;
    };
    let len = items.len() as i64;
    let bound = |x: &Value, default: i64| -> Option<i64> {
        match x {
            Value::Null => Some(default),
            Value::Number(n) => {
                let n = number::to_whole(*n)?;
                Some(if n < 0 { len + n } else { n })
            }
            _ => None,
        }
    };
    let (Some(start), Some(end)) = (bound(a, 0), bound(b, len - 1)) else {
        return Value::Null;
    };
    let start = start.max(0);
    let end = end.min(len - 1);
    if start > end {
        return Value::list(Vec::new());
    }
    Value::list(items[start as usize..=end as usize].to_vec())
}

/// `[*]`: a List itself, an Object's values.
pub fn wildcard(v: &Value) -> Value {
    match v {
        Value::List(_) => v.clone(),
        Value::Object(o) => Value::list(o.values().cloned().collect()),
        _ => Value::Null,
    }
}
