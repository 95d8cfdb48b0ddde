//! Output that stops at the size limit, and walks over values that look at
//! the clock: what the built-ins use so that one call on a large (or heavily
//! shared) value never runs past the time limit or builds more than a Text
//! may hold before finding out.
//!
//! A value may share one part many times (`[x, x]` doubled twenty times is
//! small in memory and a million `x` written out); every walk here counts
//! each part each time it meets it, as the output would, and ticks the
//! budget as it goes.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};

use super::render::render_to;
use crate::builtins::args::MAX_TEXT_BYTES;
use crate::builtins::CallCtx;
use crate::error::{Error, Result};
use crate::value::{number, Value};

/// The `LimitError` of a built-in whose text result would outgrow the limit.
pub fn text_too_large(cx: &CallCtx<'_>) -> Error {
    Error::limit(format!(
        "{} would build a text of more than {MAX_TEXT_BYTES} bytes (the limit)",
        cx.name()
    ))
}

/// Fails with the size `LimitError` unless `out` may still grow by `more` bytes.
#[inline]
pub fn room_for(cx: &CallCtx<'_>, out: &str, more: usize) -> Result<()> {
    if more > MAX_TEXT_BYTES.saturating_sub(out.len()) {
        Err(text_too_large(cx))
    } else {
        Ok(())
    }
}

/// The bytes a loop over a long text goes through between two ticks.
pub const CHUNK: usize = 1 << 16;

/// `s` cut into pieces of about `size` bytes (never inside a character), for
/// a loop that ticks the budget once a piece.
pub fn chunks(s: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = size.max(1).min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Digits of a number kept before the rest is summed up in one digit: more
/// than a Number's 28 significant digits and the one that rounds them.
pub const KEPT: usize = 30;

/// The significant digits of `int` then `frac` cut to [`KEPT`], with a
/// sticky `1` after them when a later digit is not zero, and the power of
/// ten that the cut took away: `int frac` as a whole number equals `digits`
/// times 10^`shift`, up to digits past the sticky one.
fn significant(int: &[u8], frac: &[u8]) -> (String, i64) {
    let mut kept = String::new();
    let mut dropped = 0usize;
    let mut sticky = false;
    for part in [int, frac] {
        let mut rest = part;
        if kept.is_empty() {
            rest = skip_zeros(rest);
        }
        let take = (KEPT - kept.len()).min(rest.len());
        kept.extend(rest[..take].iter().map(|&b| char::from(b)));
        let tail = &rest[take..];
        dropped += tail.len();
        sticky = sticky || !skip_zeros(tail).is_empty();
    }
    let dropped = i64::try_from(dropped).unwrap_or(i64::MAX / 4);
    if sticky {
        kept.push('1');
        (kept, dropped - 1)
    } else {
        (kept, dropped)
    }
}

/// `s` without its leading `'0'`s, compared a block at a time (the byte
/// loop would be slow on millions of zeros in an unoptimised build).
fn skip_zeros(mut s: &[u8]) -> &[u8] {
    const BLOCK: usize = 4096;
    const ZEROS: [u8; BLOCK] = [b'0'; BLOCK];
    while s.len() >= BLOCK && s[..BLOCK] == ZEROS {
        s = &s[BLOCK..];
    }
    let n = s.iter().take_while(|&&b| b == b'0').count();
    &s[n..]
}

/// [`number::from_digits`] (the exact value of `int.frac` times 10^`exp`,
/// rounded half to even past 28 significant digits) in time linear in the
/// digits, however many: past [`KEPT`] significant digits only whether any
/// further digit is not zero matters to the value, so a long mantissa is cut
/// to its first digits and one sticky digit before the exact parse.
pub fn digits_value(int: &str, frac: &str, exp: i64) -> Option<Decimal> {
    if int.len() + frac.len() <= 2 * KEPT {
        return number::from_digits(int, frac, exp);
    }
    let (digits, shift) = significant(int.as_bytes(), frac.as_bytes());
    let frac_len = i64::try_from(frac.len()).unwrap_or(i64::MAX / 4);
    number::from_digits(
        &digits,
        "",
        exp.saturating_sub(frac_len).saturating_add(shift),
    )
}

/// How [`write_json`] lays the JSON out.
pub enum Layout<'s> {
    /// No spaces (language.md §7.2).
    Compact,
    /// One item per line, indented by these bytes per level.
    Indented(&'s [u8]),
}

/// Appends the JSON of `v` to `out`, exactly as the one JSON form of values
/// (`impl Serialize for Value`, through serde_json) writes it, stopping with
/// a `LimitError` as soon as `out` would outgrow the Text limit or the time
/// is up. Lists, Objects and Texts are written here, a long text a stretch
/// at a time; the small records (dates, currencies, assets) by serde_json.
pub fn write_json(cx: &CallCtx<'_>, v: &Value, layout: Layout<'_>, out: &mut String) -> Result<()> {
    let indent =
        match layout {
            Layout::Compact => None,
            Layout::Indented(bytes) => Some(std::str::from_utf8(bytes).map_err(|_| {
                cx.argument_error("cannot be written as JSON: the indent is not text")
            })?),
        };
    JsonOut { cx, indent, out }.value(v, 0)
}

struct JsonOut<'o, 'c, 'a> {
    cx: &'c CallCtx<'a>,
    indent: Option<&'o str>,
    out: &'o mut String,
}

