//! Currency values: an exact amount, an ISO 4217 code and a precision; the
//! ISO minor units, and the locale data and pattern language of
//! `FORMAT_CURRENCY` (functions-time-math.md §6).

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// A three-letter upper-case ISO 4217 code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CurrencyCode(pub [u8; 3]);

impl CurrencyCode {
    /// Parses a code, accepting any letter case; `None` unless three ASCII letters.
    pub fn parse(s: &str) -> Option<CurrencyCode> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) {
            Some(CurrencyCode([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
                b[2].to_ascii_uppercase(),
            ]))
        } else {
            None
        }
    }
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// The US dollar, the default code.
    pub const USD: CurrencyCode = CurrencyCode(*b"USD");

    /// The ISO 4217 minor unit: how many decimals the code's minor unit has
    /// (JPY 0, USD 2, BHD 3, CLF 4); 2 for codes outside ISO 4217.
    pub fn minor_unit(&self) -> u8 {
        match &self.0 {
            b"BIF" | b"CLP" | b"DJF" | b"GNF" | b"ISK" | b"JPY" | b"KMF" | b"KRW" | b"PYG"
            | b"RWF" | b"UGX" | b"UYI" | b"VND" | b"VUV" | b"XAF" | b"XOF" | b"XPF" => 0,
            b"BHD" | b"IQD" | b"JOD" | b"KWD" | b"LYD" | b"OMR" | b"TND" => 3,
            b"CLF" | b"UYW" => 4,
            _ => 2,
        }
    }
}

impl fmt::Debug for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The largest precision a Currency may have.
pub const MAX_PRECISION: u8 = 18;

/// A money amount. `amount` is in major units (one dollar is `1.00`), and is
/// kept rounded to `precision` fractional digits.
#[derive(Clone, Copy, Debug)]
pub struct Currency {
    pub amount: Decimal,
    pub code: CurrencyCode,
    pub precision: u8,
}

impl Currency {
    /// The Currency of `minor` minor units (a whole number) at `precision`
    /// decimals: `from_minor(100, USD, 2)` is one dollar. `None` when `minor` is
    /// not whole or `precision` is above [`MAX_PRECISION`].
    pub fn from_minor(minor: Decimal, code: CurrencyCode, precision: u8) -> Option<Currency> {
        if !minor.fract().is_zero() || precision > MAX_PRECISION {
            return None;
        }
        let mut amount = minor.trunc();
        amount.rescale(0);
        amount.set_scale(u32::from(precision)).ok()?;
        Some(Currency {
            amount,
            code,
            precision,
        })
    }

    /// The amount in minor units (`CURRENCY(100, "USD", 2)` has 100).
    pub fn minor_units(&self) -> Decimal {
        let scale = Decimal::from(10i64.pow(u32::from(self.precision.min(MAX_PRECISION))));
        self.amount
            .checked_mul(scale)
            .map(|m| m.normalize())
            .unwrap_or(self.amount)
    }
}

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

/// Where the currency symbol of a pattern goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolPos {
    Before,
    After,
}

/// A `FORMAT_CURRENCY` pattern (functions-time-math.md §6.3):
/// `[ "(" ] [ "$" [ " " ] ] ( "0" | "0,0" ) [ "." "0"{1,} ] [ [ " " ] "$" ] [ ")" ]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrencyPattern {
    pub parens: bool,
    pub symbol: Option<SymbolPos>,
    /// A space between the symbol and the digits is written.
    pub space: bool,
    pub group: bool,
    pub decimals: u32,
}

/// The most decimals a pattern may ask for.
const MAX_PATTERN_DECIMALS: u32 = 28;

