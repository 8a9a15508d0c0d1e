//! Policy test files: assert a policy's answers in CI, as `opa test` does for Rego.
//!
//! A test file is TOML. It names the policy under test (relative to the test file's
//! directory) and lists cases; each case has a name, the instant `at` it is asked at, the
//! subject's state, exactly **one question** and the **expected** answer:
//!
//! ```toml
//! policy = "../../policies/smilee.toml"
//!
//! [[case]]
//! name = "the newsletter may be sent on consent"
//! at = 2024-05-01T12:00:00Z
//! subject = { kind = "newsletter_subscriber", consents = [
//!     { purpose = "marketing.direct.newsletter", given = 2024-01-01T00:00:00Z },
//! ] }
//! decide = { target = { activity = "newsletter" }, categories = ["contact.email"], operation = "use" }
//! expect = { outcome = "permit", basis = "consent", citations = ["GDPR Art. 6(1)(a)"] }
//! ```
//!
//! | question | input | expectations |
//! |---|---|---|
//! | `decide` | a [`Request`](crate::engine::Request); `subject`, `at` | `outcome` (required), `basis`, `rules` (codes among the determining reasons), `citations` |
//! | `erase` | `records`, `grounds`; `subject`, `at` | `records`: per record `id`, `action` (required: `erase`, `retain`, `forward`, `keep`), `ground`, `last_day`, `notify`, `citations` |
//! | `retention` | `records`; `at`, optional `subject` | `records`: per record `id`, `status` (required: `on`, `pending`, `while_purpose_lasts`, `unknown`), `last_day` (of `on`; under `while_purpose_lasts`, the legal duty's minimum), `overdue`, `citations` |
//! | `deadline` | `received`, `eves`, `pauses` | `respond_by`, `extended`, `refuse_by` (at least one) |
//! | `rights` | `{}`; `subject`, `at` | `rights`: per entry `activity`, `right`, `applies`, `citations` |
//! | `audit` | `{}`; `at` | `findings`: the codes of every finding (order free, repeats count) |
//!
//! A citation matches when it is written exactly as the answer renders it (`GDPR Art. 17(3)(b)`,
//! `BFL 7 kap. 2 §`), or without the `GDPR ` prefix (`Art. 17(3)(b)`). Every record of an
//! `erase` or `retention` question must have exactly one expectation.
//!
//! A file is checked whole before any case runs: its structure, that each case asks one
//! question with the inputs and expectations that question takes, and that every id in it
//! names something the policy declares (with the closest match when not). Problems are
//! reported with their line and column as a [`SuiteError`]; a file with problems runs no case.
//!
//! In a crate's own tests:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let run = gdpr_policy::suite::run(&["tests/policies"])?;
//! assert!(run.is_success(), "{run}");
//! # Ok(()) }
//! ```

mod check;
pub mod wire;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::format::{Format, InFile, InputError, LoadError, Problem, read_str};

/// The suffix of test files found in directories.
pub const SUFFIX: &str = ".test.toml";

/// Why test files could not be run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SuiteError {
    /// A file or directory could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A test file has problems; no case of it was run.
    #[error("`{}`: {}", path.display(), Located(path, source))]
    Invalid {
        /// The test file.
        path: PathBuf,
        /// Its problems.
        source: InputError,
    },
    /// The policy a test file names does not load.
    #[error("`{}` tests `{}`, which does not load: {}", path.display(), policy.display(), Loaded(policy, source))]
    Policy {
        /// The test file.
        path: PathBuf,
        /// The policy file.
        policy: PathBuf,
        /// Why it does not load.
        source: LoadError,
    },
    /// A directory holds no test file.
    #[error("no test files (`*{SUFFIX}`) in `{}`", .0.display())]
    NoTests(PathBuf),
}

/// Problems prefixed with their file, so that editors can jump to them.
struct Located<'a>(&'a Path, &'a InputError);

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.0.display().to_string();
        InFile {
            file: &file,
            what: self.1.what,
            problems: &self.1.problems,
        }
        .fmt(f)
    }
}

struct Loaded<'a>(&'a Path, &'a LoadError);

impl fmt::Display for Loaded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            LoadError::Invalid(problems) => {
                let file = self.0.display().to_string();
                InFile {
                    file: &file,
                    what: "policy",
                    problems,
                }
                .fmt(f)
            }
            other => write!(f, "{other}"),
        }
    }
}

/// One way an answer differed from the expectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// What was compared, e.g. `outcome` or `record \`r1\` last_day`.
    pub what: String,
    /// The expected value.
    pub expected: String,
    /// The actual value.
    pub actual: String,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    /// The case's name.
    pub name: String,
    /// The line the case starts on in its file.
    pub line: Option<usize>,
    /// What differed; empty when the case passed.
    pub mismatches: Vec<Mismatch>,
    /// The engine's whole answer, rendered for people.
    pub answer: String,
}

impl CaseResult {
    /// Whether the answer matched every expectation.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// The results of one test file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The test file.
    pub file: PathBuf,
    /// The policy it tests.
    pub policy: PathBuf,
    /// One result per case, in file order.
    pub cases: Vec<CaseResult>,
}

