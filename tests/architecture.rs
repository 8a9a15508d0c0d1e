//! The crate's modules read top-down: no circle of imports between the top-level modules or
//! between the children of one module, and the engine never imports the file format.
//!
//! Checked on the source text of the library (`src/**/*.rs`): every `use` declaration (groups
//! and nested groups included) and every `crate::…`, `super::…` and `self::…` path is resolved
//! to the module it names. Comments (doc examples included), string and character literals, and
//! items marked `#[cfg(test)]` are not library code and are skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top to bottom, with the modules at the foot that every layer may use.
const LAYERS: [&str; 8] = [
    "suite",
    "engine",
    "format",
    "model",
    "law",
    "time",
    "citation",
    "diagnostic",
];

/// Children of `engine` left out of the graph of its children: another change is untying the
/// imports among them.
const ENGINE_UNTYING: [&str; 3] = ["rights", "erasure", "complaint"];

/// A reference from library code to a module path, with where it is made.
#[derive(Debug, Clone)]
struct Ref {
    /// The module the reference is made in, e.g. `["engine", "audit"]`.
    from: Vec<String>,
    /// The absolute path referred to, without `crate`, e.g. `["format", "Format"]`.
    to: Vec<String>,
    /// `src/…:line`.
    at: String,
}

/// A graph of modules: `from` → `to` → where the first reference is made.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The library's modules, and the references its code makes.
struct Crate {
    /// Every module that has a file, e.g. `["engine", "audit"]`; `[]` is the crate root.
    modules: BTreeSet<Vec<String>>,
    /// Every reference from library code to a path of the crate.
    refs: Vec<Ref>,
}

impl Crate {
    fn read() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = rust_files(&root);
        let modules: BTreeSet<Vec<String>> = files.iter().map(|(_, m)| m.clone()).collect();
        let mut refs = Vec::new();
        for (path, module) in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let shown = format!(
                "src/{}",
                path.strip_prefix(&root).unwrap().to_string_lossy()
            );
            refs.extend(references(&modules, module, &shown, &text));
        }
        Self { modules, refs }
    }

    /// The children of `parent` that have files.
    fn children(&self, parent: &[String]) -> BTreeSet<String> {
        self.modules
            .iter()
            .filter(|m| m.len() == parent.len() + 1 && m.starts_with(parent))
            .map(|m| m[parent.len()].clone())
            .collect()
    }

    /// Which child of `parent` refers to which sibling (through any path that names the sibling,
    /// from the child itself or from any module inside it), leaving out the children `skip`.
    fn graph(&self, parent: &[String], skip: &[&str]) -> Graph {
        let children: BTreeSet<String> = self
            .children(parent)
            .into_iter()
            .filter(|c| !skip.contains(&c.as_str()))
            .collect();
        let mut g = Graph::new();
        for r in &self.refs {
            let n = parent.len();
            let (Some(from), Some(to)) = (r.from.get(n), r.to.get(n)) else {
                continue;
            };
            if !r.from.starts_with(parent) || !r.to.starts_with(parent) || from == to {
                continue;
            }
            if children.contains(from) && children.contains(to) {
                g.entry(from.clone())
                    .or_default()
                    .entry(to.clone())
                    .or_insert_with(|| r.at.clone());
            }
        }
        g
    }
}

