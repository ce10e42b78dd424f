//! Settings files: `.env` (and `.env.*`), JSON, YAML, INI and TOML, read line by line for
//! the values the code takes its Flexy base from (`FLEXY_BASE_URL=https://.../v2`,
//! `"baseUrl": "https://.../v2"`, `base_url: https://.../v2`).
//!
//! No grammar: a value is a Flexy URL on one line, with the key written before it on that
//! line (`KEY=`, `KEY:`, `"key":`, `key =`). What else the file holds (keys, passwords,
//! tokens) is never shown: [`masked`] is the text the output shows instead.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use crate::api::{self, Form};

/// A Flexy URL a settings file gives a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The key, as code names it: `FLEXY_BASE_URL`, `baseUrl` (the last key of a nested
    /// one: `flexy.baseUrl` is read as `config.flexy.baseUrl`).
    pub key: String,
    /// The URL's range in the text.
    pub range: Range<usize>,
    /// The host's length at the start of `range`, its scheme included.
    pub host_len: usize,
    /// The host, as listed in the hosts looked for.
    pub host: String,
    /// What follows the host: `""`, `"/"`, `"/v2"`, `"/v2/"`, `"/v2/internet"`...
    pub path: String,
}

impl Value {
    /// How the paths appended to it are written when it is a versioned, ungrouped v2 base
    /// (`.../v2`: with a leading slash; `.../v2/`: without one); None for any other value.
    pub fn form(&self) -> Option<Form> {
        match self.path.strip_prefix(api::V2_PREFIX)? {
            "" => Some(Form::Versionless),
            "/" => Some(Form::VersionlessNoSlash),
            _ => None,
        }
    }
}

/// A `.env` file's name: `.env`, `.env.local`, `.env.production`.
pub fn is_dotenv(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.")
}

/// Whether a file is a settings file, by its name: `.env`, `.env.local`, `prod.env`, or an
/// extension of [`EXTENSIONS`] with a name settings have (`config.json`,
/// `settings.yaml`, `appsettings.json`, `flexy.toml`) or in a folder of them
/// (`config/production.json`). Other JSON and YAML files are data (API models, fixtures,
/// translations): not read, which keeps a walk of a large tree from reading them all.
pub fn is_settings_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if is_dotenv(&name) || name.ends_with(".env") {
        return true;
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
    let stem = name.split('.').next().unwrap_or("");
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| FOLDERS.contains(&n.to_ascii_lowercase().as_str()));
    extension && (STEMS.iter().any(|s| stem.starts_with(s)) || folder)
}

/// How the names of settings files start (`config.json`, `settings.local.yaml`,
/// `appsettings.Production.json`, `env.json`).
const STEMS: &[&str] = &[
    "config",
    "setting",
    "env",
    "parameter",
    "secret",
    "flexy",
    "app",
];

/// Folders holding settings files (`config/default.json`).
const FOLDERS: &[&str] = &["config", "configs", "conf", "settings", "environments"];

/// Settings files larger than this are data, not read (bytes).
pub const MAX_SIZE: u64 = 64 * 1024;

/// The extensions of settings files (besides the `.env` names).
pub const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "ini", "toml"];

/// The Flexy URLs of `text` (on `hosts`, the Flexy hosts without scheme), each with its
/// key. A URL with no key before it on its line is not a setting (a list item, a comment
/// of prose) and is left out.
pub fn values(text: &str, hosts: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if is_comment(body) {
            continue;
        }
        for scheme in ["https://", "http://"] {
            let mut from = 0;
            while let Some(k) = body[from..].find(scheme) {
                let url_at = from + k;
                from = url_at + scheme.len();
                let rest = &body[from..];
                let Some(host) = hosts.iter().find(|h| {
                    rest.len() >= h.len()
                        && rest[..h.len()].eq_ignore_ascii_case(h)
                        && !rest[h.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '.' || c == '-')
                }) else {
                    continue;
                };
                let host_end = from + host.len();
                let end = body[host_end..]
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '#' | ';' | '}' | ']')
                    })
                    .map_or(body.len(), |e| host_end + e);
                let Some(key) = key_before(&body[..url_at]) else {
                    continue;
                };
                out.push(Value {
                    key,
                    range: start + url_at..start + end,
                    host_len: host_end - url_at,
                    host: host.to_string(),
                    path: body[host_end..end].to_string(),
                });
            }
        }
    }
    out.sort_by_key(|v| v.range.start);
    out
}

/// `text` as the output shows it: a settings file's masked (see [`masked`]), any other
/// file's as it is.
pub fn shown<'t>(path: &Path, text: &'t str, hosts: &[&str]) -> Cow<'t, str> {
    match crate::lang::Lang::from_path(path) {
        Some(crate::lang::Lang::Settings) => Cow::Owned(masked(text, hosts)),
        _ => Cow::Borrowed(text),
    }
}

/// A whole-line comment: `# ...`, `; ...`, `// ...`.
fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with(';') || t.starts_with("//")
}

/// The key written before a value on its line: `KEY=`, `export KEY=`, `KEY: `,
/// `"key": "`, `key = "`, `- key: `.
fn key_before(before: &str) -> Option<String> {
    let t = before.trim_end();
    let t = t.strip_suffix(['"', '\'']).unwrap_or(t).trim_end();
    let t = t.strip_suffix(['=', ':'])?.trim_end();
    let t = t.strip_suffix(['"', '\'']).unwrap_or(t);
    let key: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    // `flexy.baseUrl = ...` (INI, TOML dotted keys): code reads the last part.
    let key = key.rsplit('.').next().unwrap_or("").to_string();
    (!key.is_empty()).then_some(key)
}

