//! The front matter an imported report starts with, its placeholders marked `# TODO`.

use chrono::NaiveDate;

use crate::model::Domain;

/// What the front matter says.
pub(super) struct Meta<'a> {
    pub(super) title: &'a str,
    pub(super) title_en: String,
    pub(super) date: NaiveDate,
    pub(super) date_from_text: bool,
    pub(super) source: Option<&'a str>,
    pub(super) summary: String,
    pub(super) domains: Vec<Domain>,
    pub(super) bylines: Vec<String>,
    pub(super) captions: Vec<String>,
}

impl Meta<'_> {
    pub(super) fn yaml(&self) -> String {
        let date_note = if self.date_from_text {
            "  # TODO: the first date in the text; check it is the publication date"
        } else {
            ""
        };
        let source = match self.source {
            Some(source) => quote(source),
            None => "待补充  # TODO: the publication, e.g. 重庆日报".into(),
        };
        let domains: Vec<&str> = self.domains.iter().map(|d| d.slug()).collect();
        let mut yaml = format!(
            "---\ntitle: {}\ntitle_en: {}  # TODO: translate the title\ndate: {}{date_note}\n\
             source: {source}\nsummary: {}  # TODO: the first sentence; summarise in one or two\n\
             domains: [{}]  # TODO: those of the metrics found; check\n",
            quote(self.title),
            quote(&self.title_en),
            self.date,
            quote(&self.summary),
            domains.join(", "),
        );
        if !self.bylines.is_empty() {
            yaml.push_str(&format!("byline: {}\n", quote(&self.bylines.join("；"))));
        }
        if !self.captions.is_empty() {
            yaml.push_str("captions:\n");
            for caption in &self.captions {
                yaml.push_str(&format!("  - {}\n", quote(caption)));
            }
        }
        yaml + "---\n"
    }
}

/// A YAML double-quoted string: JSON's string syntax is a subset of it, once the control
/// characters JSON leaves as they are (DEL, C1) are escaped too, as YAML requires.
fn quote(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .chars()
        .map(|c| match c {
            '\u{7f}'..='\u{9f}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_load_back_whatever_their_characters() {
        let odd = "标题\u{7f}\u{85}\"引号\"\n第二行\t: # 注";
        let back: String = serde_yaml::from_str(&quote(odd)).expect("valid YAML");
        assert_eq!(back, odd);
    }
}
