//! What the host supplies to an evaluation: the clock, the session time zone,
//! the locale, the `@` value and the granted capabilities.

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::value::Value;

/// Where `NOW()` and `TODAY()` read the time.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Session {
    pub clock: Clock,
    /// The session time zone (default UTC).
    pub time_zone: TimeZone,
    /// A BCP 47 tag such as `en-US` (the default).
    pub locale: String,
    /// The host's current value: what `@` means outside a filter.
    pub current: Value,
    /// Whether SEND_EMAIL / SEND_SMS may run (decisions §11).
    pub effects: bool,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            clock: Clock::System,
            time_zone: TimeZone::UTC,
            locale: "en-US".to_string(),
            current: Value::Null,
            effects: false,
        }
    }
}

impl Session {
    /// The current instant in the session time zone.
    pub fn now(&self) -> jiff::Zoned {
        self.clock.now().to_zoned(self.time_zone.clone())
    }
}
