//! Tests of the parsing built-ins through their table entries: the spec's
//! examples, zones and daylight-saving gaps and overlaps, errors, the round
//! trip of every readable token, and property tests of FORMAT_* followed by
//! the parsers.

use std::sync::Arc;

use jiff::civil::{self, Date, Time};
use jiff::tz::TimeZone;
use jiff::Zoned;
use proptest::prelude::*;

use crate::builtins::args::testing::{call_with, NULL};
use crate::error::{ErrorKind, Result};
use crate::session::{Clock, Session};
use crate::value::testing::t;
use crate::value::Value;

/// The session of the tests: the clock at 2020-05-20T15:30:00Z, the session
/// zone `zone` (the parsers must not use it).
fn session_in(zone: &str) -> Session {
    Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        time_zone: TimeZone::get(zone).unwrap(),
        ..Session::default()
    }
}

fn call(f: &str, args: &[Value]) -> Result<Value> {
    call_with(&session_in("UTC"), f, args)
}

fn ok(f: &str, args: &[Value]) -> Value {
    match call(f, args) {
        Ok(v) => v,
        Err(e) => panic!("{f}{args:?}: {}", e.message()),
    }
}

fn err(f: &str, args: &[Value]) -> (ErrorKind, String) {
    match call(f, args) {
        Err(e) => (e.kind(), e.message().to_string()),
        Ok(v) => panic!("{f}{args:?}: expected an error, got {v:?}"),
    }
}

fn kind(f: &str, args: &[Value]) -> ErrorKind {
    err(f, args).0
}

/// A DateTime result as (wall clock, zone, offset "+HH:MM").
fn shape(v: &Value) -> (String, String, String) {
    match v {
        Value::DateTime(z) => (
            z.datetime().to_string(),
            z.time_zone().iana_name().unwrap_or("?").to_string(),
            offset_text(z),
        ),
        other => panic!("not a DateTime: {other:?}"),
    }
}

fn dt_shape(text: &str, format: Option<&str>, zone: Option<&str>) -> (String, String, String) {
    let args = [t(text), format.map_or(NULL, t), zone.map_or(NULL, t)];
    shape(&ok("DATETIME_FROM_FORMAT", &args))
}

fn date(y: i16, m: i8, d: i8) -> Value {
    Value::Date(civil::date(y, m, d))
}

fn time(h: i8, m: i8, s: i8, ms: i32) -> Value {
    Value::Time(civil::time(h, m, s, ms * 1_000_000))
}

