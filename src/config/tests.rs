use super::*;
use miette::Diagnostic;

/// Writes `text` as `v3-migrate.toml` in a new temporary folder and loads it.
fn load_text(text: &str) -> (tempfile::TempDir, Result<Config, ConfigError>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, text).unwrap();
    let loaded = Config::load(&path);
    (dir, loaded)
}

/// The error `text` gives, as plain text, with its kind.
fn error_of(text: &str) -> (String, InvalidKind, String) {
    let (_dir, loaded) = load_text(text);
    let err = loaded.expect_err("an error");
    let kind = err.kind().expect("an invalid config");
    let help = err.help().map(|h| h.to_string()).unwrap_or_default();
    (err.to_string(), kind, help)
}

/// A config whose root is the current folder, from text.
fn here(text: &str) -> Config {
    Config::from_text(text, Path::new(FILE_NAME), Path::new(".")).unwrap()
}

/// `path` (absolute) written relative to the current folder, through `..`.
fn via_cwd(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap();
    let mut rel = PathBuf::new();
    for _ in cwd.components().skip(1) {
        rel.push("..");
    }
    rel.join(path.strip_prefix("/").unwrap())
}

fn p(s: &str) -> PathBuf {
    PathBuf::from(s)
}

#[test]
fn a_full_file_loads() {
    let (dir, loaded) = load_text(
        r#"# every key
include = ["src/**", "lib/**/*.php"]
exclude = ["vendor/**", "**/*.min.js"]
select = ["v2-endpoint", "response"]
ignore = ["root-pagination"]
flexy-hosts = ["flexy-proxy.internal", "GW.example.com:8443"]
unsafe-fixes = true
force-exclude = false
max-file-size = 50

[per-file-ignores]
"legacy/**" = ["v2-error-code"]
"tests/**/*.py" = ["ALL"]
"#,
    );
    let c = loaded.unwrap();
    assert_eq!(c.max_file_size, Some(50));
    assert_eq!(c.path, dir.path().join(FILE_NAME));
    assert_eq!(c.root, dir.path().canonicalize().unwrap());
    let want: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| *r == Rule::V2Endpoint || r.group() == RuleGroup::Response)
        .collect();
    assert_eq!(c.select, Some(want));
    assert_eq!(c.ignore, vec![Rule::RootPagination]);
    assert_eq!(
        c.flexy_hosts,
        vec!["flexy-proxy.internal", "gw.example.com:8443"]
    );
    assert_eq!(c.unsafe_fixes, Some(true));
    assert_eq!(c.force_exclude, Some(false));
    let root = dir.path();
    assert!(!c.is_excluded(&root.join("src/a.js")));
    assert!(!c.is_excluded(&root.join("lib/x/y.php")));
    assert!(c.is_excluded(&root.join("lib/x/y.js")));
    assert!(c.is_excluded(&root.join("src/vendor.min.js")));
    assert!(c.is_excluded(&root.join("vendor/src/a.js")));
    assert!(c.is_dir_excluded(&root.join("vendor")));
    assert!(!c.is_dir_excluded(&root.join("docs")));
    assert_eq!(
        c.ignored_rules(&root.join("legacy/old.php")),
        vec![Rule::V2ErrorCode]
    );
    assert_eq!(c.ignored_rules(&root.join("tests/a/t.py")), Rule::ALL);
    assert!(c.ignored_rules(&root.join("tests/a/t.js")).is_empty());
}

#[test]
fn an_empty_file_is_no_setting() {
    let (_dir, loaded) = load_text("# nothing yet\n");
    let c = loaded.unwrap();
    assert_eq!(c.select, None);
    assert!(c.ignore.is_empty() && c.flexy_hosts.is_empty());
    assert_eq!((c.unsafe_fixes, c.force_exclude), (None, None));
    assert!(!c.is_excluded(&c.root.join("a.js")));
}

#[test]
fn the_default_config_excludes_nothing() {
    let c = Config::default();
    assert!(!c.is_excluded(Path::new("vendor/a.js")));
    assert!(!c.is_dir_excluded(Path::new("vendor")));
    assert!(c.ignored_rules(Path::new("a.py")).is_empty());
}

