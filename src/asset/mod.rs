//! Asset values (functions-text-data.md §10.1): a reference to content held
//! by a URI — a `data:` URI, a local file or an `asset://` reference — with
//! its name, media type, size and state. The asset built-ins and the email
//! attachments both read content through this module.

pub mod data_uri;
mod location;
pub mod media_types;

use std::fs::File;
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

pub use location::{absolute, file_uri, locate, strip_prefix_ignore_case, Location};
pub use media_types::{extension_for_media_type, media_type_for_extension};

use crate::session::Session;
use crate::value::{Asset, ObjectMap, Value};

/// The media type of content whose type nothing tells.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// The most bytes an Asset's content may have when it is read (16 MiB, the
/// size limit of a Text).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Why content could not be decoded.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A predicate for the user: "is a data: URI without ...".
    Malformed(String),
    /// More bytes than the limit.
    TooLarge,
}

/// Why an Asset could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum AssetError {
    /// The URI is not one of the accepted kinds, or its data is malformed
    /// (`FormatError`). A predicate: "is not a data:, file: ...".
    Format(String),
    /// A name that cannot be used (`ArgumentError`): a predicate.
    Name(String),
    /// A media type that cannot be used (`ArgumentError`): a predicate.
    Type(String),
    /// Reading local files is not granted (`EffectError`).
    NoFileAccess,
    /// The content is larger than [`MAX_BYTES`] (`LimitError`).
    TooLarge,
}

/// The media types whose Assets are their own thumbnail (§10.5).
pub const IMAGE_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
];

/// Makes the Asset of `uri` (§10.2): `name` and `media_type` override the
/// defaults. A local file is looked at now (its size and state) and read
/// only when its bytes are needed; a relative path resolves against the
/// session's file base and is kept absolute.
pub fn make(
    uri: &str,
    name: Option<&str>,
    media_type: Option<&str>,
    session: &Session,
) -> Result<Asset, AssetError> {
    let given_type = match media_type {
        Some(t) => Some(media_types::normalise(t).ok_or_else(|| {
            AssetError::Type(format!("must look like type/subtype, got \"{t}\""))
        })?),
        None => None,
    };
    if name.is_some_and(|n| n.trim().is_empty()) {
        return Err(AssetError::Name("must not be empty".to_owned()));
    }
    let found = look(uri, session)?;
    let default_type = found.media_type.unwrap_or_else(|| OCTET_STREAM.to_owned());
    let default_name = found.name.unwrap_or_else(|| default_name(&default_type));
    let media_type = given_type.unwrap_or_else(|| default_type.clone());
    let name = name.map_or_else(|| default_name.clone(), str::to_owned);
    let labelled = name != default_name || media_type != default_type;
    let mut record = ObjectMap::default();
    record.insert("uri".into(), Value::text(found.uri.as_str()));
    record.insert("name".into(), Value::text(name));
    record.insert("type".into(), Value::text(media_type));
    let (size, state) = match found.size {
        Some(n) => (Value::Number(Decimal::from(n)), "ACTIVE"),
        None => (Value::Null, "MISSING"),
    };
    record.insert("size".into(), size);
    record.insert("state".into(), Value::text(state));
    Ok(Asset {
        uri: found.uri.into(),
        record,
        labelled,
    })
}

/// The name of content that has none: `asset` plus the extension of its
/// media type (`asset.txt`), or `asset`.
pub fn default_name(media_type: &str) -> String {
    match extension_for_media_type(media_type) {
        Some(ext) => format!("asset.{ext}"),
        None => "asset".to_owned(),
    }
}

/// What looking at a URI tells: the URI to keep, and the name, type and
/// size it gives (`size` is `None` when the content cannot be read).
struct Found {
    uri: String,
    name: Option<String>,
    media_type: Option<String>,
    size: Option<u64>,
}

