//! ISO 8601 forms of dates, times and date-times, and zone names
//! (language.md §7.2), shared by rendering, display, JSON and the date built-ins.

use std::fmt::Write;

use jiff::civil::{Date, Time};
use jiff::Zoned;

/// `2007-01-09`.
pub fn iso_date(d: Date) -> String {
    let mut s = String::with_capacity(10);
    write_iso_date(d, &mut s);
    s
}

/// `09:41:00`, or `09:41:00.250` when the milliseconds are not 0.
pub fn iso_time(t: Time) -> String {
    let mut s = String::with_capacity(12);
    write_iso_time(t, &mut s);
    s
}

/// `2007-01-09T09:41:00-08:00` in the value's own zone (UTC is `+00:00`),
/// with `.mmm` after the seconds when the milliseconds are not 0.
pub fn iso_datetime(z: &Zoned) -> String {
    let mut s = String::with_capacity(29);
    write_iso_datetime(z, &mut s);
    s
}

/// The zone's IANA name (`America/Los_Angeles`, `UTC`), or its offset
/// (`+05:30`) when the zone has no name.
pub fn zone_name(z: &Zoned) -> String {
    match z.time_zone().iana_name() {
        Some(name) => name.to_string(),
        None => {
            let mut s = String::with_capacity(6);
            write_offset(z.offset().seconds(), &mut s);
            s
        }
    }
}

pub(crate) fn write_iso_date(d: Date, out: &mut String) {
    let year = i32::from(d.year());
    if year < 0 {
        out.push('-');
    }
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        year.unsigned_abs(),
        d.month(),
        d.day()
    );
}

pub(crate) fn write_iso_time(t: Time, out: &mut String) {
    let _ = write!(out, "{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
    let ms = t.millisecond();
    if ms != 0 {
        let _ = write!(out, ".{ms:03}");
    }
}

pub(crate) fn write_iso_datetime(z: &Zoned, out: &mut String) {
    write_iso_date(z.date(), out);
    out.push('T');
    write_iso_time(z.time(), out);
    write_offset(z.offset().seconds(), out);
}

/// `±HH:MM`, or `±HH:MM:SS` for the rare historical offsets with seconds.
fn write_offset(seconds: i32, out: &mut String) {
    out.push(if seconds < 0 { '-' } else { '+' });
    let s = seconds.unsigned_abs();
    let _ = write!(out, "{:02}:{:02}", s / 3600, s / 60 % 60);
    if !s.is_multiple_of(60) {
        let _ = write!(out, ":{:02}", s % 60);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use jiff::tz::{Offset, TimeZone};

    #[test]
    fn dates() {
        assert_eq!(iso_date(date(2007, 1, 9)), "2007-01-09");
        assert_eq!(iso_date(date(1, 12, 31)), "0001-12-31");
        assert_eq!(iso_date(date(9999, 12, 31)), "9999-12-31");
    }

    #[test]
    fn times() {
        assert_eq!(iso_time(time(9, 41, 0, 0)), "09:41:00");
        assert_eq!(iso_time(time(9, 41, 0, 250_000_000)), "09:41:00.250");
        assert_eq!(iso_time(time(23, 59, 59, 1_000_000)), "23:59:59.001");
    }

    #[test]
    fn datetimes_and_zones() {
        let z = date(2007, 1, 9)
            .at(9, 41, 0, 0)
            .in_tz("America/Los_Angeles")
            .unwrap();
        assert_eq!(iso_datetime(&z), "2007-01-09T09:41:00-08:00");
        assert_eq!(zone_name(&z), "America/Los_Angeles");
        let summer = date(2007, 7, 9)
            .at(9, 41, 0, 5_000_000)
            .in_tz("America/Los_Angeles")
            .unwrap();
        assert_eq!(iso_datetime(&summer), "2007-07-09T09:41:00.005-07:00");
        let utc = date(2020, 5, 20)
            .at(15, 30, 0, 0)
            .to_zoned(TimeZone::UTC)
            .unwrap();
        assert_eq!(iso_datetime(&utc), "2020-05-20T15:30:00+00:00");
        assert_eq!(zone_name(&utc), "UTC");
        let kolkata = date(2020, 5, 20)
            .at(15, 30, 0, 0)
            .in_tz("Asia/Kolkata")
            .unwrap();
        assert_eq!(iso_datetime(&kolkata), "2020-05-20T15:30:00+05:30");
        let fixed = TimeZone::fixed(Offset::from_seconds(-(5 * 3600 + 30 * 60)).unwrap());
        let f = date(2020, 5, 20).at(1, 2, 3, 0).to_zoned(fixed).unwrap();
        assert_eq!(zone_name(&f), "-05:30");
        assert_eq!(iso_datetime(&f), "2020-05-20T01:02:03-05:30");
    }

    #[test]
    fn offsets_with_seconds() {
        let mut s = String::new();
        write_offset(-(7 * 3600 + 52 * 60 + 58), &mut s);
        assert_eq!(s, "-07:52:58");
    }
}