/// An offset as "+HH:MM".
fn offset_text(z: &Zoned) -> String {
    let seconds = z.offset().seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The whole Unix seconds of an instant, rounded down (as `X` writes them).
fn floor_second(z: &Zoned) -> i64 {
    z.timestamp().as_millisecond().div_euclid(1000)
}

fn s(x: &str) -> String {
    x.to_string()
}

#[test]
fn spec_examples() {
    let utc = |wall: &str| (s(wall), s("UTC"), s("+00:00"));
    assert_eq!(
        dt_shape("2007-01-09T09:41:00Z", None, None),
        utc("2007-01-09T09:41:00")
    );
    assert_eq!(
        dt_shape("2007-01-09T09:41:00+12:00", None, None),
        utc("2007-01-08T21:41:00")
    );
    assert_eq!(
        dt_shape("01-09-2007, 9:41 am", Some("MM-DD-YYYY, h:mm a"), None),
        utc("2007-01-09T09:41:00")
    );
    let ex = (
        s("2007-01-09T09:41:00"),
        s("America/Los_Angeles"),
        s("-08:00"),
    );
    assert_eq!(
        dt_shape(
            "2007-01-09 09:41",
            Some("YYYY-MM-DD HH:mm"),
            Some("America/Los_Angeles")
        ),
        ex
    );
    assert_eq!(
        dt_shape("2007-01-09T17:41:00Z", None, Some("America/Los_Angeles")),
        ex
    );
    assert_eq!(
        dt_shape("12-25", Some("MM-DD"), None),
        utc("2020-12-25T00:00:00")
    );
    assert_eq!(
        kind("DATETIME_FROM_FORMAT", &[t("2021-02-30T00:00:00Z")]),
        ErrorKind::Format
    );

    let d = |args: &[Value]| ok("DATE_FROM_FORMAT", args);
    assert_eq!(d(&[t("2007-01-09T09:41:00")]), date(2007, 1, 9));
    assert_eq!(d(&[t("2007-01-09T09:41:00+12:00")]), date(2007, 1, 8));
    assert_eq!(d(&[t("01-09-2007"), t("MM-DD-YYYY")]), date(2007, 1, 9));
    assert_eq!(
        d(&[
            t("2007-01-09T23:00:00-08:00"),
            NULL,
            t("America/Los_Angeles")
        ]),
        date(2007, 1, 9)
    );
    assert_eq!(d(&[t("2007-01-09T23:00:00-08:00")]), date(2007, 1, 10));
    assert_eq!(
        d(&[t("Tuesday, January 9th 2007"), t("dddd, MMMM Do YYYY")]),
        date(2007, 1, 9)
    );
    assert_eq!(
        kind(
            "DATE_FROM_FORMAT",
            &[t("Monday, January 9th 2007"), t("dddd, MMMM Do YYYY")]
        ),
        ErrorKind::Format
    );

    let tm = |args: &[Value]| ok("TIME_FROM_FORMAT", args);
    assert_eq!(tm(&[t("09:41")]), time(9, 41, 0, 0));
    assert_eq!(tm(&[t("09:41:30")]), time(9, 41, 30, 0));
    assert_eq!(tm(&[t("09:41:00.5")]), time(9, 41, 0, 500));
    assert_eq!(tm(&[t("9:41 PM"), t("h:mm A")]), time(21, 41, 0, 0));
    assert_eq!(tm(&[t("12:15 am"), t("h:mm a")]), time(0, 15, 0, 0));
    assert_eq!(tm(&[t("2007-01-09T09:41:00+02:00")]), time(7, 41, 0, 0));
    assert_eq!(
        tm(&[
            t("2007-01-09T09:41:00+02:00"),
            NULL,
            t("America/Los_Angeles")
        ]),
        time(23, 41, 0, 0)
    );
    assert_eq!(kind("TIME_FROM_FORMAT", &[t("25:00")]), ErrorKind::Format);
}

#[test]
fn mismatch_messages_name_the_character() {
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("2021-13-01"), t("YYYY-MM-DD")]),
        (
            ErrorKind::Format,
            s("DATE_FROM_FORMAT: \"2021-13-01\" does not match \"YYYY-MM-DD\" at character 6: month 13 is not 1–12")
        )
    );
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("2021-13-01")]),
        (
            ErrorKind::Format,
            s("DATE_FROM_FORMAT: \"2021-13-01\" does not match ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss with an optional offset) at character 6: month 13 is not 1–12")
        )
    );
    assert_eq!(
        err("TIME_FROM_FORMAT", &[t("25:00")]).1,
        "TIME_FROM_FORMAT: \"25:00\" does not match ISO 8601 (HH:mm:ss or YYYY-MM-DDTHH:mm:ss with an optional offset) at character 1: hour 25 is not 0–23"
    );
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("Monday, January 9th 2007"), t("dddd, MMMM Do YYYY")]).1,
        "DATE_FROM_FORMAT: \"Monday, January 9th 2007\" does not match \"dddd, MMMM Do YYYY\" at character 1: 2007-01-09 is a Tuesday, not a Monday"
    );
    // Characters, not bytes; a long text is cut short in the message.
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("½ 2O21"), t("[½] YYYY")]).1,
        "DATE_FROM_FORMAT: \"½ 2O21\" does not match \"[½] YYYY\" at character 3: expected 4 digits of the year, found \"2O21\""
    );
    let long = "1".repeat(100);
    let (k, message) = err("DATETIME_FROM_FORMAT", &[t(&long), t("YYYY")]);
    assert_eq!(k, ErrorKind::Format);
    assert_eq!(
        message,
        format!(
            "DATETIME_FROM_FORMAT: \"{}\"… does not match \"YYYY\" at character 5: expected the end of the text, found \"111111111111\"…",
            "1".repeat(40)
        )
    );
}

