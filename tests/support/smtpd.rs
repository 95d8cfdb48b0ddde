//! A real SMTP server for the tests: aiosmtpd (`python -m aiosmtpd`) on
//! 127.0.0.1 with one of the handlers of `smtpd_handlers.py`, writing what
//! it accepts to a Maildir (and each message's raw bytes to `raw/`).
//!
//! TLS uses a certificate authority and a leaf for `localhost` and
//! `127.0.0.1` made here with rcgen (rustls refuses a self-signed
//! certificate as a server's own); the client trusts the CA through
//! `smtp.ca_file` ([`Smtpd::ca_file`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::tools::{free_port, python, Server};

/// What the server does with messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Handler {
    /// Accepts everything (`250 2.0.0 Ok: queued as N`).
    Accept,
    /// 450 after the data of each message's first delivery, then 250.
    TempFailOnce,
    /// 550 to every recipient.
    Reject,
    /// 454 after every message's data.
    Throttle,
    /// On the `n`-th message: writes it to the Maildir, SIGKILLs the pid
    /// read from `pid_file`, then answers 250.
    KillOnNth { n: u32, pid_file: PathBuf },
}

impl Handler {
    fn class(&self) -> &'static str {
        match self {
            Handler::Accept => "Accept",
            Handler::TempFailOnce => "TempFailOnce",
            Handler::Reject => "Reject",
            Handler::Throttle => "Throttle",
            Handler::KillOnNth { .. } => "KillOnNth",
        }
    }
}

/// How clients reach the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encryption {
    /// Plain text.
    Plain,
    /// STARTTLS, required before MAIL (`smtp://…?tls=required`).
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Implicit,
}

/// A running aiosmtpd; stopped when dropped.
pub struct Smtpd {
    pub server: Server,
    pub port: u16,
    /// Its working directory: `maildir/`, `ca.pem`, `cert.pem`, `key.pem`.
    pub dir: PathBuf,
    pub encryption: Encryption,
}

fn scratch_dir(what: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{what}-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    fs::create_dir_all(&dir).expect("create the server's directory");
    dir
}

/// Writes `ca.pem` (a CA) and `cert.pem`/`key.pem` (a leaf for
/// `localhost` and `127.0.0.1` that the CA signed) into `dir`.
pub fn make_certificates(dir: &Path) {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, KeyUsagePurpose,
    };
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "airscript test CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca, ca_key);

    let leaf_key = KeyPair::generate().expect("leaf key");
    let mut leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("leaf params");
    leaf.distinguished_name
        .push(DnType::CommonName, "localhost");
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let leaf_cert = leaf
        .signed_by(&leaf_key, &issuer)
        .expect("leaf certificate");

    fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    fs::write(dir.join("cert.pem"), leaf_cert.pem()).unwrap();
    fs::write(dir.join("key.pem"), leaf_key.serialize_pem()).unwrap();
}

impl Smtpd {
    /// Starts aiosmtpd with `handler`, reached as `encryption` says.
    pub fn start(handler: Handler, encryption: Encryption) -> Smtpd {
        let dir = scratch_dir("smtpd");
        let maildir = dir.join("maildir");
        let port = free_port();
        let handlers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support");
        let mut cmd = Command::new(python());
        cmd.env("PYTHONPATH", &handlers)
            .env("PYTHONUNBUFFERED", "1")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"));
        match encryption {
            Encryption::Plain => {}
            Encryption::StartTls | Encryption::Implicit => {
                make_certificates(&dir);
                let (cert, key) = match encryption {
                    Encryption::StartTls => ("--tlscert", "--tlskey"),
                    _ => ("--smtpscert", "--smtpskey"),
                };
                cmd.arg(cert)
                    .arg(dir.join("cert.pem"))
                    .arg(key)
                    .arg(dir.join("key.pem"));
            }
        }
        cmd.arg("-c")
            .arg(format!("smtpd_handlers.{}", handler.class()))
            .arg(&maildir);
        if let Handler::KillOnNth { n, pid_file } = &handler {
            cmd.arg(n.to_string()).arg(pid_file);
        }
        let server = Server::start(cmd, port, dir.join("smtpd.log"));
        Smtpd {
            server,
            port,
            dir,
            encryption,
        }
    }

    /// A plain-text server that accepts everything.
    pub fn accept() -> Smtpd {
        Smtpd::start(Handler::Accept, Encryption::Plain)
    }

    /// The crash helper: a plain-text server that accepts messages and, on
    /// the `n`-th, writes it to the Maildir, SIGKILLs the process whose pid
    /// is in `pid_file` (written by the caller before that message comes),
    /// then answers 250.
    pub fn kill_on_nth(n: u32, pid_file: &Path) -> Smtpd {
        Smtpd::start(
            Handler::KillOnNth {
                n,
                pid_file: pid_file.to_path_buf(),
            },
            Encryption::Plain,
        )
    }

    /// The `smtp.url` that reaches this server.
    pub fn url(&self) -> String {
        match self.encryption {
            Encryption::Plain => format!("smtp://127.0.0.1:{}", self.port),
            Encryption::StartTls => format!("smtp://127.0.0.1:{}?tls=required", self.port),
            Encryption::Implicit => format!("smtps://127.0.0.1:{}", self.port),
        }
    }

    /// The CA certificate to trust (`smtp.ca_file`), with TLS.
    pub fn ca_file(&self) -> Option<PathBuf> {
        (self.encryption != Encryption::Plain).then(|| self.dir.join("ca.pem"))
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.server.child.id()
    }

    /// The accepted messages as the Maildir holds them (with aiosmtpd's
    /// X-MailFrom, X-RcptTo and X-Peer headers), oldest first.
    pub fn maildir(&self) -> Vec<Vec<u8>> {
        let new = self.dir.join("maildir/new");
        let mut files: Vec<_> = match fs::read_dir(&new) {
            Ok(entries) => entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let modified = e.metadata().and_then(|m| m.modified()).ok();
                    (modified, e.path())
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        files
            .into_iter()
            .map(|(_, p)| fs::read(p).expect("read a Maildir file"))
            .collect()
    }

    /// The accepted messages' bytes exactly as received, in order.
    pub fn raw(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<_> = match fs::read_dir(self.dir.join("maildir/raw")) {
            Ok(entries) => entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        files
            .into_iter()
            .map(|p| fs::read(p).expect("read a raw message"))
            .collect()
    }
}

impl Drop for Smtpd {
    /// Removes the directory, except after a failure (its log tells why).
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
