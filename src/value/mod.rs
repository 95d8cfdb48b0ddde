//! The value model (decisions §3): eleven types, big payloads shared by `Arc`.

use std::sync::Arc;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use rustc_hash::FxBuildHasher;

pub mod arith;
pub mod container;
pub mod currency;
pub mod datetime;
pub mod display;
pub mod equality;
pub mod fields;
pub mod json;
pub mod money;
pub mod number;
pub mod order;
#[cfg(test)]
pub(crate) mod testing;

pub use container::{List, Object};
pub use currency::{Currency, CurrencyCode};

/// Object fields in insertion order.
pub type ObjectMap = IndexMap<Arc<str>, Value, FxBuildHasher>;

/// A value of the language. 24 bytes (pinned by a test).
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Decimal),
    Text(Arc<str>),
    List(Arc<List>),
    Object(Arc<Object>),
    Date(jiff::civil::Date),
    Time(jiff::civil::Time),
    DateTime(Arc<jiff::Zoned>),
    Currency(Currency),
    Asset(Arc<Asset>),
}

/// An asset record (functions-text-data.md §10): its URI and its JSON record.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    pub uri: Arc<str>,
    pub record: ObjectMap,
    /// Whether its name or type differs from the default its URI gives, so
    /// that the display form must show them.
    pub labelled: bool,
}

/// The names of the types, as `TYPEOF` and error messages spell them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    Null,
    Boolean,
    Number,
    Text,
    Date,
    Time,
    DateTime,
    Currency,
    List,
    Object,
    Asset,
}

impl Type {
    pub fn name(self) -> &'static str {
        match self {
            Type::Null => "Null",
            Type::Boolean => "Boolean",
            Type::Number => "Number",
            Type::Text => "Text",
            Type::Date => "Date",
            Type::Time => "Time",
            Type::DateTime => "DateTime",
            Type::Currency => "Currency",
            Type::List => "List",
            Type::Object => "Object",
            Type::Asset => "Asset",
        }
    }
}

impl Value {
    pub fn text(s: impl Into<Arc<str>>) -> Value {
        Value::Text(s.into())
    }
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(List::new(items)))
    }
    pub fn object(map: ObjectMap) -> Value {
        Value::Object(Arc::new(Object::new(map)))
    }
    pub fn number(n: impl Into<Decimal>) -> Value {
        Value::Number(n.into())
    }

    /// How many levels of List/Object the value nests: 0 for a scalar, 1 for
    /// `[]` or `[1, 2]`, 2 for `[[1]]`. O(1) for lists and objects (cached).
    pub fn depth(&self) -> u32 {
        match self {
            Value::List(l) => l.depth(),
            Value::Object(o) => o.depth(),
            Value::Asset(a) => container::depth_over(a.record.values()),
            _ => 0,
        }
    }

    /// About how many bytes the value takes written out in full, shared parts
    /// counted each time they appear (see [`container`]). O(1) for lists and
    /// objects (cached).
    pub fn weight(&self) -> u64 {
        match self {
            Value::Text(t) => t.len() as u64 + 2,
            Value::List(l) => l.weight(),
            Value::Object(o) => o.weight(),
            Value::DateTime(_) => 32,
            Value::Asset(a) => a.record.iter().fold(a.uri.len() as u64 + 2, |w, (k, v)| {
                w.saturating_add(v.weight())
                    .saturating_add(k.len() as u64 + 4)
            }),
            _ => 16,
        }
    }

    pub fn type_of(&self) -> Type {
        match self {
            Value::Null => Type::Null,
            Value::Bool(_) => Type::Boolean,
            Value::Number(_) => Type::Number,
            Value::Text(_) => Type::Text,
            Value::List(_) => Type::List,
            Value::Object(_) => Type::Object,
            Value::Date(_) => Type::Date,
            Value::Time(_) => Type::Time,
            Value::DateTime(_) => Type::DateTime,
            Value::Currency(_) => Type::Currency,
            Value::Asset(_) => Type::Asset,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.type_of().name()
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Truthiness (decisions §6): `FALSE`, `NULL`, `0`, `""`, `[]`, `{}` are falsy.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => !n.is_zero(),
            Value::Text(t) => !t.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Object(o) => !o.is_empty(),
            _ => true,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&ObjectMap> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<Decimal> for Value {
    fn from(n: Decimal) -> Value {
        Value::Number(n)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(Decimal::from(n))
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s.into())
    }
}
impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Value {
        Value::list(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
    }

    #[test]
    fn truthiness() {
        let falsy = [
            Value::Null,
            Value::Bool(false),
            Value::from(0),
            Value::text(""),
            Value::list(vec![]),
            Value::object(ObjectMap::default()),
        ];
        for v in &falsy {
            assert!(!v.is_truthy(), "{v}");
        }
        let mut one = ObjectMap::default();
        one.insert("a".into(), Value::Null);
        let truthy = [
            Value::text("0"),
            Value::text("FALSE"),
            Value::list(vec![Value::Null]),
            Value::object(one),
            Value::from(-1),
            Value::Date(jiff::civil::date(1, 1, 1)),
        ];
        for v in &truthy {
            assert!(v.is_truthy(), "{v}");
        }
    }
}
