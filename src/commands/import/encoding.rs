//! The encoding of a raw report: UTF-8 (with or without BOM), UTF-16 (with or without BOM)
//! or GBK/GB18030, told from its bytes; anything else is refused at the first bad byte.

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::diagnostics::{line_col, Diagnostic};

/// The text of the raw file and the name of its encoding.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), Diagnostic> {
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or_else(|| (guess_encoding(bytes), 0));
    if ![UTF_8, UTF_16LE, UTF_16BE, GBK, GB18030].contains(&encoding) {
        let message = format!(
            "cannot tell the encoding: not UTF-8, UTF-16 or GBK/GB18030 text (perhaps {})",
            encoding.name()
        );
        return Err(bad_bytes(path, UTF_8, bytes, message).hint("save the file as UTF-8"));
    }
    let bytes = &bytes[bom..];
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| {
            let message = format!("the file is not valid {} text", encoding.name());
            bad_bytes(path, encoding, bytes, message).hint("save the file as UTF-8")
        })?
        .into_owned();
    let name = match encoding {
        e if e == UTF_8 && bom > 0 => "UTF-8 (BOM)",
        // Text that needs GB18030's four-byte sequences cannot be GBK.
        e if (e == GBK || e == GB18030) && GBK.encode(&text).2 => "GB18030",
        e if e == GBK || e == GB18030 => "GBK",
        e => e.name(),
    };
    Ok((text, name))
}

/// The encoding of text without a byte-order mark.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some(utf16) = utf16_by_nuls(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), Utf8Detection::Deny)
}

/// UTF-16 without a byte-order mark: ASCII characters (line breaks at least) come with a NUL
/// byte, after them in little-endian and before them in big-endian text.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nuls = |skip| {
        bytes
            .iter()
            .skip(skip)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    if odd > 2 * even {
        Some(UTF_16LE)
    } else if even > 2 * odd {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A diagnostic at the first bytes that `encoding` cannot decode.
fn bad_bytes(
    path: &Path,
    encoding: &'static Encoding,
    bytes: &[u8],
    message: String,
) -> Diagnostic {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let at = text.find('\u{fffd}').unwrap_or(text.len());
    let (line, col) = line_col(&text, at);
    Diagnostic::new(path, line, col, message).with_source(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let text = "南川区今年新建学校3所，投入资金1.2亿元，新增学位两千个。\n";
        let rare = "新建学校3所，校名由𠮷先生题写。\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        for (source, bytes, name) in [
            (text, text.as_bytes().to_vec(), "UTF-8"),
            (text, with_bom, "UTF-8 (BOM)"),
            (text, utf16le, "UTF-16LE"),
            (text, utf16be, "UTF-16BE"),
            (text, GBK.encode(text).0.into_owned(), "GBK"),
            (rare, GB18030.encode(rare).0.into_owned(), "GB18030"),
        ] {
            let (decoded, encoding) = decode(Path::new("x.txt"), &bytes).unwrap();
            assert_eq!((decoded.as_str(), encoding), (source, name));
        }
    }

    #[test]
    fn undecodable_bytes_are_pointed_at() {
        let err = decode(Path::new("x.txt"), b"\xef\xbb\xbfok\nab\xff").unwrap_err();
        assert_eq!((err.line, err.col), (2, 3), "{err}");
    }
}
