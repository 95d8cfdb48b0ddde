//! Quiet hours (messaging.md §4): when an SMS may reach its recipient.
//!
//! The rules are data, not code: `data/quiet-hours.toml` (a dated file: the
//! federal TCPA window and the states' narrower windows, closed Sundays and
//! holidays) and `data/nanp-area-codes.tsv` (each NANP area code's state or
//! region and time zones, generated from libphonenumber by
//! `scripts/gen-nanp-area-codes.py`). Both are embedded in the binary.
//!
//! A number's state is its area code's; its zones are the explicit zone
//! (the message's or the actor's) when known, else every zone of its area
//! code (all must allow: an area code is not a location), else the
//! configured default. The federal window and the state's rule must both
//! allow the message in every one of those zones, and the state's rule also
//! in its own extra zones (Texas: Central time).

mod data;
mod schedule;

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::messaging::phone::nanp_area_code;
use schedule::{Schedule, Window};

const RULES_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/quiet-hours.toml"
));
const AREA_CODES_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/nanp-area-codes.tsv"
));

/// How many times [`Rules::check`] moves its candidate instant before it
/// gives up on zones whose windows never overlap.
const MAX_MOVES: usize = 64;

/// Whom a message goes to, for quiet hours.
pub struct Recipient<'a> {
    /// The E.164 number.
    pub e164: &'a str,
    /// The recipient's IANA zone when known (the message's `time_zone`, else
    /// the actor's); otherwise the area code's zones, else the default zone.
    pub time_zone: Option<&'a str>,
}

/// Whether a message may go now.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// It may. `rule` says which rule applied, in words.
    Allowed { rule: String },
    /// Not before `until`, the earliest instant every zone allows; `reason`
    /// says why not now.
    Wait {
        until: Timestamp,
        rule: String,
        reason: String,
    },
}

/// An area code's region and zones.
#[derive(Clone, Debug)]
struct Area {
    region: String,
    zones: Vec<String>,
}

/// The quiet-hours rules and the NANP area codes.
#[derive(Clone, Debug)]
pub struct Rules {
    version: String,
    sources: Vec<String>,
    federal: Schedule,
    /// Keyed by the region codes of the area-code table (`TX`).
    states: HashMap<String, Schedule>,
    /// Keyed by area code (`415`).
    areas: HashMap<String, Area>,
}

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::parse(RULES_TOML, AREA_CODES_TSV).unwrap_or_else(Rules::federal_only));

/// The embedded rules. Should the embedded data not parse (a bug that the
/// unit tests catch), the federal 08:00–21:00 window alone, in the given or
/// default zone, and a version that says why.
pub fn rules() -> &'static Rules {
    &RULES
}

impl Rules {
    /// Parses rules in the format of `data/quiet-hours.toml` and area codes
    /// in the format of `data/nanp-area-codes.tsv`, checking every window,
    /// date, holiday list and time-zone name.
    pub fn parse(rules_toml: &str, area_codes_tsv: &str) -> Result<Rules, String> {
        data::parse(rules_toml, area_codes_tsv)
    }

    /// The federal window alone, when the data could not be read.
    fn federal_only(error: String) -> Rules {
        let window = Window {
            start: jiff::civil::time(8, 0, 0, 0),
            end: jiff::civil::time(21, 0, 0, 0),
        };
        Rules {
            version: format!("federal only: {error}"),
            sources: Vec::new(),
            federal: Schedule {
                name: "federal (TCPA)".to_string(),
                window,
                saturday: None,
                sunday: None,
                holidays: None,
                also_zones: Vec::new(),
            },
            states: HashMap::new(),
            areas: HashMap::new(),
        }
    }

    /// The rules' date, e.g. `2026-12-01`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The sources the rules were compiled from.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The region and zones of a NANP number's area code, e.g. `("TX",
    /// ["America/Denver"])` for `+1915…`; `None` for a number outside the
    /// NANP or an area code not in the table.
    pub fn area(&self, e164: &str) -> Option<(&str, &[String])> {
        let area = self.areas.get(nanp_area_code(e164)?)?;
        Some((&area.region, &area.zones))
    }

    /// Whether a message to `recipient` may go at `at`, and if not, when.
    /// The error names a time zone that does not exist.
    pub fn check(
        &self,
        at: Timestamp,
        recipient: &Recipient<'_>,
        default_zone: &TimeZone,
    ) -> Result<Verdict, String> {
        let area = self.area(recipient.e164);
        let mut zones: Vec<(String, TimeZone)> = Vec::new();
        match (recipient.time_zone, area) {
            (Some(name), _) => zones.push((name.to_string(), zone(name)?)),
            (None, Some((_, names))) if !names.is_empty() => {
                for name in names {
                    zones.push((name.clone(), zone(name)?));
                }
            }
            _ => {
                let name = default_zone.iana_name().unwrap_or("the default time zone");
                zones.push((name.to_string(), default_zone.clone()));
            }
        }
        let state = area.and_then(|(region, _)| self.states.get(region));
        let schedule = state.unwrap_or(&self.federal);

        // The rule that applies in every zone, then the federal window
        // (never wider, kept should a state's data be).
        let mut checks: Vec<(&Schedule, &str, &TimeZone)> = Vec::new();
        let mut rule_zones: Vec<(String, TimeZone)> = zones.clone();
        for name in &schedule.also_zones {
            if !rule_zones.iter().any(|(n, _)| n == name) {
                rule_zones.push((name.clone(), zone(name)?));
            }
        }
        for (name, tz) in &rule_zones {
            checks.push((schedule, name, tz));
        }
        if state.is_some() {
            for (name, tz) in &zones {
                checks.push((&self.federal, name, tz));
            }
        }
        let names: Vec<&str> = rule_zones.iter().map(|(n, _)| n.as_str()).collect();
        let rule = format!(
            "{}: {}; zones {}",
            schedule.name,
            schedule.describe(),
            names.join(", ")
        );

        let mut t = at;
        let mut reason = None;
        for _ in 0..MAX_MOVES {
            let mut moved = false;
            for (schedule, name, tz) in &checks {
                let next = schedule.next_open(t, tz).ok_or_else(|| {
                    format!(
                        "{}: no allowed time within two weeks in {name}",
                        schedule.name
                    )
                })?;
                if next != t {
                    if reason.is_none() {
                        reason = Some(schedule.why_not(t, tz, name));
                    }
                    t = next;
                    moved = true;
                }
            }
            if !moved {
                return Ok(match reason {
                    None => Verdict::Allowed { rule },
                    Some(reason) => Verdict::Wait {
                        until: t,
                        rule,
                        reason,
                    },
                });
            }
        }
        Err(format!(
            "{rule}: the allowed windows of these zones do not overlap"
        ))
    }
}

/// The zone named `name`, or the error that says it does not exist.
fn zone(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name).map_err(|_| format!("unknown time zone {name:?}"))
}

#[cfg(test)]
mod tests;
