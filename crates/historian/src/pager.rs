//! Paging a site's record from its database: only the time around the cursor is held, in blocks of every
//! meter's raw samples, with a size limit and least-recently-used eviction (issue #17).
//!
//! The caller says which window it wants ([`Pager::want`], each frame while scrubbing: cheap, and only the
//! latest counts — a want that arrives while blocks are being fetched makes the blocks it no longer needs
//! stale, and they are not fetched). A worker thread fetches the missing blocks (a block: every meter over
//! `block_ms`, asked for in batches like [`crate::read`]) and publishes a [`Snapshot`]: a store of the
//! resident blocks around the want, with the spans it covers, so a view can tell "loading" from "no data".
//! A database that stops answering is a status, not a crash: the data already held stays, and the next want
//! tries again.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use plant_site::{Diagnostic, Historian, Site};
use plant_store::{Series, Store};

use crate::client::{Connection, Error};
use crate::promql::plan;

/// How the pager holds the record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PagerConfig {
    /// One block's span (ms): every meter's samples over it come and go together. Default 1 h: on 1,000
    /// meters a jump is answered in about 0.2 s, against 0.6 s with 6 h blocks (BENCHMARKS.md).
    pub block_ms: i64,
    /// The most the held blocks may take, in bytes (16 a sample); the least recently wanted go first.
    pub cache_bytes: usize,
    /// Blocks fetched beyond each end of the want, so that playing and scrubbing on find them there.
    pub prefetch_blocks: i64,
}

impl PagerConfig {
    /// What `[historian]` says (`block`, `cache_mb`), with one block of prefetch.
    pub fn of(h: &Historian) -> Self {
        PagerConfig { block_ms: h.block_ms, cache_bytes: h.cache_mb << 20, prefetch_blocks: 1 }
    }
}

impl Default for PagerConfig {
    fn default() -> Self {
        PagerConfig { block_ms: 3_600_000, cache_bytes: 512 << 20, prefetch_blocks: 1 }
    }
}

/// What the pager holds now.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Every meter's samples of the resident blocks that touch the want (and its prefetch).
    pub store: Arc<Store>,
    /// The spans (ms, `[start, end)`) whose samples are all in `store`, in time order: outside them a
    /// meter without a value is "loading", not "no data".
    pub resident: Vec<(i64, i64)>,
    /// The want this snapshot answers.
    pub want: (i64, i64),
    /// The want's blocks are all held.
    pub complete: bool,
    /// The last fetch failed: why (the data held stays).
    pub error: Option<Error>,
    /// Blocks held and their bytes.
    pub blocks: usize,
    pub bytes: usize,
}

impl Snapshot {
    /// Whether `t` lies in a resident span.
    pub fn is_resident(&self, t: i64) -> bool {
        self.resident.iter().any(|&(a, b)| a <= t && t < b)
    }
}

/// A block: every meter's samples over `[index · block_ms, (index + 1) · block_ms)`.
struct Block {
    samples: HashMap<String, (Vec<i64>, Vec<f64>)>,
    bytes: usize,
    last_used: u64,
}

/// The pager: its worker thread and the channels to it.
pub struct Pager {
    wants: Sender<(i64, i64)>,
    snapshots: Receiver<Snapshot>,
    worker: Option<std::thread::JoinHandle<()>>,
    config: PagerConfig,
}

impl Pager {
    /// Starts the worker for `site`'s `[historian]` (the caller has the user's consent to connect).
    pub fn start(site: Arc<Site>, h: &Historian, config: PagerConfig) -> Result<Pager, Diagnostic> {
        let file = site.site_toml_path();
        let auth = h.auth_header.as_deref().zip(h.auth_env.as_deref());
        let conn = Connection::new(&h.url, auth, h.timeout_ms).map_err(|e| Diagnostic::error(&file, h.at.clone(), e.message()))?;
        let (want_tx, want_rx) = std::sync::mpsc::channel();
        let (snap_tx, snap_rx) = std::sync::mpsc::channel();
        let meters: Vec<(String, String)> = site.meters.iter().map(|m| (m.id.clone(), m.column.clone())).collect();
        let selector = h.selector.clone();
        let worker = std::thread::Builder::new()
            .name(String::from("plant-twin-pager")) // i18n-ok: a thread name
            .spawn(move || {
                Worker { conn, meters, selector, config, blocks: HashMap::new(), clock: 0, published: None, published_want: (0, 0), last_mid: None }.run(want_rx, snap_tx)
            })
            .map_err(|e| Diagnostic::error(&file, h.at.clone(), plant_i18n::msg!("historian-no-thread", error = e.to_string())))?;
        Ok(Pager { wants: want_tx, snapshots: snap_rx, worker: Some(worker), config })
    }

    /// How this pager holds the record (its block span and size limit).
    pub fn config(&self) -> PagerConfig {
        self.config
    }

