//! Query expressions (language.md §5.11): a pipeline in written clause order.

use std::sync::Arc;

use super::Machine;
use crate::error::{Error, Result};
use crate::ir::{Query, Select};
use crate::span::Span;
use crate::value::{number, order, ObjectMap, Value};

impl Machine<'_> {
    pub(super) fn query(&mut self, q: &Query) -> Result<Value> {
        let source = self.eval(&q.source)?;
        let len = match &source {
            Value::Null => 0,
            Value::List(items) => items.len(),
            Value::Object(o) => o.len(),
            other => {
                return Err(Error::type_error(format!(
                    "a query needs a List or an Object to iterate over, got {}",
                    other.type_name()
                ))
                .with_span(q.source_span))
            }
        };
        if let Some(slot) = q.collection {
            self.set_local(slot, source.clone());
        }
        // The clauses pass positions in the source along: scratch memory of
        // the query's own, counted against the memory limit.
        let scratch = |n: usize| (n as u64).saturating_mul(std::mem::size_of::<usize>() as u64);
        self.budget
            .charge(scratch(len))
            .map_err(|e| e.with_span(q.span))?;

        let mut kept: Vec<usize> = Vec::with_capacity(len);
        for at in 0..len {
            if let Some(filter) = &q.filter {
                self.bind(q, &source, at);
                if !self.truthy(filter)? {
                    continue;
                }
            }
            kept.push(at);
        }

        if let Some((key, descending)) = &q.order_by {
            self.budget
                .charge(scratch(kept.len()).saturating_mul(4))
                .map_err(|e| e.with_span(q.span))?;
            let mut keyed = Vec::with_capacity(kept.len());
            for at in kept {
                self.bind(q, &source, at);
                let k = self.eval(key)?;
                keyed.push((k, at));
            }
            // Once the time is up, the comparator answers at once and the
            // sort winds down; the error is raised just after.
            let budget = &self.budget;
            keyed.sort_by(|a, b| {
                if budget.interrupted() {
                    std::cmp::Ordering::Equal
                } else if *descending {
                    order::sort_cmp(&b.0, &a.0)
                } else {
                    order::sort_cmp(&a.0, &b.0)
                }
            });
            self.budget.check_time_if_expired()?;
            kept = keyed.into_iter().map(|(_, at)| at).collect();
        }

        if let Some((limit, span)) = &q.limit {
            let count = self.eval(limit)?;
            let count = count_arg(&count, "LIMIT", *span)?;
            let skip = match &q.offset {
                Some((offset, span)) => {
                    let v = self.eval(offset)?;
                    count_arg(&v, "OFFSET", *span)?
                }
                None => 0,
            };
            kept = kept.into_iter().skip(skip).take(count).collect();
        }

        let result = match &q.select {
            Select::Item => Value::list(kept.iter().map(|&at| item_at(&source, at)).collect()),
            Select::Value { distinct, node } => {
                let mut out: Vec<Value> = Vec::with_capacity(kept.len());
                let mut weight = 0u64;
                for &at in &kept {
                    self.bind(q, &source, at);
                    let v = self.eval(node)?;
                    weight = weight.saturating_add(v.weight());
                    if weight > self.budget.max_memory() {
                        // Refused before it is all built: with this item the
                        // list is too heavy, and the check below says so.
                        out.push(v);
                        break;
                    }
                    if *distinct {
                        self.budget.ticks_n(out.len())?;
                        if out.contains(&v) {
                            continue;
                        }
                    }
                    out.push(v);
                }
                Value::list(out)
            }
            Select::KeyValue { key, value } => {
                let mut map = ObjectMap::default();
                for &at in &kept {
                    self.bind(q, &source, at);
                    let k: Arc<str> = self.key(key)?;
                    let v = self.eval(value)?;
                    map.insert(k, v);
                }
                Value::object(map)
            }
        };
        self.check_built(result, Some(q.span))
    }

    /// Binds the item (and the index, when the query names it) at position
    /// `at` of the source: a List's items by number, an Object's values by key.
    fn bind(&mut self, q: &Query, source: &Value, at: usize) {
        self.set_local(q.item, item_at(source, at));
        if let Some(slot) = q.index {
            let index = match source {
                Value::Object(o) => o
                    .get_index(at)
                    .map_or(Value::Null, |(k, _)| Value::Text(k.clone())),
                _ => Value::from(at as i64),
            };
            self.set_local(slot, index);
        }
    }
}

/// The item at position `at` of a query's source.
fn item_at(source: &Value, at: usize) -> Value {
    match source {
        Value::List(items) => items.get(at).cloned().unwrap_or(Value::Null),
        Value::Object(o) => o.get_index(at).map_or(Value::Null, |(_, v)| v.clone()),
        _ => Value::Null,
    }
}

/// A LIMIT or OFFSET value: a whole Number ≥ 0.
fn count_arg(v: &Value, clause: &str, span: Span) -> Result<usize> {
    let Value::Number(n) = v else {
        return Err(
            Error::type_error(format!("{clause} needs a Number, got {}", v.type_name()))
                .with_span(span),
        );
    };
    match number::to_whole(*n) {
        Some(k) if k >= 0 => Ok(usize::try_from(k).unwrap_or(usize::MAX)),
        _ => Err(Error::argument(format!(
            "{clause} needs a whole number of 0 or more, got {}",
            number::plain(*n)
        ))
        .with_span(span)),
    }
}
