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
/// Loading a policy reports every problem it finds, each with its path and, from TOML, its
/// place:
///
/// ```
/// use gdpr_policy::diagnostic::Problem;
///
/// let text = "format = 1\nid = \"x\"\ntitle = \"x\"\ncolour = \"blue\"\n";
/// let err = gdpr_policy::format::from_toml_str(text).err().ok_or("an unknown key is a problem")?;
/// let problems: &[Problem] = err.problems();
/// let colour = problems.iter().find(|p| p.path == "colour").ok_or("not reported")?;
/// assert_eq!((colour.line, colour.column), (Some(4), Some(1)));
/// assert!(colour.to_string().starts_with("4:1: colour: "), "{colour}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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

/// `; did you mean `x`?` for the closest candidate, if one is close enough (at most a third of
/// the characters of `s` differ, or two for short names); the empty string otherwise. Ties go to
/// the candidate first in string order, so the hint does not depend on the candidates' order.
pub(crate) fn suggest<'c>(s: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    let best = candidates
        .map(|c| (distance(s, c), c))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    match best {
        Some((d, c)) if d <= (s.chars().count() / 3).max(2) => format!("; did you mean `{c}`?"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("contract", "contract"), 0);
        assert_eq!(distance("contrakt", "contract"), 1);
        assert_eq!(distance("emial", "email"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
    }

    #[test]
    fn suggests_the_closest_candidate_when_close_enough() {
        let known = ["consent", "contract", "legal_obligation"];
        assert_eq!(
            suggest("contrakt", known.into_iter()),
            "; did you mean `contract`?"
        );
        assert_eq!(suggest("vital", known.into_iter()), "");
        assert_eq!(suggest("x", std::iter::empty()), "");
        // Equally close candidates: the first in string order, whatever the order given.
        assert_eq!(
            suggest("ab", ["ac", "aa"].into_iter()),
            "; did you mean `aa`?"
        );
    }
}
