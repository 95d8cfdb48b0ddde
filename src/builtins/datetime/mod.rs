//! Built-ins of the datetime category (functions-time-math.md §3): building
//! values, the clock, splitting, parts and formatting.

use std::sync::Arc;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Zoned;
use rust_decimal::Decimal;

use super::args::{DateLike, TimeLike};
use super::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::{ObjectMap, Value};

use super::format::bounded::room_for;
use super::format::datetime as format;

pub mod calendar;
pub mod parse;
pub mod update;

#[cfg(test)]
mod tests;

use format::{Needs, Parts, ZoneInfo};

const C: Category = Category::DateTime;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "DATE",
        C,
        &[
            sig!(date(year: Decimal, month: Decimal, day: Decimal) -> DATE),
            sig!(date_from_parts(parts: &ObjectMap) -> DATE),
        ],
        "The Date of a year, month and day, or of an Object {year, month, day}",
    ),
    FunctionSpec::new(
        "TIME",
        C,
        &[
            sig!(time(
                hour: Decimal,
                minute: Decimal,
                second: Option<Decimal>,
                millisecond: Option<Decimal>
            ) -> TIME),
            sig!(time_from_parts(parts: &ObjectMap) -> TIME),
        ],
        "The Time of an hour, minute, second and millisecond, or of an Object {hour, minute, …}",
    ),
    FunctionSpec::new(
        "DATETIME",
        C,
        &[
            sig!(datetime(date: Date, time: Time, time_zone: Option<&str>) -> DATETIME),
            sig!(datetime_from_parts(parts: &ObjectMap) -> DATETIME),
        ],
        "The DateTime of a wall-clock Date and Time in a time zone (default: the session's)",
    )
    .session(),
    FunctionSpec::new(
        "NOW",
        C,
        &[sig!(now(time_zone: Option<&str>) -> DATETIME)],
        "The current instant as a DateTime in a time zone (default: the session's)",
    )
    .volatile()
    .session(),
    FunctionSpec::new(
        "TODAY",
        C,
        &[sig!(today(time_zone: Option<&str>) -> DATE)],
        "Today's Date in a time zone (default: the session's)",
    )
    .volatile()
    .session(),
    FunctionSpec::new(
        "DATE_FROM_DATETIME",
        C,
        &[sig!(date_from_datetime(datetime: &Zoned, time_zone: Option<&str>) -> DATE)],
        "The wall-clock Date of a DateTime, in its own zone or the one given",
    ),
    FunctionSpec::new(
        "TIME_FROM_DATETIME",
        C,
        &[sig!(time_from_datetime(datetime: &Zoned, time_zone: Option<&str>) -> TIME)],
        "The wall-clock Time of a DateTime, in its own zone or the one given",
    ),
    FunctionSpec::new(
        "YEAR",
        C,
        &[sig!(year(value: DateLike) -> NUMBER)],
        "The year of a Date or DateTime",
    ),
    FunctionSpec::new(
        "MONTH",
        C,
        &[sig!(month(value: DateLike) -> NUMBER)],
        "The month (1-12) of a Date or DateTime",
    ),
    FunctionSpec::new(
        "DAY",
        C,
        &[sig!(day(value: DateLike) -> NUMBER)],
        "The day of the month of a Date or DateTime",
    ),
    FunctionSpec::new(
        "HOUR",
        C,
        &[sig!(hour(value: TimeLike) -> NUMBER)],
        "The hour (0-23) of a Time or DateTime",
    ),
    FunctionSpec::new(
        "MINUTE",
        C,
        &[sig!(minute(value: TimeLike) -> NUMBER)],
        "The minute of a Time or DateTime",
    ),
    FunctionSpec::new(
        "SECOND",
        C,
        &[sig!(second(value: TimeLike) -> NUMBER)],
        "The whole seconds of a Time or DateTime",
    ),
    FunctionSpec::new(
        "WEEKDAY",
        C,
        &[sig!(weekday(value: DateLike) -> NUMBER)],
        "The day of the week of a Date or DateTime: 0 = Sunday … 6 = Saturday",
    ),
    FunctionSpec::new(
        "WEEK",
        C,
        &[sig!(week(value: DateLike) -> NUMBER)],
        "The US week number (Sunday start, week 1 holds 1 January)",
    ),
    FunctionSpec::new(
        "ISO_WEEK",
        C,
        &[sig!(iso_week(value: DateLike) -> NUMBER)],
        "The ISO 8601 week number",
    ),
    FunctionSpec::new(
        "FORMAT_DATETIME",
        C,
        &[sig!(format_datetime(
            datetime: &Zoned,
            format: Option<&str>,
            locale: Option<&str>,
            time_zone: Option<&str>
        ) -> TEXT)],
        "A DateTime as text with a format such as \"MMMM Do, YYYY h:mm A\" (default ISO 8601)",
    ),
    FunctionSpec::new(
        "FORMAT_DATE",
        C,
        &[sig!(format_date(date: Date, format: Option<&str>, locale: Option<&str>) -> TEXT)],
        "A Date as text with a format such as \"MMMM Do, YYYY\" (default YYYY-MM-DD)",
    ),
    FunctionSpec::new(
        "FORMAT_TIME",
        C,
        &[sig!(format_time(time: Time, format: Option<&str>, locale: Option<&str>) -> TEXT)],
        "A Time as text with a format such as \"h:mm A\" (default HH:mm:ss)",
    ),
];

