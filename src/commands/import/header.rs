//! The `key: value` lines a saved text may open with, as clipping tools and editors write them
//! (`title: …`, `source: https://…`, `date: 2023-05-12`, `来源：合川日报`, `发布时间：…`):
//! they describe the report and go to its front matter, not its body.

use chrono::NaiveDate;

use super::dates::date_prefix;

/// What the header lines say.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) title: Option<String>,
    pub(super) source: Option<String>,
    pub(super) date: Option<NaiveDate>,
    pub(super) bylines: Vec<String>,
}

/// What a key names.
enum Field {
    Title,
    Source,
    Date,
    Byline,
    /// Said of the report but not kept: the place is the district's.
    Other,
}

const KEYS: [(&str, Field); 19] = [
    ("title", Field::Title),
    ("标题", Field::Title),
    ("题目", Field::Title),
    ("source", Field::Source),
    ("url", Field::Source),
    ("来源", Field::Source),
    ("出处", Field::Source),
    ("原文链接", Field::Source),
    ("date", Field::Date),
    ("published", Field::Date),
    ("日期", Field::Date),
    ("发布日期", Field::Date),
    ("发布时间", Field::Date),
    ("author", Field::Byline),
    ("作者", Field::Byline),
    ("place", Field::Other),
    ("location", Field::Other),
    ("地点", Field::Other),
    ("地区", Field::Other),
];

/// The header the text opens with, and the text after it. Lines count as a header only as a
/// block of known keys closed by a blank line, so that a report opening with 时间：… or a
/// heading is left whole.
pub(super) fn split_header(text: &str) -> (Header, &str) {
    let mut header = Header::default();
    let start = text.len() - text.trim_start_matches(['\n', ' ', '\u{feff}']).len();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        at += line.len();
        if line.trim().is_empty() {
            break;
        }
        match key_value(line) {
            Some((field, value)) => header.set(field, value),
            None => return (Header::default(), text),
        }
    }
    if at == start {
        return (Header::default(), text);
    }
    (header, &text[at..])
}

fn key_value(line: &str) -> Option<(&'static Field, &str)> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    let (_, field) = KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?;
    Some((field, value.trim()))
}

impl Header {
    fn set(&mut self, field: &Field, value: &str) {
        if value.is_empty() {
            return;
        }
        match field {
            // The first of a field wins.
            Field::Title => _ = self.title.get_or_insert_with(|| value.into()),
            Field::Source => _ = self.source.get_or_insert_with(|| value.into()),
            Field::Date => self.date = self.date.or(date_prefix(value).map(|(date, _)| date)),
            Field::Byline => self.bylines.push(value.into()),
            Field::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_of_known_keys_is_the_header() {
        let text = "source: https://example.cn/a.html\n日期：2023年5月12日\n作者：李明\nplace: 合川\n\n合川区民生实事\n正文。\n";
        let (header, rest) = split_header(text);
        assert_eq!(header.source.as_deref(), Some("https://example.cn/a.html"));
        assert_eq!(header.date, NaiveDate::from_ymd_opt(2023, 5, 12));
        assert_eq!(header.bylines, ["李明"]);
        assert_eq!(header.title, None);
        assert_eq!(rest, "合川区民生实事\n正文。\n");
    }

    #[test]
    fn text_that_opens_otherwise_is_left_whole() {
        for text in [
            "合川区民生实事\n\n正文。\n",
            "时间：5月12日上午\n地点：区政府\n\n会议听取了汇报。\n",
            "source: 合川日报\n合川区新增托位800个，建成托育点12个。\n",
        ] {
            assert_eq!(split_header(text), (Header::default(), text), "{text}");
        }
    }
}
