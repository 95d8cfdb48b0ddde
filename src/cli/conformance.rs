//! `air conformance FILE.toml...`: one line per file, then `N passed, M failed`.

use std::path::PathBuf;

use crate::conformance;

pub fn main(files: &[PathBuf], verbose: bool) -> u8 {
    let (mut passed, mut failed) = (0usize, 0usize);
    for path in files {
        let file = match conformance::load(path) {
            Ok(f) => f,
            Err(e) => {
                println!("{}: cannot load: {e}", path.display());
                failed += 1;
                continue;
            }
        };
        let outcomes = conformance::run_file(&file);
        let ok = outcomes.iter().filter(|o| o.passed).count();
        let bad = outcomes.len() - ok;
        println!("{}: {ok} passed, {bad} failed", path.display());
        if verbose {
            for o in outcomes.iter().filter(|o| !o.passed) {
                println!("  FAIL {}", o.detail.replace('\n', "\n  "));
            }
        }
        passed += ok;
        failed += bad;
    }
    println!("{passed} passed, {failed} failed");
    u8::from(failed > 0)
}
