//! Tests of the datetime built-ins: the spec's examples and the conformance cases.

use jiff::civil;

use super::*;
use crate::error::ErrorKind;
use crate::session::{Clock, Session};
use crate::value::testing::{n, obj, t};

type F = &'static str;

fn session(zone: &str) -> Session {
    Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        time_zone: TimeZone::get(zone).unwrap(),
        ..Session::default()
    }
}
fn call_in(zone: &str, f: F, args: &[Value]) -> Result<Value> {
    crate::builtins::args::testing::call_with(&session(zone), f, args)
}
fn call(f: F, args: &[Value]) -> Result<Value> {
    call_in("UTC", f, args)
}
fn kind(f: F, args: &[Value]) -> ErrorKind {
    match call(f, args) {
        Err(e) => e.kind(),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}
fn i(x: i64) -> Value {
    Value::from(x)
}
fn d(y: i16, m: i8, day: i8) -> Value {
    Value::Date(civil::date(y, m, day))
}
fn tm(h: i8, m: i8, s: i8, ms: i16) -> Value {
    Value::Time(civil::time(h, m, s, i32::from(ms) * 1_000_000))
}
fn dt(date: Value, time: Value, zone: &str) -> Value {
    call("DATETIME", &[date, time, t(zone)]).unwrap()
}
/// The example DateTime of the spec: 2007-01-09 09:41 in Los Angeles.
fn ex() -> Value {
    dt(d(2007, 1, 9), tm(9, 41, 0, 0), "America/Los_Angeles")
}
fn refdt() -> Value {
    dt(d(2021, 6, 21), tm(20, 56, 32, 647), "UTC")
}
/// (wall clock "YYYY-MM-DDTHH:MM:SS.sss", zone name, offset seconds, Unix ms)
fn shape(v: &Value) -> (String, String, i32, i64) {
    match v {
        Value::DateTime(z) => (
            z.datetime().to_string(),
            z.time_zone().iana_name().unwrap_or("?").to_string(),
            z.offset().seconds(),
            z.timestamp().as_millisecond(),
        ),
        other => panic!("not a DateTime: {other:?}"),
    }
}
fn text(v: Result<Value>) -> String {
    match v {
        Ok(Value::Text(s)) => s.to_string(),
        other => panic!("not text: {other:?}"),
    }
}
fn num_of(v: Result<Value>) -> i64 {
    match v {
        Ok(Value::Number(x)) => i64::try_from(x).unwrap(),
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn date_builds_and_checks() {
    assert!(
        matches!(call("DATE", &[i(2007), i(1), i(9)]), Ok(Value::Date(x)) if x == civil::date(2007, 1, 9))
    );
    assert!(matches!(
        call("DATE", &[i(2020), i(2), i(29)]),
        Ok(Value::Date(_))
    ));
    assert!(
        matches!(call("DATE", &[i(2021), n("4.0"), i(7)]), Ok(Value::Date(x)) if x.month() == 4)
    );
    let o = obj(&[
        ("year", i(2021)),
        ("month", i(4)),
        ("day", i(7)),
        ("other", t("x")),
    ]);
    assert!(matches!(call("DATE", &[o]), Ok(Value::Date(x)) if x == civil::date(2021, 4, 7)));
    assert_eq!(kind("DATE", &[i(2021), i(2), i(29)]), ErrorKind::Argument);
    assert_eq!(
        kind("DATE", &[i(2021), i(1), n("1.5")]),
        ErrorKind::Argument
    );
    assert_eq!(kind("DATE", &[i(0), i(1), i(1)]), ErrorKind::Argument);
    assert_eq!(kind("DATE", &[i(10000), i(1), i(1)]), ErrorKind::Argument);
    assert_eq!(kind("DATE", &[i(2021), i(13), i(1)]), ErrorKind::Argument);
    assert_eq!(kind("DATE", &[i(2021), i(4)]), ErrorKind::Argument);
    assert_eq!(kind("DATE", &[t("2021"), i(4), i(1)]), ErrorKind::Type);
    assert_eq!(kind("DATE", &[i(2021)]), ErrorKind::Argument);
    assert_eq!(
        kind("DATE", &[obj(&[("year", i(2021)), ("month", i(4))])]),
        ErrorKind::Argument
    );
    assert_eq!(
        kind(
            "DATE",
            &[obj(&[("year", t("2021")), ("month", i(4)), ("day", i(1))])]
        ),
        ErrorKind::Type
    );
    assert!(call("DATE", &[Value::Null, i(1), i(1)]).unwrap().is_null());
    assert!(call("DATE", &[t("x"), Value::Null, i(1)])
        .unwrap()
        .is_null());
    assert!(call("DATE", &[Value::Null]).unwrap().is_null());
    assert_eq!(
        call("DATE", &[i(2021), i(2), i(29)]).unwrap_err().arg(),
        Some(2)
    );
}

#[test]
fn time_builds_and_checks() {
    assert!(
        matches!(call("TIME", &[i(9), i(41)]), Ok(Value::Time(x)) if x == civil::time(9, 41, 0, 0))
    );
    assert!(
        matches!(call("TIME", &[i(9), i(41), i(0), i(5)]), Ok(Value::Time(x)) if x.millisecond() == 5)
    );
    assert!(
        matches!(call("TIME", &[i(9), i(41), Value::Null, Value::Null]), Ok(Value::Time(x)) if x == civil::time(9, 41, 0, 0))
    );
    let o = obj(&[
        ("hour", i(9)),
        ("minute", i(41)),
        ("second", i(0)),
        ("millisecond", i(7)),
    ]);
    assert!(
        matches!(call("TIME", &[o]), Ok(Value::Time(x)) if x == civil::time(9, 41, 0, 7_000_000))
    );
    assert!(matches!(
        call("TIME", &[obj(&[("hour", i(9)), ("minute", i(1))])]),
        Ok(Value::Time(_))
    ));
    assert_eq!(kind("TIME", &[i(24), i(0), i(0)]), ErrorKind::Argument);
    assert_eq!(kind("TIME", &[i(9), i(60), i(0)]), ErrorKind::Argument);
    assert_eq!(
        kind("TIME", &[i(9), i(41), i(0), i(1000)]),
        ErrorKind::Argument
    );
    assert_eq!(kind("TIME", &[i(9), i(41), n("0.5")]), ErrorKind::Argument);
    assert_eq!(kind("TIME", &[i(9)]), ErrorKind::Argument);
    assert_eq!(kind("TIME", &[t("9"), i(41), i(0)]), ErrorKind::Type);
    assert_eq!(kind("TIME", &[obj(&[("hour", i(9))])]), ErrorKind::Argument);
    assert!(call("TIME", &[i(9), Value::Null, i(0)]).unwrap().is_null());
    assert!(call("TIME", &[Value::Null, i(1)]).unwrap().is_null());
}

#[test]
fn datetime_builds_and_places() {
    assert_eq!(
        shape(&ex()),
        (
            "2007-01-09T09:41:00".into(),
            "America/Los_Angeles".into(),
            -8 * 3600,
            1_168_364_460_000
        )
    );
    let in_session = call_in(
        "America/Los_Angeles",
        "DATETIME",
        &[d(2007, 1, 9), tm(9, 41, 0, 0)],
    )
    .unwrap();
    assert_eq!(shape(&in_session), shape(&ex()));
    let utc = call("DATETIME", &[d(2007, 1, 9), tm(9, 41, 0, 0)]).unwrap();
    assert_eq!(shape(&utc).1, "UTC");
    let lower = dt(d(2007, 1, 9), tm(9, 41, 0, 0), "america/los_angeles");
    assert_eq!(shape(&lower).1, "America/Los_Angeles");
    let link = dt(d(2007, 1, 9), tm(9, 41, 0, 0), "us/pacific");
    assert_eq!(shape(&link).1, "US/Pacific");
    // DST gap: 02:30 does not exist; it moves forward by the gap to 03:30 PDT.
    let gap = dt(d(2021, 3, 14), tm(2, 30, 0, 0), "America/Los_Angeles");
    assert_eq!(shape(&gap).0, "2021-03-14T03:30:00");
    assert_eq!(shape(&gap).2, -7 * 3600);
    // DST overlap: 01:30 happens twice; the earlier (PDT) instant is chosen.
    let fold = dt(d(2021, 11, 7), tm(1, 30, 0, 0), "America/Los_Angeles");
    assert_eq!(shape(&fold).2, -7 * 3600);
    assert_eq!(shape(&fold).3, 1_636_273_800_000);
    assert_eq!(
        text(call("FORMAT_DATETIME", &[fold, t("HH:mm Z")])),
        "01:30 -07:00"
    );
    // The object form.
    let o = obj(&[
        (
            "date",
            obj(&[("year", i(2007)), ("month", i(1)), ("day", i(9))]),
        ),
        ("time", tm(9, 41, 0, 0)),
        ("timeZone", t("America/Los_Angeles")),
    ]);
    assert_eq!(shape(&call("DATETIME", &[o]).unwrap()), shape(&ex()));
    let no_zone = obj(&[
        ("date", d(2007, 1, 9)),
        ("time", obj(&[("hour", i(17)), ("minute", i(41))])),
    ]);
    assert_eq!(
        shape(&call("DATETIME", &[no_zone]).unwrap()).3,
        1_168_364_460_000
    );
    assert_eq!(
        kind(
            "DATETIME",
            &[d(2007, 1, 9), tm(9, 41, 0, 0), t("Mars/Olympus_Mons")]
        ),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("DATETIME", &[d(2007, 1, 9), tm(9, 41, 0, 0), t("+05:30")]),
        ErrorKind::Argument
    );
    assert_eq!(
        kind(
            "DATETIME",
            &[d(2007, 1, 9), tm(9, 41, 0, 0), t("Etc/Unknown")]
        ),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("DATETIME", &[t("2007-01-09"), tm(9, 41, 0, 0), t("UTC")]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("DATETIME", &[d(2007, 1, 9), d(2007, 1, 9)]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("DATETIME", &[d(2007, 1, 9), tm(9, 41, 0, 0), i(5)]),
        ErrorKind::Type
    );
    assert_eq!(kind("DATETIME", &[d(2007, 1, 9)]), ErrorKind::Argument);
    assert_eq!(
        kind("DATETIME", &[obj(&[("date", d(2007, 1, 9))])]),
        ErrorKind::Argument
    );
    assert!(call("DATETIME", &[d(2021, 6, 21), Value::Null, t("UTC")])
        .unwrap()
        .is_null());
    assert!(matches!(
        call("DATETIME", &[d(2021, 6, 21), tm(1, 0, 0, 0), Value::Null]),
        Ok(Value::DateTime(_))
    ));
}

#[test]
fn clock() {
    let v = call("NOW", &[]).unwrap();
    assert_eq!(
        shape(&v),
        (
            "2020-05-20T15:30:00".into(),
            "UTC".into(),
            0,
            1_589_988_600_000
        )
    );
    let la = call_in("America/Los_Angeles", "NOW", &[]).unwrap();
    assert_eq!(shape(&la).0, "2020-05-20T08:30:00");
    let tokyo = call_in("America/Los_Angeles", "NOW", &[t("Asia/Tokyo")]).unwrap();
    assert_eq!(shape(&tokyo).0, "2020-05-21T00:30:00");
    assert_eq!(shape(&tokyo).1, "Asia/Tokyo");
    assert_eq!(kind("NOW", &[i(5)]), ErrorKind::Type);
    assert!(matches!(call("TODAY", &[]), Ok(Value::Date(x)) if x == civil::date(2020, 5, 20)));
    assert!(
        matches!(call("TODAY", &[t("Asia/Tokyo")]), Ok(Value::Date(x)) if x == civil::date(2020, 5, 21))
    );
    assert!(
        matches!(call("TODAY", &[Value::Null]), Ok(Value::Date(x)) if x == civil::date(2020, 5, 20))
    );
    assert_eq!(kind("TODAY", &[i(5)]), ErrorKind::Type);
    let late = Session {
        clock: Clock::Fixed("2020-05-21T03:00:00Z".parse().unwrap()),
        time_zone: TimeZone::get("America/Los_Angeles").unwrap(),
        ..Session::default()
    };
    assert!(
        matches!(crate::builtins::args::testing::call_with(&late, "TODAY", &[]), Ok(Value::Date(x)) if x == civil::date(2020, 5, 20))
    );
}

#[test]
fn splitting() {
    assert!(
        matches!(call("DATE_FROM_DATETIME", &[ex()]), Ok(Value::Date(x)) if x == civil::date(2007, 1, 9))
    );
    assert!(
        matches!(call("DATE_FROM_DATETIME", &[ex(), t("Asia/Tokyo")]), Ok(Value::Date(x)) if x == civil::date(2007, 1, 10))
    );
    let tokyo = dt(d(2021, 1, 1), tm(0, 30, 0, 0), "Asia/Tokyo");
    assert!(
        matches!(call("DATE_FROM_DATETIME", &[tokyo]), Ok(Value::Date(x)) if x == civil::date(2021, 1, 1))
    );
    assert!(call("DATE_FROM_DATETIME", &[Value::Null])
        .unwrap()
        .is_null());
    assert_eq!(
        kind("DATE_FROM_DATETIME", &[d(2021, 1, 1)]),
        ErrorKind::Type
    );
    assert!(
        matches!(call("TIME_FROM_DATETIME", &[ex()]), Ok(Value::Time(x)) if x == civil::time(9, 41, 0, 0))
    );
    assert!(
        matches!(call("TIME_FROM_DATETIME", &[ex(), t("UTC")]), Ok(Value::Time(x)) if x == civil::time(17, 41, 0, 0))
    );
    assert!(
        matches!(call("TIME_FROM_DATETIME", &[refdt()]), Ok(Value::Time(x)) if x.millisecond() == 647)
    );
    assert_eq!(
        kind("TIME_FROM_DATETIME", &[ex(), t("Nowhere")]),
        ErrorKind::Argument
    );
}

#[test]
fn parts() {
    assert_eq!(num_of(call("YEAR", &[d(2007, 1, 9)])), 2007);
    assert_eq!(num_of(call("YEAR", &[ex()])), 2007);
    assert_eq!(
        num_of(call(
            "YEAR",
            &[dt(d(2021, 1, 1), tm(0, 30, 0, 0), "Asia/Tokyo")]
        )),
        2021
    );
    assert_eq!(num_of(call("MONTH", &[d(2021, 12, 30)])), 12);
    assert_eq!(num_of(call("DAY", &[d(2020, 2, 29)])), 29);
    assert_eq!(num_of(call("HOUR", &[tm(21, 5, 9, 0)])), 21);
    assert_eq!(num_of(call("HOUR", &[ex()])), 9);
    assert_eq!(num_of(call("MINUTE", &[tm(21, 5, 9, 0)])), 5);
    assert_eq!(num_of(call("SECOND", &[tm(21, 5, 9, 999)])), 9);
    assert_eq!(num_of(call("SECOND", &[refdt()])), 32);
    assert_eq!(
        num_of(call(
            "WEEKDAY",
            &[dt(d(2021, 4, 1), tm(16, 14, 38, 0), "UTC")]
        )),
        4
    );
    assert_eq!(num_of(call("WEEKDAY", &[d(2021, 4, 4)])), 0);
    assert_eq!(num_of(call("WEEKDAY", &[d(2021, 4, 3)])), 6);
    assert_eq!(num_of(call("WEEK", &[d(2021, 1, 1)])), 1);
    assert_eq!(num_of(call("WEEK", &[d(2021, 1, 3)])), 2);
    assert_eq!(num_of(call("WEEK", &[d(2023, 12, 31)])), 1);
    assert_eq!(num_of(call("WEEK", &[d(2021, 12, 31)])), 1);
    assert_eq!(num_of(call("WEEK", &[d(2021, 12, 25)])), 52);
    assert_eq!(num_of(call("ISO_WEEK", &[d(2021, 1, 1)])), 53);
    assert_eq!(num_of(call("ISO_WEEK", &[d(2020, 12, 31)])), 53);
    assert_eq!(num_of(call("ISO_WEEK", &[d(2019, 12, 30)])), 1);
    assert_eq!(num_of(call("ISO_WEEK", &[d(2021, 1, 4)])), 1);
    assert!(call("MINUTE", &[Value::Null]).unwrap().is_null());
    assert!(call("ISO_WEEK", &[Value::Null]).unwrap().is_null());
    for (f, v) in [
        ("YEAR", tm(9, 41, 0, 0)),
        ("MONTH", t("2021-12-30")),
        ("DAY", i(30)),
        ("HOUR", d(2021, 1, 1)),
        ("SECOND", t("21:05:09")),
        ("WEEKDAY", t("2021-04-04")),
        ("WEEK", tm(1, 0, 0, 0)),
    ] {
        assert_eq!(kind(f, &[v]), ErrorKind::Type);
    }
}

#[test]
fn format_datetime_examples() {
    let f = |fmt: &str| text(call("FORMAT_DATETIME", &[ex(), t(fmt)]));
    assert_eq!(
        text(call("FORMAT_DATETIME", &[ex()])),
        "2007-01-09T09:41:00-08:00"
    );
    assert_eq!(
        text(call("FORMAT_DATETIME", &[refdt()])),
        "2021-06-21T20:56:32+00:00"
    );
    assert_eq!(f("MMMM Do, YYYY h:mm A"), "January 9th, 2007 9:41 AM");
    assert_eq!(f("h:mm A"), "9:41 AM");
    assert_eq!(f("[Today is] dddd [at] h A"), "Today is Tuesday at 9 AM");
    assert_eq!(f("MMMM do, YYYY h:mm A"), "January 2nd, 2007 9:41 AM");
    assert_eq!(f("dddd ddd dd d E e"), "Tuesday Tue Tu 2 2 2");
    assert_eq!(
        f("w ww wo W WW Wo gggg GGGG gg GG"),
        "2 02 2nd 2 02 2nd 2007 2007 07 07"
    );
    assert_eq!(f("z zz Z ZZ"), "PST PST -08:00 -0800");
    assert_eq!(f("Y YY YYYY"), "2007 07 2007");
    assert_eq!(f("M Mo MM MMM MMMM"), "1 1st 01 Jan January");
    assert_eq!(f("YYYY-MM-DDTHH:mm"), "2007-01-09T09:41");
    assert_eq!(f("yyyy/yy"), "2007/07");
    assert_eq!(f("D Do DD DDD DDDo DDDD"), "9 9th 09 9 9th 009");
    assert_eq!(f("H HH h hh k kk m mm s ss"), "9 09 9 09 9 09 41 41 0 00");
    assert_eq!(f("X x"), "1168364460 1168364460000");
    assert_eq!(f("MMMMM"), "January1");
    assert_eq!(f("dddd D MMMM"), "Tuesday 9 January");
    assert_eq!(
        text(call(
            "FORMAT_DATETIME",
            &[ex(), t("dddd D MMMM"), t("en-GB")]
        )),
        "Tuesday 9 January"
    );
    let r = |fmt: &str| text(call("FORMAT_DATETIME", &[refdt(), t(fmt)]));
    assert_eq!(r("MMMM Do, YYYY h:mm A z"), "June 21st, 2021 8:56 PM UTC");
    assert_eq!(r("Q Qo"), "2 2nd");
    assert_eq!(r("s ss S SS SSS SSSS"), "32 32 6 64 647 6470");
    assert_eq!(r("SSSSSSSSS"), "647000000");
    assert_eq!(
        text(call(
            "FORMAT_DATETIME",
            &[
                refdt(),
                t("MM/DD/YY h:mm A z"),
                t("en-US"),
                t("America/Chicago")
            ]
        )),
        "06/21/21 3:56 PM CDT"
    );
    assert_eq!(
        text(call(
            "FORMAT_DATETIME",
            &[refdt(), t("HH:mm"), Value::Null, t("Asia/Tokyo")]
        )),
        "05:56"
    );
    let mid = dt(d(2021, 1, 1), tm(0, 5, 0, 0), "UTC");
    assert_eq!(
        text(call("FORMAT_DATETIME", &[mid, t("h:mm a k")])),
        "12:05 am 24"
    );
    let noon = dt(d(2021, 1, 1), tm(12, 0, 0, 0), "UTC");
    assert_eq!(text(call("FORMAT_DATETIME", &[noon, t("h A")])), "12 PM");
    let london = dt(d(2021, 7, 1), tm(12, 0, 0, 0), "Europe/London");
    assert_eq!(
        text(call("FORMAT_DATETIME", &[london, t("HH:mm z Z")])),
        "12:00 BST +01:00"
    );
    let kolkata = dt(d(2021, 7, 1), tm(12, 0, 0, 0), "Asia/Kolkata");
    assert_eq!(
        text(call("FORMAT_DATETIME", &[kolkata, t("Z z")])),
        "+05:30 IST"
    );
    let gap = dt(d(2021, 3, 14), tm(2, 30, 0, 0), "America/Los_Angeles");
    assert_eq!(
        text(call("FORMAT_DATETIME", &[gap, t("YYYY-MM-DDTHH:mm:ssZ")])),
        "2021-03-14T03:30:00-07:00"
    );
    // The docs' "mm/dd/yyyy" example two days after the clock's 2020-05-20T15:30Z.
    let later = dt(d(2020, 5, 22), tm(15, 30, 0, 0), "UTC");
    assert_eq!(
        text(call("FORMAT_DATETIME", &[later.clone(), t("mm/dd/yyyy")])),
        "30/Fr/2020"
    );
    assert_eq!(
        text(call("FORMAT_DATETIME", &[later, t("MM/DD/YYYY")])),
        "05/22/2020"
    );
    let early = dt(d(1969, 12, 31), tm(23, 59, 59, 500), "UTC");
    assert_eq!(text(call("FORMAT_DATETIME", &[early, t("X x")])), "-1 -500");
}

#[test]
fn format_datetime_errors() {
    assert!(call("FORMAT_DATETIME", &[Value::Null, t("YYYY")])
        .unwrap()
        .is_null());
    assert_eq!(kind("FORMAT_DATETIME", &[ex(), i(5)]), ErrorKind::Type);
    assert_eq!(
        kind("FORMAT_DATETIME", &[d(2007, 1, 9), t("YYYY")]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("FORMAT_DATETIME", &[ex(), t("YYYY"), i(1)]),
        ErrorKind::Type
    );
    assert_eq!(
        kind("FORMAT_DATETIME", &[ex(), t("YYYY"), Value::Null, i(1)]),
        ErrorKind::Type
    );
    assert_eq!(
        kind(
            "FORMAT_DATETIME",
            &[ex(), t("YYYY"), Value::Null, t("Nowhere/Land")]
        ),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("FORMAT_DATETIME", &[ex(), t("[Today is dddd")]),
        ErrorKind::Argument
    );
}

#[test]
fn format_date_and_time() {
    let fd = |v: Value, fmt: &str| text(call("FORMAT_DATE", &[v, t(fmt)]));
    assert_eq!(fd(d(2021, 12, 30), "MMMM Do, YYYY"), "December 30th, 2021");
    assert_eq!(text(call("FORMAT_DATE", &[d(2021, 4, 7)])), "2021-04-07");
    assert_eq!(
        text(call("FORMAT_DATE", &[d(2021, 4, 7), Value::Null])),
        "2021-04-07"
    );
    assert_eq!(fd(d(2021, 4, 7), "ddd, MMM D YY"), "Wed, Apr 7 21");
    assert_eq!(fd(d(2021, 1, 1), "GGGG-[W]WW-E"), "2020-W53-5");
    assert_eq!(fd(d(2021, 1, 1), "gggg-[W]ww"), "2021-W01");
    assert_eq!(fd(d(5, 3, 1), "YYYY/MM/DD"), "0005/03/01");
    assert_eq!(fd(d(5, 3, 1), "Y YY"), "5 05");
    assert_eq!(fd(d(2020, 12, 31), "DDDD"), "366");
    assert_eq!(fd(d(2021, 4, 4), "d do"), "0 0th");
    assert_eq!(
        kind("FORMAT_DATE", &[d(2021, 4, 7), t("YYYY HH:mm")]),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("FORMAT_DATE", &[d(2021, 4, 7), t("YYYY Z")]),
        ErrorKind::Argument
    );
    assert_eq!(kind("FORMAT_DATE", &[ex(), t("YYYY")]), ErrorKind::Type);
    assert!(call("FORMAT_DATE", &[Value::Null]).unwrap().is_null());

    let ft = |v: Value, fmt: &str| text(call("FORMAT_TIME", &[v, t(fmt)]));
    assert_eq!(text(call("FORMAT_TIME", &[tm(9, 41, 0, 0)])), "09:41:00");
    assert_eq!(ft(tm(21, 5, 9, 0), "h:mm:ss a"), "9:05:09 pm");
    assert_eq!(ft(tm(0, 0, 0, 0), "hh:mm A"), "12:00 AM");
    assert_eq!(ft(tm(13, 7, 3, 45), "HH:mm:ss.SSS"), "13:07:03.045");
    assert_eq!(ft(tm(9, 41, 0, 5), "HH:mm:ss.SSS"), "09:41:00.005");
    assert_eq!(ft(tm(13, 7, 3, 987), "ss.S"), "03.9");
    assert_eq!(
        kind("FORMAT_TIME", &[tm(9, 41, 0, 0), t("YYYY")]),
        ErrorKind::Argument
    );
    assert_eq!(
        kind("FORMAT_TIME", &[tm(9, 41, 0, 0), t("HH x")]),
        ErrorKind::Argument
    );
    assert_eq!(kind("FORMAT_TIME", &[i(941)]), ErrorKind::Type);
    assert_eq!(
        kind("FORMAT_TIME", &[tm(9, 41, 0, 0), t("HH"), i(1)]),
        ErrorKind::Type
    );
}