// ---- argument helpers -------------------------------------------------------

/// Looks up an IANA zone name, case-insensitively.
pub fn zone_named(fname: &str, name: &str) -> Result<TimeZone> {
    match TimeZone::get(name) {
        Ok(tz) if tz.iana_name().is_some() => Ok(tz),
        _ => Err(Error::argument(format!(
            "{fname}: unknown time zone {name:?}"
        ))
        .with_help("use an IANA time zone name such as \"America/Los_Angeles\", \"Europe/Paris\" or \"UTC\"")),
    }
}

/// The zone argument at `i`, `None` when not given.
fn opt_zone(fname: &str, name: Option<&str>, i: usize) -> Result<Option<TimeZone>> {
    match name {
        None => Ok(None),
        Some(name) => zone_named(fname, name).map(Some).map_err(|e| e.at_arg(i)),
    }
}

/// A whole Number in `lo..=hi`: `TypeError` if not a Number, `ArgumentError`
/// if not whole or out of range.
fn whole_in(fname: &str, (n, i): (Decimal, usize), what: &str, lo: i64, hi: i64) -> Result<i64> {
    crate::value::number::to_whole(n)
        .filter(|w| (lo..=hi).contains(w))
        .ok_or_else(|| {
            Error::argument(format!(
                "{fname} expects the {what} to be a whole number from {lo} to {hi}, got {}",
                crate::value::number::plain(n)
            ))
            .at_arg(i)
        })
}

/// A field of a parts Object that must be a Number: `TypeError` otherwise.
fn number_field(fname: &str, v: &Value, key: &str) -> Result<(Decimal, usize)> {
    match v {
        Value::Number(n) => Ok((*n, 0)),
        other => Err(Error::type_error(format!(
            "{fname} expects a Number for argument 1 ({key}), got {}",
            other.type_name()
        ))
        .at_arg(0)),
    }
}

fn field<'a>(fname: &str, obj: &'a ObjectMap, key: &str) -> Result<&'a Value> {
    match obj.get(key) {
        None | Some(Value::Null) => Err(Error::argument(format!(
            "{fname} expects the Object to have a {key:?} field"
        ))
        .at_arg(0)),
        Some(v) => Ok(v),
    }
}

fn opt_field<'a>(obj: &'a ObjectMap, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

// ---- building values --------------------------------------------------------

