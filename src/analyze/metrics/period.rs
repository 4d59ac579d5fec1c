//! The period a figure is of, as the text names it: a year, a five-year plan, a span of
//! recent years.

const FIVE_YEAR_PLANS: [&str; 4] = ["十二五", "十三五", "十四五", "十五五"];

/// The last period expression in `text`: a year (2021年 -> 2021), 十三五/十四五, 近5年, 3年来.
pub(super) fn last_period(text: &str) -> Option<String> {
    let mut found: Option<(usize, String)> = None;
    let mut keep = |at: usize, period: String| {
        if found.as_ref().is_none_or(|(i, _)| at >= *i) {
            found = Some((at, period));
        }
    };
    // Five-year plans: 十二五 … 十五五.
    for (i, _) in text.match_indices('五') {
        let through = &text[..i + '五'.len_utf8()];
        if let Some(plan) = FIVE_YEAR_PLANS.iter().find(|p| through.ends_with(*p)) {
            keep(through.len() - plan.len(), plan.to_string());
        }
    }
    for (i, _) in text.match_indices('年') {
        let before = &text[..i];
        let count = before.bytes().rev().take_while(u8::is_ascii_digit).count();
        let digits = &before[before.len() - count..];
        if count == 4 {
            keep(i - 4, digits.to_string());
        } else if count > 0 && count <= 2 {
            let head = &before[..before.len() - count];
            if head.ends_with('近') {
                keep(head.len() - '近'.len_utf8(), format!("近{digits}年"));
            } else if text[i + '年'.len_utf8()..].starts_with('来')
                || text[i + '年'.len_utf8()..].starts_with("以来")
            {
                keep(head.len(), format!("{digits}年来"));
            }
        }
    }
    found.map(|(_, p)| p)
}
