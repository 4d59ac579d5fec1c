//! The two languages of the atlas. Chinese is the language reports are written in; English is
//! the translation and fallback language.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// Accepts the codes people write for the language: `zh`, `zh-Hans`, `zh-CN`, `en`, `en-US`…
    pub fn parse(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase().replace('_', "-");
        match lower.as_str() {
            "zh" | "zh-hans" | "zh-cn" | "zh-hans-cn" | "cmn" | "cmn-hans" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// Short code used in paths, file suffixes (`.en.md`) and theme `i18n/<code>.toml`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// BCP 47 tag for `lang` and `hreflang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_chinese_codes() {
        for code in ["zh", "zh-Hans", "zh-CN", "zh_CN", "ZH-hans"] {
            assert_eq!(Lang::parse(code), Some(Lang::Zh), "{code}");
        }
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
