//! Past participles of English verbs, for labels of things done (built, renovated, set up).

/// Verbs and their past participles where the participle is not the verb + -ed.
pub(super) const IRREGULAR: &[(&str, &str)] = &[
    ("build", "built"),
    ("rebuild", "rebuilt"),
    ("make", "made"),
    ("set", "set"),
    ("put", "put"),
    ("cut", "cut"),
    ("hold", "held"),
    ("give", "given"),
    ("take", "taken"),
    ("pay", "paid"),
    ("lay", "laid"),
    ("lead", "led"),
    ("send", "sent"),
    ("spend", "spent"),
    ("bring", "brought"),
    ("buy", "bought"),
    ("win", "won"),
    ("do", "done"),
    ("grow", "grown"),
    ("run", "run"),
    ("open", "opened"),
    ("begin", "begun"),
    ("draw", "drawn"),
    ("found", "founded"),
    ("have", "had"),
    ("find", "found"),
    ("keep", "kept"),
    ("feed", "fed"),
    ("meet", "met"),
    ("sell", "sold"),
    ("get", "got"),
    ("lend", "lent"),
    ("teach", "taught"),
    ("show", "shown"),
    ("write", "written"),
    ("choose", "chosen"),
    ("break", "broken"),
    ("undertake", "undertaken"),
    ("overcome", "overcome"),
    ("spread", "spread"),
    ("go", "gone"),
    ("come", "come"),
    ("become", "become"),
    ("see", "seen"),
    ("know", "known"),
    ("rise", "risen"),
    ("fall", "fallen"),
    ("seek", "sought"),
    ("hear", "heard"),
    ("tell", "told"),
    ("say", "said"),
    ("stand", "stood"),
    ("understand", "understood"),
    ("leave", "left"),
    ("lose", "lost"),
    ("drive", "driven"),
    ("ride", "ridden"),
    ("eat", "eaten"),
    ("sleep", "slept"),
    ("fight", "fought"),
    ("catch", "caught"),
    ("think", "thought"),
    ("light", "lit"),
    ("shoot", "shot"),
    ("hang", "hung"),
    ("dig", "dug"),
    ("strike", "struck"),
    ("bind", "bound"),
    ("speak", "spoken"),
    ("wear", "worn"),
    ("forget", "forgotten"),
    ("freeze", "frozen"),
    ("withdraw", "withdrawn"),
    ("broadcast", "broadcast"),
    ("forecast", "forecast"),
    ("hit", "hit"),
    ("hurt", "hurt"),
    ("let", "let"),
    ("shut", "shut"),
    ("split", "split"),
    ("upset", "upset"),
    ("cost", "cost"),
    ("feel", "felt"),
    ("deal", "dealt"),
    ("mean", "meant"),
    ("sweep", "swept"),
    ("weep", "wept"),
    ("arise", "arisen"),
    ("undergo", "undergone"),
    ("oversee", "overseen"),
    ("rewrite", "rewritten"),
    ("rerun", "rerun"),
    ("reset", "reset"),
    ("offset", "offset"),
    ("outdo", "outdone"),
];

/// Verbs of two syllables stressed on the last, which double their last consonant like
/// words of one (admitted, equipped).
const STRESSED_LAST: &[&str] = &[
    "admit", "commit", "submit", "permit", "equip", "control", "patrol", "enrol", "transfer",
    "refer", "confer", "occur", "retrofit", "regret", "compel", "expel",
];

/// "plan" -> "plann": a final consonant after a single vowel doubles before -ed in a word of
/// one syllable (plan, stop, ship) or in one stressed on its last (admit, equip).
fn doubled(head: &str) -> bool {
    // The u of qu is a consonant: equip.
    let letters: Vec<char> = head.replace("qu", "qw").chars().collect();
    let vowel = |c: char| "aeiou".contains(c);
    let [.., a, b, c] = letters[..] else {
        return false;
    };
    let cvc = !vowel(a) && vowel(b) && !vowel(c) && !"wxy".contains(c);
    let syllables = letters
        .windows(2)
        .filter(|w| vowel(w[1]) && !vowel(w[0]))
        .count()
        + usize::from(vowel(letters[0]));
    cvc && (syllables == 1 || STRESSED_LAST.contains(&head))
}

/// "build" -> "built", "renovate" -> "renovated", "set up" -> "set up", "be born" -> "born".
pub(super) fn participle(verb: &str) -> String {
    if let Some(state) = verb.strip_prefix("be ") {
        return state.to_string();
    }
    let (head, rest) = verb.split_once(' ').unwrap_or((verb, ""));
    // An adverb before the verb stays as it is: "officially launch" -> "officially launched".
    let adverb = head.ends_with("ly")
        && !head.ends_with("ply")
        && !["fly", "rely", "ally", "rally", "tally", "bully"].contains(&head);
    if adverb && !rest.is_empty() {
        return format!("{head} {}", participle(rest));
    }
    let done = match IRREGULAR.iter().find(|(v, _)| *v == head) {
        Some((_, p)) => p.to_string(),
        None if head.ends_with('e') => format!("{head}d"),
        None if doubled(head) => format!("{head}{}ed", &head[head.len() - 1..]),
        None if head.ends_with('y') && !head.ends_with(['a', 'e', 'o', 'u']) => {
            format!("{}ied", &head[..head.len() - 1])
        }
        None => format!("{head}ed"),
    };
    if rest.is_empty() {
        done
    } else {
        format!("{done} {rest}")
    }
}
