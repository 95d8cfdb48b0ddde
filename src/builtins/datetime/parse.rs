//! Built-ins that read dates and times from text (functions-time-math.md
//! §3.9): DATETIME_FROM_FORMAT, DATE_FROM_FORMAT, TIME_FROM_FORMAT, with the
//! default ISO 8601 reader (§4.5) or a format (§4.4).
//!
//! The reading itself is [`crate::builtins::format::datetime_parse`]; this
//! file picks the zone (UTC unless one is given, §1.4), places a wall-clock
//! reading in it (§1.5) and turns mismatches into `FormatError`s that name
//! the text, the format and the character where reading failed.

use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Zoned;

use super::super::{CallCtx, Category, FunctionSpec};
use super::calendar::in_range;
use super::{place, zone_named};
use crate::builtins::excerpt::excerpt;
use crate::builtins::format::datetime::pieces;
use crate::builtins::format::datetime_parse::{
    is_fraction, read_iso, read_pieces, resolve, unreadable_token, IsoKind, Mismatch, Reading,
};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::Value;

#[cfg(test)]
mod tests;

const C: Category = Category::DateTime;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "DATETIME_FROM_FORMAT",
        C,
        &[sig!(datetime_from_format(
            text: &str,
            format: Option<&str>,
            time_zone: Option<&str>
        ) -> DATETIME)],
        "Reads a DateTime from text, ISO 8601 or with a format such as \"MM/DD/YYYY h:mm A\" (default zone UTC)",
    )
    .volatile()
    .session(),
    FunctionSpec::new(
        "DATE_FROM_FORMAT",
        C,
        &[sig!(date_from_format(
            text: &str,
            format: Option<&str>,
            time_zone: Option<&str>
        ) -> DATE)],
        "Reads a Date from text, ISO 8601 or with a format such as \"DD/MM/YYYY\"",
    )
    .volatile()
    .session(),
    FunctionSpec::new(
        "TIME_FROM_FORMAT",
        C,
        &[sig!(time_from_format(
            text: &str,
            format: Option<&str>,
            time_zone: Option<&str>
        ) -> TIME)],
        "Reads a Time from text, ISO 8601 (09:41:30) or with a format such as \"h:mm A\"",
    )
    .volatile()
    .session(),
];

/// The `FormatError` of a text that does not match its format or the ISO
/// grammar.
fn mismatch(
    cx: &CallCtx<'_>,
    text: &str,
    format: Option<&str>,
    iso: IsoKind,
    m: Mismatch,
) -> Error {
    let against = match format {
        Some(f) => excerpt(f),
        None => format!("ISO 8601 ({})", iso.shapes()),
    };
    let e = cx
        .format_error(
            0,
            format!(
                "{} does not match {against} at character {}: {}",
                excerpt(text),
                m.column,
                m.message
            ),
        )
        .at_char(m.column.saturating_sub(1));
    if format.is_none() {
        e.with_help("give a format as the second argument to read other shapes, such as \"DD/MM/YYYY h:mm A\"")
    } else {
        e
    }
}

