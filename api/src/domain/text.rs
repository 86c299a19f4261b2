//! Text folding: full-width digits and letters, Japanese dates (令和) and times.

use chrono::NaiveDate;

/// Folds full-width ASCII (`０-９`, `Ａ-Ｚ`, `：`, `－`…) to ASCII and the ideographic space
/// to a space, and trims.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            // Dashes people type in postal codes and phone numbers.
            'ー' | '−' | '‐' | '‑' | '–' | '—' | '―' => '-',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Folding for keyword search: width folded and lower-cased, so that `ＩＣＵ` finds `icu`.
/// Control characters are dropped (PostgreSQL refuses NUL in text).
pub fn fold_search(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parses a 7-digit postal code; accepts `100-0001`, `〒1000001` and full-width digits.
pub fn parse_postal_code(s: &str) -> Option<String> {
    let folded = fold_width(s);
    let digits: String = folded
        .trim_start_matches('〒')
        .trim()
        .chars()
        .filter(|c| *c != '-')
        .collect();
    (digits.len() == 7 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// Parses a date: `2026-12-01`, `2026/12/1`, `令和8年12月1日`, `R8.12.1`, `令和元年5月1日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let folded = fold_width(s);
    let (era_offset, rest) = if let Some(r) = folded.strip_prefix("令和") {
        (Some(2018), r)
    } else if let Some(r) = folded.strip_prefix(['R', 'r']) {
        (Some(2018), r)
    } else {
        (None, folded.as_str())
    };
    let rest = rest.replacen('元', "1", 1);
    let parts: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    // Every character must be a digit or a separator we know.
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || "-/.年月日 ".contains(c))
        || parts.len() != 3
    {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 || parts.iter().any(|p| p.len() > 4) {
        return None;
    }
    let year = match era_offset {
        Some(offset) if (1..=99).contains(&nums[0]) => offset + nums[0] as i32,
        Some(_) => return None,
        None if parts[0].len() == 4 => nums[0] as i32,
        None => return None,
    };
    NaiveDate::from_ymd_opt(year, nums[1], nums[2])
}

/// Parses `HH:MM` (also `8:45`, `０８：４５`) into minutes after midnight.
pub fn parse_time(s: &str) -> Option<u16> {
    let folded = fold_width(s);
    let (h, m) = folded.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub fn format_time(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Accepts Japanese phone numbers written with digits, hyphens, brackets and spaces
/// (10 or 11 digits, starting with 0, or an international +81 form). Returns the folded text.
pub fn parse_phone(s: &str) -> Option<String> {
    let folded = fold_width(s);
    if folded.is_empty() || folded.len() > 20 {
        return None;
    }
    if !folded
        .chars()
        .all(|c| c.is_ascii_digit() || "-() +".contains(c))
    {
        return None;
    }
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let ok = if folded.starts_with('+') {
        (10..=13).contains(&digits.len())
    } else {
        digits.starts_with('0') && (10..=11).contains(&digits.len())
    };
    ok.then_some(folded)
}

/// The Japanese era form of a date, e.g. `令和8年12月1日`.
pub fn reiwa(date: NaiveDate) -> String {
    use chrono::Datelike;
    let y = date.year() - 2018;
    let y = if y == 1 {
        "元".to_string()
    } else {
        y.to_string()
    };
    format!("令和{}年{}月{}日", y, date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_fold_and_normalise() {
        assert_eq!(parse_postal_code("100-0001").as_deref(), Some("1000001"));
        assert_eq!(
            parse_postal_code("１００－０００１").as_deref(),
            Some("1000001")
        );
        assert_eq!(parse_postal_code("〒1000001").as_deref(), Some("1000001"));
        assert_eq!(parse_postal_code("100-000"), None);
        assert_eq!(parse_postal_code("abcdefg"), None);
    }

    #[test]
    fn dates_accept_western_and_reiwa() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(parse_date("2026-12-01"), Some(d));
        assert_eq!(parse_date("２０２６/１２/１"), Some(d));
        assert_eq!(parse_date("令和8年12月1日"), Some(d));
        assert_eq!(parse_date("R8.12.1"), Some(d));
        assert_eq!(
            parse_date("令和元年5月1日"),
            NaiveDate::from_ymd_opt(2019, 5, 1)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("26-12-01"), None);
        assert_eq!(reiwa(d), "令和8年12月1日");
    }

    #[test]
    fn times_are_minutes() {
        assert_eq!(parse_time("08:45"), Some(525));
        assert_eq!(parse_time("８：４５"), Some(525));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("8:5"), None);
        assert_eq!(format_time(1030), "17:10");
    }

    #[test]
    fn phones() {
        assert!(parse_phone("03-0000-0000").is_some());
        assert!(parse_phone("０９０－１２３４－５６７８").is_some());
        assert!(parse_phone("12345").is_none());
        assert!(parse_phone("03-0000-000a").is_none());
    }
}
