//! Search tokens, the same for the index and the query: Chinese in jieba's search mode (each
//! word and the dictionary words inside it), other words lowercased and stemmed with the
//! Snowball English stemmer. The browser segments a query against the index's own vocabulary,
//! so it finds exactly the terms this function produced.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::segment::jieba;
use super::text::is_han;

/// One token of a text: the term indexed, and for a stemmed word the word as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    pub term: &'t str,
    /// The lowercased word a stem came from (`hospitals` for `hospit`).
    pub word: Option<&'t str>,
}

/// Words too common to search for.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The terms of the non-Chinese words already seen, by lowercased word. Words repeat, and
/// the stemmer is the costly part of tokenising English: a cache per worker stems each word
/// once and keeps the term a token borrows.
#[derive(Debug, Default)]
pub struct Stems {
    terms: FxHashMap<String, Term>,
    lowercase: String,
}

#[derive(Debug)]
struct Term {
    term: String,
    /// False for a word kept as written (one with a digit, `5g`).
    stemmed: bool,
}

impl Stems {
    /// Every word stemmed, with its stem.
    pub fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms
            .iter()
            .filter(|(_, t)| t.stemmed)
            .map(|(word, t)| (word.as_str(), t.term.as_str()))
    }

    /// Adds the words another worker stemmed.
    pub fn merge(&mut self, other: Stems) {
        for (word, term) in other.terms {
            self.terms.entry(word).or_insert(term);
        }
    }

    /// The token of one run of letters and digits, or none for a stop word or a single
    /// character.
    fn token(&mut self, run: &str) -> Option<Token<'_>> {
        self.lowercase.clear();
        if run.is_ascii() {
            self.lowercase.push_str(run);
            self.lowercase.make_ascii_lowercase();
        } else {
            self.lowercase
                .extend(run.chars().flat_map(char::to_lowercase));
        }
        let word = self.lowercase.as_str();
        if STOP_WORDS.contains(&word) || word.chars().nth(1).is_none() {
            return None;
        }
        if !self.terms.contains_key(word) {
            let term = if word.chars().any(|c| c.is_ascii_digit()) {
                Term {
                    term: word.to_string(),
                    stemmed: false,
                }
            } else {
                Term {
                    term: stemmer().stem(word).into_owned(),
                    stemmed: true,
                }
            };
            self.terms.insert(word.to_string(), term);
        }
        let (word, term) = self.terms.get_key_value(self.lowercase.as_str())?;
        Some(Token {
            term: &term.term,
            word: term.stemmed.then_some(word.as_str()),
        })
    }
}

/// Calls `each` with the tokens of `text`, in order.
pub fn tokens(text: &str, stems: &mut Stems, mut each: impl FnMut(Token<'_>)) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let run_len = if is_han(c) {
            rest.find(|c: char| !is_han(c)).unwrap_or(rest.len())
        } else if c.is_alphanumeric() {
            rest.find(|c: char| !c.is_alphanumeric() || is_han(c))
                .unwrap_or(rest.len())
        } else {
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let (run, after) = rest.split_at(run_len);
        if is_han(c) {
            for word in jieba().cut_for_search(run, false) {
                each(Token {
                    term: word.word,
                    word: None,
                });
            }
        } else if let Some(token) = stems.token(run) {
            each(token);
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms and words of `text`.
    fn collect(text: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        tokens(text, &mut Stems::default(), |t| {
            out.push((t.term.to_string(), t.word.map(str::to_string)))
        });
        out
    }

    fn terms(text: &str) -> Vec<String> {
        collect(text).into_iter().map(|(term, _)| term).collect()
    }

    #[test]
    fn chinese_in_search_mode_finds_the_words_inside() {
        let t = terms("推进长期护理保险试点");
        assert!(
            t.contains(&"长期护理保险".to_string()) || t.contains(&"长期".to_string()),
            "{t:?}"
        );
        assert!(t.contains(&"护理".to_string()), "{t:?}");
        assert!(t.contains(&"试点".to_string()), "{t:?}");
    }

    #[test]
    fn english_is_lowercased_and_stemmed_without_stop_words() {
        let t = collect("The Hospitals of Banan");
        assert_eq!(terms("The Hospitals of Banan"), ["hospit", "banan"]);
        assert_eq!(t[0].1.as_deref(), Some("hospitals"));
        assert_eq!(terms("2025年 5G 1"), ["2025", "年", "5g"]);
    }
}
