//! The simulator's binary refuses bad options with a message. What it serves is tested in plant-live's
//! tests (crates/live/tests/it/simulator.rs), which use it as their server.

use std::path::PathBuf;

#[test]
fn the_binary_refuses_bad_options_with_a_message() {
    let sim = env!("CARGO_BIN_EXE_plant-twin-sim");
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let out = std::process::Command::new(sim).arg(&site).args(["--speed", "0"]).output().expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--speed 0 must be above 0"));
    let out = std::process::Command::new(sim).arg(&site).args(["--from", "yesterday"]).output().expect("runs");
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("is not a time"), "{}", String::from_utf8_lossy(&out.stderr));
}
