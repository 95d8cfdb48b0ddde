//! Output that stops at the size limit, and walks over values that look at
//! the clock: what the built-ins use so that one call on a large (or heavily
//! shared) value never runs past the time limit or builds more than a Text
//! may hold before finding out.
//!
//! A value may share one part many times (`[x, x]` doubled twenty times is
//! small in memory and a million `x` written out); every walk here counts
//! each part each time it meets it, as the output would, and ticks the
//! budget as it goes.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

use super::render::render_to;
use crate::builtins::args::MAX_TEXT_BYTES;
use crate::builtins::CallCtx;
use crate::error::{Error, Result};
use crate::value::Value;

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

/// Bytes written by a serializer, refused past `room` bytes; every write
/// ticks the budget by its length.
struct CappedWriter<'c, 'a> {
    cx: &'c CallCtx<'a>,
    buf: Vec<u8>,
    room: usize,
    stop: Option<Error>,
}

impl io::Write for CappedWriter<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if bytes.len() > self.room - self.buf.len() {
            self.stop = Some(text_too_large(self.cx));
            return Err(io::Error::other("size"));
        }
        if let Err(e) = self.cx.budget.ticks_n(bytes.len()) {
            self.stop = Some(e);
            return Err(io::Error::other("time"));
        }
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How [`write_json`] lays the JSON out.
pub enum Layout<'s> {
    /// No spaces (language.md §7.2).
    Compact,
    /// One item per line, indented by these bytes per level.
    Indented(&'s [u8]),
}

/// Appends the JSON of `v` to `out` (the one JSON form of values), stopping
/// with a `LimitError` as soon as `out` would outgrow the Text limit or the
/// time is up. Another serializer error is an `ArgumentError`.
pub fn write_json(cx: &CallCtx<'_>, v: &Value, layout: Layout<'_>, out: &mut String) -> Result<()> {
    fn run<F: Formatter>(w: &mut CappedWriter<'_, '_>, v: &Value, f: F) -> serde_json::Result<()> {
        v.serialize(&mut Serializer::with_formatter(w, f))
    }
    let mut w = CappedWriter {
        cx,
        buf: Vec::new(),
        room: MAX_TEXT_BYTES.saturating_sub(out.len()),
        stop: None,
    };
    let written = match layout {
        Layout::Compact => run(&mut w, v, CompactFormatter),
        Layout::Indented(indent) => run(&mut w, v, PrettyFormatter::with_indent(indent)),
    };
    if let Some(stop) = w.stop {
        return Err(stop);
    }
    written.map_err(|e| cx.argument_error(format!("cannot be written as JSON: {e}")))?;
    // serde_json writes UTF-8 (it copies the texts' own and escapes in ASCII).
    let text = String::from_utf8(w.buf)
        .map_err(|_| cx.argument_error("cannot be written as JSON: not UTF-8"))?;
    out.push_str(&text);
    Ok(())
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
