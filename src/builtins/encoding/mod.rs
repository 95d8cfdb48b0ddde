//! Built-ins of the encoding category (functions-text-data.md §11): BASE,
//! VALUE_OF, BASE64_ENCODE/DECODE (by the `base64` crate), URL_ENCODE/DECODE
//! (by `percent-encoding`), the digests and HMACs ([`digest`]) and UUID.
//! Byte-oriented functions work on the UTF-8 bytes of Text or an Asset's bytes.

mod digest;

use digest::{hmac_md5, hmac_sha1, hmac_sha256, md5, sha1, sha256};

use base64::alphabet;
use base64::engine::general_purpose::{
    GeneralPurpose, GeneralPurposeConfig, STANDARD, URL_SAFE_NO_PAD,
};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::args::{Bytes, Whole};
use super::asset::data_bytes;
use super::format::bounded::{chunks, room_for, CHUNK};
use super::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::Value;

const E: Category = Category::Encoding;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "BASE",
        E,
        &[sig!(base(number: Decimal, radix: Whole, min_length: Option<Whole>) -> TEXT)],
        "the number written in base radix (digits 0-9, A-Z)",
    ),
    FunctionSpec::new(
        "VALUE_OF",
        E,
        &[sig!(value_of(text: &str, radix: Option<Whole>) -> NUMBER)],
        "the whole number a text writes in base radix (default 10)",
    ),
    FunctionSpec::new(
        "BASE64_ENCODE",
        E,
        &[sig!(base64_encode(data: Bytes, variant: Option<&str>) -> TEXT | NULL)],
        "the Base64 form of a text's UTF-8 bytes or an Asset's bytes (\"STANDARD\" or \"URL\")",
    )
    .session(),
    FunctionSpec::new(
        "BASE64_DECODE",
        E,
        &[sig!(base64_decode(text: &str) -> TEXT)],
        "the text whose UTF-8 bytes a Base64 text encodes",
    ),
    FunctionSpec::new(
        "URL_ENCODE",
        E,
        &[sig!(url_encode(text: &str, mode: Option<&str>) -> TEXT)],
        "the text percent-encoded for a URL (\"COMPONENT\" or \"FORM\")",
    ),
    FunctionSpec::new(
        "URL_DECODE",
        E,
        &[sig!(url_decode(text: &str, mode: Option<&str>) -> TEXT)],
        "percent-encoded text decoded (\"COMPONENT\" or \"FORM\")",
    ),
    FunctionSpec::new(
        "MD5",
        E,
        &[sig!(md5(data: Bytes, encoding: Option<&str>) -> TEXT | NULL)],
        "the MD-5 digest (RFC 1321) of a text or an Asset (\"HEX\", \"BASE64\" or \"BASE64URL\")",
    )
    .session(),
    FunctionSpec::new(
        "SHA1",
        E,
        &[sig!(sha1(data: Bytes, encoding: Option<&str>) -> TEXT | NULL)],
        "the SHA-1 digest of a text or an Asset (\"HEX\", \"BASE64\" or \"BASE64URL\")",
    )
    .session(),
    FunctionSpec::new(
        "SHA256",
        E,
        &[sig!(sha256(data: Bytes, encoding: Option<&str>) -> TEXT | NULL)],
        "the SHA-256 digest of a text or an Asset (\"HEX\", \"BASE64\" or \"BASE64URL\")",
    )
    .session(),
    FunctionSpec::new(
        "HMAC_MD5",
        E,
        &[sig!(hmac_md5(data: Bytes, key: &str, encoding: Option<&str>) -> TEXT | NULL)],
        "the HMAC (RFC 2104) with MD-5 of the data and the key (data first)",
    )
    .session(),
    FunctionSpec::new(
        "HMAC_SHA1",
        E,
        &[sig!(hmac_sha1(data: Bytes, key: &str, encoding: Option<&str>) -> TEXT | NULL)],
        "the HMAC (RFC 2104) with SHA-1 of the data and the key (data first)",
    )
    .session(),
    FunctionSpec::new(
        "HMAC_SHA256",
        E,
        &[sig!(hmac_sha256(data: Bytes, key: &str, encoding: Option<&str>) -> TEXT | NULL)],
        "the HMAC (RFC 2104) with SHA-256 of the data and the key (data first)",
    )
    .session(),
    FunctionSpec::new(
        "UUID",
        E,
        &[sig!(uuid() -> TEXT)],
        "a new random identifier (RFC 9562 version 4), lower-case 8-4-4-4-12",
    )
    .volatile(),
];

const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A radix argument: a whole number 2–36.
fn radix(cx: &CallCtx<'_>, i: usize, r: Option<Whole>) -> Result<u32> {
    match r {
        None => Ok(10),
        Some(Whole(r @ 2..=36)) => Ok(r as u32),
        Some(Whole(r)) => Err(cx.domain_error(i, format!("must be between 2 and 36, got {r}"))),
    }
}

