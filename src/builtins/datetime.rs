//! Built-ins of the datetime category (functions-time-math.md §3): building
//! values, the clock, splitting, parts and formatting.

use std::sync::Arc;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Zoned;

use super::{opt, req, CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::value::{ObjectMap, Value};

#[path = "datetime_format.rs"]
pub mod format;

#[cfg(test)]
#[path = "datetime_tests.rs"]
mod tests;

use format::{Needs, Parts, ZoneInfo};

const C: Category = Category::DateTime;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure(
        "DATE",
        C,
        &[req("year"), opt("month"), opt("day")],
        date,
        "The Date of a year, month and day, or of an Object {year, month, day}",
    ),
    FunctionSpec::pure(
        "TIME",
        C,
        &[
            req("hour"),
            opt("minute"),
            opt("second"),
            opt("millisecond"),
        ],
        time,
        "The Time of an hour, minute, second and millisecond, or of an Object {hour, minute, …}",
    ),
    FunctionSpec::pure(
        "DATETIME",
        C,
        &[req("date"), opt("time"), opt("time_zone")],
        datetime,
        "The DateTime of a wall-clock Date and Time in a time zone (default: the session's)",
    ),
    FunctionSpec::pure(
        "NOW",
        C,
        &[opt("time_zone")],
        now,
        "The current instant as a DateTime in a time zone (default: the session's)",
    )
    .volatile(),
    FunctionSpec::pure(
        "TODAY",
        C,
        &[opt("time_zone")],
        today,
        "Today's Date in a time zone (default: the session's)",
    )
    .volatile(),
    FunctionSpec::pure(
        "DATE_FROM_DATETIME",
        C,
        &[req("datetime"), opt("time_zone")],
        date_from_datetime,
        "The wall-clock Date of a DateTime, in its own zone or the one given",
    ),
    FunctionSpec::pure(
        "TIME_FROM_DATETIME",
        C,
        &[req("datetime"), opt("time_zone")],
        time_from_datetime,
        "The wall-clock Time of a DateTime, in its own zone or the one given",
    ),
    FunctionSpec::pure(
        "YEAR",
        C,
        &[req("value")],
        year,
        "The year of a Date or DateTime",
    ),
    FunctionSpec::pure(
        "MONTH",
        C,
        &[req("value")],
        month,
        "The month (1-12) of a Date or DateTime",
    ),
    FunctionSpec::pure(
        "DAY",
        C,
        &[req("value")],
        day,
        "The day of the month of a Date or DateTime",
    ),
    FunctionSpec::pure(
        "HOUR",
        C,
        &[req("value")],
        hour,
        "The hour (0-23) of a Time or DateTime",
    ),
    FunctionSpec::pure(
        "MINUTE",
        C,
        &[req("value")],
        minute,
        "The minute of a Time or DateTime",
    ),
    FunctionSpec::pure(
        "SECOND",
        C,
        &[req("value")],
        second,
        "The whole seconds of a Time or DateTime",
    ),
    FunctionSpec::pure(
        "WEEKDAY",
        C,
        &[req("value")],
        weekday,
        "The day of the week of a Date or DateTime: 0 = Sunday … 6 = Saturday",
    ),
    FunctionSpec::pure(
        "WEEK",
        C,
        &[req("value")],
        week,
        "The US week number (Sunday start, week 1 holds 1 January)",
    ),
    FunctionSpec::pure(
        "ISO_WEEK",
        C,
        &[req("value")],
        iso_week,
        "The ISO 8601 week number",
    ),
    FunctionSpec::pure(
        "FORMAT_DATETIME",
        C,
        &[
            req("datetime"),
            opt("format"),
            opt("locale"),
            opt("time_zone"),
        ],
        format_datetime,
        "A DateTime as text with a format such as \"MMMM Do, YYYY h:mm A\" (default ISO 8601)",
    ),
    FunctionSpec::pure(
        "FORMAT_DATE",
        C,
        &[req("date"), opt("format"), opt("locale")],
        format_date,
        "A Date as text with a format such as \"MMMM Do, YYYY\" (default YYYY-MM-DD)",
    ),
    FunctionSpec::pure(
        "FORMAT_TIME",
        C,
        &[req("time"), opt("format"), opt("locale")],
        format_time,
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
fn opt_zone(fname: &str, args: &[Value], i: usize) -> Result<Option<TimeZone>> {
    match super::args::text(args, i, fname)? {
        None => Ok(None),
        Some(name) => zone_named(fname, name).map(Some).map_err(|e| e.at_arg(i)),
    }
}

/// A whole Number in `lo..=hi`: `TypeError` if not a Number, `ArgumentError`
/// if not whole or out of range.
fn whole_in(fname: &str, v: &Value, i: usize, what: &str, lo: i64, hi: i64) -> Result<i64> {
    let n = match v {
        Value::Number(n) => *n,
        other => return Err(super::args::type_error(fname, i, "a Number", other)),
    };
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

fn make_date(
    fname: &str,
    y: (&Value, usize),
    m: (&Value, usize),
    d: (&Value, usize),
) -> Result<Date> {
    let year = whole_in(fname, y.0, y.1, "year", 1, 9999)?;
    let month = whole_in(fname, m.0, m.1, "month", 1, 12)?;
    let day = whole_in(fname, d.0, d.1, "day", 1, 31)?;
    Date::new(year as i16, month as i8, day as i8).map_err(|_| {
        Error::argument(format!(
            "{fname}: {year:04}-{month:02}-{day:02} is not a day of the calendar (month {month} of {year} has fewer days)"
        ))
        .at_arg(d.1)
        .with_help("use ADD_TO_DATE to move a date by days or months")
    })
}

fn date_from_object(fname: &str, obj: &ObjectMap) -> Result<Date> {
    let y = field(fname, obj, "year")?;
    let m = field(fname, obj, "month")?;
    let d = field(fname, obj, "day")?;
    make_date(fname, (y, 0), (m, 0), (d, 0))
}

fn make_time(fname: &str, parts: [(Option<&Value>, usize); 4]) -> Result<Time> {
    let get = |k: usize, what: &str, hi: i64| match parts[k].0 {
        None => Ok(0),
        Some(v) => whole_in(fname, v, parts[k].1, what, 0, hi),
    };
    let h = get(0, "hour", 23)?;
    let m = get(1, "minute", 59)?;
    let s = get(2, "second", 59)?;
    let ms = get(3, "millisecond", 999)?;
    Time::new(h as i8, m as i8, s as i8, (ms * 1_000_000) as i32)
        .map_err(|e| Error::argument(format!("{fname}: {e}")))
}

fn time_from_object(fname: &str, obj: &ObjectMap) -> Result<Time> {
    let h = field(fname, obj, "hour")?;
    let m = field(fname, obj, "minute")?;
    make_time(
        fname,
        [
            (Some(h), 0),
            (Some(m), 0),
            (opt_field(obj, "second"), 0),
            (opt_field(obj, "millisecond"), 0),
        ],
    )
}

/// Places a wall-clock date and time in `tz`: a time in a gap moves forward by
/// the gap, a time in an overlap takes the earlier instant (§1.5).
pub fn place(fname: &str, d: Date, t: Time, tz: TimeZone) -> Result<Zoned> {
    d.to_datetime(t).to_zoned(tz).map_err(|e| {
        Error::argument(format!(
            "{fname}: the date and time cannot be placed in that zone: {e}"
        ))
    })
}

/// `DATE(year, month, day)` or `DATE(object)`.
fn date(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "DATE";
    match args {
        [Value::Null] => Ok(Value::Null),
        [Value::Object(o)] => Ok(Value::Date(date_from_object(F, o)?)),
        [v] => Err(super::args::type_error(
            F,
            0,
            "a year, month and day, or an Object {year, month, day}",
            v,
        )),
        [y, m, d] => {
            if args.iter().any(Value::is_null) {
                return Ok(Value::Null);
            }
            Ok(Value::Date(make_date(F, (y, 0), (m, 1), (d, 2))?))
        }
        _ => Err(
            Error::argument(format!("DATE takes 1 or 3 arguments, got {}", args.len())).with_help(
                "usage: DATE(year, month, day) or DATE({\"year\": 2021, \"month\": 4, \"day\": 7})",
            ),
        ),
    }
}

/// `TIME(hour, minute [, second [, millisecond]])` or `TIME(object)`.
fn time(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "TIME";
    match args {
        [Value::Null] | [Value::Null, ..] => Ok(Value::Null),
        [Value::Object(o)] => Ok(Value::Time(time_from_object(F, o)?)),
        [Value::Number(_)] => Err(Error::argument(
            "TIME takes an hour and a minute, got only one Number",
        )
        .with_help("usage: TIME(hour, minute, [second], [millisecond])")),
        [v] => Err(super::args::type_error(
            F,
            0,
            "an hour and a minute, or an Object {hour, minute, …}",
            v,
        )),
        [_, Value::Null, ..] => Ok(Value::Null),
        _ => {
            let at = |i: usize| (args.get(i).filter(|v| !v.is_null()), i);
            Ok(Value::Time(make_time(F, [at(0), at(1), at(2), at(3)])?))
        }
    }
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

/// `DATETIME(date, time [, time_zone])` or `DATETIME(object)`.
fn datetime(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "DATETIME";
    let session_zone = || ctx.session.time_zone.clone();
    match args {
        [Value::Null] => Ok(Value::Null),
        [Value::Object(o)] => {
            let d = date_value(F, field(F, o, "date")?, "\"date\" field")?;
            let t = time_value(F, field(F, o, "time")?, "\"time\" field")?;
            let tz = match opt_field(o, "timeZone") {
                None => session_zone(),
                Some(Value::Text(name)) => zone_named(F, name).map_err(|e| e.at_arg(0))?,
                Some(v) => {
                    return Err(super::args::type_error(
                        F,
                        0,
                        "Text in the \"timeZone\" field",
                        v,
                    ))
                }
            };
            Ok(Value::DateTime(Arc::new(place(F, d, t, tz)?)))
        }
        [Value::Date(_)] => Err(Error::argument(
            "DATETIME takes a Date and a Time, got only a Date",
        )
        .with_help("usage: DATETIME(date, time, [time_zone])")),
        [v] => Err(super::args::type_error(
            F,
            0,
            "a Date and a Time, or an Object {date, time, timeZone}",
            v,
        )),
        [d, t, ..] => {
            if d.is_null() || t.is_null() {
                return Ok(Value::Null);
            }
            let d = match d {
                Value::Date(d) => *d,
                other => return Err(super::args::type_error(F, 0, "a Date", other)),
            };
            let t = match t {
                Value::Time(t) => *t,
                other => return Err(super::args::type_error(F, 1, "a Time", other)),
            };
            let tz = opt_zone(F, args, 2)?.unwrap_or_else(session_zone);
            Ok(Value::DateTime(Arc::new(
                place(F, d, t, tz).map_err(|e| e.at_arg(2))?,
            )))
        }
        [] => Ok(Value::Null),
    }
}

// ---- the clock --------------------------------------------------------------

fn now_in(ctx: &CallCtx<'_>, fname: &str, args: &[Value]) -> Result<Zoned> {
    let tz = opt_zone(fname, args, 0)?.unwrap_or_else(|| ctx.session.time_zone.clone());
    Ok(ctx.session.clock.now().to_zoned(tz))
}

/// `NOW([time_zone])`.
fn now(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::DateTime(Arc::new(now_in(ctx, "NOW", args)?)))
}

/// `TODAY([time_zone])`.
fn today(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Date(now_in(ctx, "TODAY", args)?.date()))
}

// ---- splitting and parts ----------------------------------------------------

/// The DateTime argument 0, converted to the zone argument at `zone_at` if given;
/// `None` for NULL.
fn datetime_arg(fname: &str, args: &[Value], zone_at: Option<usize>) -> Result<Option<Zoned>> {
    let z = match args.first() {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::DateTime(z)) => z,
        Some(v) => return Err(super::args::type_error(fname, 0, "a DateTime", v)),
    };
    let tz = match zone_at {
        Some(i) => opt_zone(fname, args, i)?,
        None => None,
    };
    Ok(Some(match tz {
        Some(tz) => z.with_time_zone(tz),
        None => (**z).clone(),
    }))
}

fn date_from_datetime(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(datetime_arg("DATE_FROM_DATETIME", args, Some(1))?
        .map_or(Value::Null, |z| Value::Date(z.date())))
}

fn time_from_datetime(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(datetime_arg("TIME_FROM_DATETIME", args, Some(1))?
        .map_or(Value::Null, |z| Value::Time(z.time())))
}

fn date_part(fname: &str, args: &[Value], f: fn(Date) -> i64) -> Result<Value> {
    match args.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::Date(d)) => Ok(Value::from(f(*d))),
        Some(Value::DateTime(z)) => Ok(Value::from(f(z.date()))),
        Some(v) => Err(super::args::type_error(fname, 0, "a Date or a DateTime", v)),
    }
}

