//! `junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI...) show
//! as a test report: one `<testsuite>` per file with findings (named by its path), one
//! `<testcase>` per finding (named by its rule, `classname` the path) holding a `<failure>`
//! with the message and `path:line:col`. With no finding, one passing test case, so CI
//! shows the check ran. A file skipped (binary, not UTF-8...) is a skipped test case.
//!
//! The XML is written by `quick-junit` (cargo-nextest's serializer) rather than by hand:
//! it escapes attribute and text content, drops the characters XML 1.0 cannot hold (ANSI
//! escapes, other control characters that may sit in source text), and keeps the
//! tests/failures/skipped counts consistent with the test cases.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::{located, Render};
use crate::display::display_path;
use crate::outcome::RunResult;

pub struct Junit;

const NAME: &str = "v3-migrate";

/// The suite of a file, made on first use.
fn suite<'a>(suites: &'a mut BTreeMap<String, TestSuite>, path: &str) -> &'a mut TestSuite {
    suites
        .entry(path.to_string())
        .or_insert_with(|| TestSuite::new(path))
}

impl Render for Junit {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        let mut suites: BTreeMap<String, TestSuite> = BTreeMap::new();
        let located = located(&report.files);
        for l in &located {
            let f = l.finding;
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(f.message.as_str());
            status.set_type(f.rule.name());
            let mut description = format!(
                "{}:{}:{}: {}: {}",
                l.file,
                l.start.0,
                l.start.1,
                f.rule.name(),
                f.message
            );
            if let Some(fix) = &f.fix {
                description.push_str(&format!(
                    "\n{} fix: {}",
                    fix.applicability.name(),
                    fix.message
                ));
            }
            status.set_description(description);
            let mut case = TestCase::new(f.rule.name(), status);
            case.set_classname(l.file.as_str());
            suite(&mut suites, &l.file).add_test_case(case);
        }
        // A warning (a file read as single-byte text) is no skip: the file was checked.
        for p in report.problems.iter().filter(|p| !p.is_warning()) {
            let path = display_path(p.path());
            let mut status = TestCaseStatus::skipped();
            status.set_message(p.to_string());
            let mut case = TestCase::new(NAME, status);
            case.set_classname(path.as_str());
            suite(&mut suites, &path).add_test_case(case);
        }
        let mut junit = quick_junit::Report::new(NAME);
        if located.is_empty() {
            let mut ran = TestSuite::new(NAME);
            let mut case = TestCase::new("no v2 code found", TestCaseStatus::success());
            case.set_classname(NAME);
            ran.add_test_case(case);
            junit.add_test_suite(ran);
        }
        junit.add_test_suites(suites.into_values());
        let mut xml = Vec::new();
        junit.serialize(&mut xml).map_err(io::Error::other)?;
        out.write_all(&escape_attribute_whitespace(&xml))
    }
}

/// `xml` with the line breaks and tabs inside attribute values written as character
/// references. quick-junit escapes `<`, `&` and quotes there, not these, and an XML reader
/// turns a raw one in an attribute into a space: a file name or a message with a line
/// break would not read back as written.
fn escape_attribute_whitespace(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    for &byte in xml {
        match (in_tag, quote, byte) {
            (true, Some(_), b'\n') => out.extend_from_slice(b"&#10;"),
            (true, Some(_), b'\r') => out.extend_from_slice(b"&#13;"),
            (true, Some(_), b'\t') => out.extend_from_slice(b"&#9;"),
            _ => out.push(byte),
        }
        match (in_tag, quote, byte) {
            (false, _, b'<') => in_tag = true,
            (true, None, b'"' | b'\'') => quote = Some(byte),
            (true, Some(q), b) if b == q => quote = None,
            (true, None, b'>') => in_tag = false,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
