//! SMS encoding and segments (messaging.md §7). PLACEHOLDER: being written.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::value::{ObjectMap, Value};

/// The two encodings an SMS is sent in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
}

/// What a text costs as an SMS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segments {
    pub segments: u32,
    pub encoding: Encoding,
    /// Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.
    pub units: u32,
}

impl Segments {
    /// `{segments, encoding, units}`, as `SMS_SEGMENTS` returns it.
    pub fn to_value(self) -> Value {
        let mut m = ObjectMap::default();
        m.insert(
            Arc::from("segments"),
            Value::Number(Decimal::from(self.segments)),
        );
        m.insert(
            Arc::from("encoding"),
            Value::Text(Arc::from(self.encoding.name())),
        );
        m.insert(Arc::from("units"), Value::Number(Decimal::from(self.units)));
        Value::Object(Arc::new(m))
    }
}

/// Counts the segments of `text`.
pub fn count(text: &str) -> Segments {
    let units = text.encode_utf16().count() as u32;
    Segments {
        segments: 1.max(units.div_ceil(67)),
        encoding: Encoding::Ucs2,
        units,
    }
}