/// Reads `text` with `format` (or the ISO reader of `iso`), in the zone named
/// `zone` (default UTC). Gives the reading and the zone.
fn read(
    cx: &CallCtx<'_>,
    text: &str,
    format: Option<&str>,
    zone: Option<&str>,
    iso: IsoKind,
) -> Result<(Reading, TimeZone)> {
    let fname = cx.name();
    let tz = match zone {
        Some(name) => zone_named(fname, name).map_err(|e| e.at_arg(2))?,
        None => TimeZone::UTC,
    };
    let fields = match format {
        None => read_iso(text, iso),
        Some(f) => {
            // The format is read twice, piece by piece with a tick for each,
            // rather than listed: first to check it (a malformed format is
            // the error before a token that cannot be read), then to read
            // the text.
            let mut unreadable = None;
            let mut fraction_token = false;
            for piece in pieces(f) {
                cx.budget.tick()?;
                let piece = piece.map_err(|e| {
                    let refused = cx.argument_error(e.message()).at_arg(1);
                    match e.help() {
                        Some(help) => refused.with_help(help),
                        None => refused,
                    }
                })?;
                fraction_token |= is_fraction(&piece);
                if unreadable.is_none() {
                    unreadable = unreadable_token(std::slice::from_ref(&piece));
                }
            }
            if let Some((token, meaning)) = unreadable {
                return Err(cx
                    .domain_error(
                        1,
                        format!("uses the token {token:?} ({meaning}), which cannot be read from text"),
                    )
                    .with_help(
                        "parsing reads Y YY YYYY M MM MMM MMMM D DD Do d dd ddd dddd H HH h hh k kk m mm s ss S… A a Z ZZ X x; put letters to copy in brackets: \"[at]\"",
                    ));
            }
            read_pieces(pieces(f).flatten(), fraction_token, text, |_| {
                cx.budget.tick()
            })?
        }
    };
    let today = cx.session.clock.now().to_zoned(tz.clone()).date();
    let reading = fields
        .and_then(|f| resolve(&f, today, &tz))
        .map_err(|m| mismatch(cx, text, format, iso, m))?;
    Ok((reading, tz))
}

/// An instant shown in `tz`; its wall-clock date must be in the years 1–9999.
fn in_zone(cx: &CallCtx<'_>, text: &str, z: Zoned) -> Result<Zoned> {
    if in_range(z.date()) {
        Ok(z)
    } else {
        Err(cx.format_error(
            0,
            format!(
                "{} gives a date outside the years 1–9999 in {}",
                excerpt(text),
                z.time_zone().iana_name().unwrap_or("the zone")
            ),
        ))
    }
}

/// `DATETIME_FROM_FORMAT(text [, format [, time_zone]])`.
fn datetime_from_format(
    cx: &CallCtx<'_>,
    text: &str,
    format: Option<&str>,
    zone: Option<&str>,
) -> Result<Value> {
    let (reading, tz) = read(cx, text, format, zone, IsoKind::DateOrDateTime)?;
    let z = match reading {
        Reading::Instant(ts) => ts.to_zoned(tz),
        Reading::Wall(dt) => place(cx.name(), dt.date(), dt.time(), tz).map_err(|_| {
            cx.format_error(
                0,
                format!(
                    "{} gives a date and time outside the supported range (years 1 to 9999-12-30)",
                    excerpt(text)
                ),
            )
        })?,
    };
    Ok(Value::DateTime(Arc::new(in_zone(cx, text, z)?)))
}

/// `DATE_FROM_FORMAT(text [, format [, time_zone]])`: a wall-clock reading
/// gives its date as it is; an instant gives its date in the zone.
fn date_from_format(
    cx: &CallCtx<'_>,
    text: &str,
    format: Option<&str>,
    zone: Option<&str>,
) -> Result<Value> {
    let (reading, tz) = read(cx, text, format, zone, IsoKind::DateOrDateTime)?;
    Ok(Value::Date(match reading {
        Reading::Wall(dt) => dt.date(),
        Reading::Instant(ts) => in_zone(cx, text, ts.to_zoned(tz))?.date(),
    }))
}

/// `TIME_FROM_FORMAT(text [, format [, time_zone]])`: a wall-clock reading
/// gives its time as it is; an instant gives its time in the zone.
fn time_from_format(
    cx: &CallCtx<'_>,
    text: &str,
    format: Option<&str>,
    zone: Option<&str>,
) -> Result<Value> {
    let (reading, tz) = read(cx, text, format, zone, IsoKind::TimeOrDateTime)?;
    Ok(Value::Time(match reading {
        Reading::Wall(dt) => dt.time(),
        Reading::Instant(ts) => ts.to_zoned(tz).time(),
    }))
}
