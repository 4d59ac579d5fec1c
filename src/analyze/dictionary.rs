//! A bilingual dictionary for the words that neither a site's glossary nor the built-in
//! lexicon knows: CC-CEDICT (CC BY-SA 4.0, see `data/CEDICT-LICENSE`), as `data/cedict.tsv`,
//! part of the binary and read once per process.

use std::sync::OnceLock;

use fst::raw::Output;
use fst::Map;

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

    /// The sense that names a thing: the first that is neither a verb (`to …`) nor a
    /// measure word's use (`classifier for …`), else the first verb without its `to`, else
    /// what the measure word counts (辆: "classifier for vehicles" -> "vehicles").
    pub fn noun(self) -> &'static str {
        const CLASSIFIER: &str = "classifier";
        self.all()
            .find(|s| !s.starts_with("to ") && !s.starts_with(CLASSIFIER))
            .or_else(|| self.all().find(|s| s.starts_with("to ")).map(verb))
            .unwrap_or_else(|| {
                let first = self.first();
                first.strip_prefix("classifier for ").unwrap_or(first)
            })
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
    /// Each word's index in `senses`, as a finite-state transducer: a text is walked once
    /// from a position to find every word starting there, in a structure small enough to
    /// stay in the processor's cache.
    words: Map<Vec<u8>>,
    senses: Vec<Senses>,
}

impl Dictionary {
    pub fn get(&self, word: &str) -> Option<Senses> {
        let index = self.words.get(word)?;
        self.senses.get(usize::try_from(index).ok()?).copied()
    }

    /// Every word that `text` starts with: its end (in bytes) and its senses, shortest first.
    pub fn words_from<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, Senses)> + 't {
        let fst = self.words.as_fst();
        let mut node = fst.root();
        let mut output = Output::zero();
        let mut bytes = text.bytes().enumerate();
        std::iter::from_fn(move || {
            for (i, byte) in bytes.by_ref() {
                let transition = node.find_input(byte).map(|t| node.transition(t))?;
                output = output.cat(transition.out);
                node = fst.node(transition.addr);
                let end = i + 1;
                if node.is_final() && text.is_char_boundary(end) {
                    let index = output.cat(node.final_output()).value();
                    let senses = self.senses.get(usize::try_from(index).ok()?)?;
                    return Some((end, *senses));
                }
            }
            None
        })
    }
}

/// The process-wide dictionary (read-only after its first use).
pub fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| {
        // The file lists each word once, in byte order, as the transducer is built.
        let words: Vec<(&str, Senses)> = DATA
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(zh, senses)| {
                let proper = senses.starts_with('*');
                let senses = senses.trim_start_matches('*');
                (zh, Senses { proper, senses })
            })
            .collect();
        let indexed = words
            .iter()
            .enumerate()
            .map(|(i, (word, _))| (*word, i as u64));
        let map = Map::from_iter(indexed).unwrap_or_default();
        Dictionary {
            words: map,
            senses: words.into_iter().map(|(_, senses)| senses).collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_in_byte_order_with_each_word_once() {
        let words: Vec<&str> = DATA
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(w, _)| w))
            .collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(dictionary().senses.len(), words.len());
    }

    #[test]
    fn every_sense_is_english_a_reader_can_use() {
        // Notes whose object was cut with the brackets ("abbr. to", "Taiwan pr") are not senses.
        let notes = ["abbr. ", "Taiwan pr", "variant", "see ", "CL:", "erhua"];
        let bad: Vec<&str> = dictionary()
            .senses
            .iter()
            .flat_map(|s| s.all())
            .filter(|sense| sense.is_empty() || notes.iter().any(|n| sense.starts_with(n)))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn words_have_senses_and_nouns_are_preferred_for_things() {
        let d = dictionary();
        assert_eq!(d.get("收入").map(Senses::noun), Some("income"));
        assert_eq!(d.get("增长").map(Senses::noun), Some("grow"));
        assert_eq!(d.get("床位").map(Senses::first), Some("bed"));
        // A measure word's use is not a thing: 付 (to pay; classifier for pairs) is "pay".
        assert_eq!(d.get("付").map(Senses::noun), Some("pay"));
        assert_eq!(d.get("辆").map(Senses::noun), Some("vehicles"));
        assert!(d.get("龘龘龘").is_none());
        let ends: Vec<usize> = d.words_from("可支配收入高").map(|(end, _)| end).collect();
        assert!(
            ends.contains(&"可".len()) && ends.contains(&"可支配收入".len()),
            "{ends:?}"
        );
    }
}
