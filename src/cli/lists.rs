//! `air optout list|add|remove` and `air suppress list|add|remove`: the
//! opt-out list of phone numbers and the suppression list of addresses.

use clap::Subcommand;

use super::mailroom::{self, time, ConfigArgs};
use crate::messaging::store::{List, ListEntry};
use crate::messaging::{mime, phone};

#[derive(Subcommand, Debug)]
pub enum ListCommand {
    /// Show the list.
    List,
    /// Add an entry (it refuses messages from now on).
    Add {
        entry: String,
        /// Why (kept with the entry).
        #[arg(long, default_value = "added by hand")]
        reason: String,
    },
    /// Remove an entry.
    Remove { entry: String },
}

/// A list entry in its stored form: E.164 numbers, lower-case bare addresses.
fn normalise(list: List, entry: &str, region: &str) -> Result<String, String> {
    match list {
        List::OptOut => phone::to_e164(entry, region),
        List::Suppression => mime::parse_address("address", entry)
            .map(|a| mime::bare_address(&a).to_ascii_lowercase())
            .map_err(|e| e.message),
    }
}

pub fn main(list: List, cmd: ListCommand, cfg: &ConfigArgs) -> u8 {
    let what = match list {
        List::OptOut => "opt-out list",
        List::Suppression => "suppression list",
    };
    let result = cfg.load().and_then(|c| {
        let region = c.get("default_region").to_string();
        match cmd {
            ListCommand::List => {
                let Some(mut store) = mailroom::open_existing(&c)? else {
                    out!("The {what} is empty.");
                    return Ok(0);
                };
                let entries = store.list_entries(list).map_err(|e| e.to_string())?;
                if entries.is_empty() {
                    out!("The {what} is empty.");
                }
                for e in entries {
                    let cause = e
                        .message_id
                        .map(|m| format!(" (message {m})"))
                        .unwrap_or_default();
                    out!("{}  {}  {}{cause}", e.key, time(e.at), e.reason);
                }
                Ok(0)
            }
            ListCommand::Add { entry, reason } => {
                let key = normalise(list, &entry, &region)?;
                let mut store = mailroom::open_store(&c)?;
                let e = ListEntry {
                    key: key.clone(),
                    at: jiff::Timestamp::now().as_millisecond(),
                    reason,
                    message_id: None,
                };
                if store.add_entry(list, &e).map_err(|e| e.to_string())? {
                    out!("Added {key} to the {what}.");
                } else {
                    out!("{key} is already on the {what}.");
                }
                Ok(0)
            }
            ListCommand::Remove { entry } => {
                let key = normalise(list, &entry, &region)?;
                let Some(mut store) = mailroom::open_existing(&c)? else {
                    return Err(format!("{key} is not on the {what}"));
                };
                if store.remove_entry(list, &key).map_err(|e| e.to_string())? {
                    out!("Removed {key} from the {what}.");
                    Ok(0)
                } else {
                    Err(format!("{key} is not on the {what}"))
                }
            }
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}
