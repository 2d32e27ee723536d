//! 10,000 OPC UA monitored items at 1 Hz, end to end: a server (async-opcua's own, in a child process of this
//! binary so that its work is not counted) with N Double variables all changed once a second; the twin's OPC UA
//! source subscribed to all of them through `LiveHandle`, as the app runs it. Measured over a steady window:
//! values received per second against values written, the delay from a value's source timestamp to its
//! arrival in this process (p50, p95, max), the CPU time of this process (the source's session, decoding and
//! delivery, and applying to the store), and the time `plant_live::apply` takes per frame's worth of samples.
//!
//! `cargo bench -p plant-live --bench opcua_scale --profile dev -- [ITEMS] [SECONDS] [SAMPLING_MS]` (defaults
//! 10000, 20 and 1000: a meter sampled at its 1 Hz).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use opcua::crypto::SecurityPolicy;
use opcua::server::address_space::Variable;
use opcua::server::diagnostics::NamespaceMetadata;
use opcua::server::node_manager::memory::{SimpleNodeManager, simple_node_manager};
use opcua::server::{ANONYMOUS_USER_TOKEN_ID, ServerBuilder};
use opcua::types::{DataValue, MessageSecurityMode, NodeId, Variant};
use plant_live::opcua::{Node, OpcUa};
use plant_live::{LiveEvent, LiveHandle, Source, SourceKind};

/// The child: serves `items` variables on `port`, all set once a second; prints READY when listening.
fn serve(items: usize, port: u16, pki: std::path::PathBuf) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    rt.block_on(async move {
        let ids: &[&str] = &[ANONYMOUS_USER_TOKEN_ID];
        let (server, handle) = ServerBuilder::new()
            .application_name("scale")
            .application_uri("urn:plant-twin:scale")
            .host("127.0.0.1")
            .port(port)
            .pki_dir(pki)
            .create_sample_keypair(true)
            .trust_client_certs(true)
            .discovery_urls(vec![format!("opc.tcp://127.0.0.1:{port}/")])
            .add_endpoint("none", ("/", SecurityPolicy::None, MessageSecurityMode::None, ids))
            .with_node_manager(simple_node_manager(NamespaceMetadata { namespace_uri: "urn:scale".to_owned(), ..Default::default() }, "scale"))
            .build()
            .expect("server");
        let nm = handle.node_managers().get_of_type::<SimpleNodeManager>().expect("node manager");
        let nodes: Vec<NodeId> = (0..items).map(|k| NodeId::new(2, format!("v{k}"))).collect();
        {
            let mut space = nm.address_space().write();
            let folder = NodeId::new(2, "Plant");
            space.add_folder(&folder, "Plant", "Plant", &NodeId::objects_folder_id());
            space.add_variables(nodes.iter().map(|n| Variable::new(n, n.to_string(), n.to_string(), 0f64)).collect(), &folder);
        }
        let subs = handle.subscriptions().clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            let mut k = 0f64;
            loop {
                tick.tick().await;
                k += 1.0;
                let _ = nm.set_values(&subs, nodes.iter().map(|n| (n, None, DataValue::new_now(Variant::Double(k)))));
            }
        });
        println!("READY");
        let _ = server.run().await;
    });
}

