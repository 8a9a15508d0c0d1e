//! Checking a test file against its policy, and running its cases.

use chrono::{DateTime, Utc};

use super::wire::{ActionKind, Case, DueStatus, Expect, RecordExpect, TestFile};
use super::{CaseResult, Mismatch};
use crate::diagnostic::suggest;
use crate::engine::audit::checks;
use crate::engine::deadline::DeadlineOptions;
use crate::engine::erasure::Action;
use crate::engine::schedule::{Due, Listing};
use crate::engine::{Engine, Rule};
use crate::format::Problem;
use crate::model::Record;

/// The questions a case can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Decide,
    Erase,
    Retention,
    Deadline,
    Rights,
    Audit,
}

impl Kind {
    const fn name(self) -> &'static str {
        match self {
            Self::Decide => "decide",
            Self::Erase => "erase",
            Self::Retention => "retention",
            Self::Deadline => "deadline",
            Self::Rights => "rights",
            Self::Audit => "audit",
        }
    }

    /// The expectation keys the question takes, and those it requires (one of them, for
    /// `deadline`).
    /// `a \`decide\``, `an \`erase\``: the question's name with its article.
    fn with_article(self) -> String {
        let a = if matches!(self, Self::Erase | Self::Audit) {
            "an"
        } else {
            "a"
        };
        format!("{a} `{}`", self.name())
    }

    const fn expectations(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Self::Decide => (&["outcome", "basis", "rules", "citations"], &["outcome"]),
            Self::Erase | Self::Retention => (&["records"], &["records"]),
            Self::Deadline => (
                &["respond_by", "extended", "refuse_by"],
                &["respond_by", "extended", "refuse_by"],
            ),
            Self::Rights => (&["rights"], &["rights"]),
            Self::Audit => (&["findings"], &["findings"]),
        }
    }
}

fn questions(c: &Case) -> Vec<Kind> {
    [
        (c.decide.is_some(), Kind::Decide),
        (c.erase.is_some(), Kind::Erase),
        (c.retention.is_some(), Kind::Retention),
        (c.deadline.is_some(), Kind::Deadline),
        (c.rights.is_some(), Kind::Rights),
        (c.audit.is_some(), Kind::Audit),
    ]
    .into_iter()
    .filter_map(|(on, k)| on.then_some(k))
    .collect()
}

