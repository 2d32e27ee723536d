use plant_live::{PollError, parse_json, parse_prometheus};

fn meters(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn json_payloads_give_samples_and_name_each_problem() {
    let m = meters(&[("a", "/v/a"), ("b", "/v/b"), ("c", "/v/c"), ("d", "/v/d"), ("e", "/v/e")]);
    let body = r#"{"ts": "2026-11-24T08:00:00+08:00", "v": {"a": 1.5, "b": "2.25", "c": "n/a", "d": null}}"#;
    let r = parse_json(body, Some("/ts"), &m, 99).expect("parses");
    let t = 1_795_478_400_000; // 2026-11-24T00:00:00Z
    assert_eq!(r.samples, vec![("a".into(), t, 1.5), ("b".into(), t, 2.25)]);
    assert!(r.problems.iter().any(|p| p.starts_with("c:") && p.contains("not a number")), "{:?}", r.problems);
    assert!(r.problems.iter().any(|p| p.starts_with("e:") && p.contains("nothing at /v/e")), "{:?}", r.problems);
    assert_eq!(r.problems.len(), 2, "null is 'no value now', not a problem");
    // Unix seconds and milliseconds; no timestamp pointer → time received.
    assert_eq!(parse_json(r#"{"t": 1795478400, "v": {"a": 1}}"#, Some("/t"), &m[..1], 0).expect("s").samples[0].1, t);
    assert_eq!(parse_json(r#"{"t": 1795478400000, "v": {"a": 1}}"#, Some("/t"), &m[..1], 0).expect("ms").samples[0].1, t);
    assert_eq!(parse_json(r#"{"v": {"a": 1}}"#, None, &m[..1], 42).expect("recv").samples[0].1, 42);
    let r = parse_json(r#"{"v": {"a": 1}}"#, Some("/t"), &m[..1], 42).expect("no ts");
    assert_eq!(r.samples[0].1, 42);
    assert!(r.problems[0].contains("no timestamp"));
    assert!(matches!(parse_json("{\"v\": ", None, &m, 0), Err(PollError::Payload(_))));
    assert!(matches!(parse_json("<html>busy</html>", None, &m, 0), Err(PollError::Payload(_))));
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
    assert!(r.problems[0].contains("2 series"));
    let none = r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
    assert!(parse_prometheus(none, "a").expect("empty").problems[0].contains("no series"));
    let err = r#"{"status":"error","errorType":"bad_data","error":"parse error at char 5"}"#;
    assert!(matches!(parse_prometheus(err, "a"), Err(PollError::Payload(e)) if e.contains("parse error")));
}