    /// Asks for `[t0, t1)`; only the latest want counts.
    pub fn want(&self, t0: i64, t1: i64) {
        // The worker is gone only when the pager is dropped.
        let _ = self.wants.send((t0, t1.max(t0 + 1)));
    }

    /// The newest snapshot published since the last call, if any (never waits).
    pub fn latest(&self) -> Option<Snapshot> {
        let mut newest = None;
        while let Ok(s) = self.snapshots.try_recv() {
            newest = Some(s);
        }
        newest
    }

    /// Waits up to `timeout` for the next snapshot (tests, benchmarks).
    pub fn next(&self, timeout: std::time::Duration) -> Option<Snapshot> {
        self.snapshots.recv_timeout(timeout).ok()
    }
}

impl Drop for Pager {
    fn drop(&mut self) {
        // Closing the channel ends the worker's loop; a fetch in flight ends within its timeout.
        let (tx, _) = std::sync::mpsc::channel();
        drop(std::mem::replace(&mut self.wants, tx));
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

struct Worker {
    conn: Connection,
    meters: Vec<(String, String)>,
    selector: String,
    config: PagerConfig,
    blocks: HashMap<i64, Block>,
    clock: u64,
    /// The last snapshot sent: its held blocks and what was built of them (reused while they stay the same).
    published: Option<(Vec<i64>, Arc<Store>, Vec<(i64, i64)>)>,
    /// The want it answered.
    published_want: (i64, i64),
    /// The middle of the last want, to tell which way the cursor moves.
    last_mid: Option<i64>,
}

/// The latest of the wants waiting, or `None` when the pager is gone.
fn drain(rx: &Receiver<(i64, i64)>, mut latest: Option<(i64, i64)>) -> Result<Option<(i64, i64)>, ()> {
    loop {
        match rx.try_recv() {
            Ok(w) => latest = Some(w),
            Err(TryRecvError::Empty) => return Ok(latest),
            Err(TryRecvError::Disconnected) => return Err(()),
        }
    }
}

impl Worker {
    fn run(mut self, rx: Receiver<(i64, i64)>, tx: Sender<Snapshot>) {
        let Ok(mut want) = rx.recv() else { return };
        loop {
            match drain(&rx, Some(want)) {
                Ok(Some(w)) => want = w,
                Ok(None) | Err(()) => return,
            }
            let needed = self.blocks_for(want);
            self.last_mid = Some(want.0 + (want.1 - want.0) / 2);
            let mut error = None;
            let mut superseded = false;
            for &b in &needed {
                if self.blocks.contains_key(&b) {
                    continue;
                }
                match self.fetch(b) {
                    Ok(block) => {
                        self.blocks.insert(b, block);
                        self.touch(&needed);
                        self.evict(&needed);
                        if tx.send(self.snapshot(want, &needed, None)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                }
                // A newer want makes the rest of this one stale: go to it at once.
                match drain(&rx, None) {
                    Ok(Some(w)) if w != want => {
                        want = w;
                        superseded = true;
                        break;
                    }
                    Ok(_) => {}
                    Err(()) => return,
                }
            }
            if superseded {
                continue;
            }
            self.touch(&needed);
            let failed = error.is_some();
            // Every new want is answered (from what was built already when its blocks are the same); the
            // same want again is not, unless something changed.
            let changed = self.published.as_ref().is_none_or(|p| p.0 != self.held(&needed));
            if (failed || changed || want != self.published_want) && tx.send(self.snapshot(want, &needed, error)).is_err() {
                return;
            }
            if failed {
                // Not every frame against a database that is down: the next want is taken in a while.
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            // Wait for the next want.
            match rx.recv() {
                Ok(w) => want = w,
                Err(_) => return,
            }
        }
    }

    /// The blocks a want needs, nearest the want's middle first — of two as near, the one the cursor moves
    /// towards (the want's middle against the last want's) — with the prefetch on either side.
    fn blocks_for(&self, (t0, t1): (i64, i64)) -> Vec<i64> {
        let b = self.config.block_ms.max(60_000);
        let (first, last) = (t0.div_euclid(b) - self.config.prefetch_blocks, (t1 - 1).div_euclid(b) + self.config.prefetch_blocks);
        let mid_ms = t0 + (t1 - t0) / 2;
        let mid = mid_ms.div_euclid(b);
        let backwards = self.last_mid.is_some_and(|m| mid_ms < m);
        let mut out: Vec<i64> = (first..=last).collect();
        out.sort_by_key(|&i| ((i - mid).abs(), if backwards { i > mid } else { i < mid }));
        out
    }

    fn touch(&mut self, needed: &[i64]) {
        self.clock += 1;
        for b in needed {
            if let Some(block) = self.blocks.get_mut(b) {
                block.last_used = self.clock;
            }
        }
    }

    /// Drops the least recently used blocks beyond the size limit, never one the want needs.
    fn evict(&mut self, needed: &[i64]) {
        let mut total: usize = self.blocks.values().map(|b| b.bytes).sum();
        while total > self.config.cache_bytes {
            let Some((&oldest, _)) = self.blocks.iter().filter(|(i, _)| !needed.contains(i)).min_by_key(|(_, b)| b.last_used) else { break };
            if let Some(b) = self.blocks.remove(&oldest) {
                total -= b.bytes;
            }
        }
    }

    /// Every meter's samples of block `b`, a batch of meters per request, four in flight.
    fn fetch(&self, b: i64) -> Result<Block, Error> {
        let block_ms = self.config.block_ms.max(60_000);
        let (start, end) = (b * block_ms, (b + 1) * block_ms);
        let sels = crate::read::selectors(plan(&self.selector, &self.meters));
        let conn = &self.conn;
        // Samples in [start, end): the range (end − 1 − span, end − 1] at time end − 1 ms.
        let answers = conn.all(sels, |(sel, keys): (Arc<str>, Arc<crate::read::Keys>)| async move {
            let body = conn.query(&format!("{sel}[{block_ms}ms]"), end - 1).await?;
            let (series, _) = conn.parse(&body)?;
            Ok((keys, series))
        })?;
        // Every series of each meter in the block, by its labels; the one with the most samples is kept (as
        // the whole-window read does).
        let mut found: HashMap<String, HashMap<std::collections::BTreeMap<String, String>, (Vec<i64>, Vec<f64>)>> = HashMap::new();
        for (keys, series) in answers {
            for s in series {
                let Some(meter) = keys.meter(&s) else { continue };
                let e = found.entry(meter.to_string()).or_default().entry(s.labels.clone()).or_default();
                for (&t, &v) in s.times_ms.iter().zip(&s.values) {
                    if (start..end).contains(&t) {
                        e.0.push(t);
                        e.1.push(v);
                    }
                }
            }
        }
        let samples: HashMap<String, (Vec<i64>, Vec<f64>)> =
            found.into_iter().filter_map(|(m, by)| by.into_iter().max_by_key(|(l, (t, _))| (t.len(), std::cmp::Reverse(l.len()))).map(|(_, s)| (m, s))).collect();
        let bytes = samples.values().map(|(t, _)| t.len() * 16).sum::<usize>() + 64;
        Ok(Block { samples, bytes, last_used: self.clock })
    }

    /// The held blocks among `needed`, in time order.
    fn held(&self, needed: &[i64]) -> Vec<i64> {
        let mut held: Vec<i64> = needed.iter().copied().filter(|b| self.blocks.contains_key(b)).collect();
        held.sort_unstable();
        held
    }

    /// The store of the held blocks among `needed`, and the spans they cover.
    fn snapshot(&mut self, want: (i64, i64), needed: &[i64], error: Option<Error>) -> Snapshot {
        let block_ms = self.config.block_ms.max(60_000);
        let held = self.held(needed);
        self.published_want = want;
        let first_needed = want.0.div_euclid(block_ms);
        let last_needed = (want.1 - 1).div_euclid(block_ms);
        let complete = (first_needed..=last_needed).all(|b| self.blocks.contains_key(&b));
        let (blocks, bytes) = (self.blocks.len(), self.blocks.values().map(|b| b.bytes).sum());
        if let Some((h, store, resident)) = &self.published
            && *h == held
        {
            return Snapshot { store: store.clone(), resident: resident.clone(), want, complete, error, blocks, bytes };
        }
        let mut per_meter: HashMap<&str, (Vec<i64>, Vec<f64>)> = HashMap::new();
        for b in &held {
            let Some(block) = self.blocks.get(b) else { continue };
            for (m, (t, v)) in &block.samples {
                let e = per_meter.entry(m.as_str()).or_default();
                e.0.extend_from_slice(t);
                e.1.extend_from_slice(v);
            }
        }
        let mut store = Store::new();
        for (id, _) in &self.meters {
            if let Some((t, v)) = per_meter.remove(id.as_str()) {
                store.insert(id.clone(), Series::from_samples(t, v).0);
            }
        }
        store.share_equal_times();
        let mut resident: Vec<(i64, i64)> = Vec::new();
        for &b in &held {
            let (s, e) = (b * block_ms, (b + 1) * block_ms);
            match resident.last_mut() {
                Some(last) if last.1 == s => last.1 = e,
                _ => resident.push((s, e)),
            }
        }
        let first_needed = want.0.div_euclid(block_ms);
        let last_needed = (want.1 - 1).div_euclid(block_ms);
        let complete = (first_needed..=last_needed).all(|b| self.blocks.contains_key(&b));
        Snapshot { store: Arc::new(store), resident, want, complete, error, blocks: self.blocks.len(), bytes: self.blocks.values().map(|b| b.bytes).sum() }
    }
}
