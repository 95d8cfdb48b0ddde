//! The formatting side of the date and time format language
//! (functions-time-math.md §4.1–§4.3): moment.js tokens, `[literal]` text,
//! English names, US and ISO weeks.

use jiff::civil::{Date, Time};

use crate::error::{Error, Result};

/// Every token, longest first, so that the first match is the longest.
const TOKENS: &[&str] = &[
    "SSSSSSSSS",
    "SSSSSSSS",
    "SSSSSSS",
    "SSSSSS",
    "SSSSS",
    "MMMM",
    "DDDD",
    "DDDo",
    "dddd",
    "YYYY",
    "yyyy",
    "gggg",
    "GGGG",
    "SSSS",
    "MMM",
    "DDD",
    "ddd",
    "SSS",
    "Mo",
    "MM",
    "Qo",
    "Do",
    "DD",
    "do",
    "dd",
    "wo",
    "ww",
    "Wo",
    "WW",
    "YY",
    "yy",
    "gg",
    "GG",
    "HH",
    "hh",
    "kk",
    "mm",
    "ss",
    "SS",
    "zz",
    "ZZ",
    "M",
    "Q",
    "D",
    "d",
    "e",
    "E",
    "w",
    "W",
    "Y",
    "A",
    "a",
    "H",
    "h",
    "k",
    "m",
    "s",
    "S",
    "z",
    "Z",
    "X",
    "x",
];

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// What a token needs from the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Date,
    Time,
    /// A zone or an instant (`z Z X x`).
    Zone,
}

fn needs(token: &str) -> Needs {
    match token.as_bytes().first() {
        Some(b'A' | b'a' | b'H' | b'h' | b'k' | b'm' | b's' | b'S') => Needs::Time,
        Some(b'z' | b'Z' | b'X' | b'x') => Needs::Zone,
        _ => Needs::Date,
    }
}

/// A piece of a format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'f> {
    Literal(&'f str),
    Token(&'static str),
}

/// Splits a format string into literal text and tokens (§4.1); an unclosed
/// `[` is an `ArgumentError`.
pub fn tokenize(format: &str) -> Result<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let Some(end) = rest.find(']') else {
                return Err(Error::argument(format!(
                    "the format {format:?} has a [ without its closing ]"
                ))
                .with_help("write literal text in brackets: \"[at] h A\""));
            };
            out.push(Piece::Literal(&rest[1..end]));
            rest = &rest[end + 1..];
        } else if let Some(tok) = TOKENS.iter().find(|t| rest.starts_with(**t)) {
            out.push(Piece::Token(tok));
            rest = &rest[tok.len()..];
        } else {
            let n = c.len_utf8();
            out.push(Piece::Literal(&rest[..n]));
            rest = &rest[n..];
        }
    }
    Ok(out)
}

/// The zone and instant of a DateTime being formatted.
pub struct ZoneInfo {
    /// The offset from UTC in seconds.
    pub offset: i32,
    /// The tz database abbreviation in force (`PST`, `UTC`, `-03`).
    pub abbreviation: String,
    /// Milliseconds since the Unix epoch.
    pub millis: i64,
}

/// The parts of the value being formatted; a part is `None` when the value has
/// none (a Date has no time).
pub struct Parts {
    pub date: Option<Date>,
    pub time: Option<Time>,
    pub zone: Option<ZoneInfo>,
}

/// The English ordinal of `n`: `1st 2nd 3rd 4th 11th 12th 13th 21st 101st 111th`.
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The US week (§4.3): weeks run Sunday to Saturday and week 1 holds 1 January.
/// Returns (week year, week).
pub fn us_week(date: Date) -> (i16, i8) {
    let to_saturday = 6 - i64::from(date.weekday().to_sunday_zero_offset());
    match date.checked_add(jiff::Span::new().days(to_saturday)) {
        Ok(sat) => (sat.year(), ((sat.day_of_year() - 1) / 7 + 1) as i8),
        // Past 9999-12-31: the week stays in the date's year.
        Err(_) => {
            let sat_doy = i64::from(date.day_of_year()) + to_saturday;
            (date.year(), ((sat_doy - 1) / 7 + 1) as i8)
        }
    }
}

/// The ISO 8601 week: (week year, week).
pub fn iso_week(date: Date) -> (i16, i8) {
    let w = date.iso_week_date();
    (w.year(), w.week())
}

fn pad(n: i64, width: usize) -> String {
    format!("{n:0width$}")
}

fn offset_text(seconds: i32, colon: bool) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// Checks that every token of `pieces` can be written from what the value
/// has; `fname` and `type_name` name the function and value in the error.
pub fn check(pieces: &[Piece<'_>], allowed: &[Needs], fname: &str, type_name: &str) -> Result<()> {
    for p in pieces {
        if let Piece::Token(t) = p {
            let need = needs(t);
            if !allowed.contains(&need) {
                let what = match need {
                    Needs::Date => "date",
                    Needs::Time => "time",
                    Needs::Zone => "time zone",
                };
                return Err(Error::argument(format!(
                    "{fname}: the format token {t:?} is a {what} token, which a {type_name} does not have"
                ))
                .at_arg(1)
                .with_help("put letters that should be copied in brackets: \"[at]\""));
            }
        }
    }
    Ok(())
}

/// Writes `pieces` for the value `parts`. Tokens whose part is missing write
/// nothing ([`check`] refuses them first).
pub fn render(pieces: &[Piece<'_>], parts: &Parts) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Literal(s) => out.push_str(s),
            Piece::Token(t) => out.push_str(&token(t, parts).unwrap_or_default()),
        }
    }
    out
}

