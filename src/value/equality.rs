//! Deep, type-strict equality (decisions §5, language.md §3.3). Never fails.

use std::sync::Arc;

use smallvec::SmallVec;

use super::{Asset, Value};

impl PartialEq for Value {
    /// Compares with a loop over pairs still to compare, never recursing, so
    /// values of any depth compare without touching the native stack.
    fn eq(&self, other: &Value) -> bool {
        let mut pending: SmallVec<[(&Value, &Value); 8]> = SmallVec::new();
        pending.push((self, other));
        while let Some((a, b)) = pending.pop() {
            match (a, b) {
                (Value::List(a), Value::List(b)) => {
                    if Arc::ptr_eq(a, b) {
                        continue;
                    }
                    if a.len() != b.len() {
                        return false;
                    }
                    pending.extend(a.iter().zip(b.iter()));
                }
                (Value::Object(a), Value::Object(b)) => {
                    if Arc::ptr_eq(a, b) {
                        continue;
                    }
                    if a.len() != b.len() {
                        return false;
                    }
                    for (k, v) in a.iter() {
                        match b.get(k) {
                            Some(w) => pending.push((v, w)),
                            None => return false,
                        }
                    }
                }
                _ => {
                    if !scalar_eq(a, b) {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Equality of two values that are not both Lists or both Objects.
fn scalar_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::Text(a), Value::Text(b)) => a == b,
        (Value::Date(a), Value::Date(b)) => a == b,
        (Value::Time(a), Value::Time(b)) => a == b,
        (Value::DateTime(a), Value::DateTime(b)) => a.timestamp() == b.timestamp(),
        (Value::Currency(a), Value::Currency(b)) => a.code == b.code && a.amount == b.amount,
        (Value::Asset(a), Value::Asset(b)) => {
            // functions-text-data.md §10.1: equal when uri, name and type are.
            let field = |x: &Asset, k: &str| x.record.get(k).cloned();
            a.uri == b.uri
                && field(a, "name") == field(b, "name")
                && field(a, "type") == field(b, "type")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::testing::{money, n, obj};
    use crate::value::ObjectMap;

    use std::sync::Arc;

    fn asset(uri: &str, name: &str, size: i64) -> Value {
        let mut record = ObjectMap::default();
        record.insert("uri".into(), Value::text(uri));
        record.insert("name".into(), Value::text(name));
        record.insert("type".into(), Value::text("text/plain"));
        record.insert("size".into(), Value::from(size));
        Value::Asset(Arc::new(Asset {
            uri: uri.into(),
            record,
            labelled: true,
        }))
    }

    #[test]
    fn equal_pairs() {
        assert_eq!(Value::Null, Value::Null);
        assert_eq!(n("1"), n("1.000"));
        assert_eq!(Value::list(vec![n("1")]), Value::list(vec![n("1.0")]));
        assert_eq!(
            obj(&[("a", n("1")), ("b", n("2"))]),
            obj(&[("b", n("2")), ("a", n("1"))])
        );
        assert_eq!(money("1", "USD", 0), money("1.00", "USD", 2));
        assert_eq!(asset("data:,a", "x.txt", 1), asset("data:,a", "x.txt", 2));
    }

    #[test]
    fn unequal_pairs() {
        let pairs = [
            (n("2"), Value::text("2")),
            (n("0"), Value::Bool(false)),
            (Value::Null, Value::text("")),
            (Value::list(vec![]), obj(&[])),
            (
                Value::list(vec![n("1"), n("2")]),
                Value::list(vec![n("2"), n("1")]),
            ),
            (obj(&[("a", Value::Null)]), obj(&[])),
            (Value::text("Airscript"), Value::text("airscript")),
            (money("1", "USD", 0), money("1", "CAD", 0)),
            (
                Value::Time(jiff::civil::time(9, 0, 0, 0)),
                Value::Time(jiff::civil::time(9, 0, 0, 1_000_000)),
            ),
            (asset("data:,a", "x.txt", 1), asset("data:,a", "y.txt", 1)),
            (
                Value::Date(jiff::civil::date(2021, 1, 1)),
                obj(&[("year", n("2021")), ("month", n("1")), ("day", n("1"))]),
            ),
        ];
        for (a, b) in pairs {
            assert_ne!(a, b, "{a} = {b}");
            assert_ne!(b, a, "{b} = {a}");
        }
    }
}
