//! The flows view's texts in English and in 简体中文 (asked for in one language each: the current language is
//! process-wide and the tests run in parallel).

use plant_accounting::ImbalanceLine;
use plant_flows_view::sankey::{Kind, carrier_msg, imbalance, process_node};
use plant_i18n::Lang;

#[test]
fn process_co2_nodes_are_named_by_kind_and_product() {
    assert_eq!(process_node("Clinker", "calcination").text_in(Lang::En), "Process CO2: calcination (Clinker)");
    assert_eq!(process_node("熟料", "calcination").text_in(Lang::ZhCn), "过程排放：碳酸盐分解（熟料）");
    assert_eq!(process_node("Primary aluminium", "pfc").text_in(Lang::En), "PFC as CO2e (Primary aluminium)");
    assert_eq!(process_node("原铝液", "pfc").text_in(Lang::ZhCn), "全氟化碳，以 CO2e 计（原铝液）");
    // A kind the catalogue does not know shows as written.
    assert_eq!(process_node("Lime", "dolomite").text_in(Lang::ZhCn), "过程排放：dolomite（Lime）");
}

#[test]
fn carriers_and_scopes_have_names_in_both_languages() {
    assert_eq!(carrier_msg("natural-gas").text_in(Lang::En), "natural gas");
    assert_eq!(carrier_msg("natural-gas").text_in(Lang::ZhCn), "天然气");
    assert_eq!(carrier_msg("tertiary-air").text_in(Lang::ZhCn), "三次风");
    assert_eq!(carrier_msg("bio-pellets").text_in(Lang::ZhCn), "bio-pellets", "an unknown carrier as site.toml writes it");
    assert_eq!(Kind::Scope2.msg().text_in(Lang::ZhCn), "范围二排放");
    assert_eq!(Kind::Scope1Process.msg().text_in(Lang::En), "scope 1, process");
}

#[test]
fn a_node_out_of_balance_says_what_went_in_and_out() {
    let b = ImbalanceLine {
        node: "coal-mill-1".into(),
        name: "Coal mill".into(),
        quantity: "coal (energy)".into(),
        inflow: 1234.56,
        outflow: 1200.0,
        unit: "MWh".into(),
        relative: 0.028,
    };
    assert_eq!(imbalance(Lang::En, &b), "Out of balance, coal: in 1,234.6 MWh, out 1,200.0 MWh (+2.8 %)");
    assert_eq!(imbalance(Lang::ZhCn, &b), "不平衡，煤：流入 1,234.6 MWh，流出 1,200.0 MWh（+2.8 %）");
}
