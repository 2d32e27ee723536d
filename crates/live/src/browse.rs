//! `plant-twin browse`: an OPC UA server's address space from the Objects folder down — each variable's path of
//! display names, its node id in the namespace-URI form (`nsu=…;s=…`, which survives a server's restart), its
//! data type and its engineering unit — and a commented `sources.toml` that maps the variables to a site's meters
//! where their names match, listing the rest for the user to map.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::time::Duration;

use opcua::client::{Client, ClientBuilder, IdentityToken, Session};
use opcua::crypto::SecurityPolicy;
use opcua::types::{
    AttributeId, BrowseDescription, BrowseDirection, BrowseResultMask, EUInformation, Identifier, MessageSecurityMode, NodeClass, NodeId, ReadValueId, ReferenceTypeId,
    TimestampsToReturn, Variant,
};
use plant_i18n::{Msg, msg};

use crate::opcua::ServerCertificate;

/// A variable of the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    /// Display names from under the Objects folder down to the variable.
    pub path: Vec<String>,
    /// In the namespace-URI form where the namespace is not the standard one.
    pub node: String,
    pub data_type: String,
    pub unit: Option<String>,
}

/// At most this many variables are listed (a DCS has tens of thousands; the Server object is left out).
pub const MAX_VARIABLES: usize = 20_000;

