//! Faults against a local HTTP server the test controls: connection refused, a response slower than the
//! timeout, HTTP 500, malformed JSON, a meter missing, a non-numeric value, and recovery. The store keeps
//! what it had, the status says what went wrong, and polling resumes when the server recovers.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use plant_i18n::{Lang, Msg};
use plant_live::{LiveHandle, Source, SourceKind, SourceState, SourceStatus};
use plant_store::Store;

use crate::{is_msg, reads_in_chinese, until};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Good,
    Slow,
    Error500,
    Malformed,
    MissingMeter,
    NonNumeric,
}

struct Server {
    mode: Arc<Mutex<Mode>>,
    _stop: tokio::sync::oneshot::Sender<()>,
    _thread: std::thread::JoinHandle<()>,
}

async fn handler(State((mode, n)): State<(Arc<Mutex<Mode>>, Arc<Mutex<u32>>)>) -> impl IntoResponse {
    let m = mode.lock().map(|m| *m).unwrap_or(Mode::Good);
    let k = {
        let mut g = n.lock().expect("counter");
        *g += 1;
        *g
    };
    match m {
        Mode::Good => (StatusCode::OK, format!(r#"{{"v": {{"a": {k}, "b": 2.5}}}}"#)),
        Mode::Slow => {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            (StatusCode::OK, format!(r#"{{"v": {{"a": {k}, "b": 2.5}}}}"#))
        }
        Mode::Error500 => (StatusCode::INTERNAL_SERVER_ERROR, "historian down".to_string()),
        Mode::Malformed => (StatusCode::OK, r#"{"v": {"a": 1"#.to_string()),
        Mode::MissingMeter => (StatusCode::OK, format!(r#"{{"v": {{"a": {k}}}}}"#)),
        Mode::NonNumeric => (StatusCode::OK, format!(r#"{{"v": {{"a": {k}, "b": "OFFLINE"}}}}"#)),
    }
}

fn start_server(addr: SocketAddr, mode: Mode) -> Server {
    let mode = Arc::new(Mutex::new(mode));
    let state = (mode.clone(), Arc::new(Mutex::new(0u32)));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
            let _ = ready_tx.send(());
            let app = Router::new().route("/v", get(handler)).with_state(state);
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop_rx.await;
                })
                .await;
        });
    });
    ready_rx.recv_timeout(Duration::from_secs(5)).expect("server up");
    Server { mode, _stop: stop_tx, _thread: thread }
}

fn free_port() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr")
}

fn count(store: &Store, m: &str) -> usize {
    store.get(m).map_or(0, |s| s.len())
}

#[test]
fn polling_survives_every_fault_and_resumes_on_recovery() {
    let addr = free_port();
    let source = Source {
        id: "test".into(),
        url: format!("http://{addr}/v"),
        host: addr.to_string(),
        kind: SourceKind::HttpJson { timestamp_pointer: None, unit: plant_live::TimestampUnit::Rfc3339, meters: vec![("a".into(), "/v/a".into()), ("b".into(), "/v/b".into())] },
        interval_ms: 100,
        timeout_ms: 400,
        auth: None,
    };
    let live = LiveHandle::start(vec![source]).expect("start");
    let mut store = Store::new();
    let mut st = SourceStatus::default();

    // 1. Nothing listens: connection refused, backing off.
    until(&live, &mut store, &mut st, 10, "refused", |s, _| {
        matches!(s.state, SourceState::BackingOff { .. }) && s.last_error_msg.as_ref().is_some_and(|m| m.id == "live-poll-connect")
    });
    assert_eq!(store.len(), 0);

    // 2. The server comes up: connected, samples flow.
    let server = start_server(addr, Mode::Good);
    until(&live, &mut store, &mut st, 10, "recovered", |s, st| s.state == SourceState::Connected && count(st, "a") >= 3);
    assert_eq!((&st.last_error_msg, &st.last_error), (&None, &None));
    // The channel is drained as the app drains it: nothing left waiting, and a real delivery time.
    let _ = live.drain();
    let q = live.stats();
    assert!(q.queued <= 1 && q.latency_ms.is_finite() && q.latency_ms >= 0.0, "{q:?}");
    let set = |m: Mode| *server.mode.lock().expect("mode") = m;

    // 3-5. Slower than the timeout, HTTP 500, malformed JSON: each a failure named in the status; the
    //      store keeps what it had and gains nothing.
    let failures: [(Mode, &str, fn(&Msg) -> bool); 3] = [
        (Mode::Slow, "no answer within 400 ms", |m| is_msg(m, "live-poll-timeout", &[("ms", "400")])),
        (Mode::Error500, "HTTP 500: historian down", |m| is_msg(m, "live-poll-http-body", &[("code", "500"), ("body", "historian down")])),
        (Mode::Malformed, "bad payload", |m| m.id == "live-payload-not-json"),
    ];
    for (mode, needle, is_it) in failures {
        set(mode);
        let before = count(&store, "a");
        until(&live, &mut store, &mut st, 15, needle, |s, _| s.last_error_msg.as_ref().is_some_and(is_it) && matches!(s.state, SourceState::BackingOff { .. }));
        // The status reads in both languages; the English is the same words as before.
        let m = st.last_error_msg.clone().expect("an error");
        assert!(m.text_in(Lang::En).contains(needle) && reads_in_chinese(&m), "{m:?}");
        assert_eq!(st.last_error.as_deref(), Some(m.text().as_str()));
        assert!(count(&store, "a") >= before, "{needle}: the store lost samples");
        let frozen = count(&store, "a");
        until(&live, &mut store, &mut st, 15, needle, |s, _| s.failures >= 2);
        assert_eq!(count(&store, "a"), frozen, "{needle}: no samples while failing");
        set(Mode::Good);
        until(&live, &mut store, &mut st, 15, "resume", |s, st| s.state == SourceState::Connected && s.last_error_msg.is_none() && count(st, "a") > frozen);
    }

    // 6-7. A meter missing from the payload, a non-numeric value: the other meter still flows and the
    //      status names the meter.
    let problems: [(Mode, &str, fn(&Msg) -> bool); 2] = [
        (Mode::MissingMeter, "b: nothing at /v/b", |m| is_msg(m, "live-problem-nothing-at", &[("meter", "b"), ("pointer", "/v/b")])),
        (Mode::NonNumeric, "\"OFFLINE\" at /v/b is not a number", |m| is_msg(m, "live-problem-not-a-number", &[("meter", "b"), ("value", "\"OFFLINE\"")])),
    ];
    for (mode, needle, is_it) in problems {
        set(mode);
        let (a0, b0) = (count(&store, "a"), count(&store, "b"));
        until(&live, &mut store, &mut st, 10, needle, |s, st| s.last_error_msg.as_ref().is_some_and(is_it) && count(st, "a") > a0 + 1);
        assert!(st.last_error_msg.as_ref().is_some_and(|m| m.text_in(Lang::En).contains(needle)), "{st:?}");
        assert_eq!(st.state, SourceState::Connected);
        assert_eq!(count(&store, "b"), b0, "no sample for the bad meter");
    }
    set(Mode::Good);
    until(&live, &mut store, &mut st, 10, "all good", |s, _| s.last_error_msg.is_none());
    // Values are what the server sent, in order.
    let a = store.get("a").expect("a");
    assert!(a.values().windows(2).all(|w| w[1] > w[0]), "counter values arrive in order");
    drop(live);
}

#[test]
fn backoff_doubles_up_to_a_minute() {
    assert_eq!(plant_live::backoff_ms(1_000, 1), 2_000);
    assert_eq!(plant_live::backoff_ms(1_000, 3), 8_000);
    assert_eq!(plant_live::backoff_ms(1_000, 20), 60_000);
    assert_eq!(plant_live::backoff_ms(120_000, 1), 120_000, "an interval above a minute is kept");
}
