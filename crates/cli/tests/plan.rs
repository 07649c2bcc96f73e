//! The `plan` command over the CTC example book.

use std::process::Command;

fn book() -> String {
    format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(book())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn pool_before_and_after_amendment_no_1() {
    // Plan §4.a as adopted: 1,500,000; Amendment No. 1 (1999-09-16): 2,250,000.
    let (code, out) = run(&[
        "--as-of",
        "1999-09-15",
        "--json",
        "plan",
        "plan-1998",
        "pool",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["authorized"], "1500000");
    let (_, out) = run(&[
        "--as-of",
        "1999-09-16",
        "--json",
        "plan",
        "plan-1998",
        "pool",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["available"], "2250000");
}

#[test]
fn warrant_section_4_plans() {
    // Warrant §4(ii)(B): 8,255,621 reserved − 4,410,130 outstanding = 3,845,491.
    let (code, out) = run(&[
        "--as-of",
        "2002-05-01",
        "--json",
        "plan",
        "iso-plan",
        "pool",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["available"], "3845491");
}

#[test]
fn grant_what_if_names_the_clause() {
    let (code, out) = run(&[
        "--as-of",
        "2008-11-17",
        "plan",
        "plan-1998",
        "grant",
        "o-1",
        "someone",
        "iso",
        "1000",
        "--meta",
        "exercise-price: 3",
        "--meta",
        "fmv: 3",
        "--status",
        "employee",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("R0410") && out.contains("Plan §6.b(5)"),
        "{out}"
    );
}