/// The text as the output shows it: on each line that holds no Flexy URL, what follows
/// the first `=` or `:` is replaced by `***` and spaces (a password, a token, a key); every
/// line keeps its length, so a finding's offsets point at the same place, and its key.
pub fn masked(text: &str, hosts: &[&str]) -> String {
    let keep: Vec<Range<usize>> = values(text, hosts).into_iter().map(|v| v.range).collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        if keep.iter().any(|r| r.start >= start && r.start < at) || is_comment(body) {
            out.push_str(line);
            continue;
        }
        match body.find(['=', ':']) {
            Some(k) if !body[k + 1..].trim().is_empty() && !is_structure(&body[k + 1..]) => {
                out.push_str(&body[..=k]);
                // JSON: the comma that separates entries stays.
                let value = &body[k + 1..];
                let lead = value.len() - value.trim_start().len();
                out.push_str(&value[..lead]);
                let value = &value[lead..];
                let comma = value.trim_end().ends_with(',');
                let n = value.len() - usize::from(comma);
                let stars = "***".get(..n.min(3)).unwrap_or("");
                out.push_str(stars);
                out.push_str(&" ".repeat(n - stars.len()));
                if comma {
                    out.push(',');
                }
            }
            _ => out.push_str(body),
        }
        out.push_str(eol);
    }
    out
}

/// A value opening a nested object or list (`{`, `[`), or nothing but punctuation.
fn is_structure(value: &str) -> bool {
    let v = value.trim();
    v == "{" || v == "[" || v.chars().all(|c| matches!(c, '{' | '[' | ',' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTS: &[&str] = &["flexy-api.oneclickdz.com"];

    #[test]
    fn dotenv_json_yaml_ini_and_toml_values_with_their_keys() {
        let text = "\
FLEXY_BASE_URL=https://flexy-api.oneclickdz.com/v2
export FLEXY_URL=\"https://flexy-api.oneclickdz.com/v2/\"
{\"flexy\": {\"baseUrl\": \"https://flexy-api.oneclickdz.com/v2\"}}
  base_url: https://flexy-api.oneclickdz.com/v2 # prod
url = 'https://flexy-api.oneclickdz.com'
flexy.api_url = \"https://flexy-api.oneclickdz.com/v2\"
# OLD_URL=https://flexy-api.oneclickdz.com/v2
- https://flexy-api.oneclickdz.com/v2
OTHER=https://flexy-api.oneclickdz.com.evil.example/v2
";
        let all = values(text, HOSTS);
        let forms: Vec<Option<Form>> = all.iter().map(Value::form).collect();
        assert_eq!(
            forms,
            [
                Some(Form::Versionless),
                Some(Form::VersionlessNoSlash),
                Some(Form::Versionless),
                Some(Form::Versionless),
                None,
                Some(Form::Versionless),
            ]
        );
        let got: Vec<(String, String)> = all.into_iter().map(|v| (v.key, v.path)).collect();
        let want: Vec<(String, String)> = [
            ("FLEXY_BASE_URL", "/v2"),
            ("FLEXY_URL", "/v2/"),
            ("baseUrl", "/v2"),
            ("base_url", "/v2"),
            ("url", ""),
            ("api_url", "/v2"),
        ]
        .iter()
        .map(|(k, p)| (k.to_string(), p.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_url_range_covers_the_url_only() {
        let text = "A=1\nFLEXY=\"https://flexy-api.oneclickdz.com/v2\"\n";
        let v = &values(text, HOSTS)[0];
        assert_eq!(
            &text[v.range.clone()],
            "https://flexy-api.oneclickdz.com/v2"
        );
        assert_eq!(v.host_len, "https://flexy-api.oneclickdz.com".len());
    }

    #[test]
    fn masking_hides_every_other_value_and_keeps_the_lines() {
        let text = "\
FLEXY_KEY=sk_live_123
FLEXY_URL=https://flexy-api.oneclickdz.com/v2
{
  \"token\": \"abc\",
  \"nested\": {
  \"url\": \"https://flexy-api.oneclickdz.com/v2\"
}
";
        let m = masked(text, HOSTS);
        assert!(!m.contains("sk_live_123") && !m.contains("abc"), "{m}");
        assert!(m.contains("FLEXY_URL=https://flexy-api.oneclickdz.com/v2\n"));
        assert!(m.contains("\"nested\": {\n"));
        assert_eq!(m.len(), text.len());
        assert!(m.starts_with("FLEXY_KEY=***        \n"), "{m}");
        assert!(m.contains("  \"token\": ***  ,\n"), "{m}");
    }

    #[test]
    fn settings_files_by_name() {
        for yes in [
            ".env",
            ".env.local",
            "prod.env",
            "config.json",
            "settings.YAML",
            "config/production.yml",
            "app.ini",
            "flexy.toml",
            "appsettings.Production.json",
        ] {
            assert!(is_settings_file(Path::new(yes)), "{yes}");
        }
        for no in [
            "env.js",
            "main.py",
            "environment",
            "x.envelope",
            "package-lock.json",
            "pnpm-lock.yaml",
            "v3-migrate.toml",
            "tsconfig.json",
            "data/service-2.json",
            "locales/fr.json",
        ] {
            assert!(!is_settings_file(Path::new(no)), "{no}");
        }
    }
}
