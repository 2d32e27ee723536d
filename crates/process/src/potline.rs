//! A Hall-Héroult potline (prebaked anodes). Sources (docs/references.md): [Hives-1996], [Haupin-1998],
//! [Grjotheim-Welch-1988], [Entner-AlPrg], [RU-T863], [CODATA-2018], [40CFR98.63], [NDRC-2013-Al], [IPCC-SAR],
//! [IPCC-AR4], [IPCC-AR5], [IPCC-AR6]. docs/models.md ("Aluminium potline") gives every equation with its source.
//!
//! - Bath conductivity (Hives et al. 1996, Metall. Mater. Trans. B):
//!   κ [S/cm] = exp(1.977 − 0.0200·%Al2O3 − 0.0131·%AlF3 − 0.0060·%CaF2 − 0.0106·%MgF2 − 0.0019·%KF
//!   + 0.0121·%LiF − 1204.3/T[K]).
//! - Cell voltage: V = E_rev + η_anode + η_conc + U_bath + U_bubbles + U_anode + U_cathode + U_external, with
//!   U_bath = i × (ACD − d_B)/κ (i anode current density). E_rev 1.20 V and the ohmic drops of a modern
//!   prebake cell (anode 0.28 V, cathode 0.25 V, busbars 0.12 V, η_conc 0.05 V); the anode overvoltage
//!   follows Tafel, 0.55 V at 0.85 A/cm² with slope RT/(αF), α = 0.5.
//! - Bubble layer (Haupin 1998, eq. 30–32, as transcribed in open cell models; docs/research/potline.md):
//!   thickness d_B = (0.5517 + i)/(1 + 2.167·i) cm; coverage φ = 0.9·[0.509 + 0.1823·i − 0.1723·i² +
//!   0.05504·i³ + (0.4322 − 0.3781·BR)/(1 + 1.637·BR) + (0.431 − 0.1437·Δw)/(1 + 7.353·Δw)], BR the NaF/AlF3
//!   mass ratio of the bath, Δw = %Al2O3 − %Al2O3 at anode effect (≥ 0.01); U_bubbles = i·d_B·φ/(κ·(1 − φ)).
//!   About 0.25 V at 0.85 A/cm² (industrial cells: 0.15–0.35 V).
//! - Current efficiency: CE falls as the ACD closes (metal re-oxidation, instability) and as the bath
//!   heats; excess AlF3 raises it. The empirical curve chosen here,
//!   CE = 0.962 − 0.002·(T − 960) + 0.003·(AlF3 − 11) − 0.06·exp(−(ACD − 3.6)/0.5),
//!   gives 94-95 % at 4.5 cm and the steep fall below 4 cm reported in the teaching cases (CE 85-95 %).
//! - Faraday: m_Al = CE × I × M_Al/(3F), 0.3356 kg/(kA·h) at CE = 1. DC energy W = 2.980 × V/CE kWh/kg
//!   (4.2 V, 95 % → 13,175 kWh/t). AC: DC / rectifier efficiency (0.975) + auxiliaries (300 kWh/t).
//! - Heat balance (Entner's AlPrg energy balance of a 200 kA cell: 4.2 V, 95 % CE → 840 kW in, 54 kW in the
//!   external busbars, 409 kW to the reaction and to heating alumina and anodes, 377 kW lost as heat): the
//!   heat a cell must lose is I·(V − U_external − CE × 2.153 V), 2.153 V = 409 kW/(200 kA × 0.95).
//! - Bath temperature is a result: the side ledge grows or melts until the heat through it, h·A·(T − T_liq),
//!   is what the cell loses through its sides, so the superheat is the design superheat × side heat/side
//!   heat at design. Top and bottom losses follow T − T_ambient. The design point (design current and the
//!   default settings) is at the design superheat (a condition, 10 K) with a side share of the heat (a
//!   condition, 0.40). T_liquidus = 1011 − 3.0·%AlF3 − 5.5·%Al2O3 − 2.5·%CaF2 °C (a linear fit around
//!   industrial baths); T = T_liquidus + superheat, solved with the voltage and CE it sets.
//! - Anode effects: the critical current density i_c = [5.5 + 0.018·(T − 1323)]·A^−0.1·(√w − 0.4) A/cm²
//!   (Grjotheim & Welch 1988, ch. 5 eq. 13; T in K, w % Al2O3) fixes the alumina at which the anodes go into
//!   anode effect; scaled (Haupin's cell-design factor) so that it is the cell's measured AE alumina (a
//!   condition, 1.8 %) at the design point, it is w_AE = (0.4 + (√w_AE,d − 0.4)·(i/i_d)·f(T_d)/f(T))², f(T) =
//!   5.5 + 0.018·(T − 1323). The frequency is the cell's measured one (a condition, 0.1 AE/pot-day at the design
//!   point, 2.5 % alumina) × exp(((w_AE − w_AE,d) − (w − 2.5))/0.095 %): the e-folding 0.095 % reproduces a
//!   teaching case (+10 kA on a 175 kA line, bath +5.7 K: 0.2 → 0.45 AE/pot-day [RU-T863]). So anode effects
//!   answer to the alumina, to the current (through i) and to the ACD and the heat (through T).
//! - Anode CO2: NC × (1 − S − Ash) × 44.009/12.011 per t Al [40CFR98.63], net carbon 0.40 t C/t at CE 95 %
//!   (scaled by 0.95/CE), S 2 %, ash 0.4 %; each a condition (the China guideline's defaults: NC 0.42, S 2,
//!   ash 0.4 [NDRC-2013-Al]). PFC: Tier 2 slope, 0.143 kg CF4/(t Al · AE-min/cell-day), C2F6 = 0.121 × CF4,
//!   or fixed factors per t Al (China's defaults without anode-effect data: CF4 0.034, C2F6 0.0034 kg/t);
//!   GWP-100 of the chosen IPCC report (SAR 6,500/9,200 — Chinese national reporting; AR4 7,390/12,200 —
//!   IAI; AR5 6,630/11,100, the default; AR6 7,380/12,400).
//! - Cell size: the design current (150-600 kA cells) and anode current density are conditions; the line
//!   current ranges over 90-105 % of the design, the anodes scale with the current, and the cell's design
//!   heat is what it loses at the design point. Bath additives (CaF2, MgF2, KF, LiF) enter the
//!   conductivity; the liquidus fit takes CaF2 only.
//! - Limits: the ACD may not go below 4.0 cm (shorting and MHD stability); the superheat must stay within
//!   6-16 K (too little: sludge and freezing; too much: the ledge melts); anode effects ≤ 0.3/pot-day.

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, FARADAY, Output, Prices, Process, Setting, clamp};