#[test]
fn discover_finds_the_nearest_file_up_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a/b/c")).unwrap();
    std::fs::create_dir_all(root.join("x")).unwrap();
    std::fs::write(root.join(FILE_NAME), "select = [\"url\"]\n").unwrap();
    std::fs::write(root.join("a").join(FILE_NAME), "ignore = [\"auth\"]\n").unwrap();
    std::fs::write(root.join("a/b/c/code.js"), "").unwrap();

    let found = Config::discover(&root.join("a/b/c")).unwrap().unwrap();
    assert_eq!(found.root, root.join("a").canonicalize().unwrap());
    assert_eq!(found.ignore, vec![Rule::V2AuthHeader]);
    // A file starts the search at its folder.
    let found = Config::discover(&root.join("a/b/c/code.js"))
        .unwrap()
        .unwrap();
    assert_eq!(found.root, root.join("a").canonicalize().unwrap());
    // A sibling folder finds the parent's.
    let found = Config::discover(&root.join("x")).unwrap().unwrap();
    assert_eq!(found.root, root.canonicalize().unwrap());
    assert!(found.select.is_some());
    // Relative, through `..`.
    let found = Config::discover(&via_cwd(&root.join("a/b")))
        .unwrap()
        .unwrap();
    assert_eq!(found.root, root.join("a").canonicalize().unwrap());
}

#[test]
fn discover_reports_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FILE_NAME), "selct = []\n").unwrap();
    let err = Config::discover(dir.path()).unwrap_err();
    assert_eq!(err.kind(), Some(InvalidKind::UnknownKey));
}

#[test]
fn a_syntax_error_names_the_place() {
    let (text, kind, _) = error_of("select = [\"url\"]\nunsafe-fixes = tru\n");
    assert_eq!(kind, InvalidKind::Syntax);
    assert!(
        text.contains("v3-migrate.toml:2:16: invalid TOML"),
        "{text}"
    );
}

#[test]
fn an_unknown_key_is_named_with_a_suggestion() {
    let (text, kind, help) = error_of("include = []\n\nselct = [\"url\"]\n");
    assert_eq!(kind, InvalidKind::UnknownKey);
    assert!(
        text.ends_with("v3-migrate.toml:3:1: unknown key `selct`"),
        "{text}"
    );
    assert!(help.starts_with("did you mean `select`?"), "{help}");
    assert!(help.contains("`per-file-ignores`"), "{help}");

    let (text, _, help) = error_of("unsafe_fixes = true\n");
    assert!(text.contains(":1:1: unknown key `unsafe_fixes`"), "{text}");
    assert!(help.starts_with("did you mean `unsafe-fixes`?"), "{help}");

    let (text, _, help) = error_of("\n[colours]\nred = 1\n");
    assert!(text.contains(":2:2: unknown key `colours`"), "{text}");
    assert!(help.starts_with("the keys are"), "{help}");
}

#[test]
fn a_wrong_type_names_the_key() {
    let (text, kind, help) = error_of("select = [\"url\"]\nunsafe-fixes = \"yes\"\n");
    assert_eq!(kind, InvalidKind::WrongType);
    assert!(
        text.contains("v3-migrate.toml:2:16: wrong type for `unsafe-fixes`"),
        "{text}"
    );
    assert!(help.contains("true or false"), "{help}");

    let (text, _, help) = error_of("\nselect = \"v2-endpoint\"\n");
    assert!(text.contains(":2:10: wrong type for `select`"), "{text}");
    assert_eq!(help, "write it as a list: select = [\"v2-endpoint\"]");

    let (text, _, _) = error_of("exclude = [\"a\", 3]\n");
    assert!(text.contains(":1:17: wrong type for `exclude`"), "{text}");

    let (text, _, help) = error_of("[per-file-ignores]\n\"legacy/**\" = \"v2-error-code\"\n");
    assert!(
        text.contains(":2:15: wrong type for `per-file-ignores.\"legacy/**\"`"),
        "{text}"
    );
    assert_eq!(
        help,
        "write it as a list: \"legacy/**\" = [\"v2-error-code\"]"
    );

    let (text, _, _) = error_of("per-file-ignores = [\"legacy/**\"]\n");
    assert!(
        text.contains(":1:20: wrong type for `per-file-ignores`"),
        "{text}"
    );
}

