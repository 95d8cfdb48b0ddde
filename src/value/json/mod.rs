//! The JSON form of values (language.md §3.1, decisions §10): what
//! `air eval --json` prints and what context data is read from.

use std::sync::Arc;

use serde_json::{Map, Number as JsonNumber, Value as Json};

use super::datetime::zone_name;
use super::{money, number, ObjectMap, Value};
use crate::error::{Error, Result};

/// The JSON form of `v`: records in their JSON shapes, Numbers in plain
/// decimal form (no exponent, no trailing zeros), objects in key order.
pub fn to_json(v: &Value) -> Json {
    crate::stack::guard(|| to_json_inner(v))
}

fn to_json_inner(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => json_number(&number::plain(*n)),
        Value::Text(t) => Json::String(t.to_string()),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.to_string(), to_json(v)))
                .collect(),
        ),
        Value::Date(d) => date_shape(*d),
        Value::Time(t) => time_shape(*t),
        Value::DateTime(z) => {
            let mut m = Map::new();
            m.insert("date".into(), date_shape(z.date()));
            m.insert("time".into(), time_shape(z.time()));
            m.insert("timeZone".into(), Json::String(zone_name(z)));
            Json::Object(m)
        }
        Value::Currency(c) => {
            let mut minor = String::new();
            money::write_minor_units(c, &mut minor);
            let mut m = Map::new();
            m.insert("amount".into(), json_number(&minor));
            m.insert("precision".into(), Json::from(c.precision));
            m.insert("code".into(), Json::String(c.code.as_str().to_string()));
            Json::Object(m)
        }
        Value::Asset(a) => {
            let mut m = Map::new();
            if !a.record.contains_key("uri") {
                m.insert("uri".into(), Json::String(a.uri.to_string()));
            }
            for (k, v) in &a.record {
                m.insert(k.to_string(), to_json(v));
            }
            Json::Object(m)
        }
    }
}

/// A JSON number with exactly this plain decimal text.
fn json_number(plain: &str) -> Json {
    match serde_json::from_str::<JsonNumber>(plain) {
        Ok(n) => Json::Number(n),
        // Unreachable for the plain form of a Decimal; keep the text rather than panic.
        Err(_) => Json::String(plain.to_string()),
    }
}

fn date_shape(d: jiff::civil::Date) -> Json {
    let mut m = Map::new();
    m.insert("year".into(), Json::from(d.year()));
    m.insert("month".into(), Json::from(d.month()));
    m.insert("day".into(), Json::from(d.day()));
    Json::Object(m)
}

fn time_shape(t: jiff::civil::Time) -> Json {
    let mut m = Map::new();
    m.insert("hour".into(), Json::from(t.hour()));
    m.insert("minute".into(), Json::from(t.minute()));
    m.insert("second".into(), Json::from(t.second()));
    m.insert("millisecond".into(), Json::from(t.millisecond()));
    Json::Object(m)
}

/// Reads context data: Null, Boolean, Number (parsed exactly from its text,
/// exponent forms included), Text, List and Object (key order kept). Objects
/// with a record's shape stay Objects. A number of magnitude 10^28 or more is
/// an `ArithmeticError`; more than 28 significant digits round half to even.
pub fn from_json(j: &Json) -> Result<Value> {
    crate::stack::guard(|| from_json_inner(j))
}

fn from_json_inner(j: &Json) -> Result<Value> {
    Ok(match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => {
            let text = n.as_str();
            match number::parse_exact(text)? {
                Some(d) => Value::Number(d),
                None => return Err(Error::format(format!("not a JSON number: {text}"))),
            }
        }
        Json::String(s) => Value::text(s.as_str()),
        Json::Array(items) => Value::list(items.iter().map(from_json).collect::<Result<Vec<_>>>()?),
        Json::Object(members) => {
            let mut map = ObjectMap::with_capacity_and_hasher(members.len(), Default::default());
            for (k, v) in members {
                map.insert(Arc::from(k.as_str()), from_json(v)?);
            }
            Value::object(map)
        }
    })
}

#[cfg(test)]
mod tests;
