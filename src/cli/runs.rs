//! `air runs list|show RUN`: script runs and their messages per status.

use clap::Subcommand;

use super::mailroom::{self, time, ConfigArgs};
use crate::messaging::store::{Filter, Store};

#[derive(Subcommand, Debug)]
pub enum RunsCommand {
    /// Every run, newest first, with its totals.
    List,
    /// One run: its totals per status and its messages.
    Show { run: String },
}

fn totals(store: &mut Box<dyn Store>, id: &str) -> Result<String, String> {
    let t = store.run_totals(id).map_err(|e| e.to_string())?;
    if t.is_empty() {
        return Ok("no messages".into());
    }
    Ok(t.iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", "))
}

pub fn main(cmd: RunsCommand, cfg: &ConfigArgs) -> u8 {
    let result = cfg.load().and_then(|c| {
        let Some(mut store) = mailroom::open_existing(&c)? else {
            return match cmd {
                RunsCommand::List => {
                    out!("No runs yet.");
                    Ok(0)
                }
                RunsCommand::Show { run } => Err(format!("no run {run:?}: the outbox is empty")),
            };
        };
        match cmd {
            RunsCommand::List => {
                let runs = store.runs().map_err(|e| e.to_string())?;
                if runs.is_empty() {
                    out!("No runs yet.");
                }
                for r in runs {
                    let rows = r.rows.map(|n| format!(", {n} rows")).unwrap_or_default();
                    let state = if r.finished_at.is_some() {
                        ""
                    } else {
                        " (unfinished)"
                    };
                    out!(
                        "{}  {}  {}{}{rows}{state}: {}",
                        r.id,
                        time(r.started_at),
                        r.script,
                        r.data.map(|d| format!(" --data {d}")).unwrap_or_default(),
                        totals(&mut store, &r.id)?
                    );
                }
                Ok(0)
            }
            RunsCommand::Show { run } => {
                let r = store
                    .run(&run)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no run {run:?} (`air runs list` shows them)"))?;
                out!("Run       {}", r.id);
                out!("Script    {}", r.script);
                if let Some(d) = &r.data {
                    out!("Data      {d}");
                }
                out!("Started   {}", time(r.started_at));
                match (r.finished_at, r.rows) {
                    (Some(f), rows) => out!(
                        "Finished  {}{}",
                        time(f),
                        rows.map(|n| format!(" ({n} rows)")).unwrap_or_default()
                    ),
                    (None, _) => out!("Finished  not yet (a re-run resumes it)"),
                }
                out!("Totals    {}", totals(&mut store, &r.id)?);
                let f = Filter {
                    run: Some(r.id.clone()),
                    ..Filter::default()
                };
                for m in store.list(&f).map_err(|e| e.to_string())? {
                    out!(
                        "  {}  {:<5}  {:<12}  {}",
                        m.id,
                        m.channel.name(),
                        m.status.name(),
                        m.recipient
                    );
                }
                Ok(0)
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
