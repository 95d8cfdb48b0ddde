//! Reading a text with the tokens of a format (§4.4): each token reads its
//! part of the text into [`Fields`]; literal text must be there exactly.

use super::cursor::Cursor;
use super::{in_range, put, Fields, HourKind, Mismatch, Part, Unix};
use crate::builtins::excerpt::excerpt_of;
use crate::builtins::format::datetime::{Piece, MONTHS, WEEKDAYS};

/// The tokens a parser can read (§4.4); every other token of §4.2 is refused.
const READABLE: &[&str] = &[
    "YYYY",
    "yyyy",
    "Y",
    "YY",
    "yy",
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
    "SS",
    "SSS",
    "SSSS",
    "SSSSS",
    "SSSSSS",
    "SSSSSSS",
    "SSSSSSSS",
    "SSSSSSSSS",
    "Z",
    "ZZ",
    "X",
    "x",
];

/// What an unreadable token stands for, for the error that refuses it.
fn meaning(token: &str) -> &'static str {
    match token {
        "Q" | "Qo" => "the quarter",
        "DDD" | "DDDo" | "DDDD" => "the day of the year",
        "w" | "wo" | "ww" => "the US week",
        "W" | "Wo" | "WW" => "the ISO week",
        "e" => "the weekday number of the locale",
        "E" => "the ISO weekday number",
        "gg" | "gggg" => "the US week year",
        "GG" | "GGGG" => "the ISO week year",
        "z" | "zz" => "the time zone abbreviation",
        "Mo" => "the month as an ordinal",
        "do" => "the weekday as an ordinal",
        _ => "a part that cannot be read back",
    }
}

