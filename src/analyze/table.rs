//! Tables copied as plain text, as statistical bulletins print them: a unit line (单位：元、%),
//! header rows of column names, then rows of a label and numbers separated by spaces. Each
//! number of a row is a figure: its subject is the column group, the label and a change
//! column's name (全体居民 + 可支配收入 + 增长), its unit the one the unit line gives its
//! column.

/// One number of a table row and what the table says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Byte range of the number in the row's text.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: String,
    pub subject: String,
    /// The year its column names (2024年), if any.
    pub period: Option<String>,
}

/// What has been read of the table a run of rows belongs to.
#[derive(Debug, Default)]
pub struct TextTable {
    /// The units of the unit line, in its order.
    units: Vec<String>,
    /// The header rows since the unit line, the last two kept.
    headers: Vec<Vec<String>>,
}

/// Column names of a change, whose numbers are percentages.
const CHANGE_COLUMNS: [&str; 6] = ["增长", "增速", "增幅", "比上年", "同比", "增减"];

impl TextTable {
    /// Reads the next paragraph: the cells of a data row, nothing for a unit line, a header
    /// row or prose (which ends the table).
    pub fn read(&mut self, text: &str) -> Vec<Cell> {
        if let Some(units) = unit_line(text) {
            *self = TextTable {
                units,
                headers: Vec::new(),
            };
            return Vec::new();
        }
        if self.units.is_empty() {
            return Vec::new();
        }
        let fields = fields(text);
        if fields.len() < 3 {
            *self = TextTable::default();
            return Vec::new();
        }
        let numbers: Vec<(usize, &str, f64)> = fields
            .iter()
            .filter_map(|&(at, field)| Some((at, field, number(field)?)))
            .collect();
        if numbers.is_empty() {
            if self.headers.len() == 2 {
                self.headers.remove(0);
            }
            self.headers
                .push(fields.iter().map(|(_, f)| f.to_string()).collect());
            return Vec::new();
        }
        let label: String = fields
            .iter()
            .take_while(|(_, f)| number(f).is_none())
            .map(|(_, f)| without_list_number(f))
            .collect();
        numbers
            .iter()
            .enumerate()
            .map(|(column, &(at, field, value))| {
                let (group, name) = self.column(column, numbers.len());
                let change = CHANGE_COLUMNS.iter().any(|w| name.contains(w));
                let (scale, unit) = magnitude(&self.unit(change || field.ends_with('%')));
                Cell {
                    start: at,
                    end: at + field.len(),
                    value: value * scale,
                    unit,
                    subject: [group, label.as_str(), if change { "增长" } else { "" }].concat(),
                    period: year(name),
                }
            })
            .collect()
    }

    /// The group and the name of number column `column` of `count`: from the header row with
    /// one name per number, and the row above it that names groups of them.
    fn column(&self, column: usize, count: usize) -> (&str, &str) {
        // One name per number, after a name heading the label column if the row has one.
        let name = self
            .headers
            .iter()
            .rev()
            .find(|row| row.len() == count || row.len() == count + 1)
            .map_or("", |row| row[column + row.len() - count].as_str());
        let group = self
            .headers
            .iter()
            .rev()
            .find(|row| row.len() < count && row.len() > 1)
            .and_then(|row| {
                // The first name of the row may head the label column (指标, 项目).
                let groups = if count.is_multiple_of(row.len()) {
                    &row[..]
                } else {
                    &row[1..]
                };
                let per_group = count.checked_div(groups.len())?;
                groups.get(column / per_group.max(1))
            })
            .map_or("", String::as_str);
        (group, name)
    }

    fn unit(&self, change: bool) -> String {
        let percent = self.units.iter().find(|u| u.as_str() == "%");
        let amount = self.units.iter().find(|u| u.as_str() != "%");
        match (change, percent, amount) {
            (true, Some(p), _) => p.clone(),
            (_, _, Some(a)) => a.clone(),
            _ => self.units.first().cloned().unwrap_or_default(),
        }
    }
}

