//! Where an Asset's content is (functions-text-data.md §10.1): a `data:` URI,
//! a local file (a `file:` URI or a path starting with `/`, `./` or `../`),
//! or an `asset://` reference into the host's store.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The kind of place a URI names.
#[derive(Clone, Debug, PartialEq)]
pub enum Location<'u> {
    /// A `data:` URI: the content is the URI itself.
    Data,
    /// A local file. A relative path is still relative here.
    File(PathBuf),
    /// An `asset://` reference.
    Store(&'u str),
}

/// Reads what kind of place `uri` names. `Err` is a predicate for the user
/// ("is not a data:, file: or asset:// URI ...").
pub fn locate(uri: &str) -> Result<Location<'_>, String> {
    if strip_prefix_ignore_case(uri, "data:").is_some() {
        return Ok(Location::Data);
    }
    if strip_prefix_ignore_case(uri, "asset://").is_some() {
        return Ok(Location::Store(uri));
    }
    if let Some(rest) = strip_prefix_ignore_case(uri, "file:") {
        return file_uri_path(rest).map(Location::File);
    }
    if uri.starts_with('/') || uri.starts_with("./") || uri.starts_with("../") {
        return Ok(Location::File(PathBuf::from(uri)));
    }
    Err(format!(
        "is not a data:, file: or asset:// URI, nor a path starting with /, ./ or ../ (got \"{}\")",
        shorten(uri)
    ))
}

/// At most 60 characters of `s`, with `...` when cut: for error messages.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

/// `s` without `prefix`, compared without regard to ASCII case.
pub fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
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
                    "is a file: URI on the host \"{host}\"; only local files can be read"
                ));
            }
            path
        }
        None => rest,
    };
    if !path.starts_with('/') {
        return Err("is a file: URI without an absolute path".to_owned());
    }
    if !super::data_uri::well_percent_encoded(path) {
        return Err("is a file: URI with a % that is not followed by two hex digits".to_owned());
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "is a file: URI whose path is not UTF-8 once percent-decoded".to_owned())?;
    Ok(PathBuf::from(decoded.into_owned()))
}

/// `path` made absolute against `base`, with `.` and `..` removed lexically
/// (without touching the file system, so a missing file resolves too).
pub fn absolute(path: &Path, base: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What a path segment keeps unencoded in a `file:` URI: the RFC 3986
/// unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `file:` URI of an absolute path: `/srv/a b.pdf` → `file:///srv/a%20b.pdf`.
pub fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let encoded: Vec<String> = text
        .split('/')
        .map(|seg| utf8_percent_encode(seg, PATH_SEGMENT).to_string())
        .collect();
    format!("file://{}", encoded.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_kinds_and_the_rest() {
        assert_eq!(locate("data:,x"), Ok(Location::Data));
        assert_eq!(locate("DATA:,x"), Ok(Location::Data));
        assert_eq!(locate("asset://a/b"), Ok(Location::Store("asset://a/b")));
        assert_eq!(
            locate("file:///srv/a%20b.pdf"),
            Ok(Location::File(PathBuf::from("/srv/a b.pdf")))
        );
        assert_eq!(
            locate("file://localhost/x"),
            Ok(Location::File(PathBuf::from("/x")))
        );
        assert_eq!(
            locate("./a.txt"),
            Ok(Location::File(PathBuf::from("./a.txt")))
        );
        assert_eq!(locate("../a"), Ok(Location::File(PathBuf::from("../a"))));
        for bad in [
            "hello",
            "",
            "https://example.com/a.pdf",
            "ftp://x",
            "a/b",
            "file:x",
        ] {
            assert!(locate(bad).is_err(), "{bad}");
        }
        assert_eq!(
            locate("file://example.com/x"),
            Err("is a file: URI on the host \"example.com\"; only local files can be read".into())
        );
        assert!(locate("file:///a%zz").is_err());
    }

    #[test]
    fn long_uris_are_cut_in_messages() {
        let err = locate(&"x".repeat(10_000)).unwrap_err();
        assert!(err.len() < 200, "{err}");
        assert!(err.ends_with("...\")"), "{err}");
    }

    #[test]
    fn paths_resolve_lexically() {
        let base = Path::new("/srv/scripts");
        assert_eq!(
            absolute(Path::new("./a.pdf"), base),
            PathBuf::from("/srv/scripts/a.pdf")
        );
        assert_eq!(
            absolute(Path::new("../x/./a"), base),
            PathBuf::from("/srv/x/a")
        );
        assert_eq!(absolute(Path::new("/etc/../a"), base), PathBuf::from("/a"));
    }

    #[test]
    fn file_uris_encode_each_segment() {
        assert_eq!(file_uri(Path::new("/srv/a b.pdf")), "file:///srv/a%20b.pdf");
        assert_eq!(
            file_uri(Path::new("/é/100%#?")),
            "file:///%C3%A9/100%25%23%3F"
        );
        assert_eq!(
            locate(&file_uri(Path::new("/é/100%#?"))),
            Ok(Location::File(PathBuf::from("/é/100%#?")))
        );
    }
}
