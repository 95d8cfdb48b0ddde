//! Asset functions (functions-text-data.md §10): URI_TO_ASSET, ASSET_TO_URI,
//! ASSET_SIZE, ASSET_TYPE, ASSET_STATE, ASSET_THUMBNAIL_URL. What an Asset is
//! and how its content is found is [`crate::asset`].

#[cfg(test)]
mod tests;

use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::args::Bytes;
use super::{CallCtx, Category, FunctionSpec};
use crate::asset::{self, AssetError};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::{Asset, Value};

const A: Category = Category::Asset;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "URI_TO_ASSET",
        A,
        &[sig!(uri_to_asset(uri: &str, name: Option<&str>, r#type: Option<&str>) -> ASSET)],
        "an Asset made from a data: URI, a local file or an asset:// reference",
    )
    .session(),
    FunctionSpec::new(
        "ASSET_TO_URI",
        A,
        &[sig!(asset_to_uri(asset: &Asset, form: Option<&str>) -> TEXT | NULL)],
        "the Asset's URI (\"ORIGINAL\"), or a data: URI carrying its content (\"DATA\")",
    )
    .session(),
    FunctionSpec::new(
        "ASSET_SIZE",
        A,
        &[sig!(asset_size(asset: &Asset) -> NUMBER | NULL)],
        "the Asset's size in bytes; NULL when its content cannot be read",
    ),
    FunctionSpec::new(
        "ASSET_TYPE",
        A,
        &[sig!(asset_type(asset: &Asset) -> TEXT)],
        "the Asset's media type, such as application/pdf",
    ),
    FunctionSpec::new(
        "ASSET_STATE",
        A,
        &[sig!(asset_state(asset: &Asset) -> TEXT)],
        "\"ACTIVE\" when the Asset's content can be read, else \"MISSING\"",
    ),
    FunctionSpec::new(
        "ASSET_THUMBNAIL_URL",
        A,
        &[sig!(asset_thumbnail_url(asset: &Asset) -> TEXT | NULL)],
        "a URI of a small picture of the Asset: an image is its own; NULL for others",
    ),
];

/// The error of the built-in `cx` for an Asset that could not be made or read;
/// `i` is the argument blamed.
pub fn asset_error(cx: &CallCtx<'_>, i: usize, e: AssetError) -> Error {
    match e {
        AssetError::Format(m) => cx.format_error(i, format!("the URI {m}")),
        AssetError::Name(m) => cx.domain_error(1, m),
        AssetError::Type(m) => cx.domain_error(2, m),
        AssetError::NoFileAccess => Error::effect(format!(
            "{}: reading local files is not granted here",
            cx.name()
        ))
        .at_arg(i)
        .with_help(
            "script runs, the REPL and air eval may read files; an embedding grants it with Session::with_files",
        ),
        AssetError::TooLarge => Error::limit(format!(
            "{}: the content is larger than the limit of {} bytes",
            cx.name(),
            asset::MAX_BYTES
        )),
    }
}

/// The bytes of an Asset for a function that needs them (hashes, Base64,
/// `"DATA"` URIs); `None` when its content cannot be read.
pub fn asset_bytes(cx: &CallCtx<'_>, i: usize, a: &Asset) -> Result<Option<Arc<[u8]>>> {
    asset::bytes(a, cx.session).map_err(|e| asset_error(cx, i, e))
}

/// The bytes of argument `i`, a Text (its UTF-8) or an Asset; `None` when
/// the Asset's content cannot be read (the result is then `NULL`).
pub fn data_bytes(cx: &CallCtx<'_>, i: usize, data: Bytes<'_>) -> Result<Option<Arc<[u8]>>> {
    match data {
        Bytes::Text(t) => Ok(Some(Arc::from(t.as_bytes()))),
        Bytes::Asset(a) => asset_bytes(cx, i, a),
    }
}

fn uri_to_asset(
    cx: &CallCtx<'_>,
    uri: &str,
    name: Option<&str>,
    media_type: Option<&str>,
) -> Result<Value> {
    let made = asset::make(uri, name, media_type, cx.session).map_err(|e| asset_error(cx, 0, e))?;
    Ok(Value::Asset(Arc::new(made)))
}

fn asset_to_uri(cx: &CallCtx<'_>, a: &Asset, form: Option<&str>) -> Result<Value> {
    let data = match form {
        Some(w) => cx.option_word(1, w, &["ORIGINAL", "DATA"])? == 1,
        None => false,
    };
    if data {
        let Some(bytes) = asset_bytes(cx, 0, a)? else {
            return Ok(Value::Null);
        };
        let encoded = STANDARD.encode(&bytes);
        cx.check_text_size(encoded.len() as u128 + 64)?;
        return Ok(Value::text(format!(
            "data:{};base64,{encoded}",
            asset::field(a, "type")
        )));
    }
    Ok(Value::text(original_uri(a)))
}

/// The URI the Asset was made from; a path as an absolute `file:` URI.
fn original_uri(a: &Asset) -> String {
    match asset::locate(&a.uri) {
        Ok(asset::Location::File(p))
            if asset::strip_prefix_ignore_case(&a.uri, "file:").is_none() =>
        {
            asset::file_uri(&p)
        }
        _ => a.uri.to_string(),
    }
}

fn asset_size(_cx: &CallCtx<'_>, a: &Asset) -> Value {
    a.record.get("size").cloned().unwrap_or_default()
}

fn asset_type(_cx: &CallCtx<'_>, a: &Asset) -> Value {
    Value::text(asset::field(a, "type"))
}

fn asset_state(_cx: &CallCtx<'_>, a: &Asset) -> Value {
    Value::text(asset::field(a, "state"))
}

fn asset_thumbnail_url(_cx: &CallCtx<'_>, a: &Asset) -> Value {
    let image = asset::IMAGE_TYPES.contains(&asset::field(a, "type"));
    if image && asset::is_active(a) {
        Value::text(original_uri(a))
    } else {
        Value::Null
    }
}
