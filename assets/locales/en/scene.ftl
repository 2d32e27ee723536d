# The 3D view: colour-by menu, legend, hover label and hints. Terms follow docs/glossary.md.

scene-colour-by = Colour by
scene-model-colours = Model colours
scene-carbon = CO2 caused (carbon)
scene-carbon-hint = Scope 1 where fuel burns or raw meal calcines, scope 2 of electricity and heat used; accounting in the flows panel.
scene-no-data = no data
scene-log-scale = log scale
scene-model-none = This package has no 3D model yet (site.toml: model = ""). Meters, tree, flows and charts work.
scene-no-model = No 3D model: { $file } is missing or unreadable (see Problems). Meters, tree and charts still work.
scene-camera-hint = Drag: orbit · Right-drag: pan · Wheel: zoom · F: frame selection · Home: whole site · Esc: clear · Space: play/pause
