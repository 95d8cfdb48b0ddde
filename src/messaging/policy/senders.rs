//! Verified senders (messaging.md §4): an email `from` must be a configured
//! address or belong to a configured domain, an SMS `from` a configured
//! number. With nothing configured and only the `local` transport, any
//! sender is accepted and the defaults are `air@localhost` and `air`, so a
//! fresh clone can try everything; a real transport always needs a
//! configured sender.

use super::super::mime;

/// The configured senders of one channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Senders {
    /// The default sender.
    pub default: Option<String>,
    /// Verified addresses, domains (no `@`) or numbers.
    pub verified: Vec<String>,
    /// Whether every transport of the channel is `local`.
    pub local_only: bool,
}

pub const LOCAL_EMAIL_SENDER: &str = "air@localhost";
pub const LOCAL_SMS_SENDER: &str = "air";

fn domain(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

impl Senders {
    fn configured(&self) -> bool {
        self.default.is_some() || !self.verified.is_empty()
    }

    /// The sender of an email: `from` if verified, else the default.
    pub fn email(&self, from: Option<&str>) -> Result<String, String> {
        let Some(from) = from else {
            return match (&self.default, self.local_only) {
                (Some(d), _) => Ok(d.clone()),
                (None, true) => Ok(LOCAL_EMAIL_SENDER.to_string()),
                (None, false) => Err("no sender: configure a verified one with `email.from` in air.toml or AIR_EMAIL_FROM".into()),
            };
        };
        if !self.configured() {
            return if self.local_only {
                Ok(from.to_string())
            } else {
                Err(format!("{from} is not a verified sender: a real transport needs `email.from` or `email.senders` configured"))
            };
        }
        let bare = mime::bare_address(from).to_ascii_lowercase();
        let ok = self.default.iter().chain(&self.verified).any(|v| {
            let v = v.to_ascii_lowercase();
            if v.contains('@') {
                mime::bare_address(&v) == bare
            } else {
                domain(&bare) == v
            }
        });
        if ok {
            Ok(from.to_string())
        } else {
            let mut list: Vec<&str> = self
                .default
                .iter()
                .chain(&self.verified)
                .map(String::as_str)
                .collect();
            list.dedup();
            Err(format!(
                "{from} is not a verified sender (verified: {})",
                list.join(", ")
            ))
        }
    }

    /// The sender of an SMS: `from` if verified, else the default.
    pub fn sms(&self, from: Option<&str>) -> Result<String, String> {
        let Some(from) = from else {
            return match (&self.default, self.local_only) {
                (Some(d), _) => Ok(d.clone()),
                (None, true) => Ok(LOCAL_SMS_SENDER.to_string()),
                (None, false) => Err("no sender: configure a verified number with `sms.from` in air.toml or AIR_SMS_FROM".into()),
            };
        };
        if !self.configured() {
            return if self.local_only {
                Ok(from.to_string())
            } else {
                Err(format!("{from} is not a verified sender: a real transport needs `sms.from` or `sms.senders` configured"))
            };
        }
        if self.default.iter().chain(&self.verified).any(|v| v == from) {
            Ok(from.to_string())
        } else {
            let list: Vec<&str> = self
                .default
                .iter()
                .chain(&self.verified)
                .map(String::as_str)
                .collect();
            Err(format!(
                "{from} is not a verified sender (verified: {})",
                list.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senders(default: Option<&str>, verified: &[&str], local_only: bool) -> Senders {
        Senders {
            default: default.map(str::to_string),
            verified: verified.iter().map(|s| s.to_string()).collect(),
            local_only,
        }
    }

    #[test]
    fn nothing_configured_and_local_accepts_anything() {
        let s = senders(None, &[], true);
        assert_eq!(s.email(None).unwrap(), "air@localhost");
        assert_eq!(
            s.email(Some("me@anywhere.test")).unwrap(),
            "me@anywhere.test"
        );
        assert_eq!(s.sms(None).unwrap(), "air");
    }

    #[test]
    fn a_real_transport_needs_a_configured_sender() {
        let s = senders(None, &[], false);
        assert!(s.email(None).unwrap_err().starts_with("no sender"));
        assert!(s
            .email(Some("me@x.test"))
            .unwrap_err()
            .contains("not a verified sender"));
        assert!(s.sms(None).unwrap_err().starts_with("no sender"));
    }

    #[test]
    fn addresses_and_domains_verify() {
        let s = senders(
            Some("News <news@example.com>"),
            &["example.org", "ops@example.net"],
            false,
        );
        assert_eq!(s.email(None).unwrap(), "News <news@example.com>");
        assert!(s.email(Some("news@example.com")).is_ok());
        assert!(s.email(Some("Anyone <anyone@EXAMPLE.org>")).is_ok());
        assert!(s.email(Some("ops@example.net")).is_ok());
        assert_eq!(
            s.email(Some("x@example.net")).unwrap_err(),
            "x@example.net is not a verified sender (verified: News <news@example.com>, example.org, ops@example.net)"
        );
        assert!(
            s.email(Some("x@sub.example.org")).is_err(),
            "a domain covers itself, not its subdomains"
        );
        let s = senders(Some("+15005550006"), &[], false);
        assert!(s.sms(Some("+15005550006")).is_ok());
        assert!(s.sms(Some("+15005550007")).is_err());
    }
}
