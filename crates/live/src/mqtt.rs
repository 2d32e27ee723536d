//! MQTT sources: a broker's messages to samples, through the same channel, status and screening as the polled
//! sources. The client is rumqttc's (MQTT 3.1.1); it reconnects by itself when polled again after an error, and
//! the subscriptions are made again on every connection (a clean session keeps none).
//!
//! Payloads ([`Decoder`]): a number as text; JSON with a pointer per meter (and optionally one for the time);
//! Sparkplug B ([`crate::sparkplug`]), whose births name the metrics, whose sequence gaps ask the edge node for a
//! rebirth, and whose deaths are reported in the status.

use std::collections::HashMap;
use std::time::Duration;

use plant_i18n::msg;
use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS, SubscribeFilter};

use crate::config::{Mqtt, Payload, Point, Source, SourceKind};
use crate::poll::{LiveSample, PollResult, parse_json};
use crate::runner::{LiveEvent, Outbox, SampleWindow, SourceState, SourceStatus, backoff_ms, now_ms};
use crate::sparkplug;

/// What the messages of one source say, meter by meter.
pub struct Decoder {
    mqtt: Mqtt,
    /// Sparkplug: (edge node, device, metric) → meters.
    metrics: HashMap<(String, Option<String>, String), Vec<String>>,
    session: sparkplug::Session,
}

/// What one message gave: samples, problems, an edge node to ask for a rebirth.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    pub result: PollResult,
    pub rebirth: Option<String>,
}

impl Decoder {
    pub fn new(mqtt: &Mqtt) -> Decoder {
        let mut metrics: HashMap<(String, Option<String>, String), Vec<String>> = HashMap::new();
        for (meter, p) in &mqtt.points {
            if let Point::Metric { node, device, metric } = p {
                metrics.entry((node.clone(), device.clone(), metric.clone())).or_default().push(meter.clone());
            }
        }
        Decoder { mqtt: mqtt.clone(), metrics, session: sparkplug::Session::default() }
    }

    /// The samples of a message on `topic`, received at `received_ms`.
    pub fn decode(&mut self, topic: &str, payload: &[u8], received_ms: i64) -> Decoded {
        match self.mqtt.payload {
            Payload::SparkplugB => self.sparkplug(topic, payload, received_ms),
            Payload::Number | Payload::Json => Decoded { result: self.plain(topic, payload, received_ms), rebirth: None },
        }
    }

    fn plain(&self, topic: &str, payload: &[u8], received_ms: i64) -> PollResult {
        let mut out = PollResult::default();
        let Ok(text) = std::str::from_utf8(payload) else {
            out.problems.push(msg!("live-mqtt-not-text", topic = topic));
            return out;
        };
        let mut pointers: Vec<(String, String)> = Vec::new();
        for (meter, p) in &self.mqtt.points {
            let Point::Topic { topic: filter, pointer } = p else { continue };
            if !rumqttc::matches(topic, filter) {
                continue;
            }
            match pointer {
                Some(ptr) => pointers.push((meter.clone(), ptr.clone())),
                None => match text.trim().parse::<f64>() {
                    Ok(x) if x.is_finite() => out.samples.push((meter.clone(), received_ms, x)),
                    _ => out.problems.push(msg!("live-mqtt-not-a-number", meter = meter.as_str(), topic = topic, value = text.chars().take(40).collect::<String>())),
                },
            }
        }
        if !pointers.is_empty() {
            match parse_json(text, self.mqtt.timestamp_pointer.as_deref(), self.mqtt.unit, &pointers, received_ms) {
                Ok(mut r) => {
                    out.samples.append(&mut r.samples);
                    out.problems.append(&mut r.problems);
                }
                Err(e) => out.problems.push(msg!("live-mqtt-payload", topic = topic, error = e.message())),
            }
        }
        out
    }