fn base(cx: &CallCtx<'_>, n: Decimal, r: Whole, min_length: Option<Whole>) -> Result<String> {
    let n = n.trunc();
    let r = radix(cx, 1, Some(r))?;
    let min_len = match min_length {
        None => 0,
        Some(Whole(m @ 0..=255)) => m as usize,
        Some(Whole(m)) => {
            return Err(cx.domain_error(2, format!("must be between 0 and 255, got {m}")))
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
    Ok(out)
}

fn value_of(cx: &CallCtx<'_>, t: &str, r: Option<Whole>) -> Result<Value> {
    let r = radix(cx, 1, r)?;
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if body.is_empty() {
        return Err(Error::format(format!(
            "{}: \"{t}\" has no digits",
            cx.name()
        )));
    }
    let limit: u128 = 10u128.pow(28);
    let mut acc: u128 = 0;
    for c in body.chars() {
        let Some(d) = c.to_digit(r) else {
            return Err(cx.format_error(
                0,
                format!("\"{c}\" is not a digit in base {r} (in \"{t}\")"),
            ));
        };
        acc = acc * u128::from(r) + u128::from(d);
        if acc >= limit {
            return Err(Error::arithmetic(format!(
                "{}: \"{t}\" is too large (10^28 or more)",
                cx.name()
            )));
        }
    }
    let n = Decimal::from_i128_with_scale(acc as i128, 0);
    cx.checked(if negative { -n } else { n })
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

/// Decodes Base64 in either alphabet, padding optional, whitespace ignored;
/// the budget ticks as the text is read.
fn b64_decode(cx: &CallCtx<'_>, s: &str) -> Result<std::result::Result<Vec<u8>, String>> {
    let mut clean: Vec<u8> = Vec::with_capacity(s.len());
    for block in s.as_bytes().chunks(CHUNK) {
        cx.budget.ticks_n(block.len())?;
        clean.extend(
            block
                .iter()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|&b| match b {
                    b'-' => b'+',
                    b'_' => b'/',
                    _ => b,
                }),
        );
    }
    Ok(b64_decode_clean(&clean))
}

/// Decodes Base64 of the standard alphabet without whitespace.
fn b64_decode_clean(clean: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let misplaced = || "misplaced \"=\" padding".to_string();
    // Padding, when present, completes the last group of four.
    if clean.last() == Some(&b'=') && !clean.len().is_multiple_of(4) {
        return Err(misplaced());
    }
    B64_LENIENT.decode(clean).map_err(|e| match e {
        DecodeError::InvalidByte(_, b'=') | DecodeError::InvalidPadding => misplaced(),
        DecodeError::InvalidByte(_, b) if b.is_ascii() => {
            format!("\"{}\" is not a Base64 character", b as char)
        }
        DecodeError::InvalidByte(..) => "a non-ASCII character is not Base64".to_string(),
        DecodeError::InvalidLength(_) => "its length cannot be Base64".to_string(),
        other => other.to_string(),
    })
}

/// An optional option word: its index among `words`, or `None` when not given.
fn word(cx: &CallCtx<'_>, i: usize, w: Option<&str>, words: &[&str]) -> Result<Option<usize>> {
    w.map(|w| cx.option_word(i, w, words)).transpose()
}

fn base64_encode(cx: &CallCtx<'_>, data: Bytes<'_>, variant: Option<&str>) -> Result<Value> {
    let url = word(cx, 1, variant, &["STANDARD", "URL"])? == Some(1);
    let Some(bytes) = data_bytes(cx, 0, data)? else {
        return Ok(Value::Null);
    };
    cx.check_text_size(bytes.len() as u128 / 3 * 4 + 4)?;
    Ok(Value::text(b64_encode(&bytes, url)))
}

/// `UUID()`: version 4, from the operating system's secure random source.
fn uuid(_cx: &CallCtx<'_>) -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

fn base64_decode(cx: &CallCtx<'_>, t: &str) -> Result<String> {
    let bytes = b64_decode(cx, t)?.map_err(|m| cx.format_error(0, format!("not Base64: {m}")))?;
    String::from_utf8(bytes).map_err(|_| cx.format_error(0, "the decoded bytes are not UTF-8 text"))
}

/// Everything but the RFC 3986 unreserved characters is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn url_encode(cx: &CallCtx<'_>, t: &str, mode: Option<&str>) -> Result<String> {
    let form = word(cx, 1, mode, &["COMPONENT", "FORM"])? == Some(1);
    let mut out = String::with_capacity(t.len());
    // A stretch at a time (spaces and multi-byte characters never straddle
    // two), stopping at the size limit: encoding may triple the length.
    for chunk in chunks(t, CHUNK) {
        cx.budget.ticks_n(chunk.len())?;
        for (i, piece) in chunk.split(' ').enumerate() {
            if i > 0 {
                out.push_str(if form { "+" } else { "%20" });
            }
            out.extend(utf8_percent_encode(piece, COMPONENT));
        }
        room_for(cx, &out, 0)?;
    }
    Ok(out)
}

fn url_decode(cx: &CallCtx<'_>, t: &str, mode: Option<&str>) -> Result<String> {
    let form = word(cx, 1, mode, &["COMPONENT", "FORM"])? == Some(1);
    let bytes = t.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if i % CHUNK < 3 {
            cx.budget.ticks_n(CHUNK)?;
        }
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
                    return Err(cx.format_error(
                        0,
                        format!("\"%\" at byte {i} is not followed by two hex digits"),
                    ));
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
    String::from_utf8(out).map_err(|_| cx.format_error(0, "the decoded bytes are not UTF-8 text"))
}

#[cfg(test)]
mod tests;
