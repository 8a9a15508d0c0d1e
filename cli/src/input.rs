//! Reading the policy, input documents and instants, with errors a user can act on.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use gdpr_policy::engine::Engine;
use gdpr_policy::format::{self, Format, LoadError, Problem};
use gdpr_policy::model::{Record, SubjectState};
use gdpr_policy::time::zone::Zone;
use serde::Deserialize;

use crate::Failure;

/// `` `file`: what has N problems`` and one line per problem, prefixed with the file.
fn listing(file: &str, what: &str, problems: &[Problem]) -> String {
    format!(
        "`{file}`: {}",
        format::InFile {
            file,
            what,
            problems
        }
    )
}

/// Loads and compiles the policy; also gives its text, to place audit findings.
pub(crate) fn policy(path: &Path) -> Result<(Engine, String), Failure> {
    let shown = path.display().to_string();
    let format = Format::of_path(path)
        .ok_or_else(|| Failure(LoadError::UnknownFormat(path.into()).to_string()))?;
    let size = std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Failure(format!("policy file `{shown}` does not exist"))
            }
            _ => Failure(format!("cannot read `{shown}`: {e}")),
        })?;
    if size > format::MAX_INPUT_BYTES as u64 {
        let limit = format::MAX_INPUT_BYTES;
        return Err(Failure(LoadError::TooLarge { size, limit }.to_string()));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read `{shown}`: {e}")))?;
    match format::from_str(&text, format) {
        Ok(p) => Ok((Engine::new(p), text)),
        Err(LoadError::Invalid(problems)) => Err(Failure(listing(&shown, "policy", &problems))),
        Err(e) => Err(Failure(e.to_string())),
    }
}

/// An input document: its text, format and the name to show.
pub(crate) struct Document {
    pub name: String,
    pub text: String,
    pub format: Format,
}

/// Reads the input named on the command line, or standard input for `-` or none.
pub(crate) fn document(input: Option<&PathBuf>, keys: &str) -> Result<Document, Failure> {
    match input.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    Failure(format!("input file `{name}` does not exist"))
                }
                _ => Failure(format!("cannot read `{name}`: {e}")),
            })?;
            let format = Format::of_path(path).unwrap_or_else(|| sniff(&text));
            check_empty(&text, &name, keys)?;
            Ok(Document { name, text, format })
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(Failure(format!(
                    "no input: name a file or pipe a TOML or JSON document with {keys} on standard input"
                )));
            }
            // Bytes first: a cut at the limit may split a character, and the size is the
            // error to report then, not the encoding.
            let mut bytes = Vec::new();
            stdin
                .lock()
                .take(format::MAX_INPUT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure(format!("cannot read standard input: {e}")))?;
            if bytes.len() > format::MAX_INPUT_BYTES {
                return Err(Failure(format!(
                    "standard input is more than the limit of {} bytes",
                    format::MAX_INPUT_BYTES
                )));
            }
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure("standard input is not valid UTF-8".to_owned()))?;
            let name = "<stdin>".to_owned();
            check_empty(&text, &name, keys)?;
            let format = sniff(&text);
            Ok(Document { name, text, format })
        }
    }
}

fn check_empty(text: &str, name: &str, keys: &str) -> Result<(), Failure> {
    if text.trim().is_empty() {
        let what = if name == "<stdin>" {
            "standard input"
        } else {
            name
        };
        return Err(Failure(format!(
            "{what} is empty; expected a TOML or JSON document with {keys}"
        )));
    }
    Ok(())
}

/// JSON when the text starts with `{`, else TOML.
fn sniff(text: &str) -> Format {
    if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Toml
    }
}

impl Document {
    /// Reads the document as a `T`.
    pub(crate) fn read<T: serde::de::DeserializeOwned>(&self) -> Result<T, Failure> {
        format::read_str("input", &self.text, self.format)
            .map_err(|e| Failure(listing(&self.name, "input", &e.problems)))
    }

    /// Fails with `problems` (unknown ids), placed in the document where it can.
    pub(crate) fn check(&self, mut problems: Vec<Problem>) -> Result<(), Failure> {
        if problems.is_empty() {
            return Ok(());
        }
        for p in &mut problems {
            if let Some((l, c)) = format::position_of(&self.text, self.format, &p.path) {
                p.line = Some(l);
                p.column = Some(c);
            }
        }
        Err(Failure(listing(&self.name, "input", &problems)))
    }
}

/// The input of `decide`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecideInput {
    pub subject: SubjectState,
    pub request: gdpr_policy::engine::Request,
}

/// The input of `erase`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EraseInput {
    pub subject: SubjectState,
    pub records: Vec<Record>,
    #[serde(default)]
    pub grounds: Vec<gdpr_policy::engine::erasure::ErasureGround>,
}

/// The input of `retention`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RetentionInput {
    #[serde(default)]
    pub subject: Option<SubjectState>,
    pub records: Vec<Record>,
}

/// The input of `access` and `rights`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubjectInput {
    pub subject: SubjectState,
    #[serde(default)]
    pub records: Vec<Record>,
}

/// Checks the ids of a subject and records against the policy.
pub(crate) fn check_ids(
    engine: &Engine,
    doc: &Document,
    subject: Option<&SubjectState>,
    records: &[Record],
) -> Result<(), Failure> {
    let mut problems = subject.map_or_else(Vec::new, |s| engine.check_subject(s, "subject"));
    problems.extend(engine.check_records(records, "records"));
    doc.check(problems)
}

/// An instant: RFC 3339, or a date meaning the start of that day in `zone`.
pub(crate) fn instant(text: &str, zone: Zone, what: &str) -> Result<DateTime<Utc>, Failure> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(zone.start_of_day(d));
    }
    Err(Failure(format!(
        "{what} `{text}` is not an instant; write `2024-05-01T12:00:00Z` (RFC 3339) or a date `2024-05-01`"
    )))
}

/// `--at`, or now.
pub(crate) fn at(arg: Option<&str>, zone: Zone) -> Result<DateTime<Utc>, Failure> {
    match arg {
        Some(t) => instant(t, zone, "--at"),
        // Whole seconds: a finer instant says nothing more to a policy and reads worse.
        None => Ok(DateTime::<Utc>::from(std::time::SystemTime::now()).trunc_subsecs(0)),
    }
}
