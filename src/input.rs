//! Input: a file's bytes to its text and back. UTF-8 (with or without a byte order mark),
//! UTF-16 told by its mark, and single-byte text read byte for byte; binary files and files
//! over the size limit are refused with a clear error.

use std::path::Path;

use crate::error::FileError;
use crate::prefilter;

/// How a file's bytes became its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8 {
        bom: bool,
    },
    /// Not UTF-8: each byte read as one character (Latin-1), so every byte comes back as it
    /// was. Right for the single-byte encodings (Latin-1, Windows-1252, Windows-1256...);
    /// fixes only add ASCII.
    SingleByte,
    /// UTF-16, told by its byte order mark (Windows editors save it so), written back with
    /// the same mark and byte order.
    Utf16 {
        big_endian: bool,
    },
}

/// The byte order marks of UTF-16: little-endian (as Windows writes it), big-endian.
const UTF16_LE_BOM: [u8; 2] = [0xff, 0xfe];
const UTF16_BE_BOM: [u8; 2] = [0xfe, 0xff];

/// Whether `bytes` start with a UTF-16 byte order mark: `Some(big_endian)`.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..2)? {
        b if b == UTF16_LE_BOM => Some(false),
        b if b == UTF16_BE_BOM => Some(true),
        _ => None,
    }
}

/// The text of UTF-16 `bytes` after their byte order mark; `None` when they are not
/// UTF-16 (an odd length, an unpaired surrogate).
fn decode_utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    let body = bytes.get(2..)?;
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

impl Encoding {
    /// The bytes of `text` in this encoding; `None` when it holds a character the encoding
    /// cannot.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Utf8 { bom } => {
                let mut b = Vec::with_capacity(text.len() + 3);
                if bom {
                    b.extend_from_slice("\u{feff}".as_bytes());
                }
                b.extend_from_slice(text.as_bytes());
                Some(b)
            }
            Encoding::SingleByte => text.chars().map(|c| u8::try_from(c).ok()).collect(),
            Encoding::Utf16 { big_endian } => {
                let mut b = Vec::with_capacity(text.len() * 2 + 2);
                b.extend_from_slice(if big_endian {
                    &UTF16_BE_BOM
                } else {
                    &UTF16_LE_BOM
                });
                for unit in text.encode_utf16() {
                    b.extend_from_slice(&if big_endian {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
                Some(b)
            }
        }
    }

    /// The text of `bytes` read in this encoding, for showing (a diff): what cannot be
    /// read is replaced.
    pub fn show(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Utf16 { big_endian } => decode_utf16(bytes, big_endian)
                .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
            Encoding::Utf8 { .. } | Encoding::SingleByte => {
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    }
}

/// Reads and decodes a source file, unless it is larger than `max` bytes.
pub fn read_source(path: &Path, max: u64) -> Result<(Vec<u8>, String, Encoding), FileError> {
    let bytes = read_candidate(path, max, None)?.unwrap_or_default();
    let (text, encoding) = decode(path, &bytes)?;
    Ok((bytes, text, encoding))
}

/// Reads a source file's bytes when `prefilter` (if any) finds something a rule could
/// report in them: `None` when it finds nothing, so the file is clean. A file larger than
/// `max` bytes is an error only when it may match: it is scanned in blocks, never held.
pub fn read_candidate(
    path: &Path,
    max: u64,
    prefilter: Option<&prefilter::Prefilter>,
) -> Result<Option<Vec<u8>>, FileError> {
    use std::io::Read;
    let read = |e| FileError::Read {
        path: path.to_path_buf(),
        source: e,
    };
    // One open, and the size from the open file: no second look-up of the path.
    let mut file = std::fs::File::open(path).map_err(read)?;
    let size = file.metadata().map_err(read)?.len();
    if size > max {
        if let Some(p) = prefilter {
            // The needles are UTF-8 bytes: a UTF-16 file is never scanned clean.
            let mut head = Vec::with_capacity(2);
            (&mut file).take(2).read_to_end(&mut head).map_err(read)?;
            if utf16_bom(&head).is_none()
                && p.scan_reader(head.chain(&mut file)).map_err(read)? == prefilter::Verdict::Clean
            {
                return Ok(None);
            }
        }
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.read_to_end(&mut bytes).map_err(read)?;
    let verdict = prefilter.map(|p| match utf16_bom(&bytes) {
        // The needles are UTF-8 bytes: a UTF-16 file is scanned as UTF-8 (and let through
        // when it is no UTF-16, so that decoding says so).
        Some(big_endian) => decode_utf16(&bytes, big_endian)
            .map_or(prefilter::Verdict::MayMatch, |text| p.scan(text.as_bytes())),
        None => p.scan(&bytes),
    });
    match verdict {
        Some(prefilter::Verdict::Clean) => Ok(None),
        _ => Ok(Some(bytes)),
    }
}

/// The text of a source file's bytes, without its BOM; UTF-16 read by its BOM; NUL bytes
/// refused (binary), bytes that are not UTF-8 read one character each.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), FileError> {
    if let Some(big_endian) = utf16_bom(bytes) {
        return match decode_utf16(bytes, big_endian) {
            // A NUL in the text: binary after all (UTF-32 starts with UTF-16's mark).
            Some(text) if !text.contains('\0') => Ok((text, Encoding::Utf16 { big_endian })),
            Some(_) => Err(FileError::Binary {
                path: path.to_path_buf(),
            }),
            None => Err(FileError::BadUtf16 {
                path: path.to_path_buf(),
            }),
        };
    }
    if bytes.contains(&0) {
        return Err(FileError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_string(), Encoding::Utf8 { bom: true }),
            None => (text.to_string(), Encoding::Utf8 { bom: false }),
        },
        Err(_) => (
            bytes.iter().map(|&b| char::from(b)).collect(),
            Encoding::SingleByte,
        ),
    })
}

#[cfg(test)]
mod tests;
