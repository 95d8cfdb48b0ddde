//! PARSE_CURRENCY reads what FORMAT_CURRENCY writes (functions-time-math.md
//! §6.3–§6.4): for any amount at the code's own precision, in every locale
//! with its own conventions, with and without a code argument.

mod table;

use proptest::prelude::*;
use table::eval;

const CODES: &[&str] = &[
    "USD", "CAD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "KRW", "NZD", "MXN", "BRL", "HKD",
    "ILS", "CHF", "BHD", "CLF", "XYZ",
];
const LOCALES: &[&str] = &["en-US", "en-CA", "en-GB", "de-DE", "fr-FR"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_reads_what_format_writes(
        minor in -10_000_000_000_000i64..10_000_000_000_000,
        code in prop::sample::select(CODES),
        locale in prop::sample::select(LOCALES),
        give_code in any::<bool>(),
    ) {
        // A code argument leaves the separators to the session locale (en-US).
        let (written_in, second) = if give_code { ("en-US", code) } else { (locale, locale) };
        let src = format!(
            "LET c = CURRENCY({minor}, \"{code}\"), p = PARSE_CURRENCY(FORMAT_CURRENCY(c, NULL, \"{written_in}\"), \"{second}\") IN \
             p = c AND p.precision = c.precision AND p.code = c.code"
        );
        prop_assert_eq!(eval(&src).ok(), Some(airscript::Value::Bool(true)), "{}", src);
    }

    /// Patterns that keep every decimal read back too, parentheses included.
    #[test]
    fn parse_reads_patterns_back(
        minor in -1_000_000_000i64..1_000_000_000,
        pattern in prop::sample::select(&["$0,0.00", "($0,0.00)", "0.00 $", "$ 0.00", "(0,0.00 $)"][..]),
        locale in prop::sample::select(LOCALES),
    ) {
        let src = format!(
            "LET c = CURRENCY({minor}, \"GBP\") IN \
             PARSE_CURRENCY(FORMAT_CURRENCY(c, \"{pattern}\", \"{locale}\"), \"{locale}\") = c"
        );
        prop_assert_eq!(eval(&src).ok(), Some(airscript::Value::Bool(true)), "{}", src);
    }

    /// The Number form: an amount in major units with the code's decimals
    /// reads back as that amount of that code.
    #[test]
    fn parse_reads_a_formatted_number_back(
        minor in -10_000_000_000_000i64..10_000_000_000_000,
        code in prop::sample::select(CODES),
    ) {
        let src = format!(
            "LET c = CURRENCY({minor}, \"{code}\"), x = c.amount / POWER(10, c.precision), \
             p = PARSE_CURRENCY(FORMAT_CURRENCY(x, \"{code}\"), \"{code}\") IN \
             p.amount / POWER(10, p.precision) = x AND p.code = \"{code}\""
        );
        prop_assert_eq!(eval(&src).ok(), Some(airscript::Value::Bool(true)), "{}", src);
    }
}
