//! Seed policy `familjefilm`: assertions from the notice's text.
