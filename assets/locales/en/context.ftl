# What every view shares: quantity and carrier names, dates. Terms follow docs/glossary.md.

## Quantities a meter measures (legends, colour menu, inspector)

context-quantity-electric-power = Electric power
context-quantity-energy = Energy
context-quantity-mass-flow = Mass flow
context-quantity-volume-flow = Volume flow
context-quantity-temperature = Temperature
context-quantity-concentration = Concentration
context-quantity-pressure = Pressure
context-quantity-thermal-power = Thermal power
context-quantity-speed = Speed
context-quantity-voltage = Voltage
context-quantity-current = Current
context-quantity-emission-factor = Emission factor
context-quantity-reactive-power = Reactive power
context-quantity-reactive-energy = Reactive energy
context-quantity-power-factor = Power factor
context-quantity-mechanical-power = Mechanical power
context-quantity-co2-mass-flow = Measured CO2 mass flow
context-quantity-co2 = Measured CO2 mass
context-quantity-other = Other

## Energy carriers and materials by their id in site.toml; an id not listed shows as itself.

context-carrier =
    { $carrier ->
        [electricity] Electricity
        [coal] Coal
        [petcoke] Petroleum coke
        [natural-gas] Natural gas
        [gas] Gas
        [diesel] Diesel
        [fuel-oil] Fuel oil
        [heat] Heat
        [steam] Steam
        [hot-water] Hot water
        [chilled-water] Chilled water
        [hot-gas] Hot gas
        [exhaust-gas] Exhaust gas
        [tertiary-air] Tertiary air
        [compressed-air] Compressed air
        [wood] Wood
        [limestone] Limestone
        [raw-meal] Raw meal
        [hot-meal] Hot meal
        [clinker] Clinker
        [cement] Cement
        [aluminium] Primary aluminium
       *[other] { $carrier }
    }

## Dates: weekday (1 Monday … 7 Sunday) and month (1 … 12) for short labels

context-weekday =
    { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    }
context-month =
    { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
# 10 Nov
context-day-month = { $day } { $month_name }
# Tue 10 Nov
context-weekday-day-month = { $weekday } { $day } { $month_name }
context-copy-path = Copy path
context-export-failed = could not export: { $error }
