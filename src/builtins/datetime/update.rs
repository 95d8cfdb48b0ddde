//! Built-ins that replace a part of a date or time (functions-time-math.md
//! §3.7): UPDATE_YEAR … UPDATE_MILLISECOND, UPDATE_DATE, UPDATE_TIME,
//! UPDATE_DATETIME, UPDATE_TIMEZONE.
//!
//! On a DateTime a part of the wall clock in its own zone is replaced and the
//! new wall time is placed back in that zone (§1.5, the old offset kept in an
//! overlap). Year and month clamp the day to the month's end; an impossible
//! day chosen by the caller is an `ArgumentError`.

use std::sync::Arc;

use jiff::civil::{Date, DateTime, Time};
use jiff::Zoned;
use rust_decimal::Decimal;

use super::super::args::{DateLike, TimeLike};
use super::super::{CallCtx, Category, FunctionSpec};
use super::calendar::{add_months, in_range, resolve_like};
use super::{place, zone_named};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::Value;

const C: Category = Category::DateTime;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "UPDATE_YEAR",
        C,
        &[sig!(update_year(value: DateLike, year: Decimal) -> DATE | DATETIME)],
        "A Date or DateTime with another year (29 February becomes 28 February in a common year)",
    ),
    FunctionSpec::new(
        "UPDATE_MONTH",
        C,
        &[sig!(update_month(value: DateLike, month: Decimal) -> DATE | DATETIME)],
        "A Date or DateTime with another month (a day past its end becomes its last day)",
    ),
    FunctionSpec::new(
        "UPDATE_DAY",
        C,
        &[sig!(update_day(value: DateLike, day: Decimal) -> DATE | DATETIME)],
        "A Date or DateTime with another day of the month",
    ),
    FunctionSpec::new(
        "UPDATE_HOUR",
        C,
        &[sig!(update_hour(value: TimeLike, hour: Decimal) -> TIME | DATETIME)],
        "A Time or DateTime with another hour (0-23)",
    ),
    FunctionSpec::new(
        "UPDATE_MINUTE",
        C,
        &[sig!(update_minute(value: TimeLike, minute: Decimal) -> TIME | DATETIME)],
        "A Time or DateTime with another minute",
    ),
    FunctionSpec::new(
        "UPDATE_SECOND",
        C,
        &[sig!(update_second(value: TimeLike, second: Decimal) -> TIME | DATETIME)],
        "A Time or DateTime with another second (milliseconds kept)",
    ),
    FunctionSpec::new(
        "UPDATE_MILLISECOND",
        C,
        &[sig!(update_millisecond(value: TimeLike, millisecond: Decimal) -> TIME | DATETIME)],
        "A Time or DateTime with another millisecond",
    ),
    FunctionSpec::new(
        "UPDATE_DATE",
        C,
        &[sig!(update_date(datetime: &Zoned, date: Date) -> DATETIME)],
        "A DateTime on another date, with the same wall-clock time and zone",
    ),
    FunctionSpec::new(
        "UPDATE_TIME",
        C,
        &[sig!(update_time(datetime: &Zoned, time: Time) -> DATETIME)],
        "A DateTime at another wall-clock time, on the same date and zone",
    ),
    FunctionSpec::new(
        "UPDATE_DATETIME",
        C,
        &[sig!(update_datetime(
            datetime: &Zoned,
            date: Date,
            time: Time,
            time_zone: Option<&str>
        ) -> DATETIME)],
        "A DateTime with another wall-clock date and time, read in its zone or the one given",
    ),
    FunctionSpec::new(
        "UPDATE_TIMEZONE",
        C,
        &[sig!(update_timezone(datetime: &Zoned, time_zone: &str) -> DATETIME)],
        "The same instant shown in another time zone",
    ),
];

/// The new value of a part: whole and in `lo..=hi`, else an `ArgumentError`
/// about argument 2.
fn part(cx: &CallCtx<'_>, n: Decimal, what: &str, lo: i64, hi: i64) -> Result<i64> {
    crate::value::number::to_whole(n)
        .filter(|w| (lo..=hi).contains(w))
        .ok_or_else(|| {
            cx.domain_error(
                1,
                format!(
                    "must be a whole {what} from {lo} to {hi}, got {}",
                    crate::value::number::plain(n)
                ),
            )
        })
}

fn zoned(z: Zoned) -> Value {
    Value::DateTime(Arc::new(z))
}

/// Applies `change` to the date of a Date, or to the wall-clock date of a
/// DateTime (placed back in its zone).
fn change_date(
    cx: &CallCtx<'_>,
    v: DateLike,
    change: impl Fn(Date) -> Result<Date>,
) -> Result<Value> {
    match v {
        DateLike::Date(d) => Ok(Value::Date(change(*d)?)),
        DateLike::DateTime(z) => {
            let civil = change(z.date())?.to_datetime(z.time());
            Ok(zoned(resolve_like(cx, civil, z)?))
        }
    }
}

