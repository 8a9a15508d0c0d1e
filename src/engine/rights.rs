//! Which data-subject rights apply (placeholder).
