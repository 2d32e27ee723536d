# Process models of the what-if studies (crates/process): each model's name, its settings (with where their
# ranges come from), outputs and limits, and what can go wrong. Units, keys and model ids stay as they are.
# Terms follow docs/glossary.md.

# A unit written the same in every language ("t", "kg").
process-unit = { $unit }

## Errors.
process-error-unknown-objective = unknown objective "{ $value }" (energy, co2 or cost)
# $error: the TOML reader's words.
process-error-curves-syntax = chiller curves: { $error }
process-error-curves-syntax-line = chiller curves, line { $line }: { $error }
process-error-curves-range = cop_ref { $cop_ref } or plr_min { $plr_min } out of range
process-error-curves-not-normalised = the curves are not near 1 at 6.67 °C / 29.4 °C and full load (CAPFT { $cap }, EIRFT { $eir }, EIRFPLR { $plr }): check the coefficients' order
# $process: the model's name.
process-error-infeasible = { $process }: no point within every limit was found; the limits may be unreachable from these conditions

## Cement kiln line (cement-kiln).
process-kiln-name = Cement kiln line (precalciner, grate cooler)
process-kiln-setting-clinker = Clinker output
process-kiln-setting-clinker-source = 60-110 % of the design output (condition capacity_t_d; 600-10,000 t/d lines)
process-kiln-setting-excess-o2 = Excess O2 at kiln inlet
process-kiln-setting-excess-o2-source = ~1-3 % (common practice)
process-kiln-setting-calciner-split = Calciner share of fuel
process-kiln-setting-calciner-split-source = example 56 % (heat-balance sheet)
process-kiln-setting-cooler-air = Cooler air
process-kiln-setting-cooler-air-source = ~1.7-2.5 Nm³/kg clinker
process-kiln-setting-bypass = Kiln gas bypass
process-kiln-setting-bypass-source = 0-15 % (Farag 2013)
process-kiln-setting-petcoke-share = Petcoke share of fuel energy
process-kiln-setting-petcoke-share-source = fuel mix (IEA TCEP)
process-kiln-setting-af-share = Alternative fuel share of energy
process-kiln-setting-af-share-source = AF 0-30 % (IEA TCEP; CSI protocol)
process-kiln-setting-gas-share = Natural gas share of fuel energy
process-kiln-setting-gas-share-source = fuel mix (IEA TCEP)
process-kiln-setting-clinker-cao = Clinker CaO
process-kiln-setting-clinker-cao-source = LSF 92-98 (producer product data); 65 % worked case
process-kiln-output-specific-heat = Specific heat consumption
process-kiln-output-specific-heat-kcal = Specific heat consumption (kcal/kg)
process-kiln-output-coal-per-clinker = Specific coal consumption (all fuel heat as coal)
process-kiln-output-specific-heat-kgce = Specific heat consumption
process-kiln-output-electricity = Kiln-line electricity
process-kiln-output-fuel = Fuel heat
process-kiln-output-coal = Coal
process-kiln-output-petcoke = Petcoke
process-kiln-output-natural-gas = Natural gas
process-kiln-output-combustion-co2 = Combustion CO2 (fossil)
process-kiln-output-process-co2 = Process CO2 (calcination)
process-kiln-output-biogenic-co2 = Biogenic CO2 (memo)
process-kiln-output-free-lime = Free lime (proxy)
process-kiln-output-exit-gas-loss = Preheater exit-gas loss
process-kiln-output-cooler-loss = Cooler exhaust and clinker loss
process-kiln-output-shell-loss = Kiln shell loss
process-kiln-output-thermal-efficiency = Thermal efficiency (heat of formation / heat input)
process-kiln-output-formation-heat = Heat of clinker formation
process-kiln-output-bypass-loss = Bypass gas and dust loss
process-kiln-output-other-loss = Other losses (radiation, CO, evaporation)
process-kiln-output-sensible-heat-in = Sensible heat of feed and fuel (in)
process-kiln-output-exit-gas-share = Preheater exit-gas loss, share of input
process-kiln-output-cooler-share = Cooler loss, share of input
process-kiln-output-exit-gas-temp = Preheater exit gas
process-kiln-output-clinker-exit-temp = Clinker leaving the cooler
process-kiln-output-secondary-air-temp = Secondary and tertiary air (mean)
process-kiln-output-vent-air-temp = Cooler vent air
process-kiln-output-cooler-recuperation = Cooler recuperation (secondary and tertiary air / clinker heat from the kiln)
process-kiln-output-shell-share = Kiln shell loss, share of input
process-kiln-output-bypass-share = Bypass loss, share of input
process-kiln-output-clinker = Clinker
process-kiln-limit-free-lime = Free lime (under-burnt above)
process-kiln-limit-excess-o2 = Excess O2 (CO, reducing burning below)
process-kiln-limit-id-fan = ID fan capacity (gas flow relative to the design)
process-kiln-limit-clinker-exit = Clinker leaving the cooler (conveyor, silo)
process-kiln-limit-production = Clinker production target

