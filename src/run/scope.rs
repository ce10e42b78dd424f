//! What a run looks at and how it checks it: the scope arguments, the config file and the
//! rule arguments resolved into [`Settings`].

use std::path::Path;

use crate::api::Group;
use crate::cli::ScopeArgs;
use crate::config::Config;
use crate::error::RunError;
use crate::pipeline::{Settings, DEFAULT_MAX_FILE_SIZE};
use crate::rules::{self, Applicability, Rule};

/// What a run looks at and how it checks it: the scope arguments and the config file,
/// resolved. `check` and `report` share it.
pub(crate) struct Scope<'a> {
    pub(super) args: &'a ScopeArgs,
    pub(super) config: Config,
    /// Settings before per-file ignores.
    pub(crate) settings: Settings,
    pub(super) force_exclude: bool,
}

/// How the rules are chosen: `--select`, `--ignore`, `--unsafe-fixes` and `--only`.
#[derive(Default)]
pub(crate) struct RuleArgs<'a> {
    pub select: &'a [String],
    pub ignore: &'a [String],
    /// `--unsafe-fixes` (`Some(true)`), `--no-unsafe-fixes` (`Some(false)`), or neither:
    /// the configuration file says.
    pub unsafe_fixes: Option<bool>,
    pub only: &'a [Group],
}

impl Scope<'_> {
    pub(crate) fn resolve<'a>(args: &'a ScopeArgs, r: &RuleArgs) -> Result<Scope<'a>, RunError> {
        let config = if args.isolated {
            Config::default()
        } else if let Some(path) = &args.config {
            Config::load(path)?
        } else {
            let cwd = std::env::current_dir().map_err(RunError::Cwd)?;
            Config::discover(&cwd)?.unwrap_or_default()
        };
        let names = |names: &[String]| -> Result<Vec<Rule>, RunError> {
            let mut out = Vec::new();
            for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let rules = rules::selector(n).ok_or_else(|| RunError::UnknownRule {
                    name: n.to_string(),
                    help: crate::config::unknown_rule_help(n),
                })?;
                out.extend(rules);
            }
            Ok(out)
        };
        // The command line's `--select` replaces the file's; `--ignore` adds to it.
        let selected = match names(r.select)? {
            cli if !cli.is_empty() => cli,
            _ => config.select.clone().unwrap_or_else(Rule::defaults),
        };
        let mut ignored = config.ignore.clone();
        ignored.extend(names(r.ignore)?);
        let rules = Rule::ALL
            .iter()
            .copied()
            .filter(|r| selected.contains(r) && !ignored.contains(r))
            .collect();
        let mut extra_hosts = config.flexy_hosts.clone();
        extra_hosts.extend(
            args.flexy_host
                .iter()
                .map(|h| h.trim().to_ascii_lowercase()),
        );
        let unsafe_fixes = r.unsafe_fixes.unwrap_or(config.unsafe_fixes == Some(true));
        let max_file_size = args
            .max_file_size
            .or(config.max_file_size)
            .map_or(DEFAULT_MAX_FILE_SIZE, |mb| mb.saturating_mul(1_000_000));
        Ok(Scope {
            force_exclude: args.force_exclude || config.force_exclude == Some(true),
            settings: Settings {
                rules,
                extra_hosts,
                threshold: if unsafe_fixes {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                },
                max_file_size,
                only: (!r.only.is_empty()).then(|| r.only.iter().copied().collect()),
                inventory: false,
                callers_elsewhere: false,
                imports_flexy: false,
                link: None,
                across: Default::default(),
            },
            config,
            args,
        })
    }

    /// The settings for one file: the config's per-file ignores taken out.
    pub(crate) fn for_file(&self, path: &Path) -> Settings {
        let ignored = self.config.ignored_rules(path);
        let mut settings = self.settings.clone();
        settings.rules.retain(|r| !ignored.contains(r));
        settings
    }
}
