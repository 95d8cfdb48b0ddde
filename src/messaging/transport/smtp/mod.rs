//! The `smtp` transport (messaging.md §2): email over SMTP with lettre,
//! TLS by rustls with the `ring` crypto provider.
//!
//! `smtp.url` says where and how ([`url`] has the table): `smtp://` is plain
//! text, `smtp://…?tls=required` STARTTLS, `smtps://` implicit TLS.
//! Certificates are checked against Mozilla's roots (webpki-roots) and the
//! PEM certificates of `smtp.ca_file` (a private relay's own CA).
//!
//! The stored MIME bytes are sent exactly as stored; the envelope (sender
//! and every to, cc and bcc address once) comes from the record's payload.
//!
//! The SMTP dialogue is driven one command at a time on lettre's own
//! [`SmtpConnection`] (what lettre's `SmtpTransport` uses inside), because
//! the outcome depends on *when* something breaks: before the message data
//! is sent nothing was handed over (transient); once it was sent, a lost
//! connection leaves the server's answer unknown (ambiguous). The
//! connection is kept open between messages and checked with `NOOP` before
//! it is used again, as lettre's pool does; a failed hand-over closes it.
//!
//! Replies: 2xx accepted (`sent`, the `Message-ID` as provider id), 4xx
//! transient (454 or a reply about rate limits: throttled), 5xx permanent
//! (`rejected`).

pub mod url;

use std::time::Duration;

use lettre::address::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    Certificate, CertificateStore, SmtpConnection, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;
use lettre::transport::smtp::Error as SmtpError;

use super::envelope;
use super::{Delivery, Outgoing, Reconciled, Transport};
use crate::messaging::config::Config;
use crate::messaging::status::Status;
use crate::messaging::store::Record;
use url::{Security, SmtpUrl};

/// How long one SMTP command (or the connection) may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The SMTP transport. Its `Debug` shows the URL with the password masked.
pub struct Smtp {
    url: SmtpUrl,
    tls: Option<TlsParameters>,
    /// Whether `smtp.ca_file` added a root certificate.
    ca_file: Option<String>,
    timeout: Duration,
    /// The open connection, kept between messages.
    conn: Option<SmtpConnection>,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("url", &self.url.masked())
            .field("security", &self.url.security.describe())
            .field("ca_file", &self.ca_file)
            .field("timeout", &self.timeout)
            .field("connected", &self.conn.is_some())
            .finish()
    }
}

/// Where in the dialogue something went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Connect,
    MailFrom,
    RcptTo,
    Data,
    /// The message data was sent; the final reply is awaited.
    Content,
}

impl Phase {
    fn describe(self) -> &'static str {
        match self {
            Phase::Connect => "while connecting",
            Phase::MailFrom => "at MAIL FROM",
            Phase::RcptTo => "at RCPT TO",
            Phase::Data => "at DATA",
            Phase::Content => "after the message data",
        }
    }
}

impl Smtp {
    /// Builds the transport from `smtp.url` and `smtp.ca_file`. Nothing is
    /// connected yet. Errors name the key and never contain the password.
    pub fn from_config(cfg: &Config) -> Result<Smtp, String> {
        let raw = cfg
            .opt("smtp.url")
            .ok_or_else(|| "smtp.url is not set (AIR_SMTP_URL): give smtp://user:pass@host:port?tls=required or smtps://user:pass@host:port".to_string())?;
        let url = SmtpUrl::parse(raw)?;
        let ca_file = cfg.opt("smtp.ca_file").map(str::to_string);
        let tls = match url.security {
            Security::None => None,
            _ => Some(tls_parameters(&url.host, ca_file.as_deref())?),
        };
        Ok(Smtp {
            url,
            tls,
            ca_file,
            timeout: DEFAULT_TIMEOUT,
            conn: None,
        })
    }

