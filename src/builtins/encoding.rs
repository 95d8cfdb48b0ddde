//! Built-ins of the encoding category (functions-text-data.md §11): BASE,
//! VALUE_OF, BASE64_ENCODE/DECODE (by the `base64` crate), URL_ENCODE/DECODE
//! (by `percent-encoding`). Byte-oriented functions work on the UTF-8 bytes of Text.

use base64::alphabet;
use base64::engine::general_purpose::{
    GeneralPurpose, GeneralPurposeConfig, STANDARD, URL_SAFE_NO_PAD,
};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::args::{any_null, checked_result, domain_error, number, option_word, text, whole};
use super::{opt, req, CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::value::Value;

const E: Category = Category::Encoding;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure(
        "BASE",
        E,
        &[req("number"), req("radix"), opt("min_length")],
        base,
        "the number written in base radix (digits 0-9, A-Z)",
    ),
    FunctionSpec::pure(
        "VALUE_OF",
        E,
        &[req("text"), opt("radix")],
        value_of,
        "the whole number a text writes in base radix (default 10)",
    ),
    FunctionSpec::pure(
        "BASE64_ENCODE",
        E,
        &[req("data"), opt("variant")],
        base64_encode,
        "the Base64 form of the text's UTF-8 bytes (\"STANDARD\" or \"URL\")",
    ),
    FunctionSpec::pure(
        "BASE64_DECODE",
        E,
        &[req("text")],
        base64_decode,
        "the text whose UTF-8 bytes a Base64 text encodes",
    ),
    FunctionSpec::pure(
        "URL_ENCODE",
        E,
        &[req("text"), opt("mode")],
        url_encode,
        "the text percent-encoded for a URL (\"COMPONENT\" or \"FORM\")",
    ),
    FunctionSpec::pure(
        "URL_DECODE",
        E,
        &[req("text"), opt("mode")],
        url_decode,
        "percent-encoded text decoded (\"COMPONENT\" or \"FORM\")",
    ),
];

const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A radix argument: a whole number 2–36.
fn radix(args: &[Value], i: usize, f: &str) -> Result<Option<u32>> {
    match whole(args, i, f)? {
        None => Ok(None),
        Some(r @ 2..=36) => Ok(Some(r as u32)),
        Some(r) => Err(domain_error(
            f,
            i,
            format!("must be between 2 and 36, got {r}"),
        )),
    }
}

fn base(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "BASE";
    if any_null(args, 2) {
        return Ok(Value::Null);
    }
    let n = number(args, 0, F)?.unwrap_or_default().trunc();
    let r = radix(args, 1, F)?.unwrap_or(10);
    let min_len = match whole(args, 2, F)? {
        None => 0,
        Some(m @ 0..=255) => m as usize,
        Some(m) => {
            return Err(domain_error(
                F,
                2,
                format!("must be between 0 and 255, got {m}"),
            ))
        }
    };
    // |n| < 2^96, so it fits an i128.
    let mut mag = n.abs().to_i128().unwrap_or(0).unsigned_abs();
    let mut digits = Vec::new();
    while mag > 0 {
        digits.push(DIGITS[(mag % u128::from(r)) as usize]);
        mag /= u128::from(r);
    }
    while digits.len() < min_len.max(1) {
        digits.push(b'0');
    }
    let mut out = String::with_capacity(digits.len() + 1);
    if n.is_sign_negative() && !n.is_zero() {
        out.push('-');
    }
    out.extend(digits.iter().rev().map(|&b| b as char));
    Ok(Value::from(out))
}

