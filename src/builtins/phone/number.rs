//! Phone numbers the way libphonenumber reads them, over the `phonenumber`
//! crate: its text parser, formatter and metadata.
//!
//! Version 0.3.10 of the crate gets several things wrong that this module
//! does itself, following libphonenumber (Java, 8.x/9.x):
//!
//! - its loader leaves the general descriptor's possible lengths empty, where
//!   libphonenumber's build step puts the union of every number type's
//!   lengths; those are the lengths the possibility test needs ([`lengths`]),
//!   and the crate has no public `is_possible_number_with_reason`;
//! - after its (correct) conditional national-prefix step it strips the
//!   national prefix once more, unconditionally (`+7 800 123 45 67` becomes
//!   `+7 001234567`);
//! - it strips that prefix with the default region's rules even when the text
//!   names another country (`011 44 121 234 5678` from the US loses its `1`);
//! - it decides by its own rules whether a national number starts with the
//!   region's calling code, and looks for the region's international prefix
//!   after a `+`.
//!
//! So the crate parses with a copy of its metadata that has no national
//! prefixes ([`PARSING`]) — that yields the country calling code and the
//! national number as written — and [`strip_national_prefix`] then applies
//! libphonenumber's `maybeStripNationalPrefixAndCarrierCode` with the right
//! country's rules.

use std::fmt::Write as _;
use std::sync::LazyLock;

use phonenumber::country::{self, Source};
use phonenumber::metadata::{loader, Database, Metadata, DATABASE};
use phonenumber::{Mode, Validation};

/// libphonenumber reads at most this many characters (`MAX_INPUT_STRING_LENGTH`).
const MAX_INPUT: usize = 250;
/// The shortest and longest national significant numbers libphonenumber parses.
const NSN_LENGTHS: std::ops::RangeInclusive<usize> = 2..=17;

/// A phone number: the country calling code and the national significant
/// number (ASCII digits, leading zeros kept, as in `+39 06...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    pub code: u16,
    pub national: String,
}

impl Phone {
    /// `+`, the country calling code and the national number.
    pub fn e164(&self) -> String {
        format!("+{}{}", self.code, self.national)
    }

    /// libphonenumber's possibility test for this number.
    pub fn possibility(&self) -> Validation {
        possibility(self.code, &self.national)
    }

    /// The number in libphonenumber's layout `mode`; `None` only if the
    /// crate cannot lay it out (an unknown country calling code, a national
    /// number of more than 17 digits).
    pub fn format(&self, mode: Mode) -> Option<String> {
        if mode == Mode::E164 {
            return Some(self.e164());
        }
        // A number without extension or carrier, exactly these digits.
        let number = phonenumber::parse_with(&PARSING, None, self.e164()).ok()?;
        let same =
            number.code().value() == self.code && number.national().to_string() == self.national;
        let mut out = String::new();
        // The formatter fails (rather than panics) inside `write!`.
        write!(out, "{}", number.format().mode(mode)).ok()?;
        same.then_some(out)
    }
}

/// The possible lengths of national significant numbers of a country, as
/// libphonenumber's general descriptor has them: every number type's lengths
/// (but "no international dialling", which is not a type), and the lengths
/// that only local numbers have.
#[derive(Debug, PartialEq, Eq)]
pub struct Lengths {
    /// Sorted, without duplicates.
    pub possible: Vec<u16>,
    /// Sorted, without duplicates, none of them in `possible`.
    pub local_only: Vec<u16>,
}

/// The general lengths of `meta` (libphonenumber's `setPossibleLengthsGeneralDesc`).
pub fn lengths(meta: &Metadata) -> Lengths {
    let d = meta.descriptors();
    let types = [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
        d.emergency(),
        d.short_code(),
        d.standard_rate(),
        d.carrier(),
    ];
    let mut possible: Vec<u16> = d.general().possible_length().to_vec();
    let mut local_only: Vec<u16> = d.general().possible_local_length().to_vec();
    for desc in types.into_iter().flatten() {
        possible.extend_from_slice(desc.possible_length());
        local_only.extend_from_slice(desc.possible_local_length());
    }
    possible.sort_unstable();
    possible.dedup();
    local_only.sort_unstable();
    local_only.dedup();
    local_only.retain(|l| !possible.contains(l));
    Lengths {
        possible,
        local_only,
    }
}