/// The standard data types by their numeric id (OPC UA Part 6).
fn data_type_name(id: &NodeId) -> String {
    const NAMES: [&str; 13] = ["Boolean", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float", "Double", "String", "DateTime"];
    match (&id.identifier, id.namespace) {
        (Identifier::Numeric(n), 0) if (1..=13).contains(n) => NAMES[*n as usize - 1].to_owned(),
        _ => id.to_string(),
    }
}

/// A node id in the namespace-URI form.
fn with_uri(id: &NodeId, uris: &HashMap<u16, String>) -> String {
    let plain = id.to_string();
    match uris.get(&id.namespace).filter(|_| id.namespace != 0) {
        Some(uri) => {
            let rest = plain.split_once(';').map_or(plain.as_str(), |(_, r)| r);
            format!("nsu={uri};{rest}")
        }
        None => plain,
    }
}

async fn children(session: &Session, node: &NodeId, reference: ReferenceTypeId, mask: u32) -> Result<Vec<opcua::types::ReferenceDescription>, Msg> {
    let err = |e: opcua::types::Error| msg!("live-opcua-error", error = e.to_string());
    let desc = BrowseDescription {
        node_id: node.clone(),
        browse_direction: BrowseDirection::Forward,
        reference_type_id: reference.into(),
        include_subtypes: true,
        node_class_mask: mask,
        result_mask: BrowseResultMask::All as u32,
    };
    let mut out = Vec::new();
    let mut results = session.browse(&[desc], 1000, None).await.map_err(err)?;
    while let Some(r) = results.pop() {
        out.extend(r.references.unwrap_or_default());
        if r.continuation_point.is_null() {
            break;
        }
        results = session.browse_next(false, &[r.continuation_point]).await.map_err(err)?;
    }
    Ok(out)
}

/// The variable's data type and engineering unit (its `EngineeringUnits` property's display name).
async fn describe(session: &Session, node: &NodeId) -> (String, Option<String>) {
    let read = session.read(&[ReadValueId::new(node.clone(), AttributeId::DataType)], TimestampsToReturn::Neither, 0.0).await;
    let data_type = match read.ok().and_then(|v| v.into_iter().next()).and_then(|dv| dv.value) {
        Some(Variant::NodeId(id)) => data_type_name(&id),
        _ => String::new(),
    };
    let mut unit = None;
    for p in children(session, node, ReferenceTypeId::HasProperty, NodeClass::Variable as u32).await.unwrap_or_default() {
        if p.browse_name.name.as_ref() != "EngineeringUnits" {
            continue;
        }
        let value = session.read(&[ReadValueId::new(p.node_id.node_id.clone(), AttributeId::Value)], TimestampsToReturn::Neither, 0.0).await;
        if let Some(Variant::ExtensionObject(eo)) = value.ok().and_then(|v| v.into_iter().next()).and_then(|dv| dv.value) {
            unit = eo.inner_as::<EUInformation>().map(|eu| eu.display_name.text.to_string());
        }
    }
    (data_type, unit)
}

/// Walks the address space from the Objects folder (the Server object left out), depth first, to at most
/// [`MAX_VARIABLES`] variables.
async fn walk(session: &Session) -> Result<Vec<Variable>, Msg> {
    let uris: HashMap<u16, String> =
        session.read_namespace_array().await.map_err(|e| msg!("live-opcua-error", error = e.to_string()))?.known_namespaces().iter().map(|(uri, i)| (*i, uri.clone())).collect();
    let server_object = NodeId::new(0, 2253u32);
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<(NodeId, Vec<String>)> = vec![(NodeId::objects_folder_id(), Vec::new())];
    let mut out = Vec::new();
    while let Some((node, path)) = stack.pop() {
        if !seen.insert(node.clone()) || node == server_object || path.len() > 12 {
            continue;
        }
        let mask = NodeClass::Object as u32 | NodeClass::Variable as u32;
        let mut refs = children(session, &node, ReferenceTypeId::HierarchicalReferences, mask).await?;
        refs.retain(|r| r.node_id.server_index == 0 && r.reference_type_id != ReferenceTypeId::HasProperty);
        for r in refs.into_iter().rev() {
            let mut p = path.clone();
            p.push(r.display_name.text.to_string());
            let id = r.node_id.node_id.clone();
            if r.node_class == NodeClass::Variable && out.len() < MAX_VARIABLES {
                let (data_type, unit) = describe(session, &id).await;
                out.push(Variable { path: p.clone(), node: with_uri(&id, &uris), data_type, unit });
            }
            stack.push((id, p));
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Connects to `url` (security `policy` and `mode`, `user` and password if given; the client certificate as the
/// live sources keep it) and lists its variables. A secured endpoint's certificate must be trusted: one that is
/// not is an error showing it, unless `trust` is its thumbprint (the user's explicit act), which trusts it.
pub fn browse(url: &str, policy: &str, mode: &str, user: Option<(String, String)>, trust: Option<&str>) -> Result<Vec<Variable>, Msg> {
    let err = |e: String| msg!("live-opcua-error", error = e);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| err(e.to_string()))?;
    rt.block_on(async {
        let mut client = ClientBuilder::new()
            .application_name("Plant Twin")
            .application_uri("urn:plant-twin:client")
            .product_uri("urn:plant-twin")
            .pki_dir(crate::opcua::pki_dir())
            .create_sample_keypair(true)
            .trust_server_certs(false)
            .verify_server_certs(true)
            .session_retry_limit(0)
            .client()
            .map_err(|e| err(e.join("; ")))?;
        let policy = SecurityPolicy::from_str(policy).map_err(|_| err(policy.to_owned()))?;
        let mode = match mode {
            "Sign" => MessageSecurityMode::Sign,
            "SignAndEncrypt" => MessageSecurityMode::SignAndEncrypt,
            _ => MessageSecurityMode::None,
        };
        let identity = user.map_or(IdentityToken::Anonymous, |(u, p)| IdentityToken::new_user_name(u.as_str(), p.as_str()));
        let endpoints = client.get_server_endpoints_from_url(url).await.map_err(|e| err(e.to_string()))?;
        let endpoint = Client::find_matching_endpoint(&endpoints, url, policy, mode).ok_or_else(|| {
            let offered: Vec<String> = endpoints.iter().map(|e| format!("{} {}", SecurityPolicy::from_uri(e.security_policy_uri.as_ref()).to_str(), e.security_mode)).collect();
            msg!("live-opcua-no-endpoint", policy = policy.to_str(), mode = mode.to_string(), offered = offered.join(", "))
        })?;
        if let Some(cert) = ServerCertificate::of_endpoint(&endpoint).filter(|c| policy != SecurityPolicy::None && !c.is_trusted()) {
            let given = trust.map(|t| t.chars().filter(char::is_ascii_hexdigit).collect::<String>().to_uppercase());
            match given {
                Some(t) if t == cert.thumbprint => {
                    crate::opcua::trust::trust(&cert)?;
                }
                Some(t) => return Err(msg!("live-opcua-thumbprint-differs", given = t, thumbprint = cert.thumbprint_grouped())),
                None => {
                    let (subject, grouped, until) = (cert.subject.as_str(), cert.thumbprint_grouped(), cert.not_after.as_str());
                    return Err(msg!("live-browse-untrusted", subject = subject, grouped = grouped, until = until, thumbprint = cert.thumbprint.as_str()));
                }
            }
        }
        let (session, events) = client.connect_to_endpoint_directly(endpoint, identity).map_err(|e| err(e.to_string()))?;
        let pump = events.spawn();
        let connected = tokio::time::timeout(Duration::from_secs(30), session.wait_for_connection()).await;
        let result = match connected {
            Ok(true) => walk(&session).await,
            _ => Err(msg!("live-opcua-not-connected", url = url)),
        };
        let _ = tokio::time::timeout(Duration::from_secs(2), session.disconnect()).await;
        pump.abort();
        result
    })
}

/// Letters and digits only, lower case: how names are compared.
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A commented `sources.toml` for `url`: each variable whose name (its display name, its last two display
/// names or its whole path joined, or the node id's text) matches a meter's id, column or name is mapped to it; the rest are listed, commented, to map by
/// hand.
pub fn sources_file(url: &str, site: &plant_site::Site, variables: &[Variable]) -> String {
    let mut mapped: Vec<(String, &Variable)> = Vec::new();
    let mut rest: Vec<&Variable> = Vec::new();
    for v in variables {
        let names: Vec<String> = [
            v.path.join("."),
            v.path.iter().rev().take(2).rev().cloned().collect::<Vec<_>>().join("."),
            v.path.last().cloned().unwrap_or_default(),
            v.node.rsplit_once('=').map_or(String::new(), |(_, s)| s.to_owned()),
        ]
        .iter()
        .map(|n| key(n))
        .filter(|n| !n.is_empty())
        .collect();
        let meter = site.meters.iter().find(|m| [key(&m.id), key(&m.column), key(&m.name)].iter().any(|k| !k.is_empty() && names.contains(k)));
        match meter {
            Some(m) if !mapped.iter().any(|(id, _)| *id == m.id) => mapped.push((m.id.clone(), v)),
            _ => rest.push(v),
        }
    }
    let mut out = String::new();
    out.push_str(&format!("# {}\n", msg!("live-browse-header", url = url, variables = variables.len(), mapped = mapped.len(), site = site.name()).text()));
    out.push_str(&format!("# {}\n\n", msg!("live-browse-check").text()));
    out.push_str(&format!("[[source]]\nid = \"opc-ua\"\nkind = \"opc-ua\"\nurl = \"{url}\"\ninterval = \"1s\"\n[source.nodes]\n"));
    for (meter, v) in &mapped {
        out.push_str(&format!("{:?} = {:?}   # {} ({}{})\n", meter, v.node, v.path.join(" / "), v.data_type, v.unit.as_deref().map(|u| format!(", {u}")).unwrap_or_default()));
    }
    if !rest.is_empty() {
        out.push_str(&format!("\n# {}\n", msg!("live-browse-unmatched").text()));
        for v in rest {
            out.push_str(&format!(
                "# \"<meter id>\" = {:?}   # {} ({}{})\n",
                v.node,
                v.path.join(" / "),
                v.data_type,
                v.unit.as_deref().map(|u| format!(", {u}")).unwrap_or_default()
            ));
        }
    }
    out
}
