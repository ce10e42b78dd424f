//! Whether findings and diffs are coloured: `--color`, then the `NO_COLOR` and
//! `FORCE_COLOR` conventions, then whether the stream is a terminal.

use std::sync::atomic::{AtomicU8, Ordering};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// On a terminal, unless `NO_COLOR` is set; off the terminal when `FORCE_COLOR` is.
    Auto,
    Always,
    Never,
}

static CHOICE: AtomicU8 = AtomicU8::new(0);

/// Sets the run's choice (once, from the command line).
pub fn set(choice: Choice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

fn choice() -> Choice {
    match CHOICE.load(Ordering::Relaxed) {
        1 => Choice::Always,
        2 => Choice::Never,
        _ => Choice::Auto,
    }
}

/// Whether to colour what goes to a stream that is (or is not) a terminal.
pub fn enabled(terminal: bool) -> bool {
    decide(
        choice(),
        std::env::var_os("NO_COLOR"),
        std::env::var_os("FORCE_COLOR"),
        terminal,
    )
}

/// `NO_COLOR` set to anything but the empty string turns colour off (no-color.org);
/// `FORCE_COLOR` set to anything but the empty string or `0` turns it on (as Node.js reads
/// it). The command line's `always` and `never` win over both.
fn decide(
    choice: Choice,
    no_color: Option<std::ffi::OsString>,
    force_color: Option<std::ffi::OsString>,
    terminal: bool,
) -> bool {
    match choice {
        Choice::Always => true,
        Choice::Never => false,
        Choice::Auto => {
            if no_color.is_some_and(|v| !v.is_empty()) {
                false
            } else if force_color.is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                terminal
            }
        }
    }
}

/// Styles (owo-colors, which miette draws with too), written only when colour is on.
#[derive(Clone, Copy)]
pub struct Paint(pub bool);

impl Paint {
    fn with(self, style: owo_colors::Style, s: &str) -> String {
        if self.0 {
            style.style(s).to_string()
        } else {
            s.to_string()
        }
    }

    pub fn bold(self, s: &str) -> String {
        self.with(owo_colors::Style::new().bold(), s)
    }

    pub fn red(self, s: &str) -> String {
        self.with(owo_colors::Style::new().red(), s)
    }

    pub fn green(self, s: &str) -> String {
        self.with(owo_colors::Style::new().green(), s)
    }

    pub fn cyan(self, s: &str) -> String {
        self.with(owo_colors::Style::new().cyan(), s)
    }

    /// A unified diff with its lines coloured: removed red, added green, hunk headers cyan,
    /// file headers bold.
    pub fn diff(self, diff: &str) -> String {
        if !self.0 {
            return diff.to_string();
        }
        let mut out = String::with_capacity(diff.len() + diff.len() / 4);
        for line in diff.split_inclusive('\n') {
            let (body, end) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            let styled = if body.starts_with("+++") || body.starts_with("---") {
                self.bold(body)
            } else if body.starts_with("@@") {
                self.cyan(body)
            } else if body.starts_with('+') {
                self.green(body)
            } else if body.starts_with('-') {
                self.red(body)
            } else {
                body.to_string()
            };
            out.push_str(&styled);
            out.push_str(end);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_then_no_color_then_force_color_then_the_terminal() {
        let v = |s: &str| Some(std::ffi::OsString::from(s));
        assert!(decide(Choice::Always, v("1"), None, false));
        assert!(!decide(Choice::Never, None, v("1"), true));
        assert!(!decide(Choice::Auto, v("1"), v("1"), true));
        assert!(
            decide(Choice::Auto, v(""), None, true),
            "an empty NO_COLOR is unset"
        );
        assert!(decide(Choice::Auto, None, v("1"), false));
        assert!(!decide(Choice::Auto, None, v("0"), false));
        assert!(decide(Choice::Auto, None, None, true));
        assert!(!decide(Choice::Auto, None, None, false));
    }

    #[test]
    fn a_diff_is_coloured_line_by_line_and_reads_the_same_without() {
        let diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same";
        assert_eq!(Paint(false).diff(diff), diff);
        let coloured = Paint(true).diff(diff);
        assert!(coloured.contains("\x1b[31m-old\x1b[0m\n"));
        assert!(coloured.contains("\x1b[32m+new\x1b[0m\n"));
        assert!(coloured.ends_with(" same"));
    }
}
