//! An editor's correction of one figure, written into its report's front matter: the
//! figure's `metrics:` entry is added or updated, and every other byte of the file stays as it
//! was (comments, key order, the other entries, the body).

use std::ops::Range;

/// A correction of the figure written `text` (the `nth` of the figures so written, from 1,
/// when there are several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub text: String,
    pub nth: Option<usize>,
    /// `(key, value as YAML writes it)`: `subject`, `subject_en`, `domain`, `kind`, `drop`,
    /// `ok`.
    pub fields: Vec<(&'static str, String)>,
}

/// A YAML scalar for `text`: double-quoted, so that no text can be read as anything else.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// One line of the file: where it starts and ends (without its line break).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn blank_or_comment(&self) -> bool {
        let t = self.text.trim();
        t.is_empty() || t.starts_with('#')
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

fn lines(file: &str) -> Vec<Line<'_>> {
    let mut at = 0;
    file.split_inclusive('\n')
        .map(|raw| {
            let line = Line {
                start: at,
                text: raw.trim_end_matches(['\n', '\r']),
            };
            at += raw.len();
            line
        })
        .collect()
}

/// The file with `correction` written into its front matter.
pub fn write_into(file: &str, correction: &Correction) -> Result<String, String> {
    let nl = if file.contains("\r\n") { "\r\n" } else { "\n" };
    let all = lines(file);
    let opens = all
        .first()
        .is_some_and(|l| l.text.trim_start_matches('\u{feff}') == "---");
    let close = all
        .iter()
        .skip(1)
        .position(|l| l.text.trim_end() == "---")
        .map(|i| i + 1);
    let (true, Some(close)) = (opens, close) else {
        return Err("the report has no front matter between --- lines".into());
    };
    // The front matter's lines, the closing `---` last.
    let front = &all[1..=close];
    let Some(at) = front.iter().position(|l| l.text.starts_with("metrics:")) else {
        // No list yet: one is added at the end of the front matter.
        let entry = new_entry(correction, "  ", "    ", nl);
        let closing = front[front.len() - 1].start;
        return Ok(splice(
            file,
            closing..closing,
            &format!("metrics:{nl}{entry}"),
        ));
    };
    let after_key = front[at].text["metrics:".len()..].trim();
    if !(after_key.is_empty() || after_key.starts_with('#')) {
        return Err("`metrics:` is written on one line; write it as a list (- text: …) to correct figures from the review page".into());
    }
    let block: Vec<Line> = front[at + 1..front.len() - 1]
        .iter()
        .copied()
        .take_while(|l| l.blank_or_comment() || l.text.starts_with([' ', '-']))
        .collect();
    let entries = entries(&block);
    let values = listed(file, &all[1..close])?;
    if values.len() != entries.len() {
        return Err("the `metrics:` list is written in a way the review page cannot edit; correct it by hand".into());
    }
    let wanted = values
        .iter()
        .position(|(text, nth)| *text == correction.text && *nth == correction.nth);
    match wanted {
        Some(k) => Ok(update(file, &entries[k], correction, nl)),
        None => {
            let last = block.iter().rev().find(|l| !l.blank_or_comment()).copied();
            let (at, dash) = match (last, entries.first()) {
                (Some(last), Some(first)) => (last.end() + nl.len(), first[0].indent()),
                _ => (front[at].end() + nl.len(), 2),
            };
            let dash = " ".repeat(dash);
            let key = format!("{dash}  ");
            Ok(splice(
                file,
                at..at,
                &new_entry(correction, &dash, &key, nl),
            ))
        }
    }
}

/// The entries of a `metrics:` block: the lines of each, from its `-` line to its last line
/// that is not blank or a comment.
fn entries<'a>(block: &[Line<'a>]) -> Vec<Vec<Line<'a>>> {
    let dash = block
        .iter()
        .filter(|l| l.text.trim_start().starts_with('-'))
        .map(Line::indent)
        .min();
    let mut entries: Vec<Vec<Line>> = Vec::new();
    for line in block {
        let starts = Some(line.indent()) == dash && line.text.trim_start().starts_with('-');
        match entries.last_mut() {
            _ if starts => entries.push(vec![*line]),
            Some(entry) => entry.push(*line),
            None => {}
        }
    }
    for entry in &mut entries {
        while entry.len() > 1 && entry.last().is_some_and(Line::blank_or_comment) {
            entry.pop();
        }
    }
    entries
}