/// A Date of parts, each with the index of the argument it came from.
fn make_date(
    fname: &str,
    y: (Decimal, usize),
    m: (Decimal, usize),
    d: (Decimal, usize),
) -> Result<Date> {
    let year = whole_in(fname, y, "year", 1, 9999)?;
    let month = whole_in(fname, m, "month", 1, 12)?;
    let day = whole_in(fname, d, "day", 1, 31)?;
    Date::new(year as i16, month as i8, day as i8).map_err(|_| {
        Error::argument(format!(
            "{fname}: {year:04}-{month:02}-{day:02} is not a day of the calendar (month {month} of {year} has fewer days)"
        ))
        .at_arg(d.1)
        .with_help("dates do not roll over: start from a real day and add days or months to it")
    })
}

fn date_from_object(fname: &str, obj: &ObjectMap) -> Result<Date> {
    let part = |key| number_field(fname, field(fname, obj, key)?, key);
    make_date(fname, part("year")?, part("month")?, part("day")?)
}

/// A Time of parts (hour, minute, second, millisecond; absent ones are 0),
/// each with the index of the argument it came from.
fn make_time(fname: &str, parts: [Option<(Decimal, usize)>; 4]) -> Result<Time> {
    let get = |k: usize, what: &str, hi: i64| match parts[k] {
        None => Ok(0),
        Some(p) => whole_in(fname, p, what, 0, hi),
    };
    let h = get(0, "hour", 23)?;
    let m = get(1, "minute", 59)?;
    let s = get(2, "second", 59)?;
    let ms = get(3, "millisecond", 999)?;
    Time::new(h as i8, m as i8, s as i8, (ms * 1_000_000) as i32)
        .map_err(|e| Error::argument(format!("{fname}: {e}")))
}

fn time_from_object(fname: &str, obj: &ObjectMap) -> Result<Time> {
    let part = |key| number_field(fname, field(fname, obj, key)?, key);
    let opt_part = |key| {
        opt_field(obj, key)
            .map(|v| number_field(fname, v, key))
            .transpose()
    };
    make_time(
        fname,
        [
            Some(part("hour")?),
            Some(part("minute")?),
            opt_part("second")?,
            opt_part("millisecond")?,
        ],
    )
}

/// Places a wall-clock date and time in `tz`: a time in a gap moves forward by
/// the gap, a time in an overlap takes the earlier instant (§1.5).
pub fn place(fname: &str, d: Date, t: Time, tz: TimeZone) -> Result<Zoned> {
    let civil = d.to_datetime(t);
    civil.to_zoned(tz).map_err(|_| {
        Error::argument(format!(
            "{fname}: {} is outside the instants a DateTime can hold (0001-01-01 to 9999-12-30T22:00:00Z)",
            civil.strftime("%Y-%m-%d %H:%M")
        ))
    })
}

/// `DATE(year, month, day)`.
fn date(cx: &CallCtx<'_>, y: Decimal, m: Decimal, d: Decimal) -> Result<Value> {
    Ok(Value::Date(make_date(cx.name(), (y, 0), (m, 1), (d, 2))?))
}

/// `DATE({year, month, day})`.
pub(crate) fn date_from_parts(cx: &CallCtx<'_>, o: &ObjectMap) -> Result<Value> {
    Ok(Value::Date(date_from_object(cx.name(), o)?))
}

/// `TIME(hour, minute [, second [, millisecond]])`.
fn time(
    cx: &CallCtx<'_>,
    h: Decimal,
    m: Decimal,
    s: Option<Decimal>,
    ms: Option<Decimal>,
) -> Result<Value> {
    let parts = [
        Some((h, 0)),
        Some((m, 1)),
        s.map(|s| (s, 2)),
        ms.map(|ms| (ms, 3)),
    ];
    Ok(Value::Time(make_time(cx.name(), parts)?))
}

/// `TIME({hour, minute, second, millisecond})`.
pub(crate) fn time_from_parts(cx: &CallCtx<'_>, o: &ObjectMap) -> Result<Value> {
    Ok(Value::Time(time_from_object(cx.name(), o)?))
}

