//! Date and time arithmetic across daylight-saving changes, leap days and
//! month ends (functions-time-math.md §1.5, §3.5–§3.7), in three zones with
//! different kinds of change: America/Los_Angeles and Europe/London (one
//! hour) and Australia/Lord_Howe (half an hour: 02:00 → 02:30 on the first
//! Sunday of October, 02:00 → 01:30 on the first Sunday of April).
//!
//! Tables are `EXPRESSION ⇒ EXPECTED` lines; offsets are checked through
//! `FORMAT_DATETIME(…, "… Z")`, since `=` compares DateTimes by instant.

mod table;

use proptest::prelude::*;
use table::{check, eval};

#[test]
fn wall_times_in_a_gap_move_forward_by_the_gap() {
    check(
        r#"
        FORMAT_DATETIME(DATETIME(DATE(2021, 3, 14), TIME(2, 30, 0), "America/Los_Angeles"), "HH:mm Z") ⇒ "03:30 -07:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 3, 28), TIME(1, 30, 0), "Europe/London"), "HH:mm Z") ⇒ "02:30 +01:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 10, 3), TIME(2, 15, 0), "Australia/Lord_Howe"), "HH:mm Z") ⇒ "02:45 +11:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 10, 3), TIME(2, 0, 0), "Australia/Lord_Howe"), "HH:mm Z") ⇒ "02:30 +11:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 10, 3), TIME(2, 30, 0), "Australia/Lord_Howe"), "HH:mm Z") ⇒ "02:30 +11:00"
        FORMAT_DATETIME(UPDATE_HOUR(DATETIME(DATE(2021, 3, 28), TIME(0, 0, 0), "Europe/London"), 1), "HH:mm Z") ⇒ "02:00 +01:00"
        FORMAT_DATETIME(UPDATE_MINUTE(DATETIME(DATE(2021, 10, 3), TIME(2, 45, 0), "Australia/Lord_Howe"), 10), "HH:mm Z") ⇒ "02:40 +11:00"
        FORMAT_DATETIME(UPDATE_DATE(DATETIME(DATE(2021, 3, 1), TIME(2, 30, 0), "America/Los_Angeles"), DATE(2021, 3, 14)), "HH:mm Z") ⇒ "03:30 -07:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 2), TIME(2, 10, 0), "Australia/Lord_Howe"), 1, "day"), "YYYY-MM-DD HH:mm Z") ⇒ "2021-10-03 02:40 +11:00"
        "#,
    );
}

#[test]
fn wall_times_in_an_overlap_take_the_earlier_instant() {
    check(
        r#"
        FORMAT_DATETIME(DATETIME(DATE(2021, 11, 7), TIME(1, 30, 0), "America/Los_Angeles"), "HH:mm Z") ⇒ "01:30 -07:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 10, 31), TIME(1, 30, 0), "Europe/London"), "HH:mm z Z") ⇒ "01:30 BST +01:00"
        FORMAT_DATETIME(DATETIME(DATE(2021, 4, 4), TIME(1, 45, 0), "Australia/Lord_Howe"), "HH:mm Z") ⇒ "01:45 +11:00"
        FORMAT_DATETIME(UPDATE_DATETIME(DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0), "UTC"), DATE(2021, 4, 4), TIME(1, 45, 0), "Australia/Lord_Howe"), "HH:mm Z") ⇒ "01:45 +11:00"
        "#,
    );
}

