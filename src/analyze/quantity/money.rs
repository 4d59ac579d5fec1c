//! Money said in yuan, jiao and fen: 50元6角3分, 3块5毛, 3块5, 5毛钱.

use crate::analyze::numerals::{chinese_digit, digit};

/// An amount of money after a number, in yuan: the number times `scale`, plus `add`, over
/// `len` bytes after the number.
pub(super) struct Money {
    pub scale: f64,
    pub add: f64,
    pub len: usize,
}

/// Money in yuan with jiao and fen after it (50元6角3分, 3块5毛, 3块5), or jiao alone with
/// 钱 (5毛钱, 3角钱): the value in yuan.
pub(super) fn read_money(after: &str) -> Option<Money> {
    let yuan = ["元", "块", "圆"]
        .into_iter()
        .find(|y| after.starts_with(y));
    let Some(yuan) = yuan else {
        // The number counts jiao: 5毛钱, 3角5分.
        let mark = after.chars().next().filter(|c| matches!(c, '角' | '毛'))?;
        let rest = &after[mark.len_utf8()..];
        let (fen, fen_len) = small_money(rest, &['分'], 0.01).unwrap_or((0.0, 0));
        let qian = rest[fen_len..].starts_with('钱');
        if !(qian || fen_len > 0) {
            return None;
        }
        let len = mark.len_utf8() + fen_len + if qian { '钱'.len_utf8() } else { 0 };
        return Some(Money {
            scale: 0.1,
            add: fen,
            len,
        });
    };
    let rest = &after[yuan.len()..];
    let (jiao, jiao_len) = small_money(rest, &['角', '毛'], 0.1)
        // 3块5: the digit after 块 counts jiao.
        .or_else(|| {
            let c = rest.chars().next()?;
            let d = digit(c).or(chinese_digit(c))?;
            let more = rest[c.len_utf8()..].starts_with(|c: char| digit(c).is_some());
            (yuan == "块" && !more).then(|| (f64::from(d) * 0.1, c.len_utf8()))
        })
        .unwrap_or((0.0, 0));
    let (fen, fen_len) = small_money(&rest[jiao_len..], &['分'], 0.01).unwrap_or((0.0, 0));
    let mut len = yuan.len() + jiao_len + fen_len;
    let tail = &after[len..];
    if yuan == "块" && jiao_len == 0 && !tail.starts_with('钱') {
        return None; // 3块 alone is pieces, not yuan
    }
    for word in ["钱", "整"] {
        if after[len..].starts_with(word) {
            len += word.len();
        }
    }
    Some(Money {
        scale: 1.0,
        add: jiao + fen,
        len,
    })
}

/// A digit followed by one of `marks` (5角, 3分): its value times `scale`, and its length.
fn small_money(s: &str, marks: &[char], scale: f64) -> Option<(f64, usize)> {
    let c = s.chars().next()?;
    let d = digit(c).or(chinese_digit(c))?;
    let rest = &s[c.len_utf8()..];
    let mark = rest.chars().next().filter(|m| marks.contains(m))?;
    Some((f64::from(d) * scale, c.len_utf8() + mark.len_utf8()))
}
