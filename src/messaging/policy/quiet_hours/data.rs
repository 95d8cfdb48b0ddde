//! Reading the rules (`data/quiet-hours.toml`) and the area codes
//! (`data/nanp-area-codes.tsv`), checking every name and date in them.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::schedule::{Day, Schedule, Window};
use super::{Area, Rules};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    sources: Vec<String>,
    federal: RawSchedule,
    #[serde(default)]
    holidays: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    states: BTreeMap<String, RawSchedule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    name: String,
    window: String,
    saturday: Option<String>,
    sunday: Option<String>,
    holidays: Option<String>,
    #[serde(default)]
    also_zones: Vec<String>,
}

/// Parses both files into [`Rules`].
pub(super) fn parse(rules_toml: &str, area_codes_tsv: &str) -> Result<Rules, String> {
    let file: File = toml::from_str(rules_toml).map_err(|e| format!("quiet-hours rules: {e}"))?;
    let mut holidays = HashMap::new();
    for (name, dates) in &file.holidays {
        let mut parsed = dates
            .iter()
            .map(|d| {
                d.parse::<Date>()
                    .map_err(|e| format!("holidays {name}: {d:?} is not a date: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        parsed.sort();
        parsed.dedup();
        holidays.insert(name.as_str(), parsed);
    }
    let schedule = |key: &str, raw: &RawSchedule| -> Result<Schedule, String> {
        let context = |e: String| format!("quiet-hours rule {key}: {e}");
        let day = |s: &Option<String>| s.as_deref().map(Day::parse).transpose();
        let holidays = match &raw.holidays {
            None => None,
            Some(list) => {
                let dates = holidays
                    .get(list.as_str())
                    .ok_or_else(|| context(format!("no holiday list named {list:?}")))?;
                Some((list.clone(), dates.clone()))
            }
        };
        for zone in &raw.also_zones {
            TimeZone::get(zone).map_err(|_| context(format!("unknown time zone {zone:?}")))?;
        }
        Ok(Schedule {
            name: raw.name.clone(),
            window: Window::parse(&raw.window).map_err(context)?,
            saturday: day(&raw.saturday).map_err(context)?,
            sunday: day(&raw.sunday).map_err(context)?,
            holidays,
            also_zones: raw.also_zones.clone(),
        })
    };
    let federal = schedule("federal", &file.federal)?;
    let states = file
        .states
        .iter()
        .map(|(key, raw)| Ok((key.clone(), schedule(key, raw)?)))
        .collect::<Result<HashMap<_, _>, String>>()?;
    Ok(Rules {
        version: file.version,
        sources: file.sources,
        federal,
        states,
        areas: areas(area_codes_tsv)?,
    })
}

/// `NPA<TAB>region<TAB>zone,zone...` lines; `#` starts a comment line.
fn areas(tsv: &str) -> Result<HashMap<String, Area>, String> {
    let mut areas = HashMap::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| format!("nanp-area-codes line {}: {why}", n + 1);
        let mut fields = line.split('\t');
        let (Some(npa), Some(region), Some(zones), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(bad("not three tab-separated fields"));
        };
        if npa.len() != 3 || !npa.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the area code is not three digits"));
        }
        let zones: Vec<String> = zones.split(',').map(str::to_string).collect();
        for zone in &zones {
            TimeZone::get(zone).map_err(|_| bad(&format!("unknown time zone {zone:?}")))?;
        }
        let area = Area {
            region: region.to_string(),
            zones,
        };
        if areas.insert(npa.to_string(), area).is_some() {
            return Err(bad("the area code is listed twice"));
        }
    }
    Ok(areas)
}
