//! The REPL (language.md §10.4): `air> ` prompts, `...> ` while the input is
//! incomplete, declarations persist, errors never end the session.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Editor, Helper, Highlighter, Hinter, Validator};

use super::{help, report};
use crate::builtins;
use crate::engine::{Context, Failure, Interpreter};
use crate::session::Session;
use crate::syntax;

#[derive(Helper, Hinter, Highlighter, Validator)]
struct AirHelper {
    names: Rc<RefCell<Vec<String>>>,
}

impl Completer for AirHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        if before.starts_with(':') && !before.contains(' ') {
            let commands = [":help", ":reset", ":quit"];
            let out = commands
                .iter()
                .filter(|c| c.starts_with(before))
                .map(|c| Pair {
                    display: c.to_string(),
                    replacement: c.to_string(),
                })
                .collect();
            return Ok((0, out));
        }
        // After `:help`, a bare name: no `(` is added.
        let for_help = before.starts_with(":help ") || before.starts_with(":h ");
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        if word.is_empty() {
            return Ok((pos, Vec::new()));
        }
        let upper = word.to_ascii_uppercase();
        let mut out: Vec<Pair> = builtins::all()
            .iter()
            .filter(|f| f.name.starts_with(&upper))
            .map(|f| Pair {
                display: f.signature_lines().join(" or "),
                replacement: if for_help {
                    f.name.to_owned()
                } else {
                    format!("{}(", f.name)
                },
            })
            .collect();
        for n in self.names.borrow().iter().filter(|n| n.starts_with(word)) {
            out.push(Pair {
                display: n.clone(),
                replacement: n.clone(),
            });
        }
        Ok((start, out))
    }
}

/// True when `src` ends before its input is complete (an open bracket, string, ...).
pub fn is_incomplete(src: &str) -> bool {
    let (_, errors) = syntax::parse_program_with(src, &Default::default());
    errors.iter().any(|e| e.is_incomplete())
}

pub fn main() -> u8 {
    let names = Rc::new(RefCell::new(Vec::new()));
    let mut rl: Editor<AirHelper, DefaultHistory> = match Editor::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return 2;
        }
    };
    rl.set_helper(Some(AirHelper {
        names: names.clone(),
    }));
    let history = dirs::home_dir().map(|h| h.join(".air_history"));
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    let config = match super::mailroom::ConfigArgs::default().load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let outbox = std::sync::Arc::new(super::mailroom::LazyOutbox::new(config));
    let session = Session {
        effects: Some(outbox.clone()),
        ..Session::default().with_files(super::current_dir())
    };
    let mut interp = Interpreter::new(super::engine(), Context::new(), session);
    if std::io::stdin().is_terminal() {
        out!(
            "airscript {} — :help for help, :quit to leave",
            env!("CARGO_PKG_VERSION")
        );
    }
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "air> " } else { "...> " };
        let line = match rl.readline(prompt) {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        };
        if buffer.is_empty() {
            match line.trim() {
                ":quit" | ":q" | ":exit" => break,
                cmd if cmd == ":h"
                    || cmd == ":help"
                    || cmd.starts_with(":help ")
                    || cmd.starts_with(":h ") =>
                {
                    let topic = cmd.split_once(' ').map_or("", |(_, t)| t);
                    out!("{}", help::help(topic));
                    continue;
                }
                ":reset" => {
                    interp.reset();
                    names.borrow_mut().clear();
                    out!("All declarations forgotten.");
                    continue;
                }
                "" => continue,
                cmd if cmd.starts_with(':') => {
                    out!("Unknown command {cmd}; try :help");
                    continue;
                }
                _ => {}
            }
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if is_incomplete(&buffer) {
            continue;
        }
        let input = std::mem::take(&mut buffer);
        let _ = rl.add_history_entry(input.trim_end());
        let result = interp.run(&input, &mut |v| out!("{v}"));
        match result {
            Ok(()) => {}
            Err(Failure::Compile(errors)) => {
                for e in &errors {
                    report(e, &input, "<input>");
                }
            }
            Err(Failure::Run(e)) => report(&e, &input, "<input>"),
        }
        match outbox.deliver() {
            Ok(Some(r)) if r.sent > 0 => out!(
                "({} message{} handed to the transport; `air outbox list` shows {})",
                r.sent,
                if r.sent == 1 { "" } else { "s" },
                if r.sent == 1 { "it" } else { "them" }
            ),
            Ok(_) => {}
            Err(e) => eprintln!("error: {e}"),
        }
        *names.borrow_mut() = interp.declared_names();
    }
    if let Some(h) = &history {
        let _ = rl.save_history(h);
    }
    0
}