fn date_value(fname: &str, v: &Value, what: &str) -> Result<Date> {
    match v {
        Value::Date(d) => Ok(*d),
        Value::Object(o) => date_from_object(fname, o),
        other => Err(Error::type_error(format!(
            "{fname} expects a Date in the {what}, got {}",
            other.type_name()
        ))
        .at_arg(0)),
    }
}

fn time_value(fname: &str, v: &Value, what: &str) -> Result<Time> {
    match v {
        Value::Time(t) => Ok(*t),
        Value::Object(o) => time_from_object(fname, o),
        other => Err(Error::type_error(format!(
            "{fname} expects a Time in the {what}, got {}",
            other.type_name()
        ))
        .at_arg(0)),
    }
}

/// `DATETIME(date, time [, time_zone])`.
fn datetime(cx: &CallCtx<'_>, d: Date, t: Time, zone: Option<&str>) -> Result<Value> {
    let f = cx.name();
    let tz = opt_zone(f, zone, 2)?.unwrap_or_else(|| cx.session.time_zone.clone());
    Ok(Value::DateTime(Arc::new(
        place(f, d, t, tz).map_err(|e| e.at_arg(2))?,
    )))
}

/// `DATETIME({date, time, timeZone})`.
pub(crate) fn datetime_from_parts(cx: &CallCtx<'_>, o: &ObjectMap) -> Result<Value> {
    let f = cx.name();
    let d = date_value(f, field(f, o, "date")?, "\"date\" field")?;
    let t = time_value(f, field(f, o, "time")?, "\"time\" field")?;
    let tz = match opt_field(o, "timeZone") {
        None => cx.session.time_zone.clone(),
        Some(Value::Text(name)) => zone_named(f, name).map_err(|e| e.at_arg(0))?,
        Some(v) => return Err(cx.type_error(0, "Text in the \"timeZone\" field", v)),
    };
    Ok(Value::DateTime(Arc::new(place(f, d, t, tz)?)))
}

// ---- the clock --------------------------------------------------------------

fn now_in(cx: &CallCtx<'_>, zone: Option<&str>) -> Result<Zoned> {
    let tz = opt_zone(cx.name(), zone, 0)?.unwrap_or_else(|| cx.session.time_zone.clone());
    Ok(cx.session.clock.now().to_zoned(tz))
}

/// `NOW([time_zone])`.
fn now(cx: &CallCtx<'_>, zone: Option<&str>) -> Result<Value> {
    Ok(Value::DateTime(Arc::new(now_in(cx, zone)?)))
}

/// `TODAY([time_zone])`.
fn today(cx: &CallCtx<'_>, zone: Option<&str>) -> Result<Value> {
    Ok(Value::Date(now_in(cx, zone)?.date()))
}

// ---- splitting and parts ----------------------------------------------------

/// A DateTime argument, converted to the zone argument at `zone_at` if given.
fn in_zone(cx: &CallCtx<'_>, z: &Zoned, zone: Option<&str>, zone_at: usize) -> Result<Zoned> {
    Ok(match opt_zone(cx.name(), zone, zone_at)? {
        Some(tz) => z.with_time_zone(tz),
        None => z.clone(),
    })
}

fn date_from_datetime(cx: &CallCtx<'_>, z: &Zoned, zone: Option<&str>) -> Result<Value> {
    Ok(Value::Date(in_zone(cx, z, zone, 1)?.date()))
}

fn time_from_datetime(cx: &CallCtx<'_>, z: &Zoned, zone: Option<&str>) -> Result<Value> {
    Ok(Value::Time(in_zone(cx, z, zone, 1)?.time()))
}

fn date_part(v: DateLike, f: fn(Date) -> i64) -> i64 {
    match v {
        DateLike::Date(d) => f(*d),
        DateLike::DateTime(z) => f(z.date()),
    }
}

