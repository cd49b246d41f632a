//! Recognises lines that are not content: site chrome, image placeholders, rules, page numbers.

use regex::Regex;
use std::sync::LazyLock;

/// The placeholder a scraper leaves where a news photo was (`anh tin bai`, `ảnh tin bài`).
pub fn is_image_placeholder(line: &str) -> bool {
    /// Longer than any placeholder in any case: most lines are ruled out without lower-casing.
    const LONGEST: usize = 32;
    let line = line.trim();
    line.len() <= LONGEST
        && matches!(
            line.to_lowercase().as_str(),
            "anh tin bai" | "ảnh tin bài" | "[ảnh]" | "[image]"
        )
}

static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[•·*\-\s]*(?:
            tin\ tức | đăng\ nhập | đăng\ ký | trang\ chủ | liên\ hệ | sơ\ đồ\ trang | tìm\ kiếm
          | designed\ by\b.* | thiết\ kế\ bởi\b.* | bản\ quyền\b.* | copyright\b.* | ©.*
          | thống\ kê\ truy\ cập
          | (?:đang\ online|hôm\ nay|hôm\ qua|trong\ tuần|trong\ tháng|tất\ cả|tổng\ truy\ cập|lượt\ truy\ cập)\s*:\s*[\d.,]+
        )\s*$",
    )
    .expect("chrome pattern is valid")
});

/// Web-portal furniture: menus, login links, "Designed by", visitor counters.
pub fn is_chrome(line: &str) -> bool {
    CHROME.is_match(line.trim())
}

/// A horizontal rule (`-----`, `***`, `___`) or a lone page number (`3`, `- 3 -`).
pub fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    let rule = t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '));
    let page = t.trim_matches(|c: char| c == '-' || c == ' ').len() <= 3
        && !t.is_empty()
        && t.trim_matches(|c: char| c == '-' || c == ' ')
            .chars()
            .all(|c| c.is_ascii_digit());
    rule || page
}

static GLUED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(\p{Lu}\p{Ll})").expect("valid pattern"));

/// Scraped pages glue a bold lead-in to its text (`tài nguyên môi trườngĐẩy mạnh`); put the
/// missing space back. A capital followed by a capital (`VssID`) is left alone.
pub fn unglue_words(line: &str) -> String {
    GLUED_HEADING.replace_all(line, "$1 $2").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_chrome_is_recognised() {
        for line in [
            "Tin tức",
            "Đăng nhập",
            "Designed by VNPT",
            "Thống kê truy cập",
            "  • Đang online: 1",
            "  • Tất cả: 1",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        assert!(!is_chrome("Tin tức về hội nghị Ban Chấp hành"));
    }

    #[test]
    fn placeholders_rules_and_page_numbers_are_furniture() {
        assert!(is_image_placeholder("anh tin bai"));
        assert!(is_image_placeholder("  ẢNH TIN BÀI "));
        assert!(is_furniture("-----"));
        assert!(is_furniture("12"));
        assert!(is_furniture("- 3 -"));
        assert!(!is_furniture("2020 - 2025"));
    }

    #[test]
    fn glued_lead_in_gets_its_space_back() {
        assert_eq!(
            unglue_words("môi trườngĐẩy mạnh VssID"),
            "môi trường Đẩy mạnh VssID"
        );
    }
}
