//! The words around what a figure counts that are not part of it: place, time, scope and
//! frame words before it (荣昌区今年, 在教育方面), linking words after it (达, 控制在).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::analyze::dictionary::dictionary;
use crate::analyze::segment::jieba;
use crate::analyze::text::{first_chars, is_han};
use crate::analyze::words::{
    ADVERBS, COMMON_PLACE_NOUNS, FRAME_WORDS, LINK_WORDS, PREPOSITIONS, REACH_VERBS, SCOPE_WORDS,
    TARGET_MARKERS,
};

type Tag<'a> = jieba_rs::Tag<'a>;

/// Without the words at its end that only link it to the number (达, 为, 控制在, 分别达到).
pub(super) fn trim_links(mut text: &str) -> &str {
    text = text.trim_end_matches([' ', '、']);
    loop {
        // The longest link word the text ends with, looked up by length.
        let ends: Vec<usize> = text.char_indices().rev().take(4).map(|(i, _)| i).collect();
        let found = ends.iter().rev().map(|&at| &text[at..]).find(|link| {
            link.len() < text.len()
                && LINKS.contains(link)
                && !ends_a_word(&text[..text.len() - link.len()], link)
        });
        match found {
            Some(link) => text = text[..text.len() - link.len()].trim_end(),
            None => return text,
        }
    }
}

/// Word lists as sets, made once: the words that may open a phrase without being what is
/// counted, the words a phrase may be alone that leave it empty, and the linking words.
static LEAD_WORDS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    [SCOPE_WORDS, TARGET_MARKERS, ADVERBS]
        .concat()
        .into_iter()
        .collect()
});
pub(super) static FUNCTION_WORDS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    [PREPOSITIONS, SCOPE_WORDS, ADVERBS, LINK_WORDS]
        .concat()
        .into_iter()
        .collect()
});
static LINKS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| LINK_WORDS.iter().copied().collect());

/// Whether `link` ends a word begun before it (下达, 成为): then it does not link.
pub(super) fn ends_a_word(head: &str, link: &str) -> bool {
    let mut start = head.len();
    for _ in 0..2 {
        let Some(c) = head[..start].chars().next_back() else {
            return false;
        };
        start -= c.len_utf8();
        let word = [&head[start..], link].concat();
        if dictionary().get(&word).is_some_and(|s| !s.proper) {
            return true;
        }
    }
    false
}

/// The text after a heading run into it with a space (`十一、人口和社会保障 全年出生人口`):
/// Chinese prose puts no space between words.
fn after_heading(text: &str) -> &str {
    let mut spaced = text.char_indices().filter(|&(i, c)| {
        c.is_whitespace()
            && text[..i].chars().next_back().is_some_and(is_han)
            && text[i + c.len_utf8()..].chars().next().is_some_and(is_han)
    });
    spaced
        .next_back()
        .map_or(text, |(i, c)| &text[i + c.len_utf8()..])
}

/// Without what opens it but is not what is counted: list commas, scope, time and goal
/// words, adverbs, a place name, an `在…方面` frame.
pub(super) fn trim_lead(text: &str) -> &str {
    let mut text = after_heading(text);
    loop {
        text = strip_list_number(text.trim_start_matches(LEAD_MARKS));
        text = strip_frame(text);
        text = strip_time(text).trim_start_matches(LEAD_MARKS);
        // The words are segmented once; scope words and places are dropped one after another
        // (全县今年荣昌区…). Whole words only: 新 opens 新增 but is not a word of it.
        let words = jieba().tag(head(text), false);
        let mut k = 0;
        let mut dropped = 0;
        while let Some(word) = words.get(k) {
            // 新 is part of 新(改)建 (built or rebuilt), which jieba cannot keep whole as it
            // keeps 新改建 (userdict.txt).
            let rest = &text[dropped + word.word.len()..];
            let compound = word.word == "新" && rest.starts_with(['（', '(']);
            let listed = LEAD_WORDS.contains(word.word)
                && !compound
                && !describes_noun(word, words.get(k + 1));
            let taken = if listed { 1 } else { place_words(&words[k..]) };
            let len: usize = words[k..k + taken].iter().map(|w| w.word.len()).sum();
            if taken == 0 || dropped + len >= text.len() {
                break;
            }
            dropped += len;
            k += taken;
        }
        text = &text[dropped..];
        // 年底前: the edge of a time word dropped goes with it.
        if k > 0 && words[k - 1].tag == "t" {
            text = past_edge(text);
        }
        // A frame or a time word may stand after what was dropped: look again only then.
        let again = dropped > 0
            && (text.starts_with(LEAD_MARKS)
                || text.starts_with(|c: char| c.is_ascii_digit())
                || strip_frame(text).len() < text.len()
                || strip_time(text).len() < text.len());
        if !again {
            return text;
        }
    }
}

