//! The README's shown outputs are what the tool prints today. A code block preceded by
//! `<!-- readme-test: ARGS -->` shows the output of `v3-migrate ARGS`, run from the
//! repository's root (on a copy of `examples/` when ARGS write): stdout, then stderr.
//! A line `...` in the block stands for lines left out; the lines around it must be there in
//! that order. A ```json block shows some elements of the JSON array printed.

mod common;

use std::path::Path;

use common::cmd;

const MARK: &str = "<!-- readme-test: ";

/// Each marked block: (its line in the README, the arguments, the fence's language, the
/// block's lines).
fn marked(readme: &str) -> Vec<(usize, Vec<String>, String, Vec<String>)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(args) = l.strip_prefix(MARK).and_then(|a| a.strip_suffix(" -->")) else {
            continue;
        };
        let fence = lines.get(i + 1).copied().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "README:{}: a block follows the mark",
            i + 2
        );
        let lang = fence.trim_start_matches('`').to_string();
        let body: Vec<String> = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .map(|l| l.to_string())
            .collect();
        let args = args.split_whitespace().map(str::to_string).collect();
        out.push((i + 1, args, lang, body));
    }
    out
}

/// Whether `shown` (with `...` gaps) is `printed`: the first piece a prefix, the last a
/// suffix, the others found in order between.
fn shows(shown: &[String], printed: &str) -> Result<(), String> {
    let printed: Vec<&str> = printed.lines().collect();
    let pieces: Vec<&[String]> = shown.split(|l| l == "...").collect();
    let at = |from: usize, piece: &[String]| -> Option<usize> {
        (from..=printed.len().saturating_sub(piece.len())).find(|&k| {
            piece
                .iter()
                .enumerate()
                .all(|(j, l)| printed.get(k + j) == Some(&l.as_str()))
        })
    };
    let mut from = 0;
    for (n, piece) in pieces.iter().enumerate() {
        let found = if n == 0 {
            at(0, piece).filter(|&k| k == 0)
        } else if n == pieces.len() - 1 {
            let k = printed.len().checked_sub(piece.len());
            k.filter(|&k| k >= from && at(k, piece) == Some(k))
        } else {
            at(from, piece)
        };
        match found {
            Some(k) => from = k + piece.len(),
            None => {
                return Err(format!(
                    "this part of the block is not printed:\n{}\n--- printed:\n{}",
                    piece.join("\n"),
                    printed.join("\n")
                ))
            }
        }
    }
    if pieces.len() == 1 && from != printed.len() {
        return Err(format!("more is printed:\n{}", printed.join("\n")));
    }
    Ok(())
}

#[test]
fn the_readme_shows_what_the_tool_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = marked(&readme);
    assert!(
        blocks.len() >= 4,
        "the README's outputs are marked: {}",
        blocks.len()
    );
    for (line, args, lang, body) in blocks {
        // A run that writes works on a copy of the examples.
        let copy = tempfile::tempdir().unwrap();
        let dir = if args.iter().any(|a| a == "--fix") {
            let to = copy.path().join("examples");
            for entry in walk(&root.join("examples")) {
                let rel = entry.strip_prefix(root.join("examples")).unwrap();
                std::fs::create_dir_all(to.join(rel).parent().unwrap()).unwrap();
                std::fs::copy(&entry, to.join(rel)).unwrap();
            }
            copy.path().to_path_buf()
        } else {
            root.to_path_buf()
        };
        let out = cmd(&dir)
            .args(&args)
            .env_remove("FORCE_COLOR")
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if lang == "json" {
            let shown: serde_json::Value = serde_json::from_str(&body.join("\n"))
                .unwrap_or_else(|e| panic!("README:{line}: {e}"));
            let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            for s in shown.as_array().unwrap() {
                assert!(
                    all.as_array().unwrap().contains(s),
                    "README:{line}: `v3-migrate {}` prints no such element:\n{s:#}",
                    args.join(" ")
                );
            }
            continue;
        }
        if let Err(why) = shows(&body, &printed) {
            panic!("README:{line}: `v3-migrate {}`: {why}", args.join(" "));
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn gaps_and_ends_are_compared() {
    let s = |v: &[&str]| v.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(shows(&s(&["a", "...", "c"]), "a\nb\nc\n").is_ok());
    assert!(shows(&s(&["a", "b", "c"]), "a\nb\nc\n").is_ok());
    assert!(shows(&s(&["a", "c"]), "a\nb\nc\n").is_err());
    assert!(
        shows(&s(&["a", "...", "b"]), "a\nb\nc\n").is_err(),
        "the last piece ends it"
    );
    assert!(
        shows(&s(&["b", "...", "c"]), "a\nb\nc\n").is_err(),
        "the first starts it"
    );
    assert!(shows(&s(&["a", "...", "x", "...", "c"]), "a\nb\nc\n").is_err());
    assert!(
        shows(&s(&["a"]), "a\nb\n").is_err(),
        "nothing more without a gap"
    );
}