/// Applies `change` to a Time, or to the wall-clock time of a DateTime.
fn change_time(
    cx: &CallCtx<'_>,
    v: TimeLike,
    change: impl Fn(Time) -> Result<Time>,
) -> Result<Value> {
    match v {
        TimeLike::Time(t) => Ok(Value::Time(change(*t)?)),
        TimeLike::DateTime(z) => {
            let civil = z.date().to_datetime(change(z.time())?);
            Ok(zoned(resolve_like(cx, civil, z)?))
        }
    }
}

/// `d` moved to another month by whole months: the day is clamped to the
/// month's end exactly as ADD_TO_DATE clamps it.
fn with_month(d: Date, year: i64, month: i64) -> Result<Date> {
    let months = (year - i64::from(d.year())) * 12 + (month - i64::from(d.month()));
    add_months(d, months).ok_or_else(|| Error::argument("the date leaves the years 1 to 9999"))
}

fn update_year(cx: &CallCtx<'_>, v: DateLike, year: Decimal) -> Result<Value> {
    let year = part(cx, year, "year", 1, 9999)?;
    change_date(cx, v, |d| with_month(d, year, i64::from(d.month())))
}

fn update_month(cx: &CallCtx<'_>, v: DateLike, month: Decimal) -> Result<Value> {
    let month = part(cx, month, "month", 1, 12)?;
    change_date(cx, v, |d| with_month(d, i64::from(d.year()), month))
}

fn update_day(cx: &CallCtx<'_>, v: DateLike, day: Decimal) -> Result<Value> {
    let day = part(cx, day, "day", 1, 31)?;
    change_date(cx, v, |d| {
        d.with().day(day as i8).build().map_err(|_| {
            cx.domain_error(
                1,
                format!(
                    "is day {day}, which {:04}-{:02} does not have (it has {} days)",
                    d.year(),
                    d.month(),
                    d.days_in_month()
                ),
            )
        })
    })
}

/// Replaces one field of a time; `set` gets the checked new value.
fn update_clock(
    cx: &CallCtx<'_>,
    v: TimeLike,
    n: Decimal,
    what: &str,
    hi: i64,
    set: fn(Time, i64) -> Option<Time>,
) -> Result<Value> {
    let n = part(cx, n, what, 0, hi)?;
    change_time(cx, v, |t| {
        set(t, n).ok_or_else(|| Error::argument(format!("{}: bad {what}", cx.name())))
    })
}

fn update_hour(cx: &CallCtx<'_>, v: TimeLike, n: Decimal) -> Result<Value> {
    update_clock(cx, v, n, "hour", 23, |t, n| {
        t.with().hour(n as i8).build().ok()
    })
}

fn update_minute(cx: &CallCtx<'_>, v: TimeLike, n: Decimal) -> Result<Value> {
    update_clock(cx, v, n, "minute", 59, |t, n| {
        t.with().minute(n as i8).build().ok()
    })
}

fn update_second(cx: &CallCtx<'_>, v: TimeLike, n: Decimal) -> Result<Value> {
    update_clock(cx, v, n, "second", 59, |t, n| {
        t.with().second(n as i8).build().ok()
    })
}

fn update_millisecond(cx: &CallCtx<'_>, v: TimeLike, n: Decimal) -> Result<Value> {
    update_clock(cx, v, n, "millisecond", 999, |t, n| {
        t.with().millisecond(n as i16).build().ok()
    })
}

fn update_date(cx: &CallCtx<'_>, z: &Zoned, d: Date) -> Result<Value> {
    Ok(zoned(resolve_like(cx, d.to_datetime(z.time()), z)?))
}

fn update_time(cx: &CallCtx<'_>, z: &Zoned, t: Time) -> Result<Value> {
    Ok(zoned(resolve_like(cx, z.date().to_datetime(t), z)?))
}

fn update_datetime(
    cx: &CallCtx<'_>,
    z: &Zoned,
    d: Date,
    t: Time,
    zone: Option<&str>,
) -> Result<Value> {
    let civil: DateTime = d.to_datetime(t);
    let tz = match zone {
        None => return Ok(zoned(resolve_like(cx, civil, z)?)),
        Some(name) => zone_named(cx.name(), name).map_err(|e| e.at_arg(3))?,
    };
    if tz.iana_name() == z.time_zone().iana_name() {
        return Ok(zoned(resolve_like(cx, civil, z)?));
    }
    Ok(zoned(place(cx.name(), d, t, tz)?))
}

fn update_timezone(cx: &CallCtx<'_>, z: &Zoned, zone: &str) -> Result<Value> {
    let tz = zone_named(cx.name(), zone).map_err(|e| e.at_arg(1))?;
    let moved = z.with_time_zone(tz);
    if !in_range(moved.date()) {
        return Err(cx.domain_error(
            1,
            format!("puts the instant outside the years 1 to 9999 on the wall clock of {zone:?}"),
        ));
    }
    Ok(zoned(moved))
}