## Office chiller plant (chiller-plant).
process-chiller-name = Office chiller plant (chillers, pumps, towers, AHU fans)
# What the plant produces: cooling, counted in kWh.
process-chiller-production-unit = kWh cooling
process-chiller-setting-chwst = Chilled-water supply temperature
process-chiller-setting-chwst-source = 5-10 °C; design 6.67 °C (AHRI 550/590; DOE-2 curve bounds)
process-chiller-setting-ecwt = Condenser water entering temperature
process-chiller-setting-ecwt-source = 24-35 °C; design 29.4 °C (AHRI 550/590)
process-chiller-setting-sat = Supply-air temperature
process-chiller-setting-sat-source = ~12-16 °C with reset (ASHRAE Guideline 36 style)
process-chiller-setting-zone-setpoint = Zone cooling setpoint
process-chiller-setting-zone-setpoint-source = 23-26 °C occupied (comfort band)
process-chiller-setting-oa-ratio = Outdoor air / ventilation requirement
process-chiller-setting-oa-ratio-source = at least the requirement (GB 50736-2012 Table 3.0.6-1, ASHRAE 62.1); more only to study it
process-chiller-output-room-rh = Room relative humidity
process-chiller-output-oa-load = Outdoor-air load
process-chiller-output-outdoor-air = Outdoor air
process-chiller-output-oa-fraction = Outdoor-air share of the supply air
process-chiller-output-supply-airflow = Supply airflow
process-chiller-output-plr = Part-load ratio per running chiller (PLR)
process-chiller-output-capft = CAPFT (capacity at the temperatures)
process-chiller-output-eirft = EIRFT (input per output at the temperatures)
process-chiller-output-eirfplr = EIRFPLR (input per output at the part load)
process-chiller-output-chiller-kw-per-kw = Chiller kW/kW
process-chiller-output-chiller-cop = Chiller COP
process-chiller-output-chw-return = Chilled-water return temperature
process-chiller-output-chw-delta-t = Chilled-water ΔT
process-chiller-output-chw-flow = Chilled-water flow
process-chiller-output-coil-flow-share = Coil water flow, share of the pumps' design flow
process-chiller-output-plant-kw-per-kw = Plant kW/kW
process-chiller-output-plant-kw-per-rt = Plant kW/RT
process-chiller-limit-dehumidification = Room humidity within the comfort band (≤ 60 % RH)
process-chiller-limit-chw-flow = Coil water flow within the pumps' design flow
process-chiller-output-cooling-load = Cooling load
process-chiller-output-chillers-running = Chillers running
process-chiller-output-chiller-power = Chiller power
process-chiller-output-chw-pump-power = Chilled-water pumps
process-chiller-output-cw-pump-power = Condenser-water pumps
process-chiller-output-tower-fan-power = Cooling-tower fans
process-chiller-output-ahu-fan-power = AHU fans
process-chiller-output-total-power = Plant power
process-chiller-output-plant-cop = Plant COP
process-chiller-output-tower-speed = Tower fan speed
process-chiller-limit-coil-approach = Supply air at least 3 K above chilled water (coil)
process-chiller-limit-capacity = Chiller capacity
process-chiller-limit-tower-speed = Tower can hold the condenser-water setpoint
process-chiller-limit-airflow = AHU airflow within fan capacity

