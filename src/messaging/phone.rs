//! Phone numbers: parsing to E.164 (messaging.md §1, SMS `to`) and the NANP
//! area code that the quiet-hours policy looks up.
//!
//! A number is read exactly as `PARSE_PHONE` reads it (the phone built-ins'
//! reading, which mends what the `phonenumber` crate gets wrong), so that
//! every number the phone functions accept can be sent to.

use phonenumber::country;

use crate::builtins::phone::{read_in, region};

/// Parses `text` to E.164 (`+` and at most 15 digits). A text that starts
/// with `+` carries its own country code; any other is read as a number of
/// `default_region`, an ISO 3166 alpha-2 code such as `US`. The number must
/// be possible (a country calling code that exists, a length it uses).
///
/// The error is a sentence for the user saying why.
pub fn to_e164(text: &str, default_region: &str) -> Result<String, String> {
    let international = text.trim().starts_with('+');
    // An international number needs no region, so a bad one is not looked at.
    let id = if international {
        country::Id::US
    } else {
        region(default_region)?
    };
    read_in(text, id).map(|p| p.e164())
}

/// The area code (NPA) of an E.164 number of the North American Numbering
/// Plan (`+1` and ten digits, the NPA starting with 2–9): `"+14155552671"`
/// gives `Some("415")`. Anything else gives `None`.
pub fn nanp_area_code(e164: &str) -> Option<&str> {
    let digits = e164.strip_prefix("+1")?;
    let well_formed = digits.len() == 10
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with(['0', '1']);
    if well_formed {
        digits.get(..3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_numbers_use_the_default_region() {
        assert_eq!(
            to_e164("(305) 555-0123", "US"),
            Ok("+13055550123".to_string())
        );
        assert_eq!(
            to_e164("415-555-2671", "us"),
            Ok("+14155552671".to_string())
        );
        assert_eq!(
            to_e164("0121 234 5678", "GB"),
            Ok("+441212345678".to_string())
        );
        assert_eq!(to_e164("030 123456", "DE"), Ok("+4930123456".to_string()));
    }

    #[test]
    fn international_numbers_ignore_the_default_region() {
        // With a default region the crate would strip the US prefix "1" here.
        assert_eq!(
            to_e164("+44 121 234 5678", "US"),
            Ok("+441212345678".to_string())
        );
        assert_eq!(
            to_e164("+33 1 23 45 67 89", "US"),
            Ok("+33123456789".to_string())
        );
        assert_eq!(
            to_e164("+1 800 555 0199", "GB"),
            Ok("+18005550199".to_string())
        );
        assert_eq!(
            to_e164(" +14155552671 ", "US"),
            Ok("+14155552671".to_string())
        );
    }

    #[test]
    fn the_extension_is_dropped() {
        assert_eq!(
            to_e164("+1 206 555 0100 ext. 12", "US"),
            Ok("+12065550100".to_string())
        );
    }

    #[test]
    fn impossible_numbers_say_why() {
        assert_eq!(
            to_e164("555-12", "US"),
            Err(
                r#""555-12" is not a possible phone number in region US: +155512 is too short"#
                    .to_string()
            )
        );
        assert_eq!(
            to_e164("not a number", "US"),
            Err(r#""not a number" is not a phone number"#.to_string())
        );
        assert_eq!(
            to_e164("+1 555 0100", "US"),
            Err(r#""+1 555 0100" is not a possible phone number: +15550100 is a local number without its area code"#.to_string())
        );
        assert_eq!(
            to_e164("", "US"),
            Err(r#""" is not a phone number"#.to_string())
        );
        assert_eq!(
            to_e164("+", "US"),
            Err(r#""+" is not a phone number"#.to_string())
        );
    }

    #[test]
    fn numbers_that_the_phone_functions_accept_can_be_sent_to() {
        // The docs' 555 numbers are possible, though not assigned.
        assert_eq!(
            to_e164("(555) 867-5309", "US"),
            Ok("+15558675309".to_string())
        );
        assert_eq!(
            to_e164("+1 123 555 0100", "US"),
            Ok("+11235550100".to_string())
        );
        // The phonenumber crate alone strips +7's national prefix 8 twice.
        assert_eq!(
            to_e164("+7 800 123 45 67", "US"),
            Ok("+78001234567".to_string())
        );
    }

    #[test]
    fn an_unknown_region_is_an_error() {
        let err = r#"is not a known region (an ISO 3166 two-letter code such as US)"#;
        assert_eq!(to_e164("415-555-2671", "XX"), Err(format!(r#""XX" {err}"#)));
        assert_eq!(
            to_e164("415-555-2671", "USA"),
            Err(format!(r#""USA" {err}"#))
        );
        assert_eq!(to_e164("415-555-2671", ""), Err(format!(r#""" {err}"#)));
        // An international number needs no region, so a bad one is not looked at.
        assert_eq!(
            to_e164("+14155552671", "XX"),
            Ok("+14155552671".to_string())
        );
    }

    #[test]
    fn nanp_area_codes() {
        assert_eq!(nanp_area_code("+14155552671"), Some("415"));
        assert_eq!(nanp_area_code("+19155550100"), Some("915"));
        assert_eq!(nanp_area_code("+441212345678"), None);
        assert_eq!(nanp_area_code("+1415555267"), None);
        assert_eq!(nanp_area_code("+141555526712"), None);
        assert_eq!(nanp_area_code("+11155552671"), None);
        assert_eq!(nanp_area_code("+1415555267x"), None);
        assert_eq!(nanp_area_code("14155552671"), None);
        assert_eq!(nanp_area_code("+1٤١٥5552671"), None);
    }
}
