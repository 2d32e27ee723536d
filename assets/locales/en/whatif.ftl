# The what-if panel: a unit's process model with sliders, the baseline from the recorded data against a
# scenario, background optimisation and the carbon-price trade-off. Terms follow docs/glossary.md.

# The button shown while a unit with a what-if study is selected, and its hover text ($name: the model).
whatif-button = What-if…
whatif-button-hover = Settings, baseline and optimisation of { $name }
whatif-title = What-if: { $name }

## The baseline's window.
whatif-baseline-window = Baseline: mean of recorded data { $from } – { $to }
whatif-window-15-min = 15 min
whatif-window-1-h = 1 h
whatif-window-1-day = 1 day
whatif-rebase = Baseline at cursor
whatif-rebase-hint = Read the baseline again from the recorded data before the cursor, over the window chosen

## Why a baseline value is not the measured one.
whatif-note-no-setting = { $model }: no setting "{ $key }" in the model
whatif-note-clamped = { $setting }: measured { $measured } { $unit } is outside the model's range; { $used } used
whatif-note-no-data = { $setting }: no data in the baseline window; the model's default { $default } { $unit } is used
whatif-note-no-condition = { $model }: no condition "{ $key }" in the model
whatif-note-condition-no-data = condition { $key }: no data in the baseline window; the model's default is used
whatif-curves-not-used = { $error }; the default curves are used

## Settings, objective and prices.
whatif-settings = Settings
whatif-reset-measured = { $value } (measured)
whatif-reset-default = { $value } (model default)
whatif-reset-hint = Back to the baseline value
whatif-objective = Objective
whatif-objective-energy = Energy
whatif-objective-co2 = CO2
whatif-objective-cost = Cost
whatif-price-electricity = Electricity
whatif-price-carbon = Carbon
whatif-grid-factor = Grid

## Baseline against scenario.
whatif-baseline = Baseline
whatif-scenario = Scenario
whatif-change = Change
whatif-row-energy = Energy
whatif-row-electricity = Electricity
whatif-row-fuel = Fuel
whatif-row-scope-1-combustion = Scope 1, combustion
whatif-row-scope-1-process = Scope 1, process
whatif-row-scope-2 = Scope 2
whatif-row-co2 = CO2
whatif-row-cost = Cost
whatif-row-production = Production
whatif-outputs = All outputs
whatif-limits = Limits (scenario)
whatif-limit-max = max { $value }
whatif-limit-min = min { $value }
whatif-margin = margin { $value }
whatif-violated = VIOLATED by { $value }
whatif-show-in-3d = Show the scenario in 3D (carbon colours)
whatif-show-in-3d-hint = Colour by CO2 caused: the unit's equipment shows the scenario's CO2 instead of the measured

## Optimisation.
whatif-optimise = Optimise
whatif-optimise-hint = Find the settings with the lowest objective within every limit, starting from the scenario (runs in the background)
whatif-cancel = Cancel
# $percent: how much lower the optimum's objective is than the baseline's.
whatif-optimum = Baseline { $baseline }, optimum { $optimum } ({ $percent } % less)
# A setting the optimiser keeps at its value.
whatif-held = held
whatif-apply = Use as scenario
whatif-no-model = no model { $id }
whatif-worker-failed = the background computation failed unexpectedly ({ $reason }); please report it

## Trade-off.
whatif-tradeoff = Cost against CO2
whatif-tradeoff-hint = Optimise for cost at carbon prices 0 to 300 per t and plot cost (without carbon) against CO2
whatif-tradeoff-note = Points are cost optima at the carbon price labelled (per t CO2).
whatif-tradeoff-x = CO2, { $unit }
whatif-tradeoff-y = cost, { $unit } (without carbon)
