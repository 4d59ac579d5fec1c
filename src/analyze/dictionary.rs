//! A bilingual dictionary for the words that neither a site's glossary nor the built-in
//! lexicon knows: CC-CEDICT (CC BY-SA 4.0, see `data/CEDICT-LICENSE`), as `data/cedict.tsv`,
//! part of the binary and read once per process.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const DATA: &str = include_str!("data/cedict.tsv");

/// The English senses of a word, most common first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Senses {
    /// A place or person name rather than a common word.
    pub proper: bool,
    senses: &'static str,
}

impl Senses {
    pub fn all(self) -> impl Iterator<Item = &'static str> {
        self.senses.split('|')
    }

    /// The sense that names a thing: the first that is not a verb (`to …`), else the first
    /// verb without its `to`.
    pub fn noun(self) -> &'static str {
        self.all()
            .find(|s| !s.starts_with("to "))
            .unwrap_or_else(|| verb(self.first()))
    }

    pub fn first(self) -> &'static str {
        self.all().next().unwrap_or_default()
    }
}

/// A verb sense without its `to`: "to build" -> "build".
pub fn verb(sense: &str) -> &str {
    sense.strip_prefix("to ").unwrap_or(sense)
}

pub struct Dictionary {
    words: FxHashMap<&'static str, Senses>,
    /// Characters of the longest word.
    pub longest: usize,
}

impl Dictionary {
    pub fn get(&self, word: &str) -> Option<Senses> {
        self.words.get(word).copied()
    }
}

/// The process-wide dictionary (read-only after its first use).
pub fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| {
        let words: FxHashMap<&str, Senses> = DATA
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(zh, senses)| {
                let proper = senses.starts_with('*');
                let senses = senses.trim_start_matches('*');
                (zh, Senses { proper, senses })
            })
            .collect();
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(1);
        Dictionary { words, longest }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_senses_and_nouns_are_preferred_for_things() {
        let d = dictionary();
        assert_eq!(d.get("收入").map(Senses::noun), Some("income"));
        assert_eq!(d.get("增长").map(Senses::noun), Some("grow"));
        assert_eq!(d.get("床位").map(Senses::first), Some("bed"));
        assert!(d.get("龘龘龘").is_none());
        assert!(d.longest >= 4);
    }
}
