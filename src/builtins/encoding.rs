//! Built-ins of the encoding category (functions-text-data.md §11): the ones
//! that need no extra crate — BASE, VALUE_OF, BASE64_ENCODE/DECODE,
//! URL_ENCODE/DECODE. Byte-oriented functions work on the UTF-8 bytes of Text.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::args::Whole;
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
        &[sig!(base64_encode(data: &str, variant: Option<&str>) -> TEXT)],
        "the Base64 form of the text's UTF-8 bytes (\"STANDARD\" or \"URL\")",
    ),
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

const B64_STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64 of `bytes` (RFC 4648); the URL alphabet goes without padding.
pub fn b64_encode(bytes: &[u8], url: bool) -> String {
    let alphabet = if url { B64_URL } else { B64_STD };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(alphabet[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
        if !url {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes Base64 in either alphabet, padding optional, whitespace ignored.
pub fn b64_decode(s: &str) -> std::result::Result<Vec<u8>, String> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let body_len = clean.iter().rposition(|&b| b != b'=').map_or(0, |p| p + 1);
    let padding = clean.len() - body_len;
    if padding > 2 || (padding > 0 && clean.len() % 4 != 0) {
        return Err("misplaced \"=\" padding".into());
    }
    let body = clean.get(..body_len).unwrap_or_default();
    if body.len() % 4 == 1 {
        return Err("its length cannot be Base64".into());
    }
    let value = |c: u8| -> std::result::Result<u32, String> {
        match c {
            b'A'..=b'Z' => Ok(u32::from(c - b'A')),
            b'a'..=b'z' => Ok(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Ok(u32::from(c - b'0') + 52),
            b'+' | b'-' => Ok(62),
            b'/' | b'_' => Ok(63),
            _ => Err(format!("\"{}\" is not a Base64 character", c as char)),
        }
    };
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * k);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(bytes.get(..chunk.len() - 1).unwrap_or_default());
    }
    Ok(out)
}

/// An optional option word: its index among `words`, or `None` when not given.
fn word(cx: &CallCtx<'_>, i: usize, w: Option<&str>, words: &[&str]) -> Result<Option<usize>> {
    w.map(|w| cx.option_word(i, w, words)).transpose()
}

fn base64_encode(cx: &CallCtx<'_>, t: &str, variant: Option<&str>) -> Result<String> {
    let url = word(cx, 1, variant, &["STANDARD", "URL"])? == Some(1);
    Ok(b64_encode(t.as_bytes(), url))
}

fn base64_decode(cx: &CallCtx<'_>, t: &str) -> Result<String> {
    let bytes = b64_decode(t).map_err(|m| cx.format_error(0, format!("not Base64: {m}")))?;
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
    for piece in t.split(' ').enumerate() {
        if piece.0 > 0 {
            out.push_str(if form { "+" } else { "%20" });
        }
        out.extend(utf8_percent_encode(piece.1, COMPONENT));
    }
    Ok(out)
}

fn url_decode(cx: &CallCtx<'_>, t: &str, mode: Option<&str>) -> Result<String> {
    let form = word(cx, 1, mode, &["COMPONENT", "FORM"])? == Some(1);
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
