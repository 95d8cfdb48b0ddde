//! A jurisdiction's allowed times: a daily window, Saturday and Sunday
//! exceptions, closed holidays; and the next instant it allows in a zone.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// How many days ahead [`Schedule::next_open`] looks for an opening.
const HORIZON_DAYS: usize = 14;

/// A wall-clock window: its start is allowed, its end is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Window {
    pub start: Time,
    pub end: Time,
}

impl Window {
    /// Parses `"HH:MM-HH:MM"` with the start before the end.
    pub fn parse(s: &str) -> Result<Window, String> {
        let (start, end) = s
            .split_once('-')
            .ok_or_else(|| format!("window {s:?} is not HH:MM-HH:MM"))?;
        let window = Window {
            start: hh_mm(start).ok_or_else(|| format!("window {s:?}: {start:?} is not HH:MM"))?,
            end: hh_mm(end).ok_or_else(|| format!("window {s:?}: {end:?} is not HH:MM"))?,
        };
        if window.start >= window.end {
            return Err(format!("window {s:?} ends before it starts"));
        }
        Ok(window)
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", Clock(self.start), Clock(self.end))
    }
}

/// `HH:MM` of a time.
pub(super) struct Clock(pub Time);

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

fn hh_mm(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// What a weekend day allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Day {
    Closed,
    Open(Window),
}

impl Day {
    /// `"closed"` or a window.
    pub fn parse(s: &str) -> Result<Day, String> {
        if s == "closed" {
            Ok(Day::Closed)
        } else {
            Window::parse(s).map(Day::Open)
        }
    }
}

/// What a schedule allows on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Allows {
    Window { window: Window, on: Option<Weekday> },
    ClosedWeekday(Weekday),
    Holiday,
}

/// The allowed times of one jurisdiction.
#[derive(Clone, Debug)]
pub(super) struct Schedule {
    /// How the rule is cited, e.g. `TX (SB 140)`.
    pub name: String,
    /// The window of every day without an entry of its own.
    pub window: Window,
    pub saturday: Option<Day>,
    pub sunday: Option<Day>,
    /// The name of the holiday list, and its dates, sorted.
    pub holidays: Option<(String, Vec<Date>)>,
    /// Zones whose clock must allow too, whatever the recipient's zone.
    pub also_zones: Vec<String>,
}

impl Schedule {
    fn allows(&self, date: Date) -> Allows {
        let weekday = date.weekday();
        let special = match weekday {
            Weekday::Saturday => self.saturday,
            Weekday::Sunday => self.sunday,
            _ => None,
        };
        if special == Some(Day::Closed) {
            return Allows::ClosedWeekday(weekday);
        }
        if let Some((_, dates)) = &self.holidays {
            if dates.binary_search(&date).is_ok() {
                return Allows::Holiday;
            }
        }
        match special {
            Some(Day::Open(window)) => Allows::Window {
                window,
                on: Some(weekday),
            },
            _ => Allows::Window {
                window: self.window,
                on: None,
            },
        }
    }

    /// The earliest instant at or after `t` that this schedule allows in
    /// `tz`, or `None` when no day within the horizon opens. A window
    /// edge inside a DST gap moves forward by the gap; one inside an overlap
    /// takes the earlier instant (jiff's `compatible`).
    pub fn next_open(&self, t: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        let mut date = t.to_zoned(tz.clone()).date();
        for _ in 0..=HORIZON_DAYS {
            if let Allows::Window { window, .. } = self.allows(date) {
                let open = instant(tz, date, window.start)?;
                let close = instant(tz, date, window.end)?;
                if t < open {
                    return Some(open);
                }
                if t < close {
                    return Some(t);
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// Why `t` is not allowed in `tz` (named `zone`).
    pub fn why_not(&self, t: Timestamp, tz: &TimeZone, zone: &str) -> String {
        let local = t.to_zoned(tz.clone());
        let date = local.date();
        match self.allows(date) {
            Allows::ClosedWeekday(day) => {
                format!("{date} is a {day:?} in {zone}: no messages on {day:?}s")
            }
            Allows::Holiday => {
                let list = self.holidays.as_ref().map_or("", |(name, _)| name.as_str());
                format!("{date} is a holiday ({list}) in {zone}: no messages on holidays")
            }
            Allows::Window { window, on } => {
                let clock = Clock(local.time());
                match on {
                    Some(day) => format!("{clock} on a {day:?} in {zone} is outside {window}"),
                    None => format!("{clock} in {zone} is outside {window}"),
                }
            }
        }
    }

    /// The schedule in words, e.g. `09:00–21:00 Mon–Sat, 12:00–21:00 Sun`.
    pub fn describe(&self) -> String {
        let window = self.window;
        let sat = self.saturday.unwrap_or(Day::Open(window));
        let sun = self.sunday.unwrap_or(Day::Open(window));
        let mut parts = Vec::new();
        match (sat == Day::Open(window), sun == Day::Open(window)) {
            (true, true) => parts.push(window.to_string()),
            (true, false) => parts.push(format!("{window} Mon–Sat")),
            (false, _) => {
                parts.push(format!("{window} Mon–Fri"));
                parts.push(match sat {
                    Day::Open(w) => format!("{w} Sat"),
                    Day::Closed => "no Saturdays".to_string(),
                });
            }
        }
        if sun != Day::Open(window) || sat != Day::Open(window) {
            match sun {
                Day::Open(w) => parts.push(format!("{w} Sun")),
                Day::Closed => parts.push("no Sundays".to_string()),
            }
        }
        if let Some((name, _)) = &self.holidays {
            parts.push(format!("no holidays ({name})"));
        }
        parts.join(", ")
    }
}

/// The instant of wall-clock `time` on `date` in `tz`.
fn instant(tz: &TimeZone, date: Date, time: Time) -> Option<Timestamp> {
    let zoned = tz.to_ambiguous_zoned(date.to_datetime(time)).compatible();
    zoned.ok().map(|z| z.timestamp())
}
