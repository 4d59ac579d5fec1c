//! What the words of a phrase are, as the subject rules ask: verbs (by jieba's tags, or by the
//! dictionary where jieba mistags), the verb a clause opens with, the noun phrase after a
//! measure word.

use std::ops::RangeInclusive;

use crate::analyze::dictionary::dictionary;
use crate::analyze::numerals;
use crate::analyze::segment::jieba;
use crate::analyze::text::is_han;
use crate::analyze::words::{MANNER_WORDS, NOW_WORDS, PREDICATE_VERBS, RECEIVING_VERBS};

use super::trim::{head, trim_lead};

type Tag<'a> = jieba_rs::Tag<'a>;

/// The verb a clause opens with, after its scope and time words (新建, 完成, 改造提升).
pub fn opening_verb(clause: &str) -> Option<&str> {
    let clause = trim_lead(clause);
    let words = jieba().tag(head(clause), false);
    let first = words.first()?;
    let verb = is_verb_word(first) && first.word.chars().count() >= 2;
    verb.then(|| &clause[..first.word.len()])
}

/// Whether `text` ends with a verb: tagged so, a verbal noun right before a count (建设5个),
/// or a set phrase ending in one (全面完成).
pub(super) fn ends_with_verb(text: &str) -> bool {
    let start = text.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let words = jieba().tag(&text[start..], false);
    let phrase_verb = |word: &Tag| {
        let at = word.word.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
        matches!(word.tag, "l" | "i") && at > 0 && is_verb(&word.word[at..])
    };
    is_verb(text)
        || words
            .last()
            .is_some_and(|w| matches!(w.tag, "v" | "vn") || phrase_verb(w))
}

pub(super) fn starts_with_verb(text: &str) -> bool {
    jieba()
        .tag(head(text), false)
        .first()
        .is_some_and(is_verb_word)
}

/// A word that says what was done: tagged a verb, or a verb by the dictionary (jieba takes
/// 新建 for a county).
pub(super) fn is_verb_word(word: &Tag) -> bool {
    // Words tagged as plain nouns, numerals, measure words or function words are not looked
    // up: the dictionary is for jieba's mistags (新建 as a county, 改造 as a verbal noun).
    let plain = matches!(
        word.tag,
        "n" | "m" | "q" | "uj" | "ul" | "p" | "c" | "r" | "f" | "t" | "x" | "b" | "s"
    );
    word.word.chars().all(is_han)
        && (word.tag == "v"
            || word.word.starts_with('新') && word.word.chars().count() == 2
            || !plain
                && dictionary()
                    .get(word.word)
                    .is_some_and(|s| !s.proper && s.first().starts_with("to ")))
}

/// Whether any word of `text` is a verb.
pub(super) fn has_verb(text: &str) -> bool {
    jieba()
        .tag(text, false)
        .iter()
        .any(|w| is_verb_word(w) || matches!(w.tag, "v" | "vn"))
}

/// A single verb word: 死亡, 培训, 覆盖.
pub(super) fn is_one_verb(text: &str) -> bool {
    let words = jieba().tag(text, false);
    words.len() == 1
        && words
            .first()
            .is_some_and(|w| w.tag == "v" || is_verb_word(w))
}

/// A phrase that is one common noun: 医院, 金牌 (not 省级, 新建).
pub(super) fn is_one_noun(text: &str) -> bool {
    let words = jieba().tag(text, false);
    matches!(&words[..], [word] if word.tag == "n")
}

/// A phrase that is a verb alone: 完成, 新建, 新、改建, 涉及.
pub(super) fn is_verb(text: &str) -> bool {
    if text.is_empty() || text.chars().count() > 5 {
        return false;
    }
    let words = jieba().tag(text, false);
    words
        .iter()
        .all(|t| is_verb_word(t) || matches!(t.tag, "vd" | "x" | "a" | "d") || t.word == "、")
        && words.iter().any(is_verb_word)
}