#[test]
fn argument_and_type_errors() {
    for format in [
        "Q",
        "YYYY-DDDD",
        "w",
        "W",
        "e",
        "E",
        "gggg",
        "GGGG",
        "z",
        "Mo",
        "do",
        "Qo",
    ] {
        let (k, message) = err("DATETIME_FROM_FORMAT", &[t("1"), t(format)]);
        assert_eq!(k, ErrorKind::Argument, "{format}");
        assert!(
            message.starts_with("DATETIME_FROM_FORMAT: argument 2 (format) uses the token \""),
            "{message}"
        );
    }
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("2021"), t("YYYY DDD")]).1,
        "DATE_FROM_FORMAT: argument 2 (format) uses the token \"DDD\" (the day of the year), which cannot be read from text"
    );
    // The format is checked before the text is read.
    assert_eq!(
        kind("TIME_FROM_FORMAT", &[t("nonsense"), t("HH z")]),
        ErrorKind::Argument
    );
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("2021"), t("YYYY [at")]),
        (
            ErrorKind::Argument,
            s("DATE_FROM_FORMAT: the format \"YYYY [at\" has a [ without its closing ]")
        )
    );
    assert_eq!(
        kind(
            "DATETIME_FROM_FORMAT",
            &[t("2021-01-01"), NULL, t("Mars/Base")]
        ),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("DATETIME_FROM_FORMAT", &[Value::from(20070109i64)]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("TIME_FROM_FORMAT", &[Value::list(vec![t("09:41")])]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("DATE_FROM_FORMAT", &[t("2021-01-01"), Value::from(1i64)]),
        ErrorKind::Type
    );
    assert_eq!(
        kind(
            "DATE_FROM_FORMAT",
            &[t("2021-01-01"), NULL, Value::from(1i64)]
        ),
        ErrorKind::Type
    );
    assert_eq!(ok("DATETIME_FROM_FORMAT", &[NULL]), NULL);
    assert_eq!(ok("DATE_FROM_FORMAT", &[NULL, t("YYYY")]), NULL);
    assert_eq!(ok("TIME_FROM_FORMAT", &[NULL]), NULL);
    assert_eq!(kind("DATE_FROM_FORMAT", &[]), ErrorKind::Argument);
    assert_eq!(
        kind(
            "DATE_FROM_FORMAT",
            &[t("2021"), t("YYYY"), t("UTC"), t("x")]
        ),
        ErrorKind::Argument
    );
}

#[test]
fn zones() {
    // The parsers default to UTC, not the session zone.
    let tokyo = session_in("Asia/Tokyo");
    let v = call_with(
        &tokyo,
        "DATETIME_FROM_FORMAT",
        &[t("2007-01-09 09:41"), t("YYYY-MM-DD HH:mm")],
    )
    .unwrap();
    assert_eq!(shape(&v), (s("2007-01-09T09:41:00"), s("UTC"), s("+00:00")));
    // Zone names match in any case and keep the database's spelling.
    assert_eq!(
        dt_shape("2021-06-01", None, Some("asia/kolkata")),
        (s("2021-06-01T00:00:00"), s("Asia/Kolkata"), s("+05:30"))
    );
    assert_eq!(
        dt_shape("2021-06-01T00:00:00Z", None, Some("us/pacific")),
        (s("2021-05-31T17:00:00"), s("US/Pacific"), s("-07:00"))
    );
    // An offset fixes the instant, which is shown in the zone.
    assert_eq!(
        dt_shape(
            "2021-06-01 12:00 +05:45",
            Some("YYYY-MM-DD HH:mm Z"),
            Some("Pacific/Chatham")
        ),
        (s("2021-06-01T19:00:00"), s("Pacific/Chatham"), s("+12:45"))
    );
    // Missing date parts come from today in the target zone: at 15:30 UTC
    // it is already 21 May in Kiritimati (+14:00).
    assert_eq!(
        dt_shape("10:30", Some("HH:mm"), Some("Pacific/Kiritimati")).0,
        "2020-05-21T10:30:00"
    );
    assert_eq!(
        dt_shape("10:30", Some("HH:mm"), None).0,
        "2020-05-20T10:30:00"
    );
    assert_eq!(
        ok(
            "DATE_FROM_FORMAT",
            &[t("25"), t("DD"), t("Pacific/Pago_Pago")]
        ),
        date(2020, 5, 25)
    );
    // X and x are instants, shown in the zone.
    assert_eq!(
        dt_shape("1168364460", Some("X"), Some("America/Los_Angeles")),
        (
            s("2007-01-09T09:41:00"),
            s("America/Los_Angeles"),
            s("-08:00")
        )
    );
    assert_eq!(
        ok(
            "DATE_FROM_FORMAT",
            &[t("1168364460000"), t("x"), t("Asia/Tokyo")]
        ),
        date(2007, 1, 10)
    );
    assert_eq!(
        ok("TIME_FROM_FORMAT", &[t("-1.5"), t("X")]),
        time(23, 59, 58, 500)
    );
}

#[test]
fn missing_parts_against_the_clock() {
    let wall = |text: &str, format: &str| dt_shape(text, Some(format), None).0;
    assert_eq!(wall("12-25", "MM-DD"), "2020-12-25T00:00:00");
    assert_eq!(wall("2021", "YYYY"), "2021-01-01T00:00:00");
    assert_eq!(wall("25", "DD"), "2020-05-25T00:00:00");
    assert_eq!(wall("10:30", "HH:mm"), "2020-05-20T10:30:00");
    assert_eq!(wall("2021 9", "YYYY D"), "2021-01-09T00:00:00");
    assert_eq!(wall("PM", "A"), "2020-05-20T12:00:00");
    assert_eq!(wall("", ""), "2020-05-20T00:00:00");
    assert_eq!(
        ok("DATE_FROM_FORMAT", &[t("March"), t("MMMM")]),
        date(2020, 3, 1)
    );
    assert_eq!(ok("TIME_FROM_FORMAT", &[t("7"), t("h")]), time(7, 0, 0, 0));
    assert_eq!(
        ok("TIME_FROM_FORMAT", &[t("30"), t("mm")]),
        time(0, 30, 0, 0)
    );
}

/// (wall clock, offset) of a text read in `zone` with "YYYY-MM-DD HH:mm".
fn placed(text: &str, zone: &str) -> (String, String) {
    let (wall, _, offset) = dt_shape(text, Some("YYYY-MM-DD HH:mm"), Some(zone));
    (wall, offset)
}

#[test]
fn gaps_move_forward_and_overlaps_take_the_earlier_instant() {
    let la = "America/Los_Angeles";
    assert_eq!(
        placed("2021-03-14 02:30", la),
        (s("2021-03-14T03:30:00"), s("-07:00"))
    );
    assert_eq!(
        placed("2021-03-14 01:59", la),
        (s("2021-03-14T01:59:00"), s("-08:00"))
    );
    assert_eq!(
        placed("2021-11-07 01:30", la),
        (s("2021-11-07T01:30:00"), s("-07:00"))
    );
    assert_eq!(
        placed("2021-11-07 02:00", la),
        (s("2021-11-07T02:00:00"), s("-08:00"))
    );
    let london = "Europe/London";
    assert_eq!(
        placed("2021-03-28 01:30", london),
        (s("2021-03-28T02:30:00"), s("+01:00"))
    );
    assert_eq!(
        placed("2021-10-31 01:30", london),
        (s("2021-10-31T01:30:00"), s("+01:00"))
    );
    assert_eq!(
        placed("2021-10-31 00:59", london),
        (s("2021-10-31T00:59:00"), s("+01:00"))
    );
    // Lord Howe shifts by 30 minutes: 02:00–02:30 on 3 October 2021 does not
    // exist, 01:30–02:00 on 4 April 2021 happens twice.
    let lh = "Australia/Lord_Howe";
    assert_eq!(
        placed("2021-10-03 02:00", lh),
        (s("2021-10-03T02:30:00"), s("+11:00"))
    );
    assert_eq!(
        placed("2021-10-03 02:15", lh),
        (s("2021-10-03T02:45:00"), s("+11:00"))
    );
    assert_eq!(
        placed("2021-10-03 02:30", lh),
        (s("2021-10-03T02:30:00"), s("+11:00"))
    );
    assert_eq!(
        placed("2021-10-03 01:59", lh),
        (s("2021-10-03T01:59:00"), s("+10:30"))
    );
    assert_eq!(
        placed("2021-04-04 01:30", lh),
        (s("2021-04-04T01:30:00"), s("+11:00"))
    );
    assert_eq!(
        placed("2021-04-04 01:45", lh),
        (s("2021-04-04T01:45:00"), s("+11:00"))
    );
    assert_eq!(
        placed("2021-04-04 02:00", lh),
        (s("2021-04-04T02:00:00"), s("+10:30"))
    );
    // An offset in the text picks one of the two readings of an overlap.
    let later = dt_shape("2021-04-04T01:45:00+10:30", None, Some(lh));
    assert_eq!((later.0, later.2), (s("2021-04-04T01:45:00"), s("+10:30")));
    let later = dt_shape(
        "2021-11-07 01:30 -0800",
        Some("YYYY-MM-DD HH:mm ZZ"),
        Some(la),
    );
    assert_eq!((later.0, later.2), (s("2021-11-07T01:30:00"), s("-08:00")));
    // The date and time parsers give a wall-clock reading as it is.
    assert_eq!(
        ok(
            "TIME_FROM_FORMAT",
            &[t("2021-03-14 02:30"), t("YYYY-MM-DD HH:mm"), t(la)]
        ),
        time(2, 30, 0, 0)
    );
    assert_eq!(
        ok(
            "DATE_FROM_FORMAT",
            &[t("2021-10-03 02:15"), t("YYYY-MM-DD HH:mm"), t(lh)]
        ),
        date(2021, 10, 3)
    );
    // The formatter shows the gap's result.
    let v = ok(
        "DATETIME_FROM_FORMAT",
        &[t("2021-03-14 02:30"), t("YYYY-MM-DD HH:mm"), t(la)],
    );
    assert_eq!(ok("FORMAT_DATETIME", &[v, t("HH:mm Z")]), t("03:30 -07:00"));
}

#[test]
fn leap_days() {
    assert_eq!(
        ok("DATE_FROM_FORMAT", &[t("2020-02-29")]),
        date(2020, 2, 29)
    );
    assert_eq!(
        ok("DATE_FROM_FORMAT", &[t("29/02/2020"), t("DD/MM/YYYY")]),
        date(2020, 2, 29)
    );
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("2021-02-29")]).0,
        ErrorKind::Format
    );
    assert_eq!(
        err("DATE_FROM_FORMAT", &[t("29/02/2021"), t("DD/MM/YYYY")]).1,
        "DATE_FROM_FORMAT: \"29/02/2021\" does not match \"DD/MM/YYYY\" at character 1: day 29 does not exist in February 2021"
    );
    assert_eq!(
        kind("DATETIME_FROM_FORMAT", &[t("2021-02-29T12:00:00Z")]),
        ErrorKind::Format
    );
}