impl Report {
    /// The number of cases that passed.
    #[must_use]
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.passed()).count()
    }

    /// The number of cases that failed.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.cases.len() - self.passed()
    }

    fn write_failures(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.cases.iter().filter(|c| !c.passed()) {
            let at = c.line.map_or_else(String::new, |l| format!(":{l}"));
            writeln!(f, "FAIL {}{at}: {}", self.file.display(), c.name)?;
            for m in &c.mismatches {
                writeln!(f, "  {}", m.what)?;
                writeln!(f, "    expected: {}", m.expected)?;
                writeln!(f, "    actual:   {}", m.actual)?;
            }
            writeln!(f, "  answer:")?;
            for line in c.answer.lines() {
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_failures(f)?;
        write!(f, "{} passed, {} failed", self.passed(), self.failed())
    }
}

/// The results of several test files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// One report per file, in the order run (directories in name order).
    pub reports: Vec<Report>,
}

impl Run {
    /// The number of cases that passed.
    #[must_use]
    pub fn passed(&self) -> usize {
        self.reports.iter().map(Report::passed).sum()
    }

    /// The number of cases that failed.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.reports.iter().map(Report::failed).sum()
    }

    /// Whether every case passed.
    #[must_use]
    pub fn is_success(&self) -> bool {
        self.failed() == 0
    }
}

/// Failing cases with expected against actual, then the line `N passed, N failed`.
impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.reports {
            r.write_failures(f)?;
        }
        write!(f, "{} passed, {} failed", self.passed(), self.failed())
    }
}

/// Runs test files: each path is a test file, or a directory searched recursively for files
/// named `*.test.toml` (in name order; symbolic links to directories are not followed).
///
/// # Errors
///
/// The first [`SuiteError`]: a path that cannot be read, a directory without test files, a
/// test file with problems or whose policy does not load. Failing cases are not errors: they
/// are in the [`Run`].
pub fn run<P: AsRef<Path>>(paths: &[P]) -> Result<Run, SuiteError> {
    let mut reports = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let io = |source| SuiteError::Io {
            path: p.to_owned(),
            source,
        };
        if std::fs::metadata(p).map_err(io)?.is_dir() {
            let mut files = Vec::new();
            find(p, &mut files)?;
            if files.is_empty() {
                return Err(SuiteError::NoTests(p.to_owned()));
            }
            for f in files {
                reports.push(run_file(&f)?);
            }
        } else {
            reports.push(run_file(p)?);
        }
    }
    Ok(Run { reports })
}

fn find(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SuiteError> {
    let io = |source| SuiteError::Io {
        path: dir.to_owned(),
        source,
    };
    // Symbolic links to directories are not followed: a link back up would loop.
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?.is_dir()))))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for (e, is_dir) in entries {
        if is_dir {
            find(&e, out)?;
        } else if e
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(SUFFIX))
        {
            out.push(e);
        }
    }
    Ok(())
}

/// Runs one test file.
///
/// # Errors
///
/// As for [`run`].
pub fn run_file(path: impl AsRef<Path>) -> Result<Report, SuiteError> {
    let path = path.as_ref();
    let io = |source| SuiteError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > crate::format::MAX_INPUT_BYTES as u64 {
        return Err(SuiteError::Invalid {
            path: path.to_owned(),
            source: InputError {
                what: "test file",
                problems: vec![Problem {
                    path: "(document)".to_owned(),
                    line: None,
                    column: None,
                    message: format!(
                        "file is {size} bytes, more than the limit of {} bytes",
                        crate::format::MAX_INPUT_BYTES
                    ),
                }],
            },
        });
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    run_str(&text, path)
}

/// Runs a test file's text; `path` is where it lives (the policy is found relative to its
/// directory) and names it in reports.
///
/// # Errors
///
/// As for [`run`].
pub fn run_str(text: &str, path: &Path) -> Result<Report, SuiteError> {
    let invalid = |source| SuiteError::Invalid {
        path: path.to_owned(),
        source,
    };
    let file: wire::TestFile = read_str("test file", text, Format::Toml).map_err(invalid)?;
    let policy = path
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&file.policy);
    let loaded = crate::format::load_file(&policy).map_err(|source| SuiteError::Policy {
        path: path.to_owned(),
        policy: policy.clone(),
        source,
    })?;
    let engine = crate::engine::Engine::new(loaded);
    let mut problems = check::validate(&engine, &file);
    if !problems.is_empty() {
        for p in &mut problems {
            if let Some((l, c)) = crate::format::position_of(text, Format::Toml, &p.path) {
                p.line = Some(l);
                p.column = Some(c);
            }
        }
        return Err(invalid(InputError {
            what: "test file",
            problems,
        }));
    }
    let cases = file
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let line = crate::format::position_of(text, Format::Toml, &format!("case[{i}]"))
                .map(|(l, _)| l);
            check::evaluate(&engine, case, line)
        })
        .collect();
    Ok(Report {
        file: path.to_owned(),
        policy,
        cases,
    })
}
