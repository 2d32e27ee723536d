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

## Conditions: what the plant is like, not what the optimiser may change (glossary: 工况条件)
whatif-conditions = Conditions
whatif-conditions-hint = The plant's conditions, read from the data where the site says so; a change applies to the baseline, the scenario and every optimisation.
whatif-condition-measured = measured
whatif-condition-site = site file
whatif-condition-edited = edited
whatif-condition-model = model default
whatif-condition-capacity-t-d = Design clinker output, t/d
whatif-condition-feed-ratio = Kiln feed to clinker ratio, t/t
whatif-condition-coal-ncv = Coal net calorific value (as fired), GJ/t
whatif-condition-exit-gas-c = Preheater exit gas temperature, °C
whatif-condition-feed-c = Kiln feed temperature, °C
whatif-condition-fuel-c = Fuel temperature, °C
whatif-condition-ambient-c = Ambient (reference) temperature, °C
whatif-condition-clinker-mgo = Clinker MgO, %
whatif-condition-cao-nc = CaO not from carbonates, %
whatif-condition-mgo-nc = MgO not from carbonates, %
whatif-condition-ckd-kg-t = Kiln dust leaving the system, kg/t clinker
whatif-condition-ckd-calcination = Calcination of the kiln dust, 0–1
whatif-condition-coal-mill-kwh-t = Coal milling energy, kWh/t coal
whatif-condition-petcoke-mill-kwh-t = Petcoke milling energy, kWh/t petcoke
whatif-condition-clinker-in-c = Clinker from the kiln into the cooler, °C
whatif-condition-cooler-effectiveness = Cooler effectiveness (air outlet towards the clinker temperature), 0–1
whatif-condition-clinker-exit-max-c = Highest clinker temperature after the cooler, °C
whatif-condition-calciner-outlet-c = Calciner outlet gas temperature, °C
whatif-condition-exit-gas-kg-kg = Preheater exit gas, measured, kg/kg clinker (0: model)
whatif-condition-exit-gas-cp = Specific heat of the exit gas, kcal/(kg·K)
whatif-condition-cooler-vent-kg-kg = Cooler vent air, measured, kg/kg clinker (0: model)
whatif-condition-cooler-vent-c = Cooler vent air temperature, °C
whatif-condition-cooler-vent-cp = Specific heat of the cooler vent air, kcal/(kg·K)
whatif-condition-clinker-exit-c = Clinker temperature leaving the cooler, °C (0: model)
whatif-condition-clinker-cp = Specific heat of the clinker, kcal/(kg·K)
whatif-condition-formation-kcal-kg = Heat of formation, kcal/kg (0: Zur Strassen)
whatif-condition-other-losses-kcal-kg = Other losses (shell, radiation, dust), kcal/kg (0: model)
whatif-condition-other-inputs-kcal-kg = Non-fuel heat inputs, kcal/kg (0: model)
whatif-condition-coal-gcv-kcal-kg = Coal gross calorific value, kcal/kg (0: the NCV)
whatif-condition-production-target-t-h = Production target (clinker, aluminium), t/h (0: none)
whatif-condition-cooling-load-kw = Cooling load (measured), kW
whatif-condition-outdoor-dry-bulb-c = Outdoor dry-bulb temperature, °C
whatif-condition-outdoor-wet-bulb-c = Outdoor wet-bulb temperature, °C
whatif-condition-chillers = Chillers installed
whatif-condition-chiller-capacity-kw = Capacity of each chiller, kW
whatif-condition-occupants = Occupants (design), persons
whatif-condition-oa-per-person-m3-h = Outdoor air per person, m³/h
whatif-condition-floor-area-m2 = Floor area, m²
whatif-condition-oa-per-area-m3-h-m2 = Outdoor air per m² of floor, m³/(h·m²)
whatif-condition-design-airflow-kg-s = Design supply airflow of the AHUs, kg/s
whatif-condition-cells = Cells in operation
whatif-condition-design-current-ka = Design line current of the cells, kA
whatif-condition-anode-current-density = Design anode current density, A/cm²
whatif-condition-caf2-pct = CaF2 in the bath, %
whatif-condition-mgf2-pct = MgF2 in the bath, %
whatif-condition-kf-pct = KF in the bath, %
whatif-condition-lif-pct = LiF in the bath, %
whatif-condition-design-superheat-k = Superheat of the cells at the design point, K
whatif-condition-side-heat-share = Share of the cell heat lost through the sides (ledge), 0–1
whatif-condition-ae-alumina-pct = Alumina at which anode effects start, %
whatif-condition-design-ae-per-day = Anode effects per pot-day at the design point
whatif-condition-ae-duration-min = Duration of an anode effect, min
whatif-condition-net-carbon-t-t = Net carbon consumption, t C/t Al (0: the model's)
whatif-condition-anode-sulphur-pct = Sulphur in the baked anodes, %
whatif-condition-anode-ash-pct = Ash in the baked anodes, %
whatif-condition-cf4-kg-t = CF4 factor, kg/t Al (0: Tier 2 slope)
whatif-condition-c2f6-kg-t = C2F6 factor, kg/t Al (0: Tier 2 ratio)
whatif-condition-gwp-report = GWP values of IPCC report (2 SAR, 4 AR4, 5 AR5, 6 AR6)
whatif-condition-cell-area-m2 = Active area of each cell, m²
whatif-condition-production-target-kg-h = Hydrogen production target, kg/h (0: none)
whatif-condition-rectifier-kw = Rectifier rating, kW
whatif-condition-fit = Polarisation fit (1 Ulleberg 2003, PHOEBUS; 2 Sánchez 2018, with pressure)

# "Save as a measure" (docs/scenarios.md): the settings moved from the baseline, added to a package scenario.
whatif-save = Save as a measure of a scenario
whatif-save-nothing = Move a setting away from the baseline to save it as a measure.
whatif-save-name = Measure
whatif-save-capex = Capital cost
whatif-save-lifetime = Lifetime (years)
whatif-save-om = O&M per year
whatif-save-to = Scenario
whatif-save-new-scenario = a new scenario
whatif-save-button = Save measure
whatif-save-done = Saved to { $file }. The scenarios window computes it over the scenario's window.