#[test]
fn the_years_one_to_9999() {
    assert_eq!(ok("DATE_FROM_FORMAT", &[t("0001-01-01")]), date(1, 1, 1));
    assert_eq!(
        ok("DATE_FROM_FORMAT", &[t("9999-12-31")]),
        date(9999, 12, 31)
    );
    // Instants end at 9999-12-30T22:00Z (the range of the tz library).
    assert_eq!(
        err("DATETIME_FROM_FORMAT", &[t("9999-12-31T23:00:00")]).1,
        "DATETIME_FROM_FORMAT: \"9999-12-31T23:00:00\" gives a date and time outside the supported range (years 1 to 9999-12-30)"
    );
    assert_eq!(
        kind("DATETIME_FROM_FORMAT", &[t("9999-12-31T23:00:00Z")]),
        ErrorKind::Format
    );
    // An offset can push the instant out of the range in the target zone.
    let (k, message) = err("DATETIME_FROM_FORMAT", &[t("0001-01-01T00:00:00+05:00")]);
    assert_eq!(k, ErrorKind::Format);
    assert_eq!(
        message,
        "DATETIME_FROM_FORMAT: \"0001-01-01T00:00:00+05:00\" gives a date outside the years 1–9999 in UTC"
    );
    assert_eq!(
        kind("DATE_FROM_FORMAT", &[t("0001-01-01T00:00:00+05:00")]),
        ErrorKind::Format
    );
    assert_eq!(
        kind("DATETIME_FROM_FORMAT", &[t("-62135596800001"), t("x")]),
        ErrorKind::Format
    );
    assert_eq!(
        dt_shape("-62135596800000", Some("x"), None).0,
        "0001-01-01T00:00:00"
    );
    assert_eq!(
        kind(
            "DATETIME_FROM_FORMAT",
            &[t("9".repeat(30).as_str()), t("X")]
        ),
        ErrorKind::Format
    );
}

