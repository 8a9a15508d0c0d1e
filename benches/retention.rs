//! Placeholder: the retention schedule benchmark is being written.
fn main() {}
