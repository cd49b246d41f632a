//! Guesses the legacy encoding of bytes that are not UTF-8, by how many common Vietnamese
//! words each candidate decoding yields.

use super::Encoding;
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
    fn bytes_that_are_not_vietnamese_have_no_guess() {
        assert_eq!(guess(b"\x01\x02\xff\xfe binary"), None);
    }
}
