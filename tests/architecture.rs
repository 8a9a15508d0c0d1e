//! The crate's modules read top-down: no import circles between the top-level modules or between
//! the children of one module, and the engine never imports the file format. Checked on the
//! source text (library code only: `#[cfg(test)]` modules and comments are skipped).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// An edge of the module graph: `from` refers to `to`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library code of a file: up to its first `#[cfg(test)]`, without comment lines.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `.rs` file below `dir`, with its path relative to `dir`.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel: Vec<String> = path
                    .strip_prefix(dir)
                    .unwrap()
                    .iter()
                    .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned())
                    .collect();
                out.push((path, rel));
            }
        }
    }
    out
}

/// The names following `prefix` in `code` (`crate::engine::rights::x` with prefix
/// `crate::engine::` gives `rights`; `use super::{a, b}` with prefix `super::` gives `a`, `b`).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out.retain(|n| !n.is_empty() && n != "self" && n != "super");
    out
}

/// The graph among the children of module `module` (a directory under `src/`, or the crate for
/// `""`): which child refers to which sibling, through `crate::module::child` or `super::child`.
fn graph(module: &str) -> Graph {
    let dir = src().join(module);
    let mut children: BTreeSet<String> = BTreeSet::new();
    let mut refs: Vec<(String, String)> = Vec::new();
    for (path, rel) in files(&dir) {
        let (Some(first), depth) = (rel.first(), rel.len()) else {
            continue;
        };
        if first == "mod" || first == "lib" || first == "main" {
            continue;
        }
        children.insert(first.clone());
        let body = code(&path);
        let crate_prefix = if module.is_empty() {
            "crate::".to_owned()
        } else {
            format!("crate::{module}::")
        };
        let mut names = names_after(&body, &crate_prefix);
        // `super::` names a sibling from `child.rs` or `child/mod.rs`; deeper files name their
        // own siblings inside the child, which are not edges of this graph.
        let file = rel.last().map(String::as_str);
        let top_file = depth == 1 || (depth == 2 && file == Some("mod"));
        if top_file && !module.is_empty() {
            names.extend(names_after(&body, "super::"));
        }
        if depth == 2 && file != Some("mod") && !module.is_empty() {
            names.extend(names_after(&body, "super::super::"));
        }
        for n in names {
            refs.push((first.clone(), n));
        }
    }
    let mut g = Graph::new();
    for (from, to) in refs {
        if from != to && children.contains(&to) {
            g.entry(from).or_default().insert(to);
        }
    }
    g
}

/// Whether `from` refers to `to` in `g`.
fn refers(g: &Graph, from: &str, to: &str) -> bool {
    g.get(from).is_some_and(|s| s.contains(to))
}

/// A cycle in `g`, if there is one.
fn cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        n: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_owned());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(g, m, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_point_down() {
    let g = graph("");
    assert_eq!(cycle(&g), None, "{g:#?}");
    // Layers that point down: the engine sits above the model and the law, and beside the file
    // format, which it never imports.
    for (from, to) in [
        ("engine", "format"),
        ("engine", "suite"),
        ("format", "engine"),
        ("format", "suite"),
        ("model", "engine"),
        ("model", "format"),
        ("law", "model"),
        ("time", "law"),
        ("citation", "law"),
    ] {
        assert!(!refers(&g, from, to), "`{from}` imports `{to}`");
    }
}

#[test]
fn children_of_each_module_import_no_circle() {
    for module in ["engine", "format", "law", "model", "suite", "time"] {
        let g = graph(module);
        assert_eq!(cycle(&g), None, "`{module}`: {g:#?}");
    }
    // The circles this rule was written against stay untied.
    let engine = graph("engine");
    assert!(!refers(&engine, "erasure", "rights"), "{engine:#?}");
    assert!(!refers(&engine, "complaint", "rights"), "{engine:#?}");
    assert!(!refers(&graph("format"), "doc", "validate"));
    assert!(!refers(&graph("law"), "statute", "duty"));
}

#[test]
fn the_checker_sees_a_circle_and_an_import() {
    let mut g = graph("engine");
    assert!(refers(&g, "rights", "erasure"), "{g:#?}");
    assert!(refers(&graph("format"), "validate", "doc"));
    assert!(refers(&graph("law"), "duty", "statute"));
    g.entry("erasure".to_owned())
        .or_default()
        .insert("rights".to_owned());
    assert!(cycle(&g).is_some());
    let mut top = graph("");
    assert!(refers(&top, "engine", "model"), "{top:#?}");
    assert!(refers(&top, "law", "citation"), "{top:#?}");
    top.entry("model".to_owned())
        .or_default()
        .insert("engine".to_owned());
    assert!(cycle(&top).is_some());
    assert_eq!(
        names_after(
            "use super::{lawful::x, Engine};\nuse crate::format::doc;",
            "super::"
        ),
        BTreeSet::from(["lawful".to_owned(), "Engine".to_owned()])
    );
}
