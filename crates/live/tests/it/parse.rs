use plant_i18n::Lang;
use plant_live::{PollError, SampleWindow, TimestampUnit, parse_json, parse_prometheus};

use crate::{is_msg, reads_in_chinese};

fn meters(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn json_payloads_give_samples_and_name_each_problem() {
    let m = meters(&[("a", "/v/a"), ("b", "/v/b"), ("c", "/v/c"), ("d", "/v/d"), ("e", "/v/e")]);
    let body = r#"{"ts": "2026-11-24T08:00:00+08:00", "v": {"a": 1.5, "b": "2.25", "c": "n/a", "d": null}}"#;
    let r = parse_json(body, Some("/ts"), TimestampUnit::Rfc3339, &m, 99).expect("parses");
    let t = 1_795_478_400_000; // 2026-11-24T00:00:00Z
    assert_eq!(r.samples, vec![("a".into(), t, 1.5), ("b".into(), t, 2.25)]);
    assert!(r.problems.iter().any(|p| is_msg(p, "live-problem-not-a-number", &[("meter", "c"), ("value", "\"n/a\""), ("pointer", "/v/c")])), "{:?}", r.problems);
    assert!(r.problems.iter().any(|p| is_msg(p, "live-problem-nothing-at", &[("meter", "e"), ("pointer", "/v/e")])), "{:?}", r.problems);
    assert_eq!(r.problems.len(), 2, "null is 'no value now', not a problem");
    // The problems read in both languages, naming the meter and the pointer.
    for p in &r.problems {
        assert!(reads_in_chinese(p), "{p:?}: {}", p.text_in(Lang::ZhCn));
    }
    assert_eq!(r.problems[1].text_in(Lang::En), "e: nothing at /v/e");
    assert!(r.problems[1].text_in(Lang::ZhCn).contains("/v/e"));
    // Unix seconds and milliseconds, as configured; no timestamp pointer → time received.
    assert_eq!(parse_json(r#"{"t": 1795478400, "v": {"a": 1}}"#, Some("/t"), TimestampUnit::Seconds, &m[..1], 0).expect("s").samples[0].1, t);
    assert_eq!(parse_json(r#"{"t": 1795478400000, "v": {"a": 1}}"#, Some("/t"), TimestampUnit::Millis, &m[..1], 0).expect("ms").samples[0].1, t);
    assert_eq!(parse_json(r#"{"v": {"a": 1}}"#, None, TimestampUnit::Rfc3339, &m[..1], 42).expect("recv").samples[0].1, 42);
    let r = parse_json(r#"{"v": {"a": 1}}"#, Some("/t"), TimestampUnit::Rfc3339, &m[..1], 42).expect("no ts");
    assert_eq!(r.samples[0].1, 42);
    assert!(is_msg(&r.problems[0], "live-problem-no-timestamp", &[("pointer", "/t")]), "{:?}", r.problems);
    assert!(matches!(parse_json("{\"v\": ", None, TimestampUnit::Rfc3339, &m, 0), Err(PollError::Payload(_))));
    assert!(matches!(parse_json("<html>busy</html>", None, TimestampUnit::Rfc3339, &m, 0), Err(PollError::Payload(_))));
}

#[test]
fn prometheus_answers_vector_matrix_and_errors() {
    let v = r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"meter":"a"},"value":[1795305600.5,"42.5"]}]}}"#;
    assert_eq!(parse_prometheus(v, "a").expect("vector").samples, vec![("a".into(), 1_795_305_600_500, 42.5)]);
    let m = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1795305600,"1"],[1795305615,"NaN"],[1795305630,"3"]]}]}}"#;
    let r = parse_prometheus(m, "a").expect("matrix");
    assert_eq!(r.samples, vec![("a".into(), 1_795_305_600_000, 1.0), ("a".into(), 1_795_305_630_000, 3.0)], "NaN is skipped");
    let two = r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]},{"metric":{},"value":[1,"2"]}]}}"#;
    let r = parse_prometheus(two, "a").expect("two");
    assert_eq!(r.samples.len(), 1);
    assert!(is_msg(&r.problems[0], "live-problem-several-series", &[("meter", "a"), ("count", "2")]), "{:?}", r.problems);
    assert!(r.problems[0].text_in(Lang::En).contains("2 series"));
    let none = r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
    assert!(is_msg(&parse_prometheus(none, "a").expect("empty").problems[0], "live-problem-no-series", &[("meter", "a")]));
    let err = r#"{"status":"error","errorType":"bad_data","error":"parse error at char 5"}"#;
    let e = parse_prometheus(err, "a").expect_err("an error answer");
    assert!(matches!(&e, PollError::Payload(m) if is_msg(m, "live-payload-prometheus-error", &[("error", "parse error at char 5")])), "{e:?}");
    assert_eq!(e.message().text_in(Lang::En), "bad payload: Prometheus: parse error at char 5");
    assert!(reads_in_chinese(&e.message()));
}

