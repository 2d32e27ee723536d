//! OPC UA: the sources file's OPC UA sections and their errors, and end to end against async-opcua's own server
//! run by the test (security None, anonymous): values pushed through a subscription with their source
//! timestamps, a node named by its namespace URI, a Bad status reported as bad quality (not a number), a node
//! the server does not have named with its meter.

use std::path::Path;
use std::time::{Duration, Instant};

use opcua::crypto::SecurityPolicy;
use opcua::server::address_space::Variable;
use opcua::server::diagnostics::NamespaceMetadata;
use opcua::server::node_manager::memory::{SimpleNodeManager, simple_node_manager};
use opcua::server::{ANONYMOUS_USER_TOKEN_ID, ServerBuilder};
use opcua::types::{DataValue, DateTime, MessageSecurityMode, NodeId, StatusCode, Variant};
use plant_live::{LiveEvent, LiveHandle, SourceKind, SourceStatus, parse};
use plant_store::Store;

use crate::{cement, is_msg, reads_in_chinese};

const FILE: &str = r#"
[[source]]
id = "dcs"
kind = "opc-ua"
url = "opc.tcp://127.0.0.1:4840/"
interval = "200ms"
[source.nodes]
"kiln-1.drive-power" = "nsu=urn:plant:kiln;s=Kiln.DrivePower"
"kiln-1.speed" = { node = "ns=2;s=Kiln.Speed", sampling = "100ms", deadband = 0.01 }
"kiln-1.inlet-o2" = "ns=2;s=Kiln.InletO2"
"kiln-1.coal" = "ns=2;s=Kiln.NoSuchNode"
"#;

#[test]
fn an_opcua_section_and_its_errors() {
    let (site, _) = cement();
    let (cfg, diags) = parse(FILE, Path::new("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let SourceKind::OpcUa(o) = &cfg.sources[0].kind else { panic!("kind") };
    assert_eq!((o.policy.as_str(), o.mode.as_str(), o.nodes.len()), ("None", "None", 4));
    let speed = o.nodes.iter().find(|n| n.meter == "kiln-1.speed").expect("speed");
    assert_eq!((speed.sampling_ms, speed.deadband), (100, Some(0.01)));
    assert_eq!((cfg.sources[0].protocol(), cfg.sources[0].host.as_str()), ("OPC UA", "127.0.0.1:4840"));
    let sends = cfg.sources[0].sends_msg();
    assert_eq!(sends.text_in(plant_i18n::Lang::En), "a session to opc.tcp://127.0.0.1:4840/ (security None, None) monitoring 4 variable(s); anonymous");
    assert!(reads_in_chinese(&sends));
    for (bad, id, line) in [
        (FILE.replace("ns=2;s=Kiln.InletO2", "Kiln.InletO2"), "live-config-opcua-node", 10),
        (FILE.replace("interval = \"200ms\"", "interval = \"200ms\"\nsecurity_policy = \"Basic128Rsa15\""), "live-config-bad-choice", 7),
        (FILE.replace("interval = \"200ms\"", "interval = \"200ms\"\nsecurity_policy = \"Basic256Sha256\"\nsecurity_mode = \"None\""), "live-config-opcua-security", 5),
        (FILE.replace("interval = \"200ms\"", "interval = \"200ms\"\nusername = \"op\"\npassword_env = \"HOME\""), "live-config-env-not-allowed", 8),
    ] {
        let (cfg, diags) = parse(&bad, Path::new("sources.toml"), &site).expect("parses");
        assert!(cfg.sources.is_empty(), "{bad}");
        assert!(diags.iter().any(|d| is_msg(&d.message, id, &[]) && matches!(d.place, plant_site::Place::LineCol { line: l, .. } if l == line)), "{id}: {diags:?}");
    }
    // A password to a server off this machine over an unsecured channel is refused; secured, it is not.
    let off = FILE.replace("127.0.0.1", "dcs.example.com").replace("interval = \"200ms\"", "username = \"op\"\npassword_env = \"PLANT_TWIN_OPCUA\"");
    let (cfg, diags) = parse(&off, Path::new("sources.toml"), &site).expect("parses");
    assert!(cfg.sources.is_empty() && diags.iter().any(|d| is_msg(&d.message, "live-config-clear-text", &[])), "{diags:?}");
    let (cfg, _) = parse(&off.replace("username", "security_policy = \"Basic256Sha256\"\nusername"), Path::new("sources.toml"), &site).expect("parses");
    assert_eq!(cfg.sources.len(), 1);
}

/// The client's certificate folder, one for the whole test process (the first call of `use_pki_dir` wins).
pub fn client_pki() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("plant-live-opcua-client-pki-{}", std::process::id()));
    plant_live::opcua::use_pki_dir(dir.clone());
    plant_live::opcua::pki_dir()
}

