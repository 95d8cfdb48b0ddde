//! `air run FILE.air`: checks the whole program, then runs its items in order.
//! Exit 0 on success, 1 on a run-time error, 2 on a SyntaxError (nothing ran).

use std::io::Write;
use std::path::Path;

use super::{parse_context, report, SessionArgs};
use crate::engine::{Context, Engine, Failure, Interpreter};

pub fn main(file: &Path, context: Option<&Path>, args: &SessionArgs) -> u8 {
    let name = file.display().to_string();
    let Some(src) = super::read_source(file) else {
        return 2;
    };
    let session = match args.session() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let ctx = match context {
        None => Context::new(),
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| format!("{}: {e}", p.display()))
            .and_then(|t| parse_context(&t, &p.display().to_string()))
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
    };
    let mut interp = Interpreter::new(Engine::new(), ctx, session);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = interp.run(&src, &mut |v| {
        let _ = writeln!(out, "{v}");
    });
    let _ = out.flush();
    match result {
        Ok(()) => 0,
        Err(Failure::Compile(errors)) => {
            for e in &errors {
                report(e, &src, &name);
            }
            2
        }
        Err(Failure::Run(e)) => {
            report(&e, &src, &name);
            1
        }
    }
}
