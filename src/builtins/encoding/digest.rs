//! Digests and HMACs (functions-text-data.md §11.5–11.6): MD5 (`md-5`),
//! SHA-1 (`sha1`), SHA-256 (`sha2`), HMAC (`hmac`) over the UTF-8 bytes of a
//! Text or the bytes of an Asset, written in hex, Base64 or Base64url.

use hmac::{Hmac, KeyInit, Mac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::super::args::Bytes;
use super::super::asset::data_bytes;
use super::b64_encode;
use crate::builtins::format::bounded::CHUNK;
use crate::builtins::CallCtx;
use crate::error::Result;
use crate::value::Value;

/// `digest` written in the `encoding` option word (argument `i`): `"HEX"`
/// (default, lower case), `"BASE64"`, `"BASE64URL"`.
fn written(cx: &CallCtx<'_>, i: usize, digest: &[u8], encoding: Option<&str>) -> Result<Value> {
    let form = match encoding {
        Some(w) => cx.option_word(i, w, &["HEX", "BASE64", "BASE64URL"])?,
        None => 0,
    };
    Ok(Value::text(match form {
        0 => hex(digest),
        1 => b64_encode(digest, false),
        _ => b64_encode(digest, true),
    }))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

fn digest_of<D: Digest>(cx: &CallCtx<'_>, d: Bytes<'_>, encoding: Option<&str>) -> Result<Value> {
    let Some(bytes) = data_bytes(cx, 0, d)? else {
        return Ok(Value::Null);
    };
    let mut d = D::new();
    for block in bytes.chunks(CHUNK) {
        cx.budget.ticks_n(block.len())?;
        d.update(block);
    }
    written(cx, 1, &d.finalize(), encoding)
}

fn hmac_of<M: Mac + KeyInit>(
    cx: &CallCtx<'_>,
    d: Bytes<'_>,
    key: &str,
    encoding: Option<&str>,
) -> Result<Value> {
    let Some(bytes) = data_bytes(cx, 0, d)? else {
        return Ok(Value::Null);
    };
    // HMAC takes a key of any length.
    let Ok(mut mac) = <M as KeyInit>::new_from_slice(key.as_bytes()) else {
        return Err(cx.domain_error(1, "cannot be used as an HMAC key"));
    };
    for block in bytes.chunks(CHUNK) {
        cx.budget.ticks_n(block.len())?;
        mac.update(block);
    }
    written(cx, 2, &mac.finalize().into_bytes(), encoding)
}

pub(super) fn md5(cx: &CallCtx<'_>, d: Bytes<'_>, encoding: Option<&str>) -> Result<Value> {
    digest_of::<Md5>(cx, d, encoding)
}

pub(super) fn sha1(cx: &CallCtx<'_>, d: Bytes<'_>, encoding: Option<&str>) -> Result<Value> {
    digest_of::<Sha1>(cx, d, encoding)
}

pub(super) fn sha256(cx: &CallCtx<'_>, d: Bytes<'_>, encoding: Option<&str>) -> Result<Value> {
    digest_of::<Sha256>(cx, d, encoding)
}

pub(super) fn hmac_md5(
    cx: &CallCtx<'_>,
    d: Bytes<'_>,
    key: &str,
    encoding: Option<&str>,
) -> Result<Value> {
    hmac_of::<Hmac<Md5>>(cx, d, key, encoding)
}

pub(super) fn hmac_sha1(
    cx: &CallCtx<'_>,
    d: Bytes<'_>,
    key: &str,
    encoding: Option<&str>,
) -> Result<Value> {
    hmac_of::<Hmac<Sha1>>(cx, d, key, encoding)
}

pub(super) fn hmac_sha256(
    cx: &CallCtx<'_>,
    d: Bytes<'_>,
    key: &str,
    encoding: Option<&str>,
) -> Result<Value> {
    hmac_of::<Hmac<Sha256>>(cx, d, key, encoding)
}
