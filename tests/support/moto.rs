//! A real stand-in for Amazon SES: moto in server mode
//! (`python -m moto.server`) on 127.0.0.1. It routes by the SigV4
//! credential scope (so requests must be signed) but does not check
//! signatures; what it received is read back from `/moto-api/data.json`.

use std::path::Path;
use std::process::Command;

use airscript::messaging::config::{Config, Source};
use airscript::messaging::transport::ses::Ses;

use super::tools::{free_port, python, Server};

/// The credentials the tests sign with (moto accepts any).
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const REGION: &str = "us-east-1";

/// A running moto server; stopped when dropped.
pub struct Moto {
    pub server: Server,
    pub port: u16,
}

impl Moto {
    pub fn start() -> Moto {
        let port = free_port();
        let log = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("moto-{}-{port}.log", std::process::id()));
        let mut cmd = Command::new(python());
        cmd.args(["-m", "moto.server", "-H", "127.0.0.1", "-p"])
            .arg(port.to_string());
        Moto {
            server: Server::start(cmd, port, log),
            port,
        }
    }

    /// The `ses.endpoint` that reaches it.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A configuration for the `ses` transport against this server, with
    /// `extra` settings on top.
    pub fn config(&self, extra: &[(&'static str, &str)]) -> Config {
        let mut cfg = Config::defaults();
        let env = |v: &'static str| Source::Env(v);
        cfg.set("ses.region", REGION, env("AIR_SES_REGION"));
        cfg.set("ses.endpoint", &self.endpoint(), env("AIR_SES_ENDPOINT"));
        cfg.set("ses.access_key_id", ACCESS_KEY_ID, env("AWS_ACCESS_KEY_ID"));
        cfg.set(
            "ses.secret_access_key",
            SECRET_ACCESS_KEY,
            env("AWS_SECRET_ACCESS_KEY"),
        );
        for (k, v) in extra {
            cfg.set(k, v, Source::Default);
        }
        cfg
    }

    /// Verifies a sender address or domain with a SigV4-signed
    /// `POST /v2/email/identities` (SES v2 `CreateEmailIdentity`).
    pub fn verify_identity(&self, identity: &str) {
        let ses = Ses::from_config(&self.config(&[])).expect("ses configuration");
        let body = serde_json::json!({ "EmailIdentity": identity }).to_string();
        let reply = ses
            .post("/v2/email/identities", body.as_bytes())
            .expect("CreateEmailIdentity reaches moto");
        assert_eq!(reply.status, 200, "CreateEmailIdentity: {reply:?}");
    }

    /// Everything moto holds (`GET /moto-api/data.json`).
    pub fn data(&self) -> serde_json::Value {
        let url = format!("{}/moto-api/data.json", self.endpoint());
        let text = ureq::get(&url)
            .call()
            .expect("GET /moto-api/data.json")
            .body_mut()
            .read_to_string()
            .expect("read data.json");
        serde_json::from_str(&text).expect("data.json is JSON")
    }

    /// The raw messages SES received (`ses.RawMessage`), oldest first.
    pub fn raw_messages(&self) -> Vec<serde_json::Value> {
        self.data()["ses"]["RawMessage"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}
