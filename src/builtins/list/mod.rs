//! Built-ins of the list category (functions-text-data.md §3).

use rand::seq::SliceRandom;

use super::args::{Collection, ListOrObject, Nullable, TextOrList, Whole};
use super::conditional::is_empty;
use super::format::render::render_to;
use super::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;
use crate::value::{ObjectMap, Value};

const L: Category = Category::List;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "CONTAINS",
        L,
        &[sig!(contains(collection: Nullable<TextOrList>, value: &Value) -> BOOLEAN)],
        "whether a List has the item, or a Text has the part",
    ),
    FunctionSpec::new(
        "FIRST",
        L,
        &[sig!(first(list: &[Value], count: Option<Whole>) -> ANY)],
        "the first item, or a list of the first count items",
    ),
    FunctionSpec::new(
        "FLAT",
        L,
        &[sig!(flat(list: &[Value], depth: Option<Whole>) -> LIST)],
        "nested lists opened one level (or depth levels)",
    ),
    FunctionSpec::new(
        "JOIN",
        L,
        &[sig!(join(list: &[Value], separator: Nullable<&str>) -> TEXT)],
        "the items rendered as text, with the separator between them",
    ),
    FunctionSpec::new(
        "LAST",
        L,
        &[sig!(last(list: &[Value], count: Option<Whole>) -> ANY)],
        "the last item, or a list of the last count items",
    ),
    FunctionSpec::new(
        "LENGTH",
        L,
        &[sig!(length(value: Nullable<Collection>) -> NUMBER)],
        "characters of a Text, items of a List, keys of an Object",
    ),
    FunctionSpec::new(
        "REMOVE_EMPTY",
        L,
        &[sig!(remove_empty(collection: ListOrObject) -> LIST | OBJECT)],
        "the List or Object without its empty values",
    ),
    FunctionSpec::new(
        "REVERSE",
        L,
        &[sig!(reverse(value: TextOrList) -> LIST | TEXT)],
        "a List or Text in reverse order",
    ),
    FunctionSpec::new(
        "SHUFFLE",
        L,
        &[sig!(shuffle(list: &[Value]) -> LIST)],
        "the items of the list in random order",
    )
    .volatile(),
];

fn contains(cx: &CallCtx<'_>, collection: Nullable<TextOrList>, needle: &Value) -> Result<bool> {
    Ok(match collection.0 {
        None => false,
        Some(TextOrList::List(items)) => items.iter().any(|v| v == needle),
        Some(TextOrList::Text(hay)) => match needle {
            Value::Null => false,
            Value::Text(part) => hay.contains(&**part),
            other => return Err(cx.type_error(1, "Text", other)),
        },
    })
}

/// FIRST and LAST: one item without a count, a List of `count` items with one.
fn take(cx: &CallCtx<'_>, items: &[Value], count: Option<Whole>, from_end: bool) -> Result<Value> {
    let Some(count) = count else {
        let item = if from_end {
            items.last()
        } else {
            items.first()
        };
        return Ok(item.cloned().unwrap_or(Value::Null));
    };
    let count = cx.at_least(1, count.0, 0)?;
    let count = usize::try_from(count)
        .unwrap_or(usize::MAX)
        .min(items.len());
    let slice = if from_end {
        items.get(items.len() - count..)
    } else {
        items.get(..count)
    };
    Ok(Value::list(slice.unwrap_or_default().to_vec()))
}

fn first(cx: &CallCtx<'_>, items: &[Value], count: Option<Whole>) -> Result<Value> {
    take(cx, items, count, false)
}

fn last(cx: &CallCtx<'_>, items: &[Value], count: Option<Whole>) -> Result<Value> {
    take(cx, items, count, true)
}

fn flat(cx: &CallCtx<'_>, items: &[Value], depth: Option<Whole>) -> Result<Value> {
    let depth = match depth {
        Some(d) => cx.at_least(1, d.0, 0)?,
        None => 1,
    };
    let mut current = items.to_vec();
    for _ in 0..depth {
        if !current.iter().any(|v| matches!(v, Value::List(_))) {
            break;
        }
        let mut next = Vec::with_capacity(current.len());
        for v in current {
            match v {
                Value::List(inner) => next.extend(inner.iter().cloned()),
                other => next.push(other),
            }
        }
        current = next;
    }
    Ok(Value::list(current))
}

fn join(cx: &CallCtx<'_>, items: &[Value], sep: Nullable<&str>) -> Result<String> {
    let sep = sep.0.unwrap_or("");
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        render_to(v, &mut out, cx.session);
        cx.check_text_size(out.len() as u128)?;
    }
    Ok(out)
}

fn length(_: &CallCtx<'_>, value: Nullable<Collection>) -> i64 {
    (match value.0 {
        None => 0,
        Some(Collection::Text(t)) => t.chars().count(),
        Some(Collection::List(l)) => l.len(),
        Some(Collection::Object(o)) => o.len(),
    }) as i64
}

fn remove_empty(_: &CallCtx<'_>, collection: ListOrObject) -> Value {
    match collection {
        ListOrObject::List(l) => Value::list(l.iter().filter(|v| !is_empty(v)).cloned().collect()),
        ListOrObject::Object(o) => {
            let kept: ObjectMap = o
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::object(kept)
        }
    }
}

fn reverse(_: &CallCtx<'_>, value: TextOrList) -> Value {
    match value {
        TextOrList::List(l) => Value::list(l.iter().rev().cloned().collect()),
        TextOrList::Text(t) => Value::from(t.chars().rev().collect::<String>()),
    }
}

fn shuffle(_: &CallCtx<'_>, items: &[Value]) -> Value {
    let mut v = items.to_vec();
    v.shuffle(&mut rand::rng());
    Value::list(v)
}

#[cfg(test)]
mod tests;