#[test]
fn calendar_changes_inside_a_zone_keep_the_old_offset_in_an_overlap() {
    check(
        r#"
        FORMAT_DATETIME(SUBTRACT_FROM_DATETIME(DATETIME(DATE(2021, 11, 8), TIME(1, 30, 0), "America/Los_Angeles"), 1, "day"), "HH:mm Z") ⇒ "01:30 -08:00"
        FORMAT_DATETIME(SUBTRACT_FROM_DATETIME(DATETIME(DATE(2021, 11, 1), TIME(1, 30, 0), "Europe/London"), 1, "day"), "HH:mm Z") ⇒ "01:30 +00:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 30), TIME(1, 30, 0), "Europe/London"), 1, "day"), "HH:mm Z") ⇒ "01:30 +01:00"
        FORMAT_DATETIME(SUBTRACT_FROM_DATETIME(DATETIME(DATE(2021, 4, 5), TIME(1, 45, 0), "Australia/Lord_Howe"), 1, "day"), "HH:mm Z") ⇒ "01:45 +10:30"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 4, 3), TIME(1, 45, 0), "Australia/Lord_Howe"), 1, "day"), "HH:mm Z") ⇒ "01:45 +11:00"
        FORMAT_DATETIME(UPDATE_MINUTE(ADD_TO_DATETIME(DATETIME(DATE(2021, 4, 4), TIME(1, 40, 0), "Australia/Lord_Howe"), 30, "m"), 50), "HH:mm Z") ⇒ "01:50 +10:30"
        FORMAT_DATETIME(UPDATE_TIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 11, 7), TIME(1, 0, 0), "America/Los_Angeles"), 1, "h"), TIME(1, 59, 0)), "HH:mm Z") ⇒ "01:59 -08:00"
        "#,
    );
}

#[test]
fn clock_units_add_elapsed_time_and_calendar_units_keep_the_wall_clock() {
    check(
        r#"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 3, 13), TIME(12, 0, 0), "America/Los_Angeles"), 24, "hours"), "YYYY-MM-DD HH:mm Z") ⇒ "2021-03-14 13:00 -07:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 30), TIME(12, 0, 0), "Europe/London"), 24, "h"), "YYYY-MM-DD HH:mm Z") ⇒ "2021-10-31 11:00 +00:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 2), TIME(12, 0, 0), "Australia/Lord_Howe"), 24, "hours"), "YYYY-MM-DD HH:mm Z") ⇒ "2021-10-03 12:30 +11:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 2), TIME(12, 0, 0), "Australia/Lord_Howe"), 1, "d"), "YYYY-MM-DD HH:mm Z") ⇒ "2021-10-03 12:00 +11:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 31), TIME(0, 30, 0), "Europe/London"), 1, "hour"), "HH:mm Z") ⇒ "01:30 +01:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 10, 31), TIME(0, 30, 0), "Europe/London"), 2, "hours"), "HH:mm Z") ⇒ "01:30 +00:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 4, 4), TIME(1, 0, 0), "Australia/Lord_Howe"), 30, "minutes"), "HH:mm Z") ⇒ "01:30 +11:00"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 4, 4), TIME(1, 0, 0), "Australia/Lord_Howe"), 1, "hour"), "HH:mm Z") ⇒ "01:30 +10:30"
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2021, 4, 4), TIME(1, 0, 0), "Australia/Lord_Howe"), 0.5, "h"), "HH:mm Z") ⇒ "01:30 +11:00"
        ADD_TO_DATETIME(DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0), "UTC"), 0.0005, "s") ⇒ DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0, 1), "UTC")
        ADD_TO_DATETIME(DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0), "UTC"), -0.0005, "s") ⇒ DATETIME(DATE(2020, 12, 31), TIME(23, 59, 59, 999), "UTC")
        ADD_TO_DATETIME(DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0), "UTC"), 1e27, "ms") ⇒ !ArithmeticError
        ADD_TO_DATETIME(DATETIME(DATE(2021, 1, 1), TIME(0, 0, 0), "UTC"), 1e20, "years") ⇒ !ArithmeticError
        ADD_TO_DATETIME(DATETIME(DATE(9999, 12, 30), TIME(21, 0, 0), "UTC"), 2, "hour") ⇒ !ArithmeticError
        SUBTRACT_FROM_DATETIME(DATETIME(DATE(1, 1, 1), TIME(0, 0, 0), "UTC"), 1, "ms") ⇒ !ArithmeticError
        "#,
    );
}

