//! From the parts read to a value (§4.4): the hour of a 12- or 24-hour clock,
//! missing parts (time parts are 0; date parts larger than the largest one
//! given come from today, smaller ones are 1), validity, the weekday check,
//! and the instant fixed by an offset or a Unix time.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

use super::{Fields, HourKind, Mismatch, Part, Unix};
use crate::builtins::format::datetime::{MONTHS, WEEKDAYS};

/// What a text gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A wall-clock date and time without an offset: the caller places it in
    /// the target zone.
    Wall(DateTime),
    /// An instant, fixed by an offset or a Unix time.
    Instant(Timestamp),
}

/// Turns `fields` into a [`Reading`]. `today` is today's date in the target
/// zone, which supplies missing date parts; `zone` is the target zone, in
/// which parts read beside a Unix time must agree with it.
pub fn resolve(f: &Fields, today: Date, zone: &TimeZone) -> Result<Reading, Mismatch> {
    let hour = hour(f)?;
    if let Some(unix) = f.unix {
        return from_unix(f, unix, hour, zone);
    }
    let date = date(f, today)?;
    let value = |p: Option<Part>| p.map_or(0, |p| p.value);
    let time = Time::new(
        small(value(hour)),
        small(value(f.minute)),
        small(value(f.second)),
        i32::try_from(value(f.millisecond)).unwrap_or(0) * 1_000_000,
    )
    .map_err(|e| Mismatch::new(1, format!("the time is not valid: {e}")))?;
    let wall = date.to_datetime(time);
    match f.offset {
        None => Ok(Reading::Wall(wall)),
        Some(p) => offset_of(p)?
            .to_timestamp(wall)
            .map(Reading::Instant)
            .map_err(|_| {
                Mismatch::new(
                    p.column,
                    "this date and offset give an instant outside the supported range (years 1 to 9999-12-30)",
                )
            }),
    }
}

/// A validated value as `i8` (every part but the year and milliseconds fits).
fn small(v: i64) -> i8 {
    i8::try_from(v).unwrap_or(0)
}

fn offset_of(p: Part) -> Result<Offset, Mismatch> {
    i32::try_from(p.value)
        .ok()
        .and_then(|s| Offset::from_seconds(s).ok())
        .ok_or_else(|| Mismatch::new(p.column, "the offset is out of range"))
}

/// The hour on the 24-hour clock, from every hour token and `A`/`a`.
fn hour(f: &Fields) -> Result<Option<Part>, Mismatch> {
    let mut found: Option<Part> = None;
    for &(p, kind) in &f.hours {
        let h = match (kind, f.pm) {
            (HourKind::Half, None) => p.value,
            (HourKind::Half, Some(pm)) => p.value % 12 + 12 * pm.value,
            (HourKind::Day | HourKind::KDay, pm) => {
                let h = if kind == HourKind::KDay && p.value == 24 {
                    0
                } else {
                    p.value
                };
                if let Some(pm) = pm {
                    if (h >= 12) != (pm.value == 1) {
                        return Err(Mismatch::new(
                            pm.column,
                            format!(
                                "{} does not agree with hour {} read at character {} (write h or hh for a 12-hour clock)",
                                if pm.value == 1 { "PM" } else { "AM" },
                                p.value,
                                p.column
                            ),
                        ));
                    }
                }
                h
            }
        };
        match found {
            Some(old) if old.value != h => {
                return Err(Mismatch::new(
                    p.column,
                    format!(
                        "the hour {} does not agree with the hour read at character {}",
                        p.value, old.column
                    ),
                ))
            }
            Some(_) => {}
            None => found = Some(Part::at(h, p.column)),
        }
    }
    // AM or PM without an hour: midnight or noon.
    Ok(found.or(f.pm.map(|pm| Part::at(12 * pm.value, pm.column))))
}

/// The date: parts larger than the largest one given come from `today`,
/// smaller missing ones are 1; it must exist and match the weekday read.
fn date(f: &Fields, today: Date) -> Result<Date, Mismatch> {
    let year = f.year.map_or(i64::from(today.year()), |p| p.value);
    let month = match f.month {
        Some(p) => p.value,
        None if f.year.is_some() => 1,
        None => i64::from(today.month()),
    };
    let day = match f.day {
        Some(p) => p.value,
        None if f.year.is_some() || f.month.is_some() => 1,
        None => i64::from(today.day()),
    };
    let date = i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, small(month), small(day)).ok())
        .ok_or_else(|| {
            let column = f.day.or(f.month).or(f.year).map_or(1, |p| p.column);
            let month_name = usize::try_from(month - 1)
                .ok()
                .and_then(|i| MONTHS.get(i))
                .copied()
                .unwrap_or("that month");
            Mismatch::new(
                column,
                format!("day {day} does not exist in {month_name} {year}"),
            )
        })?;
    if let Some(w) = f.weekday {
        let actual = date.weekday().to_sunday_zero_offset();
        if w.value != i64::from(actual) {
            let name = |i: i64| {
                usize::try_from(i)
                    .ok()
                    .and_then(|i| WEEKDAYS.get(i))
                    .copied()
                    .unwrap_or("?")
            };
            return Err(Mismatch::new(
                w.column,
                format!(
                    "{date} is a {}, not a {}",
                    name(i64::from(actual)),
                    name(w.value)
                ),
            ));
        }
    }
    Ok(date)
}

/// The instant of a Unix time (plus the milliseconds of a fraction token when
/// `X` read whole seconds); every other part read must agree with it, as a
/// wall clock in the offset read or else in the target zone.
fn from_unix(
    f: &Fields,
    unix: Unix,
    hour: Option<Part>,
    zone: &TimeZone,
) -> Result<Reading, Mismatch> {
    let mut millis = unix.millis;
    if unix.whole_seconds {
        if let Some(ms) = f.millisecond {
            millis = millis.checked_add(ms.value).unwrap_or(i64::MAX);
        }
    }
    let ts = Timestamp::from_millisecond(millis).map_err(|_| {
        Mismatch::new(
            unix.column,
            "the Unix time is outside the supported range (years 1 to 9999-12-30)",
        )
    })?;
    let tz = match f.offset {
        Some(p) => TimeZone::fixed(offset_of(p)?),
        None => zone.clone(),
    };
    let z = ts.to_zoned(tz);
    let checks = [
        ("year", f.year, i64::from(z.year())),
        ("month", f.month, i64::from(z.month())),
        ("day", f.day, i64::from(z.day())),
        (
            "weekday",
            f.weekday,
            i64::from(z.weekday().to_sunday_zero_offset()),
        ),
        ("hour", hour, i64::from(z.hour())),
        ("minute", f.minute, i64::from(z.minute())),
        ("second", f.second, i64::from(z.second())),
        ("millisecond", f.millisecond, i64::from(z.millisecond())),
    ];
    for (what, part, actual) in checks {
        if let Some(p) = part {
            if p.value != actual {
                return Err(Mismatch::new(
                    p.column,
                    format!(
                        "the {what} {} does not agree with the Unix time read at character {}, whose {what} is {actual}",
                        p.value, unix.column
                    ),
                ));
            }
        }
    }
    Ok(Reading::Instant(ts))
}
