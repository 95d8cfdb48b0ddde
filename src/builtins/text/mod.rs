//! Built-ins of the text category (functions-text-data.md §2). Characters are
//! Unicode scalar values; positions are 0-based.

use std::sync::Arc;

use super::args::{Rest, Trunc, Whole, MAX_LIST_ITEMS};
use super::format::bounded::{chunks, render_capped, room_for, CHUNK};
use super::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

mod collate;
#[cfg(test)]
mod tests;

const T: Category = Category::Text;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "CAPITALIZE",
        T,
        &[sig!(capitalize(text: &str) -> TEXT)],
        "the text with its first character upper-cased",
    ),
    FunctionSpec::new(
        "CONCAT",
        T,
        &[sig!(concat(value: &Value, values: Rest) -> TEXT)],
        "the values rendered as text and joined",
    ),
    FunctionSpec::new(
        "ISSTRING",
        T,
        &[sig!(isstring(value: &Value) -> BOOLEAN)],
        "whether the value is Text",
    ),
    FunctionSpec::new(
        "LOWERCASE",
        T,
        &[sig!(lowercase(text: &str) -> TEXT)],
        "the text in lower case",
    ),
    FunctionSpec::new(
        "UPPERCASE",
        T,
        &[sig!(uppercase(text: &str) -> TEXT)],
        "the text in upper case",
    ),
    FunctionSpec::new(
        "PADSTRING",
        T,
        &[sig!(padstring(
            text: &Arc<str>,
            length: Whole,
            pad: Option<&str>,
            side: Option<&str>
        ) -> TEXT)],
        "the text padded to a length",
    ),
    FunctionSpec::new(
        "REPLACE",
        T,
        &[sig!(replace(text: &Arc<str>, search: &str, replacement: &str) -> TEXT)],
        "the text with the first occurrence of search replaced",
    ),
    FunctionSpec::new(
        "REPT",
        T,
        &[sig!(rept(text: &str, count: Trunc) -> TEXT)],
        "the text repeated count times",
    ),
    FunctionSpec::new(
        "SPLIT",
        T,
        &[sig!(split(text: &str, separator: Option<&str>) -> LIST)],
        "the text cut into a list of pieces",
    ),
    FunctionSpec::new(
        "STRING_COMPARE",
        T,
        &[sig!(string_compare(a: &str, b: &str) -> NUMBER)],
        "-1, 0 or 1: the order of two texts in dictionary order",
    ),
    FunctionSpec::new(
        "STRING_FIND",
        T,
        &[sig!(string_find(text: &str, search: &str, start: Option<Whole>) -> NUMBER)],
        "the position of search in the text, or -1",
    ),
    FunctionSpec::new(
        "STRIP",
        T,
        &[sig!(strip(text: &str, characters: Option<&str>) -> TEXT)],
        "the text without the given characters (default: whitespace)",
    ),
    FunctionSpec::new(
        "SUBSTITUTE",
        T,
        &[sig!(substitute(
            text: &Arc<str>,
            search: &str,
            replacement: &str,
            occurrence: Option<Whole>
        ) -> TEXT)],
        "the text with every (or the n-th) occurrence replaced",
    ),
    FunctionSpec::new(
        "SUBSTRING",
        T,
        &[sig!(substring(text: &str, start: Whole, end: Option<Whole>) -> TEXT)],
        "the characters from start (included) to end (excluded)",
    ),
    FunctionSpec::new(
        "TITLECASE",
        T,
        &[sig!(titlecase(text: &str) -> TEXT)],
        "the text with every word capitalised",
    ),
    FunctionSpec::new(
        "TRIM",
        T,
        &[sig!(trim(text: &str) -> TEXT)],
        "the text without leading and trailing whitespace",
    ),
];

fn capitalize(_: &CallCtx<'_>, t: &str) -> String {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().collect();
    out.push_str(chars.as_str());
    out
}

fn concat(cx: &CallCtx<'_>, first: &Value, rest: Rest<'_>) -> Result<String> {
    let mut out = String::new();
    for a in std::iter::once(first).chain(rest.0) {
        render_capped(cx, a, &mut out)?;
    }
    Ok(out)
}

fn isstring(_: &CallCtx<'_>, v: &Value) -> bool {
    matches!(v, Value::Text(_))
}

fn lowercase(_: &CallCtx<'_>, t: &str) -> String {
    t.to_lowercase()
}

/// A stretch at a time (upper-casing looks at no neighbour), stopping at
/// the size limit: it may lengthen a text up to three times.
fn uppercase(cx: &CallCtx<'_>, t: &str) -> Result<String> {
    let mut out = String::with_capacity(t.len());
    for piece in chunks(t, CHUNK) {
        cx.budget.ticks_n(piece.len())?;
        out.push_str(&piece.to_uppercase());
        room_for(cx, &out, 0)?;
    }
    Ok(out)
}

