//! Built-ins of the list category (functions-text-data.md §3).

use rand::RngExt;

use super::args::{Collection, ListOrObject, Nullable, TextOrList, Whole, MAX_LIST_ITEMS};
use super::conditional::is_empty;
use super::format::bounded::{self, chunks, render_capped, CHUNK};
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
        Some(TextOrList::List(items)) => {
            for v in items.iter() {
                if bounded::equal(cx, v, needle)? {
                    return Ok(true);
                }
            }
            false
        }
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
    Ok(Value::list(copied(cx, slice.unwrap_or_default())?))
}

/// The items, copied a block at a time with a tick for each block.
fn copied(cx: &CallCtx<'_>, items: &[Value]) -> Result<Vec<Value>> {
    let mut out = Vec::with_capacity(items.len());
    for block in items.chunks(BLOCK) {
        cx.budget.ticks_n(block.len())?;
        out.extend_from_slice(block);
    }
    Ok(out)
}

/// Items a loop over a List goes through between two ticks.
const BLOCK: usize = 4096;

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
    // One walk, depth first: a List item less than `depth` levels down is
    // opened, anything else kept. The walk meets each item once per place
    // it has in the output (shared parts as often as they appear), ticks
    // for each, and stops as soon as the output would be too long.
    let depth = usize::try_from(depth).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(items.len());
    let mut stack: Vec<std::slice::Iter<'_, Value>> = vec![items.iter()];
    while let Some(top) = stack.last_mut() {
        let Some(v) = top.next() else {
            stack.pop();
            continue;
        };
        cx.budget.tick()?;
        match v {
            Value::List(inner) if stack.len() <= depth => stack.push(inner.iter()),
            other => {
                if out.len() >= MAX_LIST_ITEMS {
                    cx.check_list_size(out.len() as u128 + 1)?;
                }
                out.push(other.clone());
            }
        }
    }
    Ok(Value::list(out))
}

fn join(cx: &CallCtx<'_>, items: &[Value], sep: Nullable<&str>) -> Result<String> {
    let sep = sep.0.unwrap_or("");
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            bounded::room_for(cx, &out, sep.len())?;
            out.push_str(sep);
        }
        render_capped(cx, v, &mut out)?;
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

fn remove_empty(cx: &CallCtx<'_>, collection: ListOrObject) -> Result<Value> {
    Ok(match collection {
        ListOrObject::List(l) => {
            let mut kept = Vec::new();
            for block in l.chunks(BLOCK) {
                cx.budget.ticks_n(block.len())?;
                kept.extend(block.iter().filter(|v| !is_empty(v)).cloned());
            }
            Value::list(kept)
        }
        ListOrObject::Object(o) => {
            let mut kept = ObjectMap::default();
            for (k, v) in o.iter() {
                cx.budget.tick()?;
                if !is_empty(v) {
                    kept.insert(k.clone(), v.clone());
                }
            }
            Value::object(kept)
        }
    })
}

fn reverse(cx: &CallCtx<'_>, value: TextOrList) -> Result<Value> {
    Ok(match value {
        TextOrList::List(l) => {
            let mut out = Vec::with_capacity(l.len());
            for block in l.rchunks(BLOCK) {
                cx.budget.ticks_n(block.len())?;
                out.extend(block.iter().rev().cloned());
            }
            Value::list(out)
        }
        TextOrList::Text(t) => {
            let pieces: Vec<&str> = chunks(t, CHUNK).collect();
            let mut out = String::with_capacity(t.len());
            for piece in pieces.into_iter().rev() {
                cx.budget.ticks_n(piece.len())?;
                out.extend(piece.chars().rev());
            }
            Value::from(out)
        }
    })
}

/// Fisher–Yates, a tick for each swap.
fn shuffle(cx: &CallCtx<'_>, items: &[Value]) -> Result<Value> {
    let mut v = copied(cx, items)?;
    let mut rng = rand::rng();
    for i in (1..v.len()).rev() {
        cx.budget.tick()?;
        v.swap(i, rng.random_range(0..=i));
    }
    Ok(Value::list(v))
}

#[cfg(test)]
mod tests;
