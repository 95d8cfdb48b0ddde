//! Media types by file extension (functions-text-data.md §10.1).

/// The §10.1 table, in its order: the first extension listed for a media
/// type is the one a default name uses.
const TABLE: &[(&str, &str)] = &[
    ("txt", "text/plain"),
    ("csv", "text/csv"),
    ("html", "text/html"),
    ("htm", "text/html"),
    ("json", "application/json"),
    ("xml", "application/xml"),
    ("pdf", "application/pdf"),
    ("ics", "text/calendar"),
    ("mp4", "video/mp4"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("svg", "image/svg+xml"),
    ("zip", "application/zip"),
    ("mp3", "audio/mpeg"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
];

/// The media type of a file name's extension (the text after its last `.`,
/// compared without regard to case), or `None` when the name has no
/// extension or the table does not list it.
pub fn media_type_for_extension(name: &str) -> Option<&'static str> {
    let (_, ext) = name.rsplit_once('.')?;
    TABLE
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|&(_, t)| t)
}

/// The first extension the table lists for a media type, without the dot.
pub fn extension_for_media_type(media_type: &str) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|(_, t)| *t == media_type)
        .map(|&(e, _)| e)
}

/// A media type as an Asset holds it: lower-case `type/subtype`, parameters
/// dropped, both halves RFC 2045 tokens. `None` when it is not one.
pub fn normalise(text: &str) -> Option<String> {
    let essence = text.split(';').next().unwrap_or_default().trim();
    let (top, sub) = essence.split_once('/')?;
    let token = |s: &str| !s.is_empty() && s.bytes().all(is_token_byte);
    (token(top) && token(sub)).then(|| essence.to_ascii_lowercase())
}

/// RFC 2045 `token`: printable ASCII except space and the tspecials.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?=".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_of_the_table() {
        for (name, expected) in [
            ("a.txt", "text/plain"),
            ("a.csv", "text/csv"),
            ("a.html", "text/html"),
            ("a.htm", "text/html"),
            ("a.json", "application/json"),
            ("a.xml", "application/xml"),
            ("a.pdf", "application/pdf"),
            ("a.ics", "text/calendar"),
            ("a.mp4", "video/mp4"),
            (
                "a.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("a.svg", "image/svg+xml"),
            ("a.zip", "application/zip"),
            ("a.mp3", "audio/mpeg"),
            (
                "a.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ] {
            assert_eq!(media_type_for_extension(name), Some(expected), "{name}");
        }
    }

    #[test]
    fn extensions_are_case_blind_and_only_the_last_counts() {
        assert_eq!(media_type_for_extension("Q1.PDF"), Some("application/pdf"));
        assert_eq!(
            media_type_for_extension("a.tar.zip"),
            Some("application/zip")
        );
        assert_eq!(media_type_for_extension("a.pdf.exe"), None);
        assert_eq!(media_type_for_extension("README"), None);
        assert_eq!(media_type_for_extension("a."), None);
        assert_eq!(media_type_for_extension(""), None);
    }

    #[test]
    fn the_first_extension_listed_names_a_type() {
        assert_eq!(extension_for_media_type("image/jpeg"), Some("jpg"));
        assert_eq!(extension_for_media_type("text/html"), Some("html"));
        assert_eq!(extension_for_media_type("text/plain"), Some("txt"));
        assert_eq!(extension_for_media_type("application/x-thing"), None);
    }

    #[test]
    fn media_types_are_normalised_or_refused() {
        assert_eq!(normalise("Text/HTML").as_deref(), Some("text/html"));
        assert_eq!(
            normalise(" text/plain; charset=utf-8").as_deref(),
            Some("text/plain")
        );
        assert_eq!(normalise("image/svg+xml").as_deref(), Some("image/svg+xml"));
        for bad in ["", "text", "text/", "/plain", "te xt/plain", "a/b/c", "é/x"] {
            assert_eq!(normalise(bad), None, "{bad:?}");
        }
    }
}