/// The test server: namespace `urn:plant:kiln` (index 2), variables under Objects/Kiln, values set every 100 ms
/// with a source timestamp a second behind the clock; the O2 analyser's value Bad. Stops when dropped.
struct Server {
    handle: opcua::server::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.handle.cancel();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn server(pki: &Path) -> (Server, u16) {
    let pki = pki.to_path_buf();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    // The server is built and run on a runtime of its own (it starts tasks as it is built).
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let port = listener.local_addr().expect("addr").port();
            let ids: &[&str] = &[ANONYMOUS_USER_TOKEN_ID];
            let (server, handle) = ServerBuilder::new()
                .application_name("Plant Twin test DCS")
                .application_uri("urn:plant-twin:test-dcs")
                .product_uri("urn:plant-twin:test-dcs")
                .host("127.0.0.1")
                .port(port)
                .pki_dir(pki)
                .create_sample_keypair(true)
                .trust_client_certs(true)
                .discovery_urls(vec![format!("opc.tcp://127.0.0.1:{port}/")])
                .add_endpoint("none", ("/", SecurityPolicy::None, MessageSecurityMode::None, ids))
                .add_endpoint("secure", ("/", SecurityPolicy::Basic256Sha256, MessageSecurityMode::SignAndEncrypt, ids))
                .with_node_manager(simple_node_manager(NamespaceMetadata { namespace_uri: "urn:plant:kiln".to_owned(), ..Default::default() }, "kiln"))
                .build()
                .expect("server");
            let nm = handle.node_managers().get_of_type::<SimpleNodeManager>().expect("node manager");
            let ns = handle.get_namespace_index("urn:plant:kiln").expect("namespace");
            assert_eq!(ns, 2, "the test's node ids assume namespace 2");
            let (power, speed, o2) = (NodeId::new(ns, "Kiln.DrivePower"), NodeId::new(ns, "Kiln.Speed"), NodeId::new(ns, "Kiln.InletO2"));
            {
                let mut space = nm.address_space().write();
                let folder = NodeId::new(ns, "Kiln");
                space.add_folder(&folder, "Kiln", "Kiln", &NodeId::objects_folder_id());
                space.add_variables(
                    vec![
                        Variable::new(&power, "DrivePower", "DrivePower", 0f64),
                        Variable::new(&speed, "Speed", "Speed", 0f32),
                        Variable::new(&o2, "InletO2", "InletO2", 0f64),
                        // Named as the site's data column: `browse` maps it to that meter.
                        Variable::new(&NodeId::new(ns, "Kiln.Tag4711"), "kiln_drive_kW", "kiln_drive_kW", 0f64),
                    ],
                    &folder,
                );
            }
            let subs = handle.subscriptions().clone();
            let token = handle.token().clone();
            let set = move |k: u32| {
                let at = |v: Variant| {
                    let mut dv = DataValue::new_now(v);
                    dv.source_timestamp = Some(DateTime::from(chrono::Utc::now() - chrono::Duration::seconds(1)));
                    dv
                };
                let mut bad = at(Variant::Double(3.0));
                bad.status = Some(StatusCode::BadSensorFailure);
                let values = [(&power, None, at(Variant::Double(400.0 + f64::from(k)))), (&speed, None, at(Variant::Float(3.5))), (&o2, None, bad)];
                let _ = nm.set_values(&subs, values.into_iter());
            };
            // The first values before any client comes, a second behind like the rest (async-opcua's server
            // moves a value stamped before the last one sampled to the next sample time).
            set(0);
            let _ = ready_tx.send((handle, port));
            let updates = tokio::spawn(async move {
                for k in 1.. {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    set(k);
                }
            });
            tokio::select! {
                _ = server.run_with(listener) => {}
                _ = token.cancelled() => {}
            }
            updates.abort();
        });
    });
    let (handle, port) = ready_rx.recv_timeout(Duration::from_secs(60)).expect("the server starts");
    (Server { handle, thread: Some(thread) }, port)
}

