//! The locales with their own conventions for numbers and money.

use crate::value::CurrencyCode;

/// The locales with their own number and currency conventions
/// (functions-time-math.md §6.3, functions-text-data.md §1.4); every other tag
/// uses `en-US`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    EnUs,
    EnCa,
    EnGb,
    De,
}

impl Locale {
    /// The locale of a BCP 47 tag, matched case-insensitively.
    pub fn of(tag: &str) -> Locale {
        let t = tag.trim();
        if t.eq_ignore_ascii_case("en-CA") {
            Locale::EnCa
        } else if t.eq_ignore_ascii_case("en-GB") {
            Locale::EnGb
        } else if t.eq_ignore_ascii_case("de-DE") || t.eq_ignore_ascii_case("de") {
            Locale::De
        } else {
            Locale::EnUs
        }
    }

    /// The group separator.
    pub fn group(self) -> char {
        if self == Locale::De {
            '.'
        } else {
            ','
        }
    }

    /// The decimal separator.
    pub fn decimal(self) -> char {
        if self == Locale::De {
            ','
        } else {
            '.'
        }
    }

    /// The symbol this locale writes for `code` (CLDR's, as `Intl.NumberFormat`
    /// shows them); the code's letters when it has none.
    pub fn symbol(self, code: CurrencyCode) -> &'static str {
        use Locale::*;
        match (&code.0, self) {
            (b"USD", EnCa | EnGb) => "US$",
            (b"USD", _) => "$",
            (b"CAD", EnCa) => "$",
            (b"CAD", _) => "CA$",
            (b"EUR", _) => "€",
            (b"GBP", _) => "£",
            (b"JPY", EnCa | EnGb) => "JP¥",
            (b"JPY", _) => "¥",
            (b"CNY", _) => "CN¥",
            (b"INR", _) => "₹",
            (b"AUD", De) => "AU$",
            (b"AUD", _) => "A$",
            (b"KRW", _) => "₩",
            (b"NZD", _) => "NZ$",
            (b"MXN", _) => "MX$",
            (b"BRL", _) => "R$",
            (b"HKD", _) => "HK$",
            (b"ILS", _) => "₪",
            _ => "",
        }
    }
}