// ---- round trips -------------------------------------------------------------

fn dt_value(z: Zoned) -> Value {
    Value::DateTime(Arc::new(z))
}

fn text_of(v: Value) -> String {
    match v {
        Value::Text(s) => s.to_string(),
        other => panic!("not Text: {other:?}"),
    }
}

/// FORMAT_DATETIME then DATETIME_FROM_FORMAT in the value's own zone.
fn datetime_round_trip(z: &Zoned, format: Option<&str>) -> Result<Zoned> {
    let zone = z.time_zone().iana_name().unwrap_or("UTC").to_string();
    let fmt = format.map_or(NULL, t);
    let text = text_of(call(
        "FORMAT_DATETIME",
        &[dt_value(z.clone()), fmt.clone()],
    )?);
    match call("DATETIME_FROM_FORMAT", &[t(&text), fmt, t(&zone)])? {
        Value::DateTime(back) => Ok((*back).clone()),
        other => panic!("not a DateTime: {other:?}"),
    }
}

fn date_round_trip(d: Date, format: Option<&str>) -> Result<Value> {
    let fmt = format.map_or(NULL, t);
    let text = text_of(call("FORMAT_DATE", &[Value::Date(d), fmt.clone()])?);
    call("DATE_FROM_FORMAT", &[t(&text), fmt])
}