fn time_part(v: TimeLike, f: fn(Time) -> i64) -> i64 {
    match v {
        TimeLike::Time(t) => f(*t),
        TimeLike::DateTime(z) => f(z.time()),
    }
}

fn year(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(d.year()))
}
fn month(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(d.month()))
}
fn day(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(d.day()))
}
fn weekday(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(d.weekday().to_sunday_zero_offset()))
}
fn week(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(format::us_week(d).1))
}
fn iso_week(_: &CallCtx<'_>, v: DateLike) -> i64 {
    date_part(v, |d| i64::from(format::iso_week(d).1))
}
fn hour(_: &CallCtx<'_>, v: TimeLike) -> i64 {
    time_part(v, |t| i64::from(t.hour()))
}
fn minute(_: &CallCtx<'_>, v: TimeLike) -> i64 {
    time_part(v, |t| i64::from(t.minute()))
}
fn second(_: &CallCtx<'_>, v: TimeLike) -> i64 {
    time_part(v, |t| i64::from(t.second()))
}

// ---- formatting -------------------------------------------------------------

fn format_with(
    cx: &CallCtx<'_>,
    fmt: Option<&str>,
    default: &str,
    parts: &Parts,
    allowed: &[Needs],
    type_name: &str,
) -> Result<String> {
    // The locale is only checked to be Text; names are English in every locale (§1.7).
    let fmt = fmt.unwrap_or(default);
    // First every piece is read and checked (a malformed format is the
    // error before a token the value lacks), then written; the format is
    // read twice rather than kept as a list of pieces, each ticks, and the
    // text stops at the size limit.
    let mut refused = None;
    for p in format::pieces(fmt) {
        cx.budget.tick()?;
        let p = p.map_err(|e| e.at_arg(1))?;
        if refused.is_none() {
            refused = format::check(std::slice::from_ref(&p), allowed, cx.name(), type_name).err();
        }
    }
    if let Some(e) = refused {
        return Err(e);
    }
    let mut out = String::with_capacity(32);
    for p in format::pieces(fmt) {
        cx.budget.tick()?;
        format::render_piece(&mut out, &p?, parts);
        room_for(cx, &out, 0)?;
    }
    Ok(out)
}

/// The parts of a DateTime for the formatter.
pub fn zoned_parts(z: &Zoned) -> Parts<'_> {
    Parts {
        date: Some(z.date()),
        time: Some(z.time()),
        zone: Some(ZoneInfo {
            info: z.time_zone().to_offset_info(z.timestamp()),
            millis: z.timestamp().as_millisecond(),
        }),
    }
}

/// `FORMAT_DATETIME(datetime [, format [, locale [, time_zone]]])`.
fn format_datetime(
    cx: &CallCtx<'_>,
    z: &Zoned,
    fmt: Option<&str>,
    _locale: Option<&str>,
    zone: Option<&str>,
) -> Result<String> {
    let z = in_zone(cx, z, zone, 3)?;
    format_with(
        cx,
        fmt,
        "YYYY-MM-DDTHH:mm:ssZ",
        &zoned_parts(&z),
        &[Needs::Date, Needs::Time, Needs::Zone],
        "DateTime",
    )
}

/// `FORMAT_DATE(date [, format [, locale]])`.
fn format_date(
    cx: &CallCtx<'_>,
    d: Date,
    fmt: Option<&str>,
    _locale: Option<&str>,
) -> Result<String> {
    let parts = Parts {
        date: Some(d),
        time: None,
        zone: None,
    };
    format_with(cx, fmt, "YYYY-MM-DD", &parts, &[Needs::Date], "Date")
}

/// `FORMAT_TIME(time [, format [, locale]])`.
fn format_time(
    cx: &CallCtx<'_>,
    t: Time,
    fmt: Option<&str>,
    _locale: Option<&str>,
) -> Result<String> {
    let parts = Parts {
        date: None,
        time: Some(t),
        zone: None,
    };
    format_with(cx, fmt, "HH:mm:ss", &parts, &[Needs::Time], "Time")
}
