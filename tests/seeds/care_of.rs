//! Seed policy `care_of`: assertions from the notice's text.