fn token(t: &str, parts: &Parts) -> Option<String> {
    match needs(t) {
        Needs::Date => parts.date.map(|d| date_token(t, d)),
        Needs::Time => parts.time.map(|tm| time_token(t, tm)),
        Needs::Zone => parts.zone.as_ref().map(|z| zone_token(t, z)),
    }
}

fn date_token(t: &str, d: Date) -> String {
    let month = i64::from(d.month());
    let day = i64::from(d.day());
    let year = i64::from(d.year());
    let doy = i64::from(d.day_of_year());
    let wd = d.weekday().to_sunday_zero_offset() as usize;
    let quarter = (month - 1) / 3 + 1;
    let (uy, uw) = us_week(d);
    let (iy, iw) = iso_week(d);
    let month_name = MONTHS.get((month - 1) as usize).copied().unwrap_or("");
    let day_name = WEEKDAYS.get(wd).copied().unwrap_or("");
    let head = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    match t {
        "M" => month.to_string(),
        "Mo" => ordinal(month),
        "MM" => pad(month, 2),
        "MMM" => head(month_name, 3),
        "MMMM" => month_name.to_string(),
        "Q" => quarter.to_string(),
        "Qo" => ordinal(quarter),
        "D" => day.to_string(),
        "Do" => ordinal(day),
        "DD" => pad(day, 2),
        "DDD" => doy.to_string(),
        "DDDo" => ordinal(doy),
        "DDDD" => pad(doy, 3),
        "d" | "e" => wd.to_string(),
        "do" => ordinal(wd as i64),
        "dd" => head(day_name, 2),
        "ddd" => head(day_name, 3),
        "dddd" => day_name.to_string(),
        "E" => d.weekday().to_monday_one_offset().to_string(),
        "w" => uw.to_string(),
        "wo" => ordinal(i64::from(uw)),
        "ww" => pad(i64::from(uw), 2),
        "W" => iw.to_string(),
        "Wo" => ordinal(i64::from(iw)),
        "WW" => pad(i64::from(iw), 2),
        "Y" => year.to_string(),
        "YY" | "yy" => pad(year.rem_euclid(100), 2),
        "YYYY" | "yyyy" => pad(year, 4),
        "gg" => pad(i64::from(uy).rem_euclid(100), 2),
        "gggg" => pad(i64::from(uy), 4),
        "GG" => pad(i64::from(iy).rem_euclid(100), 2),
        "GGGG" => pad(i64::from(iy), 4),
        _ => String::new(),
    }
}

fn time_token(t: &str, tm: Time) -> String {
    let h = i64::from(tm.hour());
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let k = if h == 0 { 24 } else { h };
    let ms = i64::from(tm.millisecond());
    match t {
        "A" => (if h < 12 { "AM" } else { "PM" }).to_string(),
        "a" => (if h < 12 { "am" } else { "pm" }).to_string(),
        "H" => h.to_string(),
        "HH" => pad(h, 2),
        "h" => h12.to_string(),
        "hh" => pad(h12, 2),
        "k" => k.to_string(),
        "kk" => pad(k, 2),
        "m" => tm.minute().to_string(),
        "mm" => pad(i64::from(tm.minute()), 2),
        "s" => tm.second().to_string(),
        "ss" => pad(i64::from(tm.second()), 2),
        "S" => (ms / 100).to_string(),
        "SS" => pad(ms / 10, 2),
        s if s.starts_with("SSS") => format!("{}{}", pad(ms, 3), "0".repeat(s.len() - 3)),
        _ => String::new(),
    }
}

fn zone_token(t: &str, z: &ZoneInfo) -> String {
    match t {
        "z" | "zz" => z.abbreviation.clone(),
        "Z" => offset_text(z.offset, true),
        "ZZ" => offset_text(z.offset, false),
        "X" => z.millis.div_euclid(1000).to_string(),
        "x" => z.millis.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn tokenizer_longest_match_and_literals() {
        use Piece::*;
        assert_eq!(tokenize("MMMMM").unwrap(), vec![Token("MMMM"), Token("M")]);
        assert_eq!(
            tokenize("[at] hT").unwrap(),
            vec![Literal("at"), Literal(" "), Token("h"), Literal("T")]
        );
        assert_eq!(tokenize("DDDo Do").unwrap()[0], Token("DDDo"));
        assert_eq!(
            tokenize("é[]y").unwrap(),
            vec![Literal("é"), Literal(""), Literal("y")]
        );
        assert!(tokenize("[open").is_err());
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .iter()
            .map(|n| ordinal(*n))
            .collect();
        assert_eq!(
            got,
            [
                "0th", "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }

    #[test]
    fn weeks() {
        assert_eq!(us_week(date(2021, 1, 1)), (2021, 1));
        assert_eq!(us_week(date(2021, 1, 3)), (2021, 2));
        assert_eq!(us_week(date(2021, 12, 25)), (2021, 52));
        assert_eq!(us_week(date(2021, 12, 31)), (2022, 1));
        assert_eq!(us_week(date(2023, 12, 31)), (2024, 1));
        assert_eq!(us_week(date(9999, 12, 31)), (9999, 53));
        assert_eq!(iso_week(date(2021, 1, 1)), (2020, 53));
        assert_eq!(iso_week(date(2021, 1, 4)), (2021, 1));
        assert_eq!(iso_week(date(2019, 12, 30)), (2020, 1));
    }

    #[test]
    fn offsets() {
        assert_eq!(offset_text(-8 * 3600, true), "-08:00");
        assert_eq!(offset_text(19800, false), "+0530");
        assert_eq!(offset_text(0, true), "+00:00");
        assert_eq!(offset_text(-3 * 3600 - 1800, true), "-03:30");
    }
}