fn time_part(fname: &str, args: &[Value], f: fn(Time) -> i64) -> Result<Value> {
    match args.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::Time(t)) => Ok(Value::from(f(*t))),
        Some(Value::DateTime(z)) => Ok(Value::from(f(z.time()))),
        Some(v) => Err(super::args::type_error(fname, 0, "a Time or a DateTime", v)),
    }
}

fn year(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("YEAR", a, |d| i64::from(d.year()))
}
fn month(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("MONTH", a, |d| i64::from(d.month()))
}
fn day(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("DAY", a, |d| i64::from(d.day()))
}
fn weekday(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("WEEKDAY", a, |d| {
        i64::from(d.weekday().to_sunday_zero_offset())
    })
}
fn week(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("WEEK", a, |d| i64::from(format::us_week(d).1))
}
fn iso_week(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    date_part("ISO_WEEK", a, |d| i64::from(format::iso_week(d).1))
}
fn hour(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    time_part("HOUR", a, |t| i64::from(t.hour()))
}
fn minute(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    time_part("MINUTE", a, |t| i64::from(t.minute()))
}
fn second(_: &CallCtx<'_>, a: &[Value]) -> Result<Value> {
    time_part("SECOND", a, |t| i64::from(t.second()))
}

// ---- formatting -------------------------------------------------------------

