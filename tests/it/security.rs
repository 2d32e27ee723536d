//! Opening someone else's package is safe (SECURITY.md): its live sources do not start by themselves, a
//! foreign environment variable is never sent, a worker panic becomes a problem, and a zero-size window
//! does not panic.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use plant_viewer_context::{LoadStatus, Problems};

/// A loopback HTTP server the test controls: it records every request's head and answers `{"v": 1}`.
struct Listener {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

fn listen() -> Listener {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut s) = stream else { continue };
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            if let Ok(mut r) = seen.lock() {
                r.push(String::from_utf8_lossy(&head).into_owned());
            }
            let body = r#"{"v": 1}"#;
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    Listener { port, requests }
}

/// A small package: one meter, a day of data, and a sources.toml the package wrote.
fn package(name: &str, sources: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plant-twin-security-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).expect("dir");
    std::fs::write(
        dir.join("site.toml"),
        "[site]\nname = \"Someone else's site\"\nkind = \"test\"\ntime_zone = \"UTC\"\n\n[[data]]\npath = \"data/m.csv\"\n\n[[equipment]]\nid = \"pump-1\"\ntype = \"pump\"\nname = \"Pump\"\n\n[[meter]]\nid = \"pump-1.power\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"pump-1\"\ncolumn = \"v\"\n",
    )
    .expect("site.toml");
    let mut csv = String::from("timestamp,v\n");
    for m in 0..60 {
        csv.push_str(&format!("2026-11-01T00:{m:02}:00Z,{}\n", 10 + m));
    }
    std::fs::write(dir.join("data/m.csv"), csv).expect("data");
    std::fs::write(dir.join("sources.toml"), sources).expect("sources.toml");
    dir
}

fn app_for(root: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(100)));
    plant_twin::add_logic_plugins(&mut app, root);
    app
}

fn run_until(app: &mut App, secs: u64, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        app.update();
        if done(app) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {:?}", app.world().resource::<Problems>().list);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_packages_sources_wait_for_consent_and_a_foreign_variable_is_never_sent() {
    let server = listen();
    let secret = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    let sources = format!(
        "[[source]]\nid = \"steal\"\nkind = \"http-json\"\nurl = \"http://127.0.0.1:{p}/steal\"\nauth_header = \"X-Home\"\nauth_env = \"HOME\"\npointer_template = \"/v\"\n\n\
         [[source]]\nid = \"remote\"\nkind = \"http-json\"\nurl = \"http://203.0.113.7/v\"\nauth_header = \"X-Token\"\nauth_env = \"PLANT_TWIN_SECURITY_TEST_TOKEN\"\npointer_template = \"/v\"\n\n\
         [[source]]\nid = \"plain\"\nkind = \"http-json\"\nurl = \"http://127.0.0.1:{p}/plain\"\ninterval = \"200ms\"\npointer_template = \"/v\"\n",
        p = server.port
    );
    unsafe { std::env::set_var("PLANT_TWIN_SECURITY_TEST_TOKEN", "token-that-must-not-leave") };
    let root = package("consent", &sources);
    let mut app = app_for(&root);
    app.finish();
    app.cleanup();
    run_until(&mut app, 60, "data did not load", |a| a.world().resource::<LoadStatus>().is_ready());
    // A second of frames after loading: nothing starts by itself.
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
    let live = app.world().resource::<plant_live_view::Live>();
    assert!(!live.is_running(), "a package's sources never start by themselves");
    let pending = live.pending.as_ref().expect("offered for consent");
    assert_eq!(pending.sources.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), vec!["plain"], "the two that would leak are left out");
    assert!(server.requests.lock().expect("requests").is_empty(), "nothing was sent before consent");
    let problems = &app.world().resource::<Problems>().list;
    assert!(
        problems.iter().any(|d| d.is_error()
            && d.message.id == "live-config-env-not-allowed"
            && d.message.arg("variable") == Some(&plant_i18n::Arg::Str("HOME".into()))
            && d.file.ends_with("sources.toml")
            && matches!(d.place, plant_site::Place::LineCol { line: 6, .. })),
        "{problems:?}"
    );
    assert!(problems.iter().any(|d| d.is_error() && d.message.id == "live-config-clear-text" && d.message.text_in(plant_i18n::Lang::En).contains("203.0.113.7")), "{problems:?}");
    // The recording plays on.
    assert!(app.world().resource::<plant_viewer_context::MeterData>().0.get("pump-1.power").is_some());

    // The user agrees: only the plain source connects; no request carries a credential.
    app.world_mut().write_message(plant_live_view::ConnectPending);
    run_until(&mut app, 30, "the agreed source did not connect", |_| server.requests.lock().map(|r| r.len() >= 2).unwrap_or(false));
    assert!(app.world().resource::<plant_live_view::Live>().is_running());
    let requests = server.requests.lock().expect("requests").clone();
    for r in &requests {
        assert!(r.starts_with("GET /plain "), "{r}");
        assert!(!r.to_ascii_lowercase().contains("x-home") && !r.contains(&secret) && !r.contains("token-that-must-not-leave"), "{r}");
    }
    drop(app);
    let _ = std::fs::remove_dir_all(&root);
}

fn panicking_loader(_: &plant_site::Site, _: bool, _: plant_ingest::Progress) -> plant_ingest::Ingested {
    panic!("simulated loader bug")
}

#[test]
fn a_worker_panic_becomes_a_problem_naming_it_and_the_app_keeps_running() {
    let root = crate::cement_site();
    let mut app = app_for(&root);
    app.insert_resource(plant_loading::Loader(panicking_loader));
    app.finish();
    app.cleanup();
    run_until(&mut app, 30, "the panic was not reported", |a| matches!(a.world().resource::<LoadStatus>(), LoadStatus::Failed));
    let problems = &app.world().resource::<Problems>().list;
    assert!(problems.iter().any(|d| d.is_error() && d.message.text_in(plant_i18n::Lang::En).contains("simulated loader bug") && d.file.ends_with("site.toml")), "{problems:?}");
    for _ in 0..5 {
        app.update();
    }
}

#[test]
fn a_zero_size_window_or_panel_area_gives_no_viewport_and_no_panic() {
    use bevy_egui::egui::{Rect, pos2};
    let area = Rect::from_min_max(pos2(200.0, 40.0), pos2(1000.0, 700.0));
    assert_eq!(plant_scene::viewport_for(area, 1.0, 0, 0), None);
    assert_eq!(plant_scene::viewport_for(area, 1.0, 0, 720), None);
    assert_eq!(plant_scene::viewport_for(area, 1.0, 1280, 0), None);
    assert_eq!(plant_scene::viewport_for(Rect::from_min_max(pos2(10.0, 10.0), pos2(10.0, 10.0)), 1.0, 1280, 720), None);
    assert_eq!(plant_scene::viewport_for(area, f32::NAN, 1280, 720), None);
    // An area larger than the window (the window shrank) is cut to it, at least one pixel.
    let (pos, size) = plant_scene::viewport_for(area, 2.0, 300, 200).expect("viewport");
    assert!(pos.x < 300 && pos.y < 200 && size.x >= 1 && size.y >= 1 && pos.x + size.x <= 300 && pos.y + size.y <= 200, "{pos:?} {size:?}");
    let (pos, size) = plant_scene::viewport_for(area, 1.0, 1280, 720).expect("viewport");
    assert_eq!((pos.x, pos.y, size.x, size.y), (200, 40, 800, 660));
}