#[test]
fn values_from_an_opcua_server_through_a_subscription() {
    let tmp = std::env::temp_dir().join(format!("plant-live-opcua-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    client_pki();
    let (_server, port) = server(&tmp.join("server-pki"));
    let (site, _) = cement();
    // Sampled faster than the server writes (100 ms): async-opcua's server moves a value that comes sooner than
    // the sampling interval to the next sample time, source timestamp included.
    let file = FILE.replace("4840", &port.to_string()).replace(
        "\"kiln-1.drive-power\" = \"nsu=urn:plant:kiln;s=Kiln.DrivePower\"",
        "\"kiln-1.drive-power\" = { node = \"nsu=urn:plant:kiln;s=Kiln.DrivePower\", sampling = \"50ms\" }",
    );
    let (cfg, _) = parse(&file, Path::new("sources.toml"), &site).expect("parses");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let mut status = SourceStatus::default();
    // The client's key pair is made on first use: allow for it in a debug build.
    let deadline = Instant::now() + Duration::from_secs(90);
    let first = |s: &SourceStatus| s.last_error_msg.as_ref().map(|m| m.text_in(plant_i18n::Lang::En)).unwrap_or_default();
    while store.get("kiln-1.drive-power").is_none_or(|s| s.len() < 3) || store.get("kiln-1.speed").is_none() || !first(&status).contains("kiln-1.coal") {
        assert!(Instant::now() < deadline, "{status:?}; {:?}", store.meter_ids().collect::<Vec<_>>());
        match live.recv_timeout(Duration::from_millis(100)) {
            Some(LiveEvent::Samples { samples, .. }) => {
                plant_live::apply(&mut store, &samples);
            }
            Some(LiveEvent::Status { status: s, .. }) => status = s,
            None => {}
        }
    }
    // Values with the server's source timestamps (a second behind the clock), rising by one a tick.
    let power = store.get("kiln-1.drive-power").expect("power");
    let (t, v) = (power.times_ms().last().copied().expect("t"), power.values().last().copied().expect("v"));
    let now = chrono::Utc::now().timestamp_millis();
    assert!((now - t) >= 900 && v > 400.0, "{t} ({} ms ago) {v}; {:?}", now - t, power.times_ms().iter().map(|x| now - x).zip(power.values()).collect::<Vec<_>>());
    assert_eq!(store.get("kiln-1.speed").and_then(|s| s.values().last().copied()), Some(3.5));
    // The node the server does not have is named with its meter, first in the status, and stays there; the O2
    // analyser's Bad value is not a sample but a problem after it.
    let text = first(&status);
    assert!(text.contains("kiln-1.coal") && text.contains("Kiln.NoSuchNode") && text.contains("BadNodeIdUnknown") && text.contains("1 more"), "{text}");
    assert!(store.get("kiln-1.inlet-o2").is_none() && store.get("kiln-1.coal").is_none());
    drop(live);
    // `plant-twin browse`: the variables under Objects with their namespace-URI ids and data types, and a sources
    // file that maps the one named as a site's column to its meter and parses.
    let url = format!("opc.tcp://127.0.0.1:{port}/");
    let vars = plant_live::browse::browse(&url, "None", "None", None, None).expect("browses");
    let power = vars.iter().find(|v| v.path == ["Kiln", "DrivePower"]).expect("DrivePower");
    assert_eq!((power.node.as_str(), power.data_type.as_str()), ("nsu=urn:plant:kiln;s=Kiln.DrivePower", "Double"));
    assert_eq!(vars.iter().find(|v| v.path == ["Kiln", "Speed"]).map(|v| v.data_type.as_str()), Some("Float"));
    let file = plant_live::browse::sources_file(&url, &site, &vars);
    let (cfg, diags) = parse(&file, Path::new("sources.toml"), &site).expect("the written file parses");
    assert!(diags.is_empty(), "{diags:?}\n{file}");
    let SourceKind::OpcUa(o) = &cfg.sources[0].kind else { panic!("kind") };
    // Matched by a meter's data column (kiln_drive_kW) or name ("Kiln speed", "Kiln-inlet O2" against the DCS's
    // Kiln / Speed and Kiln / InletO2); DrivePower matches no meter's id, column or name and is left, commented.
    let mut mapped: Vec<(&str, &str)> = o.nodes.iter().map(|n| (n.meter.as_str(), n.id.as_str())).collect();
    mapped.sort();
    assert_eq!(
        mapped,
        vec![
            ("kiln-1.drive-power", "nsu=urn:plant:kiln;s=Kiln.Tag4711"),
            ("kiln-1.inlet-o2", "nsu=urn:plant:kiln;s=Kiln.InletO2"),
            ("kiln-1.speed", "nsu=urn:plant:kiln;s=Kiln.Speed")
        ],
        "{file}"
    );
    assert!(file.contains("# \"<meter id>\" = \"nsu=urn:plant:kiln;s=Kiln.DrivePower\""), "{file}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_bad_or_uncertain_value_is_not_a_sample() {
    let mut dv = DataValue::new_now(Variant::Double(3.0));
    assert_eq!(plant_live::opcua::reading("m", &dv, 5).map(|s| s.2), Ok(3.0));
    dv.status = Some(StatusCode::UncertainLastUsableValue);
    let e = plant_live::opcua::reading("m", &dv, 5).expect_err("uncertain");
    assert!(is_msg(&e, "live-opcua-bad-quality", &[("meter", "m"), ("status", "UncertainLastUsableValue")]), "{e:?}");
    dv.status = Some(StatusCode::BadSensorFailure);
    assert!(plant_live::opcua::reading("m", &dv, 5).is_err());
    // A boolean reads 0 or 1; text is not a number; no source timestamp: the server's, else the time received.
    let mut b = DataValue::new_now(Variant::Boolean(true));
    b.source_timestamp = None;
    b.server_timestamp = None;
    assert_eq!(plant_live::opcua::reading("m", &b, 7), Ok(("m".into(), 7, 1.0)));
    assert!(plant_live::opcua::reading("m", &DataValue::new_now(Variant::from("x")), 7).is_err());
}

#[test]
fn a_secured_server_is_trusted_only_by_the_user() {
    let tmp = std::env::temp_dir().join(format!("plant-live-opcua-secure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    client_pki();
    let (_server, port) = server(&tmp.join("server-pki"));
    let own = std::fs::read(tmp.join("server-pki/own/cert.der")).expect("the server's certificate");
    let thumbprint = opcua::crypto::X509::from_der(&own).expect("der").thumbprint().as_hex_string().to_uppercase();
    let (site, _) = cement();
    let file = format!(
        "[[source]]\nid = \"dcs\"\nkind = \"opc-ua\"\nurl = \"opc.tcp://127.0.0.1:{port}/\"\ninterval = \"200ms\"\nsecurity_policy = \"Basic256Sha256\"\n[source.nodes]\n\"kiln-1.drive-power\" = \"ns=2;s=Kiln.DrivePower\"\n"
    );
    let (cfg, diags) = parse(&file, Path::new("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let mut status = SourceStatus::default();
    // Refused, the certificate shown (the server's own: its thumbprint), nothing stored.
    crate::until(&live, &mut store, &mut status, 120, "the server's certificate shown", |s, _| s.untrusted.is_some());
    let cert = status.untrusted.clone().expect("certificate");
    assert_eq!(cert.thumbprint, thumbprint);
    assert_eq!(cert.application_uri, "urn:plant-twin:test-dcs");
    let text = status.last_error_msg.as_ref().map(|m| m.text_in(plant_i18n::Lang::En)).unwrap_or_default();
    assert!(text.contains(&cert.thumbprint_grouped()) && text.contains("not trusted"), "{text}");
    assert!(reads_in_chinese(status.last_error_msg.as_ref().expect("message")));
    assert!(store.get("kiln-1.drive-power").is_none() && !cert.is_trusted());
    // `plant-twin browse` refuses it too, naming the thumbprint to pass; a different thumbprint trusts nothing.
    let url = format!("opc.tcp://127.0.0.1:{port}/");
    let e = plant_live::browse::browse(&url, "Basic256Sha256", "SignAndEncrypt", None, None).expect_err("untrusted");
    assert!(is_msg(&e, "live-browse-untrusted", &[("thumbprint", thumbprint.as_str())]), "{e:?}");
    let e = plant_live::browse::browse(&url, "Basic256Sha256", "SignAndEncrypt", None, Some("00 11 22")).expect_err("another thumbprint");
    assert!(is_msg(&e, "live-opcua-thumbprint-differs", &[("given", "001122")]), "{e:?}");
    assert!(!cert.is_trusted());
    // The user trusts it: the source connects at its next try, encrypted, and values arrive.
    let path = plant_live::opcua::trust::trust(&cert).expect("trusted");
    assert!(path.starts_with(plant_live::opcua::pki_dir().join("trusted")) && cert.is_trusted());
    crate::until(&live, &mut store, &mut status, 60, "values once trusted", |s, st| s.untrusted.is_none() && st.get("kiln-1.drive-power").is_some_and(|x| x.len() >= 2));
    drop(live);
    // Browsing now needs no thumbprint.
    assert!(plant_live::browse::browse(&url, "Basic256Sha256", "SignAndEncrypt", None, None).is_ok_and(|v| !v.is_empty()));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn engineering_units_against_the_meters() {
    use opcua::types::{EUInformation, LocalizedText, UAString};
    use plant_live::opcua::units::{CEFACT, Linear, conversion, unpack_code};
    let eu = |code: &str, name: &str, uri: &str| EUInformation {
        namespace_uri: UAString::from(uri),
        unit_id: code.bytes().fold(0i32, |id, b| (id << 8) | i32::from(b)),
        display_name: LocalizedText::new("en", name),
        description: LocalizedText::null(),
    };
    // Part 8's packing, as the asyncua test server writes it: "KWT" = 4937556.
    assert_eq!(unpack_code(4_937_556).as_deref(), Some("KWT"));
    assert_eq!(unpack_code(i32::from_be_bytes([0, 0, b'3', b'B'])).as_deref(), Some("3B"));
    assert_eq!(unpack_code(-1), None);
    // By the UNECE code, whatever the display name says; MW into kW; °C into K (an offset); t/h against kg/h.
    assert_eq!(conversion(Some(&eu("KWT", "KW", CEFACT)), "kW"), Ok(Linear::SAME));
    assert_eq!(conversion(Some(&eu("MAW", "megawatt", CEFACT)), "kW"), Ok(Linear { a: 1000.0, b: 0.0 }));
    let k = conversion(Some(&eu("CEL", "deg C", CEFACT)), "K").expect("°C → K");
    assert!((k.apply(20.0) - 293.15).abs() < 1e-9, "{k:?}");
    let t = conversion(Some(&eu("E93", "kg/h", CEFACT)), "t/h").expect("kg/h → t/h");
    assert!((t.apply(2500.0) - 2.5).abs() < 1e-12);
    // Of another dimension: refused, with the server's unit to name.
    assert_eq!(conversion(Some(&eu("CEL", "°C", CEFACT)), "kW"), Err("°C".to_owned()));
    // No unit, an unknown code in another namespace with a name that is no unit: taken as they come; a known
    // display name in another namespace is read.
    assert_eq!(conversion(None, "kW"), Ok(Linear::SAME));
    assert_eq!(conversion(Some(&eu("ZZZ", "furlongs", "urn:vendor")), "kW"), Ok(Linear::SAME));
    assert_eq!(conversion(Some(&eu("ZZZ", "MW", "urn:vendor")), "kW"), Ok(Linear { a: 1000.0, b: 0.0 }));
}
