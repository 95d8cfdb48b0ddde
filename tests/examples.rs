//! Every `examples/*.air` script runs with `air run` (with `examples/NAME.json`
//! as its context when present) and prints exactly `examples/NAME.out`.
//! Each runs in a fresh directory, so the messages it sends go into an
//! outbox of its own and nothing configured on this machine applies.

use std::path::Path;
use std::process::Command;

#[test]
fn every_example_prints_its_expected_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "air"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "expected at least five example scripts");
    let mut failures = Vec::new();
    for script in &scripts {
        let work = std::env::temp_dir().join(format!(
            "air-example-{}-{}",
            std::process::id(),
            script.file_stem().unwrap().to_string_lossy()
        ));
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_air"));
        cmd.current_dir(&work).arg("run").arg(script);
        for (k, _) in std::env::vars() {
            if k.starts_with("AIR_") {
                cmd.env_remove(k);
            }
        }
        let ctx = script.with_extension("json");
        if ctx.exists() {
            cmd.arg("--context").arg(&ctx);
        }
        let out = cmd.output().unwrap();
        let _ = std::fs::remove_dir_all(&work);
        let expected = std::fs::read_to_string(script.with_extension("out"))
            .unwrap_or_else(|_| panic!("{} has no .out file", script.display()));
        let got = String::from_utf8_lossy(&out.stdout);
        if out.status.code() != Some(0) || got != expected {
            failures.push(format!(
                "{} (exit {:?})\n--- expected\n{expected}--- got\n{got}--- stderr\n{}",
                script.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
