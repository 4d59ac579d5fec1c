//! Chinese terms to English: the site's `content/glossary.yaml` first, then a built-in lexicon
//! of common livelihood words (composition into a subject's English is in `english`).

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use serde::Serialize;

use super::text::Block;
use crate::model::GlossaryEntries;

/// The built-in lexicon, by subject area; a term is listed in one file only.
const BUILTIN: [&str; 3] = [
    include_str!("data/lexicon/core.tsv"),
    include_str!("data/lexicon/social.tsv"),
    include_str!("data/lexicon/economy.tsv"),
];

/// A word, or the beginning of longer words, or both.
#[derive(Debug, Clone, Copy)]
pub struct Entry<T> {
    pub word: Option<T>,
    /// A longer word begins with this one: a lookup that grows a word goes on.
    pub longer: bool,
}

impl<T> Entry<T> {
    pub fn word(word: T) -> Entry<T> {
        Entry {
            word: Some(word),
            longer: false,
        }
    }

    pub fn none() -> Entry<T> {
        Entry {
            word: None,
            longer: false,
        }
    }
}

/// Adds to `entries` (words) every beginning of two or more characters of a longer word, so
/// that growing a word one character at a time costs one lookup a step and stops where no
/// word goes on. `beginning(word, end)` is the word's first `end` bytes as a key.
fn mark_beginnings<K, T>(entries: &mut FxHashMap<K, Entry<T>>, beginning: impl Fn(&K, usize) -> K)
where
    K: AsRef<str> + std::hash::Hash + Eq,
    T: Copy,
{
    let beginnings: Vec<K> = entries
        .keys()
        .flat_map(|word| {
            let ends: Vec<usize> = word
                .as_ref()
                .char_indices()
                .skip(2)
                .map(|(i, _)| i)
                .collect();
            ends.into_iter()
                .map(|end| beginning(word, end))
                .collect::<Vec<_>>()
        })
        .collect();
    for key in beginnings {
        entries.entry(key).or_insert_with(Entry::none).longer = true;
    }
}

/// The site's glossary over the built-in lexicon: Chinese terms and their English.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    site: FxHashMap<String, String>,
    /// The terms of the site and the lexicon (the site's English where both have one), with
    /// the beginnings of longer terms.
    terms: FxHashMap<String, Entry<usize>>,
    /// The English of each term, by the index its entry holds.
    english: Vec<String>,
    /// Lexicon verbs whose English names the action (建设: construction), with the participle
    /// they take when they open a subject before their object (建设公园: parks built).
    participles: FxHashMap<String, String>,
}

impl Glossary {
    pub fn new(entries: &GlossaryEntries) -> Glossary {
        let lines: Vec<Vec<&str>> = BUILTIN
            .iter()
            .flat_map(|file| file.lines())
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
            .filter(|fields| fields.len() > 1)
            .collect();
        let mut english: BTreeMap<String, String> = lines
            .iter()
            .map(|fields| (fields[0].to_string(), fields[1].to_string()))
            .collect();
        let participles = lines
            .iter()
            .filter_map(|fields| Some((fields[0].to_string(), fields.get(2)?.to_string())))
            .collect();
        let site: FxHashMap<String, String> = entries
            .iter()
            .map(|(zh, entry)| (zh.clone(), entry.en.clone()))
            .collect();
        english.extend(site.iter().map(|(zh, en)| (zh.clone(), en.clone())));
        let mut terms: FxHashMap<String, Entry<usize>> = english
            .keys()
            .enumerate()
            .map(|(i, zh)| (zh.clone(), Entry::word(i)))
            .collect();
        mark_beginnings(&mut terms, |term, end| term[..end].to_string());
        Glossary {
            site,
            terms,
            english: english.into_values().collect(),
            participles,
        }
    }

    /// The participle of the lexicon verb `zh` where its English names the action.
    pub fn participle(&self, zh: &str) -> Option<&str> {
        self.participles.get(zh).map(String::as_str)
    }