#[test]
fn differences_count_wall_clock_days_and_elapsed_hours() {
    check(
        r#"
        DAYS(DATETIME(DATE(2021, 10, 2), TIME(12, 0, 0), "Australia/Lord_Howe"), DATETIME(DATE(2021, 10, 3), TIME(12, 0, 0), "Australia/Lord_Howe")) ⇒ 1
        DATETIME_DELTA(DATETIME(DATE(2021, 10, 2), TIME(12, 0, 0), "Australia/Lord_Howe"), DATETIME(DATE(2021, 10, 3), TIME(12, 0, 0), "Australia/Lord_Howe"), "minutes") ⇒ 1410
        DATETIME_DELTA(DATETIME(DATE(2021, 10, 2), TIME(12, 0, 0), "Australia/Lord_Howe"), DATETIME(DATE(2021, 10, 3), TIME(12, 0, 0), "Australia/Lord_Howe"), "hours") ⇒ 23
        DATETIME_DELTA(DATETIME(DATE(2021, 11, 6), TIME(12, 0, 0), "America/Los_Angeles"), DATETIME(DATE(2021, 11, 7), TIME(12, 0, 0), "America/Los_Angeles"), "h") ⇒ 25
        DATETIME_DELTA(DATETIME(DATE(2021, 11, 6), TIME(12, 0, 0), "America/Los_Angeles"), DATETIME(DATE(2021, 11, 7), TIME(12, 0, 0), "America/Los_Angeles"), "d") ⇒ 1
        DATETIME_DELTA(DATETIME(DATE(2021, 10, 30), TIME(12, 0, 0), "Europe/London"), DATETIME(DATE(2021, 10, 31), TIME(11, 59, 59), "Europe/London"), "days") ⇒ 0
        DAYS(ADD_TO_DATETIME(DATETIME(DATE(2021, 11, 7), TIME(1, 50, 0), "America/Los_Angeles"), 0, "h"), ADD_TO_DATETIME(DATETIME(DATE(2021, 11, 7), TIME(1, 50, 0), "America/Los_Angeles"), 20, "minutes")) ⇒ 0
        DATETIME_DELTA(DATETIME(DATE(2021, 11, 7), TIME(1, 50, 0), "America/Los_Angeles"), ADD_TO_DATETIME(DATETIME(DATE(2021, 11, 7), TIME(1, 50, 0), "America/Los_Angeles"), 20, "minutes")) ⇒ {"date": {"year": 0, "month": 0, "day": 0}, "time": {"hour": 0, "minute": 20, "second": 1200, "millisecond": 1200000}}
        DAYS(DATETIME(DATE(2021, 1, 1), TIME(23, 0, 0), "UTC"), DATETIME(DATE(2021, 1, 2), TIME(9, 0, 0), "Asia/Tokyo")) ⇒ 0
        DAYS(DATETIME(DATE(2021, 1, 2), TIME(9, 0, 0), "Asia/Tokyo"), DATETIME(DATE(2021, 1, 3), TIME(0, 0, 0), "UTC")) ⇒ 1
        "#,
    );
}

