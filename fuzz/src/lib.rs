//! The harness shared by the `check_fix_*` fuzz targets: one body, one language per target.
//!
//! For any input bytes it runs the whole check-and-fix path the way the CLI does (decode,
//! check, fix with unsafe fixes included) and asserts, beyond "no panic":
//!
//! 1. checking without fixing leaves the text alone and is deterministic (same findings,
//!    same suppression count, twice);
//! 2. if the input parses without error, the fixed text parses without error;
//! 3. fixing is idempotent: fixing the fixed text again changes nothing.

use std::fmt::Debug;
use std::path::Path;

use v3_migrate::document::Document;
use v3_migrate::lang::Lang;
use v3_migrate::rules::{Applicability, Finding};
use v3_migrate::{check_text, Checked, Settings};

/// Inputs longer than this are skipped: small inputs keep the executions per second high, so
/// that a run explores breadth rather than a few huge files.
pub const MAX_LEN: usize = 64 * 1024;

/// Runs the check-and-fix path over `data` as `lang` and asserts its invariants.
pub fn check_fix(lang: Lang, data: &[u8]) {
    if data.len() > MAX_LEN {
        return;
    }
    // As the tool reads a file: NUL bytes are refused (binary), a BOM is set apart, bytes
    // that are not UTF-8 are read one character each.
    let Ok((text, _encoding)) = v3_migrate::decode(Path::new("fuzz-input"), data) else {
        return;
    };
    // Texts the tool declines to analyse (too deep, too indented) are out of scope.
    let Ok(input) = Document::parse(lang, &text) else {
        return;
    };
    // Python's indentation errors count, as the fixer counts them.
    let input_clean = input.syntax_errors().is_empty();
    drop(input);

    let settings = Settings {
        threshold: Applicability::Unsafe,
        ..Settings::default()
    };
    let check = |text: &str, fix: bool| -> Checked {
        check_text(lang, text.to_string(), &settings, fix).unwrap_or_else(|why| {
            panic!("check_text(fix={fix}) refused a text that parses ({why:?}):\n{text}")
        })
    };

    // 1. Checking without fixing: the text is kept, and the findings are deterministic.
    let first = check(&text, false);
    assert_eq!(first.text, text, "check without fix changed the text");
    assert!(
        first.fixed.is_empty(),
        "check without fix reports fixed findings"
    );
    let second = check(&text, false);
    assert_eq!(
        show(&first.linted.findings),
        show(&second.linted.findings),
        "findings differ between two checks of the same text:\n{text}"
    );
    assert_eq!(
        first.linted.suppressed, second.linted.suppressed,
        "suppressed counts differ between two checks of the same text"
    );

    // 2. Fixing a text that parses cleanly gives a text that parses cleanly.
    let fixed = check(&text, true);
    if input_clean {
        let errors: Vec<std::ops::Range<usize>> = Document::parse(lang, &fixed.text)
            .expect("the fixed text does not parse at all")
            .syntax_errors();
        assert!(
            errors.is_empty(),
            "the fixes broke the syntax: errors at {errors:?} ({})\n\
             --- input ---\n{text}\n--- fixed ---\n{}\n--- fixes applied ---\n{}",
            context(&fixed.text, &errors),
            fixed.text,
            fixes(&fixed.fixed),
        );
    }

    // A text with a syntax error gets no fix at all.
    if !input_clean {
        assert!(
            fixed.text == text,
            "a fix was applied to a text with a syntax error\n--- input ---\n{text}\n--- fixed ---\n{}",
            fixed.text
        );
    }

    // 3. Fixing is idempotent.
    let again = check(&fixed.text, true);
    assert!(
        again.text == fixed.text,
        "fixing the fixed text changed it again\n\
         --- input ---\n{text}\n--- fixed ---\n{}\n--- fixed again ---\n{}\n\
         --- fixes applied first ---\n{}\n--- fixes applied again ---\n{}",
        fixed.text,
        again.text,
        fixes(&fixed.fixed),
        fixes(&again.fixed),
    );
}

/// A comparable form of a list of findings (`Finding` has no `PartialEq`).
fn show<T: Debug>(items: &[T]) -> Vec<String> {
    items.iter().map(|i| format!("{i:?}")).collect()
}

/// One line per applied fix: rule, title and edits.
fn fixes(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| match &f.fix {
            Some(fix) => format!(
                "{} {:?} [{}] {:?}\n",
                f.rule.name(),
                f.range,
                fix.message,
                fix.edits
            ),
            None => format!("{} {:?} (no fix)\n", f.rule.name(), f.range),
        })
        .collect()
}

/// The text around the first error range, for the panic message.
fn context(text: &str, errors: &[std::ops::Range<usize>]) -> String {
    let Some(r) = errors.first() else {
        return String::new();
    };
    let mut start = r.start.saturating_sub(40).min(text.len());
    let mut end = (r.end + 40).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("near {:?}", &text[start..end])
}
