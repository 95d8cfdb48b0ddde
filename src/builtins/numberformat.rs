//! Built-ins of the numberformat category: FORMAT_NUMBER
//! (functions-text-data.md §8).

use rust_decimal::Decimal;

use super::format::number;
use super::format::Locale;
use super::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;

pub const FUNCTIONS: &[FunctionSpec] = &[FunctionSpec::new(
    "FORMAT_NUMBER",
    Category::NumberFormat,
    &[sig!(format_number(number: Decimal, format: Option<&str>, locale: Option<&str>) -> TEXT)],
    "A Number as text with a d3 format specifier (\",.2f\", \".1%\", \"05\") and the locale's separators",
)
.session()];

/// `FORMAT_NUMBER(number [, format [, locale]])`.
fn format_number(
    cx: &CallCtx<'_>,
    n: Decimal,
    format: Option<&str>,
    locale: Option<&str>,
) -> Result<String> {
    let locale = Locale::of(locale.unwrap_or(&cx.session.locale));
    let spec = number::Spec::parse(cx.name(), format.unwrap_or(""))?;
    Ok(number::format(n, &spec, locale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::value::Value;
    use std::str::FromStr;

    fn call(args: &[Value]) -> Result<Value> {
        crate::builtins::args::testing::call("FORMAT_NUMBER", args)
    }
    fn n(s: &str) -> Value {
        Value::Number(Decimal::from_str(s).unwrap())
    }
    fn t(s: &str) -> Value {
        Value::text(s)
    }
    fn ok(args: &[Value]) -> String {
        match call(args) {
            Ok(Value::Text(s)) => s.to_string(),
            other => panic!("{other:?}"),
        }
    }
    fn kind(args: &[Value]) -> ErrorKind {
        call(args).expect_err("an error").kind()
    }

    #[test]
    fn format_number_examples() {
        assert_eq!(ok(&[n("100001"), t(",")]), "100,001");
        assert_eq!(ok(&[n("100001"), t(".2f")]), "100001.00");
        assert_eq!(ok(&[n("3.1459"), t(".2f")]), "3.15");
        assert_eq!(ok(&[n("3.1459"), t(".2")]), "3.1");
        assert_eq!(ok(&[n("100001"), t(",.2f")]), "100,001.00");
        assert_eq!(ok(&[n("100001"), t("")]), "100001");
        assert_eq!(ok(&[n("100001")]), "100001");
        assert_eq!(ok(&[n("100001"), t(".2")]), "1e+5");
        assert_eq!(ok(&[n("3"), t("#")]), "3");
        assert_eq!(ok(&[n("1234.5"), t(",.2f"), t("de-DE")]), "1.234,50");
        assert_eq!(ok(&[n("1234.5"), t(",.2f"), t("DE")]), "1.234,50");
        assert_eq!(ok(&[n("0.1234"), t(".1%")]), "12.3%");
        assert_eq!(ok(&[n("42"), t("05")]), "00042");
        assert_eq!(ok(&[n("-1234"), t("(,")]), "(1,234)");
        assert_eq!(ok(&[n("1.005"), t(".2f")]), "1.01");
        assert_eq!(ok(&[n("5"), Value::Null]), "5");
        assert_eq!(ok(&[n("5.50"), Value::Null, Value::Null]), "5.5");
        assert_eq!(ok(&[n("2.5"), t("d")]), "3");
        assert_eq!(ok(&[n("1234"), t(",")]), "1,234");
    }

    #[test]
    fn session_locale() {
        let s = crate::session::Session {
            locale: "de-DE".into(),
            ..Default::default()
        };
        let v = crate::builtins::args::testing::call_with(
            &s,
            "FORMAT_NUMBER",
            &[n("1234.5"), t(",.1f")],
        )
        .unwrap();
        assert_eq!(v.as_text(), Some("1.234,5"));
    }

    #[test]
    fn format_number_errors() {
        assert!(call(&[Value::Null, t(",")]).unwrap().is_null());
        assert_eq!(kind(&[t("5"), t(",")]), ErrorKind::Type);
        assert_eq!(kind(&[Value::Bool(true)]), ErrorKind::Type);
        assert_eq!(kind(&[n("5"), n("2")]), ErrorKind::Type);
        assert_eq!(kind(&[n("5"), t(","), n("1")]), ErrorKind::Type);
        assert_eq!(kind(&[n("3.14"), t("0.00")]), ErrorKind::Argument);
        assert_eq!(kind(&[n("5"), t("abc")]), ErrorKind::Argument);
        assert_eq!(kind(&[n("5"), t(".2d")]), ErrorKind::Argument);
        let e = call(&[n("5"), t("abc")]).unwrap_err();
        assert_eq!(e.arg(), Some(1));
    }
}
