use std::path::Path;

use plant_i18n::Lang;
use plant_site::{FlowValue, NodeKind, Place, parse, parse_linear};

use crate::arg;

#[test]
fn linear_formulas_parse_with_signs_coefficients_and_dashed_ids() {
    assert_eq!(parse_linear("a").expect("ok"), vec![(1.0, "a".to_string())]);
    assert_eq!(
        parse_linear("substation-1.incomer - raw-mill-1.power - 0.5 * kiln-1.drive + fan-2").expect("ok"),
        vec![(1.0, "substation-1.incomer".into()), (-1.0, "raw-mill-1.power".into()), (-0.5, "kiln-1.drive".into()), (1.0, "fan-2".into())]
    );
    assert_eq!(parse_linear("").map_err(|m| m.id), Err("site-formula-empty".into()));
    assert!(parse_linear("a - ").is_err());
    assert_eq!(parse_linear("two * a").map_err(|m| arg(&m, "text")), Err("two".into()));
    assert!(parse_linear("a b").is_err());
}

const SITE: &str = r#"
[site]
name = "t"
kind = "cement-plant"
time_zone = "UTC"

[[equipment]]
id = "main"
type = "substation"
name = "Main"

[[equipment]]
id = "mill"
type = "mill"
name = "Mill"

[[meter]]
id = "main.p"
quantity = "electric_power"
unit = "MW"
equipment = "main"

[[meter]]
id = "mill.p"
quantity = "electric_power"
unit = "kW"
equipment = "mill"

[[meter]]
id = "mill.out"
quantity = "mass_flow"
unit = "t/h"
equipment = "mill"

[[node]]
id = "grid"
name = "Grid electricity"
kind = "source"
factor = "cn-reporting-2022"

[[node]]
id = "rest"
name = "Unmetered"
kind = "unmetered"

[[flow]]
from = "grid"
to = "main"
carrier = "electricity"
meter = "main.p"

[[flow]]
from = "main"
to = "mill"
carrier = "electricity"
meter = "mill.p"

[[flow]]
from = "main"
to = "rest"
carrier = "electricity"
value = "main.p - mill.p"
"#;

#[test]
fn nodes_and_computed_flows_parse() {
    let o = parse(SITE, Path::new("/s")).expect("parses");
    assert!(o.diagnostics.iter().all(|d| !d.is_error()), "{:?}", o.diagnostics);
    let s = &o.site;
    assert_eq!(s.nodes.len(), 2);
    assert_eq!(s.nodes[0].kind, NodeKind::Source);
    assert_eq!(s.nodes[0].factor.as_deref(), Some("cn-reporting-2022"));
    assert_eq!(s.flows.len(), 3);
    assert_eq!(s.flows[0].meter(), Some("main.p"));
    assert_eq!(s.flows[2].value, FlowValue::Meters(vec![(1.0, "main.p".into()), (-1.0, "mill.p".into())]));
    assert_eq!(s.flows[2].meter(), None);
}

#[test]
fn a_formula_adding_kw_to_t_per_h_is_refused_at_its_line() {
    let text = SITE.replace("value = \"main.p - mill.p\"", "value = \"main.p - mill.out\"");
    let o = parse(&text, Path::new("/s")).expect("still opens");
    assert_eq!(o.site.flows.len(), 2, "the bad flow is left out");
    let d = o.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(d.message.id, "site-flow-formula-invalid");
    assert!(d.to_string().contains("cannot combine \"main.p\" (electric power) with \"mill.out\" (mass flow); flow ignored"), "{d}");
    assert_eq!(d.place, Place::LineCol { line: 62, column: 9 });
    assert!(d.to_string().contains("site.toml:62:9: "), "{d}");
    assert!(d.text_in(Lang::ZhCn).contains("site.toml，第 62 行，第 9 列：无法将“main.p”（电功率）与“mill.out”（质量流量）合并计算；已忽略该能流"), "{}", d.text_in(Lang::ZhCn));
}

#[test]
fn bad_flow_ends_and_doubly_defined_values_are_errors() {
    let text = SITE.replace("to = \"rest\"", "to = \"nowhere\"").replace("meter = \"mill.p\"", "meter = \"mill.p\"\nvalue = \"mill.p\"");
    let o = parse(&text, Path::new("/s")).expect("still opens");
    assert_eq!(o.site.flows.len(), 1);
    assert!(o.diagnostics.iter().any(|d| d.message.id == "site-flow-end-unknown" && arg(&d.message, "end") == "nowhere"));
    assert!(o.diagnostics.iter().any(|d| d.message.id == "site-flow-meter-and-value"));
    let dup = SITE.replace("id = \"rest\"", "id = \"mill\"");
    let o = parse(&dup, Path::new("/s")).expect("still opens");
    assert!(o.diagnostics.iter().any(|d| d.message.id == "site-node-id-used" && arg(&d.message, "id") == "mill"));
}
