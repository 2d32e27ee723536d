//! Energy and carbon flows: the site's accounting for a window around the cursor (`plant-accounting`),
//! the Sankey panel of energy or CO2, the carbon colours of the 3D view, and animated flows along the
//! site's pipes, ducts, conveyors and cables.
//!
//! The logic half ([`accounting`]) runs without a window; `ui: true` adds the panel and the 3D flows.

pub mod accounting;
mod animate;
pub mod forecast;
pub mod sankey;
pub mod trajectory;

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use plant_shell::PanelOrder;

pub use accounting::{Accounting, InstantReport, Pending, SankeyState, Span, View, WindowReport, window};

pub struct FlowsViewPlugin {
    pub ui: bool,
}

impl Plugin for FlowsViewPlugin {
    fn build(&self, app: &mut App) {
        accounting::build(app);
        // The totals' forecast and the year's trajectory are logic (made while the panel is open).
        app.init_resource::<forecast::TotalsForecast>().add_systems(Update, forecast::update);
        if self.ui {
            app.init_resource::<sankey::DiagramCache>().add_systems(EguiPrimaryContextPass, sankey::sankey_window_system.in_set(PanelOrder::Overlay));
            animate::build(app);
        }
    }
}
