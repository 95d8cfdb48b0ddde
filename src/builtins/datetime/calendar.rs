//! Built-ins that move and compare dates and times (functions-time-math.md
//! §3.5, §3.6, §3.10): ADD_TO_*, SUBTRACT_FROM_*, DAYS, the *_DELTA
//! functions and the Unix timestamps.
//!
//! Calendar units (years, months, weeks, days) work on the wall clock and
//! clamp to the month's end; clock units (hours and smaller) add elapsed time
//! to the instant. Differences are absolute and count whole units.

use std::sync::Arc;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{OffsetConflict, TimeZone};
use jiff::{Timestamp, Zoned};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::super::{CallCtx, Category, FunctionSpec};
use super::zone_named;
use crate::error::{Error, Result};
use crate::sig;
use crate::value::{ObjectMap, Value};

const C: Category = Category::DateTime;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "ADD_TO_DATE",
        C,
        &[sig!(add_to_date(date: Date, amount: Decimal, unit: &str) -> DATE)],
        "A Date moved by whole years, months, weeks or days (month ends clamp)",
    ),
    FunctionSpec::new(
        "SUBTRACT_FROM_DATE",
        C,
        &[sig!(subtract_from_date(date: Date, amount: Decimal, unit: &str) -> DATE)],
        "A Date moved back by whole years, months, weeks or days (month ends clamp)",
    ),
    FunctionSpec::new(
        "ADD_TO_DATETIME",
        C,
        &[sig!(add_to_datetime(datetime: &Zoned, amount: Decimal, unit: &str) -> DATETIME)],
        "A DateTime moved by a unit: calendar units keep the wall clock, hours and smaller add elapsed time",
    ),
    FunctionSpec::new(
        "SUBTRACT_FROM_DATETIME",
        C,
        &[sig!(subtract_from_datetime(datetime: &Zoned, amount: Decimal, unit: &str) -> DATETIME)],
        "A DateTime moved back by a unit: calendar units keep the wall clock, hours and smaller subtract elapsed time",
    ),
    FunctionSpec::new(
        "DAYS",
        C,
        &[
            sig!(days_between_dates(a: Date, b: Date) -> NUMBER),
            sig!(days_between_datetimes(a: &Zoned, b: &Zoned) -> NUMBER),
        ],
        "The number of whole days between two Dates or two DateTimes (never negative)",
    ),
    FunctionSpec::new(
        "DATE_DELTA",
        C,
        &[sig!(date_delta(a: Date, b: Date, unit: Option<&str>) -> OBJECT | NUMBER)],
        "The distance between two Dates: {year, month, day} totals, or one unit's count",
    ),
    FunctionSpec::new(
        "TIME_DELTA",
        C,
        &[sig!(time_delta(a: Time, b: Time, unit: Option<&str>) -> OBJECT | NUMBER)],
        "The distance between two Times: {hour, minute, second, millisecond} totals, or one unit's count",
    ),
    FunctionSpec::new(
        "DATETIME_DELTA",
        C,
        &[sig!(datetime_delta(a: &Zoned, b: &Zoned, unit: Option<&str>) -> OBJECT | NUMBER)],
        "The distance between two DateTimes: {date: {…}, time: {…}} totals, or one unit's count",
    ),
    FunctionSpec::new(
        "TIMESTAMP_FROM_DATETIME",
        C,
        &[sig!(timestamp_from_datetime(datetime: &Zoned, unit: Option<&str>) -> NUMBER)],
        "The Unix timestamp of a DateTime, in milliseconds or (\"s\") whole seconds rounded down",
    ),
    FunctionSpec::new(
        "DATETIME_FROM_TIMESTAMP",
        C,
        &[sig!(datetime_from_timestamp(
            timestamp: Decimal,
            unit: Option<&str>,
            time_zone: Option<&str>
        ) -> DATETIME)],
        "The DateTime of a Unix timestamp in milliseconds or (\"s\") seconds, in a zone (default UTC)",
    ),
];

