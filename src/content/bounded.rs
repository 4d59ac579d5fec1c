//! Bounds on YAML from content, checked before the YAML library sees it: a small file must
//! not cost much memory or time. Front matter is limited in size; anchors and aliases (which
//! let a few bytes stand for copies of a large value) are refused; and `[ ]`/`{ }` nesting is
//! limited, in one pass over the text.

/// Largest front matter accepted.
pub const FRONT_MATTER_BYTES: usize = 256 * 1024;
/// Deepest `[ ]` / `{ }` nesting accepted.
pub const FLOW_DEPTH: usize = 32;

pub fn too_large(bytes: usize) -> String {
    format!(
        "front matter of {} KB is larger than the {} KB allowed",
        bytes.div_ceil(1024),
        FRONT_MATTER_BYTES / 1024
    )
}

/// Where the YAML breaks a bound, and how: `(byte offset, message)`.
pub fn check(yaml: &str) -> Result<(), (usize, String)> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    // A node (a value, a key, a list item) may begin here: where an anchor or alias would be.
    let mut node_start = true;
    let mut line_indent = 0usize;
    let mut at_line_start = true;
    // Lines more indented than this belong to a `|` or `>` block scalar.
    let mut block_scalar: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start {
            let indent = bytes[i..].iter().take_while(|&&c| c == b' ').count();
            let blank = matches!(bytes.get(i + indent), None | Some(b'\n' | b'\r'));
            match block_scalar {
                Some(parent) if blank || indent > parent => {
                    i = next_line(bytes, i) + 1;
                    continue;
                }
                _ => block_scalar = None,
            }
            line_indent = indent;
            at_line_start = false;
            node_start = true;
            i += indent;
            continue;
        }
        match b {
            b'\n' => {
                at_line_start = true;
                i += 1;
                continue;
            }
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = next_line(bytes, i);
                continue;
            }
            b'&' | b'*' if node_start => {
                return Err((i, "YAML anchors and aliases are not accepted".into()));
            }
            b'"' | b'\'' if node_start => {
                i = after_quoted(bytes, i);
                node_start = false;
                continue;
            }
            b'|' | b'>' if node_start && depth == 0 => {
                block_scalar = Some(line_indent);
                i = next_line(bytes, i);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > FLOW_DEPTH {
                    return Err((i, format!("YAML nested more than {FLOW_DEPTH} levels deep")));
                }
                node_start = true;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b':' | b'-' | b'?' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r')) => {
                node_start = true
            }
            b' ' | b'\t' | b'\r' => {}
            // A tag (`!!str`) comes before the node's anchor, if any.
            b'!' if node_start => {
                i += bytes[i..]
                    .iter()
                    .take_while(|c| !matches!(c, b' ' | b'\n'))
                    .count();
                continue;
            }
            _ => node_start = false,
        }
        i += 1;
    }
    Ok(())
}

fn next_line(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n)
}

/// The offset after the quoted scalar opening at `i` (or the end of the text).
fn after_quoted(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if quote == b'"' => j += 1,
            // '' is a quote inside a single-quoted scalar.
            b'\'' if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') => j += 1,
            c if c == quote => return j + 1,
            _ => {}
        }
        j += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: 社保 & 医保 *重点*\nsummary: |\n  &a 不是锚点\n  *b 也不是\nsource_url: https://x.cn/?a=1&b=2\ntags: [\"a&b\", 'it''s *']\nmetrics:\n  - text: 3.5亿元 # 注释 *x\n    subject: 投入\n";
        assert_eq!(check(yaml), Ok(()));
    }

    #[test]
    fn anchors_and_aliases_are_refused_where_they_are() {
        for (yaml, at) in [
            ("a: &x 长文本\nb: *x\n", 3),
            ("a:\n  - *x\n", 7),
            ("a: [1, *x]\n", 7),
            ("a: !!str &x v\n", 9),
            ("&k key: v\n", 0),
        ] {
            let (offset, message) = check(yaml).unwrap_err();
            assert_eq!(offset, at, "{yaml}");
            assert!(message.contains("anchors"), "{message}");
        }
    }

    #[test]
    fn deep_nesting_fails_at_once() {
        let yaml = format!("a: {}", "[".repeat(100_000));
        let (offset, message) = check(&yaml).unwrap_err();
        assert_eq!(offset, 3 + FLOW_DEPTH);
        assert!(message.contains("nested"), "{message}");
        assert_eq!(
            check(&format!("a: {}{}", "[".repeat(32), "]".repeat(32))),
            Ok(())
        );
    }
}
