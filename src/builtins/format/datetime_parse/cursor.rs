//! A reading position in the text being parsed, counted in characters (not
//! bytes) so that errors can name the column a person sees.

use super::Mismatch;
use crate::builtins::excerpt::excerpt_of;

/// How many characters of the text an error shows after "found".
const EXCERPT_CHARS: usize = 12;

/// The unread rest of a text and the 1-based character column where it starts.
#[derive(Clone, Copy, Debug)]
pub struct Cursor<'t> {
    rest: &'t str,
    column: usize,
}

impl<'t> Cursor<'t> {
    pub fn new(text: &'t str) -> Cursor<'t> {
        Cursor {
            rest: text,
            column: 1,
        }
    }

    /// The 1-based character column of the next character.
    pub fn column(&self) -> usize {
        self.column
    }

    pub fn is_end(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// The character after the next one.
    pub fn peek_second(&self) -> Option<char> {
        self.rest.chars().nth(1)
    }

    /// Skips `bytes` bytes that hold `chars` characters.
    fn advance(&mut self, bytes: usize, chars: usize) {
        self.rest = self.rest.get(bytes..).unwrap_or("");
        self.column = self.column.saturating_add(chars);
    }

    /// Consumes `s` if the text continues with exactly `s`.
    pub fn eat(&mut self, s: &str) -> bool {
        if self.rest.starts_with(s) {
            self.advance(s.len(), s.chars().count());
            true
        } else {
            false
        }
    }

    /// Consumes the ASCII word `word` in any letter case.
    pub fn eat_word(&mut self, word: &str) -> bool {
        match self.rest.get(..word.len()) {
            Some(head) if head.eq_ignore_ascii_case(word) => {
                self.advance(word.len(), word.len());
                true
            }
            _ => false,
        }
    }

    /// Consumes the first of `words` (ASCII, any letter case) that the text
    /// continues with, and gives its index.
    pub fn eat_one_of(&mut self, words: &[&str]) -> Option<usize> {
        words.iter().position(|w| self.eat_word(w))
    }

    /// Reads `min` to `max` ASCII digits, as many as there are (`max` at
    /// most 18, so the value fits). Consumes nothing when there are fewer
    /// than `min`. Gives the value and the number of digits.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<(i64, usize)> {
        let count = self
            .rest
            .bytes()
            .take(max.min(18))
            .take_while(u8::is_ascii_digit)
            .count();
        if count < min || count == 0 {
            return None;
        }
        let value = self
            .rest
            .bytes()
            .take(count)
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'));
        self.advance(count, count);
        Some((value, count))
    }

    /// Consumes every ASCII digit that follows and gives them.
    pub fn digit_run(&mut self) -> &'t str {
        self.digit_run_max(usize::MAX)
    }

    /// Consumes up to `max` ASCII digits and gives them.
    pub fn digit_run_max(&mut self, max: usize) -> &'t str {
        let count = self
            .rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        let run = self.rest.get(..count).unwrap_or("");
        self.advance(count, count);
        run
    }

    /// What is here, for an error: `"abc"` (a few characters) or "the end of
    /// the text".
    pub fn found(&self) -> String {
        if self.rest.is_empty() {
            return "the end of the text".to_string();
        }
        excerpt_of(self.rest, EXCERPT_CHARS)
    }

    /// A mismatch here: `expected WHAT, found …`.
    pub fn expected(&self, what: &str) -> Mismatch {
        Mismatch::new(
            self.column,
            format!("expected {what}, found {}", self.found()),
        )
    }
}
