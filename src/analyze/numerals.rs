//! Reading numbers written the Chinese way: ASCII or full-width digits with separators and
//! decimals, Chinese numerals (一千二百, 两万, 二〇二一) and their formal forms used on money
//! (壹仟玖佰), and the magnitudes 十 百 千 万 亿.

/// A number read from text: its value and how many bytes it took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    pub len: usize,
    pub form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Written with digits (ASCII or full-width).
    Digits { integer: bool, digits: usize },
    /// Written with Chinese numerals.
    Chinese { positional: bool },
}

/// The digit a character stands for, ASCII or full-width.
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese numeral digit (not the magnitudes).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A character that stands for whole tens, as the digit and 十 it is read as: 廿 = 二十,
/// 卅 = 三十, 卌 = 四十.
pub fn tens(c: char) -> Option<[char; 2]> {
    match c {
        '廿' => Some(['二', '十']),
        '卅' => Some(['三', '十']),
        '卌' => Some(['四', '十']),
        _ => None,
    }
}

/// A character of a number: a digit, a Chinese numeral digit, 廿/卅 or a magnitude.
pub fn is_numeral(c: char) -> bool {
    digit(c).is_some() || chinese_digit(c).is_some() || tens(c).is_some() || magnitude(c).is_some()
}

/// The power of ten of a magnitude character.
pub fn magnitude(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 1e1,
        '百' | '佰' => 1e2,
        '千' | '仟' => 1e3,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

/// Reads digits at the start of `s`: `159,670`, `19.26`, `１２`, `3．5`.
pub fn read_digits(s: &str) -> Option<Numeral> {
    let mut plain = String::new();
    let mut len = 0;
    let mut digits = 0;
    let mut integer = true;
    let mut wide = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(d) = digit(c) {
            wide = !c.is_ascii_digit();
            plain.push(char::from_digit(d, 10)?);
            digits += 1;
            len = i + c.len_utf8();
        } else if (c == '.' || c == '．') && integer && digits > 0 {
            match chars.peek() {
                Some(&(_, next)) if digit(next).is_some() => {
                    integer = false;
                    plain.push('.');
                }
                _ => break,
            }
        } else if integer && digits > 0 && is_separator(c, &s[i + c.len_utf8()..], wide) {
            continue;
        } else {
            break;
        }
    }
    let value = plain.parse().ok()?;
    (digits > 0).then_some(Numeral {
        value,
        len,
        form: Form::Digits { integer, digits },
    })
}

/// Whether `c`, before `rest`, separates thousands; `wide` when the digits before it are
/// full-width (１１１，１１１: the full-width comma belongs to full-width digits).
fn is_separator(c: char, rest: &str, wide: bool) -> bool {
    let full_width = |c: char| ('０'..='９').contains(&c);
    (c == ',' && group_of_three(rest, |c| c.is_ascii_digit()))
        || (c == '，' && (wide_thousands(rest) || (wide && group_of_three(rest, full_width))))
}

/// Exactly three digits of one kind, and no fourth: a group after a thousands separator.
fn group_of_three(rest: &str, is_digit: impl Fn(char) -> bool) -> bool {
    let mut chars = rest.chars();
    (0..3).all(|_| chars.next().is_some_and(&is_digit)) && !chars.next().is_some_and(is_digit)
}

/// `，` is a thousands separator in copied figures (82，225.00元), but mostly a comma: only
/// before groups of three digits that end in a decimal part.
fn wide_thousands(rest: &str) -> bool {
    let mut rest = rest;
    loop {
        let group = rest
            .get(..3)
            .filter(|g| g.bytes().all(|b| b.is_ascii_digit()));
        let Some(group) = group else {
            return false;
        };
        rest = &rest[group.len()..];
        if let Some(after) = rest.strip_prefix('，') {
            rest = after;
            continue;
        }
        let mut after = rest.chars();
        return after.next() == Some('.') && after.next().is_some_and(|c| c.is_ascii_digit());
    }
}

