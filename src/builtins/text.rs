//! Built-ins of the text category (functions-text-data.md §2). Characters are
//! Unicode scalar values; positions are 0-based.

use super::args::{
    any_null, arg, check_text_size, domain_error, option_word, text, truncated, whole,
    whole_at_least,
};
use super::{opt, req, rest, CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::value::render::render_to;
use crate::value::Value;

mod collate;
#[cfg(test)]
mod tests;

const T: Category = Category::Text;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure(
        "CAPITALIZE",
        T,
        &[req("text")],
        capitalize,
        "the text with its first character upper-cased",
    ),
    FunctionSpec::pure(
        "CONCAT",
        T,
        &[req("value"), rest("value")],
        concat,
        "the values rendered as text and joined",
    ),
    FunctionSpec::pure(
        "ISSTRING",
        T,
        &[req("value")],
        isstring,
        "whether the value is Text",
    ),
    FunctionSpec::pure(
        "LOWERCASE",
        T,
        &[req("text")],
        lowercase,
        "the text in lower case",
    ),
    FunctionSpec::pure(
        "UPPERCASE",
        T,
        &[req("text")],
        uppercase,
        "the text in upper case",
    ),
    FunctionSpec::pure(
        "PADSTRING",
        T,
        &[req("text"), req("length"), opt("pad"), opt("side")],
        padstring,
        "the text padded to a length",
    ),
    FunctionSpec::pure(
        "REPLACE",
        T,
        &[req("text"), req("search"), req("replacement")],
        replace,
        "the text with the first occurrence of search replaced",
    ),
    FunctionSpec::pure(
        "REPT",
        T,
        &[req("text"), req("count")],
        rept,
        "the text repeated count times",
    ),
    FunctionSpec::pure(
        "SPLIT",
        T,
        &[req("text"), opt("separator")],
        split,
        "the text cut into a list of pieces",
    ),
    FunctionSpec::pure(
        "STRING_COMPARE",
        T,
        &[req("a"), req("b")],
        string_compare,
        "-1, 0 or 1: the order of two texts in dictionary order",
    ),
    FunctionSpec::pure(
        "STRING_FIND",
        T,
        &[req("text"), req("search"), opt("start")],
        string_find,
        "the position of search in the text, or -1",
    ),
    FunctionSpec::pure(
        "STRIP",
        T,
        &[req("text"), opt("characters")],
        strip,
        "the text without the given characters (default: whitespace)",
    ),
    FunctionSpec::pure(
        "SUBSTITUTE",
        T,
        &[
            req("text"),
            req("search"),
            req("replacement"),
            opt("occurrence"),
        ],
        substitute,
        "the text with every (or the n-th) occurrence replaced",
    ),
    FunctionSpec::pure(
        "SUBSTRING",
        T,
        &[req("text"), req("start"), opt("end")],
        substring,
        "the characters from start (included) to end (excluded)",
    ),
    FunctionSpec::pure(
        "TITLECASE",
        T,
        &[req("text")],
        titlecase,
        "the text with every word capitalised",
    ),
    FunctionSpec::pure(
        "TRIM",
        T,
        &[req("text")],
        trim,
        "the text without leading and trailing whitespace",
    ),
];

/// Reads argument 0 as Text, or returns `NULL` from the calling function.
macro_rules! text0 {
    ($args:expr, $name:expr) => {
        match text($args, 0, $name)? {
            Some(t) => t,
            None => return Ok(Value::Null),
        }
    };
}

/// Reads a required Text argument already known not to be `NULL`.
fn req_text<'a>(args: &'a [Value], i: usize, name: &str) -> Result<&'a str> {
    Ok(text(args, i, name)?.unwrap_or(""))
}

fn capitalize(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let t = text0!(args, "CAPITALIZE");
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return Ok(Value::text(""));
    };
    let mut out: String = first.to_uppercase().collect();
    out.push_str(chars.as_str());
    Ok(Value::from(out))
}

fn concat(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let mut out = String::new();
    for a in args {
        render_to(a, &mut out, ctx.session);
        check_text_size("CONCAT", out.len() as u128)?;
    }
    Ok(Value::from(out))
}

fn isstring(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(arg(args, 0), Value::Text(_))))
}

fn lowercase(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::from(text0!(args, "LOWERCASE").to_lowercase()))
}

fn uppercase(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::from(text0!(args, "UPPERCASE").to_uppercase()))
}

fn padstring(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "PADSTRING";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let t = req_text(args, 0, F)?;
    let length = whole_at_least(args, 1, F, 0)?.unwrap_or(0);
    let pad = text(args, 2, F)?.unwrap_or(" ");
    if pad.is_empty() {
        return Err(domain_error(F, 2, "must not be empty"));
    }
    let at_end = matches!(
        option_word(args, 3, F, &["START", "LEFT", "END", "RIGHT"])?,
        Some(2 | 3)
    );
    let have = t.chars().count();
    let missing = usize::try_from(length)
        .unwrap_or(usize::MAX)
        .saturating_sub(have);
    if missing == 0 {
        return Ok(arg(args, 0).clone());
    }
    let max_char = pad.chars().map(char::len_utf8).max().unwrap_or(1);
    check_text_size(F, t.len() as u128 + missing as u128 * max_char as u128)?;
    let padding: String = pad.chars().cycle().take(missing).collect();
    let out = if at_end {
        format!("{t}{padding}")
    } else {
        format!("{padding}{t}")
    };
    Ok(Value::from(out))
}

