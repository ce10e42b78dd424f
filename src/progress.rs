//! A progress line on stderr for runs longer than about a second, on a terminal only: never
//! when stderr is redirected or the output format is machine-readable (the caller decides).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the line appears; `V3_MIGRATE_PROGRESS_AFTER_MS` sets it (the
/// tests use 0).
const AFTER: Duration = Duration::from_millis(1000);

/// Counts files as they are checked, and shows the count once the run is slow enough.
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    after: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// `enabled`: stderr is a terminal and the output is for people.
    pub fn new(enabled: bool) -> Progress {
        let after = std::env::var("V3_MIGRATE_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(AFTER, Duration::from_millis);
        let bar = enabled.then(|| {
            // Hidden until the run has taken `after`: short runs print nothing.
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} checking: {pos} files done ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            after,
            shown: AtomicBool::new(false),
        }
    }

    /// One more file done (from any thread).
    pub fn tick(&self) {
        let Some(bar) = &self.bar else {
            return;
        };
        bar.inc(1);
        if self.start.elapsed() >= self.after && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.tick();
            bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Clears the line before the results are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
