//! Checks that the ids in a question's inputs name things the policy declares.
//!
//! The engine answers questions about unknown ids (a decision on an unknown category is a deny
//! that names it), because a running application must get an answer. A person or a test file
//! that mistypes an id wants to be told instead: these checks list every unknown id with its
//! path in the input and the closest declared id, e.g.
//! `request.categories[0]: unknown category `contact.emial`; did you mean `contact.email`?`.

use super::Engine;
use super::request::{Request, Target};
use crate::diagnostic::{Problem, suggest};
use crate::model::{Record, SubjectState};

impl Engine {
    /// The unknown ids in `request` (activity or purpose, the purpose asked about, categories,
    /// recipient); `base` is the
    /// path of the request in its document (`request`, or empty for the root).
    #[must_use]
    pub fn check_request(&self, request: &Request, base: &str) -> Vec<Problem> {
        let mut out = Checker::new(self, base);
        match &request.target {
            Target::Activity(a) => out.activity("target.activity", a.as_str()),
            Target::Purpose(p) => out.purpose("target.purpose", p.as_str()),
        }
        if let Some(p) = &request.purpose {
            out.purpose("purpose", p.as_str());
        }
        for (i, c) in request.categories.iter().enumerate() {
            out.category(&format!("categories[{i}]"), c.as_str());
        }
        if let Some(r) = &request.recipient {
            out.recipient("recipient", r.as_str());
        }
        out.list
    }

    /// The unknown ids in `subject` (its kind, the purposes of consents and objections, the
    /// categories of restrictions); `base` as for [`Engine::check_request`].
    #[must_use]
    pub fn check_subject(&self, subject: &SubjectState, base: &str) -> Vec<Problem> {
        let mut out = Checker::new(self, base);
        let p = self.policy();
        let kind = subject.kind.as_str();
        if !p.subjects().iter().any(|s| s.id.as_str() == kind) {
            let hint = suggest(kind, p.subjects().iter().map(|s| s.id.as_str()));
            out.push("kind", format!("unknown kind of subject `{kind}`{hint}"));
        }
        for (i, c) in subject.consents.iter().enumerate() {
            out.purpose(&format!("consents[{i}].purpose"), c.purpose.as_str());
        }
        for (i, o) in subject.objections.iter().enumerate() {
            out.purpose(&format!("objections[{i}].purpose"), o.purpose.as_str());
        }
        for (i, r) in subject.restrictions.iter().enumerate() {
            for (j, c) in r.categories.iter().enumerate() {
                out.category(&format!("restrictions[{i}].categories[{j}]"), c.as_str());
            }
        }
        out.list
    }

    /// The unknown ids in `records` (category, activity, recipients disclosed to), and record
    /// ids given twice; `base` is the path of the array (`records`).
    #[must_use]
    pub fn check_records(&self, records: &[Record], base: &str) -> Vec<Problem> {
        let mut out = Checker::new(self, base);
        for (i, r) in records.iter().enumerate() {
            let at = |k: &str| format!("[{i}].{k}");
            if records.iter().take(i).any(|o| o.id == r.id) {
                out.push(&at("id"), format!("record id `{}` is given twice", r.id));
            }
            out.category(&at("category"), r.category.as_str());
            out.activity(&at("activity"), r.activity.as_str());
            for (j, d) in r.disclosed_to.iter().enumerate() {
                out.recipient(&at(&format!("disclosed_to[{j}]")), d.as_str());
            }
        }
        out.list
    }
}

struct Checker<'e> {
    engine: &'e Engine,
    base: &'e str,
    list: Vec<Problem>,
}

impl<'e> Checker<'e> {
    fn new(engine: &'e Engine, base: &'e str) -> Self {
        Self {
            engine,
            base,
            list: Vec::new(),
        }
    }

    fn push(&mut self, path: &str, message: String) {
        let path = match (self.base.is_empty(), path.starts_with('[')) {
            (true, _) => path.to_owned(),
            (false, true) => format!("{}{path}", self.base),
            (false, false) => format!("{}.{path}", self.base),
        };
        self.list.push(Problem {
            path,
            line: None,
            column: None,
            message,
        });
    }

    fn unknown<'c>(
        &mut self,
        path: &str,
        what: &str,
        id: &str,
        known: impl Iterator<Item = &'c str> + Clone,
    ) {
        if !known.clone().any(|k| k == id) {
            let hint = suggest(id, known);
            self.push(path, format!("unknown {what} `{id}`{hint}"));
        }
    }

    fn activity(&mut self, path: &str, id: &str) {
        let p = self.engine.policy();
        self.unknown(
            path,
            "activity",
            id,
            p.activities().iter().map(|a| a.id.as_str()),
        );
    }

    fn purpose(&mut self, path: &str, id: &str) {
        let p = self.engine.policy();
        self.unknown(
            path,
            "purpose",
            id,
            p.purposes().iter().map(|x| x.id.as_str()),
        );
    }

    fn category(&mut self, path: &str, id: &str) {
        let p = self.engine.policy();
        self.unknown(
            path,
            "category",
            id,
            p.categories().iter().map(|c| c.id.as_str()),
        );
    }

    fn recipient(&mut self, path: &str, id: &str) {
        let p = self.engine.policy();
        self.unknown(
            path,
            "recipient",
            id,
            p.recipients().iter().map(|r| r.id.as_str()),
        );
    }
}
