use super::*;
use tempfile::TempDir;

/// Skips the test (with a note) when `git` cannot be run.
macro_rules! require_git {
    () => {
        if !git_available() {
            eprintln!("skipping: `git` is not on PATH");
            return;
        }
    };
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs git in `dir` with a known identity and no user configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.email=test@example.com", "-c", "user.name=Test"])
        .args(["-c", "commit.gpgsign=false"])
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A new repository in a temporary folder.
fn repo() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"]);
    dir
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, content).expect("write file");
    path
}

fn commit_all(dir: &Path) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "test"]);
}

/// A repository with `names` committed.
fn repo_with(names: &[&str]) -> (TempDir, Vec<PathBuf>) {
    let dir = repo();
    let paths = names
        .iter()
        .map(|name| write(dir.path(), name, "one\n"))
        .collect();
    commit_all(dir.path());
    (dir, paths)
}

fn dirty(files: &[PathBuf]) -> Vec<(PathBuf, Dirty)> {
    dirty_files(files).expect("dirty_files")
}

/// Whether `dir` or a folder above it holds `.git` (then "outside a repo" can't be
/// tested there).
fn inside_a_repo(dir: &Path) -> bool {
    let real = fs::canonicalize(dir).expect("canonicalize");
    real.ancestors().any(|d| d.join(".git").exists())
}

/// `target` relative to `base` (both absolute, without symbolic links).
fn relative(base: &Path, target: &Path) -> PathBuf {
    let base: Vec<_> = base.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..base.len() {
        path.push("..");
    }
    for component in &target[common..] {
        path.push(component);
    }
    path
}

#[test]
fn committed_file_is_clean() {
    require_git!();
    let (_dir, files) = repo_with(&["a.js"]);
    assert_eq!(dirty(&files), vec![]);
}

#[test]
fn modified_tracked_file_is_modified() {
    require_git!();
    let (_dir, files) = repo_with(&["a.js", "b.js"]);
    fs::write(&files[0], "two\n").unwrap();
    assert_eq!(dirty(&files), vec![(files[0].clone(), Dirty::Modified)]);
}

#[test]
fn staged_only_change_is_modified() {
    require_git!();
    let (dir, files) = repo_with(&["a.js"]);
    fs::write(&files[0], "two\n").unwrap();
    git(dir.path(), &["add", "a.js"]);
    assert_eq!(dirty(&files), vec![(files[0].clone(), Dirty::Modified)]);
}

#[test]
fn deleted_tracked_file_is_modified() {
    require_git!();
    let (_dir, files) = repo_with(&["a.js"]);
    fs::remove_file(&files[0]).unwrap();
    assert_eq!(dirty(&files), vec![(files[0].clone(), Dirty::Modified)]);
}

#[test]
fn untracked_file_is_untracked() {
    require_git!();
    let (dir, _) = repo_with(&["a.js"]);
    let new = write(dir.path(), "new.js", "x\n");
    assert_eq!(
        dirty(std::slice::from_ref(&new)),
        vec![(new, Dirty::Untracked)]
    );
}

#[test]
fn untracked_file_in_untracked_folder_is_untracked() {
    require_git!();
    let (dir, _) = repo_with(&["a.js"]);
    fs::create_dir_all(dir.path().join("new/deeper")).unwrap();
    let new = write(dir.path(), "new/deeper/x.js", "x\n");
    assert_eq!(
        dirty(std::slice::from_ref(&new)),
        vec![(new, Dirty::Untracked)]
    );
}

#[test]
fn ignored_file_is_clean() {
    require_git!();
    let (dir, _) = repo_with(&["a.js"]);
    write(dir.path(), ".gitignore", "*.log\nbuild/\n");
    commit_all(dir.path());
    fs::create_dir(dir.path().join("build")).unwrap();
    let ignored = vec![
        write(dir.path(), "x.log", "x\n"),
        write(dir.path(), "build/out.js", "x\n"),
    ];
    assert_eq!(dirty(&ignored), vec![]);
}

