//! Decision scenarios for the `multistudio` seed policy.