    fn sparkplug(&mut self, topic: &str, payload: &[u8], received_ms: i64) -> Decoded {
        let mut out = Decoded::default();
        if sparkplug::topic(topic).is_none_or(|(group, ..)| Some(group) != self.mqtt.group.as_deref()) {
            return out;
        }
        let read = self.session.read(topic, payload);
        out.result.problems = read.problems;
        out.rebirth = read.rebirth;
        if let Some((node, device)) = read.died {
            let meters = self.metrics.iter().filter(|((n, d, _), _)| *n == node && (device.is_none() || *d == device)).map(|(_, m)| m.len()).sum::<usize>();
            let what = match &device {
                Some(d) => format!("{node}/{d}"),
                None => node.clone(),
            };
            out.result.problems.push(msg!("live-sparkplug-died", what = what, meters = meters));
        }
        for (node, device, metric, t, value) in read.readings {
            let Some(meters) = self.metrics.get(&(node, device, metric.clone())) else { continue };
            let t = t.and_then(|t| i64::try_from(t).ok()).unwrap_or(received_ms);
            match value {
                Some(x) => out.result.samples.extend(meters.iter().map(|m| (m.clone(), t, x))),
                None => out.result.problems.extend(meters.iter().map(|m| msg!("live-sparkplug-no-value", meter = m.as_str(), metric = metric.as_str()))),
            }
        }
        out
    }
}

/// The broker connection's options: client id, keep-alive, session, credentials (the password read from its
/// environment variable now, never stored), packets up to 1 MB (a Sparkplug birth of many metrics).
fn options(m: &Mqtt) -> Result<MqttOptions, plant_i18n::Msg> {
    let mut o = MqttOptions::new(m.client_id.clone(), m.host.clone(), m.port);
    o.set_keep_alive(Duration::from_millis(m.keep_alive_ms.max(5_000) as u64)).set_clean_session(m.clean_session).set_max_packet_size(1 << 20, 1 << 20);
    if m.tls {
        let config = tls_config(m)?;
        o.set_transport(rumqttc::Transport::tls_with_config(rumqttc::TlsConfiguration::Rustls(std::sync::Arc::new(config))));
    }
    match (&m.username, &m.password_env) {
        (Some(user), Some(env)) => {
            let password = std::env::var(env).map_err(|_| msg!("live-poll-auth-unset", variable = env.as_str()))?;
            o.set_credentials(user.clone(), password);
        }
        (Some(user), None) => {
            o.set_credentials(user.clone(), String::new());
        }
        _ => {}
    }
    Ok(o)
}

/// At most this much of a certificate or key file is read.
const MAX_PEM_BYTES: u64 = 1 << 20;

/// The TLS client configuration of an `mqtts://` source: the broker's certificate checked against the CA file's
/// certificates (or the system's roots), a client certificate presented where one is given; rustls with its
/// ring provider, named here rather than left to whichever provider a build happens to have.
fn tls_config(m: &Mqtt) -> Result<rustls::ClientConfig, plant_i18n::Msg> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let bad = |p: &std::path::Path, e: String| msg!("live-mqtt-tls-file", file = p.display().to_string(), error = e);
    let read = |p: &std::path::Path| {
        plant_site::read_text_limited(p, MAX_PEM_BYTES).map_err(|e| match e {
            plant_site::TextFileError::TooLarge(max) => bad(p, format!("> {} MB", max >> 20)), // i18n-ok: a size
            plant_site::TextFileError::Unreadable(e) => bad(p, e.to_string()),
            plant_site::TextFileError::Refused(e) => bad(p, e.message().text()),
        })
    };
    let mut roots = rustls::RootCertStore::empty();
    match &m.ca_file {
        Some(p) => {
            let pem = read(p)?;
            for c in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                roots.add(c.map_err(|e| bad(p, e.to_string()))?).map_err(|e| bad(p, e.to_string()))?;
            }
            if roots.is_empty() {
                return Err(bad(p, "no certificate".to_owned())); // i18n-ok: appended to a catalogue message
            }
        }
        None => {
            // The system's roots; one that does not parse is left out, as browsers do.
            for c in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(c);
            }
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| msg!("live-mqtt-connection", error = e.to_string()))?
        .with_root_certificates(roots);
    match (&m.client_cert, &m.client_key) {
        (Some(c), Some(k)) => {
            let certs = CertificateDer::pem_slice_iter(read(c)?.as_bytes()).collect::<Result<Vec<_>, _>>().map_err(|e| bad(c, e.to_string()))?;
            let key = PrivateKeyDer::from_pem_slice(read(k)?.as_bytes()).map_err(|e| bad(k, e.to_string()))?;
            builder.with_client_auth_cert(certs, key).map_err(|e| bad(c, e.to_string()))
        }
        _ => Ok(builder.with_no_client_auth()),
    }
}

