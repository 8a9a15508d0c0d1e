//! `schema`.

use super::*;

#[test]
fn schema_is_json_schema() {
    for args in [
        &["schema", "--at", "2024-01-01"][..],
        &["schema", "--at", "2024-01-01", "--format", "json"][..],
    ] {
        let schema = run(args).code(0).json();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let properties = schema["properties"].as_object().expect("properties");
        for key in ["controller", "activity", "rights"] {
            assert!(properties.contains_key(key), "no `{key}` in {properties:?}");
        }
    }
}
