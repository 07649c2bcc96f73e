//! Every relative link in the project's Markdown (README.md,
//! ARCHITECTURE.md, docs/*.md) points at a file that exists and, when it
//! names a `#fragment`, at a heading of that file. A reader who follows a
//! link from the docs must land somewhere.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn markdown_files() -> Vec<PathBuf> {
    let root = root();
    let mut files = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    for e in std::fs::read_dir(root.join("docs")).expect("docs/ is readable") {
        let p = e.expect("docs/ entry").path();
        if p.extension().is_some_and(|x| x == "md") {
            files.push(p);
        }
    }
    files.sort();
    files
}

/// The targets of inline links `[text](target)` and reference definitions
/// `[label]: target`, outside fenced code blocks and inline code, with the
/// 1-based line of each.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code can hold `](` without being a link.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or("");
            out.push((n + 1, target.to_string()));
            rest = &after[end..];
        }
        let t = prose.trim_start();
        if t.starts_with('[') {
            if let Some(i) = t.find("]:") {
                let target = t[i + 2..].split_whitespace().next().unwrap_or("");
                out.push((n + 1, target.to_string()));
            }
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, punctuation other than `-`
/// and `_` dropped, spaces to `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(slug(line.trim_start_matches('#')));
        }
    }
    out
}

fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).expect("markdown is readable");
        for (line, target) in links(&text) {
            if target.is_empty() || is_external(&target) {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target.as_str(), None),
            };
            let dest = if path.is_empty() {
                file.clone()
            } else {
                file.parent().expect("file has a directory").join(path)
            };
            let shown = format!(
                "{}:{line}: {target}",
                file.strip_prefix(root()).unwrap_or(&file).display()
            );
            if !dest.exists() {
                broken.push(format!("{shown} (no such file)"));
                continue;
            }
            if let Some(f) = fragment {
                let dest_text = std::fs::read_to_string(&dest).unwrap_or_default();
                if !anchors(&dest_text).iter().any(|a| a == f) {
                    broken.push(format!("{shown} (no heading #{f})"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    // The docs do link to each other; finding none means the scan is broken.
    assert!(checked >= 2, "only {checked} relative links found");
}

/// The `docs/<name>.md` paths named in prose (not as links): each is
/// relative to the repository root, as the docs write them.
fn named_doc_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for (i, _) in line.match_indices("docs/") {
            if line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.')
            {
                continue;
            }
            let name: String = line[i + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.')
                .collect();
            // A sentence may end right after the path: `docs/cli.md.`
            if let Some(stem) = name.trim_end_matches('.').strip_suffix(".md") {
                out.push((n + 1, format!("docs/{stem}.md")));
            }
        }
    }
    out
}

#[test]
fn every_docs_file_named_in_prose_exists() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).expect("markdown is readable");
        for (line, path) in named_doc_paths(&text) {
            checked += 1;
            if !root().join(&path).exists() {
                missing.push(format!(
                    "{}:{line}: {path}",
                    file.strip_prefix(root()).unwrap_or(&file).display()
                ));
            }
        }
    }
    assert!(missing.is_empty(), "docs named but absent: {missing:#?}");
    assert!(checked >= 5, "only {checked} docs/ paths found");
}

/// The paragraphs of a Markdown text outside fenced code, each joined into
/// one line, keeping those of at least 100 characters (shorter ones, such
/// as "Example:", legitimately repeat).
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut fenced = false;
    let flush = |cur: &mut Vec<&str>, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(cur.join(" "));
            cur.clear();
        }
    };
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            flush(&mut cur, &mut out);
        } else if !fenced {
            if line.trim().is_empty() {
                flush(&mut cur, &mut out);
            } else {
                cur.push(line.trim());
            }
        }
    }
    flush(&mut cur, &mut out);
    out.retain(|p| p.len() >= 100);
    out
}

/// A paragraph written twice in one file (or once inside a longer copy of
/// itself, as journal.md had) is a leftover of an edit.
#[test]
fn no_paragraph_is_repeated_within_a_file() {
    let mut repeated = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).expect("markdown is readable");
        let ps = paragraphs(&text);
        for (i, a) in ps.iter().enumerate() {
            if ps
                .iter()
                .enumerate()
                .any(|(j, b)| i != j && b.contains(a.as_str()))
            {
                repeated.push(format!(
                    "{}: {}…",
                    file.strip_prefix(root()).unwrap_or(&file).display(),
                    a.chars().take(80).collect::<String>()
                ));
            }
        }
    }
    assert!(repeated.is_empty(), "repeated paragraphs: {repeated:#?}");
}

#[test]
fn the_link_scanner_finds_links_and_headings() {
    let named: Vec<String> = named_doc_paths("see docs/cli.md, and docs/x-y.md. Not mydocs/z.md")
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(named, ["docs/cli.md", "docs/x-y.md"]);
    let long = "x".repeat(100);
    let text = format!("{long}\n\nshort\n\n```\n{long}\n```\n{long}\nmore\n");
    assert_eq!(paragraphs(&text), [long.clone(), format!("{long} more")]);
    let text = "see [a](x.md#b-c) and `[no](code)`\n```\n[no](fence)\n```\n[ref]: y.md\n";
    let found: Vec<String> = links(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(found, ["x.md#b-c", "y.md"]);
    assert_eq!(slug(" Journal syntax (J)"), "journal-syntax-j");
    assert_eq!(
        slug(" `warrant` — a warrant's status"),
        "warrant--a-warrants-status"
    );
}
