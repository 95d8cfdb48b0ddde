//! The `FORMAT_CURRENCY` pattern language and the rendering of money
//! (functions-time-math.md §6.3).

use rust_decimal::Decimal;

use super::digits::{fixed_digits, group_digits};
use super::locale::Locale;
use crate::value::{Currency, CurrencyCode};

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
    use crate::value::testing::currency as cur;
    use crate::value::CurrencyCode;
    use rust_decimal::Decimal;

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
}