fn replace(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "REPLACE";
    if any_null(args, 3) {
        return Ok(Value::Null);
    }
    let (t, search, rep) = (
        req_text(args, 0, F)?,
        req_text(args, 1, F)?,
        req_text(args, 2, F)?,
    );
    if search.is_empty() {
        return Ok(arg(args, 0).clone());
    }
    Ok(Value::from(t.replacen(search, rep, 1)))
}

fn rept(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "REPT";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let t = req_text(args, 0, F)?;
    let count = truncated(args, 1, F)?.unwrap_or(0);
    if count < 0 {
        return Err(domain_error(
            F,
            1,
            format!("must not be negative, got {count}"),
        ));
    }
    let count = count as u64;
    check_text_size(F, t.len() as u128 * u128::from(count))?;
    // The size check bounds count * len, so the cast cannot truncate a real need.
    Ok(Value::from(t.repeat(if t.is_empty() {
        0
    } else {
        count as usize
    })))
}

fn split(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "SPLIT";
    let t = text0!(args, F);
    let pieces: Vec<Value> = match text(args, 1, F)? {
        None => t.split_whitespace().map(Value::from).collect(),
        Some("") => t.chars().map(|c| Value::from(c.to_string())).collect(),
        Some(sep) => t.split(sep).map(Value::from).collect(),
    };
    Ok(Value::list(pieces))
}

fn string_compare(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "STRING_COMPARE";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let (a, b) = (req_text(args, 0, F)?, req_text(args, 1, F)?);
    Ok(Value::from(collate::compare(a, b) as i64))
}

/// Byte offset of the character at `pos` (or the end of the text).
fn byte_at(t: &str, pos: usize) -> usize {
    t.char_indices().nth(pos).map_or(t.len(), |(b, _)| b)
}

/// Resolves a possibly negative position against a length, clamped to `0..=len`.
fn resolve(pos: i64, len: usize) -> usize {
    let len_i = i64::try_from(len).unwrap_or(i64::MAX);
    let p = if pos < 0 {
        len_i.saturating_add(pos)
    } else {
        pos
    };
    usize::try_from(p.clamp(0, len_i)).unwrap_or(0)
}

fn string_find(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "STRING_FIND";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let (t, search) = (req_text(args, 0, F)?, req_text(args, 1, F)?);
    let len = t.chars().count();
    let start = whole(args, 2, F)?.unwrap_or(0);
    if start > 0 && usize::try_from(start).map_or(true, |s| s > len) {
        return Ok(Value::from(-1));
    }
    let start = resolve(start, len);
    let from = byte_at(t, start);
    let found = t.get(from..).and_then(|rest| rest.find(search));
    Ok(Value::from(match found {
        Some(b) => (start + t.get(from..from + b).map_or(0, |s| s.chars().count())) as i64,
        None => -1,
    }))
}

fn strip(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "STRIP";
    let t = text0!(args, F);
    let out: String = match text(args, 1, F)? {
        None => t.chars().filter(|c| !c.is_whitespace()).collect(),
        Some(set) => t.chars().filter(|c| !set.contains(*c)).collect(),
    };
    Ok(Value::from(out))
}

fn substitute(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "SUBSTITUTE";
    if any_null(args, 3) {
        return Ok(Value::Null);
    }
    let (t, search, rep) = (
        req_text(args, 0, F)?,
        req_text(args, 1, F)?,
        req_text(args, 2, F)?,
    );
    let occurrence = whole_at_least(args, 3, F, 1)?;
    if search.is_empty() {
        return Ok(arg(args, 0).clone());
    }
    let out = match occurrence {
        None => {
            let count = t.matches(search).count() as u128;
            let grown = (rep.len() as u128).saturating_sub(search.len() as u128);
            check_text_size(F, t.len() as u128 + count * grown)?;
            t.replace(search, rep)
        }
        Some(n) => match t
            .match_indices(search)
            .nth(usize::try_from(n - 1).unwrap_or(usize::MAX))
        {
            None => return Ok(arg(args, 0).clone()),
            Some((b, _)) => {
                let (head, tail) = (
                    t.get(..b).unwrap_or(""),
                    t.get(b + search.len()..).unwrap_or(""),
                );
                format!("{head}{rep}{tail}")
            }
        },
    };
    Ok(Value::from(out))
}

fn substring(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "SUBSTRING";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let t = req_text(args, 0, F)?;
    let len = t.chars().count();
    let start = resolve(whole(args, 1, F)?.unwrap_or(0), len);
    let end = match whole(args, 2, F)? {
        Some(e) => resolve(e, len),
        None => len,
    };
    if start >= end {
        return Ok(Value::text(""));
    }
    let out: String = t.chars().skip(start).take(end - start).collect();
    Ok(Value::from(out))
}

fn titlecase(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let t = text0!(args, "TITLECASE");
    let mut out = String::with_capacity(t.len());
    let mut after_letter = false;
    for c in t.chars() {
        if c.is_alphabetic() {
            if after_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            after_letter = true;
        } else {
            out.push(c);
            after_letter = false;
        }
    }
    Ok(Value::from(out))
}

fn trim(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::from(text0!(args, "TRIM").trim()))
}