/// A unit with a magnitude (万元, 亿元, 千人) as the factor and the unit the figures keep,
/// as the quantity scanner gives them (120万元 is 1,200,000 元).
fn magnitude(unit: &str) -> (f64, String) {
    let scale = match unit.chars().next() {
        Some('万') => 1e4,
        Some('亿') => 1e8,
        Some('千') => 1e3,
        Some('百') => 1e2,
        _ => return (1.0, unit.to_string()),
    };
    let rest = &unit[3..];
    if rest.is_empty() {
        (1.0, unit.to_string())
    } else {
        (scale, rest.to_string())
    }
}

/// The year a column name gives: `2024年` -> `2024`.
fn year(name: &str) -> Option<String> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4 && name[4..].starts_with('年')).then_some(digits)
}

/// The units a line such as `单位：元、%` gives, if it is one.
fn unit_line(text: &str) -> Option<Vec<String>> {
    let rest = text.trim().strip_prefix("单位")?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?;
    let units: Vec<String> = rest
        .split(['、', ',', '，', '/', ' '])
        .map(|u| u.trim().replace('％', "%"))
        .filter(|u| !u.is_empty() && u.chars().count() <= 4)
        .collect();
    (!units.is_empty()).then_some(units)
}

/// The fields of a row separated by spaces, with their byte offsets.
fn fields(text: &str) -> Vec<(usize, &str)> {
    let mut fields = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                fields.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    fields
}

/// The value of a field that is a plain number (60459, 5.7, -2.1, 16.5%).
fn number(field: &str) -> Option<f64> {
    let digits = field.trim_end_matches(['%', '％']);
    let plain = digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    if !plain || !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A row label without its list number: `1.工资性收入` -> `工资性收入`.
fn without_list_number(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix(['.', '、', '．']) {
        Some(after) if after.starts_with(is_word_char) => after,
        _ => label,
    }
}

/// A letter of a script written without spaces (a Chinese character), as table names have.
fn is_word_char(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

/// Whether a line is a line of a table, a paragraph of its own: its unit line, or a row of
/// three or more fields separated by spaces, numbers (a data row) or short names (a header
/// row), not words of prose.
pub fn is_table_line(line: &str) -> bool {
    if unit_line(line).is_some() {
        return true;
    }
    // Prose has no spaces between its words: most lines are answered here.
    if line.split_whitespace().nth(2).is_none() {
        return false;
    }
    let fields = fields(line);
    let numbers = fields.iter().filter(|(_, f)| number(f).is_some()).count();
    let names = fields
        .iter()
        .all(|(_, f)| f.chars().count() <= 8 && f.chars().any(is_word_char));
    fields.len() >= 3 && (numbers >= 2 || names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulletin_table_gives_each_number_its_column_and_unit() {
        let mut table = TextTable::default();
        let rows = [
            "单位：元、%",
            "指标 全体居民 城镇居民 农村居民",
            "总量 增长 总量 增长 总量 增长",
            "1.工资性收入 31000 5.2 36000 4.1 25000 6.8",
        ];
        let cells: Vec<Cell> = rows.iter().flat_map(|row| table.read(row)).collect();
        assert_eq!(cells.len(), 6);
        assert_eq!(cells[0].subject, "全体居民工资性收入");
        assert_eq!((cells[0].value, cells[0].unit.as_str()), (31000.0, "元"));
        assert_eq!(cells[1].subject, "全体居民工资性收入增长");
        assert_eq!((cells[1].value, cells[1].unit.as_str()), (5.2, "%"));
        assert_eq!(cells[5].subject, "农村居民工资性收入增长");
        let row = rows[3];
        assert_eq!(&row[cells[2].start..cells[2].end], "36000");
    }

    #[test]
    fn prose_ends_a_table_and_a_table_needs_its_unit_line() {
        let mut table = TextTable::default();
        assert!(table.read("单位：万元").is_empty());
        assert_eq!(table.read("项目 2023年 2024年").len(), 0);
        let cells = table.read("民生支出 120 135");
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[1].period.as_deref(), Some("2024"));
        assert_eq!(
            (cells[1].value, cells[1].unit.as_str()),
            (1_350_000.0, "元")
        );
        assert!(table.read("全年民生支出增长较快。").is_empty());
        assert!(table.read("民生支出 120 135 150").is_empty());
    }
}
