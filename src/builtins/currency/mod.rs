//! Built-ins of the currency category: CURRENCY, FORMAT_CURRENCY and
//! PARSE_CURRENCY (functions-time-math.md §6).

mod parse;

use rust_decimal::Decimal;

use super::excerpt::excerpt;
use super::format::currency::{format_amount, CurrencyPattern};
use super::format::Locale;
use super::numberformat::parse::Problem;
use super::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::currency::MAX_PRECISION;
use crate::value::{Currency, CurrencyCode, ObjectMap, Value};
use parse::Marker;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "CURRENCY",
        Category::Currency,
        &[
            sig!(currency(amount: Decimal, code: Option<&str>, precision: Option<Decimal>) -> CURRENCY),
            sig!(from_object(parts: &ObjectMap) -> CURRENCY),
        ],
        "A Currency of `amount` minor units of `code` (default USD) at `precision` decimals",
    ),
    FunctionSpec::new(
        "FORMAT_CURRENCY",
        Category::Currency,
        &[
            sig!(format_currency(
                currency: Currency,
                pattern: Option<&str>,
                locale: Option<&str>
            ) -> TEXT),
            sig!(format_number(
                number: Decimal,
                code: Option<&str>,
                pattern: Option<&str>,
                locale: Option<&str>
            ) -> TEXT),
        ],
        "Money as text for people: symbol, separators and decimals of the locale",
    )
    .session(),
    FunctionSpec::new(
        "PARSE_CURRENCY",
        Category::Currency,
        &[sig!(parse_currency(text: &str, locale_or_code: Option<&str>) -> CURRENCY)],
        "Money written for people (\"$1,234.56\", \"1.234,56 €\", \"10 EUR\") as a Currency",
    )
    .session(),
];

fn parse_code(cx: &CallCtx<'_>, s: &str, i: usize) -> Result<CurrencyCode> {
    CurrencyCode::parse(s).ok_or_else(|| {
        Error::argument(format!(
            "{} expects a currency code of three letters such as \"USD\", got {s:?}",
            cx.name()
        ))
        .at_arg(i)
    })
}

/// A Number field of the parts Object (`what` names it in the message).
fn number_field(cx: &CallCtx<'_>, v: &Value, what: &str) -> Result<Decimal> {
    match v {
        Value::Number(n) => Ok(*n),
        other => Err(Error::type_error(format!(
            "{} expects {what}, got {}",
            cx.name(),
            other.type_name()
        ))
        .at_arg(0)),
    }
}

fn parse_precision(cx: &CallCtx<'_>, n: Decimal, i: usize) -> Result<u8> {
    crate::value::number::to_whole(n)
        .and_then(|p| u8::try_from(p).ok())
        .filter(|p| *p <= MAX_PRECISION)
        .ok_or_else(|| {
            Error::argument(format!(
                "{} expects a precision that is a whole number from 0 to {MAX_PRECISION}, got {}",
                cx.name(),
                crate::value::number::plain(n)
            ))
            .at_arg(i)
        })
}

fn make(
    cx: &CallCtx<'_>,
    minor: Decimal,
    code: CurrencyCode,
    precision: Option<u8>,
) -> Result<Value> {
    let precision = precision.unwrap_or_else(|| code.minor_unit());
    Currency::from_minor(minor, code, precision)
        .map(Value::Currency)
        .ok_or_else(|| {
            Error::argument(format!(
                "{} expects the amount to be a whole number of minor units (cents for USD), got {}",
                cx.name(),
                crate::value::number::plain(minor)
            ))
            .at_arg(0)
            .with_help(format!("{}(1050, \"USD\") is $10.50", cx.name()))
        })
}

/// `CURRENCY(amount [, code [, precision]])`.
fn currency(
    cx: &CallCtx<'_>,
    amount: Decimal,
    code: Option<&str>,
    precision: Option<Decimal>,
) -> Result<Value> {
    let code = match code {
        Some(s) => parse_code(cx, s, 1)?,
        None => CurrencyCode::USD,
    };
    let precision = precision.map(|n| parse_precision(cx, n, 2)).transpose()?;
    make(cx, amount, code, precision)
}

/// `CURRENCY({amount, code, precision})`.
pub(crate) fn from_object(cx: &CallCtx<'_>, obj: &ObjectMap) -> Result<Value> {
    let amount = match obj.get("amount") {
        None | Some(Value::Null) => {
            return Err(cx
                .argument_error("expects the Object to have an \"amount\" (minor units)")
                .at_arg(0))
        }
        Some(v) => number_field(cx, v, "the amount to be a Number of minor units")?,
    };
    let code = match obj.get("code") {
        None | Some(Value::Null) => CurrencyCode::USD,
        Some(Value::Text(s)) => parse_code(cx, s, 0)?,
        Some(v) => {
            return Err(Error::type_error(format!(
                "{} expects the Object's \"code\" to be Text, got {}",
                cx.name(),
                v.type_name()
            ))
            .at_arg(0))
        }
    };
    let precision = match obj.get("precision") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_precision(
            cx,
            number_field(cx, v, "the precision to be a Number")?,
            0,
        )?),
    };
    make(cx, amount, code, precision).map_err(|e| e.at_arg(0))
}