impl JsonOut<'_, '_, '_> {
    fn push(&mut self, s: &str) -> Result<()> {
        room_for(self.cx, self.out, s.len())?;
        self.cx.budget.ticks_n(s.len())?;
        self.out.push_str(s);
        Ok(())
    }

    /// A line break and the indent of `level`, when indented.
    fn newline(&mut self, level: usize) -> Result<()> {
        if let Some(indent) = self.indent {
            self.push("\n")?;
            for _ in 0..level {
                self.push(indent)?;
            }
        }
        Ok(())
    }

    fn value(&mut self, v: &Value, level: usize) -> Result<()> {
        crate::stack::guard(|| self.value_inner(v, level))
    }

    fn value_inner(&mut self, v: &Value, level: usize) -> Result<()> {
        match v {
            Value::Null => self.push("null"),
            Value::Bool(b) => self.push(if *b { "true" } else { "false" }),
            Value::Number(n) => self.push(&number::plain(*n)),
            Value::Text(t) => self.string(t),
            Value::List(items) => {
                if items.is_empty() {
                    return self.push("[]");
                }
                self.push("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(",")?;
                    }
                    self.newline(level + 1)?;
                    self.value(item, level + 1)?;
                }
                self.newline(level)?;
                self.push("]")
            }
            Value::Object(map) => {
                if map.is_empty() {
                    return self.push("{}");
                }
                self.push("{")?;
                for (i, (k, item)) in map.iter().enumerate() {
                    if i > 0 {
                        self.push(",")?;
                    }
                    self.newline(level + 1)?;
                    self.string(k)?;
                    self.push(if self.indent.is_some() { ": " } else { ":" })?;
                    self.value(item, level + 1)?;
                }
                self.newline(level)?;
                self.push("}")
            }
            record => self.record(record, level),
        }
    }

    /// A Text as a JSON string: `"` and `\\` escaped, control characters
    /// as `\n`-style or `\u00XX` escapes, everything else as it is.
    fn string(&mut self, t: &str) -> Result<()> {
        self.push("\"")?;
        for piece in chunks(t, CHUNK) {
            let bytes = piece.as_bytes();
            let mut start = 0;
            for (i, &b) in bytes.iter().enumerate() {
                let escape = match b {
                    b'"' => "\\\"",
                    b'\\' => "\\\\",
                    b'\n' => "\\n",
                    b'\r' => "\\r",
                    b'\t' => "\\t",
                    0x08 => "\\b",
                    0x0c => "\\f",
                    0..=0x1f => "",
                    _ => continue,
                };
                self.push(piece.get(start..i).unwrap_or(""))?;
                if escape.is_empty() {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let code = [
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 15)],
                    ];
                    self.push(std::str::from_utf8(&code).unwrap_or_default())?;
                } else {
                    self.push(escape)?;
                }
                start = i + 1;
            }
            self.push(piece.get(start..).unwrap_or(""))?;
        }
        self.push("\"")
    }

    /// A Date, Time, DateTime, Currency or Asset: its JSON shape, written
    /// by serde_json (indented to `level` when the layout is).
    fn record(&mut self, v: &Value, level: usize) -> Result<()> {
        let written = match self.indent {
            None => serde_json::to_string(v),
            Some(indent) => {
                let mut buf = Vec::new();
                let formatter = PrettyFormatter::with_indent(indent.as_bytes());
                v.serialize(&mut Serializer::with_formatter(&mut buf, formatter))
                    .map(|()| String::from_utf8(buf).unwrap_or_default())
            }
        };
        let text = written.map_err(|e| {
            self.cx
                .argument_error(format!("cannot be written as JSON: {e}"))
        })?;
        match self.indent {
            // JSON strings hold no raw line breaks: every one is layout.
            Some(_) if level > 0 && text.contains('\n') => {
                let mut lines = text.split('\n');
                self.push(lines.next().unwrap_or(""))?;
                for line in lines {
                    self.newline(level)?;
                    self.push(line)?;
                }
                Ok(())
            }
            _ => self.push(&text),
        }
    }
}

/// [`render_to`] for a built-in: appends the interpolation rendering of `v`,
/// refusing with a `LimitError` to let `out` outgrow the Text limit (Lists,
/// Objects and Assets are written until then, not first in full).
pub fn render_capped(cx: &CallCtx<'_>, v: &Value, out: &mut String) -> Result<()> {
    match v {
        Value::List(_) | Value::Object(_) | Value::Asset(_) => {
            write_json(cx, v, Layout::Compact, out)
        }
        Value::Text(t) => {
            room_for(cx, out, t.len())?;
            cx.budget.ticks_n(t.len())?;
            out.push_str(t);
            Ok(())
        }
        scalar => {
            render_to(scalar, out, cx.session);
            room_for(cx, out, 0)
        }
    }
}

/// Deep equality (the language's `=`, [`Value`]'s `PartialEq`), walked with
/// a loop that ticks the budget for every pair of parts it compares; parts
/// that are one and the same shared value are equal at once.
pub fn equal(cx: &CallCtx<'_>, a: &Value, b: &Value) -> Result<bool> {
    let mut pending: Vec<(&Value, &Value)> = vec![(a, b)];
    while let Some((a, b)) = pending.pop() {
        cx.budget.tick()?;
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                if std::sync::Arc::ptr_eq(x, y) {
                    continue;
                }
                if x.len() != y.len() {
                    return Ok(false);
                }
                pending.extend(x.iter().zip(y.iter()).rev());
            }
            (Value::Object(x), Value::Object(y)) => {
                if std::sync::Arc::ptr_eq(x, y) {
                    continue;
                }
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in x.iter() {
                    match y.get(k) {
                        Some(w) => pending.push((v, w)),
                        None => return Ok(false),
                    }
                }
            }
            (Value::Text(x), Value::Text(y)) => {
                if std::sync::Arc::ptr_eq(x, y) {
                    continue;
                }
                cx.budget.ticks_n(x.len().min(y.len()))?;
                if x != y {
                    return Ok(false);
                }
            }
            (a, b) => {
                if a != b {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
}