/// Whether a manner word (基本, 重点, 高标准) says what kind of thing the noun after it is
/// (基本医疗保险, 重点人群, 高标准农田) rather than how the verb after it is done (基本建成).
fn describes_noun(word: &Tag, next: Option<&Tag>) -> bool {
    let adjective = matches!(word.tag, "n" | "a" | "b") && word.word != "全部";
    adjective && ADVERBS.contains(&word.word) && next.is_some_and(|next| next.tag.starts_with('n'))
}

/// Without a five-year plan's period (“十二五”期间, 十四五以来) or a span of years (五年来).
fn strip_plan_period(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('“').unwrap_or(text);
    let mut chars = inner.chars();
    let plan = chars.next() == Some('十')
        && chars.next().is_some_and(|c| "一二三四五六".contains(c))
        && chars.next() == Some('五');
    let after = if plan {
        inner['十'.len_utf8() * 3..].trim_start_matches('”')
    } else {
        let years = inner
            .find(|c: char| !"一二三四五六七八九十两".contains(c))
            .filter(|&n| n > 0)?;
        let rest = &inner[years..];
        ["年来", "年间"].iter().find_map(|w| rest.strip_prefix(w))?
    };
    let after = ["期间", "时期", "以来", "末", "来"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    (!after.is_empty() && after.len() < text.len()).then_some(after)
}

/// Without the number of a list item it opens with: 三、, （八）, (2), 1., 二是.
fn strip_list_number(text: &str) -> &str {
    let open = text.strip_prefix(['（', '(']);
    let inner = open.unwrap_or(text);
    let digits = inner
        .find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
        .unwrap_or(inner.len());
    if digits == 0 || inner[..digits].chars().count() > 3 {
        return text;
    }
    let rest = &inner[digits..];
    let closes: &[&str] = if open.is_some() {
        &["）", ")"]
    } else {
        &["、", "．", ". ", "是"]
    };
    closes
        .iter()
        .find_map(|close| rest.strip_prefix(close))
        .filter(|after| !after.is_empty())
        .unwrap_or(text)
}

/// Marks that open a list item or a line: dropped from the front of a subject.
const LEAD_MARKS: [char; 8] = ['、', ' ', '，', ',', '■', '●', '▲', '—'];

/// The first characters of `text`, enough to segment its first words: segmenting a whole
/// sentence to look at its opening would cost as much as the rest of the analysis.
pub(super) fn head(text: &str) -> &str {
    first_chars(text, 16)
}

/// `在教育方面` and the like: a frame naming the field, not the thing counted.
fn strip_frame(text: &str) -> &str {
    for (open, close) in FRAME_WORDS {
        if let Some(rest) = text.strip_prefix(open) {
            if let Some(end) = rest.find(close).filter(|&e| e <= 30) {
                return &rest[end + close.len()..];
            }
        }
    }
    text
}

/// A year, a month or a time word at the start: 2025年, 1-6月, 上半年, 年末, 截至6月底.
pub(super) fn strip_time(text: &str) -> &str {
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(text.len());
    let rest = &text[digits..];
    if digits > 0 {
        for unit in [
            "年度", "年底", "年末", "年", "月底", "月份", "月末", "月", "日",
        ] {
            if let Some(after) = rest.strip_prefix(unit) {
                return past_edge(after);
            }
        }
        return text;
    }
    if let Some(after) = strip_plan_period(text) {
        return after;
    }
    for word in [
        "上半年",
        "下半年",
        "年末",
        "年底",
        "年初",
        "全年",
        "当年",
        "年内",
        "近年来",
        "今年以来",
        "去年以来",
        "年初以来",
        "这一年",
        "那一年",
        "上年同期",
        "去年同期",
        "上年度",
        "上年末",
        "去年底",
        "去年末",
        "去年",
        "上年",
        "前年",
        "今年",
    ] {
        if let Some(after) = text.strip_prefix(word) {
            return past_edge(after);
        }
    }
    text
}

/// `text` after the edge a time said before it ends with: 前 of 年底前, 以来 of 2020年以来.
fn past_edge(text: &str) -> &str {
    ["以前", "之前", "以来", "前", "起"]
        .iter()
        .find_map(|edge| text.strip_prefix(edge))
        .filter(|rest| !rest.starts_with(['期', '列', '沿']))
        .unwrap_or(text)
}

/// A place name at the start of a phrase that goes on: 荣昌区新增…, 晋江建设….
/// How many of `words` (at least one more follows) name a place: 0, 1 or 2 (荣昌 区).
fn place_words(words: &[Tag]) -> usize {
    if words.len() < 2 {
        return 0;
    }
    place_name(words, true)
}

/// The place name `text` opens with: 平安县 of 平安县9个村.
pub(super) fn leading_place(text: &str) -> &str {
    let words = jieba().tag(head(text), false);
    let taken = place_name(&words, false);
    &text[..words[..taken].iter().map(|w| w.word.len()).sum::<usize>()]
}

/// A phrase that is a place name alone: 平安县, 乐都区.
pub(super) fn is_place_name(text: &str) -> bool {
    let words = jieba().tag(text, false);
    !words.is_empty() && place_name(&words, false) == words.len()
}

/// Whether `word` is `noun` or a kind of it: 老旧小区 is a 小区, but 钢城区 (one character
/// before 城区) is a district's name.
fn is_kind_of(word: &str, noun: &str) -> bool {
    word == noun || word.ends_with(noun) && word.chars().count() >= noun.chars().count() + 2
}

/// How many of `words` name a place: 0, 1 or 2 (荣昌 区, when more follows if `more`).
fn place_name(words: &[Tag], more: bool) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    // 街道级 (at street level) names a level, not a place.
    if words.get(1).is_some_and(|w| w.word.starts_with('级')) {
        return 0;
    }
    let chars = first.word.chars().count();
    let admin = first
        .word
        .ends_with(['区', '县', '市', '省', '州', '镇', '乡', '旗', '盟'])
        || first.word.ends_with("街道");
    // jieba tags some common words as places (新建 is also a county, 惠及 a place), and
    // some longer ones end like one (建成区 is the built-up area): the dictionary and the
    // verbs of reach know.
    let only_a_name =
        dictionary().get(first.word).is_none_or(|s| s.proper) && !REACH_VERBS.contains(&first.word);
    let place = (first.tag == "ns" && chars >= 2 && only_a_name)
        || (admin
            && (chars == 2 || chars > 2 && only_a_name)
            && !COMMON_PLACE_NOUNS.iter().any(|n| is_kind_of(first.word, n)));
    // A name tagged otherwise, followed by the administrative character: 荣昌 区.
    let split_name = chars >= 2
        && (matches!(first.tag, "nr" | "nz" | "ns" | "d") || only_a_name)
        && words.get(1).is_some_and(|second| {
            second.word.len() == 3
                && ['区', '县', '市', '镇']
                    .iter()
                    .any(|c| second.word.starts_with(*c))
        })
        && words.len() > 1 + usize::from(more);
    if split_name {
        2
    } else {
        usize::from(place)
    }
}

/// What `text` says was done or held, without who did or held it: 婚姻登记机关共办理结婚登记
/// -> 办理结婚登记, 学校共有在校生 -> 在校生. 共 (in all) stands between the two.
pub(super) fn without_agent(text: &str) -> Option<&str> {
    // Most phrases have neither word, and segmenting every one would cost more than the rule.
    if !text.contains('共') && !text.contains("现有") {
        return None;
    }
    let words = jieba().tag(text, false);
    let at = words
        .iter()
        .position(|w| matches!(w.word, "共" | "共计" | "一共" | "共有" | "现有"))
        .filter(|&at| at > 0)?;
    let agent = words[..at]
        .iter()
        .all(|w| w.tag.starts_with('n') || matches!(w.tag, "l" | "j" | "r" | "s" | "b"));
    let start: usize = words[..=at].iter().map(|w| w.word.len()).sum();
    let rest = &text[start..];
    (agent && rest.chars().count() >= 2 && rest.chars().all(is_han)).then_some(rest)
}
