use plant_alarms::engine::{Action, ActionKind};
use plant_alarms::oplog::{append, path_for, read};
use plant_i18n::Lang;

#[test]
fn the_operator_log_reads_back_what_was_appended_and_reports_a_torn_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("site-a"), dir.path().join("copy/site-a"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    let folder = dir.path().join("operator-logs");
    // One log per package: two copies of a site keep two; the same folder always the same one.
    let (pa, pb) = (path_for(&folder, &a), path_for(&folder, &b));
    assert_ne!(pa, pb);
    assert_eq!(pa, path_for(&folder, &a));
    assert!(pa.file_name().is_some_and(|n| n.to_string_lossy().starts_with("site-a-")), "{pa:?}");
    // No log yet: nothing, and no complaint.
    assert_eq!(read(&pa), (Vec::new(), Vec::new()));
    let acts = [
        Action { t_ms: 2_000, alarm: "kiln-1.speed.low".into(), kind: ActionKind::Acknowledge, note: "窑速已恢复".into() },
        Action { t_ms: 1_000, alarm: "kiln-1.burning-zone-temp.low".into(), kind: ActionKind::Shelve { until_ms: 9_000 }, note: "flush".into() },
    ];
    for x in &acts {
        assert!(append(&pa, x).is_ok());
    }
    // Read back in time order.
    let (got, diags) = read(&pa);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(got, vec![acts[1].clone(), acts[0].clone()]);
    // A torn last line (a crash while writing) and a line of something else: each reported with its line, the
    // rest kept.
    let mut text = std::fs::read_to_string(&pa).expect("log");
    text.push_str("{\"t_ms\": 5, \"alarm\": \"x\"\nnot json\n");
    std::fs::write(&pa, text).expect("write");
    let (got, diags) = read(&pa);
    assert_eq!(got.len(), 2);
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(diags[0].text_in(Lang::En).contains(":3:") && diags[1].text_in(Lang::En).contains(":4:"), "{diags:?}");
    assert!(diags[0].text_in(Lang::ZhCn).contains("操作员"), "{}", diags[0].text_in(Lang::ZhCn));
}
