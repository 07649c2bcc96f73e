//! The README's tour, as the tests that run it read it and run it (one
//! parser and one way of running, so every test reads the README the same
//! way). Each test file uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies a directory tree (a private copy of the example book for
/// commands that write files).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Runs a README command as a user would (through `sh`, `$B` set to the
/// built binary and the book, `cargo run -p stockbook --` the built binary)
/// in `work`, a directory holding the book as `examples/ctc`.
pub fn run_readme_command(work: &Path, cmd: &str) -> std::process::Output {
    let stockbook = env!("CARGO_BIN_EXE_stockbook");
    let script = format!(
        "B=\"{stockbook} -f examples/ctc/book.journal\"\n{}",
        cmd.replace("cargo run -p stockbook --", stockbook)
    );
    std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(work)
        .output()
        .unwrap()
}

/// The commands of the README's code blocks with their trailing comments,
/// in order: a command is a line starting `$B ` or `cargo run -p stockbook`
/// inside a fenced block, going on over the next lines while a quoted
/// argument is open; the comment after `#` says what it should do.
pub fn readme_commands() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let mut out = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if !pending.is_empty() {
            pending.push('\n');
            pending.push_str(line);
        } else if line.starts_with("$B ") || line.starts_with("cargo run -p stockbook") {
            pending = line.to_string();
        } else {
            continue;
        }
        if pending.matches('"').count() % 2 == 1 {
            continue; // a quoted argument goes on
        }
        let cmd = std::mem::take(&mut pending);
        let (cmd, comment) = match cmd.rfind("  #") {
            Some(i) if cmd[i..].matches('"').count() == 0 => {
                (cmd[..i].trim().to_string(), cmd[i + 3..].trim().to_string())
            }
            _ => (cmd.trim().to_string(), String::new()),
        };
        out.push((cmd, comment));
    }
    out
}
