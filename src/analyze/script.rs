//! Text in Traditional characters is analysed as Simplified, so that the glossary, the lexicon
//! and the domain keywords work on it. The conversion keeps every character's place and byte
//! length, so offsets into the converted text are offsets into the text as written.

/// Characters common in Traditional text that Simplified text never has, sorted: a paragraph
/// in Traditional characters holds some of them, so one without any is left as it is, cheaply.
const TRADITIONAL: &[char] = &[
    '並', '來', '侖', '個', '們', '備', '僅', '億', '兒', '兩', '創', '劃', '動', '務', '勞', '區',
    '協', '員', '問', '國', '園', '圓', '場', '學', '實', '將', '專', '對', '導', '屆', '層', '屬',
    '師', '幣', '幾', '廣', '廳', '張', '後', '從', '愛', '應', '據', '攝', '數', '於', '時', '會',
    '條', '業', '極', '構', '樹', '歲', '歷', '決', '為', '無', '營', '現', '環', '產', '當', '療',
    '發', '節', '築', '級', '絡', '經', '網', '線', '縣', '總', '義', '與', '興', '舉', '華', '萬',
    '處', '號', '衛', '裏', '補', '計', '設', '該', '認', '說', '調', '論', '證', '識', '議', '護',
    '讓', '費', '貼', '資', '質', '車', '農', '這', '進', '運', '過', '達', '選', '還', '邊', '鄉',
    '醫', '錢', '鎮', '鐘', '長', '開', '關', '際', '險', '雖', '電', '響', '項', '題', '養', '體',
    '點',
];

/// `text` in Simplified characters, or `None` when it has nothing to convert. A character
/// whose Simplified form is written with another number of bytes is kept as it is.
pub fn simplified(text: &str) -> Option<String> {
    let han = |c: &char| *c >= '\u{4e00}';
    if !text
        .chars()
        .filter(han)
        .any(|c| TRADITIONAL.binary_search(&c).is_ok())
    {
        return None;
    }
    let converted = zhconv::zhconv(text, zhconv::Variant::ZhHans);
    if converted == text || converted.chars().count() != text.chars().count() {
        return None;
    }
    Some(
        text.chars()
            .zip(converted.chars())
            .map(|(written, simple)| {
                if written.len_utf8() == simple.len_utf8() {
                    simple
                } else {
                    written
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_traditional_characters_are_sorted() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn traditional_text_becomes_simplified_in_place() {
        let written = "新增學位18.59萬個，建成托育服務機構1574家";
        let simple = simplified(written).unwrap();
        assert_eq!(simple, "新增学位18.59万个，建成托育服务机构1574家");
        assert_eq!(simple.len(), written.len());
        assert_eq!(simplified("新增学位1800个"), None);
    }
}
