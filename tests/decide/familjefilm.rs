//! Decision scenarios for the `familjefilm` seed policy.
