//! The commands: each reads its inputs, asks the library one question and prints the answer.

use std::io::Write;
use std::path::Path;

use gdpr_policy::engine::audit::{self, Severity};
use gdpr_policy::engine::deadline::{DeadlineOptions, Pause};
use gdpr_policy::engine::schedule::Listing;
use gdpr_policy::engine::{Engine, Outcome};
use gdpr_policy::format::Format;
use gdpr_policy::law::holidays::Eves;
use serde::Serialize;

use crate::Failure;
use crate::args::{Cli, Command, OutputFormat};
use crate::input::{self, DecideInput, EraseInput, RetentionInput, SubjectInput};

/// Exit codes.
const OK: u8 = 0;
const DENIED: u8 = 2;
const AUDIT_ERRORS: u8 = 3;
const TESTS_FAILED: u8 = 4;

/// Runs the command; `Ok` carries the exit code.
pub(crate) fn run(cli: &Cli, out: &mut impl Write) -> Result<u8, Failure> {
    let json = cli.format == OutputFormat::Json;
    let at_arg = cli.at.as_deref();
    match &cli.command {
        Command::Check { policy } => check(policy, at_arg, json, out),
        Command::Decide { policy, input } => {
            let (engine, _) = input::policy(policy)?;
            let at = input::at(at_arg, zone(&engine))?;
            let doc = input::document(input.as_ref(), "`subject` and `request`")?;
            let q: DecideInput = doc.read()?;
            let mut problems = engine.check_subject(&q.subject, "subject");
            problems.extend(engine.check_request(&q.request, "request"));
            doc.check(problems)?;
            let decision = engine.decide(&q.request, &q.subject, at);
            emit(out, json, &decision, &decision)?;
            Ok(match decision.outcome {
                Outcome::Permit => OK,
                Outcome::Deny => DENIED,
            })
        }
        Command::Erase { policy, input } => {
            let (engine, _) = input::policy(policy)?;
            let at = input::at(at_arg, zone(&engine))?;
            let doc = input::document(input.as_ref(), "`subject` and `records`")?;
            let q: EraseInput = doc.read()?;
            input::check_ids(&engine, &doc, Some(&q.subject), &q.records)?;
            let plan = engine.plan_erasure(&q.subject, &q.records, at, &q.grounds);
            emit(out, json, &plan, &plan)?;
            Ok(OK)
        }
        Command::Retention { policy, input } => {
            let (engine, _) = input::policy(policy)?;
            let at = input::at(at_arg, zone(&engine))?;
            let doc = input::document(input.as_ref(), "`records`")?;
            let q: RetentionInput = doc.read()?;
            input::check_ids(&engine, &doc, q.subject.as_ref(), &q.records)?;
            let entries = engine.schedule(&q.records, q.subject.as_ref(), at);
            let listing = Listing {
                at,
                records: &q.records,
                entries: &entries,
            };
            let rows: Vec<Row<'_>> = entries
                .iter()
                .zip(&q.records)
                .map(|(e, r)| Row {
                    record: &r.id,
                    due: &e.due,
                    overdue: e.overdue,
                    citation: e.citation().map(|c| c.to_string()),
                })
                .collect();
            let doc = Schedule { at, records: rows };
            emit(out, json, &doc, &listing)?;
            Ok(OK)
        }
        Command::Deadline {
            policy,
            received,
            national_eves,
            pause,
        } => {
            let (engine, _) = input::policy(policy)?;
            let zone = zone(&engine);
            let received = match received {
                Some(r) => input::instant(r, zone, "received")?,
                None => input::at(at_arg, zone)?,
            };
            let pauses = pause
                .iter()
                .map(|p| {
                    let (from, until) = p
                        .split_once('/')
                        .ok_or_else(|| Failure(format!("--pause `{p}` is not `FROM/UNTIL`")))?;
                    let from = input::instant(from, zone, "--pause start")?;
                    let until = input::instant(until, zone, "--pause end")?;
                    if until < from {
                        return Err(Failure(format!("--pause `{p}` ends before it starts")));
                    }
                    Ok(Pause { from, until })
                })
                .collect::<Result<Vec<_>, Failure>>()?;
            let options = DeadlineOptions {
                eves: if *national_eves {
                    Eves::National
                } else {
                    Eves::OfficialJournal
                },
                pauses,
            };
            let due = engine.deadlines(received, &options);
            emit(out, json, &due, &due)?;
            Ok(OK)
        }
        Command::Access { policy, input } => {
            let (engine, _) = input::policy(policy)?;
            let at = input::at(at_arg, zone(&engine))?;
            let doc = input::document(input.as_ref(), "`subject` and `records`")?;
            let q: SubjectInput = doc.read()?;
            input::check_ids(&engine, &doc, Some(&q.subject), &q.records)?;
            let report = engine.access_report(&q.subject, &q.records, at);
            emit(out, json, &report, &report)?;
            Ok(OK)
        }
        Command::Rights { policy, input } => {
            let (engine, _) = input::policy(policy)?;
            let at = input::at(at_arg, zone(&engine))?;
            let doc = input::document(input.as_ref(), "`subject`")?;
            let q: SubjectInput = doc.read()?;
            input::check_ids(&engine, &doc, Some(&q.subject), &q.records)?;
            let report = engine.rights(&q.subject, at);
            emit(out, json, &report, &report)?;
            Ok(OK)
        }
        Command::Schema => {
            let schema = serde_json::to_string_pretty(&gdpr_policy::format::schema())?;
            writeln!(out, "{schema}")?;
            Ok(OK)
        }
        Command::Test { paths } => {
            let run = gdpr_policy::suite::run(paths)?;
            emit(out, json, &run, &run)?;
            Ok(if run.is_success() { OK } else { TESTS_FAILED })
        }
    }
}