fn time_round_trip(tm: Time, format: Option<&str>) -> Result<Value> {
    let fmt = format.map_or(NULL, t);
    let text = text_of(call("FORMAT_TIME", &[Value::Time(tm), fmt.clone()])?);
    call("TIME_FROM_FORMAT", &[t(&text), fmt])
}

/// Sample values for the round trips (years 1969–2068, for `YY`).
fn samples() -> Vec<civil::DateTime> {
    vec![
        civil::datetime(2007, 1, 9, 9, 41, 0, 0),
        civil::datetime(1999, 12, 31, 23, 59, 59, 999_000_000),
        civil::datetime(2020, 2, 29, 0, 0, 0, 0),
        civil::datetime(2068, 7, 4, 12, 5, 7, 120_000_000),
        civil::datetime(1969, 10, 13, 13, 30, 45, 500_000_000),
        civil::datetime(2021, 11, 21, 22, 2, 3, 40_000_000),
        civil::datetime(2003, 5, 3, 11, 10, 10, 10_000_000),
    ]
}

/// The milliseconds a fraction token of `len` digits writes and reads back.
fn kept_millis(ms: i16, len: usize) -> i16 {
    match len {
        1 => ms / 100 * 100,
        2 => ms / 10 * 10,
        _ => ms,
    }
}

