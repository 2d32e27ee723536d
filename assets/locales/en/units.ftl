# Units and dimensions: what a value measures, and why a conversion or a sum was refused. Terms follow
# docs/glossary.md. Unit symbols ($unit) arrive as written.

# A dimension's name ($dim: its key).
units-dim = { $dim ->
    [none] a pure number
    [mass] mass
    [time] time
    [temperature] temperature
    [co2] CO2 mass
    [energy] energy
    [power] power
    [mass_flow] mass flow
    [volume] volume
    [volume_flow] volume flow
    [area] area
    [pressure] pressure
    [frequency] rotational speed or frequency
    [current] electric current
    [voltage] voltage
    [reactive_power] reactive power
    [reactive_energy] reactive energy
    [energy_per_mass] energy per mass
    [co2_per_energy] CO2 per energy
    [co2_per_mass] CO2 per mass
    [co2_flow] CO2 flow
    [energy_per_volume] energy per volume
   *[other] { $dim }
}
# A dimension with no name: the exponents of its base units.
units-dim-exponents = kg^{ $mass } m^{ $length } s^{ $time } K^{ $temperature } kgCO2^{ $co2 } A^{ $current } var^{ $reactive }
units-unknown = unknown unit "{ $unit }"
# $left, $right, $from, $to, $dim: names of dimensions (units-dim).
units-cannot-add = cannot add { $left } and { $right }
units-cannot-subtract = cannot subtract { $left } and { $right }
units-cannot-convert = cannot express { $from } in { $unit } ({ $to })
units-fuel-not-a-mass = cannot burn { $dim }: an amount of fuel is a mass
units-not-an-energy = cannot apply an energy factor to { $dim }: it applies to energy
