//! `air webhooks serve`: receives Twilio status callbacks and inbound texts
//! and SES events over SNS, and updates the outbox; `air webhooks inbound`
//! lists the texts received.

use std::net::{SocketAddr, TcpListener};

use clap::Subcommand;

use super::mailroom::{self, clip, time, ConfigArgs};
use crate::messaging::webhooks::server::serve;
use crate::messaging::webhooks::{Settings, Webhooks};
use crate::session::Clock;

#[derive(Subcommand, Debug)]
pub enum WebhooksCommand {
    /// Receive provider webhooks: POST /twilio/status, POST /twilio/inbound,
    /// POST /ses/sns, GET /health. Runs until stopped.
    Serve {
        /// HOST:PORT to listen on (default: webhooks.listen, 127.0.0.1:8787).
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// The texts received, newest first.
    Inbound {
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
}

pub fn main(cmd: WebhooksCommand, cfg: &ConfigArgs) -> u8 {
    let result = match cmd {
        WebhooksCommand::Serve { listen } => serve_command(listen.as_deref(), cfg),
        WebhooksCommand::Inbound { limit, json } => inbound(limit, json, cfg),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn serve_command(flag: Option<&str>, cfg: &ConfigArgs) -> Result<u8, String> {
    let config = cfg.load()?;
    let (text, origin) = match flag {
        Some(f) => (f.to_string(), "--listen".to_string()),
        None => (
            config.get("webhooks.listen").to_string(),
            "webhooks.listen".to_string(),
        ),
    };
    let addr: SocketAddr = text.trim().parse().map_err(|_| {
        format!("{origin} {text:?}: expected an address and port such as 127.0.0.1:8787")
    })?;
    let listener =
        TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr} ({origin}): {e}"))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let settings = Settings::from_config(&config, bound)?;
    let store = mailroom::open_store(&config)?;
    let outbox = mailroom::outbox_path(&config)?;
    eprintln!(
        "air webhooks: listening on http://{bound} (public URL {}), outbox {}",
        settings.public_url,
        outbox.display()
    );
    eprintln!(
        "air webhooks: POST {0}/twilio/status, POST {0}/twilio/inbound, POST {0}/ses/sns, GET {0}/health",
        settings.public_url
    );
    if settings.twilio_auth_token.is_none() {
        eprintln!("air webhooks: twilio.auth_token is not set: Twilio requests will be refused");
    }
    if settings.sns_public_key.is_none() {
        eprintln!("air webhooks: SNS certificates come from each message's SigningCertURL (sns.<region>.amazonaws.com)");
    }
    let webhooks = Webhooks::new(store, settings, Clock::System);
    serve(listener, webhooks, std::future::pending())
        .map_err(|e| format!("the webhook server stopped: {e}"))?;
    Ok(0)
}

fn inbound(limit: usize, json: bool, cfg: &ConfigArgs) -> Result<u8, String> {
    let config = cfg.load()?;
    let Some(mut store) = mailroom::open_existing(&config)? else {
        if !json {
            out!("No texts received.");
        }
        return Ok(0);
    };
    let texts = store.inbound(limit).map_err(|e| e.to_string())?;
    if texts.is_empty() && !json {
        out!("No texts received.");
    }
    for t in texts {
        if json {
            let line = serde_json::json!({
                "id": t.id,
                "provider": t.provider,
                "from": t.from,
                "to": t.to,
                "body": t.body,
                "at": time(t.at),
            });
            out!("{line}");
        } else {
            out!(
                "{}  {}  {} -> {}  {}",
                time(t.at),
                t.id,
                t.from,
                t.to,
                clip(&t.body, 60)
            );
        }
    }
    Ok(0)
}
