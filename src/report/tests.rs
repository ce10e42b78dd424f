use super::*;

#[test]
fn dates() {
    assert_eq!(SWITCH_OFF.days(), 20_756);
    assert_eq!(Date::from_days(20_756), SWITCH_OFF);
    assert_eq!(
        parse_date("2026-11-29").unwrap().days() - SWITCH_OFF.days(),
        30
    );
    assert_eq!(
        parse_date("2027-03-01").unwrap().days() - SWITCH_OFF.days(),
        122
    );
    assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
    for bad in ["2026-02-30", "2026-13-01", "yesterday", "2026-1", ""] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
}