fn given(e: &Expect) -> [(&'static str, bool); 10] {
    [
        ("outcome", e.outcome.is_some()),
        ("basis", e.basis.is_some()),
        ("rules", e.rules.is_some()),
        ("citations", e.citations.is_some()),
        ("records", e.records.is_some()),
        ("respond_by", e.respond_by.is_some()),
        ("extended", e.extended.is_some()),
        ("refuse_by", e.refuse_by.is_some()),
        ("rights", e.rights.is_some()),
        ("findings", e.findings.is_some()),
    ]
}

struct Out(Vec<Problem>);

impl Out {
    fn at(&mut self, path: String, message: String) {
        self.0.push(Problem {
            path,
            line: None,
            column: None,
            message,
        });
    }
}

/// Every problem of a test file that can be found without running it.
pub(super) fn validate(engine: &Engine, file: &TestFile) -> Vec<Problem> {
    let mut out = Out(Vec::new());
    if file.cases.is_empty() {
        out.at(
            "(document)".to_owned(),
            "no cases; add at least one `[[case]]`".to_owned(),
        );
    }
    for (i, c) in file.cases.iter().enumerate() {
        let base = format!("case[{i}]");
        if c.name.trim().is_empty() {
            out.at(format!("{base}.name"), "a case needs a name".to_owned());
        } else if file.cases.iter().take(i).any(|o| o.name == c.name) {
            out.at(
                format!("{base}.name"),
                format!("another case is already named `{}`", c.name),
            );
        }
        match questions(c).as_slice() {
            [] => out.at(
                base.clone(),
                "the case asks no question; give one of `decide`, `erase`, `retention`, \
                 `deadline`, `rights`, `audit`"
                    .to_owned(),
            ),
            [kind] => case(engine, c, *kind, &base, &mut out),
            many => {
                let names: Vec<String> = many.iter().map(|k| format!("`{}`", k.name())).collect();
                out.at(
                    base.clone(),
                    format!(
                        "the case asks {} questions ({}); give exactly one",
                        many.len(),
                        names.join(", ")
                    ),
                );
            }
        }
    }
    out.0
}

fn case(engine: &Engine, c: &Case, kind: Kind, base: &str, out: &mut Out) {
    // The instant and the subject.
    match (kind, c.at.is_some()) {
        (Kind::Deadline, true) => out.at(
            format!("{base}.at"),
            "`at` is not used by a `deadline` case; the instant is `deadline.received`".to_owned(),
        ),
        (Kind::Deadline, false) | (_, true) => {}
        (_, false) => out.at(
            base.to_owned(),
            format!(
                "{} case needs `at`, the instant the question is asked at",
                kind.with_article()
            ),
        ),
    }
    match (kind, &c.subject) {
        (Kind::Decide | Kind::Erase | Kind::Rights, None) => out.at(
            base.to_owned(),
            format!(
                "{} case needs a `subject` (at least its `kind`)",
                kind.with_article()
            ),
        ),
        (Kind::Deadline | Kind::Audit, Some(_)) => out.at(
            format!("{base}.subject"),
            format!("`subject` is not used by {} case", kind.with_article()),
        ),
        (_, Some(s)) => out
            .0
            .extend(engine.check_subject(s, &format!("{base}.subject"))),
        _ => {}
    }
    // The question's own ids.
    if let Some(r) = &c.decide {
        out.0
            .extend(engine.check_request(r, &format!("{base}.decide")));
    }
    let records = match (&c.erase, &c.retention) {
        (Some(e), _) => Some((&e.records, format!("{base}.erase.records"))),
        (_, Some(r)) => Some((&r.records, format!("{base}.retention.records"))),
        _ => None,
    };
    if let Some((records, path)) = &records {
        out.0.extend(engine.check_records(records, path));
    }
    // The expectations.
    let e = &c.expect;
    let (takes, requires) = kind.expectations();
    for (key, on) in given(e) {
        if on && !takes.contains(&key) {
            out.at(
                format!("{base}.expect.{key}"),
                format!(
                    "`{key}` is not an expectation of {} case; it takes {}",
                    kind.with_article(),
                    list(takes)
                ),
            );
        }
    }
    if !given(e).iter().any(|(k, on)| *on && requires.contains(k)) {
        let what = if requires.len() == 1 {
            format!("`{}`", requires.join(""))
        } else {
            format!("one of {}", list(requires))
        };
        out.at(
            format!("{base}.expect"),
            format!("{} case expects {what}", kind.with_article()),
        );
    }
    if let (Some(expected), Some((records, _))) = (&e.records, &records) {
        record_expectations(
            kind,
            records,
            expected,
            &format!("{base}.expect.records"),
            out,
        );
    }
    if let Some(rules) = &e.rules {
        for (j, r) in rules.iter().enumerate() {
            let codes = Rule::ALL.iter().map(|r| r.code());
            if !Rule::ALL.iter().any(|x| x.code() == r) {
                out.at(
                    format!("{base}.expect.rules[{j}]"),
                    format!("unknown rule `{r}`{}", suggest(r, codes)),
                );
            }
        }
    }
    if let Some(findings) = &e.findings {
        for (j, f) in findings.iter().enumerate() {
            if !checks().any(|c| c.code == f) {
                out.at(
                    format!("{base}.expect.findings[{j}]"),
                    format!(
                        "unknown audit check `{f}`{}",
                        suggest(f, checks().map(|c| c.code))
                    ),
                );
            }
        }
    }
    if let Some(rights) = &e.rights {
        let acts = engine.policy().activities();
        for (j, r) in rights.iter().enumerate() {
            if !acts.iter().any(|a| a.id.as_str() == r.activity) {
                out.at(
                    format!("{base}.expect.rights[{j}].activity"),
                    format!(
                        "unknown activity `{}`{}",
                        r.activity,
                        suggest(&r.activity, acts.iter().map(|a| a.id.as_str()))
                    ),
                );
            }
        }
    }
}

fn list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn record_expectations(
    kind: Kind,
    records: &[Record],
    expected: &[RecordExpect],
    base: &str,
    out: &mut Out,
) {
    for (j, x) in expected.iter().enumerate() {
        let at = format!("{base}[{j}]");
        if !records.iter().any(|r| r.id == x.id) {
            let hint = suggest(&x.id, records.iter().map(|r| r.id.as_str()));
            out.at(
                format!("{at}.id"),
                format!("no record `{}` in the question{hint}", x.id),
            );
        } else if expected.iter().take(j).any(|o| o.id == x.id) {
            out.at(
                format!("{at}.id"),
                format!("record `{}` is expected twice", x.id),
            );
        }
        // The keys only the other question takes.
        let (wrong, required, present): (&[(&str, bool)], _, _) = match kind {
            Kind::Erase => (
                &[
                    ("status", x.status.is_some()),
                    ("overdue", x.overdue.is_some()),
                ],
                "action",
                x.action.is_some(),
            ),
            _ => (
                &[
                    ("action", x.action.is_some()),
                    ("ground", x.ground.is_some()),
                    ("notify", x.notify.is_some()),
                ],
                "status",
                x.status.is_some(),
            ),
        };
        for (key, on) in wrong {
            if *on {
                out.at(
                    format!("{at}.{key}"),
                    format!(
                        "`{key}` is not an expectation of {} case",
                        kind.with_article()
                    ),
                );
            }
        }
        if !present {
            out.at(at.clone(), format!("each record expects `{required}`"));
        }
    }
    for r in records {
        if !expected.iter().any(|x| x.id == r.id) {
            out.at(
                base.to_owned(),
                format!("record `{}` has no expectation; give one per record", r.id),
            );
        }
    }
}

/// Whether an expected citation matches one rendered in an answer.
fn cites(expected: &str, actual: &str) -> bool {
    actual == expected || actual.strip_prefix("GDPR ") == Some(expected)
}

struct Diff(Vec<Mismatch>);

impl Diff {
    fn eq<T: PartialEq + std::fmt::Display>(&mut self, what: &str, expected: &T, actual: &T) {
        if expected != actual {
            self.push(what, expected.to_string(), actual.to_string());
        }
    }

    fn push(&mut self, what: &str, expected: String, actual: String) {
        self.0.push(Mismatch {
            what: what.to_owned(),
            expected,
            actual,
        });
    }

    fn citations(&mut self, what: &str, expected: Option<&Vec<String>>, actual: &[String]) {
        for x in expected.into_iter().flatten() {
            if !actual.iter().any(|a| cites(x, a)) {
                self.push(
                    &format!("{what}citation `{x}`"),
                    "to appear".to_owned(),
                    if actual.is_empty() {
                        "no citations".to_owned()
                    } else {
                        actual.join("; ")
                    },
                );
            }
        }
    }
}

fn show<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".to_owned(),
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

/// Runs one (validated) case.
pub(super) fn evaluate(engine: &Engine, c: &Case, line: Option<usize>) -> CaseResult {
    let mut d = Diff(Vec::new());
    let at = c.at.unwrap_or(DateTime::<Utc>::MIN_UTC);
    let e = &c.expect;
    let answer = match (&c.decide, &c.erase, &c.retention, &c.deadline, &c.subject) {
        (Some(req), _, _, _, Some(s)) => {
            let decision = engine.decide(req, s, at);
            if let Some(o) = e.outcome {
                d.eq("outcome", &show(&o), &show(&decision.outcome));
            }
            if let Some(b) = e.basis {
                let actual = decision.basis.as_ref().map(|b| b.basis);
                d.eq("basis", &b.to_string(), &opt(actual));
            }
            let determining: Vec<&str> = decision.determining().map(|r| r.rule.code()).collect();
            for r in e.rules.iter().flatten() {
                if !determining.contains(&r.as_str()) {
                    d.push(
                        &format!("rule `{r}`"),
                        "among the determining reasons".to_owned(),
                        determining.join(", "),
                    );
                }
            }
            let mut cited: Vec<String> = decision
                .reasons
                .iter()
                .map(|r| r.citation.to_string())
                .collect();
            cited.extend(decision.basis.iter().map(|b| b.citation.clone()));
            cited.extend(decision.obligations.iter().map(|o| o.citation().to_owned()));
            cited.dedup();
            d.citations("", e.citations.as_ref(), &cited);
            decision.to_string()
        }
        (_, Some(q), _, _, Some(s)) => {
            let plan = engine.plan_erasure(s, &q.records, at, &q.grounds);
            for x in e.records.iter().flatten() {
                let Some(step) = plan.steps.iter().find(|s| s.record == x.id) else {
                    continue;
                };
                erase_record(&mut d, x, &step.action);
            }
            plan.to_string()
        }
        (_, _, Some(q), _, s) => {
            let entries = engine.schedule(&q.records, s.as_ref(), at);
            for (entry, r) in entries.iter().zip(&q.records) {
                let Some(x) = e.records.iter().flatten().find(|x| x.id == r.id) else {
                    continue;
                };
                let w = format!("record `{}` ", r.id);
                let (status, last_day) = match &entry.due {
                    Due::On { last_day, .. } => (DueStatus::On, Some(*last_day)),
                    Due::Pending { .. } => (DueStatus::Pending, None),
                    Due::WhilePurposeLasts { at_least, .. } => (
                        DueStatus::WhilePurposeLasts,
                        at_least.as_ref().map(|m| m.last_day),
                    ),
                    _ => (DueStatus::Unknown, None),
                };
                if let Some(s) = x.status {
                    d.eq(&format!("{w}status"), &show(&s), &show(&status));
                }
                if let Some(o) = x.overdue {
                    d.eq(&format!("{w}overdue"), &o, &entry.overdue);
                }
                if let Some(l) = x.last_day {
                    d.eq(&format!("{w}last_day"), &l.to_string(), &opt(last_day));
                }
                let cited: Vec<String> = entry.citation().iter().map(ToString::to_string).collect();
                d.citations(&w, x.citations.as_ref(), &cited);
            }
            Listing {
                at,
                records: &q.records,
                entries: &entries,
            }
            .to_string()
        }
        (_, _, _, Some(q), _) => {
            let options = DeadlineOptions {
                eves: q.eves,
                pauses: q.pauses.clone(),
            };
            let due = engine.deadlines(q.received, &options);
            let pairs = [
                ("respond_by", e.respond_by, due.respond_by.last_day),
                ("extended", e.extended, due.extended.last_day),
                ("refuse_by", e.refuse_by, due.refuse_by.last_day),
            ];
            for (what, expected, actual) in pairs {
                if let Some(x) = expected {
                    d.eq(what, &x, &actual);
                }
            }
            due.to_string()
        }
        _ => match (&c.rights, &c.audit, &c.subject) {
            (Some(_), _, Some(s)) => {
                let report = engine.rights(s, at);
                for x in e.rights.iter().flatten() {
                    let w = format!("activity `{}` right `{}` ", x.activity, show(&x.right));
                    let Some(status) = report.activity(&x.activity).and_then(|a| a.right(x.right))
                    else {
                        d.push(
                            w.trim_end(),
                            "in the report".to_owned(),
                            "not in the report: the activity does not declare the subject's kind"
                                .to_owned(),
                        );
                        continue;
                    };
                    if let Some(a) = x.applies {
                        d.eq(&format!("{w}applies"), &a, &status.applies);
                    }
                    let mut cited = vec![status.citation.to_string()];
                    cited.extend(status.grounds.iter().map(|g| g.citation.to_string()));
                    cited.extend(status.parts.iter().map(|p| p.citation.to_string()));
                    d.citations(&w, x.citations.as_ref(), &cited);
                }
                report.to_string()
            }
            (_, Some(_), _) => {
                let findings = engine.audit(at);
                let mut actual: Vec<&str> = findings.iter().map(|f| f.code).collect();
                let mut expected: Vec<&str> =
                    e.findings.iter().flatten().map(String::as_str).collect();
                actual.sort_unstable();
                expected.sort_unstable();
                if actual != expected {
                    d.push("findings", bracket(&expected), bracket(&actual));
                }
                let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
                if lines.is_empty() {
                    "no findings".to_owned()
                } else {
                    lines.join("\n")
                }
            }
            // Validation guarantees one question with its inputs.
            _ => "the case asks no question".to_owned(),
        },
    };
    CaseResult {
        name: c.name.clone(),
        line,
        mismatches: d.0,
        answer,
    }
}

fn bracket(codes: &[&str]) -> String {
    format!("[{}]", codes.join(", "))
}

fn erase_record(d: &mut Diff, x: &RecordExpect, action: &Action) {
    let w = format!("record `{}` ", x.id);
    let (kind, ground, last_day, notify, cited) = match action {
        Action::Erase {
            ground,
            citation,
            notify,
        } => (
            ActionKind::Erase,
            Some(*ground),
            None,
            notify.as_slice(),
            vec![citation.clone()],
        ),
        Action::Retain {
            ground,
            last_day,
            exception,
            authority,
            notify,
            ..
        } => (
            ActionKind::Retain,
            Some(*ground),
            Some(*last_day),
            notify.as_slice(),
            vec![
                exception.clone(),
                authority.clone(),
                ground.citation().to_string(),
            ],
        ),
        Action::Forward { citation, .. } => (
            ActionKind::Forward,
            None,
            None,
            &[][..],
            vec![citation.clone()],
        ),
        Action::Keep { citation, .. } => (
            ActionKind::Keep,
            None,
            None,
            &[][..],
            vec![citation.clone()],
        ),
    };
    if let Some(a) = x.action {
        d.eq(&format!("{w}action"), &show(&a), &show(&kind));
    }
    if let Some(g) = x.ground {
        d.eq(
            &format!("{w}ground"),
            &show(&g),
            &opt(ground.map(|g| show(&g))),
        );
    }
    if let Some(l) = x.last_day {
        d.eq(&format!("{w}last_day"), &l.to_string(), &opt(last_day));
    }
    if let Some(n) = &x.notify {
        let mut expected: Vec<&str> = n.iter().map(|r| r.as_str()).collect();
        let mut actual: Vec<&str> = notify.iter().map(|r| r.as_str()).collect();
        expected.sort_unstable();
        actual.sort_unstable();
        if expected != actual {
            d.push(&format!("{w}notify"), bracket(&expected), bracket(&actual));
        }
    }
    // An authority renders as `BFL 7 kap. 2 § (`se.bfl`)`: its statute alone also matches.
    let mut all = cited.clone();
    all.extend(
        cited
            .iter()
            .filter_map(|c| c.split_once(" (`").map(|(s, _)| s.to_owned())),
    );
    d.citations(&w, x.citations.as_ref(), &all);
}
