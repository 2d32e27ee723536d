//! A VictoriaMetrics of a test's own (Debian's `victoria-metrics`) on a free loopback port. Shared by the
//! app's tests (`#[path]`): skipped without the binary, required with `PLANT_TWIN_REQUIRE_VICTORIA=1`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Vm {
    child: Child,
}

impl Vm {
    /// Stops it as a service manager would (SIGTERM: it flushes what it holds in memory), and waits.
    #[allow(dead_code)] // the app's tests do not stop it halfway
    pub fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn binary() -> Option<&'static str> {
    let found =
        ["victoria-metrics", "/usr/bin/victoria-metrics"].into_iter().find(|b| Command::new(b).arg("-version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok());
    if found.is_none() {
        assert!(std::env::var("PLANT_TWIN_REQUIRE_VICTORIA").is_err(), "PLANT_TWIN_REQUIRE_VICTORIA is set but no victoria-metrics binary was found");
        eprintln!("VictoriaMetrics historian test SKIPPED: no `victoria-metrics` binary (apt-get install victoria-metrics; .ci/run does)");
    }
    found
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Whether GET /health answers 200.
pub fn healthy(port: u16) -> bool {
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}

/// VictoriaMetrics on loopback, keeping everything (the record is older than the default month of
/// retention), without the query cache.
pub fn start(bin: &str, port: u16, data: &Path) -> Vm {
    let child = Command::new(bin)
        .arg(format!("-httpListenAddr=127.0.0.1:{port}"))
        .arg(format!("-storageDataPath={}", data.display()))
        .arg("-retentionPeriod=100y")
        .arg("-search.disableCache")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("victoria-metrics starts");
    let vm = Vm { child };
    let t0 = Instant::now();
    while !healthy(port) {
        assert!(t0.elapsed() < Duration::from_secs(60), "VictoriaMetrics did not come up on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    vm
}
