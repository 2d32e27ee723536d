use plant_historian::parse::parse_answer;
use plant_historian::promql::{Plan, plan, quote, regex_literal};

#[test]
fn a_matrix_answer_gives_each_series_with_its_labels_and_samples_in_ms() {
    let body = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"plant_twin_meter","meter":"kiln-1.power","unit":"kW"},"values":[[1700000000,"12.5"],[1700000060.5,"NaN"],[1700000120,"+Inf"]]},
        {"metric":{"meter":"b"},"values":[[1700000000,"1e3"],["x","1"],[1700000060,"not a number"]]}]}}"#;
    let (series, bad) = parse_answer(body).expect("parses");
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].labels["meter"], "kiln-1.power");
    assert_eq!(series[0].times_ms, vec![1_700_000_000_000, 1_700_000_060_500, 1_700_000_120_000]);
    assert_eq!(series[0].values[0], 12.5);
    assert!(series[0].values[1].is_nan() && series[0].values[2] == f64::INFINITY, "NaN and Inf are kept for the store to count");
    assert_eq!(series[1].values, vec![1000.0]);
    assert_eq!(bad, 2, "a non-numeric time and a non-numeric value are counted, not read");
}

#[test]
fn a_vector_answer_gives_one_sample_a_series() {
    let body = r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"meter":"a"},"value":[1700000000,"3"]}]}}"#;
    let (series, bad) = parse_answer(body).expect("parses");
    assert_eq!((series[0].times_ms.clone(), series[0].values.clone(), bad), (vec![1_700_000_000_000], vec![3.0], 0));
}

#[test]
fn errors_and_wrong_shapes_are_refused_with_the_servers_words() {
    let err = parse_answer(r#"{"status":"error","errorType":"bad_data","error":"unknown function tfirst_over_time"}"#).expect_err("an error");
    assert!(err.text().contains("unknown function tfirst_over_time"), "{}", err.text());
    for bad in ["", "<html>", "[]", r#"{"status":"success"}"#, r#"{"status":"success","data":{"result":7}}"#] {
        assert!(parse_answer(bad).is_err(), "{bad:?} is not an answer");
    }
    // Times beyond ±10,000 years are not samples.
    let (series, bad) = parse_answer(r#"{"status":"success","data":{"result":[{"metric":{},"values":[[1e300,"1"],[-1e300,"1"]]}]}}"#).expect("parses");
    assert!(series[0].values.is_empty() && bad == 2);
}

#[test]
fn meters_in_one_label_are_asked_for_a_hundred_at_a_time_with_an_escaped_alternation() {
    let meters: Vec<(String, String)> = (0..250).map(|i| (format!("m{i}.kw"), format!("col{i}"))).collect();
    let Plan::ByLabel { label, batches } = plan(r#"plant_twin_meter{site="a",meter="{meter}"}"#, &meters) else { panic!("batched") };
    assert_eq!(label, "meter");
    assert_eq!(batches.len(), 3);
    assert_eq!(batches[0].1.len(), 100);
    assert_eq!(batches[2].1.len(), 50);
    assert!(batches[0].0.starts_with(r#"plant_twin_meter{site="a",meter=~"m0\\.kw|m1\\.kw|"#), "{}", batches[0].0);
    assert_eq!(batches[0].1[0], ("m0.kw".to_string(), "m0.kw".to_string()));
    // By column: the label's value is the column, mapped back to the meter's id.
    let Plan::ByLabel { label, batches } = plan(r#"scada_value{tag="{column}"}"#, &meters) else { panic!("batched") };
    assert_eq!((label.as_str(), batches[0].1[0].clone()), ("tag", ("col0".to_string(), "m0.kw".to_string())));
}

#[test]
fn other_selectors_are_asked_for_meter_by_meter_with_quotes_escaped() {
    let meters = vec![("a\"b".to_string(), "c".to_string())];
    let Plan::PerMeter(list) = plan(r#"avg(x{tag=~"{meter}.*"})"#, &meters) else { panic!("per meter") };
    assert_eq!(list[0].1, r#"avg(x{tag=~"a\"b.*"})"#);
    assert_eq!(quote(r#"a\b"#), r#"a\\b"#);
    assert_eq!(regex_literal("a.b|c"), r#"a\\.b\\|c"#);
    // The placeholder twice, or in a function's argument outside braces, is not one label's value.
    assert!(matches!(plan(r#"x{a="{meter}"} + y{b="{meter}"}"#, &meters), Plan::PerMeter(_)));
    // A character of several bytes before the label (found by the fuzz target historian_json).
    assert!(matches!(plan("x{a=\"b\"\u{352}eter=\"{meter}\"}", &meters), Plan::PerMeter(_)));
    let Plan::ByLabel { label, .. } = plan("x{é=\"1\",meter=\"{meter}\"}", &meters) else { panic!("batched") };
    assert_eq!(label, "meter");
}
