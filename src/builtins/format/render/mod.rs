//! How a value renders inside `{{ }}` (decisions §8, language.md §7.2).

use super::currency::format_default;
use crate::session::Session;
use crate::value::datetime::{write_iso_date, write_iso_datetime, write_iso_time};
use crate::value::json::write_compact;
use crate::value::{number, Value};

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
        Value::Currency(c) => out.push_str(&format_default(c, &session.locale)),
        Value::List(_) | Value::Object(_) | Value::Asset(_) => write_compact(v, out),
    }
}

/// The interpolation rendering of `v`.
pub fn render(v: &Value, session: &Session) -> String {
    let mut s = String::new();
    render_to(v, &mut s, session);
    s
}

#[cfg(test)]
mod tests;