fn zone(engine: &Engine) -> gdpr_policy::time::zone::Zone {
    engine.policy().controller().time_zone
}

/// Writes `value` as JSON, or `text` for people.
fn emit(
    out: &mut impl Write,
    json: bool,
    value: &impl Serialize,
    text: &impl std::fmt::Display,
) -> Result<(), Failure> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(value)?)?;
    } else {
        writeln!(out, "{text}")?;
    }
    Ok(())
}

/// One record's line of a schedule, with its id.
#[derive(Serialize)]
struct Row<'a> {
    record: &'a str,
    #[serde(flatten)]
    due: &'a gdpr_policy::engine::schedule::Due,
    overdue: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<String>,
}

#[derive(Serialize)]
struct Schedule<'a> {
    at: chrono::DateTime<chrono::Utc>,
    records: Vec<Row<'a>>,
}

/// The audit's answer.
#[derive(Serialize)]
struct Audit<'a> {
    policy: &'a str,
    at: chrono::DateTime<chrono::Utc>,
    errors: usize,
    warnings: usize,
    notes: usize,
    findings: &'a [audit::Finding],
}

fn check(policy: &Path, at: Option<&str>, json: bool, out: &mut impl Write) -> Result<u8, Failure> {
    let (engine, text) = input::policy(policy)?;
    let zone = zone(&engine);
    let at = input::at(at, zone)?;
    let mut findings = engine.audit(at);
    let format = Format::of_path(policy).unwrap_or(Format::Toml);
    audit::locate(&mut findings, |path| {
        gdpr_policy::format::position_of(&text, format, path)
    });
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let shown = policy.display().to_string();
    let report = Audit {
        policy: &shown,
        at,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Note),
        findings: &findings,
    };
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        let doc = engine.policy().document();
        writeln!(
            out,
            "policy `{}` ({}) audited at {} ({} in {})",
            doc.id,
            doc.title,
            at.to_rfc3339(),
            zone.local_date(at),
            zone
        )?;
        for f in &findings {
            let place = if f.line.is_some() {
                format!("{shown}:")
            } else {
                format!("{shown}: ")
            };
            writeln!(out, "{place}{f}")?;
        }
        writeln!(
            out,
            "{} error{}, {} warning{}, {} note{}",
            report.errors,
            plural(report.errors),
            report.warnings,
            plural(report.warnings),
            report.notes,
            plural(report.notes)
        )?;
    }
    Ok(if report.errors > 0 { AUDIT_ERRORS } else { OK })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