/// g/mol
const M_AL: f64 = 26.9815;
/// g/mol of NaF and AlF3 (cryolite is 3 NaF·AlF3).
const M_NAF: f64 = 41.988;
const M_ALF3: f64 = 83.977;
/// Busbars and external connections, V.
const U_EXTERNAL: f64 = 0.12;
/// What the reaction and the heating of alumina and anodes take, V per unit of CE: 409 kW/(200 kA × 0.95)
/// [Entner-AlPrg].
const U_CONSUMED_PER_CE: f64 = 409.0 / (200.0 * 0.95);
/// Ambient for the top and bottom losses, °C.
const AMBIENT_C: f64 = 25.0;
/// The e-folding of anode-effect frequency in alumina margin, % ([RU-T863], derived; module docs).
const AE_EFOLD_PCT: f64 = 0.095;
/// The alumina of the design point's anode-effect frequency, %.
const AE_REFERENCE_ALUMINA: f64 = 2.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Potline {
    pub cells: f64,
    /// The cells' design line current, kA (the line-current setting ranges over 90-105 % of it).
    pub design_current_ka: f64,
    /// Anode area per cell, cm² (the design current at the design anode current density).
    pub anode_area_cm2: f64,
    pub caf2_pct: f64,
    /// Bath additives, mass % (they change the conductivity, [Hives-1996]; the liquidus fit ignores them).
    pub mgf2_pct: f64,
    pub kf_pct: f64,
    pub lif_pct: f64,
    /// The cell's heat design: its superheat at the design point, K, and the share of its heat lost through
    /// the sides (through the ledge).
    pub design_superheat_k: f64,
    pub side_heat_share: f64,
    /// The cell's anode effects at the design point: the alumina at which they start, %, how many per
    /// pot-day at 2.5 % alumina, and how long each lasts, min.
    pub ae_alumina_pct: f64,
    pub design_ae_per_day: f64,
    pub ae_duration_min: f64,
    /// Metal to make, t/h (the production constraint).
    pub production_target_t_h: f64,
    /// How the anode CO2 and the PFCs are reported (conditions; defaults: the model's own figures, AR5).
    pub reporting: Reporting,
    /// The design point's heat, kW per cell, and bath temperature, °C (derived from the above).
    design: DesignPoint,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
struct DesignPoint {
    heat_kw: f64,
    t_c: f64,
}

/// A cell at steady state: the bath temperature its heat balance sets, and what follows from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellState {
    /// Bath temperature, liquidus, °C, and superheat, K.
    pub t_c: f64,
    pub liquidus_c: f64,
    pub superheat_k: f64,
    /// Cell voltage and its bath and bubble drops, V.
    pub v: f64,
    pub u_bath: f64,
    pub u_bubbles: f64,
    /// Bubble layer thickness, cm, and coverage (fraction).
    pub bubble_cm: f64,
    pub bubble_coverage: f64,
    pub kappa: f64,
    /// Current efficiency (fraction).
    pub ce: f64,
    /// Heat the cell loses, kW, and the part through its sides.
    pub heat_kw: f64,
    pub side_heat_kw: f64,
    /// Alumina at which anode effects start, %, and anode effects per pot-day.
    pub ae_alumina_pct: f64,
    pub ae_per_day: f64,
}

