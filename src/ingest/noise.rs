//! Recognises lines that are not content: site chrome, image placeholders, rules, page numbers.

use super::chrome::{is_chrome, is_image_placeholder};
use super::document::DropReason;
use super::layout::Layout;
use crate::text::fold;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Why `line` is not content in a document of `layout`, or `None` when it is content.
pub fn classify(line: &str, layout: Layout) -> Option<DropReason> {
    let t = line.trim();
    if is_image_placeholder(t) {
        Some(DropReason::ImagePlaceholder)
    } else if is_table_border(t) {
        Some(DropReason::TableBorder)
    } else if is_rule(t) {
        Some(DropReason::Rule)
    } else if is_page_number(t) && matches!(layout, Layout::Pdf | Layout::Plain) {
        Some(DropReason::PageNumber)
    } else if is_portal_notice(t) || (layout == Layout::Web && is_chrome(t)) {
        Some(DropReason::SiteChrome)
    } else if is_motto(t) {
        Some(DropReason::Motto)
    } else {
        None
    }
}

/// A horizontal rule: `-----`, `***`, `___`.
fn is_rule(t: &str) -> bool {
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

/// A lone page number: `3`, `- 3 -`. Only text cut from printed pages has them: in a web
/// page a lone number is a table cell (`STT`).
fn is_page_number(t: &str) -> bool {
    let digits = t.trim_matches(|c: char| c == '-' || c == ' ');
    !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit())
}

/// What scrapers leave of a table's grid: a lone `|`, `||`, or a `|---|:--|` row.
fn is_table_border(t: &str) -> bool {
    t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

static PORTAL_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[*\s]*(?:
            bạn\ vừa\ bị\ đăng\ xuất.* | có\ phải\ do\ tài\ khoản\ của\ bạn.* | xin\ lỗi\ quý\ khách.*
          | hỗ\ trợ\ :\ .*\d.* | quý\ thành\ viên | đang\ tải\ văn\ bản\.*
          | click\ vào\ phần\ bôi\ vàng.* | văn\ bản\ này\ chưa\ cập\ nhật\ nội\ dung\ tiếng\ anh
          | \[?\s*sửa\ \|\ sửa\ mã\ nguồn\s*\]? | giao\ diện | nội\ dung\ chính
        )[*\s]*$",
    )
    .expect("portal notice pattern is valid")
});

/// The legal library's copyright notice, wherever it stands in its line. Kept apart from
/// [`PORTAL_NOTICE`], where as a branch opening with `.*` it made every line be read to
/// its end by a slower engine: the two took 80 ns on a common line, the one 430.
static LIBRARY_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)thư viện pháp luật\*{0,2} (?:has the copyright|is a violation)")
        .expect("library notice pattern is valid")
});

/// The notices legal portals and encyclopedias print around every page: session and login
/// messages, "loading", edit links, table-of-contents labels, the library's copyright.
fn is_portal_notice(t: &str) -> bool {
    PORTAL_NOTICE.is_match(t) || LIBRARY_NOTICE.is_match(t)
}

/// The national motto and the Party's name that head official documents, folded.
const MOTTO: [&str; 3] = [
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
    "dang cong san viet nam",
];

/// The national motto or the Party's name, a whole line of it.
fn is_motto(t: &str) -> bool {
    /// Longer than any motto line: most lines are ruled out without folding.
    const LONGEST: usize = 64;
    t.len() <= LONGEST && MOTTO.contains(&folded_words(t).as_str())
}

/// A piece of the motto or the Party's name wrapped onto its own line (`CỘNG HÒA XÃ`,
/// `HỘI CHỦ NGHĨA VIỆT NAM`): whole words of one of them.
pub fn is_motto_piece(t: &str) -> bool {
    /// Shortest piece taken for the motto: one word (`cong`) and more.
    const SHORTEST: usize = 4;
    let key = folded_words(t);
    key.len() >= SHORTEST
        && MOTTO
            .iter()
            .any(|m| format!(" {m} ").contains(&format!(" {key} ")))
}

/// The words of `t`, folded and single-spaced, punctuation and markup left out.
fn folded_words(t: &str) -> String {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    fold(&words.join(" "))
}

static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[.)\s])(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh)\s*:\s*\p{Lu}[\p{L}\s.]{0,40}$",
    )
    .expect("valid pattern")
});

