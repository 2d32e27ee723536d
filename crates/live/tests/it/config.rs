use std::path::Path;

use plant_i18n::Lang;
use plant_live::{SourceKind, parse};
use plant_site::Place;

use crate::{cement, is_msg, reads_in_chinese};

const GOOD: &str = r#"
[[source]]
id = "scada"
kind = "http-json"
url = "http://127.0.0.1:9184/api/values"
interval = "2s"
timeout = "500ms"
auth_header = "Authorization"
auth_env = "PLANT_TWIN_TEST_TOKEN"
timestamp_pointer = "/timestamp"
pointer_template = "/meters/{meter}"
[source.meters]
"kiln-1.drive-power" = "/values/kiln_drive_kW"

[[source]]
id = "prom"
kind = "prometheus"
url = "http://127.0.0.1:9090/"
backfill = "6h"
query_template = 'plant_meter_value{meter="{meter}"}'

[recorder]
folder = "recordings"
flush = "30s"
"#;

#[test]
fn a_sources_file_maps_every_meter_and_names_only_the_credentials_variable() {
    let (site, _) = cement();
    let (cfg, diags) = parse(GOOD, Path::new("/site/sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let scada = &cfg.sources[0];
    assert_eq!((scada.interval_ms, scada.timeout_ms), (2_000, 500));
    assert_eq!(scada.auth.as_ref().map(|a| a.env.as_str()), Some("PLANT_TWIN_TEST_TOKEN"));
    let SourceKind::HttpJson { meters, timestamp_pointer, .. } = &scada.kind else { panic!("kind") };
    assert_eq!(timestamp_pointer.as_deref(), Some("/timestamp"));
    assert_eq!(meters.len(), site.meters.len(), "the template covers every meter");
    assert!(meters.contains(&("kiln-1.drive-power".into(), "/values/kiln_drive_kW".into())), "an explicit entry overrides the template");
    assert!(meters.contains(&("kiln-1.speed".into(), "/meters/kiln-1.speed".into())));
    let SourceKind::Prometheus { queries, backfill_ms, step_ms } = &cfg.sources[1].kind else { panic!("kind") };
    assert_eq!((*backfill_ms, *step_ms), (6 * 3_600_000, 5_000));
    assert!(queries.contains(&("kiln-1.speed".into(), r#"plant_meter_value{meter="kiln-1.speed"}"#.into())));
    // What each source will send, for the consent window, in both languages.
    assert_eq!(scada.sends_msg().text_in(Lang::En), "GET http://127.0.0.1:9184/api/values every 2 s; header Authorization = the value of $PLANT_TWIN_TEST_TOKEN");
    let prom = cfg.sources[1].sends_msg();
    assert_eq!(prom.text_in(Lang::En), format!("{} PromQL queries every 5 s to http://127.0.0.1:9090/, and the last 6 h on connect; no credentials", site.meters.len()));
    assert!(reads_in_chinese(&prom) && prom.text_in(Lang::ZhCn).contains("6 小时"), "{}", prom.text_in(Lang::ZhCn));
    let rec = cfg.recorder.expect("recorder");
    assert_eq!((rec.folder.as_path(), rec.flush_ms, rec.roll_ms), (Path::new("/site/recordings"), 30_000, 3_600_000));
}

#[test]
fn bad_entries_are_reported_at_their_line_and_the_rest_is_kept() {
    let (site, _) = cement();
    let text =
        GOOD.replace("interval = \"2s\"", "interval = \"fast\"").replace("kind = \"prometheus\"", "kind = \"influx\"").replace("\"kiln-1.drive-power\" = ", "\"kiln-9.power\" = ");
    let (cfg, diags) = parse(&text, Path::new("/site/sources.toml"), &site).expect("parses");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("line");
    let find = |id: &str| diags.iter().find(|d| d.message.id == id).unwrap_or_else(|| panic!("{id}: {diags:?}"));
    let duration = find("live-config-bad-duration");
    assert_eq!(duration.place, Place::LineCol { line: line_of("fast"), column: 12 });
    assert!(is_msg(&duration.message, "live-config-bad-duration", &[("text", "fast"), ("default_ms", "5000")]), "{duration:?}");
    assert!(duration.message.text_in(Lang::En).starts_with("\"fast\" is not a duration"), "{duration}");
    assert!(matches!(find("live-config-unknown-kind").place, Place::LineCol { line, .. } if line == line_of("influx")));
    assert!(is_msg(&find("live-config-unknown-kind").message, "live-config-unknown-kind", &[("kind", "influx"), ("source", "prom")]));
    assert!(is_msg(&find("live-config-unknown-meter").message, "live-config-unknown-meter", &[("meter", "kiln-9.power"), ("source", "scada")]));
    // Every problem reads in Chinese too, at the same place.
    for d in &diags {
        assert!(reads_in_chinese(&d.message), "{d:?}: {}", d.message.text_in(Lang::ZhCn));
        assert!(d.text_in(Lang::ZhCn).contains("/site/sources.toml"), "{}", d.text_in(Lang::ZhCn));
    }
    // The HTTP source stays (default interval), the unknown kind is dropped.
    assert_eq!(cfg.sources.len(), 1);
    assert_eq!(cfg.sources[0].interval_ms, 5_000);
    // A syntax error is one diagnostic with its place.
    let e = parse("[[source]\nid = 1", Path::new("/s/sources.toml"), &site).expect_err("syntax");
    assert!(matches!(e.place, Place::LineCol { line: 1, .. }) && e.message.id == "live-config-invalid" && reads_in_chinese(&e.message), "{e:?}");
    // Half an auth pair, a non-HTTP URL.
    let (_, d) = parse("[[source]]\nid = \"a\"\nkind = \"http-json\"\nurl = \"ftp://x\"\n", Path::new("/s/sources.toml"), &site).expect("parses");
    assert!(is_msg(&d[0].message, "live-config-bad-url", &[("url", "ftp://x"), ("source", "a")]), "{d:?}");
    let (_, d) =
        parse("[[source]]\nid = \"a\"\nkind = \"http-json\"\nurl = \"http://x\"\nauth_env = \"T\"\npointer_template = \"/{meter}\"\n", Path::new("/s/sources.toml"), &site)
            .expect("parses");
    assert!(d.iter().any(|x| x.message.id == "live-config-auth-pair"), "{d:?}");
}

fn one_source(extra: &str) -> String {
    format!("[[source]]\nid = \"a\"\nkind = \"http-json\"\npointer_template = \"/{{meter}}\"\n{extra}")
}

#[test]
fn credentials_come_only_from_plant_twin_variables_and_never_in_clear_text_off_this_machine() {
    let (site, _) = cement();
    let file = Path::new("/site/sources.toml");
    let parse_pkg = |text: &str| plant_live::parse_from(text, file, &site, plant_live::Origin::Package).expect("parses");
    // A foreign variable: refused at the auth_env line, the source left out (nothing can be sent).
    for var in ["HOME", "AWS_SECRET_ACCESS_KEY", "PLANT_TWIN_ALLOW_ENV", "plant_twin_lower"] {
        let text = one_source(&format!("url = \"http://127.0.0.1:9/v\"\nauth_header = \"X-Token\"\nauth_env = \"{var}\"\n"));
        let (cfg, d) = parse_pkg(&text);
        assert!(cfg.sources.is_empty(), "{var}");
        let e = d.iter().find(|x| x.message.id == "live-config-env-not-allowed").unwrap_or_else(|| panic!("{var}: {d:?}"));
        assert!(e.is_error() && is_msg(&e.message, "live-config-env-not-allowed", &[("variable", var), ("source", "a")]), "{e}");
        for lang in Lang::ALL {
            let text = e.message.text_in(lang);
            assert!(text.contains(var) && text.contains("PLANT_TWIN_"), "{text}");
        }
        assert!(matches!(e.place, Place::LineCol { line: 7, .. }), "{e:?}");
    }
    // A PLANT_TWIN_ variable in clear text to another host: refused, naming the source and the host.
    let (cfg, d) = parse_pkg(&one_source("url = \"http://historian.example.com:8080/v\"\nauth_header = \"X-Token\"\nauth_env = \"PLANT_TWIN_TOKEN\"\n"));
    assert!(cfg.sources.is_empty());
    assert!(d.iter().any(|x| x.is_error() && is_msg(&x.message, "live-config-clear-text", &[("source", "a"), ("host", "historian.example.com:8080")])), "{d:?}");
    // Over TLS to another host, or in clear text to this machine: allowed.
    for url in ["https://historian.example.com/v", "http://127.0.0.1:9/v", "http://localhost:9/v", "http://[::1]:9/v", "http://127.8.9.10/v"] {
        let (cfg, d) = parse_pkg(&one_source(&format!("url = \"{url}\"\nauth_header = \"X-Token\"\nauth_env = \"PLANT_TWIN_TOKEN\"\n")));
        assert_eq!(cfg.sources.len(), 1, "{url}: {d:?}");
        assert!(d.is_empty(), "{url}: {d:?}");
    }
    // Without a credential, a remote http source is fine (it is listed for consent, nothing secret sent).
    let (cfg, _) = parse_pkg(&one_source("url = \"http://10.1.2.3/v\"\n"));
    assert_eq!(cfg.sources[0].host, "10.1.2.3:80");
    let sends = cfg.sources[0].sends_msg();
    assert!(is_msg(&sends, "live-sends-http-json", &[("credential", "none"), ("url", "http://10.1.2.3/v")]), "{sends:?}");
    assert_eq!(sends.text_in(Lang::En), "GET http://10.1.2.3/v every 5 s; no credentials");
    assert!(reads_in_chinese(&sends) && sends.text_in(Lang::ZhCn).contains("http://10.1.2.3/v"), "{}", sends.text_in(Lang::ZhCn));
    // The consent list names the variable, never its value.
    unsafe { std::env::set_var("PLANT_TWIN_TEST_CONSENT", "s3cr3t-value") };
    let (cfg, _) = parse_pkg(&one_source("url = \"https://h.example/v\"\nauth_header = \"X-Token\"\nauth_env = \"PLANT_TWIN_TEST_CONSENT\"\n"));
    for lang in Lang::ALL {
        let sends = cfg.sources[0].sends_msg().text_in(lang);
        assert!(sends.contains("X-Token") && sends.contains("$PLANT_TWIN_TEST_CONSENT") && !sends.contains("s3cr3t"), "{sends}");
    }
    // Not a URL with a host.
    let (cfg, d) = parse_pkg(&one_source("url = \"http://\"\n"));
    assert!(cfg.sources.is_empty() && d[0].message.id == "live-config-bad-url", "{d:?}");
}

#[test]
fn a_packages_recorder_stays_inside_the_package_and_nothing_is_created_when_parsing() {
    let (site, _) = cement();
    let dir = std::env::temp_dir().join(format!("plant-live-rec-{}", std::process::id()));
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("dir");
    let file = pkg.join("sources.toml");
    let outside = dir.join("outside");
    for folder in [outside.display().to_string(), "../outside".to_string(), "rec/../../outside".to_string()] {
        let text = format!("{}\n[recorder]\nfolder = '{folder}'\n", one_source("url = \"http://127.0.0.1:9/v\"\n"));
        let (cfg, d) = plant_live::parse_from(&text, &file, &site, plant_live::Origin::Package).expect("parses");
        assert!(cfg.recorder.is_none(), "{folder}");
        assert!(d.iter().any(|x| x.is_error() && x.message.id == "live-config-recorder-folder" && matches!(x.place, Place::LineCol { line: 8, .. })), "{folder}: {d:?}");
        assert!(!outside.exists(), "nothing created");
    }
    let text = format!("{}\n[recorder]\nfolder = 'rec/live'\n", one_source("url = \"http://127.0.0.1:9/v\"\n"));
    let (cfg, d) = plant_live::parse_from(&text, &file, &site, plant_live::Origin::Package).expect("parses");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(cfg.recorder.expect("rec").folder, std::fs::canonicalize(&pkg).expect("c").join("rec/live"));
    assert!(!pkg.join("rec").exists(), "parsing creates nothing");
    // The user's own file (--sources) may record where the user says.
    let (cfg, _) = plant_live::parse(&format!("{}\n[recorder]\nfolder = '../outside'\n", one_source("url = \"http://127.0.0.1:9/v\"\n")), &file, &site).expect("parses");
    assert!(cfg.recorder.is_some());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_timestamp_unit_is_read_and_a_bad_one_is_reported_at_its_line() {
    let (site, _) = cement();
    let (cfg, d) =
        parse(&one_source("url = \"http://127.0.0.1:9/v\"\ntimestamp_pointer = \"/t\"\ntimestamp_unit = \"us\"\n"), Path::new("/s/sources.toml"), &site).expect("parses");
    assert!(d.is_empty());
    assert!(matches!(cfg.sources[0].kind, SourceKind::HttpJson { unit: plant_live::TimestampUnit::Micros, .. }));
    let (_, d) = parse(&one_source("url = \"http://127.0.0.1:9/v\"\ntimestamp_unit = \"guess\"\n"), Path::new("/s/sources.toml"), &site).expect("parses");
    assert!(
        matches!(d[0].place, Place::LineCol { line: 6, .. }) && is_msg(&d[0].message, "live-config-bad-timestamp-unit", &[("value", "guess"), ("names", "rfc3339, s, ms, us, ns")]),
        "{d:?}"
    );
}

#[test]
fn the_credential_is_read_from_the_environment_and_sent_as_the_header() {
    use std::io::{Read, Write};
    let (site, _) = cement();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().expect("a request");
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        String::from_utf8_lossy(&head).into_owned()
    });
    unsafe { std::env::set_var("PLANT_TWIN_TEST_HEADER_TOKEN", "Bearer t0ken-42") };
    let text = one_source(&format!("url = \"http://127.0.0.1:{port}/v\"\nauth_header = \"Authorization\"\nauth_env = \"PLANT_TWIN_TEST_HEADER_TOKEN\"\n"));
    let (cfg, d) = plant_live::parse_from(&text, Path::new("/site/sources.toml"), &site, plant_live::Origin::Package).expect("parses");
    assert!(d.is_empty(), "{d:?}");
    assert!(!format!("{:?}", cfg.sources[0]).contains("t0ken-42"), "the value is never stored in the configuration");
    let live = plant_live::LiveHandle::start(cfg.sources).expect("start");
    let head = seen.join().expect("listener");
    drop(live);
    assert!(head.lines().any(|l| l.eq_ignore_ascii_case("authorization: Bearer t0ken-42")), "{head}");
}

#[test]
fn duration_errors_are_messages_of_the_catalogue() {
    let e = plant_live::parse_duration_ms("soon").expect_err("not a duration");
    assert!(is_msg(&e.message(), "live-error-not-a-duration", &[("text", "soon")]), "{e:?}");
    assert!(e.to_string().starts_with("\"soon\" is not a duration") && reads_in_chinese(&e.message()), "{e}");
    let e = plant_live::parse_duration_ms("20years").expect_err("too long");
    assert!(is_msg(&e.message(), "live-error-duration-too-long", &[("text", "20years")]) && reads_in_chinese(&e.message()), "{e:?}");
}
