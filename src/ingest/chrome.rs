//! Web-page furniture: the image placeholders and site chrome a scraper leaves. Both mark a
//! file as a scraped page, and both are dropped from it.

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

/// The lines of site chrome. A name that may run on (`Designed by VNPT`) ends where a
/// character that is not a letter or digit follows (`(?:\W.*)?`), as `\b.*` would say:
/// regex's fast engines give up on a Unicode `\b` at the first letter past ASCII, and every
/// line of every file is asked, so a line as common as `Tập trung…` took twenty times as long.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[•·*\-\s]*(?:
            tin\ tức | đăng\ nhập | đăng\ ký | trang\ chủ | liên\ hệ | sơ\ đồ\ trang | tìm\ kiếm
          | designed\ by(?:\W.*)? | thiết\ kế\ bởi(?:\W.*)? | bản\ quyền(?:\W.*)? | copyright(?:\W.*)? | ©.*
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
    fn a_name_that_runs_on_ends_at_a_word_boundary() {
        for line in [
            "Bản quyền thuộc về Tỉnh ủy Bắc Ninh",
            "Copyright",
            "Copyright© 2024 Tỉnh ủy",
            "Thiết kế bởi: VNPT",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        for line in ["Bản quyềnđược bảo hộ", "Designed byte by byte"] {
            assert!(!is_chrome(line), "{line}");
        }
    }

    #[test]
    fn placeholders_are_told_in_any_case() {
        assert!(is_image_placeholder("anh tin bai"));
        assert!(is_image_placeholder("  ẢNH TIN BÀI "));
        assert!(!is_image_placeholder("Ảnh tin bài về hội nghị"));
    }
}