## Aluminium potline (potline).
process-potline-name = Aluminium potline (Hall-Héroult, prebake)
process-potline-setting-line-current = Line current
process-potline-setting-line-current-source = 90-105 % of the design current (condition design_current_ka: 150-600 kA cells); 400 kA: rectifier limit 420 kA
process-potline-setting-acd = Anode-cathode distance
process-potline-setting-acd-source = ~4-5.2 cm (teaching cases and cell models)
process-potline-setting-alumina = Alumina in bath
process-potline-setting-alumina-source = ~2.5 % (model example)
process-potline-setting-alf3 = Excess AlF3
process-potline-setting-alf3-source = 11 % (model example)
process-potline-output-cell-voltage = Cell voltage
process-potline-output-bath-drop = Bath voltage drop
process-potline-output-bubble-drop = Bubble layer voltage drop
process-potline-output-bubble-thickness = Bubble layer thickness
process-potline-output-bubble-coverage = Anode covered by bubbles
process-potline-output-bath-temperature = Bath temperature
process-potline-output-liquidus = Bath liquidus temperature
process-potline-output-ae-alumina = Alumina at anode effect
process-potline-output-ae-minutes = Anode-effect minutes
process-potline-output-side-heat = Heat through the sides per cell
process-potline-output-bath-conductivity = Bath conductivity
process-potline-output-current-efficiency = Current efficiency
process-potline-output-metal = Metal produced
process-potline-output-dc-energy = DC energy
process-potline-output-ac-energy = AC energy (incl. auxiliaries)
process-potline-output-ae-frequency = Anode effects
process-potline-output-anode-co2 = Anode CO2
process-potline-output-pfc-co2e = PFC as CO2e (GWP of condition gwp_report)
process-potline-output-cell-heat = Heat to lose per cell
process-potline-output-superheat = Bath superheat
process-potline-output-cf4 = CF4
process-potline-output-c2f6 = C2F6
process-potline-output-metal-per-pot-day = Metal per pot-day
process-potline-output-anode-current-density = Anode current density
process-potline-limit-acd-min = Minimum ACD (shorting, MHD stability)
process-potline-limit-ae-frequency = Anode-effect frequency
process-potline-limit-superheat-low = Bath superheat, lower limit (sludge, freezing)
process-potline-limit-superheat-high = Bath superheat, upper limit (ledge melts)
process-potline-limit-production = Metal production target

## PEM electrolyser (pem-electrolyser).
process-pem-name = PEM electrolyser
process-pem-setting-current-density = Current density
process-pem-setting-current-density-source = PEM 1-3 A/cm², load range 5-130 % (IRENA 2020)
process-pem-setting-temperature = Stack temperature
process-pem-setting-temperature-source = PEM 50-80 °C (IRENA 2020)
process-pem-setting-pressure = Cathode pressure
process-pem-setting-pressure-source = PEM ≤ 50 bar (IRENA 2020)
process-pem-output-cell-voltage = Cell voltage
process-pem-output-faradaic-efficiency = Faradaic efficiency
process-pem-output-hydrogen = Hydrogen produced
process-pem-output-stack-energy = Stack energy
process-pem-output-system-energy = System energy (incl. compression to 30 bar)
process-pem-output-lhv-efficiency = Stack efficiency (LHV)
process-pem-output-power = Electric power
process-pem-output-co2-intensity = CO2 per kg of hydrogen (grid power)
process-pem-limit-power = Rectifier rating
process-pem-limit-production = Hydrogen production target

## Alkaline electrolyser (alkaline-electrolyser).
process-alkaline-name = Alkaline electrolyser
process-alkaline-setting-current-density = Current density
process-alkaline-setting-current-density-source = alkaline 0.2-0.8 A/cm² nominal, load range 15-100 % (IRENA 2020); the fit's data to 0.5
process-alkaline-setting-temperature = Stack temperature
process-alkaline-setting-temperature-source = alkaline 70-90 °C (IRENA 2020); Ulleberg's fit 40-80 °C
process-alkaline-setting-pressure = Cathode pressure
process-alkaline-setting-pressure-source = alkaline < 30 bar (IRENA 2020); PHOEBUS 7 bar
process-alkaline-output-cell-voltage = Cell voltage
process-alkaline-output-faradaic-efficiency = Faradaic efficiency
process-alkaline-output-hydrogen = Hydrogen produced
process-alkaline-output-stack-energy = Stack energy
process-alkaline-output-stack-energy-nm3 = Stack energy per Nm³
process-alkaline-output-system-energy = System energy (incl. compression to 30 bar)
process-alkaline-output-lhv-efficiency = Stack efficiency (LHV)
process-alkaline-output-power = Electric power
process-alkaline-output-co2-intensity = CO2 per kg of hydrogen (grid power)
process-alkaline-limit-power = Rectifier rating
process-alkaline-limit-production = Hydrogen production target
