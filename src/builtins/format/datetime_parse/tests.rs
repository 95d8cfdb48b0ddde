//! Tests of the readers: every token of §4.4, the ISO grammar of §4.5, the
//! columns and messages of mismatches, and that no input panics or hangs.

use jiff::civil::{date, datetime, Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::builtins::format::datetime::tokenize;

/// Today, as the fixed clock of the tests sees it (2020-05-20).
const TODAY: Date = date(2020, 5, 20);

fn reading(text: &str, format: &str) -> Result<Reading, Mismatch> {
    let pieces = tokenize(format).expect("a well-formed format");
    assert_eq!(unreadable_token(&pieces), None, "format {format:?}");
    let fields = read_format(&pieces, text)?;
    resolve(&fields, TODAY, &TimeZone::UTC)
}

/// The wall clock read from `text` with `format` (no offset in the text).
fn wall(text: &str, format: &str) -> DateTime {
    match reading(text, format) {
        Ok(Reading::Wall(dt)) => dt,
        other => panic!("{text:?} with {format:?}: expected a wall clock, got {other:?}"),
    }
}

/// The instant read from `text` with `format`, as Unix milliseconds.
fn instant(text: &str, format: &str) -> i64 {
    match reading(text, format) {
        Ok(Reading::Instant(ts)) => ts.as_millisecond(),
        other => panic!("{text:?} with {format:?}: expected an instant, got {other:?}"),
    }
}

/// The column and message of a text that must not match.
fn miss(text: &str, format: &str) -> (usize, String) {
    match reading(text, format) {
        Err(m) => (m.column, m.message),
        Ok(r) => panic!("{text:?} with {format:?}: expected a mismatch, got {r:?}"),
    }
}

fn iso(text: &str, kind: IsoKind) -> Result<Reading, Mismatch> {
    resolve(&read_iso(text, kind)?, TODAY, &TimeZone::UTC)
}

fn iso_miss(text: &str, kind: IsoKind) -> (usize, String) {
    match iso(text, kind) {
        Err(m) => (m.column, m.message),
        Ok(r) => panic!("{text:?}: expected a mismatch, got {r:?}"),
    }
}

fn ms(ts: &str) -> i64 {
    ts.parse::<Timestamp>().unwrap().as_millisecond()
}

fn dt(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8, milli: i32) -> DateTime {
    datetime(y, mo, d, h, mi, s, milli * 1_000_000)
}

#[test]
fn year_tokens() {
    assert_eq!(wall("2021", "YYYY"), dt(2021, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("2021", "yyyy"), dt(2021, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("0005", "YYYY"), dt(5, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("5", "Y"), dt(5, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("21", "Y"), dt(21, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("9999", "Y"), dt(9999, 1, 1, 0, 0, 0, 0));
    // The two-digit pivot of moment.js: 00–68 are 2000–2068, 69–99 1969–1999.
    assert_eq!(wall("00", "YY"), dt(2000, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("68", "YY"), dt(2068, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("69", "YY"), dt(1969, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("99", "yy"), dt(1999, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("07", "yy"), dt(2007, 1, 1, 0, 0, 0, 0));
    assert_eq!(miss("0000", "YYYY"), (1, "year 0 is not 1–9999".into()));
    assert_eq!(miss("0", "Y"), (1, "year 0 is not 1–9999".into()));
    assert_eq!(
        miss("207", "YYYY"),
        (1, "expected 4 digits of the year, found \"207\"".into())
    );
    assert_eq!(
        miss("7", "YY"),
        (1, "expected 2 digits of the year, found \"7\"".into())
    );
    // `Y` takes at most 4 digits: the fifth is left over.
    assert_eq!(
        miss("20211", "Y"),
        (5, "expected the end of the text, found \"1\"".into())
    );
}

#[test]
fn month_tokens() {
    assert_eq!(wall("3", "M"), dt(2020, 3, 1, 0, 0, 0, 0));
    assert_eq!(wall("03", "MM"), dt(2020, 3, 1, 0, 0, 0, 0));
    assert_eq!(wall("12", "M"), dt(2020, 12, 1, 0, 0, 0, 0));
    assert_eq!(wall("3", "MM"), dt(2020, 3, 1, 0, 0, 0, 0));
    for (text, format) in [
        ("march", "MMMM"),
        ("MARCH", "MMMM"),
        ("Mar", "MMMM"),
        ("mAr", "MMM"),
        ("March", "MMM"),
    ] {
        assert_eq!(wall(text, format), dt(2020, 3, 1, 0, 0, 0, 0), "{text}");
    }
    assert_eq!(wall("May", "MMMM"), dt(2020, 5, 1, 0, 0, 0, 0));
    assert_eq!(
        wall("September 2021", "MMMM YYYY"),
        dt(2021, 9, 1, 0, 0, 0, 0)
    );
    assert_eq!(wall("Sep 2021", "MMMM YYYY"), dt(2021, 9, 1, 0, 0, 0, 0));
    assert_eq!(miss("13", "MM"), (1, "month 13 is not 1–12".into()));
    assert_eq!(miss("0", "M"), (1, "month 0 is not 1–12".into()));
    assert_eq!(
        miss("Sept", "MMM"),
        (4, "expected the end of the text, found \"t\"".into())
    );
    assert_eq!(
        miss("Jänner", "MMMM"),
        (
            1,
            "expected a month name such as \"January\" or \"Jan\", found \"Jänner\"".into()
        )
    );
}

#[test]
fn day_tokens() {
    assert_eq!(wall("9", "D"), dt(2020, 5, 9, 0, 0, 0, 0));
    assert_eq!(wall("09", "DD"), dt(2020, 5, 9, 0, 0, 0, 0));
    assert_eq!(wall("31", "D"), dt(2020, 5, 31, 0, 0, 0, 0));
    for (text, day) in [
        ("1st", 1),
        ("2ND", 2),
        ("3rd", 3),
        ("11th", 11),
        ("22nd", 22),
    ] {
        assert_eq!(wall(text, "Do"), dt(2020, 5, day, 0, 0, 0, 0), "{text}");
    }
    // The suffix is not checked against the number.
    assert_eq!(wall("2st", "Do"), dt(2020, 5, 2, 0, 0, 0, 0));
    assert_eq!(miss("32", "DD"), (1, "day 32 is not 1–31".into()));
    assert_eq!(miss("0", "D"), (1, "day 0 is not 1–31".into()));
    assert_eq!(
        miss("9", "Do"),
        (
            2,
            "expected \"st\", \"nd\", \"rd\" or \"th\" after the day, found the end of the text"
                .into()
        )
    );
}

#[test]
fn weekday_tokens() {
    let tue = dt(2007, 1, 9, 0, 0, 0, 0);
    assert_eq!(wall("2 2007-01-09", "d YYYY-MM-DD"), tue);
    for text in ["Tu", "tue", "TUESDAY", "Tuesday"] {
        for format in ["dd", "ddd", "dddd"] {
            assert_eq!(
                wall(
                    &format!("{text} 2007-01-09"),
                    &format!("{format} YYYY-MM-DD")
                ),
                tue
            );
        }
    }
    assert_eq!(
        miss("Monday 2007-01-09", "dddd YYYY-MM-DD"),
        (1, "2007-01-09 is a Tuesday, not a Monday".into())
    );
    assert_eq!(
        miss("0 2007-01-09", "d YYYY-MM-DD"),
        (1, "2007-01-09 is a Tuesday, not a Sunday".into())
    );
    assert_eq!(miss("7", "d"), (1, "weekday 7 is not 0–6".into()));
    // A weekday alone is checked against today (Wednesday 2020-05-20).
    assert_eq!(wall("Wed", "ddd"), dt(2020, 5, 20, 0, 0, 0, 0));
    assert_eq!(miss("Thu", "ddd").0, 1);
    assert_eq!(
        miss("Xyz", "dd"),
        (
            1,
            "expected a weekday name such as \"Tuesday\", \"Tue\" or \"Tu\", found \"Xyz\"".into()
        )
    );
}

#[test]
fn hour_tokens_and_half_days() {
    let at = |h| dt(2020, 5, 20, h, 0, 0, 0);
    assert_eq!(wall("0", "H"), at(0));
    assert_eq!(wall("23", "HH"), at(23));
    assert_eq!(wall("07", "H"), at(7));
    assert_eq!(wall("9 pm", "h a"), at(21));
    assert_eq!(wall("09 PM", "hh A"), at(21));
    assert_eq!(wall("12 AM", "h A"), at(0));
    assert_eq!(wall("12 am", "hh a"), at(0));
    assert_eq!(wall("12 PM", "h A"), at(12));
    assert_eq!(wall("1 Am", "h A"), at(1));
    // Without AM/PM a 12-hour number is taken as it is.
    assert_eq!(wall("12", "h"), at(12));
    assert_eq!(wall("3", "hh"), at(3));
    // k runs 1–24, 24 being midnight.
    assert_eq!(wall("24", "k"), at(0));
    assert_eq!(wall("24", "kk"), at(0));
    assert_eq!(wall("1", "k"), at(1));
    assert_eq!(wall("13", "kk"), at(13));
    // AM/PM alone is midnight or noon; with a 24-hour token it must agree.
    assert_eq!(wall("PM", "A"), at(12));
    assert_eq!(wall("13 PM", "H A"), at(13));
    assert_eq!(wall("13 13", "H k"), at(13));
    assert_eq!(miss("25", "HH"), (1, "hour 25 is not 0–23".into()));
    assert_eq!(miss("13", "h"), (1, "hour 13 is not 1–12".into()));
    assert_eq!(miss("0", "hh"), (1, "hour 0 is not 1–12".into()));
    assert_eq!(miss("0", "k"), (1, "hour 0 is not 1–24".into()));
    assert_eq!(
        miss("9 PM", "H A"),
        (
            3,
            "PM does not agree with hour 9 read at character 1 (write h or hh for a 12-hour clock)"
                .into()
        )
    );
    assert_eq!(
        miss("9 21", "h H"),
        (
            3,
            "the hour 21 does not agree with the hour read at character 1".into()
        )
    );
    assert_eq!(
        miss("9 xm", "h a"),
        (3, "expected AM or PM, found \"xm\"".into())
    );
}

#[test]
fn minute_second_and_fraction_tokens() {
    assert_eq!(wall("9:5:7", "H:m:s"), dt(2020, 5, 20, 9, 5, 7, 0));
    assert_eq!(wall("09:05:07", "HH:mm:ss"), dt(2020, 5, 20, 9, 5, 7, 0));
    assert_eq!(miss("09:60", "HH:mm"), (4, "minute 60 is not 0–59".into()));
    assert_eq!(
        miss("09:00:60", "HH:mm:ss"),
        (7, "second 60 is not 0–59".into())
    );
    let frac = |text: &str, format: &str| wall(text, format).time().millisecond();
    assert_eq!(frac("5", "S"), 500);
    assert_eq!(frac("25", "SS"), 250);
    assert_eq!(frac("045", "SSS"), 45);
    assert_eq!(frac("0456", "SSSS"), 45);
    assert_eq!(frac("12345", "SSSSS"), 123);
    assert_eq!(frac("123456", "SSSSSS"), 123);
    assert_eq!(frac("1234567", "SSSSSSS"), 123);
    assert_eq!(frac("12345678", "SSSSSSSS"), 123);
    assert_eq!(frac("999999999", "SSSSSSSSS"), 999);
    // Every S token reads 1 to 9 digits, whatever its length.
    assert_eq!(frac("9", "SSS"), 900);
    assert_eq!(frac("987654321", "S"), 987);
    assert_eq!(
        miss("1234567890", "SSS"),
        (10, "expected the end of the text, found \"0\"".into())
    );
    assert_eq!(
        miss("x", "SSS"),
        (
            1,
            "expected the fraction of a second (1 to 9 digits), found \"x\"".into()
        )
    );
}

#[test]
fn offset_tokens_fix_the_instant() {
    let f = "YYYY-MM-DDTHH:mm:ssZ";
    assert_eq!(
        instant("2007-01-09T09:41:00Z", f),
        ms("2007-01-09T09:41:00Z")
    );
    assert_eq!(
        instant("2007-01-09T09:41:00+12:00", f),
        ms("2007-01-08T21:41:00Z")
    );
    assert_eq!(
        instant("2007-01-09T09:41:00+0530", f),
        ms("2007-01-09T04:11:00Z")
    );
    assert_eq!(
        instant("2007-01-09 09:41 -0330", "YYYY-MM-DD HH:mm ZZ"),
        ms("2007-01-09T13:11:00Z")
    );
    assert_eq!(
        instant("2007-01-09 09:41 +05:45", "YYYY-MM-DD HH:mm ZZ"),
        ms("2007-01-09T03:56:00Z")
    );
    assert_eq!(
        miss("2007-01-09T09:41:00z", f),
        (
            20,
            "expected an offset: \"Z\", \"+HH:MM\" or \"-HHMM\", found \"z\"".into()
        )
    );
    assert_eq!(
        miss("2007-01-09T09:41:00+12", f),
        (
            23,
            "expected 2 digits of the offset's minutes, found the end of the text".into()
        )
    );
    assert_eq!(
        miss("2007-01-09T09:41:00+24:00", f),
        (21, "the offset's hour 24 is not 0–23".into())
    );
    assert_eq!(
        miss("2007-01-09T09:41:00+01:60", f),
        (24, "the offset's minute 60 is not 0–59".into())
    );
}

#[test]
fn unix_tokens() {
    assert_eq!(instant("1168364460", "X"), 1_168_364_460_000);
    assert_eq!(instant("1168364460.5", "X"), 1_168_364_460_500);
    assert_eq!(instant("1168364460.25", "X"), 1_168_364_460_250);
    assert_eq!(instant("1168364460.2509", "X"), 1_168_364_460_250);
    assert_eq!(instant("-1.5", "X"), -1500);
    assert_eq!(instant("-1", "X"), -1000);
    assert_eq!(instant("0", "X"), 0);
    // With a fraction token, X is whole seconds (rounded down, as written).
    assert_eq!(instant("1168364460.250", "X.SSS"), 1_168_364_460_250);
    assert_eq!(instant("-1.250", "X.SSS"), -750);
    assert_eq!(instant("250 -1", "SSS X"), -750);
    assert_eq!(instant("1168364460000", "x"), 1_168_364_460_000);
    assert_eq!(instant("-1", "x"), -1);
    // Other parts must agree with it (here in UTC).
    assert_eq!(instant("1168364460 2007", "X YYYY"), 1_168_364_460_000);
    assert_eq!(instant("0 +01:00 01", "X Z HH"), 0);
    assert_eq!(
        instant("1168364460 1168364460250", "X x"),
        1_168_364_460_250
    );
    assert_eq!(
        miss("0 1971", "X YYYY"),
        (
            3,
            "the year 1971 does not agree with the Unix time read at character 1, whose year is 1970"
                .into()
        )
    );
    assert_eq!(
        miss("1 2", "x x"),
        (
            3,
            "this Unix time does not agree with the one read at character 1".into()
        )
    );
    // Huge digit runs are a mismatch, not an overflow.
    let huge = "9".repeat(5000);
    assert_eq!(
        miss(&huge, "x"),
        (1, "the Unix time is too large to be a date".into())
    );
    assert_eq!(
        miss(&format!("-{huge}"), "X"),
        (1, "the Unix time is too large to be a date".into())
    );
    assert_eq!(miss("9223372036854776", "X").0, 1);
    assert_eq!(
        miss("99999999999999", "X"),
        (
            1,
            "the Unix time is outside the supported range (years 1 to 9999-12-30)".into()
        )
    );
    assert_eq!(
        miss("-", "x"),
        (
            2,
            "expected the Unix time in milliseconds (digits), found the end of the text".into()
        )
    );
    assert_eq!(miss("1.", "X").0, 2);
}

#[test]
fn literals_and_brackets() {
    assert_eq!(
        wall("2021 at 09", "YYYY [at] HH"),
        dt(2021, 1, 1, 9, 0, 0, 0)
    );
    assert_eq!(
        wall("2021-01-09T09:41", "YYYY-MM-DDTHH:mm"),
        dt(2021, 1, 9, 9, 41, 0, 0)
    );
    assert_eq!(wall("[2021]", "[[]YYYY]"), dt(2021, 1, 1, 0, 0, 0, 0));
    assert_eq!(
        wall("année 2021 ✓", "[année] YYYY ✓"),
        dt(2021, 1, 1, 0, 0, 0, 0)
    );
    // Literal text is case-sensitive.
    assert_eq!(
        miss("2021 AT 09", "YYYY [at] HH"),
        (6, "expected \"at\", found \"AT 09\"".into())
    );
    // Columns count characters, not bytes.
    assert_eq!(
        miss("année 2O21", "[année] YYYY"),
        (7, "expected 4 digits of the year, found \"2O21\"".into())
    );
    assert_eq!(
        miss("2021-01", "YYYY-MM-DD"),
        (8, "expected \"-\", found the end of the text".into())
    );
    assert_eq!(
        miss("2021-01-09 ", "YYYY-MM-DD"),
        (11, "expected the end of the text, found \" \"".into())
    );
    assert_eq!(
        miss("", "YYYY"),
        (
            1,
            "expected 4 digits of the year, found the end of the text".into()
        )
    );
    // An empty format reads an empty text: today at midnight.
    assert_eq!(wall("", ""), dt(2020, 5, 20, 0, 0, 0, 0));
    assert_eq!(miss("x", "").0, 1);
}

#[test]
fn missing_parts() {
    // Larger parts than the largest given come from today, smaller ones are 1.
    assert_eq!(wall("12-25", "MM-DD"), dt(2020, 12, 25, 0, 0, 0, 0));
    assert_eq!(wall("2021", "YYYY"), dt(2021, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("25", "DD"), dt(2020, 5, 25, 0, 0, 0, 0));
    assert_eq!(wall("10:30", "HH:mm"), dt(2020, 5, 20, 10, 30, 0, 0));
    assert_eq!(wall("2021 15", "YYYY DD"), dt(2021, 1, 15, 0, 0, 0, 0));
    assert_eq!(wall("7", "M"), dt(2020, 7, 1, 0, 0, 0, 0));
    // 31 in a month of 30 days (today's month is May, of 31; June has 30).
    assert_eq!(
        miss("06-31", "MM-DD"),
        (4, "day 31 does not exist in June 2020".into())
    );
}

#[test]
fn leap_days_and_impossible_dates() {
    assert_eq!(
        wall("2020-02-29", "YYYY-MM-DD"),
        dt(2020, 2, 29, 0, 0, 0, 0)
    );
    assert_eq!(
        miss("2021-02-29", "YYYY-MM-DD"),
        (9, "day 29 does not exist in February 2021".into())
    );
    assert_eq!(
        miss("2021-02-30", "YYYY-MM-DD"),
        (9, "day 30 does not exist in February 2021".into())
    );
    assert_eq!(
        miss("31/04/2021", "DD/MM/YYYY"),
        (1, "day 31 does not exist in April 2021".into())
    );
    assert_eq!(
        wall("29 February 2000", "D MMMM YYYY"),
        dt(2000, 2, 29, 0, 0, 0, 0)
    );
    assert_eq!(miss("29 February 1900", "D MMMM YYYY").0, 1);
    // Without a year, today's (2020) is used, a leap year.
    assert_eq!(wall("02-29", "MM-DD"), dt(2020, 2, 29, 0, 0, 0, 0));
}

#[test]
fn a_part_read_twice_must_agree() {
    assert_eq!(wall("2021 2021", "YYYY YYYY"), dt(2021, 1, 1, 0, 0, 0, 0));
    assert_eq!(wall("January 1", "MMMM M"), dt(2020, 1, 1, 0, 0, 0, 0));
    assert_eq!(
        miss("2021 2022", "YYYY YYYY"),
        (
            6,
            "the year 2022 does not agree with the year 2021 read at character 1".into()
        )
    );
    assert_eq!(miss("March 4", "MMMM M").0, 7);
}

#[test]
fn unreadable_tokens_are_named() {
    for format in [
        "Q", "Qo", "DDD", "DDDo", "DDDD", "w", "wo", "ww", "W", "Wo", "WW", "e", "E", "gg", "gggg",
        "GG", "GGGG", "z", "zz", "Mo", "do",
    ] {
        let full = format!("YYYY {format}");
        let pieces = tokenize(&full).unwrap();
        let (token, _) = unreadable_token(&pieces).expect(format);
        assert_eq!(token, format);
    }
    let pieces = tokenize("[Q] YYYY-MM-DD [W]").unwrap();
    assert_eq!(unreadable_token(&pieces), None);
    assert_eq!(
        unreadable_token(&tokenize("YYYY-DDDD").unwrap()),
        Some(("DDDD", "the day of the year"))
    );
    // read_format itself refuses them as a mismatch, never a panic.
    let pieces = tokenize("Q").unwrap();
    assert_eq!(read_format(&pieces, "1").unwrap_err().column, 1);
}

#[test]
fn iso_accepted_shapes() {
    use IsoKind::*;
    let at = |text| match iso(text, DateOrDateTime) {
        Ok(Reading::Wall(dt)) => dt,
        other => panic!("{text}: {other:?}"),
    };
    let inst = |text, kind| match iso(text, kind) {
        Ok(Reading::Instant(ts)) => ts.as_millisecond(),
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(at("2007-01-09"), dt(2007, 1, 9, 0, 0, 0, 0));
    assert_eq!(at("2007-01-09T09:41"), dt(2007, 1, 9, 9, 41, 0, 0));
    assert_eq!(at("2007-01-09 09:41:30"), dt(2007, 1, 9, 9, 41, 30, 0));
    assert_eq!(at("2007-01-09T09:41:30.5"), dt(2007, 1, 9, 9, 41, 30, 500));
    assert_eq!(at("2007-01-09T09:41:30,25"), dt(2007, 1, 9, 9, 41, 30, 250));
    assert_eq!(
        at("2007-01-09T09:41:30.123456789"),
        dt(2007, 1, 9, 9, 41, 30, 123)
    );
    assert_eq!(at("0001-01-01T00:00"), dt(1, 1, 1, 0, 0, 0, 0));
    let z = ms("2007-01-09T09:41:00Z");
    assert_eq!(inst("2007-01-09T09:41:00Z", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T09:41Z", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T11:41:00+02:00", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T11:41:00+0200", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T11:41:00+02", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T06:11:00-03:30", DateOrDateTime), z);
    assert_eq!(inst("2007-01-09T09:41:00Z", TimeOrDateTime), z);
    let time = |text| match iso(text, TimeOrDateTime) {
        Ok(Reading::Wall(dt)) => dt.time(),
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(time("09:41"), jiff::civil::time(9, 41, 0, 0));
    assert_eq!(time("09:41:30"), jiff::civil::time(9, 41, 30, 0));
    assert_eq!(time("09:41:00.5"), jiff::civil::time(9, 41, 0, 500_000_000));
    assert_eq!(
        time("2007-01-09T23:59:59.999"),
        jiff::civil::time(23, 59, 59, 999_000_000)
    );
}

#[test]
fn iso_rejected_shapes() {
    use IsoKind::*;
    let d = |text| iso_miss(text, DateOrDateTime);
    assert_eq!(d("2021-13-01"), (6, "month 13 is not 1–12".into()));
    assert_eq!(
        d("2021-02-30"),
        (9, "day 30 does not exist in February 2021".into())
    );
    assert_eq!(d("2021-02-29T00:00:00Z").0, 9);
    assert_eq!(
        d("not a date"),
        (
            1,
            "expected 4 digits of the year, found \"not a date\"".into()
        )
    );
    assert_eq!(
        d(""),
        (
            1,
            "expected 4 digits of the year, found the end of the text".into()
        )
    );
    assert_eq!(d(" 2021-01-01").0, 1);
    assert_eq!(
        d("2021-01-01 "),
        (
            12,
            "expected 2 digits of the hour, found the end of the text".into()
        )
    );
    assert_eq!(
        d("2021-01-01t09:00"),
        (
            11,
            "expected \"T\" or a space before the time, or the end of the text, found \"t09:00\""
                .into()
        )
    );
    assert_eq!(
        d("2021-01-01T09:00z"),
        (
            17,
            "expected an offset (\"Z\", \"+HH:MM\", \"-HHMM\" or \"+HH\") or the end of the text, found \"z\""
                .into()
        )
    );
    assert_eq!(d("2021-01-01T24:00"), (12, "hour 24 is not 0–23".into()));
    assert_eq!(
        d("2021-01-01T23:59:60"),
        (18, "second 60 is not 0–59".into())
    );
    assert_eq!(d("2021-1-1").0, 6);
    assert_eq!(d("2021-W01-1").0, 6);
    assert_eq!(d("2021-032").0, 8);
    assert_eq!(d("20210101").0, 5);
    assert_eq!(d("2021-01-01T09").0, 14);
    assert_eq!(d("2021-01-01T9:00").0, 12);
    assert_eq!(d("2021-01-01T09:00:00.").0, 21);
    assert_eq!(d("2021-01-01T09:00:00.1234567890").0, 30);
    assert_eq!(d("2021-01-01T09:00+5").0, 18);
    assert_eq!(d("2021-01-01T09:00+05:").0, 21);
    assert_eq!(d("2021-01-01T09:00Z ").0, 18);
    assert_eq!(d("0000-01-01").0, 1);
    let t = |text| iso_miss(text, TimeOrDateTime);
    assert_eq!(t("25:00"), (1, "hour 25 is not 0–23".into()));
    assert_eq!(t("9:41").0, 1);
    assert_eq!(t("24:00").0, 1);
    assert_eq!(
        t("09:41Z"),
        (
            6,
            "expected the end of the text, found \"Z\": a time without a date cannot have an offset"
                .into()
        )
    );
    assert_eq!(t("09:41 PM").0, 6);
    assert_eq!(
        t("2007-01-09"),
        (
            11,
            "expected \"T\" and a time after the date, found the end of the text".into()
        )
    );
    assert_eq!(
        t("quarter past nine"),
        (
            1,
            "expected a time (HH:mm) or a date and time (YYYY-MM-DDTHH:mm), found \"quarter past\"…"
                .into()
        )
    );
    assert_eq!(t("").0, 1);
}

#[test]
fn a_format_of_thousands_of_tokens() {
    let n = 5000;
    let format = "YYYY-MM-DD HH:mm:ss ".repeat(n);
    let text = "2021-03-04 05:06:07 ".repeat(n);
    assert_eq!(wall(&text, &format), dt(2021, 3, 4, 5, 6, 7, 0));
    let mut bad = text.clone();
    bad.push('!');
    assert_eq!(miss(&bad, &format).0, text.chars().count() + 1);
    let short = &text[..text.len() - 1];
    assert_eq!(miss(short, &format).0, text.chars().count());
}

fn token_or_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "YYYY",
            "Y",
            "YY",
            "M",
            "MM",
            "MMM",
            "MMMM",
            "D",
            "DD",
            "Do",
            "d",
            "dd",
            "ddd",
            "dddd",
            "A",
            "a",
            "H",
            "HH",
            "h",
            "hh",
            "k",
            "kk",
            "m",
            "mm",
            "s",
            "ss",
            "S",
            "SSS",
            "SSSSSSSSS",
            "Z",
            "ZZ",
            "X",
            "x",
            "-",
            ":",
            " ",
            "T",
            ".",
            "[at]",
            "é",
        ])
        .prop_map(String::from),
        "\\PC{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text, any format: a result or an error, never a panic.
    #[test]
    fn no_input_panics(text in "\\PC{0,40}", format in "\\PC{0,20}") {
        if let Ok(pieces) = tokenize(&format) {
            if let Ok(f) = read_format(&pieces, &text) {
                let _ = resolve(&f, TODAY, &TimeZone::UTC);
            }
        }
        for kind in [IsoKind::DateOrDateTime, IsoKind::TimeOrDateTime] {
            if let Ok(f) = read_iso(&text, kind) {
                let _ = resolve(&f, TODAY, &TimeZone::UTC);
            }
        }
    }

    /// Texts made of digits, signs and separators under formats made of
    /// tokens: every mismatch names a column inside the text or just after it.
    #[test]
    fn mismatch_columns_are_in_the_text(
        parts in prop::collection::vec(token_or_literal(), 0..12),
        text in "[0-9+\\-:. TZaApPmM]{0,30}",
    ) {
        let format = parts.concat();
        let Ok(pieces) = tokenize(&format) else {
            return Ok(());
        };
        if let Err(m) = read_format(&pieces, &text).and_then(|f| resolve(&f, TODAY, &TimeZone::UTC)) {
            prop_assert!(m.column >= 1 && m.column <= text.chars().count() + 1, "{m:?}");
        }
        if let Err(m) = read_iso(&text, IsoKind::DateOrDateTime) {
            prop_assert!(m.column >= 1 && m.column <= text.chars().count() + 1, "{m:?}");
        }
    }
}
