//! How a value renders inside `{{ }}` (decisions §8, language.md §7.2), and
//! the compact JSON that Lists, Objects and `TO_JSON` use.

use std::fmt::Write;

use super::datetime::{write_iso_date, write_iso_datetime, write_iso_time, zone_name};
use super::display::write_quoted;
use super::{currency, money, number, Asset, Currency, Value};
use crate::session::Session;

/// Appends the interpolation rendering of `v` to `out`: Text as is, NULL as
/// nothing, Numbers in plain decimal form, `TRUE`/`FALSE`, ISO dates and times,
/// Currencies as `FORMAT_CURRENCY` shows them in the session locale, and
/// Lists, Objects and Assets as compact JSON.
pub fn render_to(v: &Value, out: &mut String, session: &Session) {
    match v {
        Value::Null => {}
        Value::Text(t) => out.push_str(t),
        Value::Number(n) => number::write_plain(*n, out),
        Value::Bool(true) => out.push_str("TRUE"),
        Value::Bool(false) => out.push_str("FALSE"),
        Value::Date(d) => write_iso_date(*d, out),
        Value::Time(t) => write_iso_time(*t, out),
        Value::DateTime(z) => write_iso_datetime(z, out),
        Value::Currency(c) => out.push_str(&currency::format_default(c, &session.locale)),
        Value::List(_) | Value::Object(_) | Value::Asset(_) => write_compact_json(v, out),
    }
}

/// The interpolation rendering of `v`.
pub fn render(v: &Value, session: &Session) -> String {
    let mut s = String::new();
    render_to(v, &mut s, session);
    s
}

/// Appends the compact JSON of `v` (language.md §7.2): no spaces, key order
/// kept, Numbers in plain decimal form, records in their JSON shapes, strings
/// escaping only `"`, `\` and control characters.
pub fn write_compact_json(v: &Value, out: &mut String) {
    crate::stack::guard(|| write_json(v, out));
}

fn write_json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => number::write_plain(*n, out),
        Value::Text(t) => json_string(t, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                write_compact_json(item, out);
            }
            out.push('}');
        }
        Value::Date(d) => date_shape(*d, out),
        Value::Time(t) => time_shape(*t, out),
        Value::DateTime(z) => {
            out.push_str("{\"date\":");
            date_shape(z.date(), out);
            out.push_str(",\"time\":");
            time_shape(z.time(), out);
            out.push_str(",\"timeZone\":");
            json_string(&zone_name(z), out);
            out.push('}');
        }
        Value::Currency(c) => currency_shape(c, out),
        Value::Asset(a) => asset_record(a, out),
    }
}

fn json_string(s: &str, out: &mut String) {
    let _ = write_quoted(s, out, false);
}

fn date_shape(d: jiff::civil::Date, out: &mut String) {
    let _ = write!(
        out,
        "{{\"year\":{},\"month\":{},\"day\":{}}}",
        d.year(),
        d.month(),
        d.day()
    );
}

fn time_shape(t: jiff::civil::Time, out: &mut String) {
    let _ = write!(
        out,
        "{{\"hour\":{},\"minute\":{},\"second\":{},\"millisecond\":{}}}",
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    );
}

fn currency_shape(c: &Currency, out: &mut String) {
    out.push_str("{\"amount\":");
    money::write_minor_units(c, out);
    let _ = write!(out, ",\"precision\":{},\"code\":", c.precision);
    json_string(c.code.as_str(), out);
    out.push('}');
}

/// The asset's record, with its `uri` first when the record lacks one.
fn asset_record(a: &Asset, out: &mut String) {
    out.push('{');
    let mut first = true;
    if !a.record.contains_key("uri") {
        out.push_str("\"uri\":");
        json_string(&a.uri, out);
        first = false;
    }
    for (k, item) in &a.record {
        if !first {
            out.push(',');
        }
        first = false;
        json_string(k, out);
        out.push(':');
        write_compact_json(item, out);
    }
    out.push('}');
}

#[cfg(test)]
mod tests;