// ---- units ------------------------------------------------------------------

/// A time unit of §1.6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
}

/// Every accepted spelling, exactly (case matters: `M` is a month, `m` a minute).
const UNIT_NAMES: &[(&str, Unit)] = &[
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("y", Unit::Year),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("M", Unit::Month),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("w", Unit::Week),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("d", Unit::Day),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("h", Unit::Hour),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("m", Unit::Minute),
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("s", Unit::Second),
    ("millisecond", Unit::Millisecond),
    ("milliseconds", Unit::Millisecond),
    ("ms", Unit::Millisecond),
];

impl Unit {
    /// Whether the unit is counted on the calendar (years to days).
    pub fn is_calendar(self) -> bool {
        matches!(self, Unit::Year | Unit::Month | Unit::Week | Unit::Day)
    }

    /// The length of a clock unit in milliseconds.
    fn millis(self) -> i64 {
        match self {
            Unit::Hour => 3_600_000,
            Unit::Minute => 60_000,
            Unit::Second => 1_000,
            _ => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Year => "year",
            Unit::Month => "month",
            Unit::Week => "week",
            Unit::Day => "day",
            Unit::Hour => "hour",
            Unit::Minute => "minute",
            Unit::Second => "second",
            Unit::Millisecond => "millisecond",
        }
    }
}

/// Which units a function accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Units {
    Any,
    Calendar,
    Clock,
}

/// Reads the unit argument at `i`; an unknown word, or a unit of the wrong
/// kind, is an `ArgumentError`.
fn unit_arg(cx: &CallCtx<'_>, word: &str, i: usize, allowed: Units) -> Result<Unit> {
    let Some(unit) = UNIT_NAMES.iter().find(|(w, _)| *w == word).map(|p| p.1) else {
        let near = UNIT_NAMES
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word) && w.len() > 2)
            .map(|(w, _)| format!("; did you mean \"{w}\"?"))
            .unwrap_or_default();
        return Err(cx
            .domain_error(i, format!("is not a time unit: {word:?}{near}"))
            .with_help(
                "units are year(s)/y, month(s)/M, week(s)/w, day(s)/d, hour(s)/h, minute(s)/m, second(s)/s, millisecond(s)/ms, spelt exactly",
            ));
    };
    match allowed {
        Units::Calendar if !unit.is_calendar() => Err(cx.domain_error(
            i,
            format!(
                "must be years, months, weeks or days: a Date has no {}s",
                unit.name()
            ),
        )),
        Units::Clock if unit.is_calendar() => Err(cx.domain_error(
            i,
            format!(
                "must be hours, minutes, seconds or milliseconds: a Time has no {}s",
                unit.name()
            ),
        )),
        _ => Ok(unit),
    }
}

// ---- calendar arithmetic ----------------------------------------------------

/// Days between 0001-01-01 and 9999-12-31: no whole-day move larger than this
/// can stay in range.
const MAX_DAYS: i64 = 3_652_059;

