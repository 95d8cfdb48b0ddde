//! Installs, once per checkout, the servers the messaging tests talk to, and
//! starts them on 127.0.0.1. The installs live under cargo's
//! `CARGO_TARGET_TMPDIR` (`target/tmp/tools`), are shared by every test
//! binary (a file lock orders them), and are reused by later runs.

use std::fs::{self, File};
use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Python packages the tests use, pinned.
const PYTHON_PACKAGES: &[&str] = &[
    "aiosmtpd==1.4.6",
    "moto==5.2.5",
    "flask==3.1.2",
    "flask-cors==6.0.1",
];
/// Prism, which checks our Twilio requests against Twilio's own API description.
const PRISM: &str = "@stoplight/prism-cli@5.16.0";

fn root() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tools");
    fs::create_dir_all(&dir).expect("create the tools directory");
    dir
}

/// Runs `install` once (guarded by a file lock and a marker file named after
/// `what`), so that concurrent test binaries install a tool only once.
fn once(what: &str, install: impl FnOnce(&Path)) -> PathBuf {
    let dir = root();
    let lock = File::create(dir.join(format!("{what}.lock"))).expect("create lock file");
    lock.lock().expect("lock the tools directory");
    let marker = dir.join(format!("{what}.ready"));
    if !marker.exists() {
        install(&dir);
        fs::write(&marker, b"").expect("write marker");
    }
    dir
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Python interpreter of the tools' virtual environment (aiosmtpd, moto).
pub fn python() -> PathBuf {
    let dir = once("python", |dir| {
        let venv = dir.join("venv");
        let _ = fs::remove_dir_all(&venv);
        run(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "python3 -m venv",
        );
        run(
            Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .args(PYTHON_PACKAGES),
            "pip install aiosmtpd moto",
        );
    });
    dir.join("venv/bin/python")
}

/// The `prism` command (installed from npm).
pub fn prism() -> PathBuf {
    let dir = once("prism", |dir| {
        let prefix = dir.join("node");
        fs::create_dir_all(&prefix).unwrap();
        run(
            Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                    "--prefix",
                ])
                .arg(&prefix)
                .arg(PRISM),
            "npm install prism",
        );
    });
    dir.join("node/node_modules/.bin/prism")
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A child process that is killed when dropped; its output goes to a log
/// file that a failing wait prints.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Server {
    /// Starts `cmd` and waits until it accepts connections on `port`.
    pub fn start(mut cmd: Command, port: u16, log: PathBuf) -> Server {
        let out = File::create(&log).expect("create server log");
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        let mut server = Server { child, port, log };
        server.wait_ready();
        server
    }

    fn wait_ready(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("server exited ({status}):\n{}", self.log_text());
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "server not ready on {addr} after 60 s:\n{}",
            self.log_text()
        );
    }

    pub fn log_text(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
