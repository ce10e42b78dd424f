//! The byte-level prefilter: decides, from a file's raw bytes, whether any rule could find
//! anything in it. Most files of a codebase never mention Flexy; they are read and scanned
//! once (literal searches: `regex` and aho-corasick) and never decoded, parsed or analysed.
//!
//! The needles come from the migration table ([`crate::api`]) and the suppression marker,
//! so a row added there is searched for with no change here. Why these needles lose nothing
//! (the analysis in [`crate::flexy`] decides what is Flexy):
//!
//! - Every URL, base and tie to Flexy starts from a Flexy host written in the file: the v2
//!   host, the v3 host, or a configured one (`--flexy-host`), in any case. The response,
//!   pagination, auth-header and error-check rules all need such evidence.
//! - Without a host, only distinctive things are reported: a `/v2/<segment>/...` path of a
//!   row only Flexy has, the `dymanicPlans` typo, the error codes only Flexy returns, and
//!   the v2 auth header of a key or client named for Flexy (`FLEXY_API_KEY`: the word
//!   `flexy`, in any case).
//!   A path is matched on the literal characters of one string expression, so `/v2` is
//!   written in the file with one of the table's first segments close after it: in the
//!   same literal, or in the next ones of a concatenation (`"/v2" . "/topup/list"`). Close
//!   is [`WINDOW`] bytes; a minified bundle that says `/v2` and, far away, `account` is not
//!   parsed for it.
//! - `unused-suppression` judges `v3-migrate:` comments.
//!
//! The needles that need no case (hosts; the others too, which only lets a few more files
//! through) are one case-insensitive `regex` alternation: its literal search runs at about
//! 6 GB/s where aho-corasick's case-insensitive automaton gave 0.6 GB/s on the benchmark
//! corpus; `/v2` and the segments are case-sensitive aho-corasick searches (SIMD Teddy).
//! A needle is matched as bytes, so single-byte encoded files are scanned as they are. An
//! escaped slash (`\/v2`) is searched for too. What is missed: a needle split across two
//! literals (`"/" + "v2"`) or written with character escapes (`"\x2Fv2"`), which the
//! analysis would not see as a v2 path either in most cases.

use std::io::Read;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::api;
use crate::rules::suppress;

/// The word a key or client named for Flexy holds, in any case.
const FLEXY_NAME: &str = "flexy";

/// How far after `/v2` a path's first segment is looked for, in bytes.
pub const WINDOW: usize = 256;

/// The compiled needles of one run.
pub struct Prefilter {
    /// Any of these alone lets a file through.
    sufficient: Sufficient,
    /// The version prefix of v2 paths: lets a file through with a segment below.
    version: AhoCorasick,
    /// The first segments of v2 paths.
    segments: AhoCorasick,
    /// The longest match (a needle, or `/v2` and its window), for the overlap of streamed
    /// reads.
    longest: usize,
}

/// The needles that let a file through alone, compiled the fastest way their number and
/// length allow. They include the configured hosts: thousands of them overflow `regex`'s
/// size limit, so the search falls back to an aho-corasick automaton, and past what that
/// can hold, every file goes through (slower, nothing lost): building never fails.
enum Sufficient {
    Regex(Regex),
    Automaton(AhoCorasick),
    Everything,
}

impl Sufficient {
    fn new(needles: &[String]) -> Sufficient {
        let alternation: Vec<String> = needles.iter().map(|n| regex::escape(n)).collect();
        // Hosts are compared without case; the other needles are matched the same way.
        let regex = RegexBuilder::new(&alternation.join("|"))
            .case_insensitive(true)
            .unicode(false)
            .build();
        if let Ok(r) = regex {
            return Sufficient::Regex(r);
        }
        match AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(needles)
        {
            Ok(a) => Sufficient::Automaton(a),
            Err(_) => Sufficient::Everything,
        }
    }

    fn is_match(&self, bytes: &[u8]) -> bool {
        match self {
            Sufficient::Regex(r) => r.is_match(bytes),
            Sufficient::Automaton(a) => a.is_match(bytes),
            Sufficient::Everything => true,
        }
    }
}

/// What the prefilter found in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No needle: no rule can report anything in this file.
    Clean,
    /// A needle: the file is parsed and analysed.
    MayMatch,
}

impl Prefilter {
    /// The needles for a run with `extra_hosts` counted as Flexy.
    pub fn new(extra_hosts: &[String]) -> Prefilter {
        let mut sufficient: Vec<String> = vec![api::V2_HOST.into(), api::V3_HOST.into()];
        for host in extra_hosts {
            // `host:port`: the port may be written apart (`{"host": ..., "port": ...}`).
            let bare = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
            sufficient.push(bare.to_string());
        }
        sufficient.push(api::PLANS_TYPO.0.into());
        // A key or client named for Flexy (`FLEXY_API_KEY`, `flexy.headers`): its v2 auth
        // header is reported with no host in the file.
        sufficient.push(FLEXY_NAME.into());
        sufficient.extend(
            api::ERROR_CODES
                .iter()
                .filter(|e| e.distinctive)
                .map(|e| e.v2.to_string()),
        );
        sufficient.push(suppress::MARKER.trim_end_matches(':').into());
        let version = [api::V2_PREFIX.to_string(), format!("\\{}", api::V2_PREFIX)];
        let build = |needles: &[String]| {
            // A few short needles of the migration table, none from the user.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(needles)
                .expect("the table's needles are a few short strings")
        };
        let segments: Vec<String> = api::V2_SEGMENTS.iter().map(|s| s.to_string()).collect();
        let longest = [&sufficient[..], &version[..], &segments[..]]
            .concat()
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(1)
            .max(version.iter().map(String::len).max().unwrap_or(0) + WINDOW);
        Prefilter {
            sufficient: Sufficient::new(&sufficient),
            version: build(&version),
            segments: build(&segments),
            longest,
        }
    }