/// `FORMAT_CURRENCY(currency [, pattern [, locale]])`.
fn format_currency(
    cx: &CallCtx<'_>,
    c: Currency,
    pattern: Option<&str>,
    locale: Option<&str>,
) -> Result<String> {
    format_with(cx, c.amount, c.code, (pattern, 1), locale)
}

/// `FORMAT_CURRENCY(number [, code [, pattern [, locale]]])`.
fn format_number(
    cx: &CallCtx<'_>,
    n: Decimal,
    code: Option<&str>,
    pattern: Option<&str>,
    locale: Option<&str>,
) -> Result<String> {
    let code = match code {
        Some(s) => parse_code(cx, s, 1)?,
        None => CurrencyCode::USD,
    };
    format_with(cx, n, code, (pattern, 2), locale)
}

fn format_with(
    cx: &CallCtx<'_>,
    amount: Decimal,
    code: CurrencyCode,
    (pattern, pattern_at): (Option<&str>, usize),
    locale: Option<&str>,
) -> Result<String> {
    let locale = Locale::of(locale.unwrap_or(&cx.session.locale));
    let pattern = match pattern {
        None => CurrencyPattern::default_for(code, locale),
        Some(p) => CurrencyPattern::parse(p).ok_or_else(|| {
            Error::argument(format!(
                "{} expects a pattern such as \"$0,0.00\", got {p:?}",
                cx.name()
            ))
            .at_arg(pattern_at)
            .with_help("a pattern is [(][$][ ]0[,0][.00…][ ][$][)]: $ places the symbol, ,0 groups thousands, .00 sets the decimals")
        })?,
    };
    Ok(format_amount(amount, code, &pattern, locale))
}

