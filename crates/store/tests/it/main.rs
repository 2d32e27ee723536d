//! Integration tests of the store: lookups at edges, input repair, aggregates against brute force.

mod aggregate;
mod live;
mod lookup;
mod m4;
