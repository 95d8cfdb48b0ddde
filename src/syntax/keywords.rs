//! Reserved and contextual words (§2.4). All comparisons ignore ASCII case.

/// Words that can never name a variable, binding, parameter or function.
pub const RESERVED: [&str; 12] = [
    "AND", "OR", "XOR", "NOT", "TRUE", "FALSE", "NULL", "LET", "IN", "FROM", "WHERE", "SELECT",
];

/// Words that are keywords only where the query grammar expects them.
pub const CONTEXTUAL: [&str; 7] = [
    "ORDER",
    "BY",
    "ASCENDING",
    "DESCENDING",
    "LIMIT",
    "OFFSET",
    "DISTINCT",
];

pub fn is_reserved(word: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(word))
}

/// `word` spells keyword `kw` (given in upper case) in any letter case.
pub fn is_kw(word: &str, kw: &str) -> bool {
    word.eq_ignore_ascii_case(kw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_in_any_case() {
        assert!(is_reserved("from"));
        assert!(is_reserved("Select"));
        assert!(!is_reserved("limit"));
        assert!(!is_reserved("fromage"));
        assert!(CONTEXTUAL.iter().all(|c| !is_reserved(c)));
    }
}
