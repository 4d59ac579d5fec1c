//! Word segmentation with jieba, with a user dictionary of livelihood terms so that 医共体,
//! 长护保险 or 一老一小 stay whole. The dictionary is loaded once per process.

use std::io::BufReader;
use std::sync::OnceLock;

use jieba_rs::Jieba;

const USER_DICT: &str = include_str!("data/userdict.txt");

/// The process-wide segmenter (read-only after its first use).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = Jieba::new();
        // The user dictionary is part of the binary; a malformed line would fail its test.
        let _ = jieba.load_dict(&mut BufReader::new(USER_DICT.as_bytes()));
        jieba
    })
}

/// Byte offsets where jieba starts a word in `text`.
pub fn word_starts(text: &str) -> Vec<usize> {
    jieba()
        .cut(text, true)
        .into_iter()
        .map(|t| t.byte_start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dictionary_loads_and_keeps_terms_whole() {
        let mut fresh = Jieba::new();
        fresh
            .load_dict(&mut BufReader::new(USER_DICT.as_bytes()))
            .expect("valid user dictionary");
        for term in ["医共体", "长护保险", "孝善食堂", "一老一小"] {
            let text = format!("组建{term}");
            assert!(
                jieba().cut(&text, true).iter().any(|t| t.word == term),
                "{term}"
            );
        }
    }
}
