//! `erase`.

use super::*;

/// Studio M (tests/erasure.rs): contract ended 2024-12-31, consent withdrawn 2024-05-01. The
/// newsletter address goes on Art. 17(1)(b), the contract's e-mail on 17(1)(a); the notice
/// declares no invoice data for the contract activity, so an invoice filed there is reported and
/// kept for a manual decision (Art. 5(1)(c)), never erased or dated silently.
#[test]
fn erase_studio_m_text() {
    let out = run(&[
        "erase",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15T08:00:00Z",
    ]);
    out.code(0);
    assert_eq!(
        out.lines(),
        [
            "erasure plan at 2025-01-15T08:00:00+00:00",
            "  nl-email: erase: consent withdrawn (GDPR Art. 17(1)(b))",
            "  invoice: keep: the record's category `financial.invoice` is not among the categories \
             of activity `contract`; erasure needs a manual decision (GDPR Art. 5(1)(c))",
            "  email: erase: no longer necessary (GDPR Art. 17(1)(a))",
        ]
    );
}

#[test]
fn erase_studio_m_json() {
    let plan = run(&[
        "erase",
        STUDIO_M,
        "cli/tests/fixtures/studio-m-erase.toml",
        "--at",
        "2025-01-15T08:00:00Z",
        "--format",
        "json",
    ])
    .code(0)
    .json();
    assert_eq!(plan["at"], "2025-01-15T08:00:00Z");
    let ids: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["record"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nl-email", "invoice", "email"]);

    let nl = &entry(&plan, "steps", "record", "nl-email")["action"];
    assert_eq!(nl["action"], "erase");
    assert_eq!(nl["ground"], "consent_withdrawn");
    assert_eq!(nl["citation"], "GDPR Art. 17(1)(b)");

    let invoice = &entry(&plan, "steps", "record", "invoice")["action"];
    assert_eq!(invoice["action"], "keep");
    assert_eq!(invoice["citation"], "GDPR Art. 5(1)(c)");

    let email = &entry(&plan, "steps", "record", "email")["action"];
    assert_eq!(email["action"], "erase");
    assert_eq!(email["ground"], "no_longer_necessary");
}

/// Smilee (tests/erasure.rs, KPL 2 luku 10 §): the invoice of the fiscal year ending 2024-03-31
/// is a voucher, kept 6 years from the end of the calendar year the fiscal year ended in
/// (through 2030-12-31); the contract document is not among the billing activity's categories
/// and is kept for a manual decision (Art. 5(1)(c)); the newsletter address is erased and
/// Mailchimp told. JSON from a file.
#[test]
fn erase_smilee_json_file_under_finnish_bookkeeping_law() {
    let args = [
        "erase",
        SMILEE,
        "cli/tests/fixtures/smilee-erase.json",
        "--at",
        "2024-09-01T09:00:00Z",
    ];
    let out = run(&args);
    out.code(0);
    assert!(
        out.stdout.contains(
            "  invoice: retain until 2030-12-31 under KPL 2 luku 10 § (`fi.kpl.vouchers`) (GDPR Art. 17(3)(b))"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  nl: erase: consent withdrawn (GDPR Art. 17(1)(b)); notify mailchimp (GDPR Art. 19)"
        ),
        "{}",
        out.stdout
    );

    let plan = run(&[&args[..], &["--format", "json"]].concat())
        .code(0)
        .json();
    let invoice = &entry(&plan, "steps", "record", "invoice")["action"];
    assert_eq!(invoice["action"], "retain");
    assert_eq!(invoice["last_day"], "2030-12-31");
    // 2031-01-01 00:00 in Helsinki is winter time (UTC+2).
    assert_eq!(invoice["until"], "2030-12-31T22:00:00Z");
    assert_eq!(invoice["authority"], "KPL 2 luku 10 § (`fi.kpl.vouchers`)");
    assert_eq!(invoice["notify"], serde_json::json!(["service_providers"]));
    let contract = &entry(&plan, "steps", "record", "contract")["action"];
    assert_eq!(contract["action"], "keep");
    assert_eq!(contract["citation"], "GDPR Art. 5(1)(c)");
    let nl = &entry(&plan, "steps", "record", "nl")["action"];
    assert_eq!(nl["action"], "erase");
    assert_eq!(nl["ground"], "consent_withdrawn");
    assert_eq!(nl["notify"], serde_json::json!(["mailchimp"]));
}

/// `grounds` in the input. Bookkeeping data is needed by nothing but the legal obligation: the
/// obligation is the Art. 17(3)(b) exception, not a reason the data is still necessary, so with
/// or without a stated ground the books are retained under KPL 2 luku 10 § (10 years from the
/// end of the fiscal year). TOML on standard input.
#[test]
fn erase_with_and_without_grounds_from_stdin() {
    let records = r#"
subject = { kind = "customer", relationship = { start = 2020-01-01T00:00:00Z, end = 2024-06-30T12:00:00Z } }
records = [
  { id = "books", category = "financial.books", activity = "bookkeeping", collected_at = 2023-11-20T09:00:00Z, fiscal_year_end = 2024-03-31 },
]
"#;
    let args = [
        "erase",
        SMILEE,
        "--at",
        "2024-09-01T09:00:00Z",
        "--format",
        "json",
    ];
    let plan = run_stdin(&args, records).code(0).json();
    let books = &entry(&plan, "steps", "record", "books")["action"];
    assert_eq!(books["action"], "retain", "{plan:#}");
    assert_eq!(books["ground"], "no_longer_necessary");
    assert_eq!(books["last_day"], "2034-03-31");
    // 2034-04-01 00:00 in Helsinki is summer time (UTC+3).
    assert_eq!(books["until"], "2034-03-31T21:00:00Z");
    assert_eq!(books["authority"], "KPL 2 luku 10 § (`fi.kpl.books`)");

    let with_ground = format!("grounds = [\"no_longer_necessary\"]\n{records}");
    let plan = run_stdin(&args, &with_ground).code(0).json();
    let books = &entry(&plan, "steps", "record", "books")["action"];
    assert_eq!(books["action"], "retain", "{plan:#}");
    assert_eq!(books["last_day"], "2034-03-31");
}
