//! Sparkplug B (Eclipse Sparkplug 3.0): the payload's protobuf messages (through prost, from the specification's
//! `sparkplug_b.proto`, the fields a host application reads), and an edge node's session as a host keeps it —
//! the metric names, aliases and types of its births, its sequence numbers, whether it is online.
//!
//! Topics: `spBv1.0/<group>/<NBIRTH|NDATA|NDEATH|DBIRTH|DDATA|DDEATH|…>/<edge node>[/<device>]`. A birth gives each
//! metric its name, alias and datatype; data may name a metric by alias alone and leave out its datatype. The
//! sequence number runs 0–255 over an edge node's births and data; a gap means a message was lost, and the host
//! asks the node to be born again (NCMD `Node Control/Rebirth`). A death marks the node's (or device's) metrics
//! as no longer updated.

use std::collections::HashMap;

use plant_i18n::{Msg, msg};

/// A Sparkplug B payload (`org.eclipse.tahu.protobuf.Payload`).
#[derive(Clone, PartialEq, prost::Message)]
pub struct Payload {
    #[prost(uint64, optional, tag = "1")]
    pub timestamp: Option<u64>,
    #[prost(message, repeated, tag = "2")]
    pub metrics: Vec<Metric>,
    #[prost(uint64, optional, tag = "3")]
    pub seq: Option<u64>,
    #[prost(string, optional, tag = "4")]
    pub uuid: Option<String>,
    #[prost(bytes = "vec", optional, tag = "5")]
    pub body: Option<Vec<u8>>,
}

/// A metric of a payload (data sets, templates and extensions are skipped as unknown fields).
#[derive(Clone, PartialEq, prost::Message)]
pub struct Metric {
    #[prost(string, optional, tag = "1")]
    pub name: Option<String>,
    #[prost(uint64, optional, tag = "2")]
    pub alias: Option<u64>,
    #[prost(uint64, optional, tag = "3")]
    pub timestamp: Option<u64>,
    #[prost(uint32, optional, tag = "4")]
    pub datatype: Option<u32>,
    #[prost(bool, optional, tag = "5")]
    pub is_historical: Option<bool>,
    #[prost(bool, optional, tag = "6")]
    pub is_transient: Option<bool>,
    #[prost(bool, optional, tag = "7")]
    pub is_null: Option<bool>,
    #[prost(oneof = "Value", tags = "10, 11, 12, 13, 14, 15, 16")]
    pub value: Option<Value>,
}

#[derive(Clone, PartialEq, prost::Oneof)]
pub enum Value {
    #[prost(uint32, tag = "10")]
    Int(u32),
    #[prost(uint64, tag = "11")]
    Long(u64),
    #[prost(float, tag = "12")]
    Float(f32),
    #[prost(double, tag = "13")]
    Double(f64),
    #[prost(bool, tag = "14")]
    Boolean(bool),
    #[prost(string, tag = "15")]
    String(String),
    #[prost(bytes = "vec", tag = "16")]
    Bytes(Vec<u8>),
}

/// Sparkplug's datatypes (specification §6.4.16) that hold a number.
pub mod datatype {
    pub const INT8: u32 = 1;
    pub const INT16: u32 = 2;
    pub const INT32: u32 = 3;
    pub const INT64: u32 = 4;
    pub const UINT8: u32 = 5;
    pub const UINT16: u32 = 6;
    pub const UINT32: u32 = 7;
    pub const UINT64: u32 = 8;
    pub const FLOAT: u32 = 9;
    pub const DOUBLE: u32 = 10;
    pub const BOOLEAN: u32 = 11;
    pub const STRING: u32 = 12;
}

/// The number a metric's value holds as its datatype says (signed integers are sent in the unsigned fields as
/// two's complement), `None` for text, bytes, or a value of another type than declared.
pub fn number(value: &Value, datatype: Option<u32>) -> Option<f64> {
    use datatype::*;
    let x = match (value, datatype) {
        (Value::Int(v), Some(INT8)) => f64::from(*v as u8 as i8),
        (Value::Int(v), Some(INT16)) => f64::from(*v as u16 as i16),
        (Value::Int(v), Some(INT32)) => f64::from(*v as i32),
        (Value::Int(v), _) => f64::from(*v),
        (Value::Long(v), Some(INT64)) => *v as i64 as f64,
        (Value::Long(v), _) => *v as f64,
        (Value::Float(v), _) => f64::from(*v),
        (Value::Double(v), _) => *v,
        (Value::Boolean(b), _) => f64::from(u8::from(*b)),
        (Value::String(_) | Value::Bytes(_), _) => return None,
    };
    x.is_finite().then_some(x)
}

/// The message types of a Sparkplug topic a host reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    NodeBirth,
    NodeData,
    NodeDeath,
    DeviceBirth,
    DeviceData,
    DeviceDeath,
}

/// A Sparkplug topic taken apart: group, message type, edge node, device. `None`: not a Sparkplug B topic, or a
/// message a host does not read (commands, STATE).
pub fn topic(t: &str) -> Option<(&str, Kind, &str, Option<&str>)> {
    let mut parts = t.split('/');
    if parts.next()? != "spBv1.0" {
        return None;
    }
    let group = parts.next()?;
    let kind = match parts.next()? {
        "NBIRTH" => Kind::NodeBirth,
        "NDATA" => Kind::NodeData,
        "NDEATH" => Kind::NodeDeath,
        "DBIRTH" => Kind::DeviceBirth,
        "DDATA" => Kind::DeviceData,
        "DDEATH" => Kind::DeviceDeath,
        _ => return None,
    };
    let node = parts.next()?;
    let device = parts.next();
    let device_kind = matches!(kind, Kind::DeviceBirth | Kind::DeviceData | Kind::DeviceDeath);
    (parts.next().is_none() && device_kind == device.is_some()).then_some((group, kind, node, device))
}

