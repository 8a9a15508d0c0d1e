//! Loads a policy file and prints a readable summary of its activities, legal bases, retention
//! and transfers.
//!
//! ```sh
//! cargo run --example summary -- policies/smilee.toml
//! ```
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use gdpr_policy::model::{Location, ResponseTime, RetentionRule, Role, Safeguard};

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "policies/smilee.toml".to_owned());
    let policy = match gdpr_policy::format::load_file(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let c = policy.controller();
    println!("{} — {}", policy.document().title, c.name);
    println!(
        "controller: {} ({}), time zone {}, fiscal year ends {}",
        c.name, c.country, c.time_zone, c.fiscal_year_end
    );
    println!();
    for a in policy.activities() {
        println!("activity `{}`: {}", a.id, a.name);
        for q in &a.purposes {
            let bases: Vec<String> = q
                .bases
                .iter()
                .map(|b| format!("{} ({})", b.kind(), b.kind().citation()))
                .collect();
            let bases = if bases.is_empty() {
                "no basis stated".to_owned()
            } else {
                bases.join("; ")
            };
            println!("  purpose:    {} on {bases}", q.id);
        }
        let cats: Vec<String> = a.categories.iter().map(|(c, _)| c.to_string()).collect();
        println!("  categories: {}", cats.join(", "));
        if let Role::Processor { on_behalf_of } = &a.role {
            println!("  role:       processor on behalf of {on_behalf_of} (GDPR Art. 28)");
        }
        let retention = match &a.retention {
            None => "not stated".to_owned(),
            Some(RetentionRule::After { period, anchor }) => format!("{period} after {anchor}"),
            Some(RetentionRule::WhilePurposeLasts { review, criteria }) => format!(
                "while the purpose lasts (review: {}; criteria: {})",
                review.map_or("none".to_owned(), |r| r.to_string()),
                criteria.as_deref().unwrap_or("none")
            ),
        };
        println!("  retention:  {retention}");
        for d in &a.duties {
            println!("  must keep:  {}", d.as_str());
        }
        for r in &a.recipients {
            let Some(rec) = policy.recipient(r) else {
                continue;
            };
            let place = match rec.location {
                Location::Eea => "in the EEA".to_owned(),
                Location::Country(c) => format!("in {c}"),
                Location::ThirdCountry => "outside the EEA".to_owned(),
                Location::Unknown => "possibly outside the EEA".to_owned(),
            };
            let safeguards: Vec<String> = rec
                .safeguards
                .iter()
                .map(|g| match g {
                    Safeguard::AnyAdequacy => "an adequacy decision".to_owned(),
                    Safeguard::Mechanism(m) => m.to_string(),
                })
                .collect();
            let safeguards = if safeguards.is_empty() {
                "no mechanism stated".to_owned()
            } else {
                safeguards.join(" or ")
            };
            println!(
                "  recipient:  {} ({:?}, {place}; {safeguards})",
                rec.name, rec.kind
            );
        }
        println!();
    }
    let rights = policy.rights();
    let offered: Vec<String> = rights.offered.iter().map(|r| format!("{r:?}")).collect();
    println!("rights offered: {}", offered.join(", "));
    let response = match &rights.response_time {
        ResponseTime::NotStated => "not stated".to_owned(),
        ResponseTime::Within(p) => p.to_string(),
        ResponseTime::Vague(t) => format!("\"{t}\""),
    };
    println!("response time: {response}");
    ExitCode::SUCCESS
}
