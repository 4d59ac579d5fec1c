//! Text in Traditional characters is analysed as Simplified, so that the glossary, the lexicon
//! and the domain keywords work on it. The conversion keeps every character's place and byte
//! length, so offsets into the converted text are offsets into the text as written.

/// `text` in Simplified characters, or `None` when it has nothing to convert. A character
/// whose Simplified form is written with another number of bytes is kept as it is.
pub fn simplified(text: &str) -> Option<String> {
    if zhconv::is_hans(text) {
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
    fn traditional_text_becomes_simplified_in_place() {
        let written = "新增學位18.59萬個，建成托育服務機構1574家";
        let simple = simplified(written).unwrap();
        assert_eq!(simple, "新增学位18.59万个，建成托育服务机构1574家");
        assert_eq!(simple.len(), written.len());
        assert_eq!(simplified("新增学位1800个"), None);
    }
}
