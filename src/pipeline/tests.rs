use super::*;
use crate::fix;
use crate::rules;

/// A fix of a unit that cannot be applied (it overlaps another unit's, taken first)
/// holds back its whole unit: the unit's other fix is not applied either.
#[test]
fn a_unit_with_a_skipped_fix_is_held_back_whole() {
    let text = "var a = 1;\nvar b = 2;\nvar c = 3;\n".to_string();
    let current = Current::parse(Lang::JavaScript, text).expect("parsed");
    let fix = |range: std::ops::Range<usize>, content: &str, unit: usize| {
        let mut f = Finding::new(Rule::V2Endpoint, range.clone(), "m");
        f.unit = Some(unit);
        f.fix = Some(rules::Fix {
            applicability: rules::Applicability::Safe,
            message: "m".into(),
            edits: vec![rules::Edit {
                range,
                content: content.into(),
            }],
        });
        f
    };
    // Unit 0: `a` and `c`; unit 1 rewrites `var b = 2` whole, overlapping unit 0's `2`.
    let a = fix(4..5, "x", 0);
    let two = fix(19..20, "9", 0);
    let b = fix(11..20, "let b = 7", 1);
    let (fixable, out, held) = apply_units(Lang::JavaScript, &current, vec![&a, &b, &two]);
    assert_eq!(out.text, "var a = 1;\nlet b = 7;\nvar c = 3;\n");
    assert_eq!(fixable.len(), 1);
    let mut why: Vec<_> = held
        .iter()
        .map(|(f, w)| (f.range.start, w.clone()))
        .collect();
    why.sort_by_key(|(at, _)| *at);
    assert_eq!(
        why,
        [
            (4, fix::Skipped::UnitHeldBack),
            (19, fix::Skipped::Conflict)
        ]
    );
}
