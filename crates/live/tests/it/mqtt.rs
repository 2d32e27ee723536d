//! MQTT: the sources file's MQTT sections and their errors, the payload forms decoded without a broker (plain
//! numbers, JSON, Sparkplug B births, data by alias, deaths, sequence gaps, datatypes), and end to end against
//! Debian's mosquitto: plain and JSON messages, a Sparkplug B birth/data/death sequence published by the test, and
//! a broker restart the source reconnects after.
//!
//! The broker is started by the test on a free loopback port (mosquitto 2 without a configuration file listens on
//! this machine only) so it can be stopped and started again. Without a `mosquitto` binary the end-to-end test
//! says it was skipped; with `PLANT_TWIN_REQUIRE_MQTT=1` (set by `.ci/run`, which installs it) that fails.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use plant_i18n::Lang;
use plant_live::sparkplug::{self, Metric, Payload, Value, datatype};
use plant_live::{LiveEvent, LiveHandle, Mqtt, Point, SourceKind, SourceStatus, parse};
use plant_store::Store;

use crate::{cement, is_msg, reads_in_chinese, until};

const FILE: &str = r#"
[[source]]
id = "gateway"
kind = "mqtt"
url = "mqtt://127.0.0.1:1883"
payload = "json"
topic_template = "plant/{meter}"
pointer_template = "/v"
timestamp_pointer = "/ts"
timestamp_unit = "ms"
[source.topics]
"kiln-1.speed" = { topic = "plant/kiln/+/status", pointer = "/speed_rpm" }

[[source]]
id = "meters"
kind = "mqtt"
url = "mqtt://localhost"
qos = 0
username = "twin"
password_env = "PLANT_TWIN_TEST_MQTT_PASSWORD"
[source.topics]
"kiln-1.drive-power" = "plant/kiln/drive_kW"

[[source]]
id = "edge"
kind = "mqtt"
url = "mqtt://127.0.0.1:1883"
payload = "sparkplug-b"
group = "cement"
[source.topics]
"kiln-1.drive-power" = { node = "edge1", device = "kiln", metric = "Drive/Power" }
"kiln-1.speed" = { node = "edge1", device = "kiln", metric = "Drive/Speed" }
"kiln-1.inlet-o2" = { node = "edge1", metric = "Analysers/Inlet O2" }
"#;

fn mqtt_of(kind: &SourceKind) -> &Mqtt {
    match kind {
        SourceKind::Mqtt(m) => m,
        other => panic!("not MQTT: {other:?}"),
    }
}

