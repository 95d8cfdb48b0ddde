//! Data type functions (functions-text-data.md §9): TO_JSON, FROM_JSON, TYPEOF.
//! JSON is read and written by serde_json through the value model's one JSON
//! form (`crate::value::json`, decisions §10); numbers stay exact decimals.

mod read;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde::de::DeserializeSeed as _;

use super::args::Whole;
use super::format::bounded::{write_json, Layout};
use super::{currency, datetime, CallCtx, Category, FunctionSpec};
use crate::asset;
use crate::error::{Error, Result};
use crate::sig;
use crate::value::{ObjectMap, Type, Value};

const D: Category = Category::DataType;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "TO_JSON",
        D,
        &[sig!(to_json(value: &Value, indent: Option<Whole>) -> TEXT)],
        "the JSON text of a value: compact, or indented by 1-10 spaces",
    ),
    FunctionSpec::new(
        "FROM_JSON",
        D,
        &[sig!(from_json_fn(json: &Value, r#type: Option<&str>) -> ANY)],
        "the value a JSON text writes, optionally converted to a type (\"Date\", \"Currency\", ...)",
    )
    .session(),
    FunctionSpec::new(
        "TYPEOF",
        D,
        &[sig!(type_of(value: &Value) -> TEXT)],
        "the name of a value's type: \"Null\", \"Number\", \"Text\", \"List\", ...",
    ),
];

fn type_of(_cx: &CallCtx<'_>, v: &Value) -> &'static str {
    v.type_name()
}

fn to_json(cx: &CallCtx<'_>, v: &Value, indent: Option<Whole>) -> Result<String> {
    let width = match indent {
        None | Some(Whole(0)) => 0,
        Some(Whole(n @ 1..=10)) => n as usize,
        Some(Whole(n)) => {
            return Err(cx.domain_error(1, format!("must be between 0 and 10, got {n}")))
        }
    };
    let mut out = String::new();
    let spaces = [b' '; 10];
    let layout = match spaces.get(..width) {
        Some(indent) if width > 0 => Layout::Indented(indent),
        _ => Layout::Compact,
    };
    write_json(cx, v, layout, &mut out)?;
    Ok(out)
}

/// The type names of `TYPEOF`, which `FROM_JSON`'s type argument takes.
const TYPES: [Type; 11] = [
    Type::Null,
    Type::Boolean,
    Type::Number,
    Type::Text,
    Type::List,
    Type::Object,
    Type::Date,
    Type::Time,
    Type::DateTime,
    Type::Currency,
    Type::Asset,
];

fn from_json_fn(cx: &CallCtx<'_>, json: &Value, type_name: Option<&str>) -> Result<Value> {
    let wanted = match type_name {
        None => None,
        Some(name) => Some(
            TYPES
                .into_iter()
                .find(|t| t.name().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    cx.domain_error(1, format!("is not a type name, got \"{name}\""))
                        .with_help(format!(
                            "the type names are {}",
                            TYPES.map(Type::name).join(", ")
                        ))
                })?,
        ),
    };
    let value = match json {
        Value::Null => return Ok(Value::Null),
        Value::Text(text) => parse(cx, text)?,
        other => other.clone(),
    };
    match wanted {
        None => Ok(value),
        Some(t) => convert(cx, value, t),
    }
}

/// Parses strict JSON (RFC 8259) into a value; a leading byte-order mark is
/// skipped. Malformed text is a `FormatError` naming line and column.
pub fn parse(cx: &CallCtx<'_>, text: &str) -> Result<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let reader = read::Reader::new(cx);
    let mut de = serde_json::Deserializer::from_str(body);
    let read = (&reader)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    if let Some(stop) = reader.stop.into_inner() {
        return Err(stop.at_arg(0));
    }
    let value = read.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let reason = e.to_string();
        let reason = reason
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned();
        if reason.contains("recursion limit") {
            Error::limit(format!(
                "{}: the JSON is nested too deeply (line {line}, column {column})",
                cx.name()
            ))
        } else {
            cx.format_error(
                0,
                format!("not valid JSON: {reason} at line {line}, column {column}"),
            )
        }
    })?;
    match reader.bad_number.into_inner() {
        Some(e) => Err(e.at_arg(0)),
        None => Ok(value),
    }
}