/// libphonenumber's `testNumberLength` for a national number of `len` digits
/// and any number type.
pub fn test_length(meta: &Metadata, len: usize) -> Validation {
    let Lengths {
        possible,
        local_only,
    } = lengths(meta);
    let len = u16::try_from(len).unwrap_or(u16::MAX);
    let (Some(&min), Some(&max)) = (possible.first(), possible.last()) else {
        return Validation::InvalidLength;
    };
    if local_only.contains(&len) {
        Validation::IsPossibleLocalOnly
    } else if len < min {
        Validation::TooShort
    } else if len > max {
        Validation::TooLong
    } else if possible.contains(&len) {
        Validation::IsPossible
    } else {
        Validation::InvalidLength
    }
}

/// The metadata libphonenumber uses for a country calling code: its main
/// country's (`US` for `1`), or the non-geographic entity's (`800`).
fn main_metadata(code: u16) -> Option<&'static Metadata> {
    DATABASE.by_code(&code)?.into_iter().next()
}

/// libphonenumber's `isPossibleNumberWithReason` for the number with country
/// calling code `code` and national significant number `national`.
pub fn possibility(code: u16, national: &str) -> Validation {
    match main_metadata(code) {
        Some(meta) => test_length(meta, national.chars().count()),
        None => Validation::InvalidCountryCode,
    }
}

/// Reads strict E.164 text: `+`, then 2 to 15 ASCII digits, the first not
/// `0`, starting with a country calling code that exists. Gives the number
/// without judging its length.
pub fn split_e164(text: &str) -> Option<Phone> {
    let digits = text.strip_prefix('+')?;
    let well_formed = (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !well_formed {
        return None;
    }
    // Country calling codes are prefix-free: the first that exists is it.
    (1..=3).find_map(|len| {
        let code: u16 = digits.get(..len)?.parse().ok()?;
        DATABASE.by_code(&code)?;
        Some(Phone {
            code,
            national: digits.get(len..)?.to_owned(),
        })
    })
}

/// A copy of the crate's metadata for parsing only: no national prefixes (so
/// the crate leaves the national number as written), the general lengths
/// filled in and the general pattern anchored at both ends (the crate's
/// country-code extraction and [`fits`] consult them).
static PARSING: LazyLock<Database> = LazyLock::new(|| {
    // By calling code rather than by id: the non-geographic entities share
    // the id `001`, and the main country of a code must stay first.
    let metadata = (1..=999u16)
        .filter_map(|code| DATABASE.by_code(&code))
        .flatten()
        .map(|meta| {
            let general = meta.descriptors().general();
            let Lengths {
                possible,
                local_only,
            } = lengths(meta);
            loader::Metadata {
                general: Some(loader::Descriptor {
                    national_number: Some(format!("^(?:{})$", general.national_number().as_str())),
                    possible_length: possible,
                    possible_local_length: local_only,
                    example: None,
                }),
                id: Some(meta.id().to_owned()),
                country_code: Some(meta.country_code()),
                international_prefix: meta.international_prefix().map(|r| r.as_str().to_owned()),
                preferred_international_prefix: meta
                    .preferred_international_prefix()
                    .map(str::to_owned),
                preferred_extension_prefix: meta.preferred_extension_prefix().map(str::to_owned),
                main_country_for_code: meta.is_main_country_for_code(),
                leading_digits: meta.leading_digits().map(|r| r.as_str().to_owned()),
                mobile_number_portable: meta.is_mobile_number_portable(),
                ..Default::default()
            }
        })
        .collect();
    // The crate's own metadata, which it has just loaded (a unit test checks).
    Database::from(metadata).expect("the phone metadata converts")
});

/// Reads `text` as libphonenumber's `parse(text, region)` does: national
/// formats of `region`, international formats (`+`, or `region`'s
/// international call prefix), an extension (dropped). `None` when the text
/// does not read as a phone number; the result is not yet tested for
/// possibility.
pub fn parse(text: &str, region: country::Id) -> Option<Phone> {
    if text.chars().count() > MAX_INPUT {
        return None;
    }
    let text = without_extension(text);
    // After `+` comes the country calling code: the crate would take the
    // region's international prefix off first (`+81 0...` read in Russia,
    // whose prefix is 810, became +51), so such texts are read without a
    // region. Only when no valid code follows the `+` does libphonenumber
    // try the prefix (`+00 81 ...`).
    let plus = || {
        phonenumber::parse_with(&PARSING, None, text)
            .ok()
            .filter(|raw| raw.code().source() == Source::Plus)
    };
    let raw = match phonenumber::parse_with(&PARSING, Some(region), text) {
        Ok(raw) if raw.code().source() == Source::Plus => plus().unwrap_or(raw),
        Ok(raw) => raw,
        Err(_) => plus()?,
    };
    let home = DATABASE.by_id(region.as_ref())?;
    let (code, written, meta) = match raw.code().source() {
        // After `+` or the region's international prefix: the country's rules.
        Source::Plus | Source::Idd => {
            let code = raw.code().value();
            (code, raw.national().to_string(), main_metadata(code)?)
        }
        // Without: whether the region's own calling code starts the number
        // is libphonenumber's call to make, not the crate's (which takes it
        // off `1201555012` in the US, leaving a number too short).
        Source::Default | Source::Number => {
            let code = home.country_code();
            let mut full = raw.national().to_string();
            if raw.code().source() == Source::Number {
                full.insert_str(0, &code.to_string());
            }
            match own_code_removed(home, &full) {
                Some(rest) => (code, rest, main_metadata(code)?),
                None => (code, full, home),
            }
        }
    };
    let national = match strip_national_prefix(meta, &written) {
        // Kept only when what remains is long enough to be a whole number.
        Some(stripped)
            if !matches!(
                test_length(meta, stripped.len()),
                Validation::TooShort | Validation::IsPossibleLocalOnly | Validation::InvalidLength
            ) =>
        {
            stripped
        }
        _ => written,
    };
    NSN_LENGTHS
        .contains(&national.len())
        .then_some(Phone { code, national })
}

/// `text` without a trailing `;ext=` and digits outside a `tel:` URI, which
/// libphonenumber reads as an extension and the crate refuses. Extensions
/// are dropped anyway.
fn without_extension(text: &str) -> &str {
    match text.rfind(";ext=") {
        Some(at) if !text.trim_start().starts_with("tel:") => {
            let ext = &text[at + ";ext=".len()..];
            let ext = ext.strip_suffix('#').unwrap_or(ext);
            let digits = (1..=20).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit());
            if digits {
                &text[..at]
            } else {
                text
            }
        }
        _ => text,
    }
}

