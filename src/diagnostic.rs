//! Problems found in documents, and "did you mean" suggestions for names that are close to a
//! known one: shared by the policy loader, the engine's input checks and the test-file runner.
//!
//! ```
//! use gdpr_policy::diagnostic::Problem;
//!
//! let p = Problem {
//!     path: "activity[0].bases[0]".to_owned(),
//!     line: Some(12),
//!     column: Some(10),
//!     message: "unknown legal basis `contrakt`; did you mean `contract`?".to_owned(),
//! };
//! assert_eq!(p.to_string(), "12:10: activity[0].bases[0]: unknown legal basis `contrakt`; did you mean `contract`?");
//! ```

use std::fmt;

/// One problem found in a document: a policy, a test file, an input.
///
/// See the [module documentation](self) for an example.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The path of the offending value, e.g. `activity[2].retention.after`; `(document)` for the
    /// whole document.
    pub path: String,
    /// The 1-based line, where the format gives it (TOML always; JSON for syntax errors).
    pub line: Option<usize>,
    /// The 1-based column, in characters, where the format gives it.
    pub column: Option<usize>,
    /// What is wrong, in lowercase, with user input in backticks.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev + usize::from(ca != *cb);
            let del = row
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let ins = row.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            prev = row.get(j + 1).copied().unwrap_or(0);
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = sub.min(del).min(ins);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// `; did you mean `x`?` for the closest candidate, if one is close enough.
pub(crate) fn suggest<'c>(s: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    let best = candidates
        .map(|c| (distance(s, c), c))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    match best {
        Some((d, c)) if d <= (s.chars().count() / 3).max(2) => format!("; did you mean `{c}`?"),
        _ => String::new(),
    }
}
