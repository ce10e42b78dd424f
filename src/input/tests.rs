use std::path::Path;

use super::*;
use crate::error::FileError;
use crate::prefilter;

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    Encoding::Utf16 { big_endian }.encode(text).unwrap()
}

#[test]
fn utf16_round_trips_with_its_mark_and_byte_order() {
    let text = "x = '€ 𝄞'\r\n";
    for big_endian in [false, true] {
        let bytes = utf16(text, big_endian);
        let mark: &[u8] = if big_endian {
            &[0xfe, 0xff]
        } else {
            &[0xff, 0xfe]
        };
        assert_eq!(&bytes[..2], mark);
        let (decoded, encoding) = decode(Path::new("a.py"), &bytes).unwrap();
        assert_eq!(decoded, text);
        assert_eq!(encoding, Encoding::Utf16 { big_endian });
        assert_eq!(encoding.encode(&decoded).unwrap(), bytes);
    }
}

#[test]
fn not_utf16_after_its_mark() {
    let path = Path::new("a.js");
    // An odd length, an unpaired surrogate: not UTF-16.
    let mut odd = utf16("x", false);
    odd.push(b'y');
    assert!(matches!(
        decode(path, &odd),
        Err(FileError::BadUtf16 { .. })
    ));
    assert!(matches!(
        decode(path, &[0xff, 0xfe, 0x00, 0xd8, b'x', 0]),
        Err(FileError::BadUtf16 { .. })
    ));
    // UTF-32 starts with UTF-16's little-endian mark: its NULs make it binary.
    assert!(matches!(
        decode(path, &[0xff, 0xfe, 0, 0, b'x', 0, 0, 0]),
        Err(FileError::Binary { .. })
    ));
}

#[test]
fn the_prefilter_reads_utf16_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let prefilter = prefilter::Prefilter::new(&[]);
    let flexy = dir.path().join("flexy.js");
    std::fs::write(&flexy, utf16("x.dymanicPlans", false)).unwrap();
    let other = dir.path().join("other.js");
    std::fs::write(&other, utf16("x.plans", true)).unwrap();
    assert!(read_candidate(&flexy, 1000, Some(&prefilter))
        .unwrap()
        .is_some());
    assert!(read_candidate(&other, 1000, Some(&prefilter))
        .unwrap()
        .is_none());
    // Over the size limit, a UTF-16 file is never passed as clean unread.
    assert!(matches!(
        read_candidate(&flexy, 4, Some(&prefilter)),
        Err(FileError::TooLarge { .. })
    ));
}
