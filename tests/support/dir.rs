//! A fresh working directory for running the real `air` binary, with none of
//! this machine's `AIR_*` / `AWS_*` settings; removed when dropped.

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Dir(pub PathBuf);

impl Dir {
    /// An empty directory named after the test binary's `prefix` and `name`.
    pub fn new(prefix: &str, name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("air-{prefix}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }

    /// Writes a file into the directory; returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// `air ARGS` in this directory, without this machine's `AIR_*` / `AWS_*`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_air"));
        c.current_dir(&self.0).args(args);
        for (k, _) in std::env::vars() {
            if k.starts_with("AIR_") || k.starts_with("AWS_") {
                c.env_remove(k);
            }
        }
        c
    }

    pub fn air(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("air runs")
    }

    /// Runs and expects exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        expect_ok(args, self.air(args))
    }
}

/// The stdout of a run that must have exited 0 (else a panic with both outputs).
pub fn expect_ok(args: &[&str], o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "air {args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
