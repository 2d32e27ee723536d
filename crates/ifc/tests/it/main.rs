//! IFC import on real files (tests/data/ifc, CC BY 4.0).

mod import;
