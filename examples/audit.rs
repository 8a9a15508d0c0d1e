//! Audits a policy file at a date and prints its findings with their positions.
//!
//! ```sh
//! cargo run --example audit -- policies/smilee.toml 2024-01-01T00:00:00Z
//! ```
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use gdpr_policy::engine::audit::{Severity, audit, locate};
use gdpr_policy::format::Format;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "policies/smilee.toml".to_owned());
    let at: DateTime<Utc> = match args.next().map(|s| s.parse()) {
        None => DateTime::<Utc>::from(std::time::SystemTime::now()),
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            eprintln!("error: the instant is not RFC 3339: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read `{path}`: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = Format::of_path(path.as_ref()).unwrap_or(Format::Toml);
    let policy = match gdpr_policy::format::from_str(&text, format) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut findings = audit(&policy, at);
    locate(&mut findings, |p| {
        gdpr_policy::format::position_of(&text, format, p)
    });
    for f in &findings {
        println!("{path}:{f}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    println!("{} findings ({errors} errors) at {at}", findings.len());
    if errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}
