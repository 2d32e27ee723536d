//! Inputs the fuzz harness found (fuzz/regressions/glb, RELIABILITY.md), each once through the model check
//! the app runs on open.

use std::path::{Path, PathBuf};

use plant_site::{ModelReport, check_model};

const SITE: &str = r#"
[site]
name = "fuzz regression"
kind = "test"
time_zone = "UTC"
model = "model.glb"

[[equipment]]
id = "kiln-1"
type = "rotary-kiln"
name = "Kiln"
"#;

/// A package folder holding the small site above and `model` as its model.glb.
fn package(name: &str, model: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plant-site-fuzz-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("site.toml"), SITE).expect("site.toml");
    std::fs::write(dir.join("model.glb"), model).expect("model.glb");
    dir
}

fn check(dir: &Path) -> ModelReport {
    let opened = plant_site::open(dir).expect("opens");
    check_model(&opened.site)
}

/// A GLB file: the JSON chunk, then a BIN chunk of `bin` bytes (zeros) if any.
fn glb(json: &str, bin: usize) -> Vec<u8> {
    let mut j = json.as_bytes().to_vec();
    j.resize(j.len().next_multiple_of(4), b' ');
    let b = bin.next_multiple_of(4);
    let total = 12 + 8 + j.len() + if b > 0 { 8 + b } else { 0 };
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(j.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&j);
    if b > 0 {
        out.extend_from_slice(&(b as u32).to_le_bytes());
        out.extend_from_slice(b"BIN\0");
        out.resize(total, 0);
    }
    out
}

#[test]
fn a_primitive_naming_a_missing_position_accessor_is_an_error_not_a_panic() {
    // gltf-json 1.4.1 indexed the accessor list with this index while validating (mesh.rs:151).
    let dir = package("accessor", include_bytes!("../../../../fuzz/regressions/glb/position-accessor-out-of-range.glb"));
    let report = check(&dir);
    assert!(!report.readable);
    assert_eq!(report.unbound, vec!["kiln-1".to_string()]);
    let d = &report.diagnostics[0];
    assert!(d.is_error() && d.message.id == "site-model-unreadable", "{d}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_position_accessor_that_is_not_vec3_f32_is_not_measured_and_does_not_panic() {
    // Found by CI's fuzz run: gltf 1.4.1's reader asserted the element size in `read_positions`
    // (accessor/util.rs:371) when the model-orientation check read such an accessor.
    let dir = package("orientation", include_bytes!("../../../../fuzz/regressions/glb/position-accessor-not-vec3-f32.glb"));
    let report = check(&dir);
    // The model is still read (the other primitives measured); the broken one is skipped.
    assert!(report.readable && report.bounds.is_some(), "{:?}", report.diagnostics);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_glb_header_declaring_under_12_bytes_is_an_error_not_a_panic() {
    // The header's length field is 0: gltf 1.4.1 computed `length - 12` unchecked (binary.rs:285).
    let dir = package("header", include_bytes!("../../../../fuzz/regressions/glb/glb-header-length-under-12.glb"));
    let report = check(&dir);
    assert!(!report.readable);
    let d = &report.diagnostics[0];
    assert!(d.is_error() && d.message.id == "site-model-unreadable", "{d}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cycle_in_the_node_tree_ends() {
    // Node 0's child is node 1, whose child is node 0: the bounds walk recursed until the stack overflowed.
    let dir = package("cycle", include_bytes!("../../../../fuzz/regressions/glb/node-cycle.glb"));
    let report = check(&dir);
    assert!(report.readable);
    assert_eq!(report.node_count, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_node_tree_100_000_deep_does_not_overflow_the_stack() {
    // The probe of RELIABILITY.md: each node the only child of the previous, a mesh at the bottom. The
    // walk used to recurse once per level. Run on a thread with a small stack, as a loading worker may be.
    const DEPTH: usize = 100_000;
    let mut nodes: Vec<String> = (0..DEPTH - 1).map(|i| format!(r#"{{"children":[{}]}}"#, i + 1)).collect();
    nodes[0] = r#"{"name":"kiln-1","children":[1],"translation":[10,0,0]}"#.to_string();
    nodes.push(r#"{"name":"leaf","mesh":0}"#.to_string());
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],"nodes":[{}],"meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}}}}]}}],"accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,2,3]}}],"bufferViews":[{{"buffer":0,"byteLength":36}}],"buffers":[{{"byteLength":36}}]}}"#,
        nodes.join(",")
    );
    let dir = package("deep", &glb(&json, 36));
    let d = dir.clone();
    let report = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || check(&d)).expect("thread").join().expect("no stack overflow");
    assert!(report.readable);
    assert_eq!(report.node_count, DEPTH);
    assert_eq!(report.bound.get("kiln-1").map(String::as_str), Some("kiln-1"));
    // The leaf's box, moved by the root's translation, is the bounds of the root, of the site and of kiln-1.
    let want = ([10.0, 0.0, 0.0], [11.0, 2.0, 3.0]);
    assert_eq!(report.bounds, Some(want));
    assert_eq!(report.node_bounds.get("kiln-1"), Some(&want));
    assert_eq!(report.equipment_bounds.get("kiln-1"), Some(&want));
    let _ = std::fs::remove_dir_all(&dir);
}
