//! OPC UA sources (async-opcua, pure-Rust crypto): a session to the server's endpoint with the configured
//! security policy and mode, anonymous or with a user name and password, and subscriptions (1,000 items
//! each) whose monitored items are the meters' variables (sampling interval, queue, absolute deadband) —
//! values pushed by the server, not polled. Calls are sized by the server's operation limits.
//!
//! A value's time is its source timestamp (else the server's, else the time received); a value whose status
//! is Bad or Uncertain is not a sample but a problem of its meter, named with the status. A node the server
//! does not have is named with its meter. Each variable's engineering unit is checked against its meter's
//! ([`units`]): converted where they are of one dimension, the meter refused where not.
//!
//! The client library reconnects by itself. When the server kept the session, the subscription goes on; when
//! it made a new one (it restarted), the subscription is made anew, namespace URIs resolved again. Either
//! way the gap since each meter's last value is asked of the server's history (HistoryRead, [`history`]) and
//! delivered before the values that came since, so the store and the recorder have no hole where the server
//! keeps history.
//!
//! The client's certificate is created on first use in the settings folder (`opcua-pki/`); a server's
//! certificate is never trusted silently ([`trust`]): a secured session to a server not yet trusted is
//! refused, and the status carries the certificate for the user to trust.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use opcua::client::{Client, ClientBuilder, DataChangeCallback, IdentityToken, MonitoredItem, Session, SessionConnectMode, SessionPollResult};
use opcua::crypto::SecurityPolicy;
use opcua::types::{
    AttributeId, BrowsePath, DataChangeFilter, DataChangeTrigger, DataValue, DeadbandType, EUInformation, ExpandedNodeId, ExtensionObject, MessageSecurityMode,
    MonitoredItemCreateRequest, MonitoringMode, MonitoringParameters, NodeId, QualifiedName, ReadValueId, ReferenceTypeId, RelativePath, RelativePathElement, StatusCode,
    TimestampsToReturn, Variant,
};
use plant_i18n::{Msg, msg};

use crate::config::{Source, SourceKind};
use crate::poll::LiveSample;
use crate::poll::PollResult;
use crate::runner::{LiveEvent, Outbox, SampleWindow, SourceState, SourceStatus, backoff_ms, now_ms};

mod history;
pub mod trust;
pub mod units;

pub use trust::ServerCertificate;
use units::Linear;

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
    /// Changes smaller than this (in the meter's unit) are not reported.
    pub deadband: Option<f64>,
    /// The meter's unit, against which the variable's engineering unit is checked (and converted from).
    pub unit: String,
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

/// What the subscription's callback gathered since the last flush, and the problems of meters that cannot
/// be monitored (a node the server does not have, a unit of another dimension), which stay in the status
/// (first) until the source stops.
#[derive(Default)]
struct Gathered {
    result: PollResult,
    sticky: Vec<Msg>,
}

type Changes = Arc<Mutex<Gathered>>;

/// A monitored meter: its node on this server and how its values become the meter's unit.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub node: NodeId,
    pub meter: String,
    pub map: Linear,
}

/// The subscription made on a session, and its items.
struct Subscription {
    ids: Vec<u32>,
    items: Vec<Item>,
    limits: Limits,
}

/// At most this many operations per service call where the server states no lower limit.
const CHUNK: usize = 500;

/// The server's limits on operations per call (OPC UA Part 5 §6.3.11, `ServerCapabilities/OperationLimits`;
/// 0 or absent is no limit), capped at [`CHUNK`]. Servers differ widely: async-opcua allows 100 browse paths
/// per TranslateBrowsePaths call and 100 nodes per HistoryRead, and fails a larger call whole.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub read: usize,
    pub translate: usize,
    pub monitored_items: usize,
    pub history: usize,
}

impl Limits {
    async fn of(session: &Session) -> Limits {
        use opcua::types::VariableId as V;
        let ids = [
            V::Server_ServerCapabilities_OperationLimits_MaxNodesPerRead,
            V::Server_ServerCapabilities_OperationLimits_MaxNodesPerTranslateBrowsePathsToNodeIds,
            V::Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall,
            V::Server_ServerCapabilities_OperationLimits_MaxNodesPerHistoryReadData,
        ];
        let reads: Vec<ReadValueId> = ids.iter().map(|id| ReadValueId::new(NodeId::from(id), AttributeId::Value)).collect();
        let values = session.read(&reads, TimestampsToReturn::Neither, 0.0).await.unwrap_or_default();
        let limit = |k: usize| values.get(k).and_then(|dv| dv.value.as_ref()).and_then(Variant::as_f64).filter(|n| *n >= 1.0).map_or(CHUNK, |n| (n as usize).min(CHUNK));
        Limits { read: limit(0), translate: limit(1), monitored_items: limit(2), history: limit(3) }
    }
}

