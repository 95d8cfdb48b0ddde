//! The order of `STRING_COMPARE` (functions-text-data.md §2.9): an
//! approximation of the Unicode Collation Algorithm with the root collation at
//! tertiary strength, without a collation crate.
//!
//! Each character gives collation elements with three weights:
//! - primary: the base character — groups in the root order (whitespace <
//!   punctuation < symbols < digits < letters), then within a group; letters
//!   compare case-blind and accent-blind, digits by digit value;
//! - secondary: the accent (a combining mark, or the marks of a precomposed
//!   letter from the table in `decomposed.rs`);
//! - tertiary: the case, lower case first.
//!
//! Levels are compared one after the other over the whole text; when all three
//! agree, code-point order decides, so the result is 0 only for equal texts.
//! Known simplifications: no contractions or expansions besides `ß`; the order
//! of punctuation and symbols outside ASCII, and of scripts other than Latin,
//! Greek and Cyrillic, follows code points within their group.

use std::cmp::Ordering;

#[path = "decomposed.rs"]
mod decomposed;

/// ASCII punctuation and symbols in the order of the CLDR root collation.
const ASCII_ORDER: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

const GROUP_SPACE: u32 = 1;
const GROUP_PUNCT: u32 = 2;
const GROUP_SYMBOL: u32 = 3;
const GROUP_DIGIT: u32 = 4;
const GROUP_LETTER: u32 = 5;

#[derive(Default)]
struct Keys {
    primary: Vec<(u32, u32)>,
    secondary: Vec<u32>,
    tertiary: Vec<u8>,
}

impl Keys {
    fn push(&mut self, primary: Option<(u32, u32)>, secondary: u32, tertiary: u8) {
        if let Some(p) = primary {
            self.primary.push(p);
        }
        self.secondary.push(secondary);
        self.tertiary.push(tertiary);
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn decompose(c: char) -> Option<(char, u16, u16)> {
    decomposed::DECOMPOSED
        .binary_search_by(|row| row.0.cmp(&c))
        .ok()
        .and_then(|i| decomposed::DECOMPOSED.get(i))
        .map(|&(_, b, m1, m2)| (b, m1, m2))
}

/// The primary weight of a base character.
fn primary(c: char) -> Option<(u32, u32)> {
    if c.is_whitespace() {
        return Some((GROUP_SPACE, c as u32));
    }
    if c.is_control() || matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x206F | 0xFEFF) {
        return None; // ignorable
    }
    if let Some(p) = ASCII_ORDER.find(c) {
        let group = if p < ASCII_ORDER.find('`').unwrap_or(0) {
            GROUP_PUNCT
        } else {
            GROUP_SYMBOL
        };
        return Some((group, p as u32));
    }
    if let Some(d) = c.to_digit(10) {
        return Some((GROUP_DIGIT, d));
    }
    if c.is_alphabetic() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        return Some((GROUP_LETTER, lower as u32));
    }
    if c.is_numeric() {
        return Some((GROUP_DIGIT, 0x100 + c as u32));
    }
    if c.is_ascii_punctuation() || matches!(c as u32, 0x2010..=0x2027 | 0x3000..=0x303F) {
        return Some((GROUP_PUNCT, 0x100 + c as u32));
    }
    Some((GROUP_SYMBOL, 0x100 + c as u32))
}

fn keys(s: &str) -> Keys {
    let mut k = Keys::default();
    for c in s.chars() {
        if is_combining(c) {
            k.push(None, c as u32, 0);
            continue;
        }
        let (base, m1, m2) = decompose(c).unwrap_or((c, 0, 0));
        let tertiary = u8::from(c.is_uppercase());
        if base == 'ß' {
            // An expansion: "ss" at the primary level, different at the tertiary.
            let p = primary('s');
            k.push(p, 0, 2);
            k.push(p, 0, 2);
            continue;
        }
        k.push(primary(base), 0, tertiary);
        for m in [m1, m2] {
            if m != 0 {
                k.push(None, u32::from(m), 0);
            }
        }
    }
    k
}

/// Compares two texts: `Less` when `a` sorts first.
pub fn compare(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (ka, kb) = (keys(a), keys(b));
    ka.primary
        .cmp(&kb.primary)
        .then_with(|| ka.secondary.cmp(&kb.secondary))
        .then_with(|| ka.tertiary.cmp(&kb.tertiary))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn root_order_basics() {
        assert_eq!(compare("Hello", "world"), Less);
        assert_eq!(compare("world", "Hello"), Greater);
        assert_eq!(compare("world", "world"), Equal);
        assert_eq!(compare("world", "World"), Less);
        assert_eq!(compare("World", "world"), Greater);
        assert_eq!(compare("wo", "world"), Less);
        assert_eq!(compare("a", "B"), Less);
        assert_eq!(compare("résumé", "resume"), Greater);
        assert_eq!(compare("resume", "résumé"), Less);
        assert_eq!(compare("é", "f"), Less);
        assert_eq!(compare("10", "9"), Less);
        assert_eq!(compare("apple pie", "apple"), Greater);
        assert_eq!(compare(" a", "1"), Less);
        assert_eq!(compare("-", "1"), Less);
        assert_eq!(compare("9", "a"), Less);
    }

    #[test]
    fn canonical_equivalents_differ_only_by_code_points() {
        // Equal at every level, so code points decide: never 0 for different texts.
        assert_ne!(compare("é", "e\u{301}"), Equal);
        assert_eq!(compare("é", "e\u{301}"), "é".cmp("e\u{301}"));
        assert_eq!(compare("e\u{301}x", "éy"), Less);
    }

    #[test]
    fn sharp_s_expands() {
        assert_eq!(compare("straße", "strasse"), Greater);
        assert_eq!(compare("straße", "strasz"), Less);
    }

    #[test]
    fn table_is_sorted() {
        assert!(decomposed::DECOMPOSED.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(decompose('é'), Some(('e', 0x301, 0)));
    }
}
