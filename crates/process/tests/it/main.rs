//! Process models against the worked cases of ../shared/domain, physical checks, and the optimiser
//! against dense grid searches.

mod messages;
mod models;
mod optimiser;
