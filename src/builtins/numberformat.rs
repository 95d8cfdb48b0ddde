//! Built-ins of the numberformat category (functions-text-data.md §8):
//! FORMAT_NUMBER, PARSE_NUMBER, ROMAN and ARABIC.

pub(crate) mod parse;
mod roman;

use rust_decimal::Decimal;

use self::parse::Problem;
use super::args::{ArgError, FromArg, Trunc};
use super::excerpt::excerpt;
use super::format::number;
use super::format::Locale;
use super::{CallCtx, Category, FunctionSpec, Ty};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

const N: Category = Category::NumberFormat;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "FORMAT_NUMBER",
        N,
        &[sig!(format_number(number: Decimal, format: Option<&str>, locale: Option<&str>) -> TEXT)],
        "A Number as text with a d3 format specifier (\",.2f\", \".1%\", \"05\") and the locale's separators",
    )
    .session(),
    FunctionSpec::new(
        "PARSE_NUMBER",
        N,
        &[sig!(parse_number(text: &str, locale: Option<&str>) -> NUMBER)],
        "the Number a text writes for people (\"1,234.5\", \"12.5%\", \"(42)\"), with the locale's separators",
    )
    .session(),
    FunctionSpec::new(
        "ROMAN",
        N,
        &[sig!(roman(number: Trunc, form: Option<Form>) -> TEXT)],
        "the classic Roman numeral of a whole number 0-3999 (\"MCMXCIX\")",
    ),
    FunctionSpec::new(
        "ARABIC",
        N,
        &[sig!(arabic(text: &str) -> NUMBER)],
        "the Number a Roman numeral writes, read leniently as Excel does",
    ),
];

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

/// `PARSE_NUMBER(text [, locale])`: the grammar is in [`parse`].
fn parse_number(cx: &CallCtx<'_>, text: &str, locale: Option<&str>) -> Result<Decimal> {
    let locale = Locale::of(locale.unwrap_or(&cx.session.locale));
    let (group, decimal) = (locale.group(), locale.decimal());
    parse::parse_number(text, group, decimal).map_err(|problem| match problem {
        Problem::Overflow => cx.overflow(),
        Problem::Unreadable { at, what } => cx
            .format_error(
                0,
                format!(
                "{} is not a number (group separator {group:?}, decimal separator {decimal:?}): \
                 at character {}, {what}",
                excerpt(text),
                at + 1
            ),
            )
            .at_char(at),
    })
}

/// ROMAN's `form`: Excel's Number 0–4 or Boolean, of which only the
/// classic form (`0` or `TRUE`) is supported.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    Number(Decimal),
    Boolean(bool),
}

impl<'a> FromArg<'a> for Form {
    const TY: Ty = Ty::NUMBER.or(Ty::BOOLEAN);
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        match args.get(i) {
            Some(Value::Number(n)) => Ok(Form::Number(*n)),
            Some(Value::Bool(b)) => Ok(Form::Boolean(*b)),
            _ => Err(ArgError::Type(Self::TY)),
        }
    }
}

/// `ROMAN(number [, form])`.
fn roman(cx: &CallCtx<'_>, n: Trunc, form: Option<Form>) -> Result<String> {
    match form {
        None | Some(Form::Boolean(true)) => {}
        Some(Form::Number(f)) if f.is_zero() => {}
        Some(_) => {
            return Err(cx.domain_error(
                1,
                "must be 0 or TRUE (the classic form); Excel's concise forms are not supported",
            ))
        }
    }
    match u16::try_from(n.0) {
        Ok(n @ 0..=3999) => Ok(roman::to_roman(n)),
        _ => Err(cx.domain_error(0, format!("must be between 0 and 3999, got {}", n.0))),
    }
}

/// `ARABIC(text)`.
fn arabic(cx: &CallCtx<'_>, text: &str) -> Result<Decimal> {
    // One linear pass that cannot stop half-way: the clock is looked at first.
    cx.budget.ticks_n(text.len())?;
    roman::from_roman(text).map(Decimal::from).map_err(|at| {
        let found = text
            .chars()
            .nth(at)
            .map_or_else(|| "the end".to_owned(), |c| format!("{c:?}"));
        cx.format_error(
            0,
            format!(
                "{} is not a Roman numeral: at character {}, expected one of I V X L C D M, found {found}",
                excerpt(text),
                at + 1
            ),
        )
        .at_char(at)
    })
}

#[cfg(test)]
mod tests;
