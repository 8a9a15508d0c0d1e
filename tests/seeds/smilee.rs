//! Seed policy `smilee`: assertions from the notice's text.
