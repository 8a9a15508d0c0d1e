//! Decision scenarios for the `smilee` seed policy.
