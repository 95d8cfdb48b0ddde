//! `air check FILE.air`: parse and compile without running; every error found.

use std::path::Path;

use super::report;
use crate::engine::{Context, Interpreter};
use crate::session::Session;

pub fn main(file: &Path) -> u8 {
    let name = file.display().to_string();
    let Some(src) = super::read_source(file) else {
        return 2;
    };
    let interp = Interpreter::new(super::engine(), Context::new(), Session::default());
    let errors = interp.check(&src);
    for e in &errors {
        report(e, &src, &name);
    }
    if !errors.is_empty() {
        let plural = if errors.len() == 1 { "" } else { "s" };
        eprintln!("{name}: {} error{plural}", errors.len());
        return 1;
    }
    let free = interp.free_variables(&src);
    if !free.is_empty() {
        let names: Vec<&str> = free.iter().map(|(n, _)| &**n).collect();
        eprintln!(
            "note: {name} reads these names from the context (NULL when the context lacks them): {}",
            names.join(", ")
        );
        for (n, hint) in &free {
            if let Some(h) = hint {
                eprintln!("note: `{n}` is not declared: did you mean `{h}`?");
            }
        }
    }
    out!("{name}: ok");
    0
}
