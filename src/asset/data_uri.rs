//! `data:` URIs (RFC 2397): `data:[<media type>][;<param>=<value>]*[;base64],<data>`.

use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;
use base64::Engine as _;
use percent_encoding::percent_decode_str;

use super::{media_types, Problem};

/// What a `data:` URI holds.
#[derive(Debug, PartialEq)]
pub struct Data {
    /// Lower-case `type/subtype`; `text/plain` when the URI names none.
    pub media_type: String,
    /// The `name` (or `filename`) parameter, percent-decoded.
    pub name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Decodes `uri`, which starts with `data:` (in any case), refusing content
/// of more than `max_bytes` bytes. Percent-encoding must be well formed (`%`
/// and two hex digits) in the parameters and the data.
pub fn decode(uri: &str, max_bytes: usize) -> Result<Data, Problem> {
    let malformed = |s: &str| Problem::Malformed(s.to_owned());
    let rest = uri.get("data:".len()..).unwrap_or_default();
    let Some((header, payload)) = rest.split_once(',') else {
        return Err(malformed(
            "is a data: URI without the comma that starts its data",
        ));
    };
    if !well_percent_encoded(header) || !well_percent_encoded(payload) {
        return Err(malformed(
            "is a data: URI with a % that is not followed by two hex digits",
        ));
    }
    let mut media_type = None;
    let mut name = None;
    let mut base64 = false;
    for (i, param) in header.split(';').enumerate() {
        let param = param.trim();
        if i == 0 && param.contains('/') {
            let Some(t) = media_types::normalise(param) else {
                return Err(Problem::Malformed(format!(
                    "is a data: URI with an invalid media type \"{param}\""
                )));
            };
            media_type = Some(t);
        } else if param.eq_ignore_ascii_case("base64") {
            base64 = true;
        } else if let Some((key, value)) = param.split_once('=') {
            let key = key.trim();
            if key.eq_ignore_ascii_case("name") || key.eq_ignore_ascii_case("filename") {
                let decoded = percent_decode_str(value.trim()).decode_utf8_lossy();
                name = Some(decoded.into_owned());
            }
        }
    }
    // A base64 payload decodes to at most three bytes for every four.
    if base64 && payload.len() / 4 * 3 > max_bytes + 3 {
        return Err(Problem::TooLarge);
    }
    let raw: Vec<u8> = percent_decode_str(payload).collect();
    let bytes = if base64 {
        let compact: Vec<u8> = raw
            .into_iter()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        STANDARD_PAD_INDIFFERENT.decode(&compact).map_err(|e| {
            Problem::Malformed(format!("is a data: URI whose base64 data is invalid ({e})"))
        })?
    } else {
        raw
    };
    if bytes.len() > max_bytes {
        return Err(Problem::TooLarge);
    }
    Ok(Data {
        media_type: media_type.unwrap_or_else(|| "text/plain".to_owned()),
        name: name.filter(|n| !n.is_empty()),
        bytes,
    })
}

/// Whether every `%` in `s` starts a `%XX` escape.
pub fn well_percent_encoded(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_BYTES: usize = 1024;

    fn decode(uri: &str) -> Result<Data, Problem> {
        super::decode(uri, MAX_BYTES)
    }

    fn malformed(s: &str) -> Result<Data, Problem> {
        Err(Problem::Malformed(s.to_owned()))
    }

    fn data(media_type: &str, name: Option<&str>, bytes: &[u8]) -> Data {
        Data {
            media_type: media_type.to_owned(),
            name: name.map(str::to_owned),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn plain_data_defaults_to_text_plain_and_is_percent_decoded() {
        assert_eq!(decode("data:,Hi"), Ok(data("text/plain", None, b"Hi")));
        assert_eq!(
            decode("data:,a%20b%2C%FF"),
            Ok(data("text/plain", None, b"a b,\xff"))
        );
        assert_eq!(decode("DATA:,"), Ok(data("text/plain", None, b"")));
    }

    #[test]
    fn base64_data_with_a_type_and_a_name() {
        assert_eq!(
            decode("data:Application/PDF;name=q1%20report.pdf;base64,JVBERi0=").unwrap(),
            data("application/pdf", Some("q1 report.pdf"), b"%PDF-")
        );
        assert_eq!(
            decode("data:text/csv;charset=utf-8;filename=a.csv,x%2Cy").unwrap(),
            data("text/csv", Some("a.csv"), b"x,y")
        );
        // Padding may be left out; whitespace (and its percent-encoding) is skipped.
        assert_eq!(
            decode("data:;base64,SGk").unwrap(),
            data("text/plain", None, b"Hi")
        );
        assert_eq!(
            decode("data:;base64,S G%0Ak=").unwrap(),
            data("text/plain", None, b"Hi")
        );
    }

    #[test]
    fn malformed_data_uris_are_refused() {
        assert_eq!(
            decode("data:text/plain"),
            malformed("is a data: URI without the comma that starts its data")
        );
        assert_eq!(
            decode("data:text/;base64,SGk="),
            malformed("is a data: URI with an invalid media type \"text/\"")
        );
        let Err(Problem::Malformed(err)) = decode("data:;base64,S*k=") else {
            panic!("not refused")
        };
        assert!(
            err.starts_with("is a data: URI whose base64 data is invalid ("),
            "{err}"
        );
        for bad in ["data:,100%", "data:,%G1", "data:,%4", "data:;name=a%2,x"] {
            assert_eq!(
                decode(bad),
                malformed("is a data: URI with a % that is not followed by two hex digits"),
                "{bad}"
            );
        }
    }

    #[test]
    fn data_over_the_limit_is_refused() {
        let big = format!("data:,{}", "a".repeat(MAX_BYTES + 1));
        assert_eq!(decode(&big), Err(Problem::TooLarge));
        let big64 = format!("data:;base64,{}", "QUFB".repeat(MAX_BYTES / 3 + 2));
        assert_eq!(decode(&big64), Err(Problem::TooLarge));
        let exact = format!("data:,{}", "a".repeat(MAX_BYTES));
        assert_eq!(decode(&exact).map(|d| d.bytes.len()), Ok(MAX_BYTES));
    }
}
