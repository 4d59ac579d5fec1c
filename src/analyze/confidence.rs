//! How sure the extractor is of its reading of a figure, and why: a score in [0, 1] for the
//! editor's review (lowest first), with the grounds of each part of the reading.

use serde::Serialize;

use super::english::Source;

/// What one part of a figure's reading rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No subject was found: the figure has nothing to be called on a chart.
    NoSubject,
    /// A subject of under four characters: often a fragment (处, 任务) rather than a measure.
    ShortSubject,
    /// A bare number: no unit says what it counts.
    NoUnit,
    /// A row of a plain-text table: its label and the heading give subject and domain.
    TableRow,
    /// The domain is named by the subject's own words.
    DomainFromSubject,
    /// The domain is the one of the figure this one changes or is part of.
    DomainOfFigureBefore,
    /// The domain is named most by the figure's clause.
    DomainFromClause,
    /// The domain is named by most words of the neighbouring clauses.
    DomainFromNeighbours,
    /// A money or project word of the subject makes it governance.
    DomainFromMoneyWord,
    /// The domain is named most by the sentence.
    DomainFromSentence,
    /// The domain is named most by the section heading.
    DomainFromHeading,
    /// Nothing names a domain: governance by default.
    DomainByDefault,
    /// A target or achievement word before the figure in its paragraph.
    KindMarkedBefore,
    /// An achievement word after the figure in its clause.
    KindMarkedAfter,
    /// No marker: the section heading says target or achieved.
    KindFromHeading,
    /// No marker: the document's opening says target or achieved.
    KindFromDocument,
    /// The English subject is the site glossary's.
    EnglishFromGlossary,
    /// The English subject is composed from the glossary and the built-in lexicon.
    EnglishFromLexicon,
    /// The English subject is composed with words from the bilingual dictionary.
    EnglishComposed,
    /// An editor's `metrics:` entry corrects the figure.
    Corrected,
}

impl Reason {
    /// Every reason, in the order a figure's grounds are listed.
    const ALL: [Reason; 20] = [
        Reason::NoSubject,
        Reason::ShortSubject,
        Reason::NoUnit,
        Reason::TableRow,
        Reason::DomainFromSubject,
        Reason::DomainOfFigureBefore,
        Reason::DomainFromClause,
        Reason::DomainFromNeighbours,
        Reason::DomainFromMoneyWord,
        Reason::DomainFromSentence,
        Reason::DomainFromHeading,
        Reason::DomainByDefault,
        Reason::KindMarkedBefore,
        Reason::KindMarkedAfter,
        Reason::KindFromHeading,
        Reason::KindFromDocument,
        Reason::EnglishFromGlossary,
        Reason::EnglishFromLexicon,
        Reason::EnglishComposed,
        Reason::Corrected,
    ];

    fn bit(self) -> u32 {
        1 << self as u32
    }

    /// How far the reading is trusted on this ground alone (1 when it costs nothing). Most
    /// weights are the share of right readings on that ground in hand-annotated livelihood
    /// reports by other writers (22 texts, 587 figures), rounded; grounds seen fewer than ten
    /// times there keep a cautious guess.
    fn weight(self) -> f64 {
        match self {
            Reason::NoSubject => 0.3,
            Reason::ShortSubject => 0.45,
            Reason::NoUnit => 0.8,
            Reason::DomainFromNeighbours | Reason::DomainFromClause => 0.7,
            Reason::DomainFromHeading => 0.75,
            Reason::DomainOfFigureBefore => 0.8,
            Reason::DomainFromSubject
            | Reason::DomainFromSentence
            | Reason::DomainFromMoneyWord
            | Reason::DomainByDefault => 0.9,
            Reason::KindMarkedBefore => 0.94,
            Reason::KindFromHeading | Reason::KindMarkedAfter | Reason::TableRow => 0.95,
            Reason::KindFromDocument => 0.97,
            Reason::EnglishComposed => 0.75,
            Reason::EnglishFromLexicon => 0.85,
            Reason::EnglishFromGlossary | Reason::Corrected => 1.0,
        }
    }
}

/// The confidence of a figure's reading: the product of its grounds' weights, to two
/// decimals, and the grounds themselves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confidence {
    pub score: f64,
    pub reasons: Reasons,
}

/// A set of reasons, listed in the order of [`Reason::ALL`] (the order grounds are found in:
/// subject, unit, table, domain, kind, English). One word instead of a vector: an atlas keeps
/// a million figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reasons(u32);

impl Reasons {
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    pub fn contains(self, reason: Reason) -> bool {
        self.0 & reason.bit() != 0
    }
}

impl FromIterator<Reason> for Reasons {
    fn from_iter<I: IntoIterator<Item = Reason>>(reasons: I) -> Reasons {
        Reasons(reasons.into_iter().fold(0, |bits, r| bits | r.bit()))
    }
}

impl Serialize for Reasons {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Confidence {
    pub fn of(reasons: impl IntoIterator<Item = Reason>) -> Confidence {
        let reasons: Reasons = reasons.into_iter().collect();
        let score = reasons.iter().map(|r| r.weight()).product::<f64>();
        Confidence {
            score: (score * 100.0).round() / 100.0,
            reasons,
        }
    }

    /// An editor corrected or accepted the figure.
    pub fn reviewed(&self) -> bool {
        self.reasons.contains(Reason::Corrected)
    }

    /// An editor's correction: the figure is as the editor says.
    pub fn corrected() -> Confidence {
        Confidence::of([Reason::Corrected])
    }
}

/// The confidence of an extracted figure: its subject and unit, what decided its domain and
/// its kind (`grounds`), and where its English comes from.
pub fn of_reading(
    subject: &str,
    unit: &str,
    grounds: impl IntoIterator<Item = Reason>,
    english: Source,
) -> Confidence {
    let subject_ground = match subject.chars().count() {
        0 => Some(Reason::NoSubject),
        1..=3 => Some(Reason::ShortSubject),
        _ => None,
    };
    let unit_ground = unit.is_empty().then_some(Reason::NoUnit);
    let english_ground = match english {
        Source::Glossary => Reason::EnglishFromGlossary,
        Source::Lexicon => Reason::EnglishFromLexicon,
        Source::Composed => Reason::EnglishComposed,
    };
    Confidence::of(
        subject_ground
            .into_iter()
            .chain(unit_ground)
            .chain(grounds)
            .chain([english_ground]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firm_grounds_score_one_and_weak_ones_lower_it() {
        let firm = Confidence::of([Reason::TableRow, Reason::EnglishFromGlossary]);
        assert_eq!(firm.score, 0.95);
        let weak = Confidence::of([
            Reason::NoSubject,
            Reason::DomainByDefault,
            Reason::KindFromDocument,
            Reason::EnglishComposed,
        ]);
        assert!(weak.score > 0.0 && weak.score < 0.25, "{}", weak.score);
        let short = of_reading("处", "个", [Reason::DomainFromSubject], Source::Lexicon);
        assert_eq!(short.reasons.iter().next(), Some(Reason::ShortSubject));
        let named = of_reading(
            "新建幼儿园",
            "所",
            [Reason::DomainFromSubject],
            Source::Lexicon,
        );
        assert!(short.score < named.score);
        assert_eq!(Confidence::corrected().score, 1.0);
    }
}
