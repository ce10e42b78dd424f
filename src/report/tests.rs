use super::*;

#[test]
fn dates() {
    assert_eq!(SWITCH_OFF.to_string(), "2026-10-30");
    assert_eq!(
        days_between(SWITCH_OFF, parse_date("2026-11-29").unwrap()),
        30
    );
    assert_eq!(
        days_between(SWITCH_OFF, parse_date("2027-03-01").unwrap()),
        122
    );
    assert_eq!(
        days_between(SWITCH_OFF, parse_date("2026-10-01").unwrap()),
        -29
    );
    assert_eq!(
        parse_date(" 2028-02-29 ").unwrap().to_string(),
        "2028-02-29"
    );
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "yesterday",
        "2026-1",
        "",
        "2026-11-29T00:00",
        "20261129",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
}
