//! A noun that modifies another is singular in English (road traffic accidents, service
//! institution beds), though the lexicon gives most nouns in the plural, as labels of things
//! counted (道路: roads).

/// Plurals that name one thing or keep their -s before a noun (sports venues, civil affairs
/// bureau).
const KEPT: &[&str] = &[
    "affairs",
    "arts",
    "arms",
    "clothes",
    "earnings",
    "economics",
    "goods",
    "headquarters",
    "means",
    "news",
    "premises",
    "savings",
    "series",
    "species",
    "sports",
    "statistics",
    "works",
    "politics",
    "logistics",
    "electronics",
    "physics",
    "mathematics",
    // Diseases named in the plural.
    "diabetes",
    "measles",
    "mumps",
    "rabies",
    "rickets",
];

/// Plurals of nouns in -us, which take -es (most words in -uses are nouns in -use: houses).
const US_PLURALS: &[&str] = &["buses", "campuses", "bonuses", "viruses", "censuses"];

/// Verbs of what people do, as the lexicon gives them.
const DOING: &[&str] = &[
    "receiving",
    "participating",
    "enjoying",
    "taking",
    "getting",
    "using",
    "living",
    "moving",
    "having",
    "working",
    "seeking",
];

/// Words that open a phrase which is no noun modified by the gloss before it.
const OPENERS: &[&str] = &[
    "and", "or", "of", "for", "in", "on", "at", "to", "with", "without", "by", "from", "per",
    "aged", "under", "over", "not", "who", "whose",
];

/// Each gloss whose last word is a plural noun followed by another noun, with that word made
/// singular: roads + traffic accidents -> road traffic accidents. `modified[k]` says whether
/// gloss `k` may be a noun modified by the one before it.
pub(super) fn singular_modifiers(glosses: &mut [String], modified: &[bool]) {
    for k in 1..glosses.len() {
        // A verb after the plural says what its things did (residents moved into new homes,
        // residents receiving …).
        let modifies = modified.get(k).copied().unwrap_or(false)
            && glosses[k].split(' ').next().is_some_and(|first| {
                first.starts_with(char::is_alphabetic)
                    && !OPENERS.contains(&first)
                    && !DOING.contains(&first)
                    && !super::is_participle(first)
            });
        // Residents per capita income: whose income it is.
        if glosses[k].starts_with("per capita") && glosses[k - 1].ends_with('s') {
            glosses[k - 1].push('\'');
            continue;
        }
        // A plural inside a phrase of its own (people with disabilities, all kinds of
        // institutions) is its complement, not a modifier.
        if !modifies || glosses[k - 1].split(' ').any(|w| OPENERS.contains(&w)) {
            continue;
        }
        let gloss = &glosses[k - 1];
        let last = gloss.rsplit(' ').next().unwrap_or(gloss);
        if let Some(one) = singular(last) {
            let kept = gloss.len() - last.len();
            glosses[k - 1] = [&gloss[..kept], &one].concat();
        }
    }
}

/// The singular of a regular English plural, or none for a word that is not one.
pub(super) fn singular(word: &str) -> Option<String> {
    let lower = !word.starts_with(char::is_uppercase);
    let plural = word.len() > 3
        && lower
        && word.ends_with('s')
        && !["ss", "us", "is", "ics", "ous", "ves"]
            .iter()
            .any(|e| word.ends_with(e))
        && !KEPT.contains(&word);
    if !plural {
        return None;
    }
    let stem = if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["ches", "shes", "xes", "sses", "zes"]
        .iter()
        .any(|e| word.ends_with(e))
        || US_PLURALS.contains(&word)
    {
        word[..word.len() - 2].to_string()
    } else {
        word[..word.len() - 1].to_string()
    };
    Some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(glosses: &[&str]) -> String {
        let mut glosses: Vec<String> = glosses.iter().map(|g| g.to_string()).collect();
        let modified = vec![true; glosses.len()];
        singular_modifiers(&mut glosses, &modified);
        glosses.join(" ")
    }

    #[test]
    fn a_plural_before_a_noun_is_made_singular() {
        assert_eq!(
            joined(&["roads", "traffic accidents"]),
            "road traffic accidents"
        );
        assert_eq!(
            joined(&["elderly care", "services", "institutions", "beds"]),
            "elderly care service institution beds"
        );
        assert_eq!(joined(&["facilities", "upkeep"]), "facility upkeep");
        assert_eq!(joined(&["churches", "roofs"]), "church roofs");
    }

    #[test]
    fn a_plural_stays_before_a_verb_a_phrase_or_at_the_end() {
        assert_eq!(joined(&["roads", "built"]), "roads built");
        assert_eq!(
            joined(&["people with disabilities", "rehabilitation"]),
            "people with disabilities rehabilitation"
        );
        assert_eq!(joined(&["sports", "venues"]), "sports venues");
        assert_eq!(joined(&["diabetes", "patients"]), "diabetes patients");
        // Whose an amount per head is.
        assert_eq!(
            joined(&["urban residents", "per capita disposable income"]),
            "urban residents' per capita disposable income"
        );
        assert_eq!(joined(&["bus", "routes"]), "bus routes");
        assert_eq!(joined(&["buses", "stops"]), "bus stops");
        assert_eq!(joined(&["houses", "roofs"]), "house roofs");
        assert_eq!(
            joined(&["hospitals", "and clinics"]),
            "hospitals and clinics"
        );
        assert_eq!(joined(&["new", "hospitals"]), "new hospitals");
        assert_eq!(
            joined(&["residents", "moved into new homes"]),
            "residents moved into new homes"
        );
        assert_eq!(
            joined(&["residents", "receiving minimum living allowance"]),
            "residents receiving minimum living allowance"
        );
    }
}