#[test]
fn every_readable_token_round_trips() {
    // (token, format that gives the token's part only through the token)
    let date_formats: &[(&str, &str)] = &[
        ("YYYY", "YYYY-MM-DD"),
        ("yyyy", "yyyy-MM-DD"),
        ("Y", "Y-MM-DD"),
        ("YY", "YY-MM-DD"),
        ("yy", "yy-MM-DD"),
        ("M", "YYYY M DD"),
        ("MM", "YYYY MM DD"),
        ("MMM", "YYYY MMM DD"),
        ("MMMM", "YYYY MMMM DD"),
        ("D", "YYYY-MM D"),
        ("DD", "YYYY-MM DD"),
        ("Do", "YYYY-MM Do"),
        ("d", "d YYYY-MM-DD"),
        ("dd", "dd YYYY-MM-DD"),
        ("ddd", "ddd YYYY-MM-DD"),
        ("dddd", "dddd YYYY-MM-DD"),
    ];
    let time_formats: &[(&str, &str)] = &[
        ("H", "H:mm:ss.SSS"),
        ("HH", "HH:mm:ss.SSS"),
        ("h", "h:mm:ss.SSS A"),
        ("hh", "hh:mm:ss.SSS a"),
        ("k", "k:mm:ss.SSS"),
        ("kk", "kk:mm:ss.SSS"),
        ("A", "h:mm:ss.SSS A"),
        ("a", "h:mm:ss.SSS a"),
        ("m", "HH:m:ss.SSS"),
        ("mm", "HH:mm:ss.SSS"),
        ("s", "HH:mm:s.SSS"),
        ("ss", "HH:mm:ss.SSS"),
    ];
    for wall in samples() {
        let d = wall.date();
        for (token, format) in date_formats {
            assert_eq!(
                date_round_trip(d, Some(format)).unwrap(),
                Value::Date(d),
                "{token} {d}"
            );
            // And inside a DateTime.
            let full = format!("{format} HH:mm:ss.SSS");
            let z = wall.to_zoned(TimeZone::UTC).unwrap();
            assert_eq!(
                datetime_round_trip(&z, Some(&full)).unwrap(),
                z,
                "{token} {wall}"
            );
        }
        let tm = wall.time();
        for (token, format) in time_formats {
            assert_eq!(
                time_round_trip(tm, Some(format)).unwrap(),
                Value::Time(tm),
                "{token} {tm}"
            );
        }
        for len in 1..=9 {
            let token = "S".repeat(len);
            let ms = kept_millis(tm.millisecond(), len);
            let kept = tm.with().millisecond(ms).build().unwrap();
            let format = format!("HH:mm:ss.{token}");
            assert_eq!(
                time_round_trip(tm, Some(&format)).unwrap(),
                Value::Time(kept),
                "{token} {tm}"
            );
        }
        // Offsets, in zones with offsets of whole hours, half and quarter hours.
        for zone in [
            "UTC",
            "America/Los_Angeles",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "America/St_Johns",
        ] {
            let z = wall.to_zoned(TimeZone::get(zone).unwrap()).unwrap();
            for format in [
                "YYYY-MM-DD HH:mm:ss.SSS Z",
                "YYYY-MM-DD HH:mm:ss.SSS ZZ",
                "x",
                "X.SSS",
            ] {
                assert_eq!(
                    datetime_round_trip(&z, Some(format)).unwrap(),
                    z,
                    "{format} {z}"
                );
            }
            // X alone is whole seconds.
            let back = datetime_round_trip(&z, Some("X")).unwrap();
            assert_eq!(
                back.timestamp().as_millisecond(),
                floor_second(&z) * 1000,
                "X {z}"
            );
        }
    }
}

#[test]
fn default_formats_round_trip() {
    for wall in samples() {
        let d = wall.date();
        assert_eq!(date_round_trip(d, None).unwrap(), Value::Date(d));
        let tm = wall.time();
        let to_second = tm.with().millisecond(0).build().unwrap();
        assert_eq!(time_round_trip(tm, None).unwrap(), Value::Time(to_second));
        for zone in [
            "UTC",
            "America/Los_Angeles",
            "Asia/Kathmandu",
            "Pacific/Chatham",
        ] {
            let z = wall.to_zoned(TimeZone::get(zone).unwrap()).unwrap();
            let back = datetime_round_trip(&z, None).unwrap();
            assert_eq!(back.timestamp().as_millisecond(), floor_second(&z) * 1000);
            assert_eq!(back.time_zone().iana_name(), Some(zone));
        }
    }
}