    /// The site glossary's English for exactly `zh`.
    pub fn site_term(&self, zh: &str) -> Option<&str> {
        self.site.get(zh).map(String::as_str)
    }

    /// The English of the term `text` (empty for a function word), if it is one, and whether
    /// longer terms begin with it.
    pub fn entry(&self, text: &str) -> Entry<&str> {
        match self.terms.get(text) {
            Some(entry) => Entry {
                word: entry.word.map(|i| self.english[i].as_str()),
                longer: entry.longer,
            },
            None => Entry::none(),
        }
    }
}

/// Where a site glossary term occurs in a text: file offsets and the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermHit {
    pub start: usize,
    pub end: usize,
    pub term: String,
}

/// Finds the terms of the site glossary in text, longest first where terms overlap.
pub struct TermFinder {
    automaton: Option<AhoCorasick>,
    terms: Vec<String>,
}

impl TermFinder {
    pub fn new(entries: &GlossaryEntries) -> TermFinder {
        let terms: Vec<String> = entries.keys().cloned().collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&terms)
            .ok();
        TermFinder { automaton, terms }
    }

    /// The first occurrence of each term in `blocks`, in text order.
    pub fn first_occurrences(&self, blocks: &[Block]) -> Vec<TermHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut seen = BTreeSet::new();
        let mut hits = Vec::new();
        for block in blocks {
            for found in automaton.find_iter(&block.text) {
                let index = found.pattern().as_usize();
                if seen.insert(index) {
                    let (start, end) = block.file_range(found.start(), found.end());
                    hits.push(TermHit {
                        start,
                        end,
                        term: self.terms[index].clone(),
                    });
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GlossaryEntry;

    #[test]
    fn the_lexicon_lists_each_term_once() {
        let mut seen = std::collections::BTreeSet::new();
        for line in BUILTIN.iter().flat_map(|file| file.lines()) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (zh, en) = line.split_once('\t').unwrap_or((line, ""));
            assert!(
                zh.chars().any(super::super::text::is_han),
                "not a Chinese term: {line}"
            );
            assert!(en.split('\t').count() <= 2, "more than two tabs: {line}");
            assert!(seen.insert(zh), "listed twice: {zh}");
        }
    }

    #[test]
    fn site_entries_come_before_the_lexicon() {
        let mut entries = GlossaryEntries::new();
        entries.insert(
            "新增学位".into(),
            GlossaryEntry {
                en: "additional school places".into(),
                note_en: None,
                note_zh: None,
            },
        );
        let glossary = Glossary::new(&entries);
        let term = |zh: &str| glossary.entry(zh).word.map(str::to_string);
        assert_eq!(
            term("新增学位").as_deref(),
            Some("additional school places")
        );
        assert_eq!(term("人均").as_deref(), Some("per capita"));
        assert_eq!(term("的").as_deref(), Some(""));
        assert_eq!(term("龘"), None);
        assert!(glossary.entry("新增").longer);
    }

    #[test]
    fn first_occurrence_of_each_site_term_with_file_offsets() {
        let mut entries = GlossaryEntries::new();
        for term in ["医共体", "医共体建设", "双减"] {
            entries.insert(
                term.into(),
                GlossaryEntry {
                    en: term.into(),
                    note_en: None,
                    note_zh: None,
                },
            );
        }
        let body = "推进医共体建设，落实双减。\n\n医共体和双减。";
        let blocks = crate::analyze::text::markdown_blocks(body, 5);
        let hits = TermFinder::new(&entries).first_occurrences(&blocks);
        let terms: Vec<&str> = hits.iter().map(|h| h.term.as_str()).collect();
        assert_eq!(terms, ["医共体建设", "双减", "医共体"]);
        assert_eq!(&body[hits[0].start - 5..hits[0].end - 5], "医共体建设");
    }
}