#[test]
fn microsecond_and_nanosecond_timestamps_read_as_configured() {
    let m = meters(&[("a", "/v/a")]);
    let t = 1_795_478_400_123; // 2026-11-24T00:00:00.123Z
    let at = |body: &str, unit| parse_json(body, Some("/t"), unit, &m, 0).expect("parses").samples[0].1;
    assert_eq!(at(r#"{"t": 1795478400123456, "v": {"a": 1}}"#, TimestampUnit::Micros), t);
    assert_eq!(at(r#"{"t": 1795478400123456789, "v": {"a": 1}}"#, TimestampUnit::Nanos), t);
    assert_eq!(at(r#"{"t": "1795478400123456", "v": {"a": 1}}"#, TimestampUnit::Micros), t, "a number in a string");
    assert_eq!(at(r#"{"t": 1795478400.123, "v": {"a": 1}}"#, TimestampUnit::Seconds), t);
    // A number where RFC 3339 is configured is a problem, not a guess: the time received is used.
    let r = parse_json(r#"{"t": 1795478400123456, "v": {"a": 1}}"#, Some("/t"), TimestampUnit::Rfc3339, &m, 7).expect("parses");
    assert_eq!(r.samples[0].1, 7);
    assert!(is_msg(&r.problems[0], "live-problem-timestamp-not-text", &[("pointer", "/t")]), "{:?}", r.problems);
    assert!(r.problems[0].text_in(Lang::En).contains("timestamp_unit") && r.problems[0].text_in(Lang::ZhCn).contains("timestamp_unit"));
    // Beyond ±31,000 years is not a time.
    let r = parse_json(r#"{"t": 1e300, "v": {"a": 1}}"#, Some("/t"), TimestampUnit::Millis, &m, 7).expect("parses");
    assert_eq!(r.samples[0].1, 7);
}

#[test]
fn samples_far_in_the_future_or_before_the_backfill_window_are_refused_and_counted() {
    let source = plant_live::Source {
        id: "s".into(),
        url: "http://127.0.0.1:1/".into(),
        host: "127.0.0.1:1".into(),
        kind: plant_live::SourceKind::Prometheus { queries: vec![], backfill_ms: 3_600_000, step_ms: 1_000 },
        interval_ms: 1_000,
        timeout_ms: 1_000,
        auth: None,
    };
    let start = 1_795_478_400_000;
    let w = SampleWindow::new(&source, start);
    let now = start + 10_000;
    // A microsecond epoch misread as milliseconds (the year 55,000), seconds misread as ms (1970), one
    // just inside each edge, and a good one.
    let samples = vec![
        ("a".to_string(), 1_795_478_400_000_000, 1.0),
        ("a".to_string(), 1_795_478_400, 2.0),
        ("a".to_string(), now + plant_live::MAX_CLOCK_SKEW_MS, 3.0),
        ("a".to_string(), start - 3_600_000 - plant_live::MAX_CLOCK_SKEW_MS, 4.0),
        ("a".to_string(), now, 5.0),
        ("a".to_string(), now + plant_live::MAX_CLOCK_SKEW_MS + 1, 6.0),
    ];
    let (kept, refused) = w.screen(samples, now);
    assert_eq!(kept.iter().map(|s| s.2).collect::<Vec<_>>(), vec![3.0, 4.0, 5.0]);
    assert_eq!(refused, plant_live::Refused { future: 2, past: 1 });
}

#[test]
fn refused_samples_are_counted_in_words_of_both_languages() {
    let one = plant_i18n::msg!("live-refused-future", count = 1, minutes = 5);
    assert!(one.text_in(Lang::En).starts_with("one sample refused: more than 5 min ahead"), "{}", one.text_in(Lang::En));
    let many = plant_i18n::msg!("live-refused-past", count = 3);
    assert!(many.text_in(Lang::En).starts_with("3 samples refused: older than"), "{}", many.text_in(Lang::En));
    assert!(reads_in_chinese(&one) && many.text_in(Lang::ZhCn).starts_with("拒收 3 个样本"), "{}", many.text_in(Lang::ZhCn));
}
