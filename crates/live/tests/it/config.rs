use std::path::Path;

use plant_live::{SourceKind, parse};
use plant_site::Place;

use crate::cement;

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
fn a_sources_file_maps_every_meter_and_keeps_secrets_out() {
    let (site, _) = cement();
    let (cfg, diags) = parse(GOOD, Path::new("/site/sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let scada = &cfg.sources[0];
    assert_eq!((scada.interval_ms, scada.timeout_ms), (2_000, 500));
    assert_eq!(scada.auth.as_ref().map(|a| a.env.as_str()), Some("PLANT_TWIN_TEST_TOKEN"));
    let SourceKind::HttpJson { meters, timestamp_pointer } = &scada.kind else { panic!("kind") };
    assert_eq!(timestamp_pointer.as_deref(), Some("/timestamp"));
    assert_eq!(meters.len(), site.meters.len(), "the template covers every meter");
    assert!(meters.contains(&("kiln-1.drive-power".into(), "/values/kiln_drive_kW".into())), "an explicit entry overrides the template");
    assert!(meters.contains(&("kiln-1.speed".into(), "/meters/kiln-1.speed".into())));
    let SourceKind::Prometheus { queries, backfill_ms, step_ms } = &cfg.sources[1].kind else { panic!("kind") };
    assert_eq!((*backfill_ms, *step_ms), (6 * 3_600_000, 5_000));
    assert!(queries.contains(&("kiln-1.speed".into(), r#"plant_meter_value{meter="kiln-1.speed"}"#.into())));
    let rec = cfg.recorder.expect("recorder");
    assert_eq!((rec.folder.as_path(), rec.flush_ms, rec.roll_ms), (Path::new("/site/recordings"), 30_000, 3_600_000));
}

#[test]
fn bad_entries_are_reported_at_their_line_and_the_rest_is_kept() {
    let (site, _) = cement();
    let text = GOOD
        .replace("interval = \"2s\"", "interval = \"fast\"")
        .replace("kind = \"prometheus\"", "kind = \"influx\"")
        .replace("\"kiln-1.drive-power\" = ", "\"kiln-9.power\" = ");
    let (cfg, diags) = parse(&text, Path::new("/site/sources.toml"), &site).expect("parses");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("line");
    let find = |needle: &str| diags.iter().find(|d| d.message.contains(needle)).unwrap_or_else(|| panic!("{needle}: {diags:?}"));
    assert_eq!(find("not a duration").place, Place::LineCol { line: line_of("fast"), column: 12 });
    assert!(matches!(find("unknown source kind").place, Place::LineCol { line, .. } if line == line_of("influx")));
    assert!(find("kiln-9.power").message.contains("no meter"));
    // The HTTP source stays (default interval), the unknown kind is dropped.
    assert_eq!(cfg.sources.len(), 1);
    assert_eq!(cfg.sources[0].interval_ms, 5_000);
    // A syntax error is one diagnostic with its place.
    let e = parse("[[source]\nid = 1", Path::new("/s/sources.toml"), &site).expect_err("syntax");
    assert!(matches!(e.place, Place::LineCol { line: 1, .. }), "{e:?}");
    // Half an auth pair, a non-HTTP URL.
    let (_, d) = parse("[[source]]\nid = \"a\"\nkind = \"http-json\"\nurl = \"ftp://x\"\n", Path::new("/s/sources.toml"), &site).expect("parses");
    assert!(d[0].message.contains("http://"), "{d:?}");
    let (_, d) = parse("[[source]]\nid = \"a\"\nkind = \"http-json\"\nurl = \"http://x\"\nauth_env = \"T\"\npointer_template = \"/{meter}\"\n", Path::new("/s/sources.toml"), &site).expect("parses");
    assert!(d.iter().any(|x| x.message.contains("auth_header and auth_env")), "{d:?}");
}
