//! Process models against the published worked cases of docs/references.md, physical checks, and the optimiser
//! against dense grid searches.

mod messages;
mod models;
mod optimiser;
