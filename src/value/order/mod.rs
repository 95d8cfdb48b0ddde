//! Ordering: the partial order of `<`, `<=`, `>`, `>=` (language.md §3.4) and
//! the total sort order of `ORDER BY` (§3.5).

use std::cmp::Ordering;

use super::Value;

/// How `a` orders against `b`, or `None` when the pair is not orderable:
/// two Numbers, Texts (by code point), Dates, Times, DateTimes (by instant) or
/// same-code Currencies (by quantity) are; anything else, `NULL` included, is not.
/// `a <= b` is `matches!(compare(a, b), Some(Less | Equal))`.
#[inline]
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Some(x.cmp(y)),
        (Value::Text(x), Value::Text(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Time(x), Value::Time(y)) => Some(x.cmp(y)),
        (Value::DateTime(x), Value::DateTime(y)) => Some(x.timestamp().cmp(&y.timestamp())),
        (Value::Currency(x), Value::Currency(y)) if x.code == y.code => {
            Some(x.amount.cmp(&y.amount))
        }
        _ => None,
    }
}

/// The rank of a type in the sort order.
fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::Text(_) => 3,
        Value::Date(_) => 4,
        Value::Time(_) => 5,
        Value::DateTime(_) => 6,
        Value::Currency(_) => 7,
        Value::List(_) => 8,
        Value::Object(_) => 9,
        Value::Asset(_) => 10,
    }
}

/// The total order used to sort: by type rank (Null < Boolean < Number < Text
/// < Date < Time < DateTime < Currency < List < Object < Asset), then within
/// the type: `FALSE` < `TRUE`, the §3.4 order, Currencies by code then
/// quantity, Lists lexicographically; Objects and Assets all tie.
pub fn sort_cmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Currency(x), Value::Currency(y)) => {
            x.code.cmp(&y.code).then_with(|| x.amount.cmp(&y.amount))
        }
        (Value::List(x), Value::List(y)) => crate::stack::guard(|| cmp_lists(x, y)),
        _ => match compare(a, b) {
            Some(o) => o,
            None => rank(a).cmp(&rank(b)),
        },
    }
}

fn cmp_lists(x: &[Value], y: &[Value]) -> Ordering {
    for (a, b) in x.iter().zip(y) {
        let o = sort_cmp(a, b);
        if o != Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len())
}

#[cfg(test)]
mod tests;