/// At most this many notifications in one publish response: after a stall a subscription's queued values
/// come in several responses rather than one too large to decode.
const NOTIFICATIONS_PER_PUBLISH: u32 = 5_000;

/// The longest array the client decodes (a publish response's notifications, a history page): async-opcua's
/// default of 1,000 broke the connection at the first publish of 1,000 items with two values queued each.
const MAX_ARRAY: usize = 100_000;

/// At most this many monitored items per subscription (many servers' limit, async-opcua's default among them).
const PER_SUBSCRIPTION: usize = 1_000;

/// Each node's `EngineeringUnits` property, where it has one (OPC UA Part 8 §5.6.3): the property's node ids
/// by one TranslateBrowsePaths call, their values by one Read, per [`CHUNK`] nodes.
async fn engineering_units(session: &Session, nodes: &[NodeId], limits: Limits) -> Vec<Option<EUInformation>> {
    let mut out = Vec::with_capacity(nodes.len());
    for chunk in nodes.chunks(limits.translate.min(limits.read)) {
        let element = RelativePathElement {
            reference_type_id: ReferenceTypeId::HasProperty.into(),
            is_inverse: false,
            include_subtypes: true,
            target_name: QualifiedName::new(0, "EngineeringUnits"),
        };
        let paths: Vec<BrowsePath> = chunk.iter().map(|n| BrowsePath { starting_node: n.clone(), relative_path: RelativePath { elements: Some(vec![element.clone()]) } }).collect();
        let targets: Vec<Option<NodeId>> = match session.translate_browse_paths_to_node_ids(&paths).await {
            Ok(results) => results.into_iter().map(|r| r.targets.and_then(|t| t.into_iter().next()).map(|t| t.target_id.node_id).filter(|_| r.status_code.is_good())).collect(),
            Err(_) => vec![None; chunk.len()],
        };
        let reads: Vec<ReadValueId> = targets.iter().flatten().map(|id| ReadValueId::new(id.clone(), AttributeId::Value)).collect();
        let values = if reads.is_empty() { Vec::new() } else { session.read(&reads, TimestampsToReturn::Neither, 0.0).await.unwrap_or_default() };
        let mut values = values.into_iter();
        for t in &targets {
            let eu = t.as_ref().and_then(|_| values.next()).and_then(|dv| match dv.value {
                Some(Variant::ExtensionObject(eo)) => eo.inner_as::<EUInformation>().cloned(),
                _ => None,
            });
            out.push(eu);
        }
    }
    out.resize(nodes.len(), None);
    out
}

/// What a subscription does with a data change: the meter's sample (converted to its unit) or its problem.
fn data_change_callback(by_handle: Arc<HashMap<u32, (String, Linear)>>, sink: Changes) -> DataChangeCallback {
    DataChangeCallback::new(move |dv: DataValue, item: &MonitoredItem| {
        let Some((meter, map)) = by_handle.get(&item.client_handle()) else { return };
        let Ok(mut out) = sink.lock() else { return };
        let status = dv.status();
        // A node the server does not have (some servers say so in the value, not when the item is made).
        if status == StatusCode::BadNodeIdUnknown || status == StatusCode::BadNodeIdInvalid {
            let node = item.item_to_monitor().node_id.to_string();
            let p = msg!("live-opcua-node-refused", meter = meter.as_str(), node = node, status = status.to_string());
            if !out.sticky.contains(&p) {
                out.sticky.push(p);
            }
            return;
        }
        match reading(meter, &dv, now_ms()) {
            Ok((m, t, v)) => out.result.samples.push((m, t, map.apply(v))),
            Err(p) if !out.result.problems.contains(&p) => out.result.problems.push(p),
            Err(_) => {}
        }
    })
}