#[test]
fn mqtt_sections_map_meters_to_topics_and_metrics() {
    let (site, _) = cement();
    let (cfg, diags) = parse(FILE, Path::new("/site/sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let json = mqtt_of(&cfg.sources[0].kind);
    assert_eq!(json.points.len(), site.meters.len(), "the template covers every meter");
    assert!(json.points.contains(&("kiln-1.speed".into(), Point::Topic { topic: "plant/kiln/+/status".into(), pointer: Some("/speed_rpm".into()) })));
    assert!(json.points.contains(&("kiln-1.coal".into(), Point::Topic { topic: "plant/kiln-1.coal".into(), pointer: Some("/v".into()) })));
    assert_eq!((json.port, json.qos, json.clean_session, json.keep_alive_ms), (1883, 1, true, 30_000));
    let plain = mqtt_of(&cfg.sources[1].kind);
    assert_eq!((plain.qos, plain.username.as_deref(), plain.password_env.as_deref()), (0, Some("twin"), Some("PLANT_TWIN_TEST_MQTT_PASSWORD")));
    assert_eq!(plain.filters(), vec!["plant/kiln/drive_kW".to_string()]);
    let edge = mqtt_of(&cfg.sources[2].kind);
    assert_eq!(edge.filters(), vec!["spBv1.0/cement/#".to_string()]);
    // What will be sent, for the consent window: the topics, the password's variable (never its value), and
    // that a Sparkplug host may ask for rebirths.
    let sends = cfg.sources[1].sends_msg();
    assert_eq!(sends.text_in(Lang::En), "subscribe at mqtt://localhost to plant/kiln/drive_kW; user twin, password = the value of $PLANT_TWIN_TEST_MQTT_PASSWORD");
    assert!(reads_in_chinese(&sends));
    assert!(cfg.sources[2].sends_msg().text_in(Lang::En).contains("Node Control/Rebirth"));
    assert_eq!((cfg.sources[0].protocol(), cfg.sources[2].protocol(), cfg.sources[1].host.as_str()), ("MQTT", "MQTT, Sparkplug B", "localhost:1883"));
}

#[test]
fn a_bad_mqtt_section_is_left_out_with_an_error_at_its_line() {
    let (site, _) = cement();
    let base = "[[source]]\nid = \"m\"\nkind = \"mqtt\"\nurl = \"mqtt://127.0.0.1\"\n";
    let cases: [(&str, &str, usize); 8] = [
        ("ca_file = \"ca.pem\"\n[source.topics]\n\"kiln-1.speed\" = \"a/b\"\n", "live-config-mqtt-tls-files", 4),
        ("payload = \"xml\"\n[source.topics]\n\"kiln-1.speed\" = \"a/b\"\n", "live-config-bad-payload", 5),
        ("qos = 3\n[source.topics]\n\"kiln-1.speed\" = \"a/b\"\n", "live-config-bad-qos", 5),
        ("password_env = \"HOME\"\n[source.topics]\n\"kiln-1.speed\" = \"a/b\"\n", "live-config-env-not-allowed", 5),
        ("payload = \"sparkplug-b\"\n[source.topics]\n\"kiln-1.speed\" = { node = \"n\", metric = \"x\" }\n", "live-config-sparkplug-group", 1),
        ("payload = \"json\"\n[source.topics]\n\"kiln-1.speed\" = \"a/b\"\n", "live-config-point-payload", 1),
        ("[source.topics]\n\"kiln-1.speed\" = \"a/#/b\"\n", "live-config-point-payload", 1),
        ("[source.topics]\n\"kiln-1.speed\" = { topic = \"a\", metric = \"x\" }\n", "live-config-bad-point", 1),
    ];
    for (extra, id, line) in cases {
        let text = format!("{base}{extra}");
        let (cfg, diags) = parse(&text, Path::new("sources.toml"), &site).expect("parses");
        assert!(diags.iter().any(|d| is_msg(&d.message, id, &[]) && matches!(d.place, plant_site::Place::LineCol { line: l, .. } if l == line)), "{text}: {diags:?}");
        assert!(cfg.sources.iter().all(|s| s.meters().is_empty()) || id == "live-config-bad-point", "{text}");
    }
    // A password to a broker off this machine over plain mqtt:// is refused; over mqtts:// it is allowed.
    let off = "[[source]]\nid = \"m\"\nkind = \"mqtt\"\nurl = \"mqtt://broker.example.com\"\nusername = \"u\"\npassword_env = \"PLANT_TWIN_X\"\n[source.topics]\n\"kiln-1.speed\" = \"a\"\n";
    let (cfg, diags) = parse(off, Path::new("sources.toml"), &site).expect("parses");
    assert!(cfg.sources.is_empty() && diags.iter().any(|d| is_msg(&d.message, "live-config-clear-text", &[])), "{diags:?}");
    let (cfg, _) = parse(&off.replace("mqtt://", "mqtts://"), Path::new("sources.toml"), &site).expect("parses");
    assert_eq!(cfg.sources.len(), 1);
    // An http URL for an MQTT source, or an mqtt URL for an HTTP one, is not a URL of that source.
    let (cfg, diags) = parse(&base.replace("mqtt://", "http://"), Path::new("sources.toml"), &site).expect("parses");
    assert!(cfg.sources.is_empty() && diags.iter().any(|d| is_msg(&d.message, "live-config-bad-url", &[])));
}

fn decoder(text: &str, index: usize) -> plant_live::mqtt::Decoder {
    let (site, _) = cement();
    let (cfg, _) = parse(text, Path::new("sources.toml"), &site).expect("parses");
    plant_live::mqtt::Decoder::new(mqtt_of(&cfg.sources[index].kind))
}

#[test]
fn plain_and_json_messages_become_samples() {
    let mut plain = decoder(FILE, 1);
    let d = plain.decode("plant/kiln/drive_kW", b" 412.5\n", 1_000);
    assert_eq!(d.result.samples, vec![("kiln-1.drive-power".into(), 1_000, 412.5)]);
    let d = plain.decode("plant/kiln/drive_kW", b"offline", 1_000);
    assert!(d.result.samples.is_empty() && is_msg(&d.result.problems[0], "live-mqtt-not-a-number", &[("meter", "kiln-1.drive-power")]));
    assert!(plain.decode("plant/other", b"1", 1_000).result == Default::default(), "a topic no meter reads");
    // JSON: the payload's time; a wildcard filter; a missing pointer is a problem of that meter only.
    let mut json = decoder(FILE, 0);
    let d = json.decode("plant/kiln/line-1/status", br#"{"ts": 1794291600000, "speed_rpm": 3.9}"#, 5);
    assert_eq!(d.result.samples, vec![("kiln-1.speed".into(), 1_794_291_600_000, 3.9)]);
    let d = json.decode("plant/kiln-1.coal", br#"{"ts": 1794291600000}"#, 5);
    assert!(d.result.samples.is_empty() && is_msg(&d.result.problems[0], "live-problem-nothing-at", &[("meter", "kiln-1.coal")]), "{d:?}");
    let d = json.decode("plant/kiln-1.coal", b"{not json", 5);
    assert!(is_msg(&d.result.problems[0], "live-mqtt-payload", &[("topic", "plant/kiln-1.coal")]), "{d:?}");
    assert!(json.decode("plant/kiln-1.coal", &[0xff, 0xfe], 5).result.problems.iter().any(|p| is_msg(p, "live-mqtt-not-text", &[])));
}

fn metric(name: Option<&str>, alias: Option<u64>, datatype: Option<u32>, value: Option<Value>) -> Metric {
    Metric { name: name.map(str::to_owned), alias, datatype, value, ..Metric::default() }
}

/// A Sparkplug payload: time, sequence number, metrics.
pub fn payload(t: u64, seq: u64, metrics: Vec<Metric>) -> Vec<u8> {
    prost::Message::encode_to_vec(&Payload { timestamp: Some(t), seq: Some(seq), metrics, ..Payload::default() })
}

fn births(t: u64) -> (Vec<u8>, Vec<u8>) {
    let nbirth = payload(
        t,
        0,
        vec![metric(Some("bdSeq"), None, Some(datatype::INT64), Some(Value::Long(0))), metric(Some("Analysers/Inlet O2"), Some(1), Some(datatype::FLOAT), Some(Value::Float(2.5)))],
    );
    let dbirth = payload(
        t,
        1,
        vec![
            metric(Some("Drive/Power"), Some(10), Some(datatype::DOUBLE), Some(Value::Double(380.0))),
            metric(Some("Drive/Speed"), Some(11), Some(datatype::INT16), Some(Value::Int(4))),
        ],
    );
    (nbirth, dbirth)
}

#[test]
fn a_sparkplug_session_births_data_by_alias_gaps_and_deaths() {
    let mut d = decoder(FILE, 2);
    let t = 1_794_291_600_000;
    // Data before any birth: nothing read, a rebirth asked for.
    let early = d.decode("spBv1.0/cement/DDATA/edge1/kiln", &payload(t, 5, vec![metric(None, Some(10), None, Some(Value::Double(1.0)))]), t as i64);
    assert_eq!(early.rebirth.as_deref(), Some("edge1"));
    assert!(early.result.samples.is_empty() && is_msg(&early.result.problems[0], "live-sparkplug-not-born", &[("node", "edge1")]));
    // Births carry the current values.
    let (nbirth, dbirth) = births(t);
    assert_eq!(d.decode("spBv1.0/cement/NBIRTH/edge1", &nbirth, t as i64).result.samples, vec![("kiln-1.inlet-o2".into(), t as i64, 2.5)]);
    let b = d.decode("spBv1.0/cement/DBIRTH/edge1/kiln", &dbirth, t as i64);
    assert_eq!(b.result.samples.len(), 2, "{b:?}");
    // Data by alias alone, without its datatype (the birth's is used: Int16, so 0xFFFE is −2), with the metric's
    // own time.
    let data = payload(
        t + 1_000,
        2,
        vec![Metric { timestamp: Some(t + 500), ..metric(None, Some(10), None, Some(Value::Double(395.5))) }, metric(None, Some(11), None, Some(Value::Int(0xFFFE)))],
    );
    let got = d.decode("spBv1.0/cement/DDATA/edge1/kiln", &data, (t + 2_000) as i64);
    assert_eq!(got.result.samples, vec![("kiln-1.drive-power".into(), (t + 500) as i64, 395.5), ("kiln-1.speed".into(), (t + 1_000) as i64, -2.0)]);
    assert_eq!(got.rebirth, None);
    // A null value: a problem, no sample. Another group's messages are not this source's.
    let null = payload(t + 2_000, 3, vec![Metric { is_null: Some(true), ..metric(None, Some(10), None, None) }]);
    let got = d.decode("spBv1.0/cement/DDATA/edge1/kiln", &null, t as i64);
    assert!(got.result.samples.is_empty() && is_msg(&got.result.problems[0], "live-sparkplug-no-value", &[("meter", "kiln-1.drive-power")]));
    assert_eq!(d.decode("spBv1.0/other/DDATA/edge1/kiln", &data, t as i64), Default::default());
    // A lost message (seq 4 skipped): the data still read, a rebirth asked for.
    let gap = d.decode("spBv1.0/cement/DDATA/edge1/kiln", &payload(t + 3_000, 5, vec![metric(None, Some(10), None, Some(Value::Double(400.0)))]), t as i64);
    assert_eq!((gap.rebirth.as_deref(), gap.result.samples.len()), (Some("edge1"), 1));
    assert!(is_msg(&gap.result.problems[0], "live-sparkplug-seq-gap", &[("expected", "4"), ("got", "5")]), "{gap:?}");
    // An alias the birth did not give: a rebirth.
    let unknown = d.decode("spBv1.0/cement/DDATA/edge1/kiln", &payload(t, 6, vec![metric(None, Some(99), None, Some(Value::Double(1.0)))]), t as i64);
    assert!(unknown.rebirth.is_some() && is_msg(&unknown.result.problems[0], "live-sparkplug-unknown-alias", &[("alias", "99")]));
    // The node's death: said, with how many meters stop; its data after that is unknown again.
    let death = d.decode("spBv1.0/cement/NDEATH/edge1", &payload(t, 0, vec![metric(Some("bdSeq"), None, Some(datatype::INT64), Some(Value::Long(0)))]), t as i64);
    assert!(is_msg(&death.result.problems[0], "live-sparkplug-died", &[("what", "edge1"), ("meters", "3")]), "{death:?}");
    assert!(reads_in_chinese(&death.result.problems[0]));
    assert_eq!(d.decode("spBv1.0/cement/DDATA/edge1/kiln", &data, t as i64).rebirth.as_deref(), Some("edge1"));
    // Garbage on a Sparkplug topic is a problem, not a crash.
    assert!(is_msg(&d.decode("spBv1.0/cement/NDATA/edge1", &[0xff; 7], t as i64).result.problems[0], "live-sparkplug-bad-payload", &[]));
}

#[test]
fn sparkplug_datatypes_and_the_rebirth_request() {
    use sparkplug::number;
    assert_eq!(number(&Value::Int(0xFF), Some(datatype::INT8)), Some(-1.0));
    assert_eq!(number(&Value::Int(0xFF), Some(datatype::UINT8)), Some(255.0));
    assert_eq!(number(&Value::Int(0xFFFF_FFFF), Some(datatype::INT32)), Some(-1.0));
    assert_eq!(number(&Value::Long(u64::MAX), Some(datatype::INT64)), Some(-1.0));
    assert_eq!(number(&Value::Long(1 << 40), Some(datatype::UINT64)), Some((1u64 << 40) as f64));
    assert_eq!(number(&Value::Boolean(true), Some(datatype::BOOLEAN)), Some(1.0));
    assert_eq!(number(&Value::Float(f32::NAN), Some(datatype::FLOAT)), None);
    assert_eq!(number(&Value::String("12".into()), Some(datatype::STRING)), None);
    let req: Payload = prost::Message::decode(sparkplug::rebirth_request(42).as_slice()).expect("decodes");
    assert_eq!(req.metrics[0].name.as_deref(), Some("Node Control/Rebirth"));
    assert_eq!(req.metrics[0].value, Some(Value::Boolean(true)));
    assert_eq!(sparkplug::topic("spBv1.0/g/DDATA/n/d"), Some(("g", sparkplug::Kind::DeviceData, "n", Some("d"))));
    assert_eq!(sparkplug::topic("spBv1.0/g/NDATA/n/d"), None, "a node message with a device");
    assert_eq!(sparkplug::topic("spBv1.0/g/NCMD/n"), None, "commands are not read");
}

// ---- End to end against mosquitto ----

struct Broker(Child);

impl Broker {
    fn start(port: u16) -> Option<Broker> {
        // Debian installs it in /usr/sbin, which a user's PATH may not have.
        let spawn = |bin: &str| Command::new(bin).args(["-p", &port.to_string()]).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
        let child = spawn("mosquitto").or_else(|_| spawn("/usr/sbin/mosquitto")).ok()?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "mosquitto did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Broker(child))
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}

/// Publishes messages to the broker at `port` (QoS 1, each acknowledged before the next).
fn publish(port: u16, messages: &[(&str, Vec<u8>)]) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let (client, mut events) = rumqttc::AsyncClient::new(rumqttc::MqttOptions::new(format!("test-pub-{}", free_port()), "127.0.0.1", port), 64);
        for (topic, body) in messages {
            client.publish(*topic, rumqttc::QoS::AtLeastOnce, false, body.clone()).await.expect("queued");
        }
        let mut acked = 0;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while acked < messages.len() {
            match tokio::time::timeout_at(deadline, events.poll()).await {
                Ok(Ok(rumqttc::Event::Incoming(rumqttc::Packet::PubAck(_)))) => acked += 1,
                Ok(Ok(_)) => {}
                other => panic!("publishing: {other:?}"),
            }
        }
        let _ = client.disconnect().await;
    });
}

#[test]
fn messages_through_mosquitto_reach_the_store_and_a_broker_restart_is_survived() {
    let port = free_port();
    let Some(broker) = Broker::start(port) else {
        assert!(std::env::var("PLANT_TWIN_REQUIRE_MQTT").is_err(), "PLANT_TWIN_REQUIRE_MQTT is set but mosquitto could not be started");
        eprintln!("MQTT end-to-end test SKIPPED: no `mosquitto` binary (apt-get install mosquitto; .ci/run does)");
        return;
    };
    let (site, _) = cement();
    let text = FILE
        .replace("1883", &port.to_string())
        .replace("mqtt://localhost", &format!("mqtt://127.0.0.1:{port}"))
        .replace("username = \"twin\"\npassword_env = \"PLANT_TWIN_TEST_MQTT_PASSWORD\"\n", "")
        // One source per meter here (two sources of one meter race: the later-stamped sample wins).
        .replace("\"kiln-1.drive-power\" = { node", "\"id-fan-1.power\" = { node");
    let (cfg, diags) = parse(&text, Path::new("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let mut status = SourceStatus::default();
    until(&live, &mut store, &mut status, 20, "connected", |s, _| s.state == plant_live::SourceState::Connected);
    // Give the three sources their subscriptions, then publish a plain value, a JSON document and a Sparkplug
    // birth and data.
    std::thread::sleep(Duration::from_millis(500));
    let now = chrono::Utc::now().timestamp_millis() as u64;
    let (nbirth, dbirth) = births(now);
    let data = payload(now + 1, 2, vec![metric(None, Some(11), None, Some(Value::Int(3)))]);
    let json = format!("{{\"ts\": {now}, \"v\": 28.5}}").into_bytes();
    let last = |s: &Store, m: &str| s.get(m).and_then(|x| x.values().last().copied());
    // A plain value: published until it arrives (on a loaded machine the subscription can take longer than the
    // half second, and a message before it is not delivered).
    for attempt in 0.. {
        publish(port, &[("plant/kiln/drive_kW", b"401.25".to_vec())]);
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while last(&store, "kiln-1.drive-power").is_none() && std::time::Instant::now() < deadline {
            match live.recv_timeout(Duration::from_millis(50)) {
                Some(plant_live::LiveEvent::Samples { samples, .. }) => {
                    plant_live::apply(&mut store, &samples);
                }
                Some(plant_live::LiveEvent::Status { status: s, .. }) => status = s,
                None => {}
            }
        }
        if last(&store, "kiln-1.drive-power").is_some() {
            break;
        }
        assert!(attempt < 5, "the plain value never arrived: {status:?}");
    }
    publish(port, &[("plant/kiln-1.coal", json), ("spBv1.0/cement/NBIRTH/edge1", nbirth), ("spBv1.0/cement/DBIRTH/edge1/kiln", dbirth), ("spBv1.0/cement/DDATA/edge1/kiln", data)]);
    until(&live, &mut store, &mut status, 10, "all five messages", |_, s| {
        last(s, "kiln-1.coal") == Some(28.5) && last(s, "kiln-1.speed") == Some(3.0) && last(s, "kiln-1.inlet-o2") == Some(2.5)
    });
    assert_eq!(store.get("kiln-1.coal").and_then(|s| s.times_ms().last().copied()), Some(now as i64), "the payload's time");
    let drive = store.get("kiln-1.drive-power").map(|s| s.values().to_vec()).unwrap_or_default();
    assert!(!drive.is_empty() && drive.iter().all(|v| *v == 401.25), "{drive:?}");
    assert_eq!(store.get("id-fan-1.power").map(|s| s.values().to_vec()), Some(vec![380.0]), "the device's birth value");
    // The broker goes away: the source says so and keeps what it had; back on the same port, it reconnects and
    // subscribes again.
    drop(broker);
    until(&live, &mut store, &mut status, 20, "the broker's loss reported", |s, _| matches!(s.state, plant_live::SourceState::BackingOff { .. }));
    assert!(status.last_error_msg.as_ref().is_some_and(|m| is_msg(m, "live-mqtt-connection", &[])), "{status:?}");
    assert_eq!(last(&store, "kiln-1.coal"), Some(28.5));
    let _broker = Broker::start(port).expect("restarts");
    until(&live, &mut store, &mut status, 30, "reconnected", |s, _| s.state == plant_live::SourceState::Connected);
    std::thread::sleep(Duration::from_millis(500));
    publish(port, &[("plant/kiln-1.coal", format!("{{\"ts\": {}, \"v\": 30.0}}", now + 5_000).into_bytes())]);
    until(&live, &mut store, &mut status, 10, "a message after the restart", |_, s| last(s, "kiln-1.coal") == Some(30.0));
}

/// A CA and a server certificate for 127.0.0.1 made with the `openssl` command, in `dir`.
fn certificates(dir: &Path) -> bool {
    let run = |args: &[&str]| Command::new("openssl").args(args).current_dir(dir).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    std::fs::write(dir.join("ext.cnf"), "subjectAltName=IP:127.0.0.1\n").is_ok()
        && run(&["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=plant-twin test CA"])
        && run(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
        && run(&["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"])
        // mosquitto started as root reads its files as the `mosquitto` user it drops to.
        && ["server.key", "server.pem", "ca.pem"].iter().all(|f| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.join(f), std::fs::Permissions::from_mode(0o644)).is_ok()
        })
}

#[test]
fn mqtts_checks_the_brokers_certificate() {
    let dir = std::env::temp_dir().join(format!("plant-live-mqtts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
    }
    let (tls_port, plain_port) = (free_port(), free_port());
    let conf = format!(
        "listener {tls_port} 127.0.0.1\nallow_anonymous true\ncafile {d}/ca.pem\ncertfile {d}/server.pem\nkeyfile {d}/server.key\nlistener {plain_port} 127.0.0.1\nallow_anonymous true\n",
        d = dir.display()
    );
    let made = certificates(&dir) && std::fs::write(dir.join("mosquitto.conf"), conf).is_ok();
    let spawn = |bin: &str| Command::new(bin).arg("-c").arg(dir.join("mosquitto.conf")).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    let Some(child) = made.then(|| spawn("mosquitto").or_else(|_| spawn("/usr/sbin/mosquitto")).ok()).flatten() else {
        assert!(std::env::var("PLANT_TWIN_REQUIRE_MQTT").is_err(), "PLANT_TWIN_REQUIRE_MQTT is set but mosquitto (or openssl) could not be run");
        eprintln!("MQTT TLS test SKIPPED: no `mosquitto` or `openssl` binary");
        return;
    };
    let _broker = Broker(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", plain_port)).is_err() || std::net::TcpStream::connect(("127.0.0.1", tls_port)).is_err() {
        assert!(Instant::now() < deadline, "mosquitto did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (site, _) = cement();
    // One source trusting the test CA, one with the system's roots (which do not know it).
    let text = format!(
        "[[source]]\nid = \"trusting\"\nkind = \"mqtt\"\nurl = \"mqtts://127.0.0.1:{tls_port}\"\nca_file = \"ca.pem\"\n[source.topics]\n\"kiln-1.speed\" = \"plant/speed\"\n\n[[source]]\nid = \"system-roots\"\nkind = \"mqtt\"\nurl = \"mqtts://127.0.0.1:{tls_port}\"\n[source.topics]\n\"kiln-1.coal\" = \"plant/coal\"\n"
    );
    let (cfg, diags) = parse(&text, &dir.join("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(cfg.sources[0].protocol(), "MQTT over TLS");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let (mut trusting, mut roots) = (SourceStatus::default(), SourceStatus::default());
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut published = false;
    while store.get("kiln-1.speed").is_none() || !matches!(roots.state, plant_live::SourceState::BackingOff { .. }) {
        assert!(Instant::now() < deadline, "trusting {trusting:?}, system roots {roots:?}");
        if trusting.state == plant_live::SourceState::Connected && !published {
            std::thread::sleep(Duration::from_millis(300));
            publish(plain_port, &[("plant/speed", b"3.75".to_vec()), ("plant/coal", b"28".to_vec())]);
            published = true;
        }
        match live.recv_timeout(Duration::from_millis(100)) {
            Some(LiveEvent::Samples { samples, .. }) => {
                plant_live::apply(&mut store, &samples);
            }
            Some(LiveEvent::Status { source, status }) if source == "trusting" => trusting = status,
            Some(LiveEvent::Status { status, .. }) => roots = status,
            None => {}
        }
    }
    assert_eq!(store.get("kiln-1.speed").and_then(|s| s.values().last().copied()), Some(3.75));
    // The broker's certificate is not signed by a root the system trusts: no connection, the reason said.
    assert!(store.get("kiln-1.coal").is_none());
    let why = roots.last_error_msg.as_ref().map(|m| m.text_in(Lang::En)).unwrap_or_default();
    assert!(why.contains("broker:") && why.to_lowercase().contains("certificate"), "{why}");
    let _ = std::fs::remove_dir_all(&dir);
}
