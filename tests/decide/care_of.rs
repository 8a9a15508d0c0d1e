//! Decision scenarios for the `care_of` seed policy.
