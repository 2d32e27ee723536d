use std::path::Path;

use plant_site::parse;

const BASE: &str = r#"
[site]
name = "t"
kind = "test"
time_zone = "Asia/Shanghai"
model = ""
[[equipment]]
id = "e"
type = "pump"
name = "E"
[[meter]]
id = "e.power"
quantity = "electric_power"
unit = "kW"
equipment = "e"
"#;

fn open(historian: &str) -> plant_site::Opened {
    parse(&format!("{BASE}\n{historian}"), Path::new("/tmp/x")).expect("site.toml parses")
}

#[test]
fn a_historian_table_is_read_with_its_defaults_and_times_in_the_sites_zone() {
    let o = open("[historian]\nurl = \"http://127.0.0.1:8428/\"\nfrom = \"2026-11-01 00:00\"\nto = \"2026-11-02T00:00:00Z\"\n");
    let h = o.site.historian.expect("historian");
    assert_eq!(h.url, "http://127.0.0.1:8428");
    assert_eq!(h.selector, r#"plant_twin_meter{meter="{meter}"}"#);
    // 2026-11-01 00:00 in Shanghai is 2026-10-31 16:00 UTC.
    assert_eq!(h.from_ms, Some(1_793_462_400_000));
    assert_eq!(h.to_ms, Some(1_793_577_600_000));
    assert_eq!((h.chunk_ms, h.timeout_ms), (86_400_000, 30_000));
    assert!(o.diagnostics.iter().all(|d| !d.is_error()), "{:?}", o.diagnostics);
    assert!(o.diagnostics.iter().all(|d| !d.to_string().contains("data file")), "a site with a historian needs no data file: {:?}", o.diagnostics);
}

#[test]
fn a_bad_historian_table_is_an_error_at_its_line_and_left_out() {
    for (table, says) in [
        ("url = \"ftp://host\"", "http://"),
        ("url = \"http://h\"\nselector = 'x{a=\"b\"}'", "{meter}"),
        ("url = \"http://h\"\nfrom = \"yesterday\"", "not a time"),
        ("url = \"http://h\"\nfrom = \"2026-11-02\"\nto = \"2026-11-01\"", "ends before"),
        ("url = \"http://h\"\nchunk = \"10s\"", "duration"),
        ("url = \"http://h\"\nauth_header = \"Authorization\"", "auth_env"),
    ] {
        let o = open(&format!("[historian]\n{table}\n"));
        assert!(o.site.historian.is_none(), "{table}");
        let e = o.diagnostics.iter().find(|d| d.is_error()).unwrap_or_else(|| panic!("no error for {table}"));
        let text = e.to_string();
        assert!(text.contains(says) && text.contains("site.toml:"), "{table}: {text}");
    }
}