fn value_of(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "VALUE_OF";
    let Some(t) = text(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let r = radix(args, 1, F)?.unwrap_or(10);
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if body.is_empty() {
        return Err(Error::format(format!("VALUE_OF: \"{t}\" has no digits")));
    }
    let limit: u128 = 10u128.pow(28);
    let mut acc: u128 = 0;
    for c in body.chars() {
        let Some(d) = c.to_digit(r) else {
            return Err(Error::format(format!(
                "VALUE_OF: \"{c}\" is not a digit in base {r} (in \"{t}\")"
            ))
            .at_arg(0));
        };
        acc = acc * u128::from(r) + u128::from(d);
        if acc >= limit {
            return Err(Error::arithmetic(format!(
                "VALUE_OF: \"{t}\" is too large (10^28 or more)"
            )));
        }
    }
    let n = Decimal::from_i128_with_scale(acc as i128, 0);
    checked_result(F, if negative { -n } else { n })
}

/// Decoding: the standard alphabet (the URL one is mapped onto it first),
/// padding optional but never misplaced, bits past the last byte ignored.
const B64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Base64 of `bytes` (RFC 4648); the URL alphabet goes without padding.
pub fn b64_encode(bytes: &[u8], url: bool) -> String {
    if url {
        URL_SAFE_NO_PAD.encode(bytes)
    } else {
        STANDARD.encode(bytes)
    }
}

/// Decodes Base64 in either alphabet, padding optional, whitespace ignored.
pub fn b64_decode(s: &str) -> std::result::Result<Vec<u8>, String> {
    let clean: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| match b {
            b'-' => b'+',
            b'_' => b'/',
            _ => b,
        })
        .collect();
    let misplaced = || "misplaced \"=\" padding".to_string();
    // Padding, when present, completes the last group of four.
    if clean.last() == Some(&b'=') && clean.len() % 4 != 0 {
        return Err(misplaced());
    }
    B64_LENIENT.decode(&clean).map_err(|e| match e {
        DecodeError::InvalidByte(_, b'=') | DecodeError::InvalidPadding => misplaced(),
        DecodeError::InvalidByte(_, b) if b.is_ascii() => {
            format!("\"{}\" is not a Base64 character", b as char)
        }
        DecodeError::InvalidByte(..) => "a non-ASCII character is not Base64".to_string(),
        DecodeError::InvalidLength(_) => "its length cannot be Base64".to_string(),
        other => other.to_string(),
    })
}

fn base64_encode(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "BASE64_ENCODE";
    let Some(t) = text(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let url = option_word(args, 1, F, &["STANDARD", "URL"])? == Some(1);
    Ok(Value::from(b64_encode(t.as_bytes(), url)))
}

fn base64_decode(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "BASE64_DECODE";
    let Some(t) = text(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let bytes = b64_decode(t)
        .map_err(|m| Error::format(format!("BASE64_DECODE: not Base64: {m}")).at_arg(0))?;
    let s = String::from_utf8(bytes).map_err(|_| {
        Error::format("BASE64_DECODE: the decoded bytes are not UTF-8 text").at_arg(0)
    })?;
    Ok(Value::from(s))
}

/// Everything but the RFC 3986 unreserved characters is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn url_encode(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "URL_ENCODE";
    let Some(t) = text(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let form = option_word(args, 1, F, &["COMPONENT", "FORM"])? == Some(1);
    let mut out = String::with_capacity(t.len());
    for piece in t.split(' ').enumerate() {
        if piece.0 > 0 {
            out.push_str(if form { "+" } else { "%20" });
        }
        out.extend(utf8_percent_encode(piece.1, COMPONENT));
    }
    Ok(Value::from(out))
}

fn url_decode(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    const F: &str = "URL_DECODE";
    let Some(t) = text(args, 0, F)? else {
        return Ok(Value::Null);
    };
    let form = option_word(args, 1, F, &["COMPONENT", "FORM"])? == Some(1);
    let bytes = t.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| {
                        u8::from_str_radix(h, 16)
                            .ok()
                            .filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit()))
                    });
                let Some(v) = hex else {
                    return Err(Error::format(format!(
                        "URL_DECODE: \"%\" at byte {i} is not followed by two hex digits"
                    ))
                    .at_arg(0));
                };
                out.push(v);
                i += 3;
            }
            b'+' if form => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    let s = String::from_utf8(out)
        .map_err(|_| Error::format("URL_DECODE: the decoded bytes are not UTF-8 text").at_arg(0))?;
    Ok(Value::from(s))
}

#[cfg(test)]
mod tests;