/// Resolves the meters' nodes on a connected session (its namespace array read afresh: a restarted server
/// may number its namespaces anew), checks their engineering units against the meters', and creates the
/// subscription and its monitored items; the problems of the meters left out, by meter.
async fn subscribe(session: &Session, cfg: &OpcUa, interval_ms: i64, changes: &Changes) -> Result<(Subscription, Vec<Msg>), Msg> {
    let opcua_error = |e: opcua::types::Error| msg!("live-opcua-error", error = e.to_string());
    session.read_namespace_array().await.map_err(opcua_error)?;
    let mut problems = Vec::new();
    let mut resolved = Vec::new();
    for n in &cfg.nodes {
        match resolve(session, &n.id).await {
            Ok(id) => resolved.push((n, id)),
            Err(e) => problems.push(msg!("live-opcua-node-refused", meter = n.meter.as_str(), node = n.id.as_str(), status = e)),
        }
    }
    let limits = Limits::of(session).await;
    let units = engineering_units(session, &resolved.iter().map(|(_, id)| id.clone()).collect::<Vec<_>>(), limits).await;
    let mut items = Vec::new();
    let mut requests = Vec::new();
    for ((n, id), eu) in resolved.into_iter().zip(units) {
        let map = match units::conversion(eu.as_ref(), &n.unit) {
            Ok(m) => m,
            Err(server) => {
                problems.push(msg!("live-opcua-unit-mismatch", meter = n.meter.as_str(), node = n.id.as_str(), unit = server, meter_unit = n.unit.as_str()));
                continue;
            }
        };
        let handle = items.len() as u32 + 1;
        let filter = n.deadband.map_or_else(ExtensionObject::null, |d| {
            // The deadband is in the meter's unit; the server applies it in its own.
            let d = if map.a.abs() > 0.0 { d / map.a.abs() } else { d };
            ExtensionObject::from_message(DataChangeFilter { trigger: DataChangeTrigger::StatusValue, deadband_type: DeadbandType::Absolute as u32, deadband_value: d })
        });
        let parameters = MonitoringParameters { client_handle: handle, sampling_interval: n.sampling_ms as f64, filter, queue_size: cfg.queue_size, discard_oldest: true };
        requests.push(MonitoredItemCreateRequest::new(ReadValueId::new(id.clone(), AttributeId::Value), MonitoringMode::Reporting, parameters));
        items.push((Item { node: id, meter: n.meter.clone(), map }, n.id.clone()));
    }
    let by_handle: Arc<HashMap<u32, (String, Linear)>> = Arc::new(items.iter().enumerate().map(|(k, (i, _))| (k as u32 + 1, (i.meter.clone(), i.map))).collect());
    let mut ids = Vec::new();
    let mut kept = Vec::new();
    let mut items = items.into_iter();
    // Servers limit the items of one subscription (often to 1,000): one subscription per [`PER_SUBSCRIPTION`].
    for group in requests.chunks(PER_SUBSCRIPTION) {
        let (keep_alive, lifetime) = counts(interval_ms);
        let id = session
            .create_subscription(
                Duration::from_millis(interval_ms.max(50) as u64),
                lifetime,
                keep_alive,
                NOTIFICATIONS_PER_PUBLISH,
                0,
                true,
                data_change_callback(by_handle.clone(), changes.clone()),
            )
            .await
            .map_err(opcua_error)?;
        ids.push(id);
        for chunk in group.chunks(limits.monitored_items) {
            let created = session.create_monitored_items(id, TimestampsToReturn::Both, chunk.to_vec()).await.map_err(opcua_error)?;
            for ((item, text_id), r) in items.by_ref().take(chunk.len()).zip(&created) {
                if r.result.status_code.is_good() {
                    kept.push(item);
                } else {
                    problems.push(msg!("live-opcua-node-refused", meter = item.meter.as_str(), node = text_id.as_str(), status = r.result.status_code.to_string()));
                }
            }
        }
    }
    Ok((Subscription { ids, items: kept, limits }, problems))
}

/// A subscription's keep-alive and lifetime counts (in publishing intervals) for a publishing interval: a
/// keep-alive about every 5 s, and a lifetime of at least 2 minutes (and three keep-alives, OPC UA Part 4
/// §5.13.2), so that the subscription outlives a network cut that the session survives.
fn counts(interval_ms: i64) -> (u32, u32) {
    let p = interval_ms.max(50) as u64;
    let keep_alive = 5_000u64.div_ceil(p).max(1);
    let lifetime = 120_000u64.div_ceil(p).max(3 * keep_alive);
    (keep_alive.min(u64::from(u32::MAX)) as u32, lifetime.min(u64::from(u32::MAX)) as u32)
}

/// Whether the server still has all of a subscription's parts (asked after a reconnect that kept the session:
/// a subscription whose lifetime ran out during a long cut is gone though the session is not).
async fn still_there(session: &Session, sub: &Subscription) -> bool {
    match session.set_publishing_mode(&sub.ids, true).await {
        Ok(results) => results.len() == sub.ids.len() && results.iter().all(|s| s.is_good()),
        Err(_) => false,
    }
}

/// The session's connection events, as a status.
enum Link {
    /// Connected; `true` when the server made a new session (the first time, or after it lost the old one: a
    /// restart), whose subscription must be made anew.
    Up(bool),
    Down(StatusCode),
    Gone(StatusCode),
}

