//! Property access on one value (language.md §5.7): an Object's key, or a
//! field of a record's JSON shape. List projection is the evaluator's job.

use super::datetime::zone_name;
use super::{money, Value};

/// The value under `key`: an Object's member; a record's field (`Date.year`,
/// `Time.millisecond`, `DateTime.date` (a Date), `DateTime.time` (a Time),
/// `DateTime.timeZone`, `Currency.amount` (minor units), `.precision`,
/// `.code`, an Asset's record fields and `uri`); `NULL` for anything else.
pub fn field(v: &Value, key: &str) -> Value {
    match v {
        Value::Object(map) => map.get(key).cloned().unwrap_or(Value::Null),
        Value::Date(d) => match key {
            "year" => Value::from(i64::from(d.year())),
            "month" => Value::from(i64::from(d.month())),
            "day" => Value::from(i64::from(d.day())),
            _ => Value::Null,
        },
        Value::Time(t) => time_field(*t, key),
        Value::DateTime(z) => match key {
            "date" => Value::Date(z.date()),
            "time" => Value::Time(z.time()),
            "timeZone" => Value::text(zone_name(z)),
            _ => Value::Null,
        },
        Value::Currency(c) => match key {
            "amount" => money::minor_units(c).map_or(Value::Null, Value::Number),
            "precision" => Value::from(i64::from(c.precision)),
            "code" => Value::text(c.code.as_str()),
            _ => Value::Null,
        },
        Value::Asset(a) => match a.record.get(key) {
            Some(v) => v.clone(),
            None if key == "uri" => Value::Text(a.uri.clone()),
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

fn time_field(t: jiff::civil::Time, key: &str) -> Value {
    match key {
        "hour" => Value::from(i64::from(t.hour())),
        "minute" => Value::from(i64::from(t.minute())),
        "second" => Value::from(i64::from(t.second())),
        "millisecond" => Value::from(i64::from(t.millisecond())),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Asset, Currency, CurrencyCode, ObjectMap};
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use std::sync::Arc;

    fn n(i: i64) -> Value {
        Value::from(i)
    }

    #[test]
    fn object_members() {
        let mut m = ObjectMap::default();
        m.insert("a".into(), n(1));
        m.insert("z".into(), Value::Null);
        let o = Value::object(m);
        assert_eq!(field(&o, "a"), n(1));
        assert!(field(&o, "z").is_null());
        assert!(field(&o, "missing").is_null());
        assert!(field(&o, "A").is_null());
    }

    #[test]
    fn date_and_time_fields() {
        let d = Value::Date(jiff::civil::date(2021, 4, 7));
        assert_eq!(
            (field(&d, "year"), field(&d, "month"), field(&d, "day")),
            (n(2021), n(4), n(7))
        );
        assert!(field(&d, "hour").is_null());
        let t = Value::Time(jiff::civil::time(9, 41, 5, 250_000_000));
        assert_eq!(field(&t, "hour"), n(9));
        assert_eq!(field(&t, "minute"), n(41));
        assert_eq!(field(&t, "second"), n(5));
        assert_eq!(field(&t, "millisecond"), n(250));
        assert!(field(&t, "year").is_null());
    }

    #[test]
    fn datetime_fields() {
        let z = jiff::civil::date(2007, 1, 9)
            .at(9, 41, 0, 0)
            .in_tz("America/Los_Angeles")
            .unwrap();
        let dt = Value::DateTime(Arc::new(z));
        assert_eq!(
            field(&dt, "date"),
            Value::Date(jiff::civil::date(2007, 1, 9))
        );
        assert_eq!(
            field(&dt, "time"),
            Value::Time(jiff::civil::time(9, 41, 0, 0))
        );
        assert_eq!(field(&dt, "timeZone"), Value::text("America/Los_Angeles"));
        assert_eq!(field(&field(&dt, "time"), "hour"), n(9));
        assert!(field(&dt, "year").is_null());
        assert!(field(&dt, "timezone").is_null());
    }

    #[test]
    fn currency_fields() {
        let c = Value::Currency(Currency {
            amount: Decimal::from_str("300000.00").unwrap(),
            code: CurrencyCode(*b"USD"),
            precision: 2,
        });
        assert_eq!(field(&c, "amount"), n(30_000_000));
        assert_eq!(field(&c, "precision"), n(2));
        assert_eq!(field(&c, "code"), Value::text("USD"));
        assert!(field(&c, "currency").is_null());
    }

    #[test]
    fn asset_fields() {
        let mut record = ObjectMap::default();
        record.insert("name".into(), Value::text("hi.txt"));
        record.insert("size".into(), Value::Null);
        let a = Value::Asset(Arc::new(Asset {
            uri: "data:,Hi".into(),
            record,
            labelled: true,
        }));
        assert_eq!(field(&a, "uri"), Value::text("data:,Hi"));
        assert_eq!(field(&a, "name"), Value::text("hi.txt"));
        assert!(field(&a, "size").is_null());
        assert!(field(&a, "other").is_null());
    }

    #[test]
    fn anything_else_is_null() {
        for v in [
            Value::Null,
            n(1),
            Value::text("abc"),
            Value::Bool(true),
            Value::list(vec![n(1)]),
        ] {
            assert!(field(&v, "length").is_null());
            assert!(field(&v, "0").is_null());
        }
    }
}