// ---- property tests -------------------------------------------------------------

const ZONES: &[&str] = &[
    "UTC",
    "America/Los_Angeles",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Paris",
    "Africa/Casablanca",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
];

/// A date of the years `years`.
fn arb_date(years: std::ops::RangeInclusive<i16>) -> impl Strategy<Value = Date> {
    (years, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = civil::date(y, m, 1);
        first
            .with()
            .day(d.min(first.days_in_month()))
            .build()
            .unwrap()
    })
}

fn arb_time() -> impl Strategy<Value = Time> {
    (0i8..24, 0i8..60, 0i8..60, 0i32..1000)
        .prop_map(|(h, m, s, ms)| civil::time(h, m, s, ms * 1_000_000))
}

/// A DateTime of the years 1–9999 in one of [`ZONES`].
fn arb_zoned() -> impl Strategy<Value = Zoned> {
    (arb_date(1..=9999), arb_time(), prop::sample::select(ZONES)).prop_filter_map(
        "representable in the zone",
        |(d, tm, zone)| {
            let z = d.to_datetime(tm).to_zoned(TimeZone::get(zone).ok()?).ok()?;
            (1..=9999).contains(&z.year()).then_some(z)
        },
    )
}

/// Offsets of local mean time (before standard time) have seconds, which the
/// `Z` tokens do not write.
fn whole_minute_offset(z: &Zoned) -> bool {
    z.offset().seconds() % 60 == 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn datetimes_round_trip_by_instant(
        z in arb_zoned(),
        format in prop::sample::select(vec![
            "YYYY-MM-DDTHH:mm:ss.SSSZ",
            "dddd, MMMM Do YYYY h:mm:ss.SSS A ZZ",
            "YYYYMMDDHHmmssSSSZZ",
            "ddd D MMM Y, kk:mm:ss.SSSSSS Z",
            "x",
            "X.SSS",
            "SSS X",
            "X SSSSSSSSS",
        ]),
    ) {
        prop_assume!(whole_minute_offset(&z) || format.contains('X') || format == "x");
        let back = datetime_round_trip(&z, Some(format)).unwrap();
        prop_assert_eq!(back.timestamp(), z.timestamp());
        prop_assert_eq!(back.time_zone().iana_name(), z.time_zone().iana_name());
    }

    #[test]
    fn the_default_format_round_trips_to_the_second(z in arb_zoned()) {
        prop_assume!(whole_minute_offset(&z));
        let back = datetime_round_trip(&z, None).unwrap();
        prop_assert_eq!(back.timestamp().as_millisecond(), floor_second(&z) * 1000);
    }

    #[test]
    fn dates_round_trip(
        d in arb_date(1..=9999),
        format in prop::sample::select(vec![
            "YYYY-MM-DD",
            "dddd, MMMM Do YYYY",
            "DD/MM/YYYY",
            "MMM D, Y",
            "YYYYMMDD",
            "ddd D MMMM yyyy",
            "d M D Y",
        ]),
    ) {
        prop_assert_eq!(date_round_trip(d, Some(format)).unwrap(), Value::Date(d));
        prop_assert_eq!(date_round_trip(d, None).unwrap(), Value::Date(d));
    }

    #[test]
    fn two_digit_years_round_trip(d in arb_date(1969..=2068)) {
        prop_assert_eq!(date_round_trip(d, Some("MM/DD/YY")).unwrap(), Value::Date(d));
    }

    #[test]
    fn times_round_trip(
        tm in arb_time(),
        format in prop::sample::select(vec![
            "HH:mm:ss.SSS",
            "h:mm:ss.SSS a",
            "hh:mm:ss.SSS A",
            "kk:mm:ss.SSSSSS",
            "HHmmssSSS",
            "H [h] m [min] s.SSSSSSSSS [s]",
        ]),
    ) {
        prop_assert_eq!(time_round_trip(tm, Some(format)).unwrap(), Value::Time(tm));
        let to_second = tm.with().millisecond(0).build().unwrap();
        prop_assert_eq!(time_round_trip(tm, None).unwrap(), Value::Time(to_second));
    }
}