/// The carbon-reporting choices of a potline: factors the plant's regime prescribes.
#[derive(Clone, Debug, PartialEq)]
pub struct Reporting {
    /// Net carbon consumption, t C per t Al; 0: the model's (0.40 at 95 % CE, scaled by 0.95/CE). The
    /// China guideline's default is 0.42 [NDRC-2013-Al].
    pub net_carbon_t_t: f64,
    /// Sulphur and ash in the baked anodes, % (2.0 and 0.4: [NDRC-2013-Al], [40CFR98.63] Table F-2).
    pub anode_sulphur_pct: f64,
    pub anode_ash_pct: f64,
    /// PFCs per t Al, kg; 0: the Tier 2 slope on the anode-effect minutes. The China guideline's defaults
    /// without anode-effect data: CF4 0.034, C2F6 0.0034 [NDRC-2013-Al].
    pub cf4_kg_t: f64,
    pub c2f6_kg_t: f64,
    /// The IPCC assessment report whose GWP-100 values are used: 2 (SAR, Chinese national reporting), 4
    /// (AR4, IAI), 5 (AR5), 6 (AR6).
    pub gwp_report: u8,
}

impl Default for Reporting {
    fn default() -> Self {
        Self { net_carbon_t_t: 0.0, anode_sulphur_pct: 2.0, anode_ash_pct: 0.4, cf4_kg_t: 0.0, c2f6_kg_t: 0.0, gwp_report: 5 }
    }
}

/// GWP-100 of CF4 and C2F6 in an IPCC assessment report ([IPCC-SAR], [IPCC-AR4], [IPCC-AR5], [IPCC-AR6]).
pub fn pfc_gwp(report: u8) -> Option<(f64, f64)> {
    match report {
        2 => Some((6_500.0, 9_200.0)),
        4 => Some((7_390.0, 12_200.0)),
        5 => Some((6_630.0, 11_100.0)),
        6 => Some((7_380.0, 12_400.0)),
        _ => None,
    }
}

/// Design anode current density of the bundled 400 kA cell, A/cm².
const DESIGN_CURRENT_DENSITY: f64 = 0.85;

impl Default for Potline {
    fn default() -> Self {
        let mut p = Self {
            cells: 240.0,
            design_current_ka: 400.0,
            anode_area_cm2: 400_000.0 / DESIGN_CURRENT_DENSITY,
            caf2_pct: 4.5,
            mgf2_pct: 0.0,
            kf_pct: 0.0,
            lif_pct: 0.0,
            design_superheat_k: 10.0,
            side_heat_share: 0.40,
            ae_alumina_pct: 1.8,
            design_ae_per_day: 0.1,
            ae_duration_min: 2.0,
            production_target_t_h: 0.0,
            reporting: Reporting::default(),
            design: DesignPoint::default(),
        };
        p.redesign();
        p
    }
}

/// kg of aluminium per kA·h at 100 % current efficiency.
pub fn faraday_kg_per_ka_h() -> f64 {
    3600.0 * M_AL / (3.0 * FARADAY)
}

