//! Place names in English: a place a subject opens with, in pinyin with its level where no
//! glossary or lexicon names it, and a dictionary's place name without where it lies.

use pinyin::ToPinyin;

use super::{English, Source};
use crate::analyze::dictionary::dictionary;
use crate::analyze::glossary::Glossary;
use crate::analyze::segment::jieba;
use crate::analyze::text::{first_chars, is_han};

impl Glossary {
    /// The place `zh` opens with (平安县, 乐都 区), by its length in bytes: its English from the
    /// glossary or the lexicon, else its name in pinyin and its level (Ping'an County).
    pub(super) fn leading_place(&self, zh: &str) -> Option<(usize, English)> {
        const LEVELS: [(&str, &str); 9] = [
            ("县", "County"),
            ("区", "District"),
            ("市", "City"),
            ("镇", "Town"),
            ("乡", "Township"),
            ("街道", "Subdistrict"),
            ("州", "Prefecture"),
            ("旗", "Banner"),
            ("省", "Province"),
        ];
        let head = first_chars(zh, 8);
        if !LEVELS.iter().any(|(level, _)| head.contains(level)) {
            return None;
        }
        let words = jieba().tag(head, false);
        let level_of = |word: &str| LEVELS.iter().find(|(level, _)| word.ends_with(level));
        // A name jieba does not know as one (循化 县) is a place when no dictionary knows it
        // as a word and a level follows it.
        let unknown_name = |word: &str| {
            word.chars().count() == 2
                && dictionary().get(word).is_none()
                && self.entry(word).word.is_none()
                && words
                    .get(1)
                    .is_some_and(|next| level_of(next.word).is_some())
        };
        let first = words
            .first()
            .filter(|w| matches!(w.tag, "ns" | "nr") || unknown_name(w.word))?;
        let (name, level, len) = match level_of(first.word) {
            Some((zh_level, en)) if first.word.len() > zh_level.len() => (
                &first.word[..first.word.len() - zh_level.len()],
                *en,
                first.word.len(),
            ),
            _ => {
                let next = words.get(1)?;
                let (_, en) = LEVELS.iter().find(|(level, _)| next.word == *level)?;
                (first.word, *en, first.word.len() + next.word.len())
            }
        };
        if !name.chars().all(is_han) || name.chars().count() > 4 {
            return None;
        }
        let known = self.site_term(&zh[..len]).or(self.entry(&zh[..len]).word);
        let english = match known {
            Some(en) => English {
                text: en.to_string(),
                source: Source::Lexicon,
            },
            None => English {
                text: format!("{} {level}", pinyin_name(name)),
                source: Source::Composed,
            },
        };
        Some((len, english))
    }
}

/// A Chinese name in pinyin as maps write it: 平安 -> Ping'an, 乐都 -> Ledu.
pub(super) fn pinyin_name(name: &str) -> String {
    let mut out = String::new();
    for (k, c) in name.chars().enumerate() {
        // Readings place names take where a character has several (成都, 重庆, 长沙, 厦门).
        let place_reading = [
            ('都', "du"),
            ('重', "chong"),
            ('长', "chang"),
            ('厦', "xia"),
        ];
        let syllable = match place_reading.iter().find(|(h, _)| *h == c) {
            Some((_, reading)) => reading,
            None => c.to_pinyin().map_or("", |p| p.plain()),
        };
        if k > 0 && syllable.starts_with(['a', 'o', 'e']) {
            out.push('\'');
        }
        out.push_str(syllable);
    }
    capitalised(&out)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A place's name as a label gives it, without where it lies: "Fengtai county in Huainan ,
/// Anhui" -> "Fengtai County", "Haidong prefecture, Qinghai" -> "Haidong Prefecture".
pub(super) fn proper_name(sense: &str) -> String {
    let name = sense.split(',').next().unwrap_or(sense);
    let name = [" in ", " of "]
        .iter()
        .fold(name, |name, at| name.split(at).next().unwrap_or(name));
    const LEVELS: [&str; 7] = [
        "county",
        "district",
        "city",
        "prefecture",
        "province",
        "town",
        "township",
    ];
    name.trim()
        .split(' ')
        .map(|word| match LEVELS.contains(&word) {
            true => capitalised(word),
            false => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
