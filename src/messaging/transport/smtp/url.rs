//! `smtp.url`, read the way lettre's `SmtpTransport::from_url` reads it:
//!
//! | URL | security | default port |
//! | --- | --- | --- |
//! | `smtp://host` | none: plain text | 25 |
//! | `smtp://host?tls=required` | STARTTLS, and no sending without it | 587 |
//! | `smtp://host?tls=opportunistic` | STARTTLS when the server offers it, else plain text (an attacker on the path can strip it) | 587 |
//! | `smtps://host` | implicit TLS from the first byte | 465 |
//!
//! `user:password@` logs in (both percent-decoded); a path (`/name`) is the
//! name given in `EHLO`. A password is refused where it could travel in
//! plain text (no TLS, or opportunistic TLS) unless the server is on this
//! machine (`localhost`, `127.0.0.0/8`, `::1`).

use std::net::IpAddr;

use percent_encoding::percent_decode_str;

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain text.
    None,
    /// `smtp://...?tls=opportunistic`: STARTTLS if offered.
    Opportunistic,
    /// `smtp://...?tls=required`: STARTTLS or nothing.
    StartTls,
    /// `smtps://`: TLS from the start.
    Implicit,
}

impl Security {
    /// A few words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Security::None => "no TLS",
            Security::Opportunistic => "STARTTLS if offered",
            Security::StartTls => "STARTTLS required",
            Security::Implicit => "implicit TLS",
        }
    }
}

/// A parsed `smtp.url`. Its `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub scheme: &'static str,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub password: Option<String>,
    /// The name for `EHLO`, when the URL has a path.
    pub hello: Option<String>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl SmtpUrl {
    /// Parses `url`; errors name `smtp.url` and never repeat the password.
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let url = url.trim();
        let bad = |what: &str| format!("smtp.url = {}: {what}", mask(url));
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| bad("expected smtp://host:port or smtps://host:port"))?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "smtp" => "smtp",
            "smtps" => "smtps",
            other => {
                return Err(bad(&format!(
                    "unknown scheme `{other}`: use smtp:// (with ?tls=required for STARTTLS) or smtps://"
                )))
            }
        };
        // The host part follows the last `@`, so that an unencoded `@`,
        // `/` or `?` in a password does not end it early.
        let (userinfo, hostpart) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, rest),
        };
        let (authority, tail) = match hostpart.find(['/', '?', '#']) {
            Some(i) => hostpart.split_at(i),
            None => (hostpart, ""),
        };
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (tail, None),
        };
        let path = path.split('#').next().unwrap_or_default();
        let query = query.map(|q| q.split('#').next().unwrap_or_default());

        let (host, port) = split_host_port(authority).map_err(|e| bad(&e))?;
        if host.is_empty() {
            return Err(bad("no host"));
        }

        let mut tls = None;
        for pair in query
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "tls" => tls = Some(v.to_string()),
                other => {
                    return Err(bad(&format!(
                        "unknown parameter `{other}` (the only one is tls=required or tls=opportunistic)"
                    )))
                }
            }
        }
        let security = match (scheme, tls.as_deref()) {
            ("smtps", _) => Security::Implicit,
            (_, None) => Security::None,
            (_, Some("required")) => Security::StartTls,
            (_, Some("opportunistic")) => Security::Opportunistic,
            (_, Some(other)) => {
                return Err(bad(&format!(
                    "tls={other}: expected tls=required or tls=opportunistic"
                )))
            }
        };
        let port = match port {
            Some(p) => p,
            None => match security {
                Security::None => 25,
                Security::StartTls | Security::Opportunistic => 587,
                Security::Implicit => 465,
            },
        };

        let decode = |what: &str, s: &str| {
            percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| {
                    bad(&format!(
                        "the {what} is not valid UTF-8 once percent-decoded"
                    ))
                })
        };
        let (user, password) = match userinfo {
            None => (None, None),
            Some(u) => match u.split_once(':') {
                Some((user, pass)) => {
                    (Some(decode("user", user)?), Some(decode("password", pass)?))
                }
                None => (Some(decode("user", u)?), None),
            },
        };
        let user = user.filter(|u| !u.is_empty());
        if password.as_deref().is_some_and(|p| !p.is_empty()) && user.is_none() {
            return Err(bad("a password without a user"));
        }
        let password = password.filter(|p| !p.is_empty());
        let parsed = SmtpUrl {
            scheme,
            hello: Some(path.trim_matches('/').to_string()).filter(|h| !h.is_empty()),
            host,
            port,
            security,
            user,
            password,
        };
        if parsed.password.is_some()
            && matches!(parsed.security, Security::None | Security::Opportunistic)
            && !parsed.is_loopback()
        {
            return Err(bad(
                "a password would travel in plain text: use smtps:// or add ?tls=required",
            ));
        }
        Ok(parsed)
    }

    /// Whether the server is on this machine.
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// `host:port` (an IPv6 host in brackets).
    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The URL as it may be shown: the password replaced by `****`.
    pub fn masked(&self) -> String {
        let user = match (&self.user, &self.password) {
            (Some(u), Some(_)) => format!("{u}:****@"),
            (Some(u), None) => format!("{u}@"),
            _ => String::new(),
        };
        let query = match self.security {
            Security::StartTls if self.scheme == "smtp" => "?tls=required",
            Security::Opportunistic => "?tls=opportunistic",
            _ => "",
        };
        format!("{}://{user}{}{query}", self.scheme, self.server())
    }
}

