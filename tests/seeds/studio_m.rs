//! Seed policy `studio_m`: assertions from the notice's text.