/// A news photo's caption, which ends by crediting the photographer (`... Ảnh: Hải Quân`).
/// Only lines that could be one are handed to the pattern, whose bounded run of letters at
/// the end is costly to search backwards: every credit names `Ảnh` or `ảnh`, and its
/// line's last colon is followed by a name of at most [`CREDIT_NAME`] characters. `ảnh
/// hưởng` is common in Party documents; with the first test alone the pattern still took
/// a sixteenth of reading the real corpus.
pub fn is_photo_credit(line: &str) -> bool {
    /// Longest caption: a sentence or two under a picture.
    const LONGEST: usize = 400;
    let line = line.trim_end();
    let short_name = |colon: usize| line[colon + 1..].trim_start().chars().count() <= CREDIT_NAME;
    line.len() <= LONGEST
        && line.rfind(':').is_some_and(short_name)
        && (line.contains("Ảnh") || line.contains("ảnh"))
        && PHOTO_CREDIT.is_match(line)
}

/// Most characters a credit's name has after its colon: its capital and the forty letters,
/// spaces and dots [`PHOTO_CREDIT`] allows after it.
const CREDIT_NAME: usize = 41;

static GLUED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(\p{Lu}\p{Ll})").expect("valid pattern"));

/// Scraped pages glue a bold lead-in to its text (`tài nguyên môi trườngĐẩy mạnh`); put the
/// missing space back. A capital followed by a capital (`VssID`) is left alone.
pub fn unglue_words(line: String) -> String {
    match GLUED_HEADING.replace_all(&line, "$1 $2") {
        Cow::Borrowed(_) => line,
        Cow::Owned(unglued) => unglued,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_rules_and_page_numbers_are_furniture() {
        assert!(is_rule("-----"));
        assert!(is_page_number("12"));
        assert!(is_page_number("- 3 -"));
        assert!(!is_page_number("2020 - 2025"));
    }

    #[test]
    fn every_dropped_line_has_its_reason() {
        let cases = [
            ("anh tin bai", Some(DropReason::ImagePlaceholder)),
            ("|", Some(DropReason::TableBorder)),
            ("|---|---|", Some(DropReason::TableBorder)),
            ("---------------", Some(DropReason::Rule)),
            ("Đăng nhập", Some(DropReason::SiteChrome)),
            (
                "Bạn vừa bị Đăng xuất khỏi Tài khoản nên khi người thứ vào thì bạn bị Đăng xuất",
                Some(DropReason::SiteChrome),
            ),
            ("[sửa | sửa mã nguồn]", Some(DropReason::SiteChrome)),
            // The legal library's notice, as 85dfc8ce7a836e1d.md of the real corpus prints it.
            (
                "THƯ VIỆN PHÁP LUẬT** has the copyright on this translation. Copying or \
                 reposting it without the consent of **",
                Some(DropReason::SiteChrome),
            ),
            (
                "THƯ VIỆN PHÁP LUẬT** is a violation against the Law on Intellectual Property.",
                Some(DropReason::SiteChrome),
            ),
            ("Thư viện pháp luật tỉnh Bắc Ninh", None),
            ("Độc lập - Tự do - Hạnh phúc", Some(DropReason::Motto)),
            (
                "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
                Some(DropReason::Motto),
            ),
            ("ĐẢNG CỘNG SẢN VIỆT NAM", Some(DropReason::Motto)),
            ("| Tỉnh | Lào Cai |", None),
            ("Tin tức về hội nghị", None),
        ];
        for (line, reason) in cases {
            assert_eq!(classify(line, Layout::Web), reason, "{line}");
        }
        assert_eq!(classify("Đăng nhập", Layout::Markdown), None);
        assert_eq!(classify("- 3 -", Layout::Pdf), Some(DropReason::PageNumber));
        assert_eq!(
            classify("3", Layout::Markdown),
            None,
            "a table cell, not a page number"
        );
    }

    #[test]
    fn a_photo_credit_marks_a_caption() {
        assert!(is_photo_credit(
            "Dự án nhà ở xã hội tại phường Tân Triều làm lễ khởi động. Ảnh: Hải Quân"
        ));
        assert!(!is_photo_credit("Ảnh hưởng của thiên tai: Lớn"));
        assert!(!is_photo_credit("Hội nghị đã kết thúc."));
    }

    #[test]
    fn glued_lead_in_gets_its_space_back() {
        assert_eq!(
            unglue_words("môi trườngĐẩy mạnh VssID".to_owned()),
            "môi trường Đẩy mạnh VssID"
        );
    }
}
