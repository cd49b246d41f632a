//! What ranks a paragraph beyond its words: a weight written at index time (short and
//! list-like paragraphs, such as attendee lists, weigh less than substantive ones) and, at
//! query time, a lift for the paragraphs of a document whose title has every word sought.

use crate::text::fold;
use std::collections::HashSet;

/// Weights are stored as percentages in a fast field.
pub const FULL_WEIGHT: u64 = 100;
/// Words from which a paragraph counts as substantive: one short sentence (`Kết luận về
/// phòng chống thiên tai.` and a clause after it); headings and labels are shorter.
const SUBSTANTIVE_WORDS: usize = 12;
/// The weight of a paragraph of one word; it grows linearly to full at
/// [`SUBSTANTIVE_WORDS`].
const SHORTEST_WEIGHT: u64 = 40;
/// Share of capitalised words above which a paragraph reads as a list of names and
/// bodies (`Đồng chí Nguyễn Văn A, Ủy viên Ban Thường vụ, ...`).
const LIST_CAPITALS: f32 = 0.6;
/// What such a list keeps of its weight.
const LIST_WEIGHT: u64 = 60;
/// The lift of a paragraph whose document's title (or trích yếu) has every word sought.
pub const TITLE_LIFT: f32 = 1.5;

/// The weight of a paragraph, in percent: [`FULL_WEIGHT`] for a substantive paragraph.
pub fn weight(text: &str) -> u64 {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let n = words.len().min(SUBSTANTIVE_WORDS) as u64;
    let by_length =
        SHORTEST_WEIGHT + (FULL_WEIGHT - SHORTEST_WEIGHT) * n / SUBSTANTIVE_WORDS as u64;
    let capitals = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    let list = words.len() >= 4 && capitals as f32 > LIST_CAPITALS * words.len() as f32;
    if list {
        by_length * LIST_WEIGHT / FULL_WEIGHT
    } else {
        by_length
    }
}

/// The title that lifts a document's paragraphs: the subject (trích yếu) of a document whose
/// kind the text states, or a news headline. An encyclopedia or Q&A page's headline names
/// its topic in a few words that many of its paragraphs share, so it lifts nothing.
pub fn subject(meta: &crate::ingest::Metadata) -> Option<&str> {
    meta.title.as_deref().filter(|_| meta.kind.is_some())
}

/// The folded syllables of a title, for [`TITLE_LIFT`].
pub fn title_words(title: Option<&str>) -> HashSet<String> {
    let folded = fold(title.unwrap_or_default());
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substantive_paragraphs_weigh_more_than_lines_and_lists() {
        let sentence = "Tập trung lãnh đạo, chỉ đạo triển khai thực hiện có hiệu quả các nhiệm vụ \
                        phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh trên địa bàn tỉnh \
                        trong năm 2024 và những năm tiếp theo.";
        assert_eq!(weight(sentence), FULL_WEIGHT);
        let attendees =
            "Đồng chí Nguyễn Văn An, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo.";
        assert!(weight(attendees) <= LIST_WEIGHT);
        assert!(weight("Nơi nhận:") < 60);
        assert!(weight("Kết luận về phòng chống thiên tai. Dòng thứ hai của kết luận.") > 90);
    }

    #[test]
    fn title_words_are_folded_syllables() {
        let words = title_words(Some("về cao tốc Nội Bài - Lào Cai"));
        assert!(words.contains("noi") && words.contains("lao") && !words.contains("-"));
    }
}
