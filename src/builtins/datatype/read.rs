//! Reading JSON text straight into values: serde_json's parser drives a
//! visitor that builds each value as it is read (no `serde_json::Value` in
//! between, which takes several times the memory of the text), ticks the
//! budget for every item and byte, and reads numbers of any length in time
//! linear in their length.
//!
//! The values are those of [`crate::value::json::from_json`] on the same
//! text: Null, Boolean, Number (exact, from its text), Text, List, Object
//! (key order kept; a repeated key keeps its first place and its last value).

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::builtins::format::bounded::{digits_value, KEPT};
use crate::builtins::CallCtx;
use crate::error::{Error, Result};
use crate::value::{number, ObjectMap, Value};

/// The key serde_json (with `arbitrary_precision`) gives a number under: it
/// hands each number to the visitor as a one-entry map from this key to the
/// number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Reads one JSON document. A stop (the time limit) is kept in `stop`;
/// serde_json gets a placeholder error and ends the parse. A number that is
/// out of range is kept in `bad_number` and the parse goes on, so that a
/// syntax error anywhere in the text is reported first.
pub struct Reader<'c, 'a> {
    cx: &'c CallCtx<'a>,
    pub stop: RefCell<Option<Error>>,
    pub bad_number: RefCell<Option<Error>>,
}

impl<'c, 'a> Reader<'c, 'a> {
    pub fn new(cx: &'c CallCtx<'a>) -> Self {
        Reader {
            cx,
            stop: RefCell::new(None),
            bad_number: RefCell::new(None),
        }
    }

    fn bad_number(&self, e: Error) -> Value {
        self.bad_number.borrow_mut().get_or_insert(e);
        Value::Null
    }

    fn halt<E: de::Error>(&self, e: Error) -> E {
        *self.stop.borrow_mut() = Some(e);
        E::custom("stopped")
    }

    fn tick<E: de::Error>(&self, n: usize) -> std::result::Result<(), E> {
        self.cx.budget.ticks_n(n).map_err(|e| self.halt(e))
    }
}

impl<'de> DeserializeSeed<'de> for &Reader<'_, '_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct Key(Arc<str>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Key, E> {
                Ok(Key(Arc::from(s)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Visitor<'de> for &Reader<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(Decimal::from(n)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Value, E> {
        self.tick(s.len())?;
        Ok(Value::text(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(self)? {
            self.tick(1)?;
            items.push(v);
        }
        Ok(Value::list(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let Some(Key(first)) = map.next_key::<Key>()? else {
            return Ok(Value::object(ObjectMap::default()));
        };
        if &*first == NUMBER_TOKEN {
            let text: String = map.next_value()?;
            return Ok(match exact_number(&text) {
                Ok(Some(d)) => Value::Number(d),
                Ok(None) => self.bad_number(Error::format(format!("not a JSON number: {text}"))),
                Err(e) => self.bad_number(e),
            });
        }
        let mut members = ObjectMap::default();
        let v = map.next_value_seed(self)?;
        members.insert(first, v);
        while let Some(Key(k)) = map.next_key::<Key>()? {
            self.tick(1)?;
            let v = map.next_value_seed(self)?;
            members.insert(k, v);
        }
        Ok(Value::object(members))
    }
}

/// [`number::parse_exact`] on the text of a JSON number, in time linear in
/// its length (a long mantissa goes through [`digits_value`]). `text` is
/// a number serde_json has read: `-? digits (. digits)? ([eE] [+-]? digits)?`.
pub fn exact_number(text: &str) -> Result<Option<Decimal>> {
    if text.len() <= 2 * KEPT {
        return number::parse_exact(text);
    }
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    // Single-character searches (memchr), not a scan character by character.
    let exp_at = match (rest.find('e'), rest.find('E')) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let (mantissa, exp_text) = match exp_at {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let starts_with_digit = |s: &str| s.bytes().next().is_some_and(|b| b.is_ascii_digit());
    // Short mantissa, long exponent: the exact parse is quick already.
    if mantissa.len() <= 2 * KEPT || !starts_with_digit(int) {
        return number::parse_exact(text);
    }
    let exp = match exp_text {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if !starts_with_digit(digits) {
                return Ok(None);
            }
            // As parse_exact: huge exponents saturate.
            let magnitude: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    let n = digits_value(int, frac, exp).ok_or_else(number::overflow)?;
    Ok(Some(if negative && !n.is_zero() { -n } else { n }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let want = number::parse_exact(text);
        let got = exact_number(text);
        match (&want, &got) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(a), Err(b)) => assert_eq!(a.message(), b.message(), "{text}"),
            _ => panic!("{text}: {want:?} vs {got:?}"),
        }
    }

    #[test]
    fn long_numbers_read_as_the_exact_parse_reads_them() {
        let zeros = "0".repeat(100);
        let nines = "9".repeat(100);
        for text in [
            format!("1{zeros}"),
            format!("0.{zeros}1"),
            format!("{zeros}1.5"),
            format!("{zeros}.{zeros}"),
            format!("-0.{zeros}"),
            format!("0.{nines}"),
            format!("-0.{nines}"),
            format!("1.{nines}"),
            format!("1234567890123456789012345.{nines}"),
            format!("12345678901234567890123456.5{zeros}"),
            format!("12345678901234567890123456.5{zeros}1"),
            format!("12345678901234567890123457.5{zeros}"),
            format!("0.000000000000000000000000000{nines}"),
            format!("0.00000000000000000000000000{nines}"),
            format!("0.0000000000000000000000000005{zeros}"),
            format!("0.0000000000000000000000000005{zeros}1"),
            format!("0.0000000000000000000000000015{zeros}"),
            format!("{nines}e-80"),
            format!("{nines}e-73"),
            format!("{nines}e-72"),
            format!("{nines}E-200"),
            format!("1{zeros}e-90"),
            format!("1{zeros}e-101"),
            format!("-{zeros}1e+5"),
            format!("1.{zeros}e{zeros}5"),
            format!("1.{zeros}5e-99999999999999999999999999"),
            format!("0.{zeros}e99999999999999999999999999"),
        ] {
            same(&text);
        }
    }
}
