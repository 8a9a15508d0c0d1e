//! Reading and writing policy files (TOML and JSON).
//!
//! Loading is three steps, each reporting every problem it can find before giving up:
//!
//! 1. **parse** the text into a document tree ([`doc::Node`]), keeping source spans for TOML;
//!    syntax errors carry line and column;
//! 2. **read** the [`wire`] types from the tree; unknown keys and wrongly typed values are
//!    reported with their path; each `[[activity]]`, `[[recipient]]`, ... is read on its own, so a
//!    mistake in one does not hide mistakes in another;
//! 3. **validate** and resolve the wire types into a [`crate::model::Policy`]: ids, references,
//!    periods, dates, time zone, the Art. 9 and Art. 10 conditions.
//!
//! ```
//! # fn main() -> Result<(), gdpr_policy::format::LoadError> {
//! let policy = gdpr_policy::format::from_toml_str(r#"
//!     format = 1
//!     id = "example"
//!     title = "Example notice"
//!     [controller]
//!     name = "Example AB"
//!     country = "SE"
//!     time_zone = "Europe/Stockholm"
//!     [[activity]]
//!     id = "orders"
//!     name = "handling orders"
//!     purposes = ["service.contract"]
//!     bases = ["contract"]
//!     subjects = ["customer"]
//!     categories = ["identity.name", "contact.email"]
//! "#)?;
//! assert_eq!(policy.activities().len(), 1);
//!
//! let err = gdpr_policy::format::from_toml_str("format = 1\nid = \"x\"\ntitel = \"typo\"\n")
//!     .unwrap_err();
//! assert!(err.to_string().contains("3:1: titel: unknown field `titel`"));
//! # Ok(()) }
//! ```

pub mod doc;
mod error;
mod unload;
pub(crate) mod validate;
pub mod wire;

use std::path::Path;

pub use crate::diagnostic::Problem;
pub use error::{InFile, InputError, LoadError, WriteError};

use crate::model::Policy;
use doc::{DocPath, Node, Value};

/// The largest policy document accepted, in bytes (4 MiB).
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// A policy file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// TOML, for people.
    Toml,
    /// JSON, for programs.
    Json,
}

impl Format {
    /// The format a file name's extension names, if any.
    #[must_use]
    pub fn of_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Self::Toml),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Loads a policy from a `.toml` or `.json` file.
