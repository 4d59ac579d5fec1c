//! Money said in yuan, jiao and fen: 50元6角3分, 3块5毛, 3块5, 5毛钱.

use crate::analyze::numerals::{chinese_digit, digit};

/// An amount of money after a number, in yuan: the number times `scale`, plus `add`, over
/// `len` bytes after the number.
pub(super) struct Money {
    pub scale: f64,
    pub add: f64,
    pub len: usize,
}

/// Money in yuan with jiao and fen after it (50元6角3分, 3块5毛, 3块5, 三块零四, 三块四分), or
/// jiao alone (5毛钱, 3角5分, 两毛五, 五毛): the value in yuan.
pub(super) fn read_money(after: &str) -> Option<Money> {
    let yuan = ["元", "块", "圆"]
        .into_iter()
        .find(|y| after.starts_with(y));
    let Some(yuan) = yuan else {
        return jiao(after);
    };
    let rest = &after[yuan.len()..];
    let (cents, cents_len) = small_money(rest, &['角', '毛'], 0.1)
        .map(|(jiao, len)| {
            let (fen, fen_len) = fen(&rest[len..]).unwrap_or((0.0, 0));
            (jiao + fen, len + fen_len)
        })
        // 三块零四: no jiao, four fen.
        .or_else(|| {
            let zero = rest.strip_prefix('零')?;
            fen(zero).map(|(fen, len)| (fen, '零'.len_utf8() + len))
        })
        .or_else(|| small_money(rest, &['分'], 0.01))
        // 3块5: the digit after 块 counts jiao.
        .or_else(|| {
            let (d, len) = lone_digit(rest)?;
            (yuan == "块").then_some((f64::from(d) * 0.1, len))
        })
        .unwrap_or((0.0, 0));
    let mut len = yuan.len() + cents_len;
    if yuan == "块" && cents_len == 0 && !after[len..].starts_with('钱') {
        return None; // 3块 alone is pieces, not yuan
    }
    for word in ["钱", "整"] {
        if after[len..].starts_with(word) {
            len += word.len();
        }
    }
    Some(Money {
        scale: 1.0,
        add: cents,
        len,
    })
}

/// The number counts jiao: 5毛钱, 3角5分, 两毛五, and 五毛 where no word goes on after 毛.
fn jiao(after: &str) -> Option<Money> {
    let mark = after.chars().next().filter(|c| matches!(c, '角' | '毛'))?;
    let rest = &after[mark.len_utf8()..];
    let (fen, fen_len) = fen(rest).unwrap_or((0.0, 0));
    let qian = rest[fen_len..].starts_with('钱');
    let ends = !rest[fen_len..]
        .chars()
        .next()
        .is_some_and(crate::analyze::text::is_han);
    if !(qian || fen_len > 0 || (mark == '毛' && ends)) {
        return None;
    }
    let len = mark.len_utf8() + fen_len + if qian { '钱'.len_utf8() } else { 0 };
    Some(Money {
        scale: 0.1,
        add: fen,
        len,
    })
}

/// Fen after jiao or 零: 3分, or a lone digit (两毛五 = 0.25).
fn fen(s: &str) -> Option<(f64, usize)> {
    small_money(s, &['分'], 0.01)
        .or_else(|| lone_digit(s).map(|(d, len)| (f64::from(d) * 0.01, len)))
}

/// A digit that no other digit follows, and no 分 (which makes it fen).
fn lone_digit(s: &str) -> Option<(u32, usize)> {
    let c = s.chars().next()?;
    let d = digit(c).or(chinese_digit(c))?;
    let next = &s[c.len_utf8()..];
    let more = next.starts_with(|n: char| digit(n).is_some() || chinese_digit(n).is_some());
    (!more && !next.starts_with('分')).then_some((d, c.len_utf8()))
}

/// A digit followed by one of `marks` (5角, 3分): its value times `scale`, and its length.
fn small_money(s: &str, marks: &[char], scale: f64) -> Option<(f64, usize)> {
    let c = s.chars().next()?;
    let d = digit(c).or(chinese_digit(c))?;
    let rest = &s[c.len_utf8()..];
    let mark = rest.chars().next().filter(|m| marks.contains(m))?;
    Some((f64::from(d) * scale, c.len_utf8() + mark.len_utf8()))
}