/// Every `.rs` file below `root` with its module path (`engine/audit/mod.rs` is
/// `["engine", "audit"]`, `lib.rs` is `[]`).
fn rust_files(root: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut module: Vec<String> = path
                    .strip_prefix(root)
                    .unwrap()
                    .with_extension("")
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|l| l == "mod")
                    || module == ["lib"]
                    || module == ["main"]
                {
                    module.pop();
                }
                out.push((path, module));
            }
        }
    }
    out.sort();
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text with comments, string literals and character literals blanked out (newlines are
/// kept, so line numbers still hold).
fn strip_comments_and_literals(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, s: &[char]| {
        out.extend(s.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < c.len() {
        let rest = &c[i..];
        let prev_ident = i > 0 && is_ident(c[i - 1]);
        if rest.starts_with(&['/', '/']) {
            let end = rest.iter().position(|&ch| ch == '\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(&['/', '*']) {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j;
        } else if !prev_ident && raw_string_start(rest).is_some() {
            let (open, hashes) = raw_string_start(rest).unwrap();
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            let body = &rest[open..];
            let end = (0..body.len())
                .find(|&j| body[j..].starts_with(&close))
                .map_or(rest.len(), |j| open + j + close.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '\'' && rest.get(1) == Some(&'\\') {
            // `'\''`, `'\n'`, `'\u{e9}'`: the closing quote comes after the escaped character.
            let end = rest
                .iter()
                .skip(3)
                .position(|&ch| ch == '\'')
                .map_or(rest.len(), |j| j + 4);
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '\'' && rest.get(2) == Some(&'\'') {
            blank(&mut out, &rest[..3]);
            i += 3;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

/// `r"`, `r#"`, `br"`…: the length of the opening and the number of `#`.
fn raw_string_start(s: &[char]) -> Option<(usize, usize)> {
    let s2 = s.strip_prefix(&['b']).unwrap_or(s);
    let skipped = s.len() - s2.len();
    let s2 = s2.strip_prefix(&['r'])?;
    let hashes = s2.iter().take_while(|&&c| c == '#').count();
    (s2.get(hashes) == Some(&'"')).then_some((skipped + 1 + hashes + 1, hashes))
}

/// The code with every item marked `#[cfg(test)]` blanked out: the attribute and the item up to
/// its closing brace or semicolon.
fn strip_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = code.to_owned();
    let mut from = 0;
    while let Some(found) = out[from..].find(MARK) {
        let start = from + found;
        let mut depth = 0usize;
        let mut end = out.len();
        for (j, ch) in out[start + MARK.len()..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = start + MARK.len() + j + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = start + MARK.len() + j + 1;
                    break;
                }
                _ => {}
            }
        }
        let blanked: String = out[start..end]
            .chars()
            .map(|ch| if ch == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(start..end, &blanked);
        from = end;
    }
    out
}

/// The library code of a file: no comments, literals or test items.
fn library_code(text: &str) -> String {
    strip_test_items(&strip_comments_and_literals(text))
}

/// The paths of a `use` tree, e.g. `a::{b, c::{d, e as f}, self}` gives `a::b`, `a::c::d`,
/// `a::c::e` and `a`.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    fn parse(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let tree = tree.trim();
        let (head, group) = match tree.find('{') {
            Some(open) => {
                let close = tree.rfind('}').unwrap_or(tree.len());
                (&tree[..open], Some(&tree[open + 1..close]))
            }
            None => (tree, None),
        };
        let head = head.split(" as ").next().unwrap_or_default();
        let mut path = prefix.to_vec();
        path.extend(
            head.split("::")
                .map(str::trim)
                // `self` in a group names the group's own path: `decide::{self, Decision}`.
                .filter(|s| (!s.is_empty() && *s != "self") || (prefix.is_empty() && *s == "self"))
                .map(str::to_owned),
        );
        path.retain(|s| s != "*");
        match group {
            None => out.push(path),
            Some(group) => {
                for part in split_top_level(group) {
                    parse(part, &path, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    parse(tree, &[], &mut out);
    out.retain(|p| !p.is_empty());
    out
}

/// `a, b::{c, d}, e` split at the commas outside braces.
fn split_top_level(group: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&group[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// Resolves `path`, written in `module`, to an absolute path without `crate`; `None` for a path
/// outside the crate (`std`, `serde`, …).
fn resolve(
    modules: &BTreeSet<Vec<String>>,
    module: &[String],
    path: &[String],
) -> Option<Vec<String>> {
    let (first, rest) = path.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" => Some([module, rest].concat()),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
                base.pop()?;
                rest = tail;
            }
            Some([base.as_slice(), rest].concat())
        }
        // A path starting with a child module of `module` (`use zone::Zone;` in `time`).
        _ => {
            let child = [module, std::slice::from_ref(first)].concat();
            modules.contains(&child).then(|| [module, path].concat())
        }
    }
}

/// Every reference the library code of one file makes to a module path of the crate.
fn references(
    modules: &BTreeSet<Vec<String>>,
    module: &[String],
    shown: &str,
    text: &str,
) -> Vec<Ref> {
    let mut code = library_code(text);
    let line_of = |code: &str, at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    // `use` declarations, blanked once read so the paths in them are not read again below.
    let mut from = 0;
    while let Some(i) = code[from..].find("use ").map(|i| from + i) {
        from = i + 4;
        if code[..i].chars().last().is_some_and(is_ident) {
            continue;
        }
        let Some(end) = code[i..].find(';').map(|e| i + e) else {
            break;
        };
        let line = line_of(&code, i);
        for path in use_paths(&code[i + 4..end]) {
            found.push((path, line));
        }
        let blanked: String = code[i..end]
            .chars()
            .map(|ch| if ch == '\n' { '\n' } else { ' ' })
            .collect();
        code.replace_range(i..end, &blanked);
        from = end;
    }
    // Paths in expressions, types, patterns and `pub(in …)`.
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start).map(|i| from + i) {
            from = i + start.len();
            let before = code[..i].chars().last();
            if before.is_some_and(|c| is_ident(c) || c == ':') {
                continue;
            }
            let len = code[i..]
                .char_indices()
                .find(|&(_, ch)| !(is_ident(ch) || ch == ':'))
                .map_or(code.len() - i, |(j, _)| j);
            let path: Vec<String> = code[i..i + len]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            found.push((path, line_of(&code, i)));
        }
    }
    found
        .into_iter()
        .filter_map(|(path, line)| {
            Some(Ref {
                from: module.to_vec(),
                to: resolve(modules, module, &path)?,
                at: format!("{shown}:{line}"),
            })
        })
        .collect()
}

/// A circle in `g`, as the edges that make it (`a → b (src/a.rs:3)`), if there is one.
fn circle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        n: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut nodes = path[i..].to_vec();
            nodes.push(n.to_owned());
            return Some(
                nodes
                    .windows(2)
                    .map(|w| format!("{} → {} ({})", w[0], w[1], g[&w[0]][&w[1]]))
                    .collect(),
            );
        }
        if !done.insert(n.to_owned()) {
            return None;
        }
        path.push(n.to_owned());
        for m in g.get(n).into_iter().flat_map(BTreeMap::keys) {
            if let Some(c) = visit(g, m, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|&s| s.to_owned()).collect()
}

#[test]
fn the_engine_never_imports_the_file_format() {
    let krate = Crate::read();
    let imports: Vec<String> = krate
        .refs
        .iter()
        .filter(|r| r.from.first().is_some_and(|m| m == "engine"))
        .filter(|r| r.to.first().is_some_and(|m| m == "format"))
        .map(|r| format!("{}: {}", r.at, r.to.join("::")))
        .collect();
    assert!(
        imports.is_empty(),
        "the engine imports the file format:\n{imports:#?}"
    );
}

#[test]
fn top_level_modules_point_down() {
    let krate = Crate::read();
    let top = krate.children(&[]);
    for layer in LAYERS {
        assert!(top.contains(layer), "no module `{layer}`: {top:?}");
    }
    let g = krate.graph(&[], &[]);
    assert_eq!(
        circle(&g),
        None,
        "a circle of imports between top-level modules"
    );
    // Each layer imports only layers below it.
    for (i, upper) in LAYERS.iter().enumerate() {
        for lower in &LAYERS[i + 1..] {
            if let Some(at) = g.get(*lower).and_then(|s| s.get(*upper)) {
                panic!("`{lower}` imports `{upper}`, a layer above it ({at})");
            }
        }
    }
}

#[test]
fn children_of_each_module_import_no_circle() {
    let krate = Crate::read();
    let engine = strings(&["engine"]);
    let untying = strings(&["engine", "rights"]);
    // The crate's own children, the top-level modules, are checked above.
    for module in krate.modules.iter().filter(|m| !m.is_empty()) {
        if module.starts_with(&untying) {
            continue;
        }
        let skip: &[&str] = if *module == engine {
            &ENGINE_UNTYING
        } else {
            &[]
        };
        let g = krate.graph(module, skip);
        assert_eq!(
            circle(&g),
            None,
            "a circle of imports among the children of `{}`",
            module.join("::")
        );
    }
    // The circles this rule was written against stay untied.
    let format = krate.graph(&strings(&["format"]), &[]);
    assert!(
        !format
            .get("doc")
            .is_some_and(|s| s.contains_key("validate"))
    );
    let law = krate.graph(&strings(&["law"]), &[]);
    assert!(!law.get("statute").is_some_and(|s| s.contains_key("duty")));
}

#[test]
fn the_checker_reads_paths_and_sees_circles() {
    let modules: BTreeSet<Vec<String>> = [
        vec![],
        strings(&["engine"]),
        strings(&["engine", "audit"]),
        strings(&["engine", "audit", "dated"]),
        strings(&["engine", "decide"]),
        strings(&["format"]),
        strings(&["time"]),
        strings(&["time", "zone"]),
    ]
    .into_iter()
    .collect();
    let text = r#"
//! use crate::format::Format;
use std::fmt;
use super::super::{decide::{self, Decision}, Engine};
use crate::{format::{doc, Problem as P}, time::*};
/// [`crate::format::position_of`] is only a doc link.
fn f() -> crate::time::Period { let s = "crate::format::x"; super::Cx::new('"', s) }
#[cfg(test)]
mod tests { use crate::format::from_toml_str; }
#[cfg(test)]
use crate::format::wire;
"#;
    let refs = references(
        &modules,
        &strings(&["engine", "audit", "dated"]),
        "src/engine/audit/dated.rs",
        text,
    );
    let to: BTreeSet<String> = refs.iter().map(|r| r.to.join("::")).collect();
    let want: BTreeSet<String> = [
        "engine::decide",
        "engine::decide::Decision",
        "engine::Engine",
        "format::doc",
        "format::Problem",
        "time",
        "time::Period",
        "engine::audit::Cx::new",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(to, want, "{refs:#?}");
    let at: Vec<&str> = refs
        .iter()
        .filter(|r| r.to == strings(&["format", "doc"]))
        .map(|r| r.at.as_str())
        .collect();
    assert_eq!(at, ["src/engine/audit/dated.rs:5"]);
    // A child module named without a prefix is the crate's; other names are other crates'.
    assert_eq!(
        resolve(&modules, &strings(&["time"]), &strings(&["zone", "Zone"])),
        Some(strings(&["time", "zone", "Zone"]))
    );
    assert_eq!(
        resolve(
            &modules,
            &strings(&["time"]),
            &strings(&["chrono", "NaiveDate"])
        ),
        None
    );

    // On the crate itself: edges are seen, and one edge back makes a circle.
    let krate = Crate::read();
    let mut top = krate.graph(&[], &[]);
    assert!(top["engine"].contains_key("model"), "{top:#?}");
    assert!(top["law"].contains_key("citation"), "{top:#?}");
    top.entry("model".to_owned())
        .or_default()
        .insert("engine".to_owned(), "(added)".to_owned());
    let found = circle(&top).expect("a circle through model and engine");
    assert!(
        found.iter().any(|e| e.starts_with("model → engine")),
        "{found:?}"
    );
    assert!(krate.graph(&strings(&["format"]), &[])["validate"].contains_key("doc"));
    assert!(krate.graph(&strings(&["law"]), &[])["duty"].contains_key("statute"));
    let engine = krate.graph(&strings(&["engine"]), &ENGINE_UNTYING);
    assert!(engine["schedule"].contains_key("retention"), "{engine:#?}");
    assert!(!engine.contains_key("rights"), "{engine:#?}");
}
