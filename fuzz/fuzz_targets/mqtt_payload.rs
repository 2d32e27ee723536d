//! MQTT messages: `plant_live::mqtt::Decoder`. The first byte picks the topic (and so the payload form): a
//! Sparkplug B node or device birth, data or death of the group `cement` (a session kept across inputs, so births
//! and data meet as on a broker), or the JSON and plain-number topics of the cement plant's example gateway; the
//! rest is the payload.
#![no_main]

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use plant_live::mqtt::Decoder;

const SOURCES: &str = r#"
[[source]]
id = "edge"
kind = "mqtt"
url = "mqtt://127.0.0.1"
payload = "sparkplug-b"
group = "cement"
[source.topics]
"kiln-1.drive-power" = { node = "edge1", device = "kiln", metric = "Drive/Power" }
"kiln-1.inlet-o2" = { node = "edge1", metric = "Analysers/Inlet O2" }

[[source]]
id = "gateway"
kind = "mqtt"
url = "mqtt://127.0.0.1"
payload = "json"
timestamp_pointer = "/ts"
timestamp_unit = "ms"
[source.topics]
"kiln-1.speed" = { topic = "plant/kiln/+/status", pointer = "/speed_rpm" }

[[source]]
id = "plain"
kind = "mqtt"
url = "mqtt://127.0.0.1"
[source.topics]
"kiln-1.coal" = "plant/kiln/#"
"#;

const TOPICS: [(usize, &str); 8] = [
    (0, "spBv1.0/cement/NBIRTH/edge1"),
    (0, "spBv1.0/cement/DBIRTH/edge1/kiln"),
    (0, "spBv1.0/cement/NDATA/edge1"),
    (0, "spBv1.0/cement/DDATA/edge1/kiln"),
    (0, "spBv1.0/cement/DDEATH/edge1/kiln"),
    (0, "spBv1.0/cement/NDEATH/edge1"),
    (1, "plant/kiln/line-1/status"),
    (2, "plant/kiln/coal"),
];

static DECODERS: OnceLock<Mutex<Vec<Decoder>>> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Some((&first, payload)) = data.split_first() else { return };
    let decoders = DECODERS.get_or_init(|| {
        let site = plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant"));
        let cfg = match plant_live::parse(SOURCES, Path::new("sources.toml"), &site) {
            Ok((cfg, diags)) if diags.is_empty() => cfg,
            other => panic!("the harness's sources do not parse: {other:?}"),
        };
        let decoders = cfg.sources.iter().filter_map(|s| match &s.kind {
            plant_live::SourceKind::Mqtt(m) => Some(Decoder::new(m)),
            _ => None,
        });
        Mutex::new(decoders.collect())
    });
    let (source, topic) = TOPICS[first as usize % TOPICS.len()];
    let Ok(mut decoders) = decoders.lock() else { return };
    plant_twin_fuzz::show(&decoders[source].decode(topic, payload, 1_800_000_000_000));
});
