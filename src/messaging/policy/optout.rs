//! Opt-out keywords (messaging.md §4): a reply that is exactly one of them
//! (case-insensitive, the whole message trimmed) opts the sender out of, or
//! back into, text messages.

/// What an inbound text asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    OptOut,
    OptIn,
}

pub const OPT_OUT: &[&str] = &[
    "STOP",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "REVOKE",
    "OPTOUT",
];
pub const OPT_IN: &[&str] = &["START", "YES", "UNSTOP"];

/// The keyword an inbound message is, if it is one.
pub fn keyword(body: &str) -> Option<Keyword> {
    let word = body.trim().to_uppercase();
    if OPT_OUT.contains(&word.as_str()) {
        Some(Keyword::OptOut)
    } else if OPT_IN.contains(&word.as_str()) {
        Some(Keyword::OptIn)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_whole_trimmed_and_case_insensitive() {
        for w in [
            "STOP",
            "stop",
            "  Stop\n",
            "StopAll",
            "unsubscribe",
            "cancel",
            "END",
            "quit",
            "Revoke",
            "optout",
        ] {
            assert_eq!(keyword(w), Some(Keyword::OptOut), "{w:?}");
        }
        for w in ["START", "yes", " Unstop "] {
            assert_eq!(keyword(w), Some(Keyword::OptIn), "{w:?}");
        }
        for w in ["please stop", "STOP!", "opt out", "", "HELP", "stopp"] {
            assert_eq!(keyword(w), None, "{w:?}");
        }
    }
}