/// libphonenumber's `maybeExtractCountryCode` for a number written without
/// `+` or an international prefix: the national number after the region's
/// own calling code (and national prefix), when the number starts with that
/// code and is better read so — it fits the region's pattern only without
/// the code, or is too long with it. `None` to read it as written.
fn own_code_removed(home: &Metadata, full: &str) -> Option<String> {
    let code = home.country_code().to_string();
    let rest = full.strip_prefix(code.as_str())?;
    let rest = strip_national_prefix(home, rest).unwrap_or_else(|| rest.to_owned());
    let better = (!fits(home, full) && fits(home, &rest))
        || test_length(home, full.len()) == Validation::TooLong;
    better.then_some(rest)
}

/// Whether `number` matches the whole national number pattern of `meta`'s
/// general descriptor (libphonenumber's `matchNationalNumber`). The pattern
/// is [`PARSING`]'s anchored copy: a regex finds the leftmost-first match,
/// which may be shorter than the text when a longer one exists.
fn fits(meta: &Metadata, number: &str) -> bool {
    PARSING
        .by_code(&meta.country_code())
        .and_then(|all| all.into_iter().find(|m| m.id() == meta.id()))
        .is_some_and(|m| m.descriptors().general().national_number().is_match(number))
}

/// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`: the national
/// number without its national (trunk) prefix, transformed where the country
/// says so; `None` when there is nothing to strip or stripping would turn a
/// number that fits the country's pattern into one that does not.
fn strip_national_prefix(meta: &Metadata, number: &str) -> Option<String> {
    let (end, transformed) = match meta.national_prefix_for_parsing() {
        Some(pattern) => {
            let caps = pattern.captures(number)?;
            let whole = caps.get(0)?;
            if whole.start() != 0 {
                return None;
            }
            let last_group = caps.get(pattern.captures_len().saturating_sub(1));
            let transformed = match (meta.national_prefix_transform_rule(), last_group) {
                (Some(rule), Some(_)) if !rule.is_empty() => {
                    Some(pattern.replace(number, rule).into_owned())
                }
                _ => None,
            };
            (whole.end(), transformed)
        }
        // Without a pattern, the national prefix itself (digits) is one.
        None => {
            let prefix = meta.national_prefix().filter(|p| !p.is_empty())?;
            if !number.starts_with(prefix) {
                return None;
            }
            (prefix.len(), None)
        }
    };
    let result = transformed.unwrap_or_else(|| number[end..].to_owned());
    if fits(meta, number) && !fits(meta, &result) {
        None
    } else {
        Some(result)
    }
}
