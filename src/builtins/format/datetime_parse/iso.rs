//! The default ISO 8601 reader (§4.5), used when a parser is given no format:
//!
//! ```text
//! date      = YYYY "-" MM "-" DD                      (4, 2 and 2 digits)
//! time      = HH ":" mm [ ":" ss [ ("." | ",") digit{1,9} ] ]
//! offset    = "Z" | ("+" | "-") HH [":"] MM | ("+" | "-") HH
//! datetime  = date ("T" | " ") time [offset]
//! ```

use super::cursor::Cursor;
use super::tokens::{millis_of_fraction, offset};
use super::{in_range, Fields, HourKind, Mismatch, Part};

/// What the text may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsoKind {
    /// A `date` or a `datetime` (the DateTime and Date parsers).
    DateOrDateTime,
    /// A bare `time` (without an offset) or a `datetime` (the Time parser).
    TimeOrDateTime,
}

impl IsoKind {
    /// The shapes the reader accepts, for error messages.
    pub fn shapes(self) -> &'static str {
        match self {
            IsoKind::DateOrDateTime => "YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss with an optional offset",
            IsoKind::TimeOrDateTime => "HH:mm:ss or YYYY-MM-DDTHH:mm:ss with an optional offset",
        }
    }
}

/// Reads `text` as ISO 8601 extended format; the whole text must match.
pub fn read_iso(text: &str, kind: IsoKind) -> Result<Fields, Mismatch> {
    let mut cur = Cursor::new(text);
    let mut f = Fields::default();
    if kind == IsoKind::TimeOrDateTime && is_bare_time(text) {
        time(&mut cur, &mut f)?;
        return match cur.peek() {
            None => Ok(f),
            Some('Z' | '+' | '-') => Err(Mismatch::new(
                cur.column(),
                format!(
                    "expected the end of the text, found {}: a time without a date cannot have an offset",
                    cur.found()
                ),
            )),
            Some(_) => Err(cur.expected("the end of the text")),
        };
    }
    if kind == IsoKind::TimeOrDateTime && !cur.peek().is_some_and(|c| c.is_ascii_digit()) {
        return Err(cur.expected("a time (HH:mm) or a date and time (YYYY-MM-DDTHH:mm)"));
    }
    date(&mut cur, &mut f)?;
    if cur.is_end() {
        return match kind {
            IsoKind::DateOrDateTime => Ok(f),
            IsoKind::TimeOrDateTime => Err(cur.expected("\"T\" and a time after the date")),
        };
    }
    if !(cur.eat("T") || cur.eat(" ")) {
        let what = match kind {
            IsoKind::DateOrDateTime => "\"T\" or a space before the time, or the end of the text",
            IsoKind::TimeOrDateTime => "\"T\" or a space before the time",
        };
        return Err(cur.expected(what));
    }
    time(&mut cur, &mut f)?;
    if !cur.is_end() {
        let col = cur.column();
        let value = offset(&mut cur, true).map_err(|m| {
            if m.column == col {
                cur.expected(
                    "an offset (\"Z\", \"+HH:MM\", \"-HHMM\" or \"+HH\") or the end of the text",
                )
            } else {
                m
            }
        })?;
        f.offset = Some(Part::at(value, col));
    }
    if cur.is_end() {
        Ok(f)
    } else {
        Err(cur.expected("the end of the text"))
    }
}

/// Whether the text starts like `HH:` rather than like a date.
fn is_bare_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b':'
}

/// Exactly `n` digits in `lo..=hi`.
fn fixed_digits(
    cur: &mut Cursor<'_>,
    n: usize,
    what: &str,
    lo: i64,
    hi: i64,
) -> Result<Part, Mismatch> {
    let col = cur.column();
    let (v, _) = cur
        .digits(n, n)
        .ok_or_else(|| cur.expected(&format!("{n} digits of the {what}")))?;
    in_range(what, v, col, lo, hi)
}

fn sep(cur: &mut Cursor<'_>, s: &str) -> Result<(), Mismatch> {
    if cur.eat(s) {
        Ok(())
    } else {
        Err(cur.expected(&format!("{s:?}")))
    }
}

fn date(cur: &mut Cursor<'_>, f: &mut Fields) -> Result<(), Mismatch> {
    f.year = Some(fixed_digits(cur, 4, "year", 1, 9999)?);
    sep(cur, "-")?;
    f.month = Some(fixed_digits(cur, 2, "month", 1, 12)?);
    sep(cur, "-")?;
    f.day = Some(fixed_digits(cur, 2, "day", 1, 31)?);
    Ok(())
}

fn time(cur: &mut Cursor<'_>, f: &mut Fields) -> Result<(), Mismatch> {
    f.hours = vec![(fixed_digits(cur, 2, "hour", 0, 23)?, HourKind::Day)];
    sep(cur, ":")?;
    f.minute = Some(fixed_digits(cur, 2, "minute", 0, 59)?);
    if !cur.eat(":") {
        return Ok(());
    }
    f.second = Some(fixed_digits(cur, 2, "second", 0, 59)?);
    if !(cur.eat(".") || cur.eat(",")) {
        return Ok(());
    }
    let col = cur.column();
    let digits = cur.digit_run_max(9);
    if digits.is_empty() {
        return Err(cur.expected("the digits of the fraction of a second"));
    }
    f.millisecond = Some(Part::at(millis_of_fraction(digits), col));
    Ok(())
}
