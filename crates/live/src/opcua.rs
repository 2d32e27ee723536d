//! OPC UA sources (async-opcua, pure-Rust crypto): a session to the server's endpoint with the configured
//! security policy and mode, anonymous or with a user name and password, and one subscription whose monitored
//! items are the meters' variables (sampling interval, queue, absolute deadband) — values pushed by the
//! server, not polled. The client library reconnects by itself and restores the subscription.
//!
//! A value's time is its source timestamp (else the server's, else the time received); a value whose status
//! is Bad or Uncertain is not a sample but a problem of its meter, named with the status. A node the server
//! does not have is named with its meter. The client's certificate is created on first use in the settings
//! folder (`opcua-pki/`); a server's certificate is never trusted silently: a secured connection to a server
//! not yet trusted fails, and the status says which certificate it was.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use opcua::client::{ClientBuilder, DataChangeCallback, IdentityToken, MonitoredItem, Session, SessionPollResult};
use opcua::crypto::SecurityPolicy;
use opcua::types::{
    AttributeId, DataChangeFilter, DataChangeTrigger, DataValue, DeadbandType, ExpandedNodeId, ExtensionObject, MessageSecurityMode, MonitoredItemCreateRequest, MonitoringMode,
    MonitoringParameters, NodeId, ReadValueId, StatusCode, TimestampsToReturn, Variant,
};
use plant_i18n::{Msg, msg};

use crate::config::{Source, SourceKind};
use crate::poll::PollResult;
use crate::runner::{LiveEvent, Outbox, SampleWindow, SourceState, SourceStatus, backoff_ms, now_ms};

/// The security policies a source may name (OPC UA Part 7), and the message security modes.
pub const POLICIES: [&str; 4] = ["None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"];
pub const MODES: [&str; 3] = ["None", "Sign", "SignAndEncrypt"];

/// A meter's variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub meter: String,
    /// In the standard string form: `ns=2;s=Kiln.DrivePower`, `i=2258`, or with the namespace's URI
    /// (`nsu=urn:plant:kiln;s=Kiln.DrivePower`), which survives a server's restart re-numbering its namespaces.
    pub id: String,
    pub sampling_ms: i64,
    /// Changes smaller than this (in the variable's unit) are not reported.
    pub deadband: Option<f64>,
}

/// An OPC UA source's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct OpcUa {
    pub nodes: Vec<Node>,
    pub policy: String,
    pub mode: String,
    pub username: Option<String>,
    pub password_env: Option<String>,
    pub queue_size: u32,
}

