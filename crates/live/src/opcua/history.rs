//! The gap after a lost link, from the server's history (OPC UA Part 11 HistoryRead, raw values): for each
//! monitored meter that had a value before the link went down, the values from just after that value to now,
//! read [`VALUES_PER_REQUEST`] at a time through continuation points, at most [`MAX_GAP_VALUES`] a meter.
//! A server (or node) that keeps no history says so, and the status names how many meters have a hole.

use std::collections::HashMap;

use opcua::client::{HistoryReadAction, Session};
use opcua::types::{ByteString, DateTime, HistoryData, HistoryReadValueId, NumericRange, QualifiedName, ReadRawModifiedDetails, StatusCode, TimestampsToReturn};
use plant_i18n::{Msg, msg};

use super::{Item, reading};
use crate::poll::LiveSample;

/// Values asked for per node and request (with the server's limit of nodes per request, at most 500, a page
/// stays within the client's 32 MiB message).
pub const VALUES_PER_REQUEST: u32 = 1_000;
/// At most this many values of one meter fill a gap (a day of 1-second values); the rest stays a hole, said.
pub const MAX_GAP_VALUES: usize = 100_000;

/// Reads the gap of every item whose meter has a last value; the samples (each meter's in time order, in
/// its meter's unit) and the problems (no history, a hole left).
pub(crate) async fn gap(session: &Session, items: &[Item], nodes_per_request: usize, last: &HashMap<String, i64>, now_ms: i64) -> (Vec<LiveSample>, Vec<Msg>) {
    let wanted: Vec<(&Item, i64)> = items.iter().filter_map(|i| last.get(&i.meter).map(|t| (i, *t))).filter(|(_, t)| *t < now_ms).collect();
    let mut samples = Vec::new();
    let mut refused: Vec<(String, StatusCode)> = Vec::new();
    let mut truncated = 0usize;
    for chunk in wanted.chunks(nodes_per_request.max(1)) {
        // One request per start time is not needed: a node's values before its own start are dropped below.
        let from = chunk.iter().map(|(_, t)| *t).min().unwrap_or(now_ms) + 1;
        let details = ReadRawModifiedDetails {
            is_read_modified: false,
            start_time: DateTime::from(chrono::DateTime::from_timestamp_millis(from).unwrap_or_default()),
            end_time: DateTime::from(chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default()),
            num_values_per_node: VALUES_PER_REQUEST,
            return_bounds: false,
        };
        let mut pending: Vec<(usize, ByteString)> = (0..chunk.len()).map(|k| (k, ByteString::null())).collect();
        let mut got = vec![0usize; chunk.len()];
        while !pending.is_empty() {
            let nodes: Vec<HistoryReadValueId> = pending
                .iter()
                .map(|(k, cp)| HistoryReadValueId {
                    node_id: chunk[*k].0.node.clone(),
                    index_range: NumericRange::None,
                    data_encoding: QualifiedName::null(),
                    continuation_point: cp.clone(),
                })
                .collect();
            let results = match session.history_read(HistoryReadAction::ReadRawModifiedDetails(details.clone()), TimestampsToReturn::Both, false, &nodes).await {
                Ok(r) => r,
                Err(e) => {
                    refused.extend(pending.iter().map(|(k, _)| (chunk[*k].0.meter.clone(), e.status())));
                    break;
                }
            };
            let mut next = Vec::new();
            for (j, ((k, _), r)) in pending.iter().zip(results).enumerate() {
                let (item, after) = chunk[*k];
                if r.status_code.is_bad() {
                    refused.push((item.meter.clone(), r.status_code));
                    continue;
                }
                let values = r.history_data.inner_as::<HistoryData>().and_then(|h| h.data_values.clone()).unwrap_or_default();
                got[*k] += values.len();
                samples.extend(
                    values.iter().filter_map(|dv| reading(&item.meter, dv, now_ms).ok()).filter(|(_, t, _)| *t > after && *t <= now_ms).map(|(m, t, v)| (m, t, item.map.apply(v))),
                );
                if !r.continuation_point.is_null() {
                    if got[*k] < MAX_GAP_VALUES {
                        next.push((*k, r.continuation_point));
                    } else {
                        truncated += 1;
                        // Release the server's continuation point.
                        let release = [HistoryReadValueId { continuation_point: r.continuation_point, ..nodes[j].clone() }];
                        let _ = session.history_read(HistoryReadAction::ReadRawModifiedDetails(details.clone()), TimestampsToReturn::Neither, true, &release).await;
                    }
                }
            }
            pending = next;
        }
    }
    // Each meter's values in time order (a server returns them so; kept so whatever it does).
    samples.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut problems = Vec::new();
    if let Some((meter, status)) = refused.first() {
        problems.push(msg!("live-opcua-no-history", count = refused.len(), meter = meter.as_str(), status = status.to_string()));
    }
    if truncated > 0 {
        problems.push(msg!("live-opcua-gap-truncated", count = truncated, values = MAX_GAP_VALUES));
    }
    (samples, problems)
}
