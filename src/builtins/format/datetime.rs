//! The formatting side of the date and time format language
//! (functions-time-math.md §4.1–§4.3): moment.js tokens, `[literal]` text,
//! English names, US and ISO weeks.

use std::fmt::Write;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZoneOffsetInfo;

use crate::error::{Error, Result};

/// The tokens of §4.2 that begin with `c`, longest first, so that the first
/// match is the longest (a test checks them against the token table).
fn starting_with(c: char) -> &'static [&'static str] {
    match c {
        'M' => &["MMMM", "MMM", "Mo", "MM", "M"],
        'D' => &["DDDD", "DDDo", "DDD", "Do", "DD", "D"],
        'd' => &["dddd", "ddd", "do", "dd", "d"],
        'Y' => &["YYYY", "YY", "Y"],
        'y' => &["yyyy", "yy"],
        'g' => &["gggg", "gg"],
        'G' => &["GGGG", "GG"],
        'S' => &[
            "SSSSSSSSS",
            "SSSSSSSS",
            "SSSSSSS",
            "SSSSSS",
            "SSSSS",
            "SSSS",
            "SSS",
            "SS",
            "S",
        ],
        'Q' => &["Qo", "Q"],
        'w' => &["wo", "ww", "w"],
        'W' => &["Wo", "WW", "W"],
        'H' => &["HH", "H"],
        'h' => &["hh", "h"],
        'k' => &["kk", "k"],
        'm' => &["mm", "m"],
        's' => &["ss", "s"],
        'z' => &["zz", "z"],
        'Z' => &["ZZ", "Z"],
        'e' => &["e"],
        'E' => &["E"],
        'A' => &["A"],
        'a' => &["a"],
        'X' => &["X"],
        'x' => &["x"],
        _ => &[],
    }
}

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
    pieces(format).collect()
}

/// The pieces of a format string one at a time, as [`tokenize`] gives them
/// (for a long format, without a list of them all); after an error, none.
pub fn pieces(format: &str) -> impl Iterator<Item = Result<Piece<'_>>> {
    let mut rest = format;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        Some(if c == '[' {
            match rest.find(']') {
                None => {
                    rest = "";
                    Err(Error::argument(format!(
                        "the format {} has a [ without its closing ]",
                        shown(format)
                    ))
                    .with_help("write literal text in brackets: \"[at] h A\""))
                }
                Some(end) => {
                    let piece = Piece::Literal(&rest[1..end]);
                    rest = &rest[end + 1..];
                    Ok(piece)
                }
            }
        } else if let Some(tok) = starting_with(c).iter().find(|t| rest.starts_with(**t)) {
            rest = &rest[tok.len()..];
            Ok(Piece::Token(tok))
        } else {
            let n = c.len_utf8();
            let piece = Piece::Literal(&rest[..n]);
            rest = &rest[n..];
            Ok(piece)
        })
    })
}

/// A format quoted for a message: in full (`{:?}`) up to a few hundred
/// bytes, else its start and its length.
fn shown(format: &str) -> String {
    const SHOWN: usize = 200;
    if format.len() <= SHOWN {
        return format!("{format:?}");
    }
    let mut cut = SHOWN;
    while !format.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{:?}... ({} bytes)", &format[..cut], format.len())
}

/// The zone and instant of a DateTime being formatted.
pub struct ZoneInfo<'z> {
    /// The offset in force and its tz database abbreviation (`PST`, `UTC`,
    /// `-03`).
    pub info: TimeZoneOffsetInfo<'z>,
    /// Milliseconds since the Unix epoch.
    pub millis: i64,
}

/// The parts of the value being formatted; a part is `None` when the value has
/// none (a Date has no time).
pub struct Parts<'z> {
    pub date: Option<Date>,
    pub time: Option<Time>,
    pub zone: Option<ZoneInfo<'z>>,
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
    let mut out = String::with_capacity(32);
    for p in pieces {
        render_piece(&mut out, p, parts);
    }
    out
}

/// Appends one piece to `out` (see [`render`]).
pub fn render_piece(out: &mut String, p: &Piece<'_>, parts: &Parts) {
    match p {
        Piece::Literal(s) => out.push_str(s),
        Piece::Token(t) => match needs(t) {
            Needs::Date => {
                if let Some(d) = parts.date {
                    date_token(out, t, d);
                }
            }
            Needs::Time => {
                if let Some(tm) = parts.time {
                    time_token(out, t, tm);
                }
            }
            Needs::Zone => {
                if let Some(z) = &parts.zone {
                    zone_token(out, t, z);
                }
            }
        },
    }
}

/// Writes `n` with at least `width` digits (zero-padded).
fn pad(out: &mut String, n: i64, width: usize) {
    let _ = write!(out, "{n:0width$}");
}

fn number(out: &mut String, n: i64) {
    let _ = write!(out, "{n}");
}

fn ordinal_into(out: &mut String, n: i64) {
    out.push_str(&ordinal(n));
}