/// The calendar days from `a` to `b` (negative when `b` is earlier).
fn days_between(a: Date, b: Date) -> i64 {
    // Dates of the years 1–9999 are at most 3.7 million days apart: jiff
    // always counts them.
    a.until((jiff::Unit::Day, b))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// Whether a date is in the years 1–9999 that every value keeps to.
pub fn in_range(d: Date) -> bool {
    (1..=9999).contains(&d.year())
}

/// The number of days in a month.
fn days_in_month(year: i16, month: i8) -> i8 {
    Date::new(year, month, 1).map_or(31, |d| d.days_in_month())
}

/// `d` moved by `months` months, the day clamped to the target month's last
/// day; `None` outside the years 1–9999.
pub fn add_months(d: Date, months: i64) -> Option<Date> {
    let index = i64::from(d.year())
        .checked_mul(12)?
        .checked_add(i64::from(d.month()) - 1)?
        .checked_add(months)?;
    let year = i16::try_from(index.div_euclid(12)).ok()?;
    let month = (index.rem_euclid(12) + 1) as i8;
    if !(1..=9999).contains(&year) {
        return None;
    }
    let day = d.day().min(days_in_month(year, month));
    Date::new(year, month, day).ok()
}

/// `d` moved by `days` days; `None` outside the years 1–9999.
fn add_days(d: Date, days: i64) -> Option<Date> {
    if days.abs() > MAX_DAYS {
        return None;
    }
    d.checked_add(jiff::Span::new().days(days))
        .ok()
        .filter(|r| in_range(*r))
}

/// `d` moved by `amount` calendar units.
fn move_date(d: Date, amount: i64, unit: Unit) -> Option<Date> {
    match unit {
        Unit::Year => add_months(d, amount.checked_mul(12)?),
        Unit::Month => add_months(d, amount),
        Unit::Week => add_days(d, amount.checked_mul(7)?),
        _ => add_days(d, amount),
    }
}

/// A whole calendar amount: a fraction is an `ArgumentError`; a magnitude no
/// date range could hold is reported as the move's overflow by the caller.
fn whole_amount(cx: &CallCtx<'_>, amount: Decimal) -> Result<Option<i64>> {
    if !amount.fract().is_zero() {
        return Err(cx
            .domain_error(
                1,
                format!(
                    "must be a whole number for a calendar unit, got {}",
                    crate::value::number::plain(amount)
                ),
            )
            .with_help("use hours or minutes for a fraction of a day: 36 hours, not 1.5 days"));
    }
    Ok(amount.to_i64())
}

fn out_of_range(cx: &CallCtx<'_>) -> Error {
    Error::arithmetic(format!(
        "{}: the result falls outside the years 1 to 9999",
        cx.name()
    ))
}

/// Places a wall-clock date-time in the zone of `old`, keeping `old`'s offset
/// when the new time is in an overlap and that offset is one of its two;
/// gaps move forward, other overlaps take the earlier instant (§1.5).
pub fn resolve_like(cx: &CallCtx<'_>, civil: DateTime, old: &Zoned) -> Result<Zoned> {
    OffsetConflict::PreferOffset
        .resolve(civil, old.offset(), old.time_zone().clone())
        .and_then(|a| a.compatible())
        .ok()
        .filter(|z| in_range(z.date()))
        .ok_or_else(|| out_of_range(cx))
}

fn add_to_date(cx: &CallCtx<'_>, d: Date, amount: Decimal, unit: &str) -> Result<Value> {
    let unit = unit_arg(cx, unit, 2, Units::Calendar)?;
    let amount = whole_amount(cx, amount)?;
    amount
        .and_then(|a| move_date(d, a, unit))
        .map(Value::Date)
        .ok_or_else(|| out_of_range(cx))
}

fn subtract_from_date(cx: &CallCtx<'_>, d: Date, amount: Decimal, unit: &str) -> Result<Value> {
    add_to_date(cx, d, -amount, unit)
}

/// `amount` clock units in milliseconds, rounded half away from zero.
fn clock_millis(cx: &CallCtx<'_>, amount: Decimal, unit: Unit) -> Result<i64> {
    amount
        .checked_mul(Decimal::from(unit.millis()))
        .map(|ms| ms.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|ms| ms.to_i64())
        .ok_or_else(|| out_of_range(cx))
}

/// The instant `ms` milliseconds after the epoch, shown in `tz`; `None`
/// unless its wall-clock date is in the years 1–9999.
fn instant_in(ms: i64, tz: TimeZone) -> Option<Zoned> {
    Timestamp::from_millisecond(ms)
        .ok()
        .map(|ts| ts.to_zoned(tz))
        .filter(|z| in_range(z.date()))
}

fn add_to_datetime(cx: &CallCtx<'_>, z: &Zoned, amount: Decimal, unit: &str) -> Result<Value> {
    let unit = unit_arg(cx, unit, 2, Units::Any)?;
    let moved = if unit.is_calendar() {
        let amount = whole_amount(cx, amount)?;
        let date = amount
            .and_then(|a| move_date(z.date(), a, unit))
            .ok_or_else(|| out_of_range(cx))?;
        resolve_like(cx, date.to_datetime(z.time()), z)?
    } else {
        let ms = clock_millis(cx, amount, unit)?;
        z.timestamp()
            .as_millisecond()
            .checked_add(ms)
            .and_then(|t| instant_in(t, z.time_zone().clone()))
            .ok_or_else(|| out_of_range(cx))?
    };
    Ok(Value::DateTime(Arc::new(moved)))
}

fn subtract_from_datetime(
    cx: &CallCtx<'_>,
    z: &Zoned,
    amount: Decimal,
    unit: &str,
) -> Result<Value> {
    add_to_datetime(cx, z, -amount, unit)
}

// ---- differences ------------------------------------------------------------

/// Whole months from the wall-clock `a` to the later wall-clock `b`: the
/// largest `m ≥ 0` such that `a` plus `m` months (month ends clamped, time
/// kept) does not pass `b`.
pub fn whole_months(a: DateTime, b: DateTime) -> i64 {
    let m0 = (i64::from(b.year()) - i64::from(a.year())) * 12
        + (i64::from(b.month()) - i64::from(a.month()));
    if m0 <= 0 {
        return 0;
    }
    match add_months(a.date(), m0) {
        Some(d) if d.to_datetime(a.time()) <= b => m0,
        _ => m0 - 1,
    }
}

/// Whole days from the wall-clock `a` to the wall-clock `b`, never negative.
fn whole_days(a: DateTime, b: DateTime) -> i64 {
    let days = days_between(a.date(), b.date());
    let days = if b.time() < a.time() { days - 1 } else { days };
    days.max(0)
}

/// Both DateTimes on the wall clock of the earlier one's zone, earlier
/// first, with the elapsed milliseconds between them.
fn on_earlier_wall_clock(a: &Zoned, b: &Zoned) -> (DateTime, DateTime, i64) {
    let (early, late) = if a.timestamp() <= b.timestamp() {
        (a, b)
    } else {
        (b, a)
    };
    let late_wall = late.with_time_zone(early.time_zone().clone()).datetime();
    let elapsed = late.timestamp().as_millisecond() - early.timestamp().as_millisecond();
    (early.datetime(), late_wall, elapsed)
}

/// Dates as wall clocks at midnight, earlier first.
fn ordered_midnights(a: Date, b: Date) -> (DateTime, DateTime) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    (
        a.to_datetime(Time::midnight()),
        b.to_datetime(Time::midnight()),
    )
}