#[test]
fn leap_days() {
    check(
        r#"
        ADD_TO_DATE(DATE(2024, 2, 29), 4, "years") ⇒ DATE(2028, 2, 29)
        ADD_TO_DATE(DATE(2024, 2, 29), 1, "y") ⇒ DATE(2025, 2, 28)
        ADD_TO_DATE(DATE(2024, 2, 28), 1, "d") ⇒ DATE(2024, 2, 29)
        ADD_TO_DATE(DATE(2100, 2, 28), 1, "d") ⇒ DATE(2100, 3, 1)
        ADD_TO_DATE(DATE(2000, 2, 28), 1, "d") ⇒ DATE(2000, 2, 29)
        SUBTRACT_FROM_DATE(DATE(2024, 3, 1), 1, "day") ⇒ DATE(2024, 2, 29)
        DAYS(DATE(2024, 2, 28), DATE(2024, 3, 1)) ⇒ 2
        DAYS(DATE(2023, 2, 28), DATE(2023, 3, 1)) ⇒ 1
        DAYS(DATE(1, 1, 1), DATE(9999, 12, 31)) ⇒ 3652058
        DATE_DELTA(DATE(2024, 2, 29), DATE(2025, 2, 28)) ⇒ {"year": 1, "month": 12, "day": 365}
        DATE_DELTA(DATE(2024, 2, 29), DATE(2028, 2, 28), "years") ⇒ 3
        DATE_DELTA(DATE(2024, 2, 29), DATE(2028, 2, 29), "years") ⇒ 4
        DATE_DELTA(DATE(2024, 2, 28), DATE(2025, 2, 27), "years") ⇒ 0
        UPDATE_YEAR(DATE(2024, 2, 29), 2028) ⇒ DATE(2028, 2, 29)
        UPDATE_YEAR(DATE(2024, 2, 29), 2100) ⇒ DATE(2100, 2, 28)
        UPDATE_MONTH(DATE(2024, 3, 30), 2) ⇒ DATE(2024, 2, 29)
        UPDATE_DAY(DATE(2023, 2, 1), 29) ⇒ !ArgumentError
        FORMAT_DATETIME(ADD_TO_DATETIME(DATETIME(DATE(2024, 2, 29), TIME(23, 30, 0), "Asia/Kolkata"), 1, "year"), "YYYY-MM-DD HH:mm Z") ⇒ "2025-02-28 23:30 +05:30"
        "#,
    );
}

#[test]
fn month_ends_clamp_and_month_differences_agree_with_the_clamping() {
    check(
        r#"
        ADD_TO_DATE(DATE(2021, 3, 31), 1, "month") ⇒ DATE(2021, 4, 30)
        ADD_TO_DATE(DATE(2021, 1, 30), 1, "month") ⇒ DATE(2021, 2, 28)
        ADD_TO_DATE(DATE(2021, 1, 29), 13, "months") ⇒ DATE(2022, 2, 28)
        ADD_TO_DATE(DATE(2021, 12, 31), 2, "M") ⇒ DATE(2022, 2, 28)
        ADD_TO_DATE(DATE(2021, 1, 31), -2, "M") ⇒ DATE(2020, 11, 30)
        SUBTRACT_FROM_DATE(DATE(2021, 5, 31), 1, "M") ⇒ DATE(2021, 4, 30)
        ADD_TO_DATE(DATE(2021, 8, 31), 1, "year") ⇒ DATE(2022, 8, 31)
        DATE_DELTA(DATE(2021, 1, 31), DATE(2021, 3, 30), "months") ⇒ 1
        DATE_DELTA(DATE(2021, 1, 31), DATE(2021, 3, 31), "months") ⇒ 2
        DATE_DELTA(DATE(2021, 3, 31), DATE(2021, 4, 30), "M") ⇒ 1
        DATE_DELTA(DATE(2021, 2, 28), DATE(2021, 3, 31), "M") ⇒ 1
        DATE_DELTA(DATE(2021, 3, 31), DATE(2021, 2, 28), "M") ⇒ 1
        DATE_DELTA(DATE(2021, 3, 1), DATE(2021, 2, 28), "M") ⇒ 0
        DATE_DELTA(DATE(2021, 1, 15), DATE(2021, 2, 15), "M") ⇒ 1
        DATE_DELTA(DATE(2021, 1, 15), DATE(2021, 2, 14), "M") ⇒ 0
        DATETIME_DELTA(DATETIME(DATE(2021, 1, 31), TIME(10, 0, 0), "UTC"), DATETIME(DATE(2021, 2, 28), TIME(10, 0, 0), "UTC"), "M") ⇒ 1
        ADD_TO_DATE(DATE(9999, 12, 1), 1, "M") ⇒ !ArithmeticError
        ADD_TO_DATE(DATE(1, 1, 31), -1, "M") ⇒ !ArithmeticError
        ADD_TO_DATE(DATE(2021, 1, 1), 99999999999999999999, "weeks") ⇒ !ArithmeticError
        "#,
    );
}

