//! Search tokens, the same for the index and the query: Chinese in jieba's search mode (each
//! word and the dictionary words inside it), other words lowercased and stemmed with the
//! Snowball English stemmer. The browser segments a query against the index's own vocabulary,
//! so it finds exactly the terms this function produced.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::glossary::is_han;
use super::segment::jieba;

/// One token of a text: the term indexed, and for a stemmed word the word as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// The lowercased word a stem came from (`hospitals` for `hospit`).
    pub word: Option<String>,
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

/// Stems already worked out. English words repeat, and the stemmer is the costly part of
/// tokenising English: a cache per worker makes each word's stem once.
#[derive(Debug, Default)]
pub struct Stems(HashMap<String, String>);

impl Stems {
    fn stem(&mut self, word: &str) -> String {
        if let Some(stem) = self.0.get(word) {
            return stem.clone();
        }
        let stem = stemmer().stem(word).into_owned();
        self.0.insert(word.to_string(), stem.clone());
        stem
    }
}

/// The tokens of `text`, in order.
pub fn tokens(text: &str, stems: &mut Stems) -> Vec<Token> {
    let mut out = Vec::new();
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
            han_tokens(run, &mut out);
        } else {
            word_token(run, stems, &mut out);
        }
        rest = after;
    }
    out
}

fn han_tokens(run: &str, out: &mut Vec<Token>) {
    for word in jieba().cut_for_search(run, false) {
        out.push(Token {
            term: word.word.to_string(),
            word: None,
        });
    }
}

fn word_token(run: &str, stems: &mut Stems, out: &mut Vec<Token>) {
    let word = run.to_lowercase();
    if STOP_WORDS.contains(&word.as_str()) || word.chars().count() < 2 {
        return;
    }
    if word.chars().any(|c| c.is_ascii_digit()) {
        out.push(Token {
            term: word,
            word: None,
        });
        return;
    }
    let stem = stems.stem(&word);
    out.push(Token {
        term: stem,
        word: Some(word),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text, &mut Stems::default())
            .into_iter()
            .map(|t| t.term)
            .collect()
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
        let t = tokens("The Hospitals of Banan", &mut Stems::default());
        let stems: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(stems, ["hospit", "banan"]);
        assert_eq!(t[0].word.as_deref(), Some("hospitals"));
        assert_eq!(terms("2025年 5G 1"), ["2025", "年", "5g"]);
    }
}