    /// The verdict on a whole file's bytes.
    pub fn scan(&self, bytes: &[u8]) -> Verdict {
        let path = || {
            self.version.find_iter(bytes).any(|m| {
                let window = &bytes[m.end()..bytes.len().min(m.end() + WINDOW)];
                self.segments.is_match(window)
            })
        };
        if self.sufficient.is_match(bytes) || path() {
            Verdict::MayMatch
        } else {
            Verdict::Clean
        }
    }

    /// The verdict on a stream, read in blocks that overlap by the longest needle, in
    /// bounded memory (for files too large to be read whole).
    pub fn scan_reader(&self, mut r: impl Read) -> std::io::Result<Verdict> {
        const BLOCK: usize = 1 << 20;
        let keep = self.longest.saturating_sub(1);
        let mut buf = vec![0u8; BLOCK + keep];
        let mut filled = 0;
        loop {
            let n = r.read(&mut buf[filled..])?;
            if n == 0 {
                return Ok(Verdict::Clean);
            }
            filled += n;
            // Every match spans at most `longest` bytes, so it lies whole in some block.
            if self.scan(&buf[..filled]) == Verdict::MayMatch {
                return Ok(Verdict::MayMatch);
            }
            if filled == buf.len() {
                buf.copy_within(filled - keep..filled, 0);
                filled = keep;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Verdict {
        Prefilter::new(&[]).scan(text.as_bytes())
    }

    #[test]
    fn needles_from_the_table() {
        assert_eq!(
            scan("fetch('https://FLEXY-API.oneclickdz.com/x')"),
            Verdict::MayMatch
        );
        assert_eq!(
            scan("const u = 'https://api.oneclickdz.com';"),
            Verdict::MayMatch
        );
        assert_eq!(scan("x.dymanicPlans"), Verdict::MayMatch);
        assert_eq!(scan("if (e == 'NO-BALANCE') {}"), Verdict::MayMatch);
        assert_eq!(scan("// v3-migrate: ignore"), Verdict::MayMatch);
        assert_eq!(scan("get('/v2/topup/sendTopup')"), Verdict::MayMatch);
        assert_eq!(scan("get('\\/v2\\/topup\\/sendTopup')"), Verdict::MayMatch);
        assert_eq!(scan("$u = '/v2' . '/gift-cards/list';"), Verdict::MayMatch);
    }

    #[test]
    fn other_code_is_clean() {
        assert_eq!(
            scan("fetch('https://api.github.com/v2/repos')"),
            Verdict::Clean
        );
        assert_eq!(scan("headers: { authorization: token }"), Verdict::Clean);
        assert_eq!(scan("if (e == 'Forbidden') {}"), Verdict::Clean);
        assert_eq!(scan("const topup = 1;"), Verdict::Clean);
        let far = format!("get('/v2/users'); {} account", " ".repeat(WINDOW));
        assert_eq!(scan(&far), Verdict::Clean);
        assert_eq!(scan(""), Verdict::Clean);
    }

    #[test]
    fn extra_hosts_without_their_port() {
        let p = Prefilter::new(&["proxy.internal:8443".to_string()]);
        assert_eq!(p.scan(b"base = 'http://PROXY.internal'"), Verdict::MayMatch);
        assert_eq!(p.scan(b"base = 'http://other.internal'"), Verdict::Clean);
    }

    #[test]
    fn streamed_scan_finds_needles_across_blocks() {
        let p = Prefilter::new(&[]);
        for at in [0, (1 << 20) - 10, (1 << 20) - 1, 3 << 20] {
            let mut bytes = vec![b'x'; 4 << 20];
            bytes[at..at + 12].copy_from_slice(b"dymanicPlans");
            assert_eq!(
                p.scan_reader(&bytes[..]).unwrap(),
                Verdict::MayMatch,
                "{at}"
            );
        }
        let mut bytes = vec![b'x'; 3 << 20];
        let at = (1 << 20) - 100;
        bytes[at..at + 3].copy_from_slice(b"/v2");
        bytes[at + 150..at + 155].copy_from_slice(b"topup");
        assert_eq!(p.scan_reader(&bytes[..]).unwrap(), Verdict::MayMatch);
        assert_eq!(
            p.scan_reader(&vec![b'x'; 3 << 20][..]).unwrap(),
            Verdict::Clean
        );
    }
}
