# Emission-factor sets (assets/factors/*.toml, or a set file in the site package): why one cannot be used.
# Terms follow docs/glossary.md. Ids and units from the file arrive as they are.

carbon-element-fuel = fuel "{ $id }"
carbon-element-factor-set = factor_sets "{ $id }"
# $error: the TOML reader's words.
carbon-toml-invalid = { $error }
carbon-cannot-read = cannot read the factor set: { $error }
carbon-fuel-fractions = biomass_fraction and oxidation must be between 0 and 1
# $want and $got: names of dimensions (units-dim).
carbon-ncv-dimension = a net calorific value must be { $want }, "{ $unit }" is { $got }
carbon-co2-factor-dimension = a CO2 factor must be { $want }, "{ $unit }" is { $got }
# $reason: why the path was refused (site-path-…).
carbon-factor-set-path-refused = factor set: { $reason }; set left out
carbon-unknown-factor-set = unknown factor set "{ $id }" (bundled: { $bundled }; or a path ending in .toml)