#[test]
fn file_outside_any_repo_is_clean_without_running_git() {
    let dir = tempfile::tempdir().unwrap();
    if inside_a_repo(dir.path()) {
        eprintln!("skipping: the temporary folder is inside a git working tree");
        return;
    }
    let file = write(dir.path(), "a.js", "x\n");
    let missing_git = OsStr::new("/nonexistent/v3-migrate-test/git");
    let found = dirty_files_with(missing_git, &[file]).expect("git is not needed");
    assert_eq!(found, vec![]);
}

#[test]
fn no_git_inside_a_repo_is_an_error_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let file = write(dir.path(), "a.js", "x\n");
    let missing_git = OsStr::new("/nonexistent/v3-migrate-test/git");
    let error = dirty_files_with(missing_git, &[file]).unwrap_err();
    let VcsError::NoGit { dir: root } = &error else {
        panic!("not a missing git: {error:?}");
    };
    assert_eq!(root, &fs::canonicalize(dir.path()).unwrap());
    let message = error.to_string();
    assert!(message.contains(&root.display().to_string()), "{message}");
    assert!(message.contains("Install git"), "{message}");
    assert!(message.contains("--force"), "{message}");
}

#[test]
fn failing_git_is_an_error() {
    require_git!();
    // A `.git` folder that is no repository: git fails.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let file = write(dir.path(), "a.js", "x\n");
    let error = dirty_files(&[file]).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("git status"), "{message}");
    // git is there: installing it is no answer.
    assert!(!message.contains("Install git"), "{message}");
    assert!(message.contains("--force"), "{message}");
}