/// Reads a Chinese numeral at the start of `s`: `一千二百` = 1200, `两万` = 20000,
/// `十三` = 13, `三百` = 300, `二〇二一` = 2021. `None` when the run is not a well-formed number
/// (e.g. `十三五`).
pub fn read_chinese(s: &str) -> Option<Numeral> {
    let run: Vec<(usize, char)> = s
        .char_indices()
        .take_while(|&(_, c)| {
            chinese_digit(c).is_some() || magnitude(c).is_some() || tens(c).is_some()
        })
        .collect();
    // 三十两, 二两: 两 after another numeral is the unit liang, not a digit (thirty-two is
    // 三十二), unless a magnitude follows it (两万两千).
    let run = match run.split_last() {
        Some((&(_, '两' | '兩'), rest)) if !rest.is_empty() => rest,
        _ => &run[..],
    };
    let (&(last_i, last_c), _) = run.split_last()?;
    let len = last_i + last_c.len_utf8();
    // 廿三 is read as 二十三.
    let chars: Vec<char> = run
        .iter()
        .flat_map(|&(_, c)| match tens(c) {
            Some([digit, ten]) => [Some(digit), Some(ten)],
            None => [Some(c), None],
        })
        .flatten()
        .collect();
    if chars.iter().all(|&c| magnitude(c).is_none()) {
        if chars.len() == 1 {
            let value = chinese_digit(chars[0])? as f64;
            return Some(Numeral {
                value,
                len,
                form: Form::Chinese { positional: false },
            });
        }
        // Digit by digit, as in years: 二〇二一.
        let value = chars
            .iter()
            .try_fold(0.0, |acc, &c| Some(acc * 10.0 + chinese_digit(c)? as f64))?;
        return Some(Numeral {
            value,
            len,
            form: Form::Chinese { positional: true },
        });
    }
    let value = chinese_value(&chars)?;
    Some(Numeral {
        value,
        len,
        form: Form::Chinese { positional: false },
    })
}

/// Value of a numeral with magnitudes, rejecting malformed runs.
fn chinese_value(chars: &[char]) -> Option<f64> {
    let mut total = 0.0; // completed 亿 and 万 sections
    let mut section = 0.0; // below 万
    let mut pending: Option<f64> = None; // a digit waiting for its magnitude
    let mut last_small = f64::INFINITY; // magnitudes must fall within a section
    let mut last_magnitude = 1.0;
    let mut after_zero = false; // 一千零五: the digit after 零 counts as units
    for &c in chars {
        if c == '零' || c == '〇' {
            after_zero = true;
        } else if let Some(d) = chinese_digit(c) {
            if pending.is_some() {
                return None; // two digits in a row: 十三五
            }
            pending = Some(d as f64);
        } else if let Some(m) = magnitude(c) {
            last_magnitude = m;
            if m >= 1e4 {
                let unit = section + pending.take().unwrap_or(0.0);
                let unit = if unit == 0.0 && total == 0.0 {
                    1.0
                } else {
                    unit
                };
                if m == 1e8 {
                    total = (total + unit) * m;
                } else {
                    total += unit * m;
                }
                section = 0.0;
                last_small = f64::INFINITY;
            } else {
                if m >= last_small {
                    return None;
                }
                section += pending.take().unwrap_or(1.0) * m;
                last_small = m;
            }
        }
    }
    // A trailing digit after a magnitude counts one step lower: 一万五 = 15000, 三百五 = 350.
    if let Some(d) = pending {
        let step = if after_zero {
            1.0
        } else {
            (last_magnitude / 10.0).max(1.0)
        };
        section += d * step;
    }
    Some(total + section)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese(s: &str) -> Option<f64> {
        read_chinese(s).map(|n| n.value)
    }

    #[test]
    fn digits() {
        assert_eq!(read_digits("159,670人").unwrap().value, 159670.0);
        assert_eq!(read_digits("19.26亿").unwrap().value, 19.26);
        assert_eq!(read_digits("１２所").unwrap().value, 12.0);
        assert_eq!(read_digits("3．5万").unwrap().value, 3.5);
        let n = read_digits("40，50").unwrap();
        assert_eq!((n.value, n.len), (40.0, 2));
        assert_eq!(read_digits("5.").unwrap().len, 1);
        assert_eq!(read_digits("12,34").unwrap().value, 12.0);
        assert_eq!(read_digits("82，225.00元").unwrap().value, 82225.0);
        assert_eq!(read_digits("1，234，567.5").unwrap().value, 1234567.5);
        assert_eq!(read_digits("12，345人").unwrap().value, 12.0);
        assert!(read_digits("元").is_none());
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese("一千二百"), Some(1200.0));
        assert_eq!(chinese("两万"), Some(20000.0));
        assert_eq!(chinese("十三"), Some(13.0));
        assert_eq!(chinese("廿三"), Some(23.0));
        assert_eq!(chinese("卅"), Some(30.0));
        assert_eq!(chinese("十"), Some(10.0));
        assert_eq!(chinese("三百"), Some(300.0));
        assert_eq!(chinese("一百二十万"), Some(1_200_000.0));
        assert_eq!(chinese("二〇二一"), Some(2021.0));
        assert_eq!(chinese("一万五"), Some(15000.0));
        assert_eq!(chinese("三亿五千万"), Some(350_000_000.0));
        assert_eq!(chinese("一千零五"), Some(1005.0));
        assert_eq!(chinese("十三五"), None);
        assert_eq!(chinese("八"), Some(8.0));
        assert_eq!(chinese("壹仟玖佰"), Some(1900.0));
        assert_eq!(chinese("叁拾伍万"), Some(350_000.0));
    }
}
