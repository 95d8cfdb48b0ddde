//! Email attachments read from Asset values (functions-text-data.md §10.1):
//! the name, media type and bytes that the MIME builder attaches.
//!
//! An attachment comes from an Asset, or from an Object of the same shape
//! (`{uri, name?, type?}`). Its URI is a `data:` URI (RFC 2397), a `file:` URI
//! or a path starting with `/`, `./` or `../` (relative paths resolve against
//! the caller's base directory). `asset://` references need an asset store,
//! which this layer does not have, so they are refused.

mod data_uri;
mod media_types;
#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::value::{ObjectMap, Value};

pub use media_types::media_type_for_extension;

/// The most bytes one attachment may hold (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The media type of content whose type nothing tells.
const OCTET_STREAM: &str = "application/octet-stream";

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
    let name =
        given_name
            .or(content.name)
            .unwrap_or_else(
                || match media_types::extension_for_media_type(&media_type) {
                    Some(ext) => format!("asset.{ext}"),
                    None => "asset".to_owned(),
                },
            );
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
    if strip_prefix_ignore_case(uri, "data:").is_some() {
        let data = data_uri::decode(uri)?;
        return Ok(Content {
            bytes: data.bytes,
            name: data.name,
            media_type: Some(data.media_type),
        });
    }
    if strip_prefix_ignore_case(uri, "asset://").is_some() {
        return Err(
            "is an asset:// reference, and there is no asset store here to read it from".to_owned(),
        );
    }
    let path = if let Some(rest) = strip_prefix_ignore_case(uri, "file:") {
        file_uri_path(rest)?
    } else if uri.starts_with('/') {
        PathBuf::from(uri)
    } else if uri.starts_with("./") || uri.starts_with("../") {
        base_dir.join(uri)
    } else {
        return Err(format!(
            "has the URI \"{uri}\", which is not a data:, file: or asset:// URI \
             nor a path starting with /, ./ or ../"
        ));
    };
    let bytes = read_file(&path)?;
    Ok(Content {
        bytes,
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        media_type: None,
    })
}

/// `s` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The local path of a `file:` URI (RFC 8089), given what follows `file:`.
fn file_uri_path(rest: &str) -> Result<PathBuf, String> {
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let (host, path) = match authority_and_path.find('/') {
                Some(i) => authority_and_path.split_at(i),
                None => (authority_and_path, ""),
            };
            if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
                return Err(format!(
                    "is a file: URI on the host \"{host}\"; only local files can be attached"
                ));
            }
            path
        }
        None => rest,
    };
    if !path.starts_with('/') {
        return Err("is a file: URI without an absolute path".to_owned());
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "is a file: URI whose path is not UTF-8 once percent-decoded".to_owned())?;
    Ok(PathBuf::from(decoded.into_owned()))
}

/// The bytes of a local file, refused beyond [`MAX_BYTES`].
fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let cannot = |reason: &dyn std::fmt::Display| {
        format!("cannot be read from {}: {reason}", path.display())
    };
    let file = File::open(path).map_err(|e| cannot(&e))?;
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    if meta.is_dir() {
        return Err(cannot(&"it is a directory"));
    }
    if meta.len() > MAX_BYTES as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}