fn days_between_dates(_: &CallCtx<'_>, a: Date, b: Date) -> i64 {
    days_between(a, b).abs()
}

fn days_between_datetimes(_: &CallCtx<'_>, a: &Zoned, b: &Zoned) -> i64 {
    let (a, b, _) = on_earlier_wall_clock(a, b);
    whole_days(a, b)
}

fn object(pairs: &[(&str, Value)]) -> Value {
    let mut map = ObjectMap::default();
    for (k, v) in pairs {
        map.insert(Arc::from(*k), v.clone());
    }
    Value::object(map)
}

/// The calendar totals of a difference: (years, months, days).
fn calendar_counts(a: DateTime, b: DateTime) -> (i64, i64, i64) {
    let months = whole_months(a, b);
    (months / 12, months, whole_days(a, b))
}

fn calendar_count(unit: Unit, (years, months, days): (i64, i64, i64)) -> i64 {
    match unit {
        Unit::Year => years,
        Unit::Month => months,
        Unit::Week => days / 7,
        _ => days,
    }
}

fn date_object((years, months, days): (i64, i64, i64)) -> Value {
    object(&[
        ("year", Value::from(years)),
        ("month", Value::from(months)),
        ("day", Value::from(days)),
    ])
}

fn time_object(ms: i64) -> Value {
    object(&[
        ("hour", Value::from(ms / 3_600_000)),
        ("minute", Value::from(ms / 60_000)),
        ("second", Value::from(ms / 1_000)),
        ("millisecond", Value::from(ms)),
    ])
}