fn padstring(
    cx: &CallCtx<'_>,
    text: &Arc<str>,
    length: Whole,
    pad: Option<&str>,
    side: Option<&str>,
) -> Result<Value> {
    let length = cx.at_least(1, length.0, 0)?;
    let pad = pad.unwrap_or(" ");
    if pad.is_empty() {
        return Err(cx.domain_error(2, "must not be empty"));
    }
    let at_end = match side {
        Some(w) => cx.option_word(3, w, &["START", "LEFT", "END", "RIGHT"])? >= 2,
        None => false,
    };
    let have = text.chars().count();
    let missing = usize::try_from(length)
        .unwrap_or(usize::MAX)
        .saturating_sub(have);
    if missing == 0 {
        return Ok(Value::Text(text.clone()));
    }
    let max_char = pad.chars().map(char::len_utf8).max().unwrap_or(1);
    cx.check_text_size(text.len() as u128 + missing as u128 * max_char as u128)?;
    // Whole copies of the pad, then the characters the length still lacks.
    let pad_chars = pad.chars().count();
    let mut padding = pad.repeat(missing / pad_chars);
    padding.extend(pad.chars().take(missing % pad_chars));
    Ok(Value::from(if at_end {
        format!("{text}{padding}")
    } else {
        format!("{padding}{text}")
    }))
}

fn replace(cx: &CallCtx<'_>, text: &Arc<str>, search: &str, rep: &str) -> Result<Value> {
    if search.is_empty() {
        return Ok(Value::Text(text.clone()));
    }
    // The search is linear (two-way); the result is checked before it is built.
    cx.budget.ticks_n(text.len() + search.len())?;
    let Some(at) = text.find(search) else {
        return Ok(Value::Text(text.clone()));
    };
    cx.check_text_size(text.len() as u128 - search.len() as u128 + rep.len() as u128)?;
    let mut out = String::with_capacity(text.len() - search.len() + rep.len());
    out.push_str(&text[..at]);
    out.push_str(rep);
    out.push_str(&text[at + search.len()..]);
    Ok(Value::from(out))
}

fn rept(cx: &CallCtx<'_>, t: &str, count: Trunc) -> Result<String> {
    let count = count.0;
    if count < 0 {
        return Err(cx.domain_error(1, format!("must not be negative, got {count}")));
    }
    let count = count as u64;
    cx.check_text_size(t.len() as u128 * u128::from(count))?;
    // The size check bounds count * len, so the cast cannot truncate a real need.
    Ok(t.repeat(if t.is_empty() { 0 } else { count as usize }))
}

fn split(cx: &CallCtx<'_>, t: &str, sep: Option<&str>) -> Result<Value> {
    let mut pieces: Vec<Value> = Vec::new();
    // Each piece ticks the budget; the list stops at the size limit.
    let mut put = |piece: &str| -> Result<()> {
        cx.budget.ticks_n(piece.len() + 1)?;
        if pieces.len() >= MAX_LIST_ITEMS {
            cx.check_list_size(pieces.len() as u128 + 1)?;
        }
        pieces.push(Value::from(piece));
        Ok(())
    };
    match sep {
        // As `split_whitespace`, with a tick for every character (a long
        // run of spaces holds no piece to tick for).
        None => {
            let mut start = None;
            for (b, c) in t.char_indices() {
                cx.budget.tick()?;
                match (c.is_whitespace(), start) {
                    (true, Some(s)) => {
                        put(t.get(s..b).unwrap_or(""))?;
                        start = None;
                    }
                    (false, None) => start = Some(b),
                    _ => {}
                }
            }
            if let Some(s) = start {
                put(t.get(s..).unwrap_or(""))?;
            }
        }
        Some("") => {
            let mut buf = [0; 4];
            t.chars().try_for_each(|c| put(c.encode_utf8(&mut buf)))?
        }
        Some(sep) => t.split(sep).try_for_each(&mut put)?,
    }
    Ok(Value::list(pieces))
}

fn string_compare(_: &CallCtx<'_>, a: &str, b: &str) -> i64 {
    collate::compare(a, b) as i64
}