    /// The same transport with another command timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Smtp {
        self.timeout = timeout;
        self
    }

    /// The URL as it may be shown (password masked).
    pub fn describe(&self) -> String {
        self.url.masked()
    }

    fn server(&self) -> String {
        self.url.server()
    }

    /// The kept connection if it still answers `NOOP`, else a new one
    /// (connected, TLS as configured, logged in).
    fn connection(&mut self) -> Result<SmtpConnection, SmtpError> {
        if let Some(mut conn) = self.conn.take() {
            if conn.test_connected() {
                return Ok(conn);
            }
            conn.abort();
        }
        let hello = match &self.url.hello {
            Some(name) => ClientId::Domain(name.clone()),
            None => ClientId::default(),
        };
        let wrapper = match self.url.security {
            Security::Implicit => self.tls.as_ref(),
            _ => None,
        };
        let mut conn = SmtpConnection::connect(
            (self.url.host.as_str(), self.url.port),
            Some(self.timeout),
            &hello,
            wrapper,
            None,
        )?;
        let result = (|| -> Result<(), SmtpError> {
            match (self.url.security, &self.tls) {
                (Security::StartTls, Some(tls)) => conn.starttls(tls, &hello)?,
                (Security::Opportunistic, Some(tls)) if conn.can_starttls() => {
                    conn.starttls(tls, &hello)?
                }
                _ => {}
            }
            if let (Some(user), Some(password)) = (&self.url.user, &self.url.password) {
                let credentials = Credentials::new(user.clone(), password.clone());
                conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials)?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(conn),
            Err(e) => {
                conn.abort();
                Err(e)
            }
        }
    }

    /// One hand-over on `conn`: MAIL FROM, RCPT TO each, DATA, the bytes.
    fn dialogue(
        conn: &mut SmtpConnection,
        from: &Address,
        to: &[Address],
        bytes: &[u8],
    ) -> Result<Response, (Phase, SmtpError)> {
        let mut options = Vec::new();
        let ascii = |a: &Address| AsRef::<str>::as_ref(a).is_ascii();
        if !ascii(from) || !to.iter().all(ascii) {
            options.push(MailParameter::SmtpUtfEight);
        }
        if !bytes.is_ascii() {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        conn.command(Mail::new(Some(from.clone()), options))
            .map_err(|e| (Phase::MailFrom, e))?;
        for rcpt in to {
            conn.command(Rcpt::new(rcpt.clone(), Vec::new()))
                .map_err(|e| (Phase::RcptTo, e))?;
        }
        conn.command(Data).map_err(|e| (Phase::Data, e))?;
        // The content and the final dot in one write: lettre's `message`
        // writes them apart, and on a connection without TCP_NODELAY the
        // small second write waits for the server's delayed ACK (about 40 ms
        // a message).
        match std::str::from_utf8(bytes) {
            Ok(text) => conn.command(Content(text)).map_err(|e| (Phase::Content, e)),
            Err(_) => conn.message(bytes).map_err(|e| (Phase::Content, e)),
        }
    }

    /// The outcome of an error in `phase`.
    fn classify(&self, phase: Phase, e: &SmtpError) -> Delivery {
        let server = self.server();
        let reply = reply_text(e);
        match (e.status(), phase) {
            (Some(code), Phase::Connect) => {
                let code = code.to_string();
                let throttled = is_throttling(&code, &reply);
                let error = if code.starts_with('5') && self.url.user.is_some() {
                    format!("the SMTP server {server} refused the connection or the login ({code} {reply}): check the user and password in smtp.url")
                } else {
                    format!("the SMTP server {server} answered {code} {reply} {}", phase.describe())
                };
                Delivery::Transient {
                    error,
                    retry_after: None,
                    throttled,
                }
            }
            (Some(code), _) if e.is_transient() => {
                let code = code.to_string();
                Delivery::Transient {
                    throttled: is_throttling(&code, &reply),
                    error: format!(
                        "the SMTP server {server} answered {code} {reply} {}",
                        phase.describe()
                    ),
                    retry_after: None,
                }
            }
            (Some(code), _) => Delivery::Permanent {
                status: Status::Rejected,
                error: format!(
                    "the SMTP server {server} refused the message: {code} {reply} {}",
                    phase.describe()
                ),
            },
            (None, Phase::Content) => Delivery::Ambiguous {
                error: format!(
                    "the connection to the SMTP server {server} broke after the message data was sent, before its reply ({e}): the server may have accepted it"
                ),
            },
            (None, _) => {
                let what = if e.is_tls() || e.to_string().contains("certificate") {
                    let hint = if self.ca_file.is_some() {
                        ""
                    } else {
                        " (a private CA needs smtp.ca_file)"
                    };
                    format!("TLS with the SMTP server {server} failed: {e}{hint}")
                } else {
                    format!(
                        "could not talk to the SMTP server {server} {} ({}): {e}",
                        phase.describe(),
                        self.url.security.describe()
                    )
                };
                Delivery::Transient {
                    error: what,
                    retry_after: None,
                    throttled: false,
                }
            }
        }
    }
}

/// TLS parameters for `host`: Mozilla's roots plus the certificates of
/// `ca_file`, rustls with the `ring` provider (lettre's `ring` feature).
fn tls_parameters(host: &str, ca_file: Option<&str>) -> Result<TlsParameters, String> {
    let mut builder =
        TlsParameters::builder(host.to_string()).certificate_store(CertificateStore::WebpkiRoots);
    if let Some(path) = ca_file {
        let pem = std::fs::read(path)
            .map_err(|e| format!("smtp.ca_file = {path:?}: cannot read it: {e}"))?;
        if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
            return Err(format!(
                "smtp.ca_file = {path:?}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it"
            ));
        }
        let cert = Certificate::from_pem(&pem)
            .map_err(|e| format!("smtp.ca_file = {path:?}: not a valid PEM certificate: {e}"))?;
        builder = builder.add_root_certificate(cert);
    }
    builder.build_rustls().map_err(|e| {
        format!("smtp.ca_file = {ca_file:?}: the TLS settings could not be built: {e}")
    })
}

