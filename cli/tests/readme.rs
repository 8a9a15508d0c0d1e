//! The README's command examples stay true: every `$ gdpr-policy ...` line in a `text` block is
//! run, and the lines shown after it must appear in its output, in order (a line with `...` stands
//! for lines left out).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
    let mut examples: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_text = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_text = line == "```text";
            // Output shown in a block belongs to a command of the same block.
            examples.push((String::new(), Vec::new()));
            continue;
        }
        if !in_text {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ gdpr-policy ") {
            examples.push((cmd.to_owned(), Vec::new()));
        } else if line.starts_with('$') {
            // A command that is not one of ours (a pipe from `sed`, `printf`): not run.
            examples.push((String::new(), Vec::new()));
        } else if let Some((_, shown)) = examples.last_mut() {
            shown.push(line.to_owned());
        }
    }
    let ran: Vec<_> = examples.iter().filter(|(c, _)| !c.is_empty()).collect();
    assert!(ran.len() >= 10, "only {} examples found", ran.len());
    let mut failures = Vec::new();
    for (cmd, shown) in ran {
        let (cmd, code) = match cmd.split_once("; echo \"exit $?\"") {
            Some((c, _)) => (c, shown.iter().find_map(|l| l.strip_prefix("exit "))),
            None => (cmd.as_str(), None),
        };
        let out = Command::new(env!("CARGO_BIN_EXE_gdpr-policy"))
            .args(cmd.split_whitespace())
            .current_dir(ROOT)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if let Some(code) = code
            && out.status.code() != code.parse().ok()
        {
            failures.push(format!(
                "`{cmd}`: exit {:?}, README says {code}",
                out.status.code()
            ));
        }
        let mut lines = stdout.lines();
        for want in shown
            .iter()
            .filter(|l| !l.contains("...") && !l.starts_with("exit "))
        {
            if !lines.any(|got| got == want) {
                failures.push(format!(
                    "`{cmd}`: README line not in the output, in order:\n  {want}\noutput:\n{stdout}"
                ));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
