//! The live path's throughput and per-frame cost.
//!
//! `cargo bench -p plant-live --bench live`
//!
//! - absorbing: 1,000 meters, each with a day of 1-second history (86,400 samples), take one new sample
//!   each; `apply` appends them to the store (what the app does with every batch a source reports). The
//!   figure is the time per 1,000 samples, from which samples per second follow.
//! - a frame's live work for 1,000 meters at 1 Hz: the frame's share of samples (1,000 per second, at
//!   60 frames per second ≈ 17 per frame, bench: 1,000 at once, the worst frame) appended, then every
//!   meter read at the cursor as the 3D colours and the inspector do.
//! - parsing one 1,000-meter JSON payload (the HTTP JSON source's work per poll).
//! - MQTT: 10,000 messages (one meter's value each, as a gateway publishes them: JSON, and Sparkplug B data by
//!   alias) decoded into samples and appended to the store — the work of absorbing 10,000 messages a second.
//! - the recorder: one more minute of 1,000 meters at 1 Hz, flushed, when the open hour already holds 1 or 59
//!   minutes (the cost of a flush should not grow with the hour).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plant_store::{Series, Store};

const METERS: usize = 1_000;
const HISTORY: i64 = 86_400;

fn store() -> Store {
    let mut s = Store::new();
    for m in 0..METERS {
        let t: Vec<i64> = (0..HISTORY).map(|i| i * 1000).collect();
        let v: Vec<f64> = (0..HISTORY).map(|i| ((i as usize * (m + 1)) % 997) as f64).collect();
        s.insert(format!("meter-{m}"), Series::from_samples(t, v).0);
    }
    s
}

fn bench(c: &mut Criterion) {
    let ids: Vec<String> = (0..METERS).map(|m| format!("meter-{m}")).collect();
    let mut st = store();
    let mut t = HISTORY * 1000;
    c.bench_function("apply_1000_live_samples", |b| {
        b.iter_batched(
            || {
                t += 1000;
                ids.iter().enumerate().map(|(m, id)| (id.clone(), t, m as f64)).collect::<Vec<_>>()
            },
            |batch| plant_live::apply(black_box(&mut st), &batch),
            BatchSize::SmallInput,
        )
    });
    let mut out = Vec::with_capacity(METERS);
    c.bench_function("frame_live_update_1000_meters", |b| {
        b.iter_batched(
            || {
                t += 1000;
                ids.iter().enumerate().map(|(m, id)| (id.clone(), t, m as f64)).collect::<Vec<_>>()
            },
            |batch| {
                let now = batch.first().map_or(0, |b| b.1);
                let a = plant_live::apply(black_box(&mut st), &batch);
                st.readings_at(now, &mut out);
                (a, out.len())
            },
            BatchSize::SmallInput,
        )
    });
    let meters: Vec<(String, String)> = ids.iter().map(|id| (id.clone(), format!("/meters/{id}"))).collect();
    let body = {
        let mut m = serde_json::Map::new();
        for (k, id) in ids.iter().enumerate() {
            m.insert(id.clone(), serde_json::json!(k as f64 * 1.5));
        }
        serde_json::json!({"timestamp": "2026-11-24T08:00:00Z", "meters": m}).to_string()
    };
    c.bench_function("parse_json_payload_1000_meters", |b| b.iter(|| plant_live::parse_json(black_box(&body), Some("/timestamp"), plant_live::TimestampUnit::Rfc3339, &meters, 0)));
}

