//! The regression core against NIST's certified results, the change-point shapes on series of known truth,
//! the savings uncertainty against its formula, and a baseline of the sample sites.

mod models;
mod ols;
mod site;
