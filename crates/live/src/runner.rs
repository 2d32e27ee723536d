//! Polling on a thread of its own with a Tokio runtime it owns (reqwest's async client needs Tokio; Bevy's
//! task pools are not Tokio). Results come back over a channel the app drains once a frame, so polling
//! never blocks a frame. Each source polls at its interval; after a failure it backs off (interval × 2, up
//! to 60 s) and resumes its interval on the first success.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use plant_i18n::{Msg, msg};

use crate::config::{Source, SourceKind};
use crate::poll::{self, LiveSample, PollError};

/// Longest wait between retries of a failing source.
pub const MAX_BACKOFF_MS: i64 = 60_000;

/// How far a source's clock may be from this machine's: a sample further ahead of now, or further before
/// the session's backfill window, is refused (and counted), never stored. A wrong `timestamp_unit` (µs read
/// as ms: the year 55,000; s read as ms: January 1970) is caught here instead of stretching the timeline.
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60_000;

/// The times a source's samples may have: from its backfill window's start (less the skew) to now (plus
/// the skew).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleWindow {
    pub earliest_ms: i64,
    pub skew_ms: i64,
}

/// Samples a poll gave that were refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refused {
    pub future: usize,
    pub past: usize,
}

impl SampleWindow {
    /// The window of `source` in a session that started at `session_start_ms`.
    pub fn new(source: &Source, session_start_ms: i64) -> SampleWindow {
        SampleWindow { earliest_ms: session_start_ms.saturating_sub(source.backfill_ms()).saturating_sub(MAX_CLOCK_SKEW_MS), skew_ms: MAX_CLOCK_SKEW_MS }
    }

    /// Keeps the samples inside the window at `now_ms`; counts the rest.
    pub fn screen(&self, samples: Vec<LiveSample>, now_ms: i64) -> (Vec<LiveSample>, Refused) {
        let mut refused = Refused::default();
        let latest = now_ms.saturating_add(self.skew_ms);
        let kept = samples
            .into_iter()
            .filter(|(_, t, _)| {
                if *t > latest {
                    refused.future += 1;
                    false
                } else if *t < self.earliest_ms {
                    refused.past += 1;
                    false
                } else {
                    true
                }
            })
            .collect();
        (kept, refused)
    }
}

/// Where a source stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceState {
    Connecting,
    Connected,
    /// The last poll failed; the next try is at `retry_at_ms`.
    BackingOff {
        retry_at_ms: i64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct SourceStatus {
    pub state: SourceState,
    /// The last error (a failed poll) or problem (a meter missing from a good poll), as a message of the
    /// catalogue: what the status window shows.
    pub last_error_msg: Option<Msg>,
    /// TRANSITIONAL: [`SourceStatus::last_error_msg`] in the language current when it was set, until the
    /// status window reads the message.
    pub last_error: Option<String>,
    /// When the last poll succeeded (wall clock, ms UTC).
    pub last_good_ms: Option<i64>,
    /// Consecutive failures.
    pub failures: u32,
    pub samples: u64,
    /// Samples refused for a time more than [`MAX_CLOCK_SKEW_MS`] ahead of this machine's clock.
    pub refused_future: u64,
    /// Samples refused for a time before the session's backfill window.
    pub refused_past: u64,
    /// Samples of a gap after a lost link, read from the server's history (OPC UA HistoryRead).
    pub from_history: u64,
    /// The server certificate that a secured OPC UA session was refused for, not yet trusted: shown for the
    /// user to trust ([`crate::opcua::trust::trust`]).
    pub untrusted: Option<Box<crate::opcua::ServerCertificate>>,
}

impl Default for SourceStatus {
    fn default() -> Self {
        Self {
            state: SourceState::Connecting,
            last_error_msg: None,
            last_error: None,
            last_good_ms: None,
            failures: 0,
            samples: 0,
            refused_future: 0,
            refused_past: 0,
            from_history: 0,
            untrusted: None,
        }
    }
}

impl SourceStatus {
    /// Sets (or clears) the last error.
    pub(crate) fn set_error(&mut self, message: Option<Msg>) {
        self.last_error = message.as_ref().map(Msg::text);
        self.last_error_msg = message;
    }

    /// A status that says the source stopped: its task failed (a bug), `why` being the panic's text.
    fn stopped(why: String) -> SourceStatus {
        let mut status = SourceStatus::default();
        status.set_error(Some(msg!("live-source-stopped", reason = why)));
        status
    }
}

/// What the live thread reports.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveEvent {
    Samples { source: String, samples: Vec<LiveSample>, backfill: bool },
    Status { source: String, status: SourceStatus },
}

