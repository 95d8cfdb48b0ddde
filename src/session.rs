//! What the host supplies to an evaluation: the clock, the session time zone,
//! the locale, the `@` value and the granted capabilities.

use std::path::Path;
use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::error::Result;
use crate::value::{ObjectMap, Value};

/// The two messaging channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        match s {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// The host side of the messaging effects (decisions §11; messaging.md §1).
/// A session holding one may send; `SEND_EMAIL`, `SEND_SMS` and
/// `MESSAGE_STATUS` call it, and raise an `EffectError` where none is granted.
pub trait Effects: Send + Sync + std::fmt::Debug {
    /// Validates, renders, applies the policies to and stores one message (the
    /// object form of the call; the built-ins turn positional calls into it)
    /// and returns its record.
    fn send(&self, channel: Channel, message: &ObjectMap) -> Result<Value>;
    /// The current record of a message, with its `events`; `NULL` when no
    /// message has that id.
    fn status(&self, id: &str) -> Result<Value>;
}

/// The host's media store, which resolves `asset://` URIs
/// (functions-text-data.md §10.1). Without one such Assets are `MISSING`.
pub trait AssetStore: Send + Sync + std::fmt::Debug {
    /// The content behind `uri` (an `asset://` URI): its name, media type and
    /// bytes; `None` when the store has nothing under that URI.
    fn get(&self, uri: &str) -> Option<StoredAsset>;
}

/// What an [`AssetStore`] holds under one URI.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAsset {
    pub name: String,
    pub media_type: String,
    pub bytes: Arc<[u8]>,
}

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
    /// Who carries out SEND_EMAIL / SEND_SMS, when they are granted (decisions §11).
    pub effects: Option<Arc<dyn Effects>>,
    /// Reading local files (file Assets) is a capability, like the effects
    /// (functions-text-data.md §10.1): granted with the directory that
    /// relative paths resolve against; `None` refuses them with an `EffectError`.
    pub files: Option<Arc<Path>>,
    /// The host's media store for `asset://` URIs, when it has one.
    pub assets: Option<Arc<dyn AssetStore>>,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            clock: Clock::System,
            time_zone: TimeZone::UTC,
            locale: "en-US".to_string(),
            current: Value::Null,
            effects: None,
            files: None,
            assets: None,
        }
    }
}

impl Session {
    /// The session region: the region subtag of the locale (`US` for
    /// `en-US`), `US` when the locale has none (functions-text-data.md §1.4).
    pub fn region(&self) -> String {
        self.locale
            .split(['-', '_'])
            .skip(1)
            .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            .map(|p| p.to_ascii_uppercase())
            .unwrap_or_else(|| "US".to_owned())
    }

    /// Grants reading local files, relative paths resolving against `base`.
    pub fn with_files(mut self, base: impl AsRef<Path>) -> Session {
        self.files = Some(Arc::from(base.as_ref()));
        self
    }

    /// The current instant in the session time zone.
    pub fn now(&self) -> jiff::Zoned {
        self.clock.now().to_zoned(self.time_zone.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_is_the_locales_region_subtag() {
        let region = |locale: &str| {
            Session {
                locale: locale.into(),
                ..Session::default()
            }
            .region()
        };
        assert_eq!(region("en-US"), "US");
        assert_eq!(region("en-gb"), "GB");
        assert_eq!(region("de_DE"), "DE");
        assert_eq!(region("zh-Hant-TW"), "TW");
        assert_eq!(region("en"), "US");
        assert_eq!(region("es-419"), "US");
        assert_eq!(region(""), "US");
    }
}
