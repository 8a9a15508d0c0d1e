//! Decision scenarios for the `studio_m` seed policy.