/// Keeps, in order, the samples later than their meter's last delivered one (a value the subscription
/// re-sends after a reconnect, or that the gap's history already gave, is not stored twice).
fn fresh(samples: Vec<LiveSample>, last: &mut HashMap<String, i64>) -> Vec<LiveSample> {
    samples
        .into_iter()
        .filter(|(m, t, _)| match last.get_mut(m) {
            Some(l) if *t <= *l => false,
            Some(l) => {
                *l = *t;
                true
            }
            None => {
                last.insert(m.clone(), *t);
                true
            }
        })
        .collect()
}

/// A source's running state between the session's events.
struct Running<'a> {
    source: &'a Source,
    cfg: &'a OpcUa,
    session: Arc<Session>,
    certificate: Option<ServerCertificate>,
    window: SampleWindow,
    status: SourceStatus,
    changes: Changes,
    subscription: Option<Subscription>,
    /// Each meter's last delivered time: where a gap after a lost link starts.
    last: HashMap<String, i64>,
    /// Whether the link was lost since the last connection (a gap to fill).
    gap: bool,
    tx: Outbox,
}

impl Running<'_> {
    fn send_status(&self) -> bool {
        self.tx.send(LiveEvent::Status { source: self.source.id.clone(), status: self.status.clone() })
    }

    /// The link is up: on a new session the subscription is made (anew), then, after a lost link, the gap is
    /// filled from the server's history before the values gathered since are delivered.
    async fn up(&mut self, new_session: bool) -> bool {
        self.status.state = SourceState::Connected;
        self.status.failures = 0;
        self.status.untrusted = None;
        self.status.set_error(None);
        let lost = match &self.subscription {
            Some(sub) => new_session || !still_there(&self.session, sub).await,
            None => true,
        };
        if lost {
            if let Some(old) = self.subscription.take() {
                // Gone with the old session; this only drops the client's record of it.
                let _ = self.session.delete_subscriptions(&old.ids).await;
            }
            if let Ok(mut c) = self.changes.lock() {
                c.sticky.clear();
            }
            match subscribe(&self.session, self.cfg, self.source.interval_ms, &self.changes).await {
                Ok((sub, problems)) => {
                    self.status.set_error(problems.first().cloned());
                    if let Ok(mut c) = self.changes.lock() {
                        c.sticky.extend(problems);
                    }
                    self.subscription = Some(sub);
                }
                Err(e) => self.status.set_error(Some(e)),
            }
        }
        if std::mem::take(&mut self.gap)
            && let Some(sub) = &self.subscription
        {
            let (history, problems) = history::gap(&self.session, &sub.items, sub.limits.history, &self.last, now_ms()).await;
            self.status.from_history += history.len() as u64;
            let mut got = self.changes.lock().map(|mut c| std::mem::take(&mut c.result)).unwrap_or_default();
            let mut samples = fresh(history, &mut self.last);
            samples.extend(fresh(got.samples, &mut self.last));
            got.samples = samples;
            got.problems.splice(0..0, problems);
            if let Ok(c) = self.changes.lock() {
                got.problems.splice(0..0, c.sticky.iter().cloned());
            }
            return crate::runner::deliver(&self.tx, &self.source.id, &self.window, &mut self.status, got, false).await && self.send_status();
        }
        self.send_status()
    }

    fn down(&mut self, s: StatusCode) -> bool {
        self.status.failures += 1;
        self.gap = true;
        self.status.state = SourceState::BackingOff { retry_at_ms: now_ms() + 1_000 };
        let untrusted = self.certificate.as_ref().filter(|c| trust::is_certificate_refusal(s) && !c.is_trusted());
        let message = match untrusted {
            Some(c) => c.untrusted_msg(),
            None if s == StatusCode::BadSecurityChecksFailed || s == StatusCode::BadCertificateUntrusted => {
                msg!("live-opcua-client-refused", status = s.to_string(), file = pki_dir().join("own").join("cert.der").display().to_string())
            }
            None => msg!("live-opcua-error", error = s.to_string()),
        };
        self.status.untrusted = untrusted.cloned().map(Box::new);
        self.status.set_error(Some(message));
        self.send_status()
    }

    async fn flush(&mut self) -> bool {
        let got = self
            .changes
            .lock()
            .map(|mut c| {
                let mut r = std::mem::take(&mut c.result);
                r.problems.splice(0..0, c.sticky.iter().cloned());
                r
            })
            .unwrap_or_default();
        if got.samples.is_empty() && got.problems.is_empty() {
            return true;
        }
        let got = PollResult { samples: fresh(got.samples, &mut self.last), ..got };
        self.status.last_good_ms = Some(now_ms());
        crate::runner::deliver(&self.tx, &self.source.id, &self.window, &mut self.status, got, false).await && self.send_status()
    }
}

