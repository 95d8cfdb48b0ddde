//! The parsing side of the date and time format language
//! (functions-time-math.md §4.4–§4.5): reading text with moment-style tokens,
//! and the default ISO 8601 reader.
//!
//! Reading happens in two steps. First the text is read into [`Fields`], each
//! part with the character column it was found at ([`read_format`] with the
//! tokens of a format, [`read_iso`] with the ISO 8601 grammar). Then
//! [`resolve`] fills in missing parts, checks the values and gives either a
//! wall-clock reading or an instant ([`Reading`]). A text that does not match
//! is a [`Mismatch`]: a column and what went wrong there.

mod cursor;
mod iso;
mod resolve;
mod tokens;

#[cfg(test)]
mod tests;

pub use iso::{read_iso, IsoKind};
pub use resolve::{resolve, Reading};
pub use tokens::{is_fraction, read_format, read_pieces, unreadable_token};

/// Where and why a text does not match: reading failed at the 1-based
/// character `column` of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub column: usize,
    pub message: String,
}

impl Mismatch {
    pub fn new(column: usize, message: impl Into<String>) -> Mismatch {
        Mismatch {
            column,
            message: message.into(),
        }
    }
}

/// A value read from the text and the column it started at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub value: i64,
    pub column: usize,
}

impl Part {
    /// `value`, read at `column`.
    pub fn at(value: i64, column: usize) -> Part {
        Part { value, column }
    }
}

/// How an hour was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HourKind {
    /// `H`, `HH`: 0–23.
    Day,
    /// `h`, `hh`: 1–12, with `A`/`a` for the half of the day.
    Half,
    /// `k`, `kk`: 1–24, 24 being midnight.
    KDay,
}

/// A Unix time read by `X` or `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unix {
    /// Milliseconds since 1970-01-01T00:00Z.
    pub millis: i64,
    pub column: usize,
    /// `X` read whole seconds, without a fraction: the fraction token of the
    /// format, if any, adds the milliseconds.
    pub whole_seconds: bool,
}

/// Everything read from a text, before missing parts are filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub year: Option<Part>,
    pub month: Option<Part>,
    pub day: Option<Part>,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: Option<Part>,
    /// Every hour token read, with how it was written (resolved together with
    /// [`Fields::pm`]; they must agree).
    pub hours: Vec<(Part, HourKind)>,
    /// 0 for AM, 1 for PM.
    pub pm: Option<Part>,
    pub minute: Option<Part>,
    pub second: Option<Part>,
    pub millisecond: Option<Part>,
    /// Seconds east of UTC.
    pub offset: Option<Part>,
    pub unix: Option<Unix>,
}

/// Stores `new` in `slot`; a part read twice must have the same value.
fn put(slot: &mut Option<Part>, what: &str, new: Part) -> Result<(), Mismatch> {
    match slot {
        Some(old) if old.value != new.value => Err(Mismatch::new(
            new.column,
            format!(
                "the {what} {} does not agree with the {what} {} read at character {}",
                new.value, old.value, old.column
            ),
        )),
        Some(_) => Ok(()),
        None => {
            *slot = Some(new);
            Ok(())
        }
    }
}

/// `value` at `column` if it is in `lo..=hi`, else a mismatch
/// `WHAT VALUE is not LO–HI`.
fn in_range(what: &str, value: i64, column: usize, lo: i64, hi: i64) -> Result<Part, Mismatch> {
    if (lo..=hi).contains(&value) {
        Ok(Part { value, column })
    } else {
        Err(Mismatch::new(
            column,
            format!("{what} {value} is not {lo}–{hi}"),
        ))
    }
}