/// The server's words in an error with a reply code.
fn reply_text(e: &SmtpError) -> String {
    std::error::Error::source(e)
        .map(|s| s.to_string().replace(['\r', '\n'], " "))
        .unwrap_or_default()
}

/// 454, or a 4xx reply that speaks of rate limits.
fn is_throttling(code: &str, reply: &str) -> bool {
    if code == "454" {
        return true;
    }
    let reply = reply.to_ascii_lowercase();
    code.starts_with('4')
        && [
            "throttl",
            "rate limit",
            "rate-limit",
            "ratelimit",
            "too many messages",
            "too many connections",
            "slow down",
            "sending too fast",
        ]
        .iter()
        .any(|w| reply.contains(w))
}

/// `250 2.0.0 Ok: queued` from a reply.
fn reply_line(r: &Response) -> String {
    let text = r.message().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        r.code().to_string()
    } else {
        format!("{} {text}", r.code())
    }
}

impl Transport for Smtp {
    fn name(&self) -> &str {
        "smtp"
    }

    fn send(&mut self, m: &Outgoing<'_>) -> Delivery {
        let failed = |error: String| Delivery::Permanent {
            status: Status::Failed,
            error,
        };
        let (bytes, env) = match envelope::email_of(m) {
            Ok(parts) => parts,
            Err(failed) => return failed,
        };
        let parse = |a: &str| {
            a.parse::<Address>().map_err(|e| {
                format!(
                    "message {}: {a:?} is not an address SMTP can carry: {e}",
                    m.record.id
                )
            })
        };
        let from = match parse(&env.from) {
            Ok(a) => a,
            Err(e) => return failed(e),
        };
        let to = match env
            .recipients()
            .iter()
            .map(|a| parse(a))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(to) => to,
            Err(e) => return failed(e),
        };
        let mut conn = match self.connection() {
            Ok(c) => c,
            Err(e) => return self.classify(Phase::Connect, &e),
        };
        match Self::dialogue(&mut conn, &from, &to, bytes) {
            Ok(reply) => {
                self.conn = Some(conn);
                Delivery::Accepted {
                    status: Status::Sent,
                    provider_id: envelope::message_id(bytes)
                        .or_else(|| Some(env.derived_message_id(&m.record.id))),
                    provider_status: Some(reply_line(&reply)),
                }
            }
            Err((phase, e)) => {
                conn.abort();
                self.classify(phase, &e)
            }
        }
    }

    /// SMTP has no way to ask a server about a message: a message a crash
    /// left in `sending` becomes `unknown`, with what a person needs to
    /// look for it in the relay's logs.
    fn reconcile(&mut self, message: &Record) -> Reconciled {
        let message_id = envelope::message_id_of(message);
        Reconciled::Unknown {
            evidence: format!(
                "SMTP cannot look a message up: message {} (Message-ID {message_id}) may or may not have been accepted by the SMTP server {}; search the server's log for that Message-ID",
                message.id,
                self.url.masked()
            ),
        }
    }
}

impl Drop for Smtp {
    /// Says QUIT on the kept connection, waiting at most a moment.
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.set_timeout(Some(Duration::from_secs(2)));
            let _ = conn.quit();
        }
    }
}

/// A message's content as DATA carries it: dot-stuffed (RFC 5321 §4.5.2: a
/// line that starts with "." gets another), then the terminating
/// `CRLF.CRLF`, exactly what lettre's `SmtpConnection::message` writes.
struct Content<'a>(&'a str);

impl std::fmt::Display for Content<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut line_start = true;
        for piece in self.0.split_inclusive('\n') {
            if line_start && piece.starts_with('.') {
                f.write_str(".")?;
            }
            f.write_str(piece)?;
            line_start = piece.ends_with('\n');
        }
        f.write_str("\r\n.\r\n")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_is_dot_stuffed_and_terminated_in_one_piece() {
        let text = ".starts\r\nmiddle . dot\r\n..two\r\nend";
        assert_eq!(
            super::Content(text).to_string(),
            "..starts\r\nmiddle . dot\r\n...two\r\nend\r\n.\r\n"
        );
    }

    use super::is_throttling;

    #[test]
    fn throttling_replies() {
        assert!(is_throttling(
            "454",
            "4.7.0 Temporary authentication failure"
        ));
        assert!(is_throttling(
            "421",
            "4.7.0 Too many connections from your IP"
        ));
        assert!(is_throttling("451", "4.7.1 Rate limit exceeded, try later"));
        assert!(is_throttling("450", "4.2.1 You are sending too fast"));
        assert!(!is_throttling("450", "4.2.0 Mailbox busy"));
        assert!(!is_throttling("452", "4.5.3 Too many recipients"));
        assert!(!is_throttling("550", "5.7.1 rate limit: rejected for good"));
    }
}
