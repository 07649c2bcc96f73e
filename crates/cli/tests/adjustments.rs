//! One corporate action, two instruments: the example scenario
//! ("issue 5,000,000 common at $1.50") adjusts the Series B's Conversion
//! Ratio (CoD §8.10.3) and the Cisco warrant's price and shares (Warrant
//! §6(i), §5), and `adjustments` shows both.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn a_below_price_issuance_adjusts_the_preferred_and_the_warrant() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc/book.journal");
    let dir = std::env::temp_dir().join(format!("stockbook-adj-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.journal");
    std::fs::write(
        &path,
        format!(
            "include \"{}\"\n2002-06-03 issue-common public 5,000,000\n  price: 1.50\n  purpose: financing\n",
            example.display()
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .args([
            "-f",
            path.to_str().unwrap(),
            "adjustments",
            "--as-of",
            "2002-06-30",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inst = |id: &str| {
        v["instruments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["instrument"] == id)
            .cloned()
            .unwrap()
    };

    // Warrant §6(i): (27,206,681 × $2.408 + $7,500,000) / (27,206,681 + 5,000,000)
    //   = (65,513,687.848 + 7,500,000) / 32,206,681 = 2.26703… → $2.27 (§6(vi), nearest cent).
    // §5: 272,067 × 2.408 / 2.27 = 655,137.336 / 2.27 = 288,606.756… → 288,606.8 (nearest tenth).
    let w = inst("cisco-2002");
    assert_eq!(w["warrant_price"], "2.27");
    assert_eq!(w["warrant_shares"], "288606.8");

    // CoD §8.10.3: the Conversion Price exceeds $1.50 and no exclusion
    // applies (purpose: financing).
    // Ratio before: LP / $50 on 2002-06-03 times the multiplier of the one
    // earlier adjustment made (the February 2002 Cisco warrant, §8.10.2:
    // 23.331860… → 23.6223). AV after the 2002-04-01 payment date is
    // 1,175.035797…; 64 days accrued since 2002-03-31 (30 + 31 + 3):
    // LP = 1,175.035797… × (1 + 0.0825 × 64/360) = 1,192.269655…,
    // §8.1 ratio 23.845393…; × 23.6223 / 23.331860… = 24.142225….
    // Base (fully diluted, immediately prior): 27,206,681 common
    //   + 4,828,437 Series B conversion shares (each holder's whole shares
    //     at 24.142225…)
    //   + 1,607,556.4 warrant shares (272,067 + 544,732.2 + 284,802.5
    //     + 45,246.8 + 83,790 + 104,393.4 + 272,524.5: the February and the
    //     §4(ii)(C) warrants adjusted under their §6(i) for the May warrant
    //     at $2.408)
    //   + 8,521,604 plan options (4,111,474 + 4,410,130) = 42,164,278.4.
    // Fraction = (42,164,278.4 + 5,000,000) / (42,164,278.4 + 7,500,000 / 50)
    //          = 47,164,278.4 / 42,314,278.4 = 1.1145693…
    // Ratio after = 24.142225… × 1.1145693… = 26.90818… → 26.9082 (§8.10.5).
    let p = inst("series-b");
    let notices = p["notices"].as_array().unwrap();
    // 2002-02-27 (made), 2002-05-01 (the May warrant: below 1%, not made),
    // 2002-06-03 (made).
    assert_eq!(notices.len(), 3, "{p}");
    let n = notices[2].to_string();
    assert!(n.contains("42164278.4"), "{n}");
    assert!(n.contains("26.9082"), "{n}");
}