impl CurrencyPattern {
    /// Reads a pattern; `None` when it is not in the grammar.
    pub fn parse(s: &str) -> Option<CurrencyPattern> {
        let b = s.as_bytes();
        let mut i = 0;
        let eat = |i: &mut usize, c: u8| -> bool {
            if b.get(*i) == Some(&c) {
                *i += 1;
                true
            } else {
                false
            }
        };
        let parens = eat(&mut i, b'(');
        let mut symbol = None;
        let mut space = false;
        if eat(&mut i, b'$') {
            symbol = Some(SymbolPos::Before);
            space = eat(&mut i, b' ');
        }
        if !eat(&mut i, b'0') {
            return None;
        }
        let mut group = false;
        if b.get(i) == Some(&b',') {
            if b.get(i + 1) != Some(&b'0') {
                return None;
            }
            group = true;
            i += 2;
        }
        let mut decimals = 0;
        if eat(&mut i, b'.') {
            while eat(&mut i, b'0') {
                decimals += 1;
            }
            if decimals == 0 || decimals > MAX_PATTERN_DECIMALS {
                return None;
            }
        }
        if symbol.is_none() {
            let before = i;
            let sp = eat(&mut i, b' ');
            if eat(&mut i, b'$') {
                symbol = Some(SymbolPos::After);
                space = sp;
            } else {
                i = before;
            }
        }
        if parens && !eat(&mut i, b')') {
            return None;
        }
        if i != b.len() {
            return None;
        }
        Some(CurrencyPattern {
            parens,
            symbol,
            space,
            group,
            decimals,
        })
    }

    /// The locale's default pattern for `code`: `$0,0.00` in English locales,
    /// `0,0.00 $` in German ones, with the code's minor unit of decimals.
    pub fn default_for(code: CurrencyCode, locale: Locale) -> CurrencyPattern {
        let german = locale == Locale::De;
        CurrencyPattern {
            parens: false,
            symbol: Some(if german {
                SymbolPos::After
            } else {
                SymbolPos::Before
            }),
            space: german,
            group: true,
            decimals: u32::from(code.minor_unit()),
        }
    }
}

/// Splits `|n|` rounded half away from zero to `decimals` places into its
/// integer digits and exactly `decimals` fraction digits; the flag says whether
/// the rounded value is negative (a value that rounds to zero is not).
pub fn fixed_digits(n: Decimal, decimals: u32) -> (bool, String, String) {
    let rounded = n.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = rounded.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut frac: String = frac.chars().take(decimals as usize).collect();
    while frac.len() < decimals as usize {
        frac.push('0');
    }
    (negative, int.to_string(), frac)
}

/// Writes `digits` (ASCII digits) with `sep` between groups of three from the right.
pub fn group_digits(digits: &str, sep: char) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Formats `amount` major units of `code` with `pattern` in `locale`
/// (the rendering rules of functions-time-math.md §6.3).
pub fn format_amount(
    amount: Decimal,
    code: CurrencyCode,
    pattern: &CurrencyPattern,
    locale: Locale,
) -> String {
    let (negative, int, frac) = fixed_digits(amount, pattern.decimals);
    let mut number = if pattern.group {
        group_digits(&int, locale.group())
    } else {
        int
    };
    if pattern.decimals > 0 {
        number.push(locale.decimal());
        number.push_str(&frac);
    }
    let mut body = String::new();
    if let Some(pos) = pattern.symbol {
        let symbol = match locale.symbol(code) {
            "" => code.as_str(),
            s => s,
        };
        let letters = symbol.chars().all(char::is_alphabetic);
        let gap = if pattern.space || letters { " " } else { "" };
        match pos {
            SymbolPos::Before => {
                body.push_str(symbol);
                body.push_str(gap);
                body.push_str(&number);
            }
            SymbolPos::After => {
                body.push_str(&number);
                body.push_str(gap);
                body.push_str(symbol);
            }
        }
    } else {
        body = number;
    }
    match (negative, pattern.parens) {
        (false, _) => body,
        (true, true) => format!("({body})"),
        (true, false) => format!("-{body}"),
    }
}

