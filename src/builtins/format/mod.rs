//! Formatting for people, in one place: the locales, digit grouping, the
//! format languages of numbers (d3), money (`$0,0.00` patterns) and dates and
//! times (moment-style tokens), and how a value renders inside `{{ }}`.

pub mod bounded;
pub mod currency;
pub mod datetime;
pub mod datetime_parse;
pub mod digits;
pub mod locale;
pub mod number;
pub mod render;

pub use locale::Locale;