/// `host`, `host:port`, `[v6]`, `[v6]:port`.
fn split_host_port(authority: &str) -> Result<(String, Option<u16>), String> {
    let port = |p: &str| {
        p.parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| format!("port `{p}` is not a number from 1 to 65535"))
    };
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| "an IPv6 host needs its closing `]`".to_string())?;
        return match after.strip_prefix(':') {
            Some(p) => Ok((host.to_string(), Some(port(p)?))),
            None if after.is_empty() => Ok((host.to_string(), None)),
            None => Err(format!("unexpected `{after}` after the host")),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, p)) => Ok((host.to_string(), Some(port(p)?))),
        None => Ok((authority.to_string(), None)),
    }
}

/// A URL that did not parse, as it may be shown: anything between `://`
/// and the last `@` is hidden.
fn mask(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("\"{scheme}://****@{host}\""),
            None => format!("\"{url}\""),
        },
        None => "\"****\"".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_ports_and_security() {
        let u = SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.security),
            ("127.0.0.1", 2525, Security::None)
        );
        assert_eq!(SmtpUrl::parse("smtp://mail.example.com").unwrap().port, 25);
        let u = SmtpUrl::parse("smtp://mail.example.com?tls=required").unwrap();
        assert_eq!((u.port, u.security), (587, Security::StartTls));
        let u = SmtpUrl::parse("smtp://mail.example.com?tls=opportunistic").unwrap();
        assert_eq!((u.port, u.security), (587, Security::Opportunistic));
        let u = SmtpUrl::parse("smtps://mail.example.com").unwrap();
        assert_eq!((u.port, u.security), (465, Security::Implicit));
        let u = SmtpUrl::parse("SMTPS://[::1]:2465/relay.example").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.hello.as_deref()),
            ("::1", 2465, Some("relay.example"))
        );
        assert_eq!(u.server(), "[::1]:2465");
    }

    #[test]
    fn credentials_are_decoded_and_masked() {
        let u =
            SmtpUrl::parse("smtps://ada%40example.com:p%40ss/w?rd@mail.example.com:465").unwrap();
        assert_eq!(u.user.as_deref(), Some("ada@example.com"));
        assert_eq!(u.password.as_deref(), Some("p@ss/w?rd"));
        assert_eq!(
            u.masked(),
            "smtps://ada@example.com:****@mail.example.com:465"
        );
        assert!(!format!("{u:?}").contains("p@ss"));
    }

    #[test]
    fn a_password_in_plain_text_is_refused_except_on_this_machine() {
        let e = SmtpUrl::parse("smtp://u:secret-pw@mail.example.com:25").unwrap_err();
        assert_eq!(
            e,
            "smtp.url = \"smtp://****@mail.example.com:25\": a password would travel in plain text: use smtps:// or add ?tls=required"
        );
        assert!(SmtpUrl::parse("smtp://u:pw@127.0.0.1:2525").is_ok());
        assert!(SmtpUrl::parse("smtp://u:pw@localhost:2525").is_ok());
        assert!(SmtpUrl::parse("smtp://u:pw@mail.example.com?tls=required").is_ok());
        assert!(SmtpUrl::parse("smtp://u:pw@mail.example.com?tls=opportunistic").is_err());
    }

    #[test]
    fn bad_urls_are_named_without_the_password() {
        for (url, why) in [
            (
                "mail.example.com",
                "expected smtp://host:port or smtps://host:port",
            ),
            (
                "http://x",
                "unknown scheme `http`: use smtp:// (with ?tls=required for STARTTLS) or smtps://",
            ),
            (
                "smtp://u:secret-pw@x:99999",
                "port `99999` is not a number from 1 to 65535",
            ),
            (
                "smtp://x?tls=yes",
                "tls=yes: expected tls=required or tls=opportunistic",
            ),
            (
                "smtp://x?verify=no",
                "unknown parameter `verify` (the only one is tls=required or tls=opportunistic)",
            ),
            ("smtp://:25", "no host"),
        ] {
            let e = SmtpUrl::parse(url).unwrap_err();
            assert!(e.starts_with("smtp.url = "), "{e}");
            assert!(e.ends_with(why), "{url}: {e}");
            assert!(!e.contains("secret-pw"), "{e}");
        }
    }
}
