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
        // (index binding value, item) pairs, before any clause runs.
        let elements: Vec<(Value, Value)> = match &source {
            Value::Null => Vec::new(),
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::from(i as i64), v.clone()))
                .collect(),
            Value::Object(o) => o
                .iter()
                .map(|(k, v)| (Value::Text(k.clone()), v.clone()))
                .collect(),
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

        let mut kept = Vec::with_capacity(elements.len());
        for (index, item) in elements {
            if let Some(filter) = &q.filter {
                self.bind(q, &index, &item);
                if !self.truthy(filter)? {
                    continue;
                }
            }
            kept.push((index, item));
        }

        if let Some((key, descending)) = &q.order_by {
            let mut keyed = Vec::with_capacity(kept.len());
            for (index, item) in kept {
                self.bind(q, &index, &item);
                let k = self.eval(key)?;
                keyed.push((k, (index, item)));
            }
            if *descending {
                keyed.sort_by(|a, b| order::sort_cmp(&b.0, &a.0));
            } else {
                keyed.sort_by(|a, b| order::sort_cmp(&a.0, &b.0));
            }
            kept = keyed.into_iter().map(|(_, e)| e).collect();
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

        match &q.select {
            Select::Item => Ok(Value::list(
                kept.into_iter().map(|(_, item)| item).collect(),
            )),
            Select::Value { distinct, node } => {
                let mut out: Vec<Value> = Vec::with_capacity(kept.len());
                for (index, item) in &kept {
                    self.bind(q, index, item);
                    let v = self.eval(node)?;
                    if *distinct && out.contains(&v) {
                        continue;
                    }
                    out.push(v);
                }
                Ok(Value::list(out))
            }
            Select::KeyValue { key, value } => {
                let mut map = ObjectMap::default();
                for (index, item) in &kept {
                    self.bind(q, index, item);
                    let k: Arc<str> = self.key(key)?;
                    let v = self.eval(value)?;
                    map.insert(k, v);
                }
                Ok(Value::object(map))
            }
        }
    }

    fn bind(&mut self, q: &Query, index: &Value, item: &Value) {
        self.set_local(q.item, item.clone());
        if let Some(slot) = q.index {
            self.set_local(slot, index.clone());
        }
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
