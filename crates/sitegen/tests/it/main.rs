//! The generator's output: every sample site opens, names every item in both languages, and is what is
//! committed under sample-sites/.

mod names;