/// The noun phrase right after a measure word: 30个社区体育公园 -> 社区体育公园.
pub(super) fn noun_after(after: &str) -> Option<&str> {
    // 2所“留守儿童之家”: a name in quotes is the noun, without its quotes.
    if let Some(quoted) = quoted_name(after) {
        return Some(quoted);
    }
    let words = jieba().tag(after, false);
    let first = words.first()?;
    let nounish = |tag: &str| tag.starts_with('n') || tag == "vn";
    let noun = nounish(first.tag)
        // Abbreviations, set phrases and idioms (孤寡老人/i) name things too.
        || matches!(first.tag, "j" | "l" | "i" | "an" | "b" | "s" | "a")
        // A modifier jieba tags otherwise before a noun (公立/v 医疗机构, 名/q 校长, 外来/f
        // 务工人员).
        || (matches!(first.tag, "v" | "vg" | "q" | "zg" | "f")
            && words.get(1).is_some_and(|w| nounish(w.tag) || w.tag == "k"))
        // A character jieba leaves untagged (村/zg) that the dictionary knows as a thing.
        || (first.tag == "zg"
            && dictionary()
                .get(first.word)
                .is_some_and(|s| !s.first().starts_with("to ")));
    if !(first.word.chars().all(is_han) && noun) {
        return None;
    }
    let mut end = 0;
    let mut chars = 0;
    for (k, word) in words.iter().enumerate() {
        // 主要 before a verb (实事主要包括…) says how, not which thing, and so does a word of
        // manner (困难老人免费体检).
        let adverb = words.get(k + 1).is_some_and(|next| {
            word.tag == "b" && next.tag == "v"
                || MANNER_WORDS.contains(&word.word) && matches!(next.tag, "v" | "vn")
        });
        // A verb inside a compound noun (照护服务机构) is followed by a noun; one that is not
        // starts what is said about the thing.
        // Verbs of doing (开展, 进行, 实施) are never inside one: they start the predicate.
        let predicate = k > 0
            && (PREDICATE_VERBS.contains(&word.word) || RECEIVING_VERBS.contains(&word.word))
            || word.tag == "v"
                && words.get(k + 1).is_none_or(|next| {
                    !(next.tag.starts_with('n') || matches!(next.tag, "vn" | "k"))
                        || MANNER_WORDS.contains(&next.word)
                });
        // A list of things counted together: 名校长、名师、名班主任工作室.
        let listed = word.word == "、" && words.get(k + 1).is_some_and(|w| w.tag != "x");
        let stop = !(listed || word.word.chars().all(|c| is_han(c) || "“”\"".contains(c)))
            || predicate
            || adverb
            || matches!(word.tag, "p" | "r" | "d" | "c" | "uj" | "ul")
            // A word of time after the noun (子项正在推进) starts what is said of it.
            || (k > 0 && NOW_WORDS.contains(&word.word))
            // 点/m in 体验点 is a noun; a numeral word ends the noun, and so does one in
            // Chinese numerals after it (敬老院一座).
            || (word.tag == "m"
                && (word.word.chars().any(|c| numerals::digit(c).is_some())
                    || k > 0 && word.word.starts_with(numerals::is_numeral)))
            || chars + word.word.chars().count() > 16;
        if stop {
            break;
        }
        end += word.word.len();
        chars += word.word.chars().count();
    }
    // An adjective alone (新 of 新进入…的女生) describes what comes later; it is no noun.
    if words
        .first()
        .is_some_and(|w| w.tag == "a" && w.word.len() == end)
    {
        return None;
    }
    let noun = after[..end].trim_end_matches(['“', '"']);
    // A note in brackets goes with the noun: 村(社区).
    let noted = (end > 0 && noun.len() == end)
        .then(|| bracketed(&after[end..]))
        .flatten();
    let noun = noted.map_or(noun, |len| &after[..end + len]);
    (!noun.is_empty()).then_some(noun)
}

/// The length of the short note in brackets that `text` opens with: (社区), （含托班）.
fn bracketed(text: &str) -> Option<usize> {
    const BRACKETS: &[char] = &[')', '）'];
    enclosed(text, &[('(', BRACKETS), ('（', BRACKETS)], 0..=6).map(|(_, len)| len)
}

/// The name in quotes or title marks that `text` opens with (“留守儿童之家”, 《百姓书屋》), if
/// it is a short name of Chinese words.
fn quoted_name(text: &str) -> Option<&str> {
    let marks: [(char, &[char]); 3] = [('“', &['”']), ('《', &['》']), ('「', &['」'])];
    enclosed(text, &marks, 2..=12).map(|(name, _)| name)
}

/// The Chinese words `text` opens with between one of `marks` (an opening mark and the marks
/// that close it), if there are `chars` of them: the words, and their length in bytes with
/// the marks.
fn enclosed<'a>(
    text: &'a str,
    marks: &[(char, &[char])],
    chars: RangeInclusive<usize>,
) -> Option<(&'a str, usize)> {
    let (open, closes) = marks.iter().find(|(open, _)| text.starts_with(*open))?;
    let inner = &text[open.len_utf8()..];
    let close = inner.find(*closes)?;
    let words = &inner[..close];
    let closing = inner[close..].chars().next().map_or(1, char::len_utf8);
    let fits = chars.contains(&words.chars().count()) && words.chars().all(is_han);
    fits.then_some((words, text.len() - inner.len() + close + closing))
}