#[test]
fn an_unknown_rule_is_pointed_at() {
    let (text, kind, help) = error_of("select = [\"v2-endpoint\", \"v2-endpont\"]\n");
    assert_eq!(kind, InvalidKind::UnknownRule);
    assert!(
        text.contains("v3-migrate.toml:1:26: unknown rule or group `v2-endpont` in `select`"),
        "{text}"
    );
    assert!(help.starts_with("did you mean `v2-endpoint`?"), "{help}");
    assert!(help.contains("`v3-migrate rules`"), "{help}");

    let (text, _, help) = error_of("\nignore = [\"all\"]\n");
    assert!(
        text.contains(":2:11: unknown rule or group `all` in `ignore`"),
        "{text}"
    );
    assert!(help.starts_with("did you mean `ALL`?"), "{help}");

    let (text, _, _) = error_of("[per-file-ignores]\n\"legacy/**\" = [\"bogus\"]\n");
    assert!(
        text.contains(":2:16: unknown rule or group `bogus` in `per-file-ignores.\"legacy/**\"`"),
        "{text}"
    );

    let (text, _, _) = error_of("select = [\"\"]\n");
    assert!(
        text.contains(":1:11: unknown rule or group `` in `select`"),
        "{text}"
    );
}

#[test]
fn an_invalid_glob_is_pointed_at() {
    let (text, kind, _) = error_of("exclude = [\"vendor/**\", \"src/[a-\"]\n");
    assert_eq!(kind, InvalidKind::BadGlob);
    assert!(
        text.contains("v3-migrate.toml:1:25: invalid glob `src/[a-` in `exclude`"),
        "{text}"
    );
    let (text, _, _) = error_of("\ninclude = [\"{a,b\"]\n");
    assert!(
        text.contains(":2:12: invalid glob `{a,b` in `include`"),
        "{text}"
    );
    let (text, _, _) = error_of("[per-file-ignores]\n\"./\" = [\"url\"]\n");
    assert!(
        text.contains(":2:1: invalid glob `./` in `per-file-ignores`"),
        "{text}"
    );
    let (text, _, _) = error_of("exclude = [\"../x\"]\n");
    assert!(text.contains(":1:12: invalid glob `../x`"), "{text}");
}

#[test]
fn a_zero_max_file_size_is_refused() {
    let (text, kind, help) = error_of("max-file-size = 0\n");
    assert_eq!(kind, InvalidKind::OutOfRange);
    assert!(
        text.contains("v3-migrate.toml:1:17: `max-file-size` must be at least 1"),
        "{text}"
    );
    assert!(help.contains("a whole number of megabytes"), "{help}");
}

#[test]
fn a_bad_host_is_pointed_at_with_the_fix() {
    let (text, kind, help) =
        error_of("flexy-hosts = [\"ok.example\", \"https://GW.example.com:8443/api/v3\"]\n");
    assert_eq!(kind, InvalidKind::BadHost);
    assert!(
            text.contains(
                "v3-migrate.toml:1:30: invalid host `https://GW.example.com:8443/api/v3` in `flexy-hosts`: it holds a scheme"
            ),
            "{text}"
        );
    assert_eq!(help, "write the host alone: \"gw.example.com:8443\"");

    let (text, _, help) = error_of("flexy-hosts = [\"gw.example.com/api\"]\n");
    assert!(text.contains(":1:16: invalid host"), "{text}");
    assert!(text.contains("it holds a path"), "{text}");
    assert_eq!(help, "write the host alone: \"gw.example.com\"");

    let (text, _, help) = error_of("flexy-hosts = [\"gw example.com\"]\n");
    assert!(text.contains("it holds spaces"), "{text}");
    assert!(help.contains("bare host or host:port"), "{help}");

    for bad in [
        "gw.example.com:0",
        "gw.example.com:99999",
        "gw..com",
        "",
        "-a.com",
    ] {
        let (text, kind, _) = error_of(&format!("flexy-hosts = [\"{bad}\"]\n"));
        assert_eq!(kind, InvalidKind::BadHost, "{bad}: {text}");
    }
}