/// At most this many reports wait for the app; beyond it the sources wait (backpressure) instead of
/// growing memory while the app is stalled.
pub const QUEUE_CAP: usize = 4096;

/// The one path live data take into the app (as Rerun keeps one channel with its latency and length in
/// view): every report is stamped when sent, counted while queued, and the app's drain measures how long
/// the oldest waited.
#[derive(Clone)]
pub(crate) struct Outbox {
    tx: mpsc::Sender<(Instant, LiveEvent)>,
    queued: Arc<AtomicUsize>,
}

impl Outbox {
    pub(crate) fn send(&self, e: LiveEvent) -> bool {
        self.queued.fetch_add(1, Ordering::Relaxed);
        self.tx.send((Instant::now(), e)).is_ok()
    }

    /// Waits while the app has [`QUEUE_CAP`] reports still to read.
    pub(crate) async fn room(&self) {
        while self.queued.load(Ordering::Relaxed) >= QUEUE_CAP {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The live channel as the app last drained it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueueStats {
    /// Reports waiting now.
    pub queued: usize,
    /// How long the oldest report of the last drain waited, ms.
    pub latency_ms: f64,
}

/// The running live sources; dropping it stops them.
pub struct LiveHandle {
    // In a mutex so the handle can live in a Bevy resource (a receiver is Send, not Sync).
    rx: std::sync::Mutex<mpsc::Receiver<(Instant, LiveEvent)>>,
    queued: Arc<AtomicUsize>,
    stats: std::sync::Mutex<QueueStats>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl LiveHandle {
    /// Starts polling `sources` on a new thread.
    pub fn start(sources: Vec<Source>) -> Result<LiveHandle, crate::LiveError> {
        let (tx, rx) = mpsc::channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let tx = Outbox { tx, queued: queued.clone() };
        let panic_tx = tx.clone();
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|source| crate::LiveError::Start { what: "live-runtime", source })?;
        let thread = std::thread::Builder::new()
            .name("plant-live".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let mut set = tokio::task::JoinSet::new();
                    let started = now_ms();
                    for s in sources {
                        match s.kind {
                            SourceKind::Mqtt(_) => set.spawn(crate::mqtt::run(s, started, tx.clone(), stop_rx.clone())),
                            SourceKind::ModbusTcp { .. } => set.spawn(crate::modbus::run(s, started, tx.clone(), stop_rx.clone())),
                            SourceKind::OpcUa(_) => set.spawn(crate::opcua::run(s, started, tx.clone(), stop_rx.clone())),
                            _ => set.spawn(run_source(s, started, tx.clone(), stop_rx.clone())),
                        };
                    }
                    while let Some(joined) = set.join_next().await {
                        // A source task that panicked (a bug) says so in its status instead of vanishing.
                        if let Err(e) = joined
                            && e.is_panic()
                        {
                            let why = plant_site::panic_message(&*e.into_panic());
                            let _ = panic_tx.send(LiveEvent::Status { source: "?".into(), status: SourceStatus::stopped(why) });
                        }
                    }
                });
            })
            .map_err(|source| crate::LiveError::Start { what: "live-thread", source })?;
        Ok(LiveHandle { rx: std::sync::Mutex::new(rx), queued, stats: std::sync::Mutex::new(QueueStats::default()), stop: Some(stop_tx), thread: Some(thread) })
    }

    /// Everything reported since the last call, without waiting.
    pub fn drain(&self) -> Vec<LiveEvent> {
        let got: Vec<(Instant, LiveEvent)> = self.rx.lock().map(|rx| rx.try_iter().collect()).unwrap_or_default();
        self.received(got)
    }

