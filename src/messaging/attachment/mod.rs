//! Email attachments read from Asset values (functions-text-data.md §10.1):
//! the name, media type and bytes that the MIME builder attaches.
//!
//! An attachment comes from an Asset, or from an Object of the same shape
//! (`{uri, name?, type?}`). Its URI is a `data:` URI (RFC 2397), a `file:` URI
//! or a path starting with `/`, `./` or `../` (relative paths resolve against
//! the caller's base directory). `asset://` references need an asset store,
//! which this layer does not have, so they are refused.

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::asset::{
    self, data_uri, media_type_for_extension, media_types, Location, Problem, OCTET_STREAM,
};
use crate::value::{ObjectMap, Value};

/// The most bytes one attachment may hold (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// One file to attach: its name, its lower-case `type/subtype`, its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Reads an attachment from an Asset value, or an asset-shaped Object
/// `{uri, name?, type?}`. Relative paths resolve against `base_dir`.
///
/// The name is the given one, else a `data:` URI's `name` parameter, else a
/// file's last path segment, else `asset` plus the extension of the media
/// type. The media type is the given one, else a `data:` URI's, else the one
/// of the file's extension, else `application/octet-stream`.
///
/// `Err` is a user-facing predicate without its subject ("is a Number, not
/// an Asset"); the caller names the field (`attachments[2] ...`).
pub fn read(value: &Value, base_dir: &Path) -> Result<Attachment, String> {
    let (uri, record): (&str, &ObjectMap) = match value {
        Value::Asset(asset) => (&asset.uri, &asset.record),
        Value::Object(object) => match object.get("uri") {
            Some(Value::Text(uri)) => (uri, object),
            Some(other) => {
                return Err(format!(
                    "is an Object whose uri is a {}, not Text",
                    other.type_name()
                ))
            }
            None => return Err("is an Object without a uri, not an Asset".to_owned()),
        },
        other => return Err(format!("is a {}, not an Asset", other.type_name())),
    };
    let given_name = text_field(record, "name")?;
    let given_type = match text_field(record, "type")? {
        Some(t) => {
            Some(media_types::normalise(&t).ok_or_else(|| format!("has an invalid type \"{t}\""))?)
        }
        None => None,
    };
    let content = content(uri, base_dir)?;
    let media_type = given_type
        .or(content.media_type)
        .or_else(|| {
            let by_name = |n: &Option<String>| n.as_deref().and_then(media_type_for_extension);
            by_name(&content.name)
                .or_else(|| by_name(&given_name))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| OCTET_STREAM.to_owned());
    let name = given_name
        .or(content.name)
        .unwrap_or_else(|| asset::default_name(&media_type));
    Ok(Attachment {
        name,
        media_type,
        bytes: content.bytes,
    })
}

/// The sentence for content over [`MAX_BYTES`].
fn too_large() -> String {
    format!(
        "is larger than the {} MiB limit for an attachment",
        MAX_BYTES / (1024 * 1024)
    )
}

/// A Text field of the record; `NULL`, missing or blank is `None`.
fn text_field(record: &ObjectMap, key: &str) -> Result<Option<String>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(Value::Text(t)) => Ok(Some(t.to_string())),
        Some(other) => Err(format!(
            "has a {key} that is a {}, not Text",
            other.type_name()
        )),
    }
}

/// What a URI holds, with the name and type it gives, if any.
struct Content {
    bytes: Vec<u8>,
    name: Option<String>,
    media_type: Option<String>,
}

fn content(uri: &str, base_dir: &Path) -> Result<Content, String> {
    let problem = |p: Problem| match p {
        Problem::Malformed(m) => m,
        Problem::TooLarge => too_large(),
    };
    let path = match asset::locate(uri)? {
        Location::Data => {
            let data = data_uri::decode(uri, MAX_BYTES).map_err(problem)?;
            return Ok(Content {
                bytes: data.bytes,
                name: data.name,
                media_type: Some(data.media_type),
            });
        }
        Location::Store(_) => {
            return Err(
                "is an asset:// reference, and there is no asset store here to read it from"
                    .to_owned(),
            )
        }
        Location::File(path) => asset::absolute(&path, base_dir),
    };
    let bytes = asset::read_file(&path, MAX_BYTES).map_err(problem)?;
    Ok(Content {
        bytes,
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        media_type: None,
    })
}