/// `(text, nth)` of each entry of the front matter's `metrics:` list, as YAML reads them.
fn listed(file: &str, front: &[Line]) -> Result<Vec<(String, Option<usize>)>, String> {
    let (Some(first), Some(last)) = (front.first(), front.last()) else {
        return Ok(Vec::new());
    };
    let yaml: serde_yaml::Value = serde_yaml::from_str(&file[first.start..last.end()])
        .map_err(|e| format!("the front matter does not read as YAML: {e}"))?;
    let items = yaml
        .get("metrics")
        .and_then(serde_yaml::Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    Ok(items
        .iter()
        .map(|item| {
            let text = item
                .get("text")
                .and_then(|t| t.as_str())
                .unwrap_or_default();
            let nth = item.get("nth").and_then(serde_yaml::Value::as_u64);
            (text.to_string(), nth.map(|n| n as usize))
        })
        .collect())
}

/// The file with the fields of `correction` set in `entry`: a key already there gets the new
/// value in its place, a new key goes after the entry's last line.
fn update(file: &str, entry: &[Line], correction: &Correction, nl: &str) -> String {
    let dash = entry[0].indent();
    let key_indent = entry
        .iter()
        .skip(1)
        .find(|l| !l.blank_or_comment())
        .map_or(dash + 2, Line::indent);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut added = String::new();
    for (key, value) in &correction.fields {
        let prefix = format!("{key}:");
        let found = entry.iter().enumerate().find(|(i, l)| {
            let own = match i {
                0 => l.text.trim_start().trim_start_matches('-').trim_start(),
                _ if l.indent() == key_indent => l.text.trim_start(),
                _ => "",
            };
            own.starts_with(&prefix)
        });
        match found {
            Some((i, line)) => {
                // A value continued on deeper lines goes with the key.
                let more = entry[i + 1..]
                    .iter()
                    .take_while(|l| l.indent() > key_indent && !l.text.trim().is_empty())
                    .last();
                let end = more.map_or(line.end(), Line::end);
                let lead = &line.text[..line.text.len() - line.text.trim_start().len()];
                let dash_mark = if i == 0 { "- " } else { "" };
                edits.push((line.start..end, format!("{lead}{dash_mark}{key}: {value}")));
            }
            None => added.push_str(&format!("{}{key}: {value}{nl}", " ".repeat(key_indent))),
        }
    }
    let after = entry[entry.len() - 1].end() + nl.len();
    let mut out = file.to_string();
    if !added.is_empty() {
        out = splice(&out, after..after, &added);
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, text) in edits {
        out = splice(&out, range, &text);
    }
    out
}

fn new_entry(correction: &Correction, dash: &str, key: &str, nl: &str) -> String {
    let mut entry = format!("{dash}- text: {}{nl}", quoted(&correction.text));
    if let Some(nth) = correction.nth {
        entry.push_str(&format!("{key}nth: {nth}{nl}"));
    }
    for (name, value) in &correction.fields {
        entry.push_str(&format!("{key}{name}: {value}{nl}"));
    }
    entry
}

fn splice(file: &str, range: Range<usize>, text: &str) -> String {
    let range = range.start.min(file.len())..range.end.min(file.len());
    [&file[..range.start], text, &file[range.end..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "---\n# 编辑注：数字已核对\ntitle: 合川区医疗\ndate: 2024-05-01\nmetrics:\n  - text: 3所\n    drop: true # 不是数字\n  - text: 4个\n    subject: 医共体\n    subject_en: consortia\nsummary: 概要\n---\n正文4个医共体，3所医院。\n";

    fn correction(text: &str, fields: &[(&'static str, &str)]) -> Correction {
        Correction {
            text: text.into(),
            nth: None,
            fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    #[test]
    fn an_entry_there_gets_the_new_value_in_place_and_nothing_else_moves() {
        let fixed = write_into(
            REPORT,
            &correction("4个", &[("subject", "\"紧密型医共体\"")]),
        )
        .unwrap();
        assert_eq!(
            fixed,
            REPORT.replace("subject: 医共体", "subject: \"紧密型医共体\"")
        );
    }

    #[test]
    fn a_new_key_goes_at_the_end_of_its_entry() {
        let fixed = write_into(REPORT, &correction("3所", &[("ok", "true")])).unwrap();
        assert_eq!(
            fixed,
            REPORT.replace("# 不是数字\n", "# 不是数字\n    ok: true\n")
        );
    }

    #[test]
    fn a_figure_without_an_entry_gets_one_after_the_last() {
        let mut c = correction("96.16%", &[("domain", "health")]);
        c.nth = Some(2);
        let fixed = write_into(REPORT, &c).unwrap();
        assert_eq!(
            fixed,
            REPORT.replace(
                "subject_en: consortia\n",
                "subject_en: consortia\n  - text: \"96.16%\"\n    nth: 2\n    domain: health\n"
            )
        );
    }

    #[test]
    fn a_report_without_a_list_gets_one_before_the_closing_line() {
        let plain = "---\ntitle: 报道\n---\n正文\n";
        let fixed = write_into(plain, &correction("3所", &[("drop", "true")])).unwrap();
        assert_eq!(
            fixed,
            "---\ntitle: 报道\nmetrics:\n  - text: \"3所\"\n    drop: true\n---\n正文\n"
        );
    }

    #[test]
    fn windows_line_breaks_and_lists_without_indent_are_kept() {
        let crlf = "---\r\nmetrics:\r\n- text: 3所\r\n  drop: true\r\n---\r\n正文\r\n";
        let fixed = write_into(crlf, &correction("3所", &[("ok", "true")])).unwrap();
        assert_eq!(
            fixed,
            "---\r\nmetrics:\r\n- text: 3所\r\n  drop: true\r\n  ok: true\r\n---\r\n正文\r\n"
        );
    }

    #[test]
    fn what_it_cannot_edit_safely_is_refused() {
        let inline = "---\nmetrics: []\n---\n";
        assert!(write_into(inline, &correction("3所", &[("ok", "true")])).is_err());
        assert!(write_into("正文\n", &correction("3所", &[("ok", "true")])).is_err());
    }

    #[test]
    fn quoted_text_reads_back_as_written() {
        for text in ["a: b", "#1", "\"引号\"", "- x", "yes", "3所\n4个"] {
            let yaml: String = serde_yaml::from_str(&quoted(text)).unwrap();
            assert_eq!(yaml, text);
        }
    }
}