/// A script at `path` that creates `marker` and exits with `code`.
#[cfg(unix)]
fn marker_script(path: &Path, marker: &Path, code: i32) {
    use std::os::unix::fs::PermissionsExt;
    let script = format!(
        "#!/bin/sh\ntouch '{}'\ncat >/dev/null 2>&1 </dev/null\nexit {code}\n",
        marker.display()
    );
    fs::write(path, script).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Sets the file's modification time back, so that its stat data no longer matches
/// the index and git has to look at its content.
fn stale_stat(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    let when = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    file.set_modified(when).unwrap();
}

#[cfg(unix)]
#[test]
fn the_repositorys_fsmonitor_is_not_run() {
    require_git!();
    let (dir, files) = repo_with(&["a.js", "b.js"]);
    let outside = tempfile::tempdir().unwrap();
    let marker = outside.path().join("fsmonitor-ran");
    let hook = outside.path().join("fsmonitor.sh");
    marker_script(&hook, &marker, 1);
    git(
        dir.path(),
        &["config", "core.fsmonitor", hook.to_str().unwrap()],
    );
    fs::write(&files[1], "two\n").unwrap();
    assert_eq!(dirty(&files), vec![(files[1].clone(), Dirty::Modified)]);
    assert!(!marker.exists(), "git ran the repository's fsmonitor hook");
}

#[cfg(unix)]
#[test]
fn the_repositorys_filters_are_not_run() {
    require_git!();
    let (dir, files) = repo_with(&["a.js", "b.js", "c.js"]);
    write(
        dir.path(),
        ".gitattributes",
        "*.js filter=evil\nc.js filter=long\n",
    );
    commit_all(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let marker = outside.path().join("filter-ran");
    // An identity filter that leaves a mark: with it off, the answer is the same.
    let clean = format!("sh -c 'touch \"{}\"; cat'", marker.display());
    git(dir.path(), &["config", "filter.evil.clean", &clean]);
    git(dir.path(), &["config", "filter.evil.required", "true"]);
    let process = outside.path().join("process.sh");
    marker_script(&process, &marker, 1);
    git(
        dir.path(),
        &["config", "filter.long.process", process.to_str().unwrap()],
    );
    git(dir.path(), &["config", "filter.long.required", "true"]);
    for file in &files {
        stale_stat(file);
    }
    fs::write(&files[1], "two\n").unwrap();
    stale_stat(&files[1]);
    assert_eq!(dirty(&files), vec![(files[1].clone(), Dirty::Modified)]);
    assert!(!marker.exists(), "git ran a filter the repository names");
}

#[cfg(unix)]
#[test]
fn a_submodules_configuration_is_not_run() {
    require_git!();
    let outside = tempfile::tempdir().unwrap();
    let marker = outside.path().join("fsmonitor-ran");
    let hook = outside.path().join("fsmonitor.sh");
    marker_script(&hook, &marker, 1);
    let (sub, _) = repo_with(&["s.js"]);
    let (dir, files) = repo_with(&["a.js"]);
    git(
        dir.path(),
        &[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "-q",
            sub.path().to_str().unwrap(),
            "sub",
        ],
    );
    commit_all(dir.path());
    let inner = dir.path().join("sub");
    git(
        &inner,
        &["config", "core.fsmonitor", hook.to_str().unwrap()],
    );
    let inside = inner.join("s.js");
    fs::write(&inside, "two\n").unwrap();
    assert_eq!(dirty(&files), vec![]);
    assert!(!marker.exists(), "git ran a submodule's fsmonitor hook");
    // A file inside the submodule is asked about in its own working tree.
    assert_eq!(
        dirty(std::slice::from_ref(&inside)),
        vec![(inside, Dirty::Modified)]
    );
    assert!(!marker.exists(), "git ran a submodule's fsmonitor hook");
}

#[cfg(unix)]
#[test]
fn filter_names_from_git_config() {
    use std::os::unix::process::ExitStatusExt;
    let output = |code: i32, stdout: &[u8]| std::process::Output {
        status: std::process::ExitStatus::from_raw(code << 8),
        stdout: stdout.to_vec(),
        stderr: Vec::new(),
    };
    assert_eq!(filter_drivers(&output(1, b"")), Ok(vec![]));
    assert_eq!(
        filter_drivers(&output(
            0,
            b"filter.lfs.clean\0filter.lfs.process\0filter.a.b c.smudge\0"
        )),
        Ok(vec![b"a.b c".to_vec(), b"lfs".to_vec()])
    );
    assert!(filter_drivers(&output(0, b"filter.a=b.clean\0")).is_err());
    assert!(filter_drivers(&output(128, b"")).is_err());
}

#[test]
fn file_with_a_space_in_its_name() {
    require_git!();
    let (_dir, files) = repo_with(&["my file.js", "other file.js"]);
    fs::write(&files[0], "two\n").unwrap();
    assert_eq!(dirty(&files), vec![(files[0].clone(), Dirty::Modified)]);
}

#[cfg(unix)]
#[test]
fn odd_file_names() {
    require_git!();
    let names = [
        "new\nline.js",
        "tab\tquote\".js",
        "*.js",
        ":(glob)x.js",
        "é.js",
    ];
    let (dir, files) = repo_with(&names);
    let other = write(dir.path(), "a.js", "x\n");
    for file in &files {
        fs::write(file, "two\n").unwrap();
    }
    let mut expected: Vec<_> = files.iter().map(|f| (f.clone(), Dirty::Modified)).collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(dirty(&files), expected);
    assert_eq!(
        dirty(std::slice::from_ref(&other)),
        vec![(other, Dirty::Untracked)]
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name() {
    use std::os::unix::ffi::OsStrExt;
    require_git!();
    let dir = repo();
    let name = OsStr::from_bytes(b"bad\xff.js");
    let file = dir.path().join(name);
    if fs::write(&file, "x\n").is_err() {
        eprintln!("skipping: the file system refuses non-UTF-8 names");
        return;
    }
    assert_eq!(
        dirty(std::slice::from_ref(&file)),
        vec![(file, Dirty::Untracked)]
    );
}

#[test]
fn files_from_two_repositories_in_one_call() {
    require_git!();
    let (one, one_files) = repo_with(&["a.js"]);
    let (two, two_files) = repo_with(&["b.js"]);
    fs::write(&one_files[0], "two\n").unwrap();
    let new = write(two.path(), "new.js", "x\n");
    let files = vec![new.clone(), two_files[0].clone(), one_files[0].clone()];
    let mut expected = vec![
        (one_files[0].clone(), Dirty::Modified),
        (new, Dirty::Untracked),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(dirty(&files), expected);
    drop((one, two));
}

#[test]
fn nested_repository_is_its_own_working_tree() {
    require_git!();
    let (outer, _) = repo_with(&["a.js"]);
    let inner = outer.path().join("inner");
    fs::create_dir(&inner).unwrap();
    git(&inner, &["init", "-q"]);
    let file = write(&inner, "b.js", "x\n");
    commit_all(&inner);
    // Untracked for the outer repository, clean for its own.
    assert_eq!(dirty(&[file]), vec![]);
}

#[test]
fn relative_path_is_returned_as_given() {
    require_git!();
    let (_dir, files) = repo_with(&["a.js"]);
    fs::write(&files[0], "two\n").unwrap();
    let cwd = fs::canonicalize(std::env::current_dir().unwrap()).unwrap();
    let real = fs::canonicalize(&files[0]).unwrap();
    let given = relative(&cwd, &real);
    assert!(given.is_relative());
    assert_eq!(
        dirty(std::slice::from_ref(&given)),
        vec![(given, Dirty::Modified)]
    );
}

#[test]
fn each_spelling_is_returned_once() {
    require_git!();
    let (dir, files) = repo_with(&["a.js"]);
    fs::write(&files[0], "two\n").unwrap();
    let other = dir.path().join(".").join("a.js");
    let given = vec![files[0].clone(), other.clone(), files[0].clone()];
    let mut expected = vec![
        (files[0].clone(), Dirty::Modified),
        (other, Dirty::Modified),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    expected.dedup_by(|a, b| a.0 == b.0);
    assert_eq!(dirty(&given), expected);
}

#[cfg(unix)]
#[test]
fn path_through_a_symlinked_folder() {
    require_git!();
    let (dir, files) = repo_with(&["a.js"]);
    fs::write(&files[0], "two\n").unwrap();
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("link");
    std::os::unix::fs::symlink(dir.path(), &link).unwrap();
    let given = link.join("a.js");
    assert_eq!(
        dirty(std::slice::from_ref(&given)),
        vec![(given, Dirty::Modified)]
    );
}

#[test]
fn renamed_file_and_its_origin_are_modified() {
    require_git!();
    let (dir, files) = repo_with(&["old.js", "keep.js"]);
    git(dir.path(), &["mv", "old.js", "new.js"]);
    let new = dir.path().join("new.js");
    let given = vec![new.clone(), files[0].clone(), files[1].clone()];
    let mut expected = vec![(new, Dirty::Modified), (files[0].clone(), Dirty::Modified)];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(dirty(&given), expected);
}

#[test]
fn many_files_are_asked_about_in_one_call() {
    require_git!();
    let names: Vec<String> = (0..400)
        .map(|i| format!("a-rather-long-file-name-to-overflow-the-limit-{i:04}.js"))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let (dir, files) = repo_with(&names);
    let mut tree = Tree::new();
    for (i, name) in names.iter().enumerate() {
        tree.insert(name.as_bytes().to_vec(), vec![i]);
    }
    assert!(
        pathspecs(&tree).is_empty(),
        "too many paths for one command line"
    );
    fs::write(&files[7], "two\n").unwrap();
    write(dir.path(), "not-asked.js", "x\n");
    assert_eq!(dirty(&files), vec![(files[7].clone(), Dirty::Modified)]);
}

#[test]
fn parses_porcelain_z() {
    let output = b" M m.js\0M  staged.js\0R  new.js\0old.js\0C  copy.js\0src.js\0?? u v.js\0!! ign.js\0UU both.js\0";
    let found = parse_status(output).unwrap();
    let expected: Vec<(GitPath, Dirty)> = [
        ("m.js", Dirty::Modified),
        ("staged.js", Dirty::Modified),
        ("new.js", Dirty::Modified),
        ("old.js", Dirty::Modified),
        ("copy.js", Dirty::Modified),
        ("u v.js", Dirty::Untracked),
        ("both.js", Dirty::Modified),
    ]
    .into_iter()
    .map(|(path, dirty)| (path.as_bytes().to_vec(), dirty))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn odd_git_output_is_an_error_not_a_panic() {
    assert_eq!(parse_status(b"").unwrap(), vec![]);
    assert!(parse_status(b"R  new.js\0").is_err());
    assert!(parse_status(b"M\0").is_err());
    assert!(parse_status(b" M \0").is_err());
    assert!(parse_status(b"\xff\xfe").is_err());
}

#[test]
fn git_paths() {
    assert_eq!(
        git_path(Path::new("a/b c/d.js")),
        Some(b"a/b c/d.js".to_vec())
    );
    assert_eq!(git_path(Path::new("")), None);
    assert_eq!(git_path(Path::new("../a.js")), None);
}