/// Runs an OPC UA source until `stop`.
pub(crate) async fn run(source: Source, session_start_ms: i64, tx: Outbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    let SourceKind::OpcUa(cfg) = &source.kind else { return };
    let mut status = SourceStatus::default();
    let send_status = |status: &SourceStatus| tx.send(LiveEvent::Status { source: source.id.clone(), status: status.clone() });
    if !send_status(&status) {
        return;
    }
    let Some((session, events, certificate)) = open(&source, cfg, &mut status, &send_status, &mut stop).await else { return };
    let (link_tx, mut link) = tokio::sync::mpsc::unbounded_channel();
    let pump = tokio::spawn(async move {
        let stream = events.enter();
        tokio::pin!(stream);
        while let Some(r) = stream.next().await {
            let event = match r {
                Ok(SessionPollResult::Reconnected(mode)) => Link::Up(matches!(mode, SessionConnectMode::NewSession(_))),
                Ok(SessionPollResult::ConnectionLost(s) | SessionPollResult::ReconnectFailed(s)) => Link::Down(s),
                Ok(_) => continue,
                Err(s) => Link::Gone(s),
            };
            if link_tx.send(event).is_err() {
                return;
            }
        }
    });
    let window = SampleWindow::new(&source, session_start_ms);
    let mut r = Running {
        source: &source,
        cfg,
        session: session.clone(),
        certificate,
        window,
        status,
        changes: Arc::default(),
        subscription: None,
        last: HashMap::new(),
        gap: false,
        tx: tx.clone(),
    };
    let mut flush = tokio::time::interval(Duration::from_millis(100));
    loop {
        let go_on = tokio::select! {
            _ = stop.changed() => false,
            event = link.recv() => match event {
                Some(Link::Up(new_session)) => r.up(new_session).await,
                Some(Link::Down(s)) => r.down(s),
                Some(Link::Gone(s)) => {
                    r.status.set_error(Some(msg!("live-opcua-error", error = s.to_string())));
                    let _ = r.send_status();
                    false
                }
                None => false,
            },
            _ = flush.tick() => r.flush().await,
        };
        if !go_on {
            break;
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
) -> Option<(Arc<Session>, opcua::client::SessionEventLoop<opcua::client::transport::TcpConnector>, Option<ServerCertificate>)> {
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
            .session_retry_max(Duration::from_secs(10))
            .max_array_length(MAX_ARRAY)
            // Incoming messages up to 32 MiB (a history page of 100 nodes × 1,000 values is a few MB; the
            // default is 5 chunks of 64 KiB).
            .max_chunk_count(512)
            .max_message_size(32 << 20)
            // A new session (after a server's restart) gets its subscription made anew by this source, with
            // its namespace URIs resolved again; the library would remake it with the old numbers.
            .recreate_subscriptions(false)
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
    // The endpoint: asked of the server (GetEndpoints) until it answers; its certificate is kept to be shown
    // if the session is refused for it.
    let mut failures = 0;
    loop {
        let endpoint = match client.get_server_endpoints_from_url(source.url.as_str()).await {
            Ok(all) => match Client::find_matching_endpoint(&all, source.url.as_str(), policy, mode) {
                Some(e) => Ok(e),
                None => {
                    let offered: Vec<String> = all.iter().map(|e| format!("{} {}", SecurityPolicy::from_uri(e.security_policy_uri.as_ref()).to_str(), e.security_mode)).collect();
                    Err(msg!("live-opcua-no-endpoint", policy = cfg.policy.as_str(), mode = cfg.mode.as_str(), offered = offered.join(", ")))
                }
            },
            Err(e) => Err(msg!("live-opcua-error", error = e.to_string())),
        };
        let made = endpoint.and_then(|e| {
            let cert = ServerCertificate::of_endpoint(&e);
            client.connect_to_endpoint_directly(e, identity.clone()).map(|(s, l)| (s, l, cert)).map_err(|e| msg!("live-opcua-error", error = e.to_string()))
        });
        match made {
            Ok(x) => return Some(x),
            Err(m) => {
                failures += 1;
                let wait = backoff_ms(source.interval_ms.max(1_000), failures);
                status.failures = failures;
                status.state = SourceState::BackingOff { retry_at_ms: now_ms() + wait };
                fail(status, m);
                tokio::select! {
                    _ = stop.changed() => return None,
                    _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
                }
            }
        }
    }
}
