//! Built-ins of the email category (functions-text-data.md §7).
//!
//! `ISEMAIL` follows the spec's rules itself (a practical dot-atom subset of
//! RFC 5321/5322) rather than the `email_address` crate, which accepts quoted
//! local parts, address literals and domains without a recognised top-level
//! domain. The top-level domains are a snapshot of IANA's
//! `tlds-alpha-by-domain.txt`, Version 2023053000 (2023-05-30), in
//! `email_tlds.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{CallCtx, Category, FunctionSpec};
use crate::sig;
use crate::value::Value;

pub const FUNCTIONS: &[FunctionSpec] = &[FunctionSpec::new(
    "ISEMAIL",
    Category::Email,
    &[sig!(isemail(value: &Value) -> BOOLEAN)],
    "whether the value is Text that looks like a deliverable email address",
)];

/// The IANA root-zone snapshot the top-level domains are checked against.
pub const TLD_SNAPSHOT: &str = "IANA tlds-alpha-by-domain.txt, Version 2023053000 (2023-05-30)";

static TLDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("email_tlds.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

fn isemail(_: &CallCtx<'_>, v: &Value) -> bool {
    matches!(v, Value::Text(t) if is_email(t))
}

/// The rules of functions-text-data.md §7.1.
pub fn is_email(s: &str) -> bool {
    if s.len() > 254 || !s.is_ascii() {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    local_ok(local) && domain_ok(domain)
}

fn local_ok(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-.";
    (1..=64).contains(&local.len())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

fn domain_ok(domain: &str) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| TLDS.contains(tld.to_ascii_uppercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::args::testing::{call, t};

    fn e(s: &str) -> bool {
        call("ISEMAIL", &[t(s)]).unwrap() == Value::Bool(true)
    }

    #[test]
    fn accepted() {
        assert!(e("bob@example.com"));
        assert!(e("First.Last+tag@mail.example.co.uk"));
        assert!(e("BOB@EXAMPLE.COM"));
        assert!(e("curator@example.museum"));
        assert!(e("x@xn--bcher-kva.xn--p1ai"));
        assert!(e("a!#$%&'*+/=?^_`{|}~-b@example.org"));
    }

    #[test]
    fn refused() {
        for s in [
            "bob@example",
            "bob@example.notatld",
            "bob.example.com",
            "bob@@example.com",
            " bob@example.com",
            "bob@example.com ",
            "bob..smith@example.com",
            ".bob@example.com",
            "bob.@example.com",
            "bob@localhost",
            "",
            "bob@",
            "bob@example.com.",
            "bob@-example.com",
            "bob@exa_mple.com",
            "\"john doe\"@example.com",
            "user@[192.0.2.1]",
            "bób@example.com",
        ] {
            assert!(!e(s), "{s:?} must not be an email");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(!e(&long_local));
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert!(!e(&long_label));
    }

    #[test]
    fn non_text_is_false() {
        assert!(TLDS.len() > 1400 && TLDS.contains("COM"));
    }
}
