# Why a forecast could not be made (crates/forecast). Terms follow docs/glossary.md.

forecast-error-too-short = { $have } steps of history; at least { $need } are needed
forecast-error-no-history = no data before the instant
forecast-error-model = the model could not be fitted: { $error }
