//! The display form (language.md §10.5): one line of Airscript source that
//! evaluates back to an equal value. The REPL, `air run` and `air eval` print it.

use std::fmt::{self, Write};

use super::{money, Asset, Currency, Value};

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::stack::guard(|| write_display(self, f))
    }
}

fn write_display(v: &Value, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match v {
        Value::Null => f.write_str("NULL"),
        Value::Bool(true) => f.write_str("TRUE"),
        Value::Bool(false) => f.write_str("FALSE"),
        Value::Number(n) => {
            let n = n.normalize();
            if n.is_zero() {
                f.write_char('0')
            } else {
                write!(f, "{n}")
            }
        }
        Value::Text(t) => write_quoted(t, f, true),
        Value::List(items) => {
            f.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                fmt::Display::fmt(item, f)?;
            }
            f.write_char(']')
        }
        Value::Object(map) => {
            f.write_char('{')?;
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_quoted(k, f, true)?;
                f.write_str(": ")?;
                fmt::Display::fmt(item, f)?;
            }
            f.write_char('}')
        }
        Value::Date(d) => write!(f, "DATE({}, {}, {})", d.year(), d.month(), d.day()),
        Value::Time(t) => write_time(*t, f),
        Value::DateTime(z) => {
            let d = z.date();
            write!(
                f,
                "DATETIME(DATE({}, {}, {}), ",
                d.year(),
                d.month(),
                d.day()
            )?;
            write_time(z.time(), f)?;
            f.write_str(", ")?;
            write_quoted(&super::datetime::zone_name(z), f, true)?;
            f.write_char(')')
        }
        Value::Currency(c) => write_currency(c, f),
        Value::Asset(a) => write_asset(a, f),
    }
}

fn write_time(t: jiff::civil::Time, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "TIME({}, {}, {}", t.hour(), t.minute(), t.second())?;
    let ms = t.millisecond();
    if ms != 0 {
        write!(f, ", {ms}")?;
    }
    f.write_char(')')
}

fn write_currency(c: &Currency, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut minor = String::new();
    money::write_minor_units(c, &mut minor);
    write!(f, "CURRENCY({minor}, \"{}\", {})", c.code, c.precision)
}

/// `URI_TO_ASSET("uri", "name", "type")`, or `URI_TO_ASSET("uri")` when the
/// name and type are the URI's defaults (or the record has no Text name and type).
fn write_asset(a: &Asset, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("URI_TO_ASSET(")?;
    write_quoted(&a.uri, f, true)?;
    let text = |key: &str| a.record.get(key).and_then(Value::as_text);
    if let (true, Some(name), Some(kind)) = (a.labelled, text("name"), text("type")) {
        f.write_str(", ")?;
        write_quoted(name, f, true)?;
        f.write_str(", ")?;
        write_quoted(kind, f, true)?;
    }
    f.write_char(')')
}

/// Writes `s` between double quotes, escaping `"`, `\`, control characters
/// (`\b \f \n \r \t`, the others as `\u00XX`) and, when `braces` is set (the
/// display form), a `{` that is followed by `{` as `\{`.
pub(crate) fn write_quoted<W: Write + ?Sized>(s: &str, out: &mut W, braces: bool) -> fmt::Result {
    out.write_char('"')?;
    let mut chars = s.chars().peekable();
    let mut start = 0;
    let mut pos = 0;
    while let Some(c) = chars.next() {
        let escape: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '{' if braces && chars.peek() == Some(&'{') => Some("\\{"),
            c if c < ' ' => Some(""),
            _ => None,
        };
        if let Some(e) = escape {
            out.write_str(s.get(start..pos).unwrap_or(""))?;
            if e.is_empty() {
                write!(out, "\\u{:04x}", u32::from(c))?;
            } else {
                out.write_str(e)?;
            }
            start = pos + c.len_utf8();
        }
        pos += c.len_utf8();
    }
    out.write_str(s.get(start..).unwrap_or(""))?;
    out.write_char('"')
}

#[cfg(test)]
mod tests;