fn date_delta(cx: &CallCtx<'_>, a: Date, b: Date, unit: Option<&str>) -> Result<Value> {
    let (a, b) = ordered_midnights(a, b);
    let counts = calendar_counts(a, b);
    match unit {
        None => Ok(date_object(counts)),
        Some(u) => {
            let unit = unit_arg(cx, u, 2, Units::Calendar)?;
            Ok(Value::from(calendar_count(unit, counts)))
        }
    }
}

/// Milliseconds since midnight.
fn time_millis(t: Time) -> i64 {
    i64::from(t.hour()) * 3_600_000
        + i64::from(t.minute()) * 60_000
        + i64::from(t.second()) * 1_000
        + i64::from(t.millisecond())
}

fn time_delta(cx: &CallCtx<'_>, a: Time, b: Time, unit: Option<&str>) -> Result<Value> {
    let ms = (time_millis(a) - time_millis(b)).abs();
    match unit {
        None => Ok(time_object(ms)),
        Some(u) => {
            let unit = unit_arg(cx, u, 2, Units::Clock)?;
            Ok(Value::from(ms / unit.millis()))
        }
    }
}

fn datetime_delta(cx: &CallCtx<'_>, a: &Zoned, b: &Zoned, unit: Option<&str>) -> Result<Value> {
    let (a, b, elapsed) = on_earlier_wall_clock(a, b);
    let counts = calendar_counts(a, b);
    match unit {
        None => Ok(object(&[
            ("date", date_object(counts)),
            ("time", time_object(elapsed)),
        ])),
        Some(u) => {
            let unit = unit_arg(cx, u, 2, Units::Any)?;
            Ok(Value::from(if unit.is_calendar() {
                calendar_count(unit, counts)
            } else {
                elapsed / unit.millis()
            }))
        }
    }
}

// ---- timestamps -------------------------------------------------------------

/// The unit of a timestamp: seconds or milliseconds.
fn timestamp_unit(cx: &CallCtx<'_>, unit: Option<&str>, i: usize) -> Result<Unit> {
    match unit {
        None => Ok(Unit::Millisecond),
        Some(u) => match unit_arg(cx, u, i, Units::Any)? {
            unit @ (Unit::Second | Unit::Millisecond) => Ok(unit),
            other => Err(cx.domain_error(
                i,
                format!(
                    "must be \"ms\" or \"s\" (a timestamp counts milliseconds or seconds), got {}s",
                    other.name()
                ),
            )),
        },
    }
}

fn timestamp_from_datetime(cx: &CallCtx<'_>, z: &Zoned, unit: Option<&str>) -> Result<Value> {
    let ms = z.timestamp().as_millisecond();
    Ok(Value::from(match timestamp_unit(cx, unit, 1)? {
        Unit::Second => ms.div_euclid(1000),
        _ => ms,
    }))
}

fn datetime_from_timestamp(
    cx: &CallCtx<'_>,
    ts: Decimal,
    unit: Option<&str>,
    zone: Option<&str>,
) -> Result<Value> {
    let unit = timestamp_unit(cx, unit, 1)?;
    let tz = match zone {
        Some(name) => zone_named(cx.name(), name).map_err(|e| e.at_arg(2))?,
        None => TimeZone::UTC,
    };
    let out_of_range = || {
        cx.domain_error(
            0,
            format!(
                "is outside the years 1 to 9999: {}",
                crate::value::number::plain(ts)
            ),
        )
    };
    let ms = match unit {
        Unit::Second => ts.checked_mul(Decimal::ONE_THOUSAND),
        _ => Some(ts),
    }
    .and_then(|ms| ms.trunc().to_i64())
    .ok_or_else(out_of_range)?;
    instant_in(ms, tz)
        .map(|z| Value::DateTime(Arc::new(z)))
        .ok_or_else(out_of_range)
}
