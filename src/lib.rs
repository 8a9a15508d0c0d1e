//! Privacy policies as typed data and a rules engine.
#![doc = "(tour to be written)"]

pub mod citation;
pub mod format;
pub mod law;
pub mod model;
pub mod time;
