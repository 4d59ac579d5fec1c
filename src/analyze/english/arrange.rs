//! The glosses of a subject's words put in English order.

use pinyin::ToPinyin;

use super::modifier::singular_modifiers;
use super::names::proper_name;
use super::participle::participle;
use super::{base_verb, is_participle, plain, Word};
use crate::analyze::dictionary::verb;

/// The English of the words in English order: a leading `per …` base goes last, a leading
/// verb follows its object as a participle ("建设公园" -> "parks built", 建成老年食堂 ->
/// "senior canteens built").
pub(super) fn arrange(words: &[(Word, &str)]) -> String {
    let mut glosses: Vec<String> = Vec::new();
    let content = words
        .iter()
        .filter(|(w, _)| !matches!(w, Word::Known("")))
        .count();
    let head = words
        .iter()
        .rposition(|(w, _)| !matches!(w, Word::Known("")));
    let mut trailing: Vec<String> = Vec::new();
    let mut verbs: Vec<&str> = Vec::new();
    let mut open = false;
    // Per gloss, whether it follows a lexicon gloss with no word left out between them (a
    // list's 、, 的): only such a gloss is a noun the one before it can modify.
    let mut modified: Vec<bool> = Vec::new();
    let mut after_known = false;
    // The glosses that follow a list's 、, and whether one is owed.
    let mut list_items: Vec<usize> = Vec::new();
    let mut listed = false;
    for (k, &(word, zh)) in words.iter().enumerate() {
        let first = glosses.is_empty() && trailing.is_empty();
        let gloss = match word {
            // A note in brackets: the bracket goes on the gloss inside it.
            Word::AsWritten("(" | "（") => {
                open = true;
                continue;
            }
            // A bracket around nothing given in English ((改)建学校) is left out.
            Word::AsWritten(")" | "）") => {
                if let Some(last) = glosses.last_mut().filter(|_| !open) {
                    last.push(')');
                }
                open = false;
                continue;
            }
            // 每生每学期…: each leading base goes last, in its order.
            Word::Known(en) if glosses.is_empty() && en.starts_with("per ") && content > 1 => {
                trailing.push(en.to_string());
                continue;
            }
            Word::Verb(en) => {
                verbs.push(en);
                continue;
            }
            Word::Known(en) => en.to_string(),
            Word::AsWritten(text) => text.to_string(),
            Word::Unknown(c) => c
                .to_pinyin()
                .map_or_else(|| c.to_string(), |p| p.plain().to_string()),
            Word::Dictionary(senses) if senses.proper => proper_name(senses.first()),
            Word::Dictionary(senses) if Some(k) == head => plain(senses.noun()),
            Word::Dictionary(senses)
                if first && content > 1 && senses.first().starts_with("to ") =>
            {
                trailing.insert(0, participle(&plain(verb(senses.first()))));
                continue;
            }
            Word::Dictionary(senses) => plain(verb(senses.first())),
        };
        // 医疗保险 + 参保率: medical insurance coverage rate, the shared word once.
        let shared = glosses
            .last()
            .and_then(|last| last.rsplit(' ').next())
            .and_then(|word| gloss.strip_prefix(word))
            .and_then(|rest| rest.strip_prefix(' '))
            .map(str::to_string);
        let gloss = shared.unwrap_or(gloss);
        if gloss.is_empty() {
            after_known = false;
            // A list's 、 between two glosses of words (not 老、旧): they are joined in
            // English.
            let word_before = k.checked_sub(1).and_then(|j| words.get(j));
            listed = zh == "、"
                && !glosses.is_empty()
                && word_before.is_some_and(|(_, before)| before.chars().count() >= 2);
        } else if glosses.last() != Some(&gloss) {
            if std::mem::take(&mut listed) {
                list_items.push(glosses.len());
            }
            // 薄弱学校持续改善: a verb after the things says what they do.
            modified.push(after_known && !base_verb(zh, &gloss));
            after_known = matches!(word, Word::Known(_));
            glosses.push(if std::mem::take(&mut open) {
                format!("({gloss}")
            } else {
                gloss
            });
        }
    }
    // 中小学、幼儿园、卫生院: primary and secondary schools, kindergartens and clinics.
    if let Some((&last, rest)) = list_items.split_last() {
        for &k in rest {
            glosses[k - 1].push(',');
        }
        glosses[last].insert_str(0, "and ");
    }
    // 完成老旧小区改造: the object's own verb says what was done; else the opening verb
    // follows its object (建成老年食堂 -> senior canteens built).
    let ends_done = glosses.last().is_some_and(|g| is_participle(g));
    let done = verbs.join(" and ");
    if !done.is_empty() && !ends_done && !glosses.is_empty() {
        trailing.insert(0, done);
    } else if glosses.is_empty() && !done.is_empty() {
        glosses.push(done);
    }
    singular_modifiers(&mut glosses, &modified);
    glosses.extend(trailing);
    glosses.join(" ")
}
