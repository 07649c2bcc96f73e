//! Fuzz target: `journal::parse_str` must never panic, whatever the bytes
//! (invalid UTF-8 is replaced, as a caller reading a file lossily would).
//! CI runs the equivalent proptest in crates/journal/tests/props.rs instead.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = journal::parse_str(journal::FileId(0), &text);
});
