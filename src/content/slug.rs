//! Slugs: the ASCII names of districts, reports and pages in paths and URLs.

use pinyin::ToPinyin;

/// A slug is lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A valid slug close to `name`: Chinese characters become pinyin, the rest is lowercased and
/// anything else becomes a hyphen ("南川 报告" -> "nanchuan-baogao").
pub fn suggest(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut pinyin_run = String::new();
    let flush = |buf: &mut String, words: &mut Vec<String>| {
        if !buf.is_empty() {
            words.push(std::mem::take(buf));
        }
    };
    for c in name.chars() {
        if let Some(p) = c.to_pinyin() {
            flush(&mut current, &mut words);
            pinyin_run.push_str(p.plain());
        } else {
            flush(&mut pinyin_run, &mut words);
            if c.is_ascii_alphanumeric() {
                current.push(c.to_ascii_lowercase());
            } else {
                flush(&mut current, &mut words);
            }
        }
    }
    flush(&mut pinyin_run, &mut words);
    flush(&mut current, &mut words);
    let slug = words.join("-");
    if slug.is_empty() {
        "page".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        assert!(is_valid("banan"));
        assert!(is_valid("minsheng-2022"));
        for bad in ["", "Banan", "巴南", "a--b", "-a", "a_b", "a.b", "..", "a/b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn suggests_pinyin() {
        assert_eq!(suggest("南川"), "nanchuan");
        assert_eq!(suggest("巴南 Report 2022"), "banan-report-2022");
        assert_eq!(suggest("民生_报告"), "minsheng-baogao");
        assert!(is_valid(&suggest("！！")));
    }
}
