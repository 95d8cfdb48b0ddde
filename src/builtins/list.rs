//! Built-ins of the list category (functions-text-data.md §3).

use rand::seq::SliceRandom;

use super::args::{any_null, arg, check_text_size, list, text, type_error, whole_at_least};
use super::conditional::is_empty;
use super::{opt, req, CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::value::render::render_to;
use crate::value::{ObjectMap, Value};

const L: Category = Category::List;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure(
        "CONTAINS",
        L,
        &[req("collection"), req("value")],
        contains,
        "whether a List has the item, or a Text has the part",
    ),
    FunctionSpec::pure(
        "FIRST",
        L,
        &[req("list"), opt("count")],
        first,
        "the first item, or a list of the first count items",
    ),
    FunctionSpec::pure(
        "FLAT",
        L,
        &[req("list"), opt("depth")],
        flat,
        "nested lists opened one level (or depth levels)",
    ),
    FunctionSpec::pure(
        "JOIN",
        L,
        &[req("list"), req("separator")],
        join,
        "the items rendered as text, with the separator between them",
    ),
    FunctionSpec::pure(
        "LAST",
        L,
        &[req("list"), opt("count")],
        last,
        "the last item, or a list of the last count items",
    ),
    FunctionSpec::pure(
        "LENGTH",
        L,
        &[req("value")],
        length,
        "characters of a Text, items of a List, keys of an Object",
    ),
    FunctionSpec::pure(
        "REMOVE_EMPTY",
        L,
        &[req("collection")],
        remove_empty,
        "the List or Object without its empty values",
    ),
    FunctionSpec::pure(
        "REVERSE",
        L,
        &[req("value")],
        reverse,
        "a List or Text in reverse order",
    ),
    FunctionSpec::pure(
        "SHUFFLE",
        L,
        &[req("list")],
        shuffle,
        "the items of the list in random order",
    )
    .volatile(),
];

fn contains(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "CONTAINS";
    let needle = arg(args, 1);
    let found = match arg(args, 0) {
        Value::Null => false,
        Value::List(items) => items.iter().any(|v| v == needle),
        Value::Text(hay) => match text(args, 1, F)? {
            Some(part) => hay.contains(part),
            None => false,
        },
        other => return Err(type_error(F, 0, "List or Text", other)),
    };
    Ok(Value::Bool(found))
}

/// FIRST and LAST: one item without a count, a List of `count` items with one.
fn take(args: &[Value], f: &str, from_end: bool) -> Result<Value> {
    let Some(items) = list(args, 0, f)? else {
        return Ok(Value::Null);
    };
    let Some(count) = whole_at_least(args, 1, f, 0)? else {
        let item = if from_end {
            items.last()
        } else {
            items.first()
        };
        return Ok(item.cloned().unwrap_or(Value::Null));
    };
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

fn first(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    take(args, "FIRST", false)
}

fn last(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    take(args, "LAST", true)
}

fn flat(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "FLAT";
    let Some(items) = list(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let depth = whole_at_least(args, 1, F, 0)?.unwrap_or(1);
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

fn join(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "JOIN";
    if any_null(args, 1) {
        return Ok(Value::Null);
    }
    let items = list(args, 0, F)?.unwrap_or_default();
    let sep = text(args, 1, F)?.unwrap_or("");
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        render_to(v, &mut out, ctx.session);
        check_text_size(F, out.len() as u128)?;
    }
    Ok(Value::from(out))
}

fn length(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let n = match arg(args, 0) {
        Value::Null => 0,
        Value::Text(t) => t.chars().count(),
        Value::List(l) => l.len(),
        Value::Object(o) => o.len(),
        other => return Err(type_error("LENGTH", 0, "Text, List or Object", other)),
    };
    Ok(Value::from(n as i64))
}

fn remove_empty(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(match arg(args, 0) {
        Value::Null => Value::Null,
        Value::List(l) => Value::list(l.iter().filter(|v| !is_empty(v)).cloned().collect()),
        Value::Object(o) => {
            let kept: ObjectMap = o
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::object(kept)
        }
        other => return Err(type_error("REMOVE_EMPTY", 0, "List or Object", other)),
    })
}

fn reverse(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(match arg(args, 0) {
        Value::Null => Value::Null,
        Value::List(l) => Value::list(l.iter().rev().cloned().collect()),
        Value::Text(t) => Value::from(t.chars().rev().collect::<String>()),
        other => return Err(type_error("REVERSE", 0, "List or Text", other)),
    })
}

fn shuffle(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let Some(items) = list(args, 0, "SHUFFLE")? else {
        return Ok(Value::Null);
    };
    let mut v = items.to_vec();
    v.shuffle(&mut rand::rng());
    Ok(Value::list(v))
}

#[cfg(test)]
mod tests;