/// Whether `id` is a node id in a standard string form; the reason if not.
pub fn check_node_id(id: &str) -> Result<(), String> {
    let id = id.trim();
    if id.starts_with("nsu=") {
        ExpandedNodeId::from_str(&format!("svr=0;{id}")).map(|_| ()).map_err(|e| e.to_string())
    } else {
        NodeId::from_str(id).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// The node id on this server (a namespace URI looked up in its namespace array).
async fn resolve(session: &Session, id: &str) -> Result<NodeId, String> {
    let id = id.trim();
    if id.starts_with("nsu=") {
        let exp = ExpandedNodeId::from_str(&format!("svr=0;{id}")).map_err(|e| e.to_string())?;
        let index = session.get_namespace_index(exp.namespace_uri.as_ref()).await.map_err(|e| e.to_string())?;
        Ok(NodeId::new(index, exp.node_id.identifier.clone()))
    } else {
        NodeId::from_str(id).map_err(|e| e.to_string())
    }
}

/// A variant's number: the numeric types, and a boolean as 0 or 1.
pub fn number(v: &Variant) -> Option<f64> {
    match v {
        Variant::Boolean(b) => Some(f64::from(u8::from(*b))),
        other => other.as_f64(),
    }
    .filter(|x| x.is_finite())
}

/// What one data change gives: a sample, or why its meter has none (bad quality, not a number).
pub fn reading(meter: &str, dv: &DataValue, received_ms: i64) -> Result<(String, i64, f64), Msg> {
    let status = dv.status();
    if status.is_bad() || status.is_uncertain() {
        return Err(msg!("live-opcua-bad-quality", meter = meter, status = status.to_string()));
    }
    let t = dv.source_timestamp.or(dv.server_timestamp).map_or(received_ms, |t| t.as_chrono().timestamp_millis());
    match dv.value.as_ref().and_then(number) {
        Some(x) => Ok((meter.to_owned(), t, x)),
        None => Err(msg!("live-opcua-not-a-number", meter = meter, value = format!("{:?}", dv.value).chars().take(60).collect::<String>())),
    }
}

static PKI_DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Keeps the client's certificate and the servers' in `dir` instead of the settings folder's `opcua-pki/`
/// (tests, a kiosk); the first call wins.
pub fn use_pki_dir(dir: std::path::PathBuf) {
    let _ = PKI_DIR.set(dir);
}

/// The folder of the client's certificate and the servers' it trusts (`trusted/`) or rejected (`rejected/`).
pub fn pki_dir() -> std::path::PathBuf {
    PKI_DIR.get().cloned().unwrap_or_else(|| plant_i18n::config_dir().unwrap_or_else(std::env::temp_dir).join("opcua-pki"))
}

/// What the subscription's callback gathered since the last flush, and the problems of nodes the server does
/// not have, which stay in the status (first) until the source stops.
#[derive(Default)]
struct Gathered {
    result: PollResult,
    sticky: Vec<Msg>,
}

type Changes = Arc<Mutex<Gathered>>;

/// Creates the subscription and its monitored items on a connected session; the problems of items the server
/// refused (a node it does not have), by meter.
async fn subscribe(session: &Session, cfg: &OpcUa, interval_ms: i64, changes: &Changes) -> Result<Vec<Msg>, Msg> {
    let mut problems = Vec::new();
    let mut by_handle: HashMap<u32, Vec<String>> = HashMap::new();
    let mut items = Vec::new();
    for (k, n) in cfg.nodes.iter().enumerate() {
        let id = match resolve(session, &n.id).await {
            Ok(id) => id,
            Err(e) => {
                problems.push(msg!("live-opcua-node-refused", meter = n.meter.as_str(), node = n.id.as_str(), status = e));
                continue;
            }
        };
        let handle = k as u32 + 1;
        by_handle.entry(handle).or_default().push(n.meter.clone());
        let filter = n.deadband.map_or_else(ExtensionObject::null, |d| {
            ExtensionObject::from_message(DataChangeFilter { trigger: DataChangeTrigger::StatusValue, deadband_type: DeadbandType::Absolute as u32, deadband_value: d })
        });
        let parameters = MonitoringParameters { client_handle: handle, sampling_interval: n.sampling_ms as f64, filter, queue_size: cfg.queue_size, discard_oldest: true };
        items.push((n, MonitoredItemCreateRequest::new(ReadValueId::new(id, AttributeId::Value), MonitoringMode::Reporting, parameters)));
    }
    let sink = changes.clone();
    let callback = DataChangeCallback::new(move |dv: DataValue, item: &MonitoredItem| {
        let Some(meters) = by_handle.get(&item.client_handle()) else { return };
        if let Ok(mut out) = sink.lock() {
            let status = dv.status();
            for m in meters {
                // A node the server does not have (some servers say so in the value, not when the item is made).
                if status == StatusCode::BadNodeIdUnknown || status == StatusCode::BadNodeIdInvalid {
                    let node = item.item_to_monitor().node_id.to_string();
                    let p = msg!("live-opcua-node-refused", meter = m.as_str(), node = node, status = status.to_string());
                    if !out.sticky.contains(&p) {
                        out.sticky.push(p);
                    }
                    continue;
                }
                match reading(m, &dv, now_ms()) {
                    Ok(s) => out.result.samples.push(s),
                    Err(p) if !out.result.problems.contains(&p) => out.result.problems.push(p),
                    Err(_) => {}
                }
            }
        }
    });
    let opcua_error = |e: opcua::types::Error| msg!("live-opcua-error", error = e.to_string());
    let sub = session.create_subscription(Duration::from_millis(interval_ms.max(50) as u64), 30, 10, 0, 0, true, callback).await.map_err(opcua_error)?;
    let (nodes, requests): (Vec<&Node>, Vec<MonitoredItemCreateRequest>) = items.into_iter().unzip();
    let created = session.create_monitored_items(sub, TimestampsToReturn::Both, requests).await.map_err(opcua_error)?;
    for (n, r) in nodes.iter().zip(&created) {
        if !r.result.status_code.is_good() {
            problems.push(msg!("live-opcua-node-refused", meter = n.meter.as_str(), node = n.id.as_str(), status = r.result.status_code.to_string()));
        }
    }
    Ok(problems)
}

/// The session's connection events, as a status.
enum Link {
    Up,
    Down(StatusCode),
    Gone(StatusCode),
}

/// Runs an OPC UA source until `stop`.
pub(crate) async fn run(source: Source, session_start_ms: i64, tx: Outbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    let SourceKind::OpcUa(cfg) = &source.kind else { return };
    let mut status = SourceStatus::default();
    let window = SampleWindow::new(&source, session_start_ms);
    let send_status = |status: &SourceStatus| tx.send(LiveEvent::Status { source: source.id.clone(), status: status.clone() });
    if !send_status(&status) {
        return;
    }
    let fail = |status: &mut SourceStatus, m: Msg| {
        status.set_error(Some(m));
        let _ = send_status(status);
    };
    let Some((session, events)) = open(&source, cfg, &mut status, &send_status, &mut stop).await else { return };
    let (link_tx, mut link) = tokio::sync::mpsc::unbounded_channel();
    let pump = tokio::spawn(async move {
        let stream = events.enter();
        tokio::pin!(stream);
        while let Some(r) = stream.next().await {
            let event = match r {
                Ok(SessionPollResult::Reconnected(_)) => Link::Up,
                Ok(SessionPollResult::ConnectionLost(s) | SessionPollResult::ReconnectFailed(s)) => Link::Down(s),
                Ok(_) => continue,
                Err(s) => Link::Gone(s),
            };
            if link_tx.send(event).is_err() {
                return;
            }
        }
    });
    let changes: Changes = Arc::default();
    let mut subscribed = false;
    let mut flush = tokio::time::interval(Duration::from_millis(100));
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            event = link.recv() => match event {
                Some(Link::Up) => {
                    status.state = SourceState::Connected;
                    status.failures = 0;
                    status.set_error(None);
                    // The library restores the subscription after a reconnect; it is made once.
                    if !subscribed {
                        subscribed = true;
                        match subscribe(&session, cfg, source.interval_ms, &changes).await {
                            Ok(problems) => {
                                status.set_error(problems.first().cloned());
                                if let Ok(mut c) = changes.lock() {
                                    c.sticky.extend(problems);
                                }
                            }
                            Err(e) => status.set_error(Some(e)),
                        }
                    }
                    if !send_status(&status) {
                        break;
                    }
                }
                Some(Link::Down(s)) => {
                    status.failures += 1;
                    status.state = SourceState::BackingOff { retry_at_ms: now_ms() + 1_000 };
                    status.set_error(Some(msg!("live-opcua-error", error = s.to_string())));
                    if !send_status(&status) {
                        break;
                    }
                }
                Some(Link::Gone(s)) => {
                    fail(&mut status, msg!("live-opcua-error", error = s.to_string()));
                    break;
                }
                None => break,
            },
            _ = flush.tick() => {
                let got = changes.lock().map(|mut c| {
                    let mut r = std::mem::take(&mut c.result);
                    r.problems.splice(0..0, c.sticky.iter().cloned());
                    r
                }).unwrap_or_default();
                if got.samples.is_empty() && got.problems.is_empty() {
                    continue;
                }
                status.last_good_ms = Some(now_ms());
                if !crate::runner::deliver(&tx, &source.id, &window, &mut status, got, false).await || !send_status(&status) {
                    break;
                }
            }
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(2), session.disconnect()).await;
    pump.abort();
}

/// The client (its key pair made on first use) and a session to the source's endpoint, asked of the server until
/// it answers; `None` when the source is stopped first, or cannot be made (said in the status).
async fn open(
    source: &Source,
    cfg: &OpcUa,
    status: &mut SourceStatus,
    send_status: &(dyn Fn(&SourceStatus) -> bool + Sync),
    stop: &mut tokio::sync::watch::Receiver<bool>,
) -> Option<(Arc<Session>, opcua::client::SessionEventLoop<opcua::client::transport::TcpConnector>)> {
    let fail = |status: &mut SourceStatus, m: Msg| {
        status.set_error(Some(m));
        let _ = send_status(status);
    };
    // The client's key pair is made on first use (RSA: seconds), off the runtime's thread.
    let pki = pki_dir();
    let built = tokio::task::spawn_blocking(move || {
        ClientBuilder::new()
            .application_name("Plant Twin")
            .application_uri("urn:plant-twin:client")
            .product_uri("urn:plant-twin")
            .pki_dir(pki)
            .create_sample_keypair(true)
            .trust_server_certs(false)
            .verify_server_certs(true)
            .session_retry_limit(-1)
            .session_retry_initial(Duration::from_millis(500))
            .session_retry_max(Duration::from_secs(30))
            .client()
    })
    .await;
    let mut client = match built {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            fail(status, msg!("live-opcua-error", error = e.join("; ")));
            return None;
        }
        Err(e) => {
            fail(status, msg!("live-opcua-error", error = e.to_string()));
            return None;
        }
    };
    let identity = match (&cfg.username, &cfg.password_env) {
        (Some(user), Some(env)) => match std::env::var(env) {
            Ok(p) => IdentityToken::new_user_name(user.as_str(), p.as_str()),
            Err(_) => {
                fail(status, msg!("live-poll-auth-unset", variable = env.as_str()));
                return None;
            }
        },
        (Some(user), None) => IdentityToken::new_user_name(user.as_str(), ""),
        _ => IdentityToken::Anonymous,
    };
    let policy = SecurityPolicy::from_str(&cfg.policy).unwrap_or(SecurityPolicy::None);
    let mode = match cfg.mode.as_str() {
        "Sign" => MessageSecurityMode::Sign,
        "SignAndEncrypt" => MessageSecurityMode::SignAndEncrypt,
        _ => MessageSecurityMode::None,
    };
    // The endpoint: asked of the server (GetEndpoints) until it answers.
    let mut failures = 0;
    loop {
        match client.connect_to_matching_endpoint((source.url.as_str(), policy.to_str(), mode), identity.clone()).await {
            Ok(x) => return Some(x),
            Err(e) => {
                failures += 1;
                let wait = backoff_ms(source.interval_ms.max(1_000), failures);
                status.failures = failures;
                status.state = SourceState::BackingOff { retry_at_ms: now_ms() + wait };
                fail(status, msg!("live-opcua-error", error = e.to_string()));
                tokio::select! {
                    _ = stop.changed() => return None,
                    _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
                }
            }
        }
    }
}