#[test]
fn an_unreadable_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join(FILE_NAME);
    let err = Config::load(&path).unwrap_err();
    assert!(err.kind().is_none());
    let text = err.to_string();
    assert!(text.starts_with(&path.display().to_string()), "{text}");
    assert!(text.contains("cannot read the config file"), "{text}");
}

#[test]
fn the_report_shows_the_snippet_and_the_help() {
    let (_dir, loaded) = load_text("include = []\nselct = [\"url\"]\n");
    let err = loaded.unwrap_err();
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &err)
        .unwrap();
    assert!(out.contains("selct = [\"url\"]"), "{out}");
    assert!(out.contains("unknown key"), "{out}");
    assert!(out.contains("did you mean `select`?"), "{out}");
    assert!(out.contains("v3-migrate.toml:2:1"), "{out}");
}

#[test]
fn exclude_matches_files_and_folders_however_written() {
    let c =
        here(r#"exclude = ["vendor/**", "**/*.min.js", "node_modules", "build/", "src/*.gen.js"]"#);
    let cwd = std::env::current_dir().unwrap();
    for excluded in [
        "vendor/a.js",
        "./vendor/a/b.js",
        "x.min.js",
        "./src/deep/x.min.js",
        "a/node_modules/b/c.js",
        "node_modules/c.js",
        "build/out.js",
        "src/build/out.js",
        "src/a.gen.js",
        "src/./x/../../vendor/a.js",
    ] {
        assert!(c.is_excluded(&p(excluded)), "{excluded}");
        assert!(c.is_excluded(&cwd.join(excluded)), "abs {excluded}");
    }
    for kept in [
        "src/a.js",
        "./src/a.js",
        "vendors/a.js",
        "src/vendor/a.js",
        "src/sub/a.gen.js",
        "build",
        "min.js",
    ] {
        assert!(!c.is_excluded(&p(kept)), "{kept}");
        assert!(!c.is_excluded(&cwd.join(kept)), "abs {kept}");
    }
    for pruned in [
        "vendor",
        "./vendor",
        "vendor/sub",
        "x/node_modules",
        "build",
        "a/build",
    ] {
        assert!(c.is_dir_excluded(&p(pruned)), "{pruned}");
        assert!(c.is_dir_excluded(&cwd.join(pruned)), "abs {pruned}");
    }
    for walked in ["src", "./src", "vendors", ".", "src/sub"] {
        assert!(!c.is_dir_excluded(&p(walked)), "{walked}");
    }
}

#[test]
fn an_exclude_can_be_taken_back_with_a_bang() {
    let c = here(r#"exclude = ["**/*.min.js", "!src/flexy.min.js"]"#);
    assert!(c.is_excluded(&p("src/x.min.js")));
    assert!(!c.is_excluded(&p("src/flexy.min.js")));
    assert!(c.is_excluded(&p("lib/flexy.min.js")));
    let (text, _, _) = error_of("include = [\"!src\"]\n");
    assert!(text.contains("is for `exclude` only"), "{text}");
}

#[test]
fn include_picks_files_and_never_prunes() {
    let c = here(r#"include = ["src", "lib/**/*.php"]"#);
    assert!(!c.is_excluded(&p("src/a.js")));
    assert!(!c.is_excluded(&p("./src/deep/a.py")));
    assert!(!c.is_excluded(&p("lib/x/y.php")));
    assert!(!c.is_excluded(&p("lib/y.php")));
    assert!(c.is_excluded(&p("lib/x/y.js")));
    assert!(c.is_excluded(&p("other/a.py")));
    assert!(c.is_excluded(&p("a.py")));
    assert!(!c.is_dir_excluded(&p("other")));
    assert!(!c.is_dir_excluded(&p("lib")));
    // An exclude wins over an include.
    let c = here("include = [\"src/**\"]\nexclude = [\"src/gen\"]\n");
    assert!(!c.is_excluded(&p("src/a.js")));
    assert!(c.is_excluded(&p("src/gen/a.js")));
}

#[test]
fn per_file_ignores_match_like_gitignore() {
    let c = here(
        r#"[per-file-ignores]
"legacy/**" = ["v2-error-code"]
"tests/**/*.py" = ["ALL"]
"*.spec.js" = ["auth", "v2-error-code"]
"#,
    );
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(c.ignored_rules(&p("legacy/a.php")), vec![Rule::V2ErrorCode]);
    assert_eq!(
        c.ignored_rules(&p("./legacy/x/a.php")),
        vec![Rule::V2ErrorCode]
    );
    assert_eq!(
        c.ignored_rules(&cwd.join("legacy/a.php")),
        vec![Rule::V2ErrorCode]
    );
    assert!(c.ignored_rules(&p("src/legacy/a.php")).is_empty());
    assert_eq!(c.ignored_rules(&p("tests/t.py")), Rule::ALL);
    assert_eq!(c.ignored_rules(&p("tests/a/b/t.py")), Rule::ALL);
    assert!(c.ignored_rules(&p("tests/t.js")).is_empty());
    // No `/`: the name, at any depth; rules given twice come once, in rule order.
    assert_eq!(
        c.ignored_rules(&p("legacy/deep/a.spec.js")),
        vec![Rule::V2AuthHeader, Rule::V2ErrorCode]
    );
    assert!(c.ignored_rules(&p("../elsewhere/legacy/a.php")).is_empty());
}

#[test]
fn star_does_not_cross_folders() {
    let c = here(r#"exclude = ["src/*.js"]"#);
    assert!(c.is_excluded(&p("src/a.js")));
    assert!(!c.is_excluded(&p("src/sub/a.js")));
    let c = here(r#"exclude = ["src/**/*.js"]"#);
    assert!(c.is_excluded(&p("src/a.js")));
    assert!(c.is_excluded(&p("src/sub/a.js")));
}

#[test]
fn paths_outside_the_root_are_never_excluded() {
    let (dir, loaded) = load_text("exclude = [\"**\"]\n[per-file-ignores]\n\"**\" = [\"ALL\"]\n");
    let c = loaded.unwrap();
    let root = dir.path();
    assert!(c.is_excluded(&root.join("a.js")));
    let outside = root.parent().unwrap().join("elsewhere/a.js");
    assert!(!c.is_excluded(&outside));
    assert!(!c.is_dir_excluded(&outside));
    assert!(c.ignored_rules(&outside).is_empty());
    assert!(!c.is_excluded(&root.join("../elsewhere/a.js")));
    assert!(!c.is_excluded(&p("/")));
    // The root itself is not a file below it.
    assert!(!c.is_excluded(root));
    assert!(!c.is_dir_excluded(root));
    // Relative to the current folder (outside the root, here) and through `..`.
    assert!(c.is_excluded(&via_cwd(&root.join("a.js"))));
    assert!(c.is_excluded(&Path::new(".").join(via_cwd(&root.join("a.js")))));
}

#[test]
fn missing_files_and_linked_folders_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir_all(real.join("vendor")).unwrap();
    std::fs::create_dir_all(real.join("src")).unwrap();
    std::fs::write(real.join(FILE_NAME), "exclude = [\"vendor/**\"]\n").unwrap();
    std::fs::write(real.join("vendor/a.js"), "").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();

    let c = Config::load(&real.join(FILE_NAME)).unwrap();
    assert!(c.is_excluded(&real.join("vendor/a.js")));
    // Not on disk (stdin's `--stdin-filename`), even its folder.
    assert!(c.is_excluded(&real.join("vendor/new/b.js")));
    assert!(!c.is_excluded(&real.join("src/new/b.js")));
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        // Loaded through the link, asked through the real path, and the reverse.
        let through = Config::load(&link.join(FILE_NAME)).unwrap();
        assert!(through.is_excluded(&real.join("vendor/a.js")));
        assert!(through.is_excluded(&link.join("vendor/a.js")));
        assert!(through.is_excluded(&link.join("vendor/none.js")));
        assert!(c.is_excluded(&link.join("vendor/a.js")));
        assert!(!c.is_excluded(&link.join("src/a.js")));
    }
}

#[test]
fn suggestions_are_near_only() {
    assert_eq!(suggest("selct", KEYS.iter().copied()), Some("select"));
    assert_eq!(
        suggest("flexy_host", KEYS.iter().copied()),
        Some("flexy-hosts")
    );
    assert_eq!(suggest("colours", KEYS.iter().copied()), None);
}