fn format_with(
    fname: &str,
    args: &[Value],
    default: &str,
    parts: &Parts,
    allowed: &[Needs],
    type_name: &str,
) -> Result<Value> {
    let fmt = super::args::text(args, 1, fname)?.unwrap_or(default);
    // The locale is checked to be Text; names are English in every locale (§1.7).
    super::args::text(args, 2, fname)?;
    let pieces = format::tokenize(fmt).map_err(|e| e.at_arg(1))?;
    format::check(&pieces, allowed, fname, type_name)?;
    Ok(Value::text(format::render(&pieces, parts)))
}

/// The parts of a DateTime for the formatter.
pub fn zoned_parts(z: &Zoned) -> Parts {
    let info = z.time_zone().to_offset_info(z.timestamp());
    Parts {
        date: Some(z.date()),
        time: Some(z.time()),
        zone: Some(ZoneInfo {
            offset: info.offset().seconds(),
            abbreviation: info.abbreviation().to_string(),
            millis: z.timestamp().as_millisecond(),
        }),
    }
}

/// `FORMAT_DATETIME(datetime [, format [, locale [, time_zone]]])`.
fn format_datetime(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "FORMAT_DATETIME";
    let Some(z) = datetime_arg(F, args, Some(3))? else {
        return Ok(Value::Null);
    };
    format_with(
        F,
        args,
        "YYYY-MM-DDTHH:mm:ssZ",
        &zoned_parts(&z),
        &[Needs::Date, Needs::Time, Needs::Zone],
        "DateTime",
    )
}

/// `FORMAT_DATE(date [, format [, locale]])`.
fn format_date(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "FORMAT_DATE";
    let d = match args.first() {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(Value::Date(d)) => *d,
        Some(v) => return Err(super::args::type_error(F, 0, "a Date", v)),
    };
    let parts = Parts {
        date: Some(d),
        time: None,
        zone: None,
    };
    format_with(F, args, "YYYY-MM-DD", &parts, &[Needs::Date], "Date")
}

/// `FORMAT_TIME(time [, format [, locale]])`.
fn format_time(_ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "FORMAT_TIME";
    let t = match args.first() {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(Value::Time(t)) => *t,
        Some(v) => return Err(super::args::type_error(F, 0, "a Time", v)),
    };
    let parts = Parts {
        date: None,
        time: Some(t),
        zone: None,
    };
    format_with(F, args, "HH:mm:ss", &parts, &[Needs::Time], "Time")
}