fn qos(q: u8) -> QoS {
    match q {
        0 => QoS::AtMostOnce,
        2 => QoS::ExactlyOnce,
        _ => QoS::AtLeastOnce,
    }
}

/// How often the samples gathered from messages go to the app.
const FLUSH: Duration = Duration::from_millis(100);

/// Runs an MQTT source until `stop`: connect, subscribe, turn messages into samples, report.
pub(crate) async fn run(source: Source, session_start_ms: i64, tx: Outbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    let SourceKind::Mqtt(m) = &source.kind else { return };
    let mut status = SourceStatus::default();
    let window = SampleWindow::new(&source, session_start_ms);
    let send_status = |status: &SourceStatus| tx.send(LiveEvent::Status { source: source.id.clone(), status: status.clone() });
    let options = match options(m) {
        Ok(o) => o,
        Err(e) => {
            status.set_error(Some(e));
            let _ = send_status(&status);
            return;
        }
    };
    if !send_status(&status) {
        return;
    }
    let (client, mut events) = AsyncClient::new(options, 64);
    let filters: Vec<SubscribeFilter> = m.filters().into_iter().map(|f| SubscribeFilter::new(f, qos(m.qos))).collect();
    let mut decoder = Decoder::new(m);
    let mut batch: Vec<LiveSample> = Vec::new();
    let mut problems: Vec<plant_i18n::Msg> = Vec::new();
    let mut flush = tokio::time::interval(FLUSH);
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            _ = flush.tick() => {
                if batch.is_empty() && problems.is_empty() {
                    continue;
                }
                status.last_good_ms = Some(now_ms());
                let r = PollResult { samples: std::mem::take(&mut batch), problems: std::mem::take(&mut problems) };
                if !crate::runner::deliver(&tx, &source.id, &window, &mut status, r, false).await || !send_status(&status) {
                    return;
                }
            }
            event = events.poll() => match event {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    status.state = SourceState::Connected;
                    status.failures = 0;
                    status.set_error(None);
                    // Queued for the event loop polled here (never awaited: that could wait on ourselves).
                    if let Err(e) = client.try_subscribe_many(filters.clone()) {
                        status.set_error(Some(msg!("live-mqtt-subscribe", error = e.to_string())));
                    }
                    if !send_status(&status) {
                        return;
                    }
                }
                Ok(Event::Incoming(Packet::Publish(p))) => {
                    let now = now_ms();
                    let mut d = decoder.decode(&p.topic, &p.payload, now);
                    batch.append(&mut d.result.samples);
                    problems.append(&mut d.result.problems);
                    if let (Some(node_name), Some(group)) = (d.rebirth, &m.group) {
                        let topic = format!("spBv1.0/{group}/NCMD/{node_name}");
                        if let Err(e) = client.try_publish(topic, QoS::AtLeastOnce, false, sparkplug::rebirth_request(now)) {
                            problems.push(msg!("live-mqtt-rebirth", node = node_name.as_str(), error = e.to_string()));
                        }
                    }
                }
                Ok(Event::Incoming(Packet::SubAck(ack))) => {
                    if ack.return_codes.iter().any(|c| matches!(c, rumqttc::SubscribeReasonCode::Failure)) {
                        problems.push(msg!("live-mqtt-refused-subscription", filters = m.filters().join(", ")));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    status.failures += 1;
                    let wait = backoff_ms(1_000, status.failures);
                    status.state = SourceState::BackingOff { retry_at_ms: now_ms() + wait };
                    status.set_error(Some(msg!("live-mqtt-connection", error = e.to_string())));
                    if !send_status(&status) {
                        return;
                    }
                    tokio::select! {
                        _ = stop.changed() => return,
                        _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
                    }
                }
            }
        }
    }
}
