//! Errors of loading and writing policy files.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::Problem;

/// Why a policy could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file name does not say which format it is in.
    #[error("cannot tell the format of `{0}`; name it `*.toml` or `*.json`")]
    UnknownFormat(PathBuf),
    /// The input is larger than [`super::MAX_INPUT_BYTES`].
    #[error("policy is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: usize,
    },
    /// The document has problems: syntax, structure, references or values. All are listed.
    #[error("{}", Listing("policy", .0))]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// The problems found in the document; empty for errors that are not about its content.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// Why an input document (a request, subject state, records, a test file) could not be read.
///
/// Its display lists every problem, one per line, as `line:column: path: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Listing(.what, .problems))]
pub struct InputError {
    /// What the document is, e.g. `input` or `test file`.
    pub what: &'static str,
    /// The problems, in document order where known.
    pub problems: Vec<Problem>,
}

struct Listing<'a>(&'a str, &'a [Problem]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.1.len();
        write!(
            f,
            "{} has {n} problem{}",
            self.0,
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.1 {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// Why a policy could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The TOML serializer refused the document.
    #[error("cannot write the policy as toml: {0}")]
    Toml(#[from] toml::ser::Error),
    /// The JSON serializer refused the document.
    #[error("cannot write the policy as json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Problems of one file, for people: `<what> has N problems`, then one line per problem prefixed
/// with the file (`file:line:column: path: message`), so that editors can jump to each.
#[derive(Debug, Clone, Copy)]
pub struct InFile<'a> {
    /// The file, as shown.
    pub file: &'a str,
    /// What the file is, e.g. `policy`, `input`, `test file`.
    pub what: &'a str,
    /// The problems.
    pub problems: &'a [Problem],
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} has {n} problem{}",
            self.what,
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.problems {
            write!(f, "\n  {}:{p}", self.file)?;
        }
        Ok(())
    }
}