/// Specific DC energy, kWh/t, at cell voltage `v` and current efficiency `ce`.
pub fn dc_kwh_per_t(v: f64, ce: f64) -> f64 {
    3.0 * FARADAY * v / (M_AL * 3.6 * ce)
}

/// The heat a cell must lose, kW, at line current `current_ka`, cell voltage `v`, current efficiency `ce`
/// and `u_external` V outside the cell (busbars): I·(V − U_ext − CE × 2.153 V) [Entner-AlPrg].
pub fn cell_heat_kw(current_ka: f64, v: f64, ce: f64, u_external: f64) -> f64 {
    current_ka * (v - u_external - ce * U_CONSUMED_PER_CE)
}

/// Bath conductivity, S/cm (Hives et al. 1996), compositions in mass %.
pub fn bath_conductivity(al2o3: f64, alf3: f64, caf2: f64, mgf2: f64, kf: f64, lif: f64, t_k: f64) -> f64 {
    (1.977 - 0.0200 * al2o3 - 0.0131 * alf3 - 0.0060 * caf2 - 0.0106 * mgf2 - 0.0019 * kf + 0.0121 * lif - 1204.3 / t_k).exp()
}

/// Current efficiency (fraction) from ACD (cm), bath temperature (°C) and AlF3 (%).
pub fn current_efficiency(acd_cm: f64, t_c: f64, alf3: f64) -> f64 {
    (0.962 - 0.002 * (t_c - 960.0) + 0.003 * (alf3 - 11.0) - 0.06 * (-(acd_cm - 3.6) / 0.5).exp()).clamp(0.5, 0.99)
}

/// Bath ratio (NaF/AlF3 by mass) of a bath with `alf3` % excess AlF3 in the `solvent` % that is cryolite and
/// excess AlF3 (the rest: alumina and additives). Cryolite alone is 3·M_NaF/M_AlF3 = 1.50.
pub fn bath_ratio(alf3: f64, solvent: f64) -> f64 {
    let r = (alf3 / solvent.max(1.0)).clamp(0.0, 0.99);
    let naf = 3.0 * M_NAF / (3.0 * M_NAF + M_ALF3);
    naf * (1.0 - r) / ((1.0 - naf) * (1.0 - r) + r)
}

/// Haupin's bubble layer (1998, eq. 30–31): thickness, cm, and coverage (fraction) at anode current density
/// `i` A/cm², bath ratio `br` and `margin` % alumina above the anode-effect alumina.
pub fn bubble_layer(i: f64, br: f64, margin: f64) -> (f64, f64) {
    let d = (0.5517 + i) / (1.0 + 2.167 * i);
    let dw = margin.max(0.01);
    let phi = 0.9 * (0.509 + 0.1823 * i - 0.1723 * i * i + 0.05504 * i * i * i + (0.4322 - 0.3781 * br) / (1.0 + 1.637 * br) + (0.431 - 0.1437 * dw) / (1.0 + 7.353 * dw));
    (d, phi.clamp(0.0, 0.95))
}

/// The temperature term of the critical current density (Grjotheim & Welch 1988), `t_k` in K.
fn ccd_temperature(t_k: f64) -> f64 {
    5.5 + 0.018 * (t_k - 1323.0)
}

impl Potline {
    /// Bath conductivity, S/cm, of this potline's bath at `al2o3` and `alf3` % and `t_c` °C.
    pub fn conductivity(&self, al2o3: f64, alf3: f64, t_c: f64) -> f64 {
        bath_conductivity(al2o3, alf3, self.caf2_pct, self.mgf2_pct, self.kf_pct, self.lif_pct, t_c + 273.15)
    }

    /// Anode current density, A/cm², at `current_ka`.
    pub fn current_density(&self, current_ka: f64) -> f64 {
        current_ka * 1000.0 / self.anode_area_cm2
    }

    /// Liquidus of the bath, °C (linear fit around industrial baths).
    pub fn liquidus(&self, al2o3: f64, alf3: f64) -> f64 {
        1011.0 - 3.0 * alf3 - 5.5 * al2o3 - 2.5 * self.caf2_pct
    }

    /// Bath ratio of this potline's bath.
    pub fn bath_ratio(&self, al2o3: f64, alf3: f64) -> f64 {
        bath_ratio(alf3, 100.0 - al2o3 - self.caf2_pct - self.mgf2_pct - self.kf_pct - self.lif_pct)
    }

