//! `gdpr-policy`: check a privacy policy, ask it questions and run its test files, from a
//! shell or a CI job. A thin shell over the `gdpr-policy` library; see the README for every
//! command with an example.
//!
//! Exit codes: 0 success (permitted, no error findings, all tests passed), 1 usage or input
//! error, 2 denied, 3 audit errors, 4 test failures.

mod args;
mod input;
mod run;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// What went wrong, as told to the user; always exit code 1.
#[derive(Debug)]
pub(crate) struct Failure(String);

impl<T: std::fmt::Display> From<T> for Failure {
    fn from(e: T) -> Self {
        Self(e.to_string())
    }
}

/// Standard output that stops writing, without an error, once its reader has gone (`| head`):
/// the exit code still says what the answer was.
struct Quiet<W>(W, bool);

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.1 {
            return Ok(buf.len());
        }
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.1 = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with success; usage errors exit 1, not clap's 2,
            // which means "denied" here.
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let mut out = Quiet(std::io::stdout().lock(), false);
    match run::run(&cli, &mut out) {
        Ok(code) => {
            let _ = out.flush();
            ExitCode::from(code)
        }
        Err(Failure(message)) => {
            let _ = out.flush();
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(1)
        }
    }
}