/// `PARSE_CURRENCY(text [, locale_or_code])`: the grammar is in [`parse`].
fn parse_currency(cx: &CallCtx<'_>, text: &str, locale_or_code: Option<&str>) -> Result<Value> {
    let code_arg = locale_or_code.and_then(CurrencyCode::parse);
    let locale = Locale::of(match (code_arg, locale_or_code) {
        (None, Some(tag)) => tag,
        _ => &cx.session.locale,
    });
    let (group, decimal) = (locale.group(), locale.decimal());
    let money = parse::parse_money(text, group, decimal).map_err(|problem| match problem {
        Problem::Overflow => cx.overflow(),
        Problem::Unreadable { at, what } => cx.format_error(
            0,
            format!(
                "{} is not an amount of money (group separator {group:?}, decimal separator {decimal:?}): \
                 at character {}, {what}",
                excerpt(text),
                at + 1
            ),
        )
        .at_char(at),
    })?;
    let code = match money.marker {
        Some(Marker::Code(code)) => code,
        Some(Marker::Dollar) | None => code_arg.unwrap_or(match (money.marker, locale) {
            (Some(Marker::Dollar), Locale::EnCa) => CurrencyCode(*b"CAD"),
            _ => CurrencyCode::USD,
        }),
    };
    let precision = u8::try_from(money.decimals)
        .ok()
        .filter(|d| *d <= MAX_PRECISION)
        .ok_or_else(|| {
            cx.format_error(
                0,
                format!(
                    "{} has {} decimals; a Currency has at most {MAX_PRECISION}",
                    excerpt(text),
                    money.decimals
                ),
            )
        })?
        .max(code.minor_unit());
    crate::value::money::make(money.amount, code, precision)
        .map(Value::Currency)
        .map_err(|_| cx.overflow())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn num(n: i64) -> Value {
        Value::Number(Decimal::from(n))
    }

    fn call(f: &str, args: &[Value]) -> Result<Value> {
        crate::builtins::args::testing::call(f, args)
    }
    fn dec(s: &str) -> Value {
        Value::Number(Decimal::from_str(s).unwrap())
    }
    fn t(s: &str) -> Value {
        Value::text(s)
    }
    fn cur(args: &[Value]) -> Currency {
        match call("CURRENCY", args) {
            Ok(Value::Currency(c)) => c,
            other => panic!("not a currency: {other:?}"),
        }
    }
    fn parts(c: Currency) -> (String, String, u8) {
        (c.minor_units().to_string(), c.code.to_string(), c.precision)
    }
    fn fmt(args: &[Value]) -> String {
        match call("FORMAT_CURRENCY", args) {
            Ok(Value::Text(s)) => s.to_string(),
            other => panic!("not text: {other:?}"),
        }
    }
    fn err(f: &str, args: &[Value]) -> ErrorKind {
        match call(f, args) {
            Err(e) => e.kind(),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn currency_forms() {
        assert_eq!(parts(cur(&[num(100)])), ("100".into(), "USD".into(), 2));
        assert_eq!(
            parts(cur(&[num(100), t("usd")])),
            ("100".into(), "USD".into(), 2)
        );
        assert_eq!(
            parts(cur(&[num(500), t("JPY")])),
            ("500".into(), "JPY".into(), 0)
        );
        assert_eq!(
            parts(cur(&[num(5), t("BHD")])),
            ("5".into(), "BHD".into(), 3)
        );
        assert_eq!(
            parts(cur(&[num(1), t("USD"), num(0)])),
            ("1".into(), "USD".into(), 0)
        );
        assert_eq!(cur(&[num(1), t("USD"), num(0)]).amount, Decimal::ONE);
        assert_eq!(
            parts(cur(&[num(7), Value::Null, Value::Null])),
            ("7".into(), "USD".into(), 2)
        );
        assert_eq!(
            parts(cur(&[dec("4.0"), t("EUR"), dec("3.0")])),
            ("4".into(), "EUR".into(), 3)
        );
        assert_eq!(parts(cur(&[num(-150)])).0, "-150");
    }

    #[test]
    fn currency_object_form() {
        let mut m = ObjectMap::default();
        m.insert("amount".into(), num(4000));
        m.insert("code".into(), t("USD"));
        m.insert("precision".into(), num(2));
        assert_eq!(
            parts(cur(&[Value::object(m.clone())])),
            ("4000".into(), "USD".into(), 2)
        );
        m.insert("precision".into(), num(1));
        m.insert("amount".into(), num(400));
        let c = cur(&[Value::object(m.clone())]);
        assert_eq!(c.amount, Decimal::from(40));
        assert_eq!(
            call("FORMAT_CURRENCY", &[Value::Currency(c)])
                .unwrap()
                .as_text(),
            Some("$40.00")
        );
        let mut only = ObjectMap::default();
        only.insert("amount".into(), num(500));
        only.insert("code".into(), t("jpy"));
        assert_eq!(
            parts(cur(&[Value::object(only)])),
            ("500".into(), "JPY".into(), 0)
        );
        m.shift_remove("amount");
        assert_eq!(
            err("CURRENCY", &[Value::object(m.clone())]),
            ErrorKind::Argument
        );
        m.insert("amount".into(), t("1"));
        assert_eq!(err("CURRENCY", &[Value::object(m)]), ErrorKind::Type);
    }

    #[test]
    fn currency_errors() {
        assert!(call("CURRENCY", &[Value::Null, t("USD")])
            .unwrap()
            .is_null());
        assert_eq!(
            err("CURRENCY", &[dec("10.5"), t("USD")]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("CURRENCY", &[num(2000), t("EURO")]),
            ErrorKind::Argument
        );
        assert_eq!(err("CURRENCY", &[num(2000), t("U$D")]), ErrorKind::Argument);
        assert_eq!(err("CURRENCY", &[Value::Bool(true)]), ErrorKind::Type);
        assert_eq!(err("CURRENCY", &[num(1), num(840)]), ErrorKind::Type);
        assert_eq!(
            err("CURRENCY", &[num(1), t("USD"), num(19)]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("CURRENCY", &[num(1), t("USD"), num(-1)]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("CURRENCY", &[num(1), t("USD"), dec("1.5")]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("CURRENCY", &[num(1), t("USD"), t("2")]),
            ErrorKind::Type
        );
        let e = call("CURRENCY", &[num(1), t("EURO")]).unwrap_err();
        assert_eq!(e.arg(), Some(1));
    }

    #[test]
    fn format_currency_spec_examples() {
        let c = |m: i64, code: &str| Value::Currency(cur(&[num(m), t(code)]));
        let cp = |m: i64, code: &str, p: i64| Value::Currency(cur(&[num(m), t(code), num(p)]));
        assert_eq!(fmt(&[cp(100, "USD", 2)]), "$1.00");
        assert_eq!(fmt(&[cp(1, "USD", 0)]), "$1.00");
        assert_eq!(fmt(&[cp(400, "USD", 0)]), "$400.00");
        assert_eq!(
            fmt(&[cp(100, "USD", 2), Value::Null, t("en-CA")]),
            "US$1.00"
        );
        assert_eq!(fmt(&[cp(101, "USD", 2)]), "$1.01");
        assert_eq!(fmt(&[cp(10454, "USD", 3)]), "$10.45");
        assert_eq!(fmt(&[cp(10455, "USD", 3)]), "$10.46");
        assert_eq!(fmt(&[num(10000000000), t("USD")]), "$10,000,000,000.00");
        assert_eq!(
            fmt(&[c(123456, "EUR"), Value::Null, t("de-DE")]),
            "1.234,56 €"
        );
        assert_eq!(fmt(&[c(-150, "USD")]), "-$1.50");
        assert_eq!(fmt(&[c(-150, "USD"), t("($0,0.00)")]), "($1.50)");
        assert_eq!(fmt(&[c(123456789, "USD"), t("0,0.00")]), "1,234,567.89");
        assert_eq!(fmt(&[c(123456789, "USD"), t("$0,0")]), "$1,234,568");
        assert_eq!(fmt(&[c(123456789, "USD"), t("$0.00")]), "$1234567.89");
        assert_eq!(fmt(&[c(100, "USD"), t("0,0.00 $")]), "1.00 $");
        assert_eq!(fmt(&[c(500, "CAD")]), "CA$5.00");
        assert_eq!(fmt(&[c(500, "CAD"), Value::Null, t("en-CA")]), "$5.00");
        assert_eq!(fmt(&[c(500, "JPY")]), "¥500");
        assert_eq!(fmt(&[c(1234567, "BHD")]), "BHD 1,234.567");
        assert_eq!(fmt(&[c(4999, "USD")]), "$49.99");
        assert_eq!(fmt(&[dec("1.005"), t("USD")]), "$1.01");
        assert_eq!(fmt(&[dec("1234.5"), t("JPY")]), "¥1,235");
        assert_eq!(fmt(&[dec("1234.5"), t("CHF")]), "CHF 1,234.50");
        assert_eq!(fmt(&[num(2500), t("EUR"), t("$0,0")]), "€2,500");
        assert_eq!(fmt(&[num(5)]), "$5.00");
        assert_eq!(
            fmt(&[dec("2500.5"), t("EUR"), Value::Null, t("de-DE")]),
            "2.500,50 €"
        );
        assert_eq!(fmt(&[dec("-0.001"), t("USD")]), "$0.00");
    }

    #[test]
    fn format_currency_session_locale() {
        let session = crate::session::Session {
            locale: "de-DE".into(),
            ..Default::default()
        };
        let v = crate::builtins::args::testing::call_with(
            &session,
            "FORMAT_CURRENCY",
            &[num(1234), t("EUR")],
        )
        .unwrap();
        assert_eq!(v.as_text(), Some("1.234,00 €"));
    }

    #[test]
    fn format_currency_errors() {
        let usd = Value::Currency(cur(&[num(100)]));
        assert!(call("FORMAT_CURRENCY", &[Value::Null]).unwrap().is_null());
        assert_eq!(
            err("FORMAT_CURRENCY", &[usd.clone(), t("abc")]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("FORMAT_CURRENCY", &[usd.clone(), t("USD")]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("FORMAT_CURRENCY", &[num(10), t("US")]),
            ErrorKind::Argument
        );
        assert_eq!(
            err("FORMAT_CURRENCY", &[usd.clone(), num(2)]),
            ErrorKind::Type
        );
        assert_eq!(
            err("FORMAT_CURRENCY", &[usd.clone(), Value::Null, num(2)]),
            ErrorKind::Type
        );
        assert_eq!(err("FORMAT_CURRENCY", &[num(1), num(2)]), ErrorKind::Type);
        assert_eq!(
            err(
                "FORMAT_CURRENCY",
                &[usd, Value::Null, Value::Null, t("en-US")]
            ),
            ErrorKind::Argument
        );
        let e = call("FORMAT_CURRENCY", &[num(1), t("USD"), t("x")]).unwrap_err();
        assert_eq!((e.kind(), e.arg()), (ErrorKind::Argument, Some(2)));
    }

    #[test]
    fn parse_errors_name_the_character_and_the_separators() {
        let e = call("PARSE_CURRENCY", &[t("$1.2.3")]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Format);
        assert_eq!(
            e.message(),
            "PARSE_CURRENCY: \"$1.2.3\" is not an amount of money (group separator ',', \
             decimal separator '.'): at character 5, unexpected character, found '.'"
        );
        let e = call("PARSE_CURRENCY", &[t("1,234.56 €"), t("de-DE")]).unwrap_err();
        assert_eq!(
            e.message(),
            "PARSE_CURRENCY: \"1,234.56 €\" is not an amount of money (group separator '.', \
             decimal separator ','): at character 6, expected a currency symbol or code, found '.'"
        );
        let huge = format!("${}", "9".repeat(30));
        assert_eq!(err("PARSE_CURRENCY", &[t(&huge)]), ErrorKind::Arithmetic);
        let many = format!("$1.{}", "0".repeat(19));
        assert_eq!(err("PARSE_CURRENCY", &[t(&many)]), ErrorKind::Format);
    }
}
