//! User text quoted in an error message: escaped as Rust writes a string
//! and cut short, since user text can be long.

/// The most characters of a text that a message quotes.
const MAX: usize = 40;

/// `text` in quotes (escaped as Rust writes a string), cut after 40
/// characters with `…` after the closing quote.
pub fn excerpt(text: &str) -> String {
    excerpt_of(text, MAX)
}

/// `text` in quotes, cut after `max` characters with `…` after the closing
/// quote: for the few characters an error points at.
pub fn excerpt_of(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, excerpt_of};

    #[test]
    fn short_texts_are_quoted_whole_and_long_ones_cut_at_40_characters() {
        assert_eq!(excerpt("a\"b"), "\"a\\\"b\"");
        assert_eq!(excerpt(&"é".repeat(40)), format!("\"{}\"", "é".repeat(40)));
        assert_eq!(excerpt(&"é".repeat(41)), format!("\"{}\"…", "é".repeat(40)));
        assert_eq!(excerpt_of("abcd", 3), "\"abc\"…");
        assert_eq!(excerpt_of("abc", 3), "\"abc\"");
    }
}
