//! What the what-if panel shows of a model — its name, settings, outputs, limits and errors — is in the
//! catalogue in both languages, and the English of the catalogue is the model's stable English name.

use std::sync::atomic::AtomicBool;

use plant_i18n::{Lang, Msg};
use plant_process::kiln::CementKiln;
use plant_process::{Objective, OptimiseOptions, Prices, Process, ProcessError, all, optimise};

fn chinese(m: &Msg) -> String {
    let zh = m.text_in(Lang::ZhCn);
    assert!(zh != m.id && zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{}: no Chinese in \"{zh}\"", m.id);
    zh
}

#[test]
fn every_name_a_model_shows_is_in_both_catalogues() {
    let prices = Prices::default();
    let mut ids = std::collections::BTreeSet::new();
    for p in all() {
        assert_eq!(p.name_msg().text_in(Lang::En), p.name(), "{}", p.id());
        chinese(&p.name_msg());
        let _ = p.production_unit_msg().text_in(Lang::ZhCn);
        for s in p.settings() {
            assert_eq!(s.label.text_in(Lang::En), s.name, "{} {}", p.id(), s.key);
            assert_eq!(s.source_label.text_in(Lang::En), s.source, "{} {}", p.id(), s.key);
            chinese(&s.label);
            assert!(s.source_label.text_in(Lang::ZhCn) != s.source_label.id);
            assert!(ids.insert(s.label.id.clone()) && ids.insert(s.source_label.id.clone()), "{} used twice", s.label.id);
        }
        let e = p.evaluate(&p.defaults(), &prices);
        for o in &e.outputs {
            assert_eq!(o.label.text_in(Lang::En), o.name, "{} {}", p.id(), o.key);
            chinese(&o.label);
            assert!(ids.insert(o.label.id.clone()), "{} used twice", o.label.id);
        }
        for c in &e.constraints {
            assert_eq!(c.label.text_in(Lang::En), c.name, "{} {}", p.id(), c.key);
            chinese(&c.label);
            assert!(ids.insert(c.label.id.clone()), "{} used twice", c.label.id);
        }
    }
    // A plain unit is itself in both languages; the chiller plant's product is worded.
    let chiller = plant_process::by_id("chiller-plant").expect("chiller plant");
    assert_eq!(chiller.production_unit_msg().text_in(Lang::En), "kWh cooling");
    assert_eq!(chiller.production_unit_msg().text_in(Lang::ZhCn), "kWh 冷量");
    let kiln = plant_process::by_id("cement-kiln").expect("kiln");
    assert_eq!(kiln.production_unit_msg().text_in(Lang::ZhCn), "t");
}

#[test]
fn errors_are_messages_of_the_catalogue() {
    let e: ProcessError = "watts".parse::<Objective>().expect_err("unknown");
    assert_eq!((e.message().id.as_ref(), e.to_string()), ("process-error-unknown-objective", "unknown objective \"watts\" (energy, co2 or cost)".to_string()));
    assert!(chinese(&e.message()).contains("watts"));
    // No point makes 10,000 t/h of clinker: the optimiser says so, naming the model.
    let mut kiln = CementKiln::default();
    kiln.production_target_t_h = 10_000.0;
    let opts = OptimiseOptions { samples: 16, starts: 1, max_eval: 20, ..OptimiseOptions::for_process(&kiln, Objective::Energy) };
    let e = optimise(&kiln, &kiln.defaults(), &opts, &AtomicBool::new(false), &mut |_| {}).expect_err("infeasible");
    assert_eq!(e, ProcessError::Infeasible { process: "cement-kiln" });
    assert!(e.to_string().starts_with("Cement kiln line (precalciner, grate cooler): no point within every limit"), "{e}");
    assert!(chinese(&e.message()).contains("未找到"));
}
