//! Seed policy `multistudio`: assertions from the notice's text.
