//! `air conformance FILE.toml...`: one line per file, then
//! `N passed, M pending, K failed`. A case is pending when it fails because it
//! calls a function that is not built in yet; only failed cases (and files
//! that cannot be loaded) make the exit status 1.

use std::path::PathBuf;

use crate::conformance::{self, Summary};

pub fn main(files: &[PathBuf], verbose: bool) -> u8 {
    let mut total = Summary::default();
    for path in files {
        let file = match conformance::load(path) {
            Ok(f) => f,
            Err(e) => {
                out!("{}: cannot load: {e}", path.display());
                total.failed += 1;
                continue;
            }
        };
        let outcomes = conformance::run_file(&file);
        let summary = Summary::of(&outcomes);
        out!("{}: {summary}", path.display());
        if verbose {
            for o in outcomes.iter().filter(|o| !o.passed) {
                if o.is_pending() {
                    out!("  PENDING {} (missing {})", o.id, o.missing.join(", "));
                } else {
                    out!("  FAIL {}", o.detail.replace('\n', "\n  "));
                }
            }
        }
        total.merge(&summary);
    }
    if let Some(line) = total.missing_line() {
        out!("{line}");
    }
    out!("{total}");
    u8::from(total.failed > 0)
}