/// Byte offset of the character at `pos` (or the end of the text), found a
/// stretch at a time.
fn byte_at(cx: &CallCtx<'_>, t: &str, pos: usize) -> Result<usize> {
    let (mut bytes, mut left) = (0, pos);
    for piece in chunks(t, CHUNK) {
        cx.budget.ticks_n(piece.len())?;
        let n = piece.chars().count();
        if left < n {
            return Ok(bytes + piece.char_indices().nth(left).map_or(0, |(b, _)| b));
        }
        left -= n;
        bytes += piece.len();
    }
    Ok(t.len())
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

fn string_find(cx: &CallCtx<'_>, t: &str, search: &str, start: Option<Whole>) -> Result<i64> {
    let len = t.chars().count();
    let start = start.map_or(0, |w| w.0);
    if start > 0 && usize::try_from(start).map_or(true, |s| s > len) {
        return Ok(-1);
    }
    let start = resolve(start, len);
    let from = byte_at(cx, t, start)?;
    // `str::find` is linear (two-way search) in the text and the search.
    cx.budget.ticks_n(t.len() - from + search.len())?;
    let found = t.get(from..).and_then(|rest| rest.find(search));
    Ok(match found {
        Some(b) => (start + t.get(from..from + b).map_or(0, |s| s.chars().count())) as i64,
        None => -1,
    })
}

fn strip(cx: &CallCtx<'_>, t: &str, set: Option<&str>) -> Result<String> {
    // A long set is looked up in a bit set of code points, not scanned for
    // each character of the text.
    let long = match set {
        Some(s) if s.len() > 32 => Some(CharSet::of(cx, s)?),
        _ => None,
    };
    let keep = |c: char| match (set, &long) {
        (None, _) => !c.is_whitespace(),
        (Some(_), Some(long)) => !long.contains(c),
        (Some(set), None) => !set.contains(c),
    };
    let mut out = String::new();
    for piece in chunks(t, CHUNK) {
        cx.budget.ticks_n(piece.len())?;
        out.extend(piece.chars().filter(|&c| keep(c)));
    }
    Ok(out)
}

/// A set of characters: one bit per code point, built a stretch at a time.
struct CharSet(Vec<u64>);

impl CharSet {
    fn of(cx: &CallCtx<'_>, s: &str) -> Result<CharSet> {
        let mut bits = vec![0u64; (char::MAX as usize >> 6) + 1];
        for piece in chunks(s, CHUNK) {
            cx.budget.ticks_n(piece.len())?;
            for c in piece.chars() {
                bits[c as usize >> 6] |= 1 << (c as u32 & 63);
            }
        }
        Ok(CharSet(bits))
    }

    fn contains(&self, c: char) -> bool {
        self.0
            .get(c as usize >> 6)
            .is_some_and(|w| w & (1 << (c as u32 & 63)) != 0)
    }
}

fn substitute(
    cx: &CallCtx<'_>,
    text: &Arc<str>,
    search: &str,
    rep: &str,
    occurrence: Option<Whole>,
) -> Result<Value> {
    let t: &str = text;
    let occurrence = match occurrence {
        Some(w) => Some(cx.at_least(3, w.0, 1)?),
        None => None,
    };
    if search.is_empty() {
        return Ok(Value::Text(text.clone()));
    }
    let out = match occurrence {
        None => {
            // Built as the matches are found: each ticks, and the text
            // stops at the size limit.
            let mut out = String::new();
            let mut last = 0;
            for (b, _) in t.match_indices(search) {
                let kept = t.get(last..b).unwrap_or("");
                cx.budget.ticks_n(kept.len() + rep.len() + 1)?;
                room_for(cx, &out, kept.len() + rep.len())?;
                out.push_str(kept);
                out.push_str(rep);
                last = b + search.len();
            }
            let tail = t.get(last..).unwrap_or("");
            room_for(cx, &out, tail.len())?;
            out.push_str(tail);
            out
        }
        Some(n) => match nth_match(cx, t, search, usize::try_from(n - 1).unwrap_or(usize::MAX))? {
            None => return Ok(Value::Text(text.clone())),
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

/// The `n`-th (0-based) match of `search` in `t`, a tick for each match.
fn nth_match<'t>(
    cx: &CallCtx<'_>,
    t: &'t str,
    search: &str,
    n: usize,
) -> Result<Option<(usize, &'t str)>> {
    for (i, m) in t.match_indices(search).enumerate() {
        cx.budget.tick()?;
        if i == n {
            return Ok(Some(m));
        }
    }
    Ok(None)
}

fn substring(cx: &CallCtx<'_>, t: &str, start: Whole, end: Option<Whole>) -> Result<String> {
    let len = t.chars().count();
    let start = resolve(start.0, len);
    let end = match end {
        Some(e) => resolve(e.0, len),
        None => len,
    };
    if start >= end {
        return Ok(String::new());
    }
    let from = byte_at(cx, t, start)?;
    let rest = t.get(from..).unwrap_or("");
    let to = byte_at(cx, rest, end - start)?;
    Ok(rest.get(..to).unwrap_or("").to_owned())
}

fn titlecase(cx: &CallCtx<'_>, t: &str) -> Result<String> {
    let mut out = String::with_capacity(t.len());
    let mut after_letter = false;
    for piece in chunks(t, CHUNK) {
        cx.budget.ticks_n(piece.len())?;
        for c in piece.chars() {
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
        // Case mapping may lengthen a text (ß is SS).
        room_for(cx, &out, 0)?;
    }
    Ok(out)
}

fn trim<'a>(_: &CallCtx<'_>, t: &'a str) -> &'a str {
    t.trim()
}
