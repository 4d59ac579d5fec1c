//! The places a document names with their administrative word (海口市, 荣昌区). A subject
//! that opens with one of them written bare (海口建成便民生活圈) says where, not what: the name
//! is left out, even where the dictionary knows it as a common word (海口, estuary).

use std::collections::BTreeSet;

use super::jieba;
use crate::analyze::text::{is_han, Block};

/// What follows a place name as its administrative word.
const ADMIN: [char; 7] = ['市', '区', '县', '州', '旗', '盟', '省'];

/// Place names of one document, longest first.
#[derive(Debug, Default)]
pub struct Places(Vec<String>);

impl Places {
    /// The names that stand before an administrative word somewhere in `blocks` and that the
    /// segmenter reads as one place name with it.
    pub fn of(blocks: &[Block]) -> Places {
        let mut candidates = BTreeSet::new();
        for block in blocks {
            let chars: Vec<(usize, char)> = block.text.char_indices().collect();
            for (k, &(at, c)) in chars.iter().enumerate() {
                if !ADMIN.contains(&c) {
                    continue;
                }
                for len in 2..=3 {
                    let Some(&(from, _)) = k.checked_sub(len).and_then(|s| chars.get(s)) else {
                        break;
                    };
                    let name = &block.text[from..at];
                    if name.chars().all(is_han) {
                        candidates.insert((name, c));
                    }
                }
            }
        }
        let mut names: Vec<String> = candidates
            .into_iter()
            .filter(|(name, admin)| is_place(name, *admin))
            .map(|(name, _)| name.to_string())
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        Places(names)
    }

    /// `subject` without a place name of the document it opens with, written bare; unchanged
    /// when the name is written with its administrative word (that is trimmed elsewhere) or
    /// when little would be left.
    pub fn strip<'s>(&self, subject: &'s str) -> &'s str {
        self.0
            .iter()
            .find_map(|name| subject.strip_prefix(name.as_str()))
            // 新郑籍农民, 海口人: the name belongs to the noun after it.
            .filter(|rest| !rest.starts_with(ADMIN) && !rest.starts_with(['籍', '人', '的']))
            .filter(|rest| rest.chars().filter(|c| is_han(*c)).count() >= 2)
            .unwrap_or(subject)
    }
}

/// Whether `name` + `admin` is one place-name word to the segmenter (海口市, 荣昌区).
fn is_place(name: &str, admin: char) -> bool {
    let whole = format!("{name}{admin}");
    let words = jieba().tag(&whole, false);
    match words.as_slice() {
        [one] => one.tag == "ns",
        [first, second] => first.tag == "ns" && first.word == name && second.word.len() == 3,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::text::raw_blocks;

    #[test]
    fn a_place_named_with_its_city_word_is_left_out_where_written_bare() {
        let blocks = raw_blocks("海口市2023年建成24个便民生活圈。\n\n海口建成便民生活圈24个。");
        let places = Places::of(&blocks);
        assert_eq!(places.strip("海口建成便民生活圈"), "建成便民生活圈");
        assert_eq!(places.strip("海口籍农民"), "海口籍农民");
        // Not a name: the words before 区 of 老旧小区, 中心城区.
        let blocks = raw_blocks("改造老旧小区222个，中心城区新增绿地5处。");
        let places = Places::of(&blocks);
        assert_eq!(places.strip("老旧小区改造户数"), "老旧小区改造户数");
        assert_eq!(places.strip("中心城市建设"), "中心城市建设");
    }
}