/// What `FORMAT_CURRENCY(value)` returns for `locale` (a BCP 47 tag such as
/// `en-US`): the rendering of a Currency inside `{{ }}` (language.md §7.2).
pub fn format_default(c: &Currency, locale: &str) -> String {
    let locale = Locale::of(locale);
    let pattern = CurrencyPattern::default_for(c.code, locale);
    format_amount(c.amount, c.code, &pattern, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(minor: i64, code: &str, precision: u8) -> Currency {
        Currency::from_minor(
            Decimal::from(minor),
            CurrencyCode::parse(code).unwrap(),
            precision,
        )
        .unwrap()
    }

    #[test]
    fn minor_units_table() {
        let mu = |s: &str| CurrencyCode::parse(s).unwrap().minor_unit();
        assert_eq!(
            (mu("USD"), mu("jpy"), mu("BHD"), mu("CLF"), mu("ABC")),
            (2, 0, 3, 4, 2)
        );
    }

    #[test]
    fn from_minor_and_back() {
        let c = cur(10454, "USD", 3);
        assert_eq!(c.amount.to_string(), "10.454");
        assert_eq!(c.minor_units(), Decimal::from(10454));
        assert!(Currency::from_minor(Decimal::new(105, 1), CurrencyCode::USD, 2).is_none());
        assert!(Currency::from_minor(Decimal::ONE, CurrencyCode::USD, 19).is_none());
        assert_eq!(cur(-150, "USD", 2).amount.to_string(), "-1.50");
    }

    #[test]
    fn default_formats() {
        assert_eq!(format_default(&cur(100, "USD", 2), "en-US"), "$1.00");
        assert_eq!(format_default(&cur(100, "USD", 2), "EN-ca"), "US$1.00");
        assert_eq!(format_default(&cur(500, "CAD", 2), "en-CA"), "$5.00");
        assert_eq!(format_default(&cur(500, "CAD", 2), "en-US"), "CA$5.00");
        assert_eq!(
            format_default(&cur(123456, "EUR", 2), "de-DE"),
            "1.234,56 €"
        );
        assert_eq!(
            format_default(&cur(1234567, "BHD", 3), "en-US"),
            "BHD 1,234.567"
        );
        assert_eq!(
            format_default(&cur(1234567, "BHD", 3), "de"),
            "1.234,567 BHD"
        );
        assert_eq!(format_default(&cur(500, "JPY", 0), "en-US"), "¥500");
        assert_eq!(format_default(&cur(400, "USD", 0), "fr-FR"), "$400.00");
        assert_eq!(format_default(&cur(10455, "USD", 3), "en-US"), "$10.46");
        assert_eq!(format_default(&cur(-150, "USD", 2), "en-US"), "-$1.50");
        assert_eq!(format_default(&cur(-1, "USD", 3), "en-US"), "$0.00");
    }

    #[test]
    fn patterns() {
        let p = |s: &str| CurrencyPattern::parse(s);
        assert_eq!(
            p("($0,0.00)"),
            Some(CurrencyPattern {
                parens: true,
                symbol: Some(SymbolPos::Before),
                space: false,
                group: true,
                decimals: 2
            })
        );
        assert_eq!(
            p("0,0.00 $").map(|x| (x.symbol, x.space)),
            Some((Some(SymbolPos::After), true))
        );
        for bad in [
            "", "abc", "USD", "$", "0.", "($0", "$0)", "$0$", "0,", "0,0,0", "0 ", " 0", "00",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
        let en = Locale::EnUs;
        let usd = CurrencyCode::USD;
        let f = |n: Decimal, pat: &str| format_amount(n, usd, &p(pat).unwrap(), en);
        assert_eq!(f(Decimal::new(-150, 2), "($0,0.00)"), "($1.50)");
        assert_eq!(f(Decimal::new(150, 2), "($0,0.00)"), "$1.50");
        assert_eq!(f(Decimal::new(123456789, 2), "$0,0"), "$1,234,568");
        assert_eq!(f(Decimal::new(123456789, 2), "$0.00"), "$1234567.89");
        assert_eq!(f(Decimal::new(100, 2), "0,0.00 $"), "1.00 $");
        assert_eq!(f(Decimal::new(100, 2), "$ 0"), "$ 1");
        assert_eq!(f(Decimal::new(1005, 3), "$0.00"), "$1.01");
        let chf = CurrencyCode::parse("CHF").unwrap();
        assert_eq!(
            format_amount(Decimal::new(12345, 1), chf, &p("0.00$").unwrap(), en),
            "1234.50 CHF"
        );
    }

    #[test]
    fn grouping() {
        assert_eq!(group_digits("1", ','), "1");
        assert_eq!(group_digits("123", ','), "123");
        assert_eq!(group_digits("1234", ','), "1,234");
        assert_eq!(group_digits("10000000000", '.'), "10.000.000.000");
    }
}