/// What a birth said of a metric.
#[derive(Clone, Debug, PartialEq)]
struct Born {
    name: String,
    datatype: Option<u32>,
}

/// An edge node as the host has it from its messages.
#[derive(Clone, Debug, Default)]
struct Node {
    /// The last sequence number seen.
    seq: Option<u64>,
    /// Per device (`None`: the node's own metrics): alias → metric.
    aliases: HashMap<Option<String>, HashMap<u64, Born>>,
    /// Per device: name → datatype.
    types: HashMap<Option<String>, HashMap<String, Option<u32>>>,
}

/// A metric's value as read: edge node, device, metric name, time (ms), value (`None`: null, or not a number).
pub type Reading = (String, Option<String>, String, Option<u64>, Option<f64>);

/// What one Sparkplug message said.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub readings: Vec<Reading>,
    pub problems: Vec<Msg>,
    /// An edge node to ask for a rebirth (a sequence gap, data from a node not seen born).
    pub rebirth: Option<String>,
    /// An edge node (and device) that went offline.
    pub died: Option<(String, Option<String>)>,
}

/// The host's view of the edge nodes of one Sparkplug group.
#[derive(Clone, Debug, Default)]
pub struct Session {
    nodes: HashMap<String, Node>,
}

impl Session {
    /// Reads one message on `topic` (a topic of this group; others are left alone by the caller).
    pub fn read(&mut self, topic_name: &str, payload: &[u8]) -> Read {
        let mut out = Read::default();
        let Some((_, kind, node_id, device)) = topic(topic_name) else { return out };
        let p = match <Payload as prost::Message>::decode(payload) {
            Ok(p) => p,
            Err(e) => {
                out.problems.push(msg!("live-sparkplug-bad-payload", topic = topic_name, error = e.to_string()));
                return out;
            }
        };
        let device = device.map(str::to_owned);
        match kind {
            Kind::NodeDeath => {
                self.nodes.remove(node_id);
                out.died = Some((node_id.to_owned(), None));
                return out;
            }
            Kind::DeviceDeath => {
                if let Some(n) = self.nodes.get_mut(node_id) {
                    n.aliases.remove(&device);
                    n.types.remove(&device);
                }
                out.died = Some((node_id.to_owned(), device));
                return out;
            }
            Kind::NodeBirth => {
                self.nodes.insert(node_id.to_owned(), Node::default());
            }
            _ => {}
        }
        let Some(node) = self.nodes.get_mut(node_id) else {
            // Data (or a device's birth) from a node not seen born: its aliases are unknown.
            out.problems.push(msg!("live-sparkplug-not-born", node = node_id));
            out.rebirth = Some(node_id.to_owned());
            return out;
        };
        if let Some(seq) = p.seq {
            let expected = node.seq.map(|s| (s + 1) % 256);
            if kind != Kind::NodeBirth && expected.is_some_and(|e| e != seq) {
                out.problems.push(msg!("live-sparkplug-seq-gap", node = node_id, expected = expected.unwrap_or(0), got = seq));
                out.rebirth = Some(node_id.to_owned());
            }
            node.seq = Some(seq);
        }
        let birth = matches!(kind, Kind::NodeBirth | Kind::DeviceBirth);
        if birth {
            node.aliases.insert(device.clone(), HashMap::new());
            node.types.insert(device.clone(), HashMap::new());
        }
        for m in &p.metrics {
            let named = m.name.clone().or_else(|| m.alias.and_then(|a| node.aliases.get(&device)?.get(&a).map(|b| b.name.clone())));
            let Some(name) = named else {
                out.problems.push(msg!("live-sparkplug-unknown-alias", node = node_id, alias = m.alias.unwrap_or(0)));
                out.rebirth = Some(node_id.to_owned());
                continue;
            };
            if birth {
                if let Some(a) = m.alias {
                    node.aliases.entry(device.clone()).or_default().insert(a, Born { name: name.clone(), datatype: m.datatype });
                }
                node.types.entry(device.clone()).or_default().insert(name.clone(), m.datatype);
            }
            let datatype = m.datatype.or_else(|| node.types.get(&device)?.get(&name).copied().flatten());
            let value = if m.is_null == Some(true) { None } else { m.value.as_ref().and_then(|v| number(v, datatype)) };
            out.readings.push((node_id.to_owned(), device.clone(), name, m.timestamp.or(p.timestamp), value));
        }
        out
    }
}

/// The NCMD payload that asks an edge node to publish its births again (specification §6.4.3: the metric
/// `Node Control/Rebirth`, boolean true).
pub fn rebirth_request(now_ms: i64) -> Vec<u8> {
    let metric = Metric { name: Some("Node Control/Rebirth".to_owned()), datatype: Some(datatype::BOOLEAN), value: Some(Value::Boolean(true)), ..Metric::default() };
    let p = Payload { timestamp: u64::try_from(now_ms).ok(), metrics: vec![metric], ..Payload::default() };
    prost::Message::encode_to_vec(&p)
}