    /// Waits up to `timeout` for the next event (tests and headless tools).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<LiveEvent> {
        let got = self.rx.lock().ok()?.recv_timeout(timeout).ok()?;
        self.received(vec![got]).pop()
    }

    /// The channel's length and latency at the last drain.
    pub fn stats(&self) -> QueueStats {
        self.stats.lock().map(|s| *s).unwrap_or_default()
    }

    fn received(&self, got: Vec<(Instant, LiveEvent)>) -> Vec<LiveEvent> {
        let left = self.queued.fetch_sub(got.len(), Ordering::Relaxed).saturating_sub(got.len());
        let latency_ms = got.first().map_or(0.0, |(sent, _)| sent.elapsed().as_secs_f64() * 1000.0);
        if let Ok(mut s) = self.stats.lock() {
            *s = QueueStats { queued: left, latency_ms: if got.is_empty() { s.latency_ms } else { latency_ms } };
        }
        got.into_iter().map(|(_, e)| e).collect()
    }
}

impl Drop for LiveHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(t) = self.thread.take()
            && let Err(p) = t.join()
        {
            // Nowhere else to say it: the handle is going away.
            eprintln!("{}", msg!("live-thread-failed", reason = plant_site::panic_message(&*p)));
        }
    }
}

async fn run_source(source: Source, session_start_ms: i64, tx: Outbox, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut status = SourceStatus::default();
    let window = SampleWindow::new(&source, session_start_ms);
    let send_status = |status: &SourceStatus| tx.send(LiveEvent::Status { source: source.id.clone(), status: status.clone() });
    if !send_status(&status) {
        return;
    }
    let client = match poll::client(&source) {
        Ok(c) => c,
        Err(e) => {
            status.set_error(Some(e.message()));
            let _ = send_status(&status);
            return;
        }
    };
    let mut backfilled = !matches!(source.kind, SourceKind::Prometheus { backfill_ms, .. } if backfill_ms > 0);
    let mut wait_ms: i64 = 0;
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(Duration::from_millis(wait_ms as u64)) => {}
        }
        let now = now_ms();
        // On (re)connect, fill the recent window first so the charts are not empty.
        let result = if backfilled { poll::poll(&client, &source, now).await.map(|r| (r, false)) } else { poll::backfill(&client, &source, now).await.map(|r| (r, true)) };
        match result {
            Ok((r, was_backfill)) => {
                backfilled = true;
                status.state = SourceState::Connected;
                status.failures = 0;
                status.last_good_ms = Some(now);
                if !deliver(&tx, &source.id, &window, &mut status, r, was_backfill).await {
                    return;
                }
                wait_ms = if was_backfill { 0 } else { source.interval_ms };
            }
            Err(e) => {
                status.failures += 1;
                wait_ms = backoff_ms(source.interval_ms, status.failures);
                status.state = SourceState::BackingOff { retry_at_ms: now + wait_ms };
                status.set_error(Some(e.message()));
                if matches!(e, PollError::Connect(_) | PollError::Timeout(_)) {
                    // A source that went away is backfilled again when it returns.
                    backfilled = !matches!(source.kind, SourceKind::Prometheus { backfill_ms, .. } if backfill_ms > 0);
                }
            }
        }
        if !send_status(&status) {
            return;
        }
    }
}

/// Hands what a poll (or a batch of messages) gave to the app: the samples inside the source's window (the
/// others refused and counted), and the first problem (and how many more) as the status's error — replaced at
/// the next delivery. `false`: the app is gone.
pub(crate) async fn deliver(tx: &Outbox, source: &str, window: &SampleWindow, status: &mut SourceStatus, mut r: crate::poll::PollResult, backfill: bool) -> bool {
    let (samples, refused) = window.screen(std::mem::take(&mut r.samples), now_ms());
    status.samples += samples.len() as u64;
    status.refused_future += refused.future as u64;
    status.refused_past += refused.past as u64;
    if refused.future > 0 {
        r.problems.insert(0, msg!("live-refused-future", count = refused.future, minutes = MAX_CLOCK_SKEW_MS / 60_000));
    }
    if refused.past > 0 {
        r.problems.insert(0, msg!("live-refused-past", count = refused.past));
    }
    status.set_error(r.problems.first().map(|p| if r.problems.len() > 1 { msg!("live-problems-and-more", problem = p, more = r.problems.len() - 1) } else { p.clone() }));
    tx.room().await;
    samples.is_empty() || tx.send(LiveEvent::Samples { source: source.to_owned(), samples, backfill })
}

/// Wait after `failures` consecutive failures: the interval doubled per failure, at most a minute.
pub fn backoff_ms(interval_ms: i64, failures: u32) -> i64 {
    let factor = 1i64 << failures.min(16);
    interval_ms.saturating_mul(factor).min(MAX_BACKOFF_MS.max(interval_ms))
}