    /// The design point: its heat and temperature follow from the design current, the default settings and
    /// the design superheat.
    fn redesign(&mut self) {
        let d: Vec<f64> = self.settings().iter().map(|s| s.default).collect();
        let t = self.liquidus(d[2], d[3]) + self.design_superheat_k;
        self.design = DesignPoint { heat_kw: 0.0, t_c: t };
        let s = self.state_at(self.design_current_ka, d[1], d[2], d[3], t);
        self.design.heat_kw = s.heat_kw;
    }

    /// Alumina, %, at which the anodes go into anode effect at `current_ka` and `t_c`.
    pub fn ae_alumina(&self, current_ka: f64, t_c: f64) -> f64 {
        let ratio = current_ka / self.design_current_ka * ccd_temperature(self.design.t_c + 273.15) / ccd_temperature(t_c + 273.15).max(0.1);
        (0.4 + (self.ae_alumina_pct.sqrt() - 0.4) * ratio).powi(2)
    }

    /// Cell voltage, V, and its bath drop at bath temperature `t_c` (no heat balance).
    pub fn cell_voltage(&self, current_ka: f64, acd_cm: f64, al2o3: f64, alf3: f64, t_c: f64) -> (f64, f64) {
        let s = self.state_at(current_ka, acd_cm, al2o3, alf3, t_c);
        (s.v, s.u_bath)
    }

    /// The cell at bath temperature `t_c`: voltage, CE, heat and anode effects (the superheat it would have
    /// is what the heat says, not `t_c` − liquidus).
    fn state_at(&self, current_ka: f64, acd_cm: f64, al2o3: f64, alf3: f64, t_c: f64) -> CellState {
        let i = self.current_density(current_ka);
        let kappa = self.conductivity(al2o3, alf3, t_c);
        let ae_alumina = self.ae_alumina(current_ka, t_c);
        let (d_b, phi) = bubble_layer(i, self.bath_ratio(al2o3, alf3), al2o3 - ae_alumina);
        let u_bath = i * (acd_cm - d_b).max(0.0) / kappa;
        let u_bubbles = i * d_b * phi / (kappa * (1.0 - phi));
        let t_k = t_c + 273.15;
        let eta_a = 0.55 + crate::R_GAS * t_k / (0.5 * FARADAY) * (i / 0.85).ln();
        let v = 1.20 + eta_a + 0.05 + u_bath + u_bubbles + 0.28 + 0.25 + U_EXTERNAL;
        let ce = current_efficiency(acd_cm, t_c, alf3);
        let heat_kw = cell_heat_kw(current_ka, v, ce, U_EXTERNAL);
        let design_side = self.side_heat_share * self.design.heat_kw;
        let top_bottom = (1.0 - self.side_heat_share) * self.design.heat_kw * (t_c - AMBIENT_C) / (self.design.t_c - AMBIENT_C).max(1.0);
        let side_heat_kw = heat_kw - top_bottom;
        let superheat_k = if design_side > 0.0 { self.design_superheat_k * side_heat_kw / design_side } else { self.design_superheat_k };
        let margin = (ae_alumina - self.ae_alumina_pct) - (al2o3 - AE_REFERENCE_ALUMINA);
        let ae_per_day = self.design_ae_per_day * (margin / AE_EFOLD_PCT).min(20.0).exp();
        CellState {
            t_c,
            liquidus_c: self.liquidus(al2o3, alf3),
            superheat_k,
            v,
            u_bath,
            u_bubbles,
            bubble_cm: d_b,
            bubble_coverage: phi,
            kappa,
            ce,
            heat_kw,
            side_heat_kw,
            ae_alumina_pct: ae_alumina,
            ae_per_day,
        }
    }

    /// The cell at steady state at these settings: the bath temperature is the liquidus plus the superheat
    /// its heat balance gives, solved by fixed-point iteration (the heat depends on T weakly, through κ and
    /// CE).
    pub fn operate(&self, current_ka: f64, acd_cm: f64, al2o3: f64, alf3: f64) -> CellState {
        let liquidus = self.liquidus(al2o3, alf3);
        let mut t = liquidus + self.design_superheat_k;
        let mut s = self.state_at(current_ka, acd_cm, al2o3, alf3, t);
        for _ in 0..60 {
            let next = liquidus + s.superheat_k.clamp(-30.0, 80.0);
            if (next - t).abs() < 1e-9 {
                break;
            }
            t = next;
            s = self.state_at(current_ka, acd_cm, al2o3, alf3, t);
        }
        s
    }
}

