//! The order of `STRING_COMPARE` (functions-text-data.md §2.9): the Unicode
//! Collation Algorithm with the CLDR root collation, by the `feruca` crate.
//!
//! Settings: CLDR root table; variable-weight characters (whitespace,
//! punctuation, symbols) are non-ignorable, as in CLDR root, so that they sort
//! before digits and letters rather than being skipped; when every level
//! agrees, byte (that is, code-point) order decides, so the result is `Equal`
//! only for equal texts.

use std::cell::RefCell;
use std::cmp::Ordering;

use feruca::{Collator, Locale, Tailoring};

thread_local! {
    /// `collate` needs `&mut` for its scratch buffers: one collator per
    /// thread, built on first use (its tables are loaded once per process).
    static COLLATOR: RefCell<Collator> =
        RefCell::new(Collator::new(Tailoring::Cldr(Locale::Root), false, true));
}

/// Compares two texts: `Less` when `a` sorts first.
pub fn compare(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    COLLATOR.with(|c| c.borrow_mut().collate(a, b))
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
        assert_eq!(compare("wo", "world"), Less);
        assert_eq!(compare("apple pie", "apple"), Greater);
        assert_eq!(compare("", "a"), Less);
    }

    #[test]
    fn case_is_a_tertiary_difference_lower_first() {
        assert_eq!(compare("world", "World"), Less);
        assert_eq!(compare("World", "world"), Greater);
        assert_eq!(compare("a", "B"), Less);
        assert_eq!(compare("B", "a"), Greater);
        assert_eq!(compare("Ab", "ab"), Greater);
        assert_eq!(compare("Ab", "ac"), Less); // the letter outweighs the case
    }

    #[test]
    fn accents_are_a_secondary_difference() {
        assert_eq!(compare("résumé", "resume"), Greater);
        assert_eq!(compare("resume", "résumé"), Less);
        assert_eq!(compare("é", "f"), Less);
        assert_eq!(compare("Émile", "Ernie"), Less);
        assert_eq!(compare("Peña", "Peng"), Less);
        assert_eq!(compare("cote", "côte"), Less);
        assert_eq!(compare("côte", "coté"), Greater); // accents compare left to right
    }

    #[test]
    fn digits_compare_by_digit_not_by_number() {
        assert_eq!(compare("10", "9"), Less);
        assert_eq!(compare("1", "2"), Less);
        assert_eq!(compare("9", "a"), Less);
        assert_eq!(compare("a1", "a10"), Less);
    }

    #[test]
    fn spaces_and_punctuation_sort_before_digits_and_letters() {
        assert_eq!(compare(" a", "1"), Less);
        assert_eq!(compare("-", "1"), Less);
        assert_eq!(compare("_", "-"), Less);
        assert_eq!(compare("a b", "ab"), Less);
    }

    #[test]
    fn other_scripts() {
        // Greek: alphabetical, accent and case secondary and tertiary.
        assert_eq!(compare("άλφα", "βήτα"), Less);
        assert_eq!(compare("ωμέγα", "Ψ"), Greater);
        assert_eq!(compare("α", "Α"), Less);
        // Cyrillic: ё sorts with е, before ж.
        assert_eq!(compare("ёж", "жук"), Less);
        assert_eq!(compare("яблоко", "Арбуз"), Greater);
        // Latin before Greek before Cyrillic in the root order.
        assert_eq!(compare("z", "α"), Less);
        assert_eq!(compare("ω", "а"), Less);
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
    fn the_collator_is_reused_across_calls_and_threads() {
        let words = ["b", "A", "a", "é", "e"];
        let sorted = |mut w: Vec<&'static str>| {
            w.sort_by(|a, b| compare(a, b));
            w
        };
        let here = sorted(words.to_vec());
        assert_eq!(here, ["a", "A", "b", "e", "é"]);
        let there = std::thread::spawn(move || sorted(words.to_vec()))
            .join()
            .unwrap();
        assert_eq!(here, there);
    }
}