fn look(uri: &str, session: &Session) -> Result<Found, AssetError> {
    match locate(uri).map_err(AssetError::Format)? {
        Location::Data => {
            let data = data_uri::decode(uri, MAX_BYTES).map_err(from_problem)?;
            Ok(Found {
                uri: uri.to_owned(),
                name: data.name,
                media_type: Some(data.media_type),
                size: Some(data.bytes.len() as u64),
            })
        }
        Location::Store(reference) => {
            let stored = session.assets.as_ref().and_then(|s| s.get(reference));
            Ok(match stored {
                Some(s) => Found {
                    uri: uri.to_owned(),
                    name: Some(s.name).filter(|n| !n.is_empty()),
                    media_type: media_types::normalise(&s.media_type),
                    size: Some(s.bytes.len() as u64),
                },
                None => Found {
                    uri: uri.to_owned(),
                    name: None,
                    media_type: None,
                    size: None,
                },
            })
        }
        Location::File(path) => {
            let base = session.files.as_ref().ok_or(AssetError::NoFileAccess)?;
            let relative = path.is_relative();
            let path = absolute(&path, base);
            // A relative path is kept absolute, so that the Asset means the
            // same file wherever it goes.
            let kept = if relative {
                path.to_string_lossy().into_owned()
            } else {
                uri.to_owned()
            };
            Ok(Found {
                uri: kept,
                name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
                media_type: media_type_for_extension(&path.to_string_lossy()).map(str::to_owned),
                size: file_size(&path),
            })
        }
    }
}

fn from_problem(p: Problem) -> AssetError {
    match p {
        Problem::Malformed(m) => AssetError::Format(m),
        Problem::TooLarge => AssetError::TooLarge,
    }
}

/// The size of a readable regular file; `None` when it cannot be opened.
fn file_size(path: &Path) -> Option<u64> {
    let file = File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    meta.is_file().then_some(meta.len())
}

/// Whether the Asset's state is `"ACTIVE"`.
pub fn is_active(asset: &Asset) -> bool {
    matches!(asset.record.get("state"), Some(Value::Text(s)) if &**s == "ACTIVE")
}

/// A Text field of the Asset's record (`name`, `type`), `""` when absent.
pub fn field<'a>(asset: &'a Asset, key: &str) -> &'a str {
    match asset.record.get(key) {
        Some(Value::Text(t)) => t,
        _ => "",
    }
}

/// The Asset's bytes, read now; `Ok(None)` when they cannot be read (a
/// `MISSING` Asset, a file gone since, an `asset://` URI without a store).
/// Reading a file needs the file capability, like making its Asset.
pub fn bytes(asset: &Asset, session: &Session) -> Result<Option<Arc<[u8]>>, AssetError> {
    if !is_active(asset) {
        return Ok(None);
    }
    match locate(&asset.uri).map_err(AssetError::Format)? {
        Location::Data => {
            let data = data_uri::decode(&asset.uri, MAX_BYTES).map_err(from_problem)?;
            Ok(Some(data.bytes.into()))
        }
        Location::Store(reference) => Ok(session
            .assets
            .as_ref()
            .and_then(|s| s.get(reference))
            .map(|s| s.bytes)),
        Location::File(path) => {
            let base = session.files.as_ref().ok_or(AssetError::NoFileAccess)?;
            match read_file(&absolute(&path, base), MAX_BYTES) {
                Ok(b) => Ok(Some(b.into())),
                Err(Problem::TooLarge) => Err(AssetError::TooLarge),
                Err(Problem::Malformed(_)) => Ok(None),
            }
        }
    }
}

/// The bytes of a local file, refused beyond `max_bytes`. `Malformed` holds
/// a predicate: "cannot be read from PATH: REASON".
pub fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, Problem> {
    let cannot = |reason: &dyn std::fmt::Display| {
        Problem::Malformed(format!("cannot be read from {}: {reason}", path.display()))
    };
    let file = File::open(path).map_err(|e| cannot(&e))?;
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    if meta.is_dir() {
        return Err(cannot(&"it is a directory"));
    }
    if meta.len() > max_bytes as u64 {
        return Err(Problem::TooLarge);
    }
    let mut bytes = Vec::new();
    file.take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() > max_bytes {
        return Err(Problem::TooLarge);
    }
    Ok(bytes)
}