///
/// # Errors
///
/// [`LoadError::Io`] when the file cannot be read, [`LoadError::UnknownFormat`] for another
/// extension, [`LoadError::TooLarge`] past [`MAX_INPUT_BYTES`], and [`LoadError::Invalid`] with
/// every problem found in its content.
pub fn load_file(path: impl AsRef<Path>) -> Result<Policy, LoadError> {
    let path = path.as_ref();
    let format = Format::of_path(path).ok_or_else(|| LoadError::UnknownFormat(path.into()))?;
    let io = |source| LoadError::Io {
        path: path.into(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_INPUT_BYTES as u64 {
        return Err(LoadError::TooLarge {
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    from_str(&text, format)
}

/// Loads a policy from TOML text.
///
/// # Errors
///
/// [`LoadError::TooLarge`] or [`LoadError::Invalid`], as for [`from_str`].
pub fn from_toml_str(text: &str) -> Result<Policy, LoadError> {
    from_str(text, Format::Toml)
}

/// Loads a policy from JSON text.
///
/// # Errors
///
/// [`LoadError::TooLarge`] or [`LoadError::Invalid`], as for [`from_str`].
pub fn from_json_str(text: &str) -> Result<Policy, LoadError> {
    from_str(text, Format::Json)
}

/// Loads a policy from text in the given format.
///
/// # Errors
///
/// [`LoadError::TooLarge`] past [`MAX_INPUT_BYTES`]; otherwise [`LoadError::Invalid`] with every
/// problem found.
pub fn from_str(text: &str, format: Format) -> Result<Policy, LoadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge {
            size: text.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    let root = parse(text, format)?;
    let mut problems = Problems {
        text,
        root: &root,
        list: Vec::new(),
        broken: std::collections::BTreeSet::new(),
    };
    let wire = read_wire(&root, &mut problems);
    let policy = wire.and_then(|w| validate::validate(&w, &mut problems));
    match policy {
        Some(p) if problems.list.is_empty() => Ok(p),
        _ => Err(LoadError::Invalid(problems.list)),
    }
}

/// Reads any other input document (a request, subject state, records, a policy test file) from
/// TOML or JSON text, with the same reporting as policies: syntax errors with line and column,
/// unknown keys and wrongly typed values with their path (and, for TOML, position).
///
/// `what` names the document in the error's first line (`input has 1 problem`). TOML datetimes
/// are read as their RFC 3339 text, so `given = 2024-01-01T00:00:00Z` and
/// `given = "2024-01-01T00:00:00Z"` mean the same. Text over [`MAX_INPUT_BYTES`] is refused.
///
/// ```
/// # fn main() -> Result<(), gdpr_policy::format::InputError> {
/// use gdpr_policy::format::{Format, read_str};
/// use gdpr_policy::model::SubjectState;
///
/// let s: SubjectState = read_str("input", "kind = \"customer\"\nage = 17\n", Format::Toml)?;
/// assert_eq!(s.age, Some(17));
/// let err = read_str::<SubjectState>("input", "kind = \"customer\"\nag = 17\n", Format::Toml)
///     .unwrap_err();
/// assert!(err.to_string().ends_with("2:1: ag: unknown field `ag`, expected one of `kind`, `age`, `country`, `relationship`, `consents`, `objections`, `restrictions`, `legal_claim_holds`, `events`"));
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// [`InputError`] listing every problem found.
pub fn read_str<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
    format: Format,
) -> Result<T, InputError> {
    let fail = |problems| InputError { what, problems };
    if text.len() > MAX_INPUT_BYTES {
        return Err(fail(vec![Problem {
            path: "(document)".to_owned(),
            line: None,
            column: None,
            message: format!(
                "document is {} bytes, more than the limit of {MAX_INPUT_BYTES} bytes",
                text.len()
            ),
        }]));
    }
    let root = parse(text, format).map_err(|e| match e {
        LoadError::Invalid(p) => fail(p),
        other => fail(vec![Problem {
            path: "(document)".to_owned(),
            line: None,
            column: None,
            message: other.to_string(),
        }]),
    })?;
    root.read(&DocPath::default()).map_err(|f| {
        let (line, column) = f
            .span
            .filter(|_| !f.path.0.is_empty())
            .map_or((None, None), |s| {
                let (l, c) = line_col(text, s.start);
                (Some(l), Some(c))
            });
        fail(vec![Problem {
            path: if f.path.0.is_empty() {
                "(document)".to_owned()
            } else {
                f.path.to_string()
            },
            line,
            column,
            message: f.message,
        }])
    })
}

/// Writes a policy as TOML that loads back to an equal policy.
///
/// # Errors
///
/// [`WriteError`] if the serializer fails, which no valid policy should make it do.
pub fn to_toml_string(policy: &Policy) -> Result<String, WriteError> {
    Ok(toml::to_string_pretty(&unload::to_wire(policy))?)
}

/// Writes a policy as pretty-printed JSON that loads back to an equal policy.
///
/// # Errors
///
/// [`WriteError`] if the serializer fails, which no valid policy should make it do.
pub fn to_json_string(policy: &Policy) -> Result<String, WriteError> {
    Ok(serde_json::to_string_pretty(&unload::to_wire(policy))?)
}

/// The JSON Schema of the policy file format, as checked in at `schema/policy.schema.json`.
#[must_use]
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(wire::PolicyFile)
}

/// The 1-based line and column of the value at `path` (as rendered in problems and findings,
/// e.g. `activity[2].retention`) in a policy's source text, or of its nearest ancestor. TOML
/// gives positions; JSON does not, so this is `None` for JSON.
#[must_use]
pub fn position_of(text: &str, format: Format, path: &str) -> Option<(usize, usize)> {
    if format != Format::Toml || text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let root = parse(text, format).ok()?;
    let segs = parse_path(path)?;
    let span = root.locate(&segs)?;
    Some(line_col(text, span.start))
}

/// Parses a rendered path back into segments.
fn parse_path(path: &str) -> Option<Vec<doc::Seg>> {
    let mut segs = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']')?;
            segs.push(doc::Seg::Index(n.parse().ok()?));
            rest = after;
        } else if let Some(r) = rest.strip_prefix('"') {
            let (k, after) = r.split_once('"')?;
            segs.push(doc::Seg::Key(k.to_owned()));
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let (k, after) = rest.split_at(end);
            segs.push(doc::Seg::Key(k.to_owned()));
            rest = after;
        }
    }
    Some(segs)
}

/// The wire form of a policy, as it would be written to a file.
#[must_use]
pub fn to_wire(policy: &Policy) -> wire::PolicyFile {
    unload::to_wire(policy)
}

/// The problems found so far, with what is needed to place them in the source.
pub(crate) struct Problems<'a> {
    text: &'a str,
    root: &'a Node,
    list: Vec<Problem>,
    /// Ids whose own declaration has a problem, by kind: references to them are not reported
    /// again.
    broken: std::collections::BTreeSet<(String, String)>,
}