/// A process's CPU time (user + system), from /proc (Linux): `self` or a pid.
fn cpu_s(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = after.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    // Fields 14 and 15 (utime, stime), counted after the command's closing parenthesis from field 3.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--bench")).collect();
    if args.first().map(String::as_str) == Some("serve") {
        let items = args[1].parse().expect("items");
        let port = args[2].parse().expect("port");
        serve(items, port, std::path::PathBuf::from(&args[3]));
        return;
    }
    let items: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let sampling_ms: i64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let tmp = std::env::temp_dir().join(format!("plant-live-opcua-scale-{}", std::process::id()));
    plant_live::opcua::use_pki_dir(tmp.join("client"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port");
    let exe = std::env::current_exe().expect("exe");
    let mut child =
        Command::new(exe).args(["serve", &items.to_string(), &port.to_string(), &tmp.join("server").display().to_string()]).stdout(Stdio::piped()).spawn().expect("server");
    let mut line = String::new();
    let _ = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
    assert_eq!(line.trim(), "READY");
    let nodes = (0..items).map(|k| Node { meter: format!("m{k}"), id: format!("ns=2;s=v{k}"), sampling_ms, deadband: None, unit: "kW".to_owned() }).collect();
    let source = Source {
        id: "scale".into(),
        url: format!("opc.tcp://127.0.0.1:{port}/"),
        host: format!("127.0.0.1:{port}"),
        kind: SourceKind::OpcUa(Box::new(OpcUa { nodes, policy: "None".into(), mode: "None".into(), username: None, password_env: None, queue_size: 10 })),
        interval_ms: 1000,
        timeout_ms: 10_000,
        auth: None,
    };
    let started = Instant::now();
    let live = LiveHandle::start(vec![source]).expect("starts");
    let mut store = plant_store::Store::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    // Until every item has given a value (the subscription made), then a steady window.
    while seen.len() < items {
        assert!(started.elapsed() < Duration::from_secs(300), "{} of {items} items after 300 s", seen.len());
        if let Some(LiveEvent::Samples { samples, .. }) = live.recv_timeout(Duration::from_millis(100)) {
            for (m, _, _) in &samples {
                seen.insert(m.clone(), ());
            }
            plant_live::apply(&mut store, &samples);
        }
    }
    let subscribed_s = started.elapsed().as_secs_f64();
    let server_pid = child.id().to_string();
    let (t0, cpu0, server0) = (Instant::now(), cpu_s("self"), cpu_s(&server_pid));
    let mut per_meter: HashMap<String, usize> = HashMap::new();
    let (mut received, mut delays, mut apply_us, mut batches) = (0usize, Vec::new(), Vec::new(), 0usize);
    while t0.elapsed() < Duration::from_secs(seconds) {
        if let Some(LiveEvent::Samples { samples, .. }) = live.recv_timeout(Duration::from_millis(100)) {
            let now = chrono::Utc::now().timestamp_millis();
            received += samples.len();
            for (m, _, _) in &samples {
                *per_meter.entry(m.clone()).or_default() += 1;
            }
            batches += 1;
            delays.extend(samples.iter().map(|s| (now - s.1) as f64));
            // A frame at 60 frames/s takes a sixtieth of a second's samples: time apply per such share.
            for chunk in samples.chunks((items / 60).max(1)) {
                let a = Instant::now();
                plant_live::apply(&mut store, chunk);
                apply_us.push(a.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    let (wall, cpu, server_cpu) = (t0.elapsed().as_secs_f64(), cpu_s("self") - cpu0, cpu_s(&server_pid) - server0);
    let (fewest, most) = (per_meter.values().min().copied().unwrap_or(0), per_meter.values().max().copied().unwrap_or(0));
    drop(live);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&tmp);
    delays.sort_by(f64::total_cmp);
    apply_us.sort_by(f64::total_cmp);
    println!("sampling interval {sampling_ms} ms");
    println!("items {items}, 1 Hz, steady window {wall:.1} s; every item subscribed and reporting after {subscribed_s:.1} s");
    println!("values received {received} = {:.0}/s (written {items}/s); {batches} deliveries", received as f64 / wall);
    println!("delay source timestamp → this process: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms", pct(&delays, 0.5), pct(&delays, 0.95), pct(&delays, 1.0));
    println!("values per item in the window: {fewest} to {most} ({} items heard)", per_meter.len());
    println!("CPU of the server process (async-opcua, writing and sampling every item): {:.1} % of one core", 100.0 * server_cpu / wall);
    println!("CPU of this process (session, decode, delivery, apply): {:.1} % of one core", 100.0 * cpu / wall);
    println!(
        "apply of a frame's share ({} samples): p50 {:.1} µs, p95 {:.1} µs, max {:.1} µs",
        (items / 60).max(1),
        pct(&apply_us, 0.5),
        pct(&apply_us, 0.95),
        pct(&apply_us, 1.0)
    );
}
