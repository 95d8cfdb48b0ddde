//! Phone functions (functions-text-data.md §6): ISPHONE, PARSE_PHONE,
//! FORMAT_PHONE. Phone numbers are E.164 Text (`"+15558675309"`); reading,
//! the possibility test and the layouts are libphonenumber's, by the
//! `phonenumber` crate ([`number`] mends what its 0.3.10 release gets wrong).
//!
//! The functions test that a number is *possible* — a country calling code
//! that exists and a length that country uses — not that it is assigned, so
//! the docs' `555` numbers pass.

mod number;

pub use self::number::Phone;

pub use phonenumber::country;
use phonenumber::{Mode, Validation};

use super::excerpt::excerpt;
use super::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

const P: Category = Category::Phone;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "ISPHONE",
        P,
        &[sig!(isphone(value: &Value) -> BOOLEAN)],
        "whether a value is a possible phone number in strict E.164 form (\"+15558675309\")",
    ),
    FunctionSpec::new(
        "PARSE_PHONE",
        P,
        &[sig!(parse_phone(text: &str, region: Option<&str>) -> TEXT)],
        "a phone number written in any common way, in E.164 form (national forms read in the region)",
    )
    .session(),
    FunctionSpec::new(
        "FORMAT_PHONE",
        P,
        &[sig!(format_phone(phone: &str, format: Option<&str>, region: Option<&str>) -> TEXT)],
        "a phone number as \"E164\" (default), \"INTERNATIONAL\", \"NATIONAL\" or \"RFC3966\" text",
    )
    .session(),
];

/// The region with the ISO 3166-1 alpha-2 code `code`, in any letter case
/// (surrounding spaces ignored), that the phone metadata knows. The error is
/// a sentence for the user.
pub fn region(code: &str) -> std::result::Result<country::Id, String> {
    let upper = code.trim().to_ascii_uppercase();
    let two_letters = upper.len() == 2 && upper.bytes().all(|b| b.is_ascii_uppercase());
    upper
        .parse::<country::Id>()
        .ok()
        .filter(|id| two_letters && phonenumber::metadata::DATABASE.by_id(id.as_ref()).is_some())
        .ok_or_else(|| {
            format!("{code:?} is not a known region (an ISO 3166 two-letter code such as US)")
        })
}

/// Whether `text` is a possible phone number in strict E.164 form (§6.1):
/// `+`, 2 to 15 ASCII digits, the first not `0`, a country calling code that
/// exists and a national number of a length that country uses
/// (libphonenumber's `IS_POSSIBLE`; a local number without its area code is
/// not).
pub fn is_phone(text: &str) -> bool {
    number::split_e164(text).is_some_and(|p| p.possibility() == Validation::IsPossible)
}

fn isphone(_: &CallCtx<'_>, value: &Value) -> bool {
    matches!(value, Value::Text(t) if is_phone(t))
}

fn parse_phone(cx: &CallCtx<'_>, text: &str, region: Option<&str>) -> Result<String> {
    Ok(read(cx, text, region, 1)?.e164())
}

/// The layouts of FORMAT_PHONE, in the order of [`FORMATS`].
const MODES: [Mode; 4] = [
    Mode::E164,
    Mode::International,
    Mode::National,
    Mode::Rfc3966,
];
const FORMATS: [&str; 4] = ["E164", "INTERNATIONAL", "NATIONAL", "RFC3966"];

fn format_phone(
    cx: &CallCtx<'_>,
    phone: &str,
    format: Option<&str>,
    region: Option<&str>,
) -> Result<String> {
    let mode = match format {
        Some(word) => MODES[cx.option_word(1, word, &FORMATS)?],
        None => Mode::E164,
    };
    let number = read(cx, phone, region, 2)?;
    number.format(mode).ok_or_else(|| {
        cx.format_error(
            0,
            format!("{} cannot be laid out as a phone number", excerpt(phone)),
        )
    })
}

/// Reads `text` as PARSE_PHONE does (§6.2): a possible E.164 text as it is,
/// anything else with libphonenumber's parser and the region of argument
/// `region_arg` (default: the session region); the number must be possible.
fn read(
    cx: &CallCtx<'_>,
    text: &str,
    region_code: Option<&str>,
    region_arg: usize,
) -> Result<Phone> {
    // The region is checked even when the text does not need it.
    let id = match region_code {
        Some(code) => region(code).map_err(|_| {
            cx.domain_error(
                region_arg,
                format!(
                    "must be an ISO 3166 two-letter region code such as \"US\", got {}",
                    excerpt(code)
                ),
            )
        })?,
        None => {
            let code = cx.session.region();
            region(&code).map_err(|_| {
                cx.argument_error(format!(
                    "the session region \"{code}\" is not a known region; give one as argument {}",
                    region_arg + 1
                ))
            })?
        }
    };
    read_in(text, id).map_err(|why| cx.format_error(0, why))
}

/// Reads `text` as PARSE_PHONE does, national forms in the region `id`: a
/// possible E.164 text as it is, anything else by libphonenumber's rules; the
/// number must be possible and fit E.164. `Err` is a sentence saying why not.
pub fn read_in(text: &str, id: country::Id) -> std::result::Result<Phone, String> {
    let trimmed = text.trim();
    if let Some(phone) = number::split_e164(trimmed) {
        if phone.possibility() == Validation::IsPossible {
            return Ok(phone);
        }
    }
    let Some(phone) = number::parse(trimmed, id) else {
        return Err(format!("{} is not a phone number", excerpt(text)));
    };
    // E.164 has room for 15 digits; libphonenumber knows longer numbers.
    let fits_e164 = phone.e164().len() <= 16;
    let why = match phone.possibility() {
        Validation::IsPossible if fits_e164 => return Ok(phone),
        Validation::IsPossible => "is longer than the 15 digits of E.164",
        Validation::IsPossibleLocalOnly => "is a local number without its area code",
        Validation::TooShort => "is too short",
        Validation::TooLong => "is too long",
        Validation::InvalidLength => "has a length its country does not use",
        Validation::InvalidCountryCode => "has an unknown country calling code",
    };
    let read_as = if trimmed.starts_with('+') {
        String::new()
    } else {
        format!(" in region {}", id.as_ref())
    };
    Err(format!(
        "{} is not a possible phone number{read_as}: {} {why}",
        excerpt(text),
        phone.e164()
    ))
}

#[cfg(test)]
mod tests;
