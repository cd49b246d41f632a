//! Guesses the legacy encoding of bytes that are not UTF-8, or of UTF-8 text that still
//! holds a legacy font's code points, by how many common Vietnamese words each candidate
//! decoding yields.

use super::{Encoding, font_encoding};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Frequent syllables of administrative Vietnamese that carry marks: a wrong decoding turns
/// them into symbols or impossible letters, the right one yields many of them.
const COMMON: &str = "của và các được những trong với đã để có là này về một không cho đến \
năm thực hiện phát triển xã hội đảng công tác chính trị nhiệm vụ quyết nghị tỉnh ủy cấp cơ \
sở kinh tế lãnh đạo chỉ đổi mới người dân nhân tăng cường xây dựng quốc phòng đồng thời \
tiếp tục trên theo từ đề án ban hành quản lý tổ chức cán bộ giải pháp mục tiêu hướng việc \
thành phố huyện ương trung đoàn kết quả đạt học hệ thống đầu tư bảo đảm nâng cao chất lượng";

static WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMON.split_whitespace().collect());

/// How much of a file is enough to tell its encoding: two pages of text hold hundreds of
/// common words, and every candidate decodes the sample, so it is kept short.
const SAMPLE_BYTES: usize = 8 * 1024;

/// The legacy encoding `bytes` are most likely in, or `None` when no candidate yields a
/// single common Vietnamese word (the file is not Vietnamese text).
pub fn guess(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let mut best: Option<(usize, Encoding)> = None;
    for encoding in Encoding::LEGACY {
        let score = score(&encoding.decode(sample));
        if score > best.map_or(0, |(s, _)| s) {
            best = Some((score, encoding));
        }
    }
    best.map(|(_, encoding)| encoding)
}

/// Latin-1 characters that Vietnamese text never uses but TCVN3 (`NghÞ quyÕt`) and VNI
/// (`Nghò quyeát` has `ñ`, `ö`, `ø`...) text read as Windows-1252 is full of.
const LEGACY_MARKS: &str = "µ¶·¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÜÞß®©ª«¬¨±²³´º¿æçëîïñöøûüþÿåä";

/// Where `LEGACY_MARKS` lie: the upper half of Latin-1.
const MARKS_FROM: u32 = 0xA0;

static MARKS: LazyLock<[bool; 0x60]> = LazyLock::new(|| {
    let mut marks = [false; 0x60];
    for c in LEGACY_MARKS.chars() {
        marks[(u32::from(c) - MARKS_FROM) as usize] = true;
    }
    marks
});

fn is_mark(c: char) -> bool {
    let index = u32::from(c).wrapping_sub(MARKS_FROM) as usize;
    MARKS.get(index).copied().unwrap_or(false)
}

/// Fewest marks, per thousand characters, for UTF-8 text to be tried as a legacy font's:
/// a name or a symbol or two must not send proper Unicode text through the conversion.
const MARKS_PER_MILLE: usize = 5;

/// UTF-8 text copied out of a document set in `.VnTime` or `VNI-Times` keeps the font's
/// code points as Latin-1 letters. Returns it converted, with the encoding it was in, when
/// the conversion yields more common Vietnamese words than the text as it is.
pub fn repair(text: &str) -> Option<(String, Encoding)> {
    let end = text
        .char_indices()
        .nth(SAMPLE_BYTES)
        .map_or(text.len(), |(at, _)| at);
    let sample = &text[..end];
    let marks = sample.chars().filter(|c| is_mark(*c)).count();
    if marks * 1000 < sample.chars().count() * MARKS_PER_MILLE {
        return None;
    }
    let as_is = score(sample);
    let (found, best) = [".VnTime", "VNI-Times"]
        .into_iter()
        .filter_map(font_encoding)
        .map(|font| (font, score(&Encoding::decode_font_text(font, sample))))
        .max_by_key(|(_, score)| *score)?;
    (best > as_is * 2).then(|| (Encoding::decode_font_text(found, text), found.encoding))
}

fn score(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_ascii() && WORDS.contains(w.to_lowercase().as_str()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str =
        "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về phát triển kinh tế - xã hội năm 2023.";

    #[test]
    fn each_encoding_is_told_apart_from_the_others() {
        let encoded: [(Encoding, &[u8]); 2] = [
            (
                Encoding::Tcvn3,
                b"Ngh\xde quy\xd5t c\xf1a Ban Ch\xcap h\xb5nh \xa7\xb6ng b\xe9 t\xd8nh v\xd2 ph\xb8t tri\xd3n kinh t\xd5 - x\xb7 h\xe9i n\xa8m 2023.",
            ),
            (
                Encoding::Viscii,
                b"Ngh\xb8 quy\xaat c\xfca Ban Ch\xa4p h\xe0nh \xd0\xe4ng b\xb5 t\xefnh v\xab ph\xe1t tri\xacn kinh t\xaa - x\xe3 h\xb5i n\xe5m 2023.",
            ),
        ];
        for (encoding, bytes) in encoded {
            assert_eq!(encoding.decode(bytes), SENTENCE);
            assert_eq!(guess(bytes), Some(encoding));
        }
    }

    #[test]
    fn utf8_text_left_in_a_legacy_font_is_repaired_and_unicode_left_alone() {
        let tcvn = "Ngh\u{DE} quy\u{D5}t c\u{F1}a Ban Ch\u{CA}p h\u{B5}nh \u{A7}\u{B6}ng b\u{E9}";
        assert_eq!(
            repair(tcvn),
            Some((
                "Nghị quyết của Ban Chấp hành Đảng bộ".to_owned(),
                Encoding::Tcvn3
            ))
        );
        let vni =
            "Ngh\u{F2} quye\u{E1}t cu\u{FB}a Ban Cha\u{E1}p ha\u{F8}nh \u{D1}a\u{FB}ng bo\u{E4}";
        assert_eq!(repair(vni).map(|(_, e)| e), Some(Encoding::Vni));
        assert_eq!(repair(SENTENCE), None);
        assert_eq!(
            repair("Café Müller, Ærø: proper names ÆØÅ in a Unicode text."),
            None
        );
    }

    #[test]
    fn bytes_that_are_not_vietnamese_have_no_guess() {
        assert_eq!(guess(b"\x01\x02\xff\xfe binary"), None);
    }
}
