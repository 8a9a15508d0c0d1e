//! The checked-in JSON Schema of the policy file is the one the wire types generate.
//!
//! Regenerate it with `UPDATE_SCHEMA=1 cargo test --test schema`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/policy.schema.json")
}

#[test]
fn checked_in_schema_is_current() {
    let generated = serde_json::to_string_pretty(&gdpr_policy::format::schema()).unwrap() + "\n";
    let path = schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is stale; regenerate it with `UPDATE_SCHEMA=1 cargo test --test schema`",
        path.display()
    );
}

#[test]
fn schema_rejects_unknown_keys_and_names_the_required_ones() {
    let schema = serde_json::to_value(gdpr_policy::format::schema()).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in ["format", "id", "title", "controller"] {
        assert!(required.contains(&key), "{key} must be required");
    }
    let activity = &schema["$defs"]["ActivityFile"];
    assert_eq!(activity["additionalProperties"], serde_json::json!(false));
}