impl Process for Potline {
    fn id(&self) -> &'static str {
        "potline"
    }
    fn name(&self) -> &'static str {
        "Aluminium potline (Hall-Héroult, prebake)"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-potline-name")
    }
    fn production_unit(&self) -> &'static str {
        "t"
    }
    fn condition_keys(&self) -> Vec<&'static str> {
        vec![
            "cells",
            "production_target_t_h",
            "design_current_ka",
            "anode_current_density",
            "caf2_pct",
            "mgf2_pct",
            "kf_pct",
            "lif_pct",
            "design_superheat_k",
            "side_heat_share",
            "ae_alumina_pct",
            "design_ae_per_day",
            "ae_duration_min",
            "net_carbon_t_t",
            "anode_sulphur_pct",
            "anode_ash_pct",
            "cf4_kg_t",
            "c2f6_kg_t",
            "gwp_report",
        ]
    }
    fn condition(&self, key: &str) -> Option<f64> {
        let r = &self.reporting;
        Some(match key {
            "cells" => self.cells,
            "production_target_t_h" => self.production_target_t_h,
            "design_current_ka" => self.design_current_ka,
            "anode_current_density" => self.current_density(self.design_current_ka),
            "caf2_pct" => self.caf2_pct,
            "mgf2_pct" => self.mgf2_pct,
            "kf_pct" => self.kf_pct,
            "lif_pct" => self.lif_pct,
            "design_superheat_k" => self.design_superheat_k,
            "side_heat_share" => self.side_heat_share,
            "ae_alumina_pct" => self.ae_alumina_pct,
            "design_ae_per_day" => self.design_ae_per_day,
            "ae_duration_min" => self.ae_duration_min,
            "net_carbon_t_t" => r.net_carbon_t_t,
            "anode_sulphur_pct" => r.anode_sulphur_pct,
            "anode_ash_pct" => r.anode_ash_pct,
            "cf4_kg_t" => r.cf4_kg_t,
            "c2f6_kg_t" => r.c2f6_kg_t,
            "gwp_report" => f64::from(r.gwp_report),
            _ => return None,
        })
    }
    fn set_condition(&mut self, key: &str, value: f64, _settings: &[f64]) -> bool {
        let ok = |lo: f64, hi: f64| value.is_finite() && (lo..=hi).contains(&value);
        let r = &mut self.reporting;
        match key {
            "cells" if ok(1.0, 2_000.0) => self.cells = value.round(),
            "production_target_t_h" if ok(0.0, 1e4) => self.production_target_t_h = value,
            // A cell of another size keeps its current density: the anodes scale with the current.
            "design_current_ka" if ok(50.0, 700.0) => {
                let density = self.current_density(self.design_current_ka);
                self.design_current_ka = value;
                self.anode_area_cm2 = value * 1000.0 / density;
            }
            "anode_current_density" if ok(0.5, 1.2) => self.anode_area_cm2 = self.design_current_ka * 1000.0 / value,
            "caf2_pct" if ok(0.0, 8.0) => self.caf2_pct = value,
            "mgf2_pct" if ok(0.0, 5.0) => self.mgf2_pct = value,
            "kf_pct" if ok(0.0, 8.0) => self.kf_pct = value,
            "lif_pct" if ok(0.0, 5.0) => self.lif_pct = value,
            "design_superheat_k" if ok(3.0, 25.0) => self.design_superheat_k = value,
            "side_heat_share" if ok(0.1, 0.8) => self.side_heat_share = value,
            "ae_alumina_pct" if ok(0.8, 2.4) => self.ae_alumina_pct = value,
            "design_ae_per_day" if ok(0.001, 5.0) => self.design_ae_per_day = value,
            "ae_duration_min" if ok(0.05, 30.0) => self.ae_duration_min = value,
            "net_carbon_t_t" if value == 0.0 || ok(0.3, 0.6) => r.net_carbon_t_t = value,
            "anode_sulphur_pct" if ok(0.0, 5.0) => r.anode_sulphur_pct = value,
            "anode_ash_pct" if ok(0.0, 2.0) => r.anode_ash_pct = value,
            "cf4_kg_t" if ok(0.0, 5.0) => r.cf4_kg_t = value,
            "c2f6_kg_t" if ok(0.0, 1.0) => r.c2f6_kg_t = value,
            "gwp_report" if value.fract() == 0.0 && pfc_gwp(value as u8).is_some() && ok(2.0, 6.0) => r.gwp_report = value as u8,
            _ => return false,
        }
        // The cell's insulation is designed for its current, density, bath and superheat.
        if matches!(key, "design_current_ka" | "anode_current_density" | "caf2_pct" | "mgf2_pct" | "kf_pct" | "lif_pct" | "design_superheat_k") {
            self.redesign();
        }
        true
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "line_current",
                name: "Line current",
                unit: "kA",
                min: 0.9 * self.design_current_ka,
                max: 1.05 * self.design_current_ka,
                default: self.design_current_ka,
                source: "90-105 % of the design current (condition design_current_ka: 150-600 kA cells); 400 kA: rectifier limit 420 kA",
                label: msg!("process-potline-setting-line-current"),
                source_label: msg!("process-potline-setting-line-current-source"),
            },
            Setting {
                key: "acd",
                name: "Anode-cathode distance",
                unit: "cm",
                min: 3.8,
                max: 5.5,
                default: 4.5,
                source: "~4-5.2 cm (teaching cases and cell models)",
                label: msg!("process-potline-setting-acd"),
                source_label: msg!("process-potline-setting-acd-source"),
            },
            Setting {
                key: "alumina",
                name: "Alumina in bath",
                unit: "%",
                min: 1.8,
                max: 4.0,
                default: 2.5,
                source: "~2.5 % (model example)",
                label: msg!("process-potline-setting-alumina"),
                source_label: msg!("process-potline-setting-alumina-source"),
            },
            Setting {
                key: "alf3",
                name: "Excess AlF3",
                unit: "%",
                min: 8.0,
                max: 13.0,
                default: 11.0,
                source: "11 % (model example)",
                label: msg!("process-potline-setting-alf3"),
                source_label: msg!("process-potline-setting-alf3-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (current, acd, al2o3, alf3) = (x[0], x[1], x[2], x[3]);
        let s = self.operate(current, acd, al2o3, alf3);
        let (v, ce) = (s.v, s.ce);
        let metal_t_h = ce * current * faraday_kg_per_ka_h() * self.cells / 1000.0;
        let dc = dc_kwh_per_t(v, ce);
        let ac = dc / 0.975 + 300.0;
        let electricity_kw = ac * metal_t_h;
        let ae_minutes = s.ae_per_day * self.ae_duration_min;
        let r = &self.reporting;
        let cf4_kg_t = if r.cf4_kg_t > 0.0 { r.cf4_kg_t } else { 0.143 * ae_minutes };
        let c2f6_kg_t = if r.c2f6_kg_t > 0.0 { r.c2f6_kg_t } else { 0.121 * cf4_kg_t };
        let (gwp_cf4, gwp_c2f6) = pfc_gwp(r.gwp_report).unwrap_or((6_630.0, 11_100.0));
        let pfc_t_h = metal_t_h * (cf4_kg_t * gwp_cf4 + c2f6_kg_t * gwp_c2f6) / 1000.0;
        let net_carbon = if r.net_carbon_t_t > 0.0 { r.net_carbon_t_t } else { 0.40 * 0.95 / ce };
        let anode_t_h = metal_t_h * net_carbon * (1.0 - (r.anode_sulphur_pct + r.anode_ash_pct) / 100.0) * 44.009 / 12.011;
        let superheat = s.superheat_k;
        let out = |key, name, unit, value, label| Output { key, name, unit, value, label };
        let outputs = vec![
            Output { key: "cell_voltage", name: "Cell voltage", unit: "V", value: v, label: msg!("process-potline-output-cell-voltage") },
            Output { key: "bath_drop", name: "Bath voltage drop", unit: "V", value: s.u_bath, label: msg!("process-potline-output-bath-drop") },
            out("bubble_drop", "Bubble layer voltage drop", "V", s.u_bubbles, msg!("process-potline-output-bubble-drop")),
            out("bubble_thickness", "Bubble layer thickness", "cm", s.bubble_cm, msg!("process-potline-output-bubble-thickness")),
            out("bubble_coverage", "Anode covered by bubbles", "%", s.bubble_coverage * 100.0, msg!("process-potline-output-bubble-coverage")),
            out("bath_conductivity", "Bath conductivity", "S/cm", s.kappa, msg!("process-potline-output-bath-conductivity")),
            out("bath_temperature", "Bath temperature", "°C", s.t_c, msg!("process-potline-output-bath-temperature")),
            out("liquidus", "Bath liquidus temperature", "°C", s.liquidus_c, msg!("process-potline-output-liquidus")),
            Output { key: "current_efficiency", name: "Current efficiency", unit: "%", value: ce * 100.0, label: msg!("process-potline-output-current-efficiency") },
            Output { key: "metal", name: "Metal produced", unit: "t/h", value: metal_t_h, label: msg!("process-potline-output-metal") },
            Output { key: "dc_energy", name: "DC energy", unit: "kWh/t", value: dc, label: msg!("process-potline-output-dc-energy") },
            Output { key: "ac_energy", name: "AC energy (incl. auxiliaries)", unit: "kWh/t", value: ac, label: msg!("process-potline-output-ac-energy") },
            Output { key: "ae_frequency", name: "Anode effects", unit: "1/pot-day", value: s.ae_per_day, label: msg!("process-potline-output-ae-frequency") },
            out("ae_alumina", "Alumina at anode effect", "%", s.ae_alumina_pct, msg!("process-potline-output-ae-alumina")),
            out("ae_minutes", "Anode-effect minutes", "min/pot-day", ae_minutes, msg!("process-potline-output-ae-minutes")),
            Output { key: "anode_co2", name: "Anode CO2", unit: "t/t", value: anode_t_h / metal_t_h.max(1e-9), label: msg!("process-potline-output-anode-co2") },
            Output { key: "cf4", name: "CF4", unit: "kg/t", value: cf4_kg_t, label: msg!("process-potline-output-cf4") },
            Output { key: "c2f6", name: "C2F6", unit: "kg/t", value: c2f6_kg_t, label: msg!("process-potline-output-c2f6") },
            Output {
                key: "pfc_co2e",
                name: "PFC as CO2e (GWP of condition gwp_report)",
                unit: "t/t",
                value: pfc_t_h / metal_t_h.max(1e-9),
                label: msg!("process-potline-output-pfc-co2e"),
            },
            Output {
                key: "metal_per_pot_day",
                name: "Metal per pot-day",
                unit: "kg/pot-day",
                value: metal_t_h * 1000.0 * 24.0 / self.cells.max(1.0),
                label: msg!("process-potline-output-metal-per-pot-day"),
            },
            Output {
                key: "anode_current_density",
                name: "Anode current density",
                unit: "A/cm²",
                value: self.current_density(current),
                label: msg!("process-potline-output-anode-current-density"),
            },
            Output { key: "cell_heat", name: "Heat to lose per cell", unit: "kW", value: s.heat_kw, label: msg!("process-potline-output-cell-heat") },
            out("side_heat", "Heat through the sides per cell", "kW", s.side_heat_kw, msg!("process-potline-output-side-heat")),
            Output { key: "superheat", name: "Bath superheat", unit: "K", value: superheat, label: msg!("process-potline-output-superheat") },
        ];
        let mut constraints = vec![
            Constraint::min("acd_min", "Minimum ACD (shorting, MHD stability)", "cm", acd, 4.0, msg!("process-potline-limit-acd-min")),
            Constraint::max("ae_frequency", "Anode-effect frequency", "1/pot-day", s.ae_per_day, 0.3, msg!("process-potline-limit-ae-frequency")),
            Constraint::min("superheat_low", "Bath superheat, lower limit (sludge, freezing)", "K", superheat, 6.0, msg!("process-potline-limit-superheat-low")),
            Constraint::max("superheat_high", "Bath superheat, upper limit (ledge melts)", "K", superheat, 16.0, msg!("process-potline-limit-superheat-high")),
        ];
        if self.production_target_t_h > 0.0 {
            constraints.push(Constraint::min("production", "Metal production target", "t/h", metal_t_h, self.production_target_t_h, msg!("process-potline-limit-production")));
        }
        Evaluation {
            electricity_kw,
            fuel_gj_h: 0.0,
            scope1_combustion_t_h: 0.0,
            scope1_process_t_h: anode_t_h + pfc_t_h,
            biogenic_t_h: 0.0,
            scope2_t_h: electricity_kw / 1000.0 * prices.grid_t_per_mwh,
            fuel_cost_h: 0.0,
            production_h: metal_t_h,
            production_unit: "t",
            outputs,
            constraints,
        }
    }
}
