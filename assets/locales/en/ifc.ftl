# IFC import (crates/ifc, plant-twin import-ifc). Terms follow docs/glossary.md.

ifc-cannot-read = cannot read the IFC file: { $error }
ifc-too-large = the IFC file is { $mb } MB; at most { $max_mb } MB are read
ifc-not-step = not an IFC file in STEP form (it must begin with ISO-10303-21)
ifc-reader-failed = the IFC reader failed on this file: { $error }
ifc-no-geometry = the model could not be made from this file: { $error }
ifc-folder-has-site = there is already a site.toml here: choose a new folder (nothing was written)
ifc-cannot-write = cannot write the package: { $error }
