use std::path::{Path, PathBuf};

use plant_site::{Opened, Site};

/// A fresh folder under the target's temp dir for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plant-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).expect("temp dir");
    dir
}

/// A site with two power meters `a` (kW) and `b` (kW) read from `data/<file>`.
pub fn site_with(dir: &Path, file: &str, data_extra: &str, csv: Option<&str>) -> Site {
    if let Some(csv) = csv {
        std::fs::write(dir.join("data").join(file), csv).expect("write csv");
    }
    let toml = format!(
        r#"
[site]
name = "t"
kind = "test"
time_zone = "Asia/Shanghai"

[[data]]
path = "data/{file}"
{data_extra}

[[equipment]]
id = "e"
type = "fan"
name = "E"

[[meter]]
id = "a"
quantity = "electric_power"
unit = "kW"
equipment = "e"

[[meter]]
id = "b"
quantity = "electric_power"
unit = "kW"
equipment = "e"
"#
    );
    std::fs::write(dir.join("site.toml"), toml).expect("write site.toml");
    let Opened { site, diagnostics } = plant_site::open(dir).expect("site opens");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site
}

pub fn no_progress(_: f32, _: &str) {}

/// 2026-11-01T00:00:00Z in ms.
pub const T0: i64 = 1_793_491_200_000;
pub const MIN: i64 = 60_000;