/// Converts a decoded value to the type `t` (§9.2): records from their
/// JSON shapes, other types only when the value has them already.
fn convert(cx: &CallCtx<'_>, value: Value, t: Type) -> Result<Value> {
    if value.type_of() == t {
        return Ok(value);
    }
    let shape = |v: &Value| -> Result<Arc<crate::value::Object>> {
        match v {
            Value::Object(o) => Ok(o.clone()),
            other => Err(cx.format_error(
                0,
                format!(
                    "a {} needs an Object of its JSON shape, got {}",
                    t.name(),
                    other.type_name()
                ),
            )),
        }
    };
    match t {
        Type::Date => {
            let o = shape(&value)?;
            check_shape(
                cx,
                t,
                &o,
                &[("year", NUM), ("month", NUM), ("day", NUM)],
                &[],
            )?;
            datetime::date_from_parts(cx, &o)
        }
        Type::Time => {
            let o = shape(&value)?;
            check_time(cx, &o)?;
            datetime::time_from_parts(cx, &o)
        }
        Type::DateTime => {
            let o = shape(&value)?;
            check_shape(
                cx,
                t,
                &o,
                &[("date", OBJ), ("time", OBJ)],
                &[("timeZone", TEXT)],
            )?;
            if let Some(Value::Object(d)) = o.get("date") {
                check_shape(
                    cx,
                    Type::Date,
                    d,
                    &[("year", NUM), ("month", NUM), ("day", NUM)],
                    &[],
                )?;
            }
            if let Some(Value::Object(time)) = o.get("time") {
                check_time(cx, time)?;
            }
            datetime::datetime_from_parts(cx, &o)
        }
        Type::Currency => {
            let o = shape(&value)?;
            check_shape(
                cx,
                t,
                &o,
                &[("amount", NUM)],
                &[("precision", NUM), ("code", TEXT)],
            )?;
            currency::from_object(cx, &o)
        }
        Type::Asset => {
            let o = shape(&value)?;
            check_shape(
                cx,
                t,
                &o,
                &[("uri", TEXT)],
                &[("name", TEXT), ("type", TEXT)],
            )?;
            let text = |k: &str| o.get(k).and_then(Value::as_text);
            let made = asset::make(
                text("uri").unwrap_or_default(),
                text("name"),
                text("type"),
                cx.session,
            )
            .map_err(|e| super::asset::asset_error(cx, 0, e))?;
            Ok(Value::Asset(Arc::new(made)))
        }
        other => Err(cx.format_error(
            0,
            format!(
                "the JSON value is a {}, not a {}",
                value.type_name(),
                other.name()
            ),
        )),
    }
}

// The types the fields of a JSON shape must have.
const NUM: Type = Type::Number;
const TEXT: Type = Type::Text;
const OBJ: Type = Type::Object;

fn check_time(cx: &CallCtx<'_>, o: &ObjectMap) -> Result<()> {
    check_shape(
        cx,
        Type::Time,
        o,
        &[("hour", NUM), ("minute", NUM)],
        &[("second", NUM), ("millisecond", NUM)],
    )
}

/// A `FormatError` unless `o` has every required field (not `NULL`) and
/// every field present has its type.
fn check_shape(
    cx: &CallCtx<'_>,
    t: Type,
    o: &ObjectMap,
    required: &[(&str, Type)],
    optional: &[(&str, Type)],
) -> Result<()> {
    for (key, _) in required {
        if o.get(*key).is_none_or(Value::is_null) {
            return Err(cx.format_error(0, format!("a {} needs a \"{key}\" field", t.name())));
        }
    }
    for (key, ty) in required.iter().chain(optional) {
        match o.get(*key) {
            None | Some(Value::Null) => {}
            Some(v) if v.type_of() == *ty => {}
            Some(v) => {
                return Err(cx.format_error(
                    0,
                    format!(
                        "the \"{key}\" field of a {} must be a {}, got {}",
                        t.name(),
                        ty.name(),
                        v.type_name()
                    ),
                ))
            }
        }
    }
    Ok(())
}
