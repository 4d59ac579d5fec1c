//! Chinese terms to English: the site's `content/glossary.yaml` first, then a built-in lexicon
//! of common livelihood words (composition into a subject's English is in `english`).

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::english::Source;
use super::metrics::Metric;
use super::text::Block;

const BUILTIN: &str = include_str!("data/terms.tsv");

/// One entry of `content/glossary.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub en: String,
    pub note_en: Option<String>,
    pub note_zh: Option<String>,
}

pub type GlossaryEntries = BTreeMap<String, GlossaryEntry>;

/// The site's glossary over the built-in lexicon: Chinese terms and their English.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    site: FxHashMap<String, String>,
    lexicon: FxHashMap<&'static str, &'static str>,
    /// Characters of the longest term of either.
    longest: usize,
}

impl Glossary {
    pub fn new(entries: &GlossaryEntries) -> Glossary {
        let lexicon: FxHashMap<&str, &str> = BUILTIN
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(zh, en)| (zh.trim(), en.trim()))
            .collect();
        let site: FxHashMap<String, String> = entries
            .iter()
            .map(|(zh, entry)| (zh.clone(), entry.en.clone()))
            .collect();
        let longest = lexicon
            .keys()
            .copied()
            .chain(site.keys().map(String::as_str))
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        Glossary {
            site,
            lexicon,
            longest,
        }
    }

    /// The site glossary's English for exactly `zh`.
    pub fn site_term(&self, zh: &str) -> Option<&str> {
        self.site.get(zh).map(String::as_str)
    }

    /// The English of the term `zh`: the site's glossary first, then the lexicon. Empty for a
    /// function word.
    pub fn term(&self, zh: &str) -> Option<&str> {
        self.site_term(zh).or_else(|| self.lexicon.get(zh).copied())
    }

    pub fn longest_term(&self) -> usize {
        self.longest
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

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Chinese metric subjects whose English was composed from the dictionary rather than taken
/// from the glossary or lexicon, most frequent first (then by subject): the glossary's to-do
/// list.
pub fn untranslated_subjects<'a>(
    metrics: impl IntoIterator<Item = &'a Metric>,
) -> Vec<(&'a str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in metrics
        .into_iter()
        .filter(|m| m.subject_en_source == Source::Composed && !m.subject.is_empty())
    {
        *counts.entry(&m.subject).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(glossary.term("新增学位"), Some("additional school places"));
        assert_eq!(glossary.term("人均"), Some("per capita"));
        assert_eq!(glossary.term("的"), Some(""));
        assert_eq!(glossary.term("龘"), None);
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