impl Problems<'_> {
    /// Records a problem at `path`, locating it through the document's spans.
    pub(crate) fn at(&mut self, path: &DocPath, message: impl Into<String>) {
        let span = self.root.locate(&path.0);
        self.push(path, span.map(|s| s.start), message.into());
    }

    /// Marks a declared id as broken (its declaration has a problem already reported).
    pub(crate) fn broken(&mut self, kind: &str, id: &str) {
        self.broken.insert((kind.to_owned(), id.to_owned()));
    }

    fn push(&mut self, path: &DocPath, offset: Option<usize>, message: String) {
        // The whole document's position (its first byte) says nothing about a problem.
        let offset = offset.filter(|_| !path.0.is_empty());
        let (line, column) = offset.map_or((None, None), |o| {
            let (l, c) = line_col(self.text, o);
            (Some(l), Some(c))
        });
        self.list.push(Problem {
            path: path.to_string(),
            line,
            column,
            message,
        });
    }
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn syntax(path: &str, line: Option<usize>, column: Option<usize>, message: String) -> LoadError {
    LoadError::Invalid(vec![Problem {
        path: path.to_owned(),
        line,
        column,
        message,
    }])
}

fn too_deep() -> LoadError {
    syntax(
        "(document)",
        None,
        None,
        format!(
            "document is nested more than {} levels deep",
            doc::MAX_DEPTH
        ),
    )
}

/// Parses text into a document tree.
fn parse(text: &str, format: Format) -> Result<Node, LoadError> {
    match format {
        Format::Toml => {
            let table = toml::de::DeTable::parse(text).map_err(|e| {
                let (line, col) = e.span().map_or((None, None), |s| {
                    let (l, c) = line_col(text, s.start);
                    (Some(l), Some(c))
                });
                syntax("(document)", line, col, toml_message(e.message()))
            })?;
            Ok(Node {
                span: Some(table.span()),
                value: Node::toml_table(table.get_ref(), 0).map_err(|_| too_deep())?,
            })
        }
        Format::Json => {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                let full = e.to_string();
                let message = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(m, _)| m)
                    .to_owned();
                syntax(
                    "(document)",
                    (e.line() > 0).then_some(e.line()),
                    (e.column() > 0).then_some(e.column()),
                    format!("invalid json: {message}"),
                )
            })?;
            Node::from_json(&value, 0).map_err(|_| too_deep())
        }
    }
}

fn toml_message(m: &str) -> String {
    let m = m.trim().trim_end_matches('.');
    let mut chars = m.chars();
    let lower = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect::<String>())
        .unwrap_or_default();
    format!("invalid toml: {lower}")
}

/// The top-level keys whose arrays are read element by element.
const ARRAYS: [&str; 6] = [
    "category",
    "purpose",
    "subject",
    "recipient",
    "duty",
    "activity",
];

/// Reads the wire form, reporting each array element's problems separately.
fn read_wire(root: &Node, problems: &mut Problems<'_>) -> Option<wire::PolicyFile> {
    let Value::Table(entries) = &root.value else {
        problems.at(
            &DocPath::default(),
            "expected a table at the top of the document",
        );
        return None;
    };
    // The head: everything but the arrays, which are read one element at a time below.
    let head_entries = entries
        .iter()
        .map(|(k, s, n)| {
            if ARRAYS.contains(&k.as_str()) && matches!(n.value, Value::Array(_)) {
                let empty = Node {
                    span: n.span.clone(),
                    value: Value::Array(Vec::new()),
                };
                (k.clone(), s.clone(), empty)
            } else {
                (k.clone(), s.clone(), n.clone())
            }
        })
        .collect();
    let head = Node {
        span: root.span.clone(),
        value: Value::Table(head_entries),
    };
    let base = DocPath::default();
    let mut file = match head.read::<wire::PolicyFile>(&base) {
        Ok(f) => Some(f),
        Err(f) => {
            problems.push(&f.path, f.span.map(|s| s.start), f.message);
            None
        }
    };
    let mut ok = file.is_some();
    for (key, _, node) in entries {
        let Value::Array(items) = &node.value else {
            continue;
        };
        let path = base.key(key);
        macro_rules! each {
            ($field:ident) => {{
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.read(&path.index(i)) {
                        Ok(v) => out.push(v),
                        Err(f) => {
                            ok = false;
                            problems.push(&f.path, f.span.map(|s| s.start), f.message);
                        }
                    }
                }
                if let Some(file) = file.as_mut() {
                    file.$field = out;
                }
            }};
        }
        match key.as_str() {
            "category" => each!(categories),
            "purpose" => each!(purposes),
            "subject" => each!(subjects),
            "recipient" => each!(recipients),
            "duty" => each!(duties),
            "activity" => each!(activities),
            _ => {}
        }
    }
    file.filter(|_| ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncdé\nx", 0), (1, 1));
        assert_eq!(line_col("ab\ncdé\nx", 3), (2, 1));
        assert_eq!(line_col("ab\ncdé\nx", 8), (3, 1));
        assert_eq!(line_col("åäö", 6), (1, 4));
    }
}
