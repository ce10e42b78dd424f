use super::*;
use crate::rules::{Finding, Rule};

#[test]
fn escapes_as_the_runner_expects() {
    assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
    assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
}

#[test]
fn one_command_per_finding_escaped() {
    let finding = Finding::new(Rule::V2Endpoint, 0..3, "100% v2,\nsee: docs");
    let l = Located {
        file: "a,b:c%.js".to_string(),
        path: std::path::Path::new("a,b:c%.js"),
        finding: &finding,
        text: "abc",
        start: (1, 1),
        end: (2, 4),
    };
    assert_eq!(
        annotation(&l),
        "::error title=v3-migrate (v2-endpoint),file=a%2Cb%3Ac%25.js,line=1,col=1,\
             endLine=2,endColumn=4::v2-endpoint: 100%25 v2,%0Asee: docs"
    );
}
