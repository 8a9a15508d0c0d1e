//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Check a privacy policy, ask it questions and run its test files.
///
/// Every answer cites the GDPR article or statute it rests on. Inputs (requests, subject
/// state, records) are TOML or JSON, from a file or standard input (`-`, or no file with input
/// piped in).
///
/// Exit codes: 0 success / permitted / no error findings, 1 usage or input error, 2 denied,
/// 3 audit errors, 4 test failures.
#[derive(Debug, Parser)]
#[command(name = "gdpr-policy", version, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Output for people (`text`, with citations) or for programs (`json`).
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// The instant to ask at: RFC 3339 (`2024-05-01T12:00:00Z`), or a date (`2024-05-01`),
    /// meaning the start of that day in the controller's time zone. Default: now.
    #[arg(long, global = true, value_name = "INSTANT")]
    pub at: Option<String>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Readable text with citations.
    Text,
    /// JSON, one document on standard output.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Load a policy and audit it against Art. 13/14 and the law in force at `--at`.
    /// Exits 3 when there are error findings.
    Check {
        /// The policy file (`.toml` or `.json`).
        policy: PathBuf,
    },
    /// May this processing happen? Input: `subject` and `request`. Exits 2 on deny.
    Decide {
        /// The policy file.
        policy: PathBuf,
        /// The input file; `-` or none for standard input.
        input: Option<PathBuf>,
    },
    /// Plan an erasure request (Art. 17). Input: `subject`, `records`, optional `grounds`.
    Erase {
        /// The policy file.
        policy: PathBuf,
        /// The input file; `-` or none for standard input.
        input: Option<PathBuf>,
    },
    /// Until when may records be kept, and under which rule or statute? Input: `records`,
    /// optional `subject`.
    Retention {
        /// The policy file.
        policy: PathBuf,
        /// The input file; `-` or none for standard input.
        input: Option<PathBuf>,
    },
    /// When is the answer to a data-subject request due (Art. 12(3)-(4))?
    Deadline {
        /// The policy file.
        policy: PathBuf,
        /// When the request was received (as for `--at`); default: `--at`.
        received: Option<String>,
        /// Also count the national eves as holidays.
        #[arg(long)]
        national_eves: bool,
        /// A pause while identification details were awaited, `FROM/UNTIL` (instants);
        /// repeatable.
        #[arg(long, value_name = "FROM/UNTIL")]
        pause: Vec<String>,
    },
    /// The Art. 15 access report. Input: `subject`, optional `records`.
    Access {
        /// The policy file.
        policy: PathBuf,
        /// The input file; `-` or none for standard input.
        input: Option<PathBuf>,
    },
    /// Which rights does a subject have, per activity? Input: `subject`.
    Rights {
        /// The policy file.
        policy: PathBuf,
        /// The input file; `-` or none for standard input.
        input: Option<PathBuf>,
    },
    /// Print the JSON Schema of the policy file format.
    Schema,
    /// Run policy test files (`*.test.toml` in directories). Exits 4 when a case fails.
    Test {
        /// Test files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}
