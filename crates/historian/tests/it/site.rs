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

/// A web server that is not the database answers an HTML page: the error says the address is not the API's,
/// not that a window is missing.
#[test]
fn a_web_page_is_not_taken_for_the_api() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let Ok((mut s, _)) = listener.accept() else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let page = "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>";
            let _ = write!(s, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}", page.len());
        }
    });
    let o = open(&format!("[historian]\nurl = \"http://127.0.0.1:{port}\"\n"));
    let h = o.site.historian.clone().expect("historian");
    let e = plant_historian::window(&o.site, &h).expect_err("not the API");
    let text = e.to_string();
    assert!(text.contains("web page") && !text.contains("from and to") && !text.contains("nginx"), "{text}");
    drop(server);
}