/// A random date of the `years` as a `DATE(…)` expression, and whether its
/// day exists in every month (so month moves do not clamp).
fn date_in(years: std::ops::RangeInclusive<i16>) -> impl Strategy<Value = (String, bool)> {
    (years, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let last = jiff::civil::Date::new(y, m, 1).unwrap().days_in_month();
        let d = d.min(last);
        (format!("DATE({y}, {m}, {d})"), d <= 28)
    })
}

/// A random date of the years 1–9999.
fn date_expr() -> impl Strategy<Value = (String, bool)> {
    date_in(1..=9999)
}

const ZONES: &[&str] = &[
    "UTC",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
];

/// A random DateTime from 1900 to 2100 in one of [`ZONES`].
fn datetime_expr() -> impl Strategy<Value = String> {
    (
        date_in(1900..=2100),
        0i8..24,
        0i8..60,
        0i8..60,
        0i16..1000,
        0..ZONES.len(),
    )
        .prop_map(|((date, _), h, mi, s, ms, z)| {
            format!(
                "DATETIME({date}, TIME({h}, {mi}, {s}, {ms}), \"{}\")",
                ZONES[z]
            )
        })
}

fn holds(src: &str) -> bool {
    matches!(eval(src), Ok(airscript::Value::Bool(true)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Days and weeks are exact inverses, and DAYS counts them back.
    #[test]
    fn adding_and_subtracting_days_are_inverse((d, _) in date_expr(), n in -100_000i64..100_000) {
        let src = format!(
            "LET d = {d}, e = ADD_TO_DATE(d, {n}, \"days\") IN \
             e = NULL OR (SUBTRACT_FROM_DATE(e, {n}, \"days\") = d AND DAYS(d, e) = ABS({n}))"
        );
        prop_assert!(holds(&src) || matches!(eval(&src), Err(ref e) if e.kind().name() == "ArithmeticError"), "{src}");
    }

    /// Months are inverse when no month end is clamped (a day ≤ 28), and the
    /// month difference counts them back.
    #[test]
    fn adding_and_subtracting_months_are_inverse_below_the_29th((d, small) in date_expr(), n in -2_000i64..2_000) {
        prop_assume!(small);
        let src = format!(
            "LET d = {d}, e = ADD_TO_DATE(d, {n}, \"M\") IN \
             SUBTRACT_FROM_DATE(e, {n}, \"M\") = d AND DATE_DELTA(d, e, \"months\") = ABS({n})"
        );
        match eval(&src) {
            Ok(v) => prop_assert_eq!(v, airscript::Value::Bool(true), "{}", src),
            Err(e) => prop_assert_eq!(e.kind().name(), "ArithmeticError", "{}", src),
        }
    }

    /// Clock units are elapsed time: adding then subtracting returns the
    /// same instant in every zone, DST or not, and the delta counts them.
    #[test]
    fn clock_units_are_inverse_in_every_zone(dt in datetime_expr(), n in -10_000_000i64..10_000_000, unit in prop::sample::select(vec!["ms", "s", "m", "h"])) {
        let src = format!(
            "LET d = {dt}, e = ADD_TO_DATETIME(d, {n}, \"{unit}\") IN \
             SUBTRACT_FROM_DATETIME(e, {n}, \"{unit}\") = d AND DATETIME_DELTA(d, e, \"{unit}\") = ABS({n}) \
             AND e.timeZone = d.timeZone"
        );
        prop_assert!(holds(&src), "{}", src);
    }

    /// A calendar move keeps the wall-clock time unless it lands in a gap.
    #[test]
    fn calendar_units_keep_the_wall_clock(dt in datetime_expr(), n in -400i64..400) {
        let src = format!(
            "LET d = {dt}, e = ADD_TO_DATETIME(d, {n}, \"days\") IN \
             TIME_FROM_DATETIME(e) = TIME_FROM_DATETIME(d) \
             OR TIME_FROM_DATETIME(ADD_TO_DATETIME(e, -1, \"h\")) < TIME_FROM_DATETIME(d)"
        );
        prop_assert!(holds(&src), "{}", src);
    }
}
