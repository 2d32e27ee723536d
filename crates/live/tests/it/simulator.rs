//! The simulator serves the recording as if live: JSON and Prometheus exposition agree with the store at
//! the record time they report; it binds to loopback by default.

use std::collections::HashMap;

use plant_simulator::{ServeOptions, SimulatorHandle};

use crate::{cement, fetch};

#[test]
fn json_and_metrics_serve_the_recorded_values_at_the_record_time() {
    let (site, store) = cement();
    assert_eq!(ServeOptions::default().addr.ip().to_string(), "127.0.0.1");
    let opts = ServeOptions { addr: "127.0.0.1:0".parse().expect("addr"), speed: 60.0, start_ms: None, shift_to_now: true, noise: 0.0 };
    let sim = SimulatorHandle::start(site.clone(), store.clone(), opts).expect("starts");
    let base = format!("http://{}", sim.addr);

    let doc: serde_json::Value = serde_json::from_str(&fetch(&format!("{base}/api/values")).expect("json")).expect("parses");
    let record = chrono::DateTime::parse_from_rfc3339(doc["record_time"].as_str().expect("record_time")).expect("time").timestamp_millis();
    let now = chrono::DateTime::parse_from_rfc3339(doc["timestamp"].as_str().expect("timestamp")).expect("time").timestamp_millis();
    assert!((now - chrono::Utc::now().timestamp_millis()).abs() < 10_000, "shifted to now");
    let (t0, _) = store.time_range().expect("range");
    assert!(record >= t0 && record < t0 + 120_000, "starts at the record's start ({record} vs {t0})");
    let mut checked = 0;
    for m in &site.meters {
        let want = store.reading_at(&m.id, record).value();
        let got = doc["meters"][&m.id].as_f64();
        assert_eq!(got, want, "{}", m.id);
        checked += got.is_some() as usize;
    }
    assert!(checked > 30, "most meters read at the start ({checked})");

    let text = fetch(&format!("{base}/metrics")).expect("metrics");
    let mut values: HashMap<String, f64> = HashMap::new();
    let mut record_ms = 0i64;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (name, v) = line.rsplit_once(' ').expect("name value");
        if name == "plant_sim_record_time_ms" {
            record_ms = v.parse().expect("ms");
        } else if let Some(rest) = name.strip_prefix("plant_meter_value{meter=\"") {
            let id = rest.split('"').next().expect("id");
            values.insert(id.to_string(), v.parse().expect("value"));
        }
    }
    assert!(text.contains("# TYPE plant_meter_value gauge"));
    for (id, v) in &values {
        assert_eq!(Some(*v), store.reading_at(id, record_ms).value(), "{id} at {record_ms}");
    }
    assert_eq!(values.len(), checked.max(values.len()));
    assert!(values.contains_key("kiln-1.drive-power"));
    // Speed 60: a second of wall time is a minute of record.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let doc2: serde_json::Value = serde_json::from_str(&fetch(&format!("{base}/api/values")).expect("json")).expect("parses");
    let record2 = chrono::DateTime::parse_from_rfc3339(doc2["record_time"].as_str().expect("t")).expect("time").timestamp_millis();
    assert!((record2 - record) >= 60_000, "{record} → {record2}");
}