/// The first `n` characters of an English name (all ASCII).
fn head(name: &str, n: usize) -> &str {
    name.get(..n).unwrap_or(name)
}

/// Writes a date token; each computes only the part it shows.
fn date_token(out: &mut String, t: &str, d: Date) {
    let month = i64::from(d.month());
    let day = i64::from(d.day());
    let year = i64::from(d.year());
    let month_name = || MONTHS.get((month - 1) as usize).copied().unwrap_or("");
    let wd = d.weekday().to_sunday_zero_offset() as usize;
    let day_name = || WEEKDAYS.get(wd).copied().unwrap_or("");
    match t {
        "M" => number(out, month),
        "Mo" => ordinal_into(out, month),
        "MM" => pad(out, month, 2),
        "MMM" => out.push_str(head(month_name(), 3)),
        "MMMM" => out.push_str(month_name()),
        "Q" => number(out, (month - 1) / 3 + 1),
        "Qo" => ordinal_into(out, (month - 1) / 3 + 1),
        "D" => number(out, day),
        "Do" => ordinal_into(out, day),
        "DD" => pad(out, day, 2),
        "DDD" => number(out, i64::from(d.day_of_year())),
        "DDDo" => ordinal_into(out, i64::from(d.day_of_year())),
        "DDDD" => pad(out, i64::from(d.day_of_year()), 3),
        "d" | "e" => number(out, wd as i64),
        "do" => ordinal_into(out, wd as i64),
        "dd" => out.push_str(head(day_name(), 2)),
        "ddd" => out.push_str(head(day_name(), 3)),
        "dddd" => out.push_str(day_name()),
        "E" => number(out, i64::from(d.weekday().to_monday_one_offset())),
        "w" => number(out, i64::from(us_week(d).1)),
        "wo" => ordinal_into(out, i64::from(us_week(d).1)),
        "ww" => pad(out, i64::from(us_week(d).1), 2),
        "W" => number(out, i64::from(iso_week(d).1)),
        "Wo" => ordinal_into(out, i64::from(iso_week(d).1)),
        "WW" => pad(out, i64::from(iso_week(d).1), 2),
        "Y" => number(out, year),
        "YY" | "yy" => pad(out, year.rem_euclid(100), 2),
        "YYYY" | "yyyy" => pad(out, year, 4),
        "gg" => pad(out, i64::from(us_week(d).0).rem_euclid(100), 2),
        "gggg" => pad(out, i64::from(us_week(d).0), 4),
        "GG" => pad(out, i64::from(iso_week(d).0).rem_euclid(100), 2),
        "GGGG" => pad(out, i64::from(iso_week(d).0), 4),
        _ => {}
    }
}

fn time_token(out: &mut String, t: &str, tm: Time) {
    let h = i64::from(tm.hour());
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let k = if h == 0 { 24 } else { h };
    let ms = i64::from(tm.millisecond());
    match t {
        "A" => out.push_str(if h < 12 { "AM" } else { "PM" }),
        "a" => out.push_str(if h < 12 { "am" } else { "pm" }),
        "H" => number(out, h),
        "HH" => pad(out, h, 2),
        "h" => number(out, h12),
        "hh" => pad(out, h12, 2),
        "k" => number(out, k),
        "kk" => pad(out, k, 2),
        "m" => number(out, i64::from(tm.minute())),
        "mm" => pad(out, i64::from(tm.minute()), 2),
        "s" => number(out, i64::from(tm.second())),
        "ss" => pad(out, i64::from(tm.second()), 2),
        "S" => number(out, ms / 100),
        "SS" => pad(out, ms / 10, 2),
        s if s.starts_with("SSS") => {
            pad(out, ms, 3);
            for _ in 3..s.len() {
                out.push('0');
            }
        }
        _ => {}
    }
}

fn zone_token(out: &mut String, t: &str, z: &ZoneInfo) {
    match t {
        "z" | "zz" => out.push_str(z.info.abbreviation()),
        "Z" => out.push_str(&offset_text(z.info.offset().seconds(), true)),
        "ZZ" => out.push_str(&offset_text(z.info.offset().seconds(), false)),
        "X" => number(out, z.millis.div_euclid(1000)),
        "x" => number(out, z.millis),
        _ => {}
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

    /// Every token of §4.2.
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

    #[test]
    fn the_tokens_by_first_letter_are_the_token_table() {
        let mut by_letter: Vec<&str> = ('A'..='z')
            .flat_map(|c| starting_with(c).iter().copied())
            .collect();
        let mut all = TOKENS.to_vec();
        by_letter.sort_unstable();
        all.sort_unstable();
        assert_eq!(by_letter, all);
        for c in 'A'..='z' {
            let list = starting_with(c);
            assert!(
                list.windows(2).all(|w| w[0].len() >= w[1].len()),
                "{c}: longest first"
            );
            assert!(list.iter().all(|t| t.starts_with(c)), "{c}");
        }
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
