//! How a value renders inside `{{ }}` (decisions §8, language.md §7.2).
//! First version: the forms of Text, Null, Number, Boolean; the value module's
//! owner completes the records and compact JSON.

use super::{number, Value};
use crate::session::Session;

/// Appends the interpolation rendering of `v` to `out`.
pub fn render_to(v: &Value, out: &mut String, session: &Session) {
    let _ = session;
    match v {
        Value::Null => {}
        Value::Text(t) => out.push_str(t),
        Value::Number(n) => number::write_plain(*n, out),
        Value::Bool(true) => out.push_str("TRUE"),
        Value::Bool(false) => out.push_str("FALSE"),
        other => out.push_str(&format!("{other:?}")),
    }
}

/// The interpolation rendering of `v`.
pub fn render(v: &Value, session: &Session) -> String {
    let mut s = String::new();
    render_to(v, &mut s, session);
    s
}
