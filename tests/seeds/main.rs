//! The five bundled seed policies load, and encode what their notices say.
//!
//! One module per seed; each asserts facts read from the notice's own text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod care_of;
mod familjefilm;
mod multistudio;
mod smilee;
mod studio_m;

use gdpr_policy::model::{Activity, ActivityId, Policy};

/// Loads `policies/<name>.toml`, failing the test with every problem if it does not load.
pub fn load(name: &str) -> Policy {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    match gdpr_policy::format::load_file(&path) {
        Ok(p) => p,
        Err(e) => panic!("{path} does not load:\n{e}"),
    }
}

/// The activity with this id, failing the test if there is none.
pub fn activity<'p>(policy: &'p Policy, id: &str) -> &'p Activity {
    policy
        .activity(&ActivityId::new(id).unwrap())
        .unwrap_or_else(|| panic!("no activity `{id}`"))
        .1
}