/// The cement plant's meters as an MQTT gateway and a Sparkplug edge node would publish them.
fn mqtt(c: &mut Criterion) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let Ok(opened) = plant_site::open(&root) else { return };
    let site = opened.site;
    let ids: Vec<String> = site.meters.iter().map(|m| m.id.clone()).collect();
    let mut text =
        String::from("[[source]]\nid = \"j\"\nkind = \"mqtt\"\nurl = \"mqtt://127.0.0.1\"\npayload = \"json\"\ntopic_template = \"plant/{meter}\"\npointer_template = \"/v\"\n");
    text.push_str("[[source]]\nid = \"s\"\nkind = \"mqtt\"\nurl = \"mqtt://127.0.0.1\"\npayload = \"sparkplug-b\"\ngroup = \"g\"\n[source.topics]\n");
    for id in &ids {
        text.push_str(&format!("\"{id}\" = {{ node = \"n\", device = \"d\", metric = \"{id}\" }}\n"));
    }
    let Ok((cfg, _)) = plant_live::parse(&text, std::path::Path::new("sources.toml"), &site) else { return };
    let decoder = |i: usize| match &cfg.sources[i].kind {
        plant_live::SourceKind::Mqtt(m) => Some(plant_live::mqtt::Decoder::new(m)),
        _ => None,
    };
    let (Some(mut json), Some(mut spb)) = (decoder(0), decoder(1)) else { return };
    let topics: Vec<String> = ids.iter().map(|id| format!("plant/{id}")).collect();
    let mut st = Store::new();
    let mut t = 1_800_000_000_000i64;
    c.bench_function("mqtt_json_10000_messages", |b| {
        b.iter(|| {
            for k in 0..10_000 {
                t += 1;
                let i = k % topics.len();
                let body = format!("{{\"v\": {}}}", k as f64 * 0.5);
                let d = json.decode(&topics[i], body.as_bytes(), t);
                plant_live::apply(&mut st, &d.result.samples);
            }
        })
    });
    // Sparkplug: births once, then data by alias.
    use plant_live::sparkplug::{Metric, Payload, Value};
    let enc = |p: &Payload| prost::Message::encode_to_vec(p);
    let born: Vec<Metric> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Metric { name: Some(id.clone()), alias: Some(i as u64), datatype: Some(10), value: Some(Value::Double(0.0)), ..Metric::default() })
        .collect();
    let _ = spb.decode("spBv1.0/g/NBIRTH/n", &enc(&Payload { seq: Some(0), ..Payload::default() }), t);
    let _ = spb.decode("spBv1.0/g/DBIRTH/n/d", &enc(&Payload { seq: Some(1), metrics: born, ..Payload::default() }), t);
    let mut seq = 1u64;
    let bodies: Vec<Vec<u8>> = (0..256u64)
        .map(|k| {
            seq = (seq + 1) % 256;
            let m = Metric { alias: Some(k % ids.len() as u64), value: Some(Value::Double(k as f64)), ..Metric::default() };
            enc(&Payload { seq: Some(seq), timestamp: Some(0), metrics: vec![m], ..Payload::default() })
        })
        .collect();
    let mut st = Store::new();
    c.bench_function("mqtt_sparkplug_10000_messages", |b| {
        b.iter(|| {
            for k in 0..10_000 {
                t += 1;
                let d = spb.decode("spBv1.0/g/DDATA/n/d", &bodies[k % bodies.len()], t);
                let samples: Vec<(String, i64, f64)> = d.result.samples.into_iter().map(|(m, _, v)| (m, t, v)).collect();
                plant_live::apply(&mut st, &samples);
            }
        })
    });
}

/// One minute of 1,000 meters at 1 Hz added to a recorder and flushed, with the open hour holding `minutes`
/// minutes already.
fn recorder(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("plant-live-bench-recorder-{}", std::process::id()));
    let hour = 1_800_000_000_000i64 / 3_600_000 * 3_600_000;
    let minute = |rec: &mut plant_live::Recorder, m: i64| {
        for s in 0..60 {
            let t = hour + m * 60_000 + s * 1000;
            let batch: Vec<(String, i64, f64)> = (0..METERS).map(|k| (format!("meter-{k}"), t, k as f64)).collect();
            rec.add(&batch);
        }
    };
    let mut g = c.benchmark_group("recorder");
    g.sample_size(10);
    for minutes in [1i64, 59] {
        g.bench_function(format!("flush_one_minute_of_1000_meters_with_{minutes}_min_in_the_hour"), |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&dir);
                    let mut rec = plant_live::Recorder::new(&dir, 3_600_000, std::collections::BTreeMap::new()).ok()?;
                    for m in 0..minutes - 1 {
                        minute(&mut rec, m);
                    }
                    rec.flush(hour + minutes * 60_000).ok()?;
                    Some(rec)
                },
                |rec| {
                    let mut rec = rec?;
                    minute(&mut rec, minutes - 1);
                    rec.flush(hour + minutes * 60_000).ok()
                },
                BatchSize::PerIteration,
            )
        });
    }
    // The hour's file written whole, once, when the hour is over: what every flush cost at minute 59 when each
    // flush rewrote the hour so far.
    g.bench_function("the_hour_file_of_1000_meters_written_whole", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&dir);
                let mut rec = plant_live::Recorder::new(&dir, 3_600_000, std::collections::BTreeMap::new()).ok()?;
                for m in 0..60 {
                    minute(&mut rec, m);
                }
                Some(rec)
            },
            |rec| rec?.flush(hour + 3_600_000).ok(),
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench, mqtt, recorder);
criterion_main!(benches);
