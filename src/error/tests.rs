use super::*;
use miette::Diagnostic;
use std::io::{Error, ErrorKind};

fn help(d: &dyn Diagnostic) -> String {
    d.help().map(|h| h.to_string()).unwrap_or_default()
}

#[test]
fn a_full_disk_is_not_a_matter_of_permissions() {
    let full = FileError::Write {
        path: PathBuf::from("a.js"),
        source: Error::from(ErrorKind::StorageFull),
    };
    let help = help(&full);
    assert!(help.contains("disk is full"), "{help}");
    assert!(!help.contains("permissions"), "{help}");
    let baseline = RunError::Write {
        path: PathBuf::from("b.json"),
        source: Error::from(ErrorKind::QuotaExceeded),
    };
    let help = super::tests::help(&baseline);
    assert!(help.contains("disk is full"), "{help}");
    let denied = FileError::Write {
        path: PathBuf::from("a.js"),
        source: Error::from(ErrorKind::PermissionDenied),
    };
    assert_eq!(
        super::tests::help(&denied),
        "check the file's and its folder's permissions"
    );
}

#[test]
fn the_stdin_language_help_names_every_kind_of_file() {
    let error = RunError::StdinLanguage {
        name: PathBuf::from("x.txt"),
    };
    let help = help(&error);
    for ext in [".ts", ".tsx", ".vue", ".html", ".js", ".php", ".py"] {
        assert!(
            help.contains(&format!("{ext} "))
                || help.contains(&format!("{ext},"))
                || help.ends_with(ext),
            "{ext}: {help}"
        );
    }
}
