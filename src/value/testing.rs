//! Value constructors shared by the unit tests (compiled for tests only).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{money, CurrencyCode, ObjectMap, Value};

/// A Number from its decimal text.
pub fn n(s: &str) -> Value {
    Value::Number(Decimal::from_str(s).unwrap())
}

pub fn t(s: &str) -> Value {
    Value::text(s)
}

/// 2007-01-09T09:41:00 in America/Los_Angeles: the DateTime of the spec's examples.
pub fn la() -> Value {
    let z = jiff::civil::date(2007, 1, 9)
        .at(9, 41, 0, 0)
        .in_tz("America/Los_Angeles")
        .unwrap();
    Value::DateTime(std::sync::Arc::new(z))
}

/// An Object with these members, in this order.
pub fn obj(pairs: &[(&str, Value)]) -> Value {
    let mut m = ObjectMap::default();
    for (k, v) in pairs {
        m.insert((*k).into(), v.clone());
    }
    Value::object(m)
}

/// `CURRENCY(minor, code, precision)`: an amount in minor units.
pub fn cur(minor: i64, code: &str, precision: u8) -> Value {
    Value::Currency(currency(minor, code, precision))
}

/// The Currency of `cur`.
pub fn currency(minor: i64, code: &str, precision: u8) -> super::Currency {
    let amount = Decimal::from(minor) / Decimal::from(10i64.pow(u32::from(precision)));
    money::make(amount, CurrencyCode::parse(code).unwrap(), precision).unwrap()
}

/// A Currency from its amount in major units, taken exactly as written.
pub fn money(amount: &str, code: &str, precision: u8) -> Value {
    Value::Currency(super::Currency {
        amount: Decimal::from_str(amount).unwrap(),
        code: CurrencyCode::parse(code).unwrap(),
        precision,
    })
}
