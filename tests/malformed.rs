//! The malformed-policy corpus: every file in `tests/malformed/` is a policy that must be
//! rejected with exactly the problems it lists, in the order the loader reports them.
//!
//! A TOML case starts with comment lines of the form
//!
//! ```toml
//! # expect: 12:1: activity[0].categories[1]: unknown category `contact.emial`; did you mean `contact.email`?
//! ```
//!
//! one per expected [`Problem`], rendered as its `Display` (`{line}:{col}: {path}: {message}`, or
//! `{path}: {message}` without a position). JSON has no comments, so a JSON case `NN-name.json`
//! keeps its expected lines in the sidecar `NN-name.json.expect`, one per line.
//!
//! Every case is loaded with [`load_file`] inside [`std::panic::catch_unwind`]; the test collects
//! every mismatch (and any panic) and fails once at the end with a diff per file. It also fails
//! when the corpus has fewer than [`MIN_CASES`] cases, so that it cannot pass on an empty or
//! misplaced directory. See `tests/malformed/README.md` for how to add a case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gdpr_policy::format::{LoadError, Problem, load_file};

/// The corpus may not shrink below this many cases.
const MIN_CASES: usize = 26;

/// The comment prefix of an expected problem in a TOML case.
const EXPECT: &str = "# expect:";

/// The extension of a JSON case's sidecar file, after the case's own `.json`.
const SIDECAR: &str = "expect";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("malformed")
}

/// The files of the corpus, sorted by name.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus directory {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// What a corpus file is.
enum Kind {
    /// A TOML case, expectations in its leading comments.
    Toml,
    /// A JSON case, expectations in its sidecar.
    Json,
    /// A JSON case's sidecar.
    Sidecar,
    /// Documentation of the corpus.
    Readme,
}

fn kind(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    if name == "README.md" {
        Some(Kind::Readme)
    } else if name.ends_with(&format!(".json.{SIDECAR}")) {
        Some(Kind::Sidecar)
    } else if name.ends_with(".toml") {
        Some(Kind::Toml)
    } else if name.ends_with(".json") {
        Some(Kind::Json)
    } else {
        None
    }
}

fn sidecar_of(json: &Path) -> PathBuf {
    let mut name = json.as_os_str().to_owned();
    name.push(".");
    name.push(SIDECAR);
    PathBuf::from(name)
}

/// The expected problems of a TOML case: the `# expect:` lines of its leading comment block.
fn toml_expectations(text: &str) -> Result<Vec<String>, String> {
    let mut expected = Vec::new();
    let mut in_header = true;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if in_header && !trimmed.starts_with('#') {
            in_header = false;
        }
        if let Some(rest) = trimmed.strip_prefix(EXPECT) {
            if !in_header {
                return Err(format!(
                    "line {}: `{EXPECT}` after the leading comment block is ignored; move it up",
                    n + 1
                ));
            }
            expected.push(rest.trim().to_owned());
        }
    }
    Ok(expected)
}

/// The expected problems of a JSON case: the non-blank lines of its sidecar.
fn json_expectations(json: &Path) -> Result<Vec<String>, String> {
    let sidecar = sidecar_of(json);
    let text = std::fs::read_to_string(&sidecar)
        .map_err(|e| format!("cannot read its sidecar {}: {e}", sidecar.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Loads a case, turning a panic into an error message.
fn load(path: &Path) -> Result<Vec<String>, String> {
    let outcome = std::panic::catch_unwind(|| load_file(path));
    match outcome {
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a non-string payload)".to_owned());
            Err(format!("the loader panicked: {what}"))
        }
        Ok(Ok(_)) => Err("the policy loaded without any problem".to_owned()),
        Ok(Err(LoadError::Invalid(problems))) => {
            Ok(problems.iter().map(Problem::to_string).collect())
        }
        Ok(Err(other)) => Err(format!(
            "the loader failed without a list of problems: {other}"
        )),
    }
}

/// A line diff (longest common subsequence): ` ` both, `-` expected only, `+` actual only.
fn diff(expected: &[String], actual: &[String]) -> String {
    let (n, m) = (expected.len(), actual.len());
    // lcs[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if expected[i] == actual[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            let _ = writeln!(out, "      {}", expected[i]);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "    - {}", expected[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "    + {}", actual[j]);
            j += 1;
        }
    }
    out
}

/// Checks one case; `Err` describes the mismatch.
fn check(path: &Path, expected: Result<Vec<String>, String>) -> Result<(), String> {
    let expected = expected?;
    if expected.is_empty() {
        return Err("the case lists no expected problem".to_owned());
    }
    let actual = load(path)?;
    if actual == expected {
        return Ok(());
    }
    Err(format!(
        "problems differ (- expected, + actual):\n{}",
        diff(&expected, &actual).trim_end()
    ))
}

#[test]
fn malformed_policies_report_exactly_the_expected_problems() {
    let dir = corpus_dir();
    let mut cases = 0usize;
    let mut failures: Vec<(PathBuf, String)> = Vec::new();
    for path in corpus_files(&dir) {
        let outcome = match kind(&path) {
            Some(Kind::Readme) => continue,
            Some(Kind::Sidecar) => {
                let json = path.with_extension("");
                if json.is_file() {
                    continue;
                }
                Err(format!("sidecar without its case {}", json.display()))
            }
            Some(Kind::Toml) => {
                cases += 1;
                let expected = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read the case: {e}"))
                    .and_then(|text| toml_expectations(&text));
                check(&path, expected)
            }
            Some(Kind::Json) => {
                cases += 1;
                check(&path, json_expectations(&path))
            }
            None => {
                Err("not a case: name cases `*.toml` or `*.json` (+ `*.json.expect`)".to_owned())
            }
        };
        if let Err(why) = outcome {
            failures.push((path, why));
        }
    }

    let mut report = String::new();
    if cases < MIN_CASES {
        let _ = writeln!(
            report,
            "the corpus in {} has {cases} cases, fewer than {MIN_CASES}\n",
            dir.display()
        );
    }
    for (path, why) in &failures {
        let name = path.strip_prefix(&dir).unwrap_or(path);
        let _ = writeln!(report, "tests/malformed/{}: {why}\n", name.display());
    }
    assert!(
        report.is_empty(),
        "{} of {cases} malformed-policy cases failed\n\n{}",
        failures.len(),
        report.trim_end()
    );
}

#[test]
fn the_diff_marks_missing_and_extra_lines() {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let d = diff(&s(&["a", "b", "c"]), &s(&["a", "x", "c", "d"]));
    assert_eq!(d, "      a\n    - b\n    + x\n      c\n    + d\n");
}

#[test]
fn expectations_come_only_from_the_leading_comments() {
    let text = "# a case\n# expect: 1:1: x: y\n#expect: not this\n\n# expect: z\n";
    assert!(toml_expectations(text).is_err());
    let text = "# a case\n# expect: 1:1: x: y\n# expect: (document): z\nformat = 1\n";
    assert_eq!(
        toml_expectations(text),
        Ok(vec!["1:1: x: y".to_owned(), "(document): z".to_owned()])
    );
}
