//! The JSON form of values (language.md §3.1, decisions §10): what
//! `air eval --json` prints, what Lists, Objects and Assets render as inside
//! `{{ }}`, and what context data is read from.
//!
//! `impl Serialize for Value` is the one encoder: records in their JSON
//! shapes, Numbers in plain decimal form (no exponent, no trailing zeros),
//! objects in key order. Both [`to_json`] and [`write_compact`] go through it.

use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::{Number as JsonNumber, Value as Json};

use super::datetime::zone_name;
use super::{money, number, Asset, Currency, ObjectMap, Value};
use crate::error::{Error, Result};

/// The JSON form of `v` as a `serde_json::Value`.
pub fn to_json(v: &Value) -> Json {
    // Serializing a Value cannot fail: every map key is a string.
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// Appends the compact JSON of `v` (language.md §7.2): no spaces, key order
/// kept, strings escaping only `"`, `\` and control characters.
pub fn write_compact(v: &Value, out: &mut String) {
    if let Ok(text) = serde_json::to_string(v) {
        out.push_str(&text);
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        crate::stack::guard(|| serialize(self, s))
    }
}

fn serialize<S: Serializer>(v: &Value, s: S) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Value::Null => s.serialize_unit(),
        Value::Bool(b) => s.serialize_bool(*b),
        Value::Number(n) => PlainNumber(&number::plain(*n)).serialize(s),
        Value::Text(t) => s.serialize_str(t),
        Value::List(items) => s.collect_seq(items.iter()),
        Value::Object(map) => s.collect_map(map.iter().map(|(k, v)| (&**k, v))),
        Value::Date(d) => DateShape(*d).serialize(s),
        Value::Time(t) => TimeShape(*t).serialize(s),
        Value::DateTime(z) => {
            let mut st = s.serialize_struct("DateTime", 3)?;
            st.serialize_field("date", &DateShape(z.date()))?;
            st.serialize_field("time", &TimeShape(z.time()))?;
            st.serialize_field("timeZone", &zone_name(z))?;
            st.end()
        }
        Value::Currency(c) => currency(c, s),
        Value::Asset(a) => asset(a, s),
    }
}

/// A JSON number with exactly this plain decimal text (serde_json's
/// `arbitrary_precision` keeps the text as is).
struct PlainNumber<'a>(&'a str);

impl Serialize for PlainNumber<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.parse::<JsonNumber>() {
            Ok(n) => n.serialize(s),
            // Unreachable for the plain form of a Decimal; keep the text rather than panic.
            Err(_) => s.serialize_str(self.0),
        }
    }
}

struct DateShape(jiff::civil::Date);

impl Serialize for DateShape {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Date", 3)?;
        st.serialize_field("year", &self.0.year())?;
        st.serialize_field("month", &self.0.month())?;
        st.serialize_field("day", &self.0.day())?;
        st.end()
    }
}

struct TimeShape(jiff::civil::Time);

impl Serialize for TimeShape {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Time", 4)?;
        st.serialize_field("hour", &self.0.hour())?;
        st.serialize_field("minute", &self.0.minute())?;
        st.serialize_field("second", &self.0.second())?;
        st.serialize_field("millisecond", &self.0.millisecond())?;
        st.end()
    }
}

fn currency<S: Serializer>(c: &Currency, s: S) -> std::result::Result<S::Ok, S::Error> {
    let mut minor = String::new();
    money::write_minor_units(c, &mut minor);
    let mut st = s.serialize_struct("Currency", 3)?;
    st.serialize_field("amount", &PlainNumber(&minor))?;
    st.serialize_field("precision", &c.precision)?;
    st.serialize_field("code", c.code.as_str())?;
    st.end()
}

/// The asset's record, with its `uri` first when the record lacks one.
fn asset<S: Serializer>(a: &Asset, s: S) -> std::result::Result<S::Ok, S::Error> {
    let has_uri = a.record.contains_key("uri");
    let mut m = s.serialize_map(Some(a.record.len() + usize::from(!has_uri)))?;
    if !has_uri {
        m.serialize_entry("uri", &*a.uri)?;
    }
    for (k, v) in &a.record {
        m.serialize_entry(&**k, v)?;
    }
    m.end()
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