/// The first token of `pieces` that a parser cannot read, with what it stands
/// for (§4.4: such a format is an `ArgumentError`).
pub fn unreadable_token(pieces: &[Piece<'_>]) -> Option<(&'static str, &'static str)> {
    pieces.iter().find_map(|p| match p {
        Piece::Token(t) if !READABLE.contains(t) => Some((*t, meaning(t))),
        _ => None,
    })
}

/// Reads `text` with the format `pieces`; the whole text must be used.
/// Tokens [`unreadable_token`] refuses are a mismatch here.
pub fn read_format(pieces: &[Piece<'_>], text: &str) -> Result<Fields, Mismatch> {
    let never = |_: &Piece<'_>| Ok::<(), std::convert::Infallible>(());
    match read_pieces(pieces.iter().cloned(), has_fraction(pieces), text, never) {
        Ok(read) => read,
        Err(never) => match never {},
    }
}

/// Whether the format has a fraction token: then `X` reads whole seconds
/// and the fraction token the milliseconds ("X.SSS" reads what it writes).
pub fn has_fraction(pieces: &[Piece<'_>]) -> bool {
    pieces.iter().any(is_fraction)
}

/// Whether `p` is a fraction token (`S`, `SS`, ...).
pub fn is_fraction(p: &Piece<'_>) -> bool {
    matches!(p, Piece::Token(t) if t.starts_with('S'))
}

/// [`read_format`] with the pieces one at a time (a long format need not
/// be listed) and `tick` called on each: its error stops the reading.
pub fn read_pieces<'f, E>(
    pieces: impl Iterator<Item = Piece<'f>>,
    fraction_token: bool,
    text: &str,
    mut tick: impl FnMut(&Piece<'f>) -> Result<(), E>,
) -> Result<Result<Fields, Mismatch>, E> {
    let mut cur = Cursor::new(text);
    let mut fields = Fields::default();
    for piece in pieces {
        tick(&piece)?;
        let read = match piece {
            Piece::Literal(s) => {
                if cur.eat(s) {
                    Ok(())
                } else {
                    Err(cur.expected(&excerpt_of(s, 20)))
                }
            }
            Piece::Token(t) => token(&mut cur, &mut fields, t, fraction_token),
        };
        if let Err(m) = read {
            return Ok(Err(m));
        }
    }
    Ok(if cur.is_end() {
        Ok(fields)
    } else {
        Err(cur.expected("the end of the text"))
    })
}

/// Reads `min` to `max` digits, or fails with `expected WHAT`.
fn number(cur: &mut Cursor<'_>, min: usize, max: usize, what: &str) -> Result<i64, Mismatch> {
    cur.digits(min, max)
        .map(|(v, _)| v)
        .ok_or_else(|| cur.expected(what))
}

/// Reads one token into `f`.
fn token(
    cur: &mut Cursor<'_>,
    f: &mut Fields,
    t: &str,
    fraction_token: bool,
) -> Result<(), Mismatch> {
    let col = cur.column();
    match t {
        "YYYY" | "yyyy" => {
            let v = number(cur, 4, 4, "4 digits of the year")?;
            put(&mut f.year, "year", in_range("year", v, col, 1, 9999)?)
        }
        "Y" => {
            let v = number(cur, 1, 4, "the year (1 to 4 digits)")?;
            put(&mut f.year, "year", in_range("year", v, col, 1, 9999)?)
        }
        "YY" | "yy" => {
            let v = number(cur, 2, 2, "2 digits of the year")?;
            // moment.js: 00–68 are 2000–2068, 69–99 are 1969–1999.
            let year = if v <= 68 { 2000 + v } else { 1900 + v };
            put(&mut f.year, "year", Part::at(year, col))
        }
        "M" | "MM" => {
            let v = number(cur, 1, 2, "the month (1 or 2 digits)")?;
            put(&mut f.month, "month", in_range("month", v, col, 1, 12)?)
        }
        "MMM" | "MMMM" => {
            let v = month_name(cur)
                .ok_or_else(|| cur.expected("a month name such as \"January\" or \"Jan\""))?;
            put(&mut f.month, "month", Part::at(v, col))
        }
        "D" | "DD" => {
            let v = number(cur, 1, 2, "the day of the month (1 or 2 digits)")?;
            put(&mut f.day, "day", in_range("day", v, col, 1, 31)?)
        }
        "Do" => {
            let v = number(cur, 1, 2, "the day of the month with st, nd, rd or th")?;
            let part = in_range("day", v, col, 1, 31)?;
            if cur.eat_one_of(&["st", "nd", "rd", "th"]).is_none() {
                return Err(cur.expected("\"st\", \"nd\", \"rd\" or \"th\" after the day"));
            }
            put(&mut f.day, "day", part)
        }
        "d" => {
            let v = number(cur, 1, 1, "a weekday digit (0 = Sunday … 6 = Saturday)")?;
            put(
                &mut f.weekday,
                "weekday",
                in_range("weekday", v, col, 0, 6)?,
            )
        }
        "dd" | "ddd" | "dddd" => {
            let v = weekday_name(cur).ok_or_else(|| {
                cur.expected("a weekday name such as \"Tuesday\", \"Tue\" or \"Tu\"")
            })?;
            put(&mut f.weekday, "weekday", Part::at(v, col))
        }
        "A" | "a" => {
            let v = cur
                .eat_one_of(&["AM", "PM"])
                .ok_or_else(|| cur.expected("AM or PM"))?;
            let pm = Part::at(i64::from(v == 1), col);
            put(&mut f.pm, "half of the day", pm)
        }
        "H" | "HH" => hour(cur, f, HourKind::Day, 0, 23),
        "h" | "hh" => hour(cur, f, HourKind::Half, 1, 12),
        "k" | "kk" => hour(cur, f, HourKind::KDay, 1, 24),
        "m" | "mm" => {
            let v = number(cur, 1, 2, "the minute (1 or 2 digits)")?;
            put(&mut f.minute, "minute", in_range("minute", v, col, 0, 59)?)
        }
        "s" | "ss" => {
            let v = number(cur, 1, 2, "the second (1 or 2 digits)")?;
            put(&mut f.second, "second", in_range("second", v, col, 0, 59)?)
        }
        _ if t.starts_with('S') => {
            let digits = cur.digit_run_max(9);
            if digits.is_empty() {
                return Err(cur.expected("the fraction of a second (1 to 9 digits)"));
            }
            let ms = Part::at(millis_of_fraction(digits), col);
            put(&mut f.millisecond, "millisecond", ms)
        }
        "Z" | "ZZ" => {
            let v = offset(cur, false)?;
            put(&mut f.offset, "offset", Part::at(v, col))
        }
        "X" => {
            let unix = unix_seconds(cur, fraction_token)?;
            put_unix(f, unix)
        }
        "x" => {
            let unix = unix_millis(cur)?;
            put_unix(f, unix)
        }
        _ => Err(Mismatch::new(
            col,
            format!("the token {t:?} cannot be read"),
        )),
    }
}

fn hour(
    cur: &mut Cursor<'_>,
    f: &mut Fields,
    kind: HourKind,
    lo: i64,
    hi: i64,
) -> Result<(), Mismatch> {
    let col = cur.column();
    let v = number(cur, 1, 2, "the hour (1 or 2 digits)")?;
    let part = in_range("hour", v, col, lo, hi)?;
    // A reading equal in value and kind to an earlier one resolves the same
    // way (and fails, if it would, at the earlier one): it is not kept, so
    // that a format of a million hour tokens keeps a handful.
    if !f
        .hours
        .iter()
        .any(|(p, k)| p.value == part.value && *k == kind)
    {
        f.hours.push((part, kind));
    }
    Ok(())
}

/// An English month name, full or three-letter, any case: 1–12.
fn month_name(cur: &mut Cursor<'_>) -> Option<i64> {
    let full = MONTHS.iter().position(|m| cur.eat_word(m));
    let found = full.or_else(|| {
        MONTHS
            .iter()
            .position(|m| m.get(..3).is_some_and(|short| cur.eat_word(short)))
    })?;
    i64::try_from(found + 1).ok()
}

/// An English weekday name, full, three- or two-letter, any case: 0 = Sunday.
fn weekday_name(cur: &mut Cursor<'_>) -> Option<i64> {
    let found = WEEKDAYS.iter().position(|d| cur.eat_word(d)).or_else(|| {
        [3, 2].into_iter().find_map(|n| {
            WEEKDAYS
                .iter()
                .position(|d| d.get(..n).is_some_and(|short| cur.eat_word(short)))
        })
    })?;
    i64::try_from(found).ok()
}

/// The milliseconds of the digits after a decimal point (digits past the
/// millisecond are dropped): "5" is 500, "0456" is 45.
pub(super) fn millis_of_fraction(digits: &str) -> i64 {
    digits
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |acc, b| acc * 10 + i64::from(b.saturating_sub(b'0')))
}

/// An offset: `Z`, or `+`/`-` with `HH:MM` or `HHMM` (and `HH` alone when
/// `bare_hours`, as ISO 8601 allows). Gives seconds east of UTC.
pub(super) fn offset(cur: &mut Cursor<'_>, bare_hours: bool) -> Result<i64, Mismatch> {
    if cur.eat("Z") {
        return Ok(0);
    }
    let sign = if cur.eat("+") {
        1
    } else if cur.eat("-") {
        -1
    } else {
        return Err(cur.expected("an offset: \"Z\", \"+HH:MM\" or \"-HHMM\""));
    };
    let hcol = cur.column();
    let h = number(cur, 2, 2, "2 digits of the offset's hours")?;
    let colon = cur.eat(":");
    let mcol = cur.column();
    let m = match cur.digits(2, 2) {
        Some((m, _)) => m,
        None if bare_hours && !colon => 0,
        None => return Err(cur.expected("2 digits of the offset's minutes")),
    };
    let h = in_range("the offset's hour", h, hcol, 0, 23)?.value;
    let m = in_range("the offset's minute", m, mcol, 0, 59)?.value;
    Ok(sign * (h * 3600 + m * 60))
}

/// Whole digits as an i64, `None` when too large.
fn whole(digits: &str) -> Option<i64> {
    digits.bytes().try_fold(0i64, |acc, b| {
        acc.checked_mul(10)?.checked_add(i64::from(b - b'0'))
    })
}

fn too_large(col: usize) -> Mismatch {
    Mismatch::new(col, "the Unix time is too large to be a date")
}

/// `X`: an optional `-`, digits and an optional fraction: Unix seconds. When
/// the format has a fraction token (`fraction_token`), `X` reads whole
/// seconds only and that token gives the milliseconds.
fn unix_seconds(cur: &mut Cursor<'_>, fraction_token: bool) -> Result<Unix, Mismatch> {
    let col = cur.column();
    let negative = cur.eat("-");
    let digits = cur.digit_run();
    if digits.is_empty() {
        return Err(cur.expected("the Unix time in seconds (digits)"));
    }
    let mut millis = whole(digits)
        .and_then(|s| s.checked_mul(1000))
        .ok_or_else(|| too_large(col))?;
    let mut whole_seconds = true;
    if !fraction_token
        && cur.peek() == Some('.')
        && cur.peek_second().is_some_and(|c| c.is_ascii_digit())
    {
        cur.eat(".");
        let fraction = cur.digit_run();
        millis = millis
            .checked_add(millis_of_fraction(fraction))
            .ok_or_else(|| too_large(col))?;
        whole_seconds = false;
    }
    let millis = if negative { -millis } else { millis };
    Ok(Unix {
        millis,
        column: col,
        whole_seconds,
    })
}

/// `x`: an optional `-` and digits: Unix milliseconds.
fn unix_millis(cur: &mut Cursor<'_>) -> Result<Unix, Mismatch> {
    let col = cur.column();
    let negative = cur.eat("-");
    let digits = cur.digit_run();
    if digits.is_empty() {
        return Err(cur.expected("the Unix time in milliseconds (digits)"));
    }
    let millis = whole(digits).ok_or_else(|| too_large(col))?;
    Ok(Unix {
        millis: if negative { -millis } else { millis },
        column: col,
        whole_seconds: false,
    })
}

/// Stores a Unix time; two must agree (to the second when one of them was
/// read in whole seconds, and then the finer one is kept).
fn put_unix(f: &mut Fields, new: Unix) -> Result<(), Mismatch> {
    let Some(old) = f.unix else {
        f.unix = Some(new);
        return Ok(());
    };
    let agree = if old.whole_seconds == new.whole_seconds {
        old.millis == new.millis
    } else {
        old.millis.div_euclid(1000) == new.millis.div_euclid(1000)
    };
    if !agree {
        return Err(Mismatch::new(
            new.column,
            format!(
                "this Unix time does not agree with the one read at character {}",
                old.column
            ),
        ));
    }
    if old.whole_seconds && !new.whole_seconds {
        f.unix = Some(new);
    }
    Ok(())
}
