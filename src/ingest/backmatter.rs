//! Separates the end of a document that is metadata, not body text: the distribution list
//! (`Nơi nhận:`), the signature block, a news article's byline.

use super::document::{DropReason, Dropped, Signer};
use super::layout::Layout;
use super::lines::Line;
use regex::Regex;
use std::sync::LazyLock;

/// What the lists and the signature block of a document say about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BackMatter {
    /// The distribution list (`Nơi nhận:`), one recipient per entry.
    pub recipients: Vec<String>,
    /// Whom a letter addresses (`Kính gửi:`), one addressee per entry.
    pub addressees: Vec<String>,
    /// The signature block.
    pub signer: Option<Signer>,
    /// A news article's byline.
    pub author: Option<String>,
    /// Clerks' filing marks under a distribution list (`N/NQ06/80`).
    pub dropped: Vec<Dropped>,
}

static CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:T/M|TM[.\s]|K/T|KT[.\s]|T/L|TL[.\s]|TUQ[.\s]|Q[./]\s*)\s*\p{Lu}")
        .expect("valid pattern")
});
static LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(nơi nhận|đồng kính gửi|kính gửi)\s*:\s*(.*)$").expect("valid pattern")
});
static PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$").expect("valid pattern"));
static FILING_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-ZĐ0-9]+(?:[/.\-][A-ZĐ0-9]+)+$").expect("valid pattern"));
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[(\[]?\s*(?:đã ký|đã ký và đóng dấu|ký tên, đóng dấu|chữ ký số)\s*[)\]]?$")
        .expect("valid pattern")
});

/// Takes the distribution list, the addressees and the signature block out of `lines`,
/// wherever they stand; every other line stays, in order. A web article's last line is its
/// byline when it is a person's name.
pub fn split(lines: Vec<Line>, layout: Layout) -> (Vec<Line>, BackMatter) {
    let mut back = BackMatter::default();
    let mut body = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let taken = match LIST_HEAD.captures(&lines[i].text) {
            Some(c) => {
                let (entries, mut used) = list(&c[2], &lines[i + 1..]);
                let letter = c[1].to_lowercase() == "kính gửi";
                let into = if letter {
                    &mut back.addressees
                } else {
                    &mut back.recipients
                };
                into.extend(entries);
                while let Some(mark) = lines
                    .get(i + 1 + used)
                    .filter(|l| FILING_MARK.is_match(&l.text) && l.text.contains('/'))
                {
                    back.dropped.push(Dropped {
                        line: mark.text.clone(),
                        reason: DropReason::FilingMark,
                    });
                    used += 1;
                }
                used + 1
            }
            None if back.signer.is_none() && CAPACITY.is_match(&lines[i].text) => {
                let (signer, used) = signature(&lines[i..]);
                back.signer = Some(signer);
                used
            }
            None => 0,
        };
        if taken == 0 {
            body.push(lines[i].clone());
            i += 1;
        } else {
            i += taken;
        }
    }
    if layout == Layout::Web && body.last().is_some_and(|l| PERSON.is_match(&l.text)) {
        back.author = body.pop().map(|l| l.text);
    }
    (body, back)
}

/// Words that never end an addressee or a recipient, each waiting for what it governs
/// (`cơ quan thuộc` / `Chính phủ`, `Văn phòng Trung ương và các` / `Ban của Đảng`): an entry
/// ending with one goes on on the next line, whatever its case. But `trực thuộc` ends one
/// (`các đơn vị trực thuộc`: the units under the sender).
const AWAITING: [&str; 8] = ["thuộc", "của", "và", "các", "những", "với", "cho", "tại"];

/// The entries of a list whose head line carried `first`, read from `rest`: bullet lines and
/// the lines that continue them (lower-case, or after a word in [`AWAITING`]). Returns the
/// entries and the lines used.
fn list(first: &str, rest: &[Line]) -> (Vec<String>, usize) {
    let mut out: Vec<String> = recipient(first).into_iter().collect();
    let mut used = 0;
    for line in rest {
        if starts_with_bullet(&line.text) {
            out.extend(recipient(&line.text));
        } else if let Some(last) = out
            .last_mut()
            .filter(|last| line.text.starts_with(char::is_lowercase) || awaits_more(last))
        {
            last.push(' ');
            last.push_str(line.text.trim_end_matches([',', ';', '.']));
        } else {
            break;
        }
        used += 1;
    }
    (out, used)
}

/// Whether an entry ends with a word of [`AWAITING`] (not `trực thuộc`).
fn awaits_more(entry: &str) -> bool {
    let entry = entry.to_lowercase();
    let mut words = entry.rsplit(' ');
    let last = words.next().unwrap_or_default();
    AWAITING.contains(&last) && !(last == "thuộc" && words.next() == Some("trực"))
}

fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(['-', '+', '•'])
}

fn recipient(text: &str) -> Option<String> {
    let r = text
        .trim_start_matches(['-', '+', '•', ' '])
        .trim_end_matches([',', ';', '.', ' '])
        .trim();
    (!r.is_empty()).then(|| r.to_owned())
}

/// Reads the signature block opening `lines`: the capacity lines (`TM. ỦY BAN NHÂN DÂN`,
/// `KT. CHỦ TỊCH`), the position (`PHÓ CHỦ TỊCH`), a `(Đã ký)` mark and the name. Returns
/// it with the number of lines it covers.
fn signature(lines: &[Line]) -> (Signer, usize) {
    let upper = lines
        .iter()
        .take_while(|l| is_upper(&l.text))
        .count()
        .max(1);
    let last_capacity = (0..upper)
        .rev()
        .find(|&k| CAPACITY.is_match(&lines[k].text))
        .unwrap_or(0);
    let join = |range: &[Line]| {
        let words: Vec<&str> = range.iter().map(|l| l.text.as_str()).collect();
        (!words.is_empty()).then(|| words.join(" "))
    };
    let mut used = upper;
    while lines.get(used).is_some_and(|l| SIGNED.is_match(&l.text)) {
        used += 1;
    }
    let name = lines
        .get(used)
        .filter(|l| PERSON.is_match(&l.text))
        .map(|l| l.text.clone());
    used += usize::from(name.is_some());
    let signer = Signer {
        name,
        capacity: join(&lines[..=last_capacity]),
        position: join(&lines[last_capacity + 1..upper]),
    };
    (signer, used)
}

fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .map(|t| Line {
                text: (*t).into(),
                ..Line::default()
            })
            .collect()
    }

    #[test]
    fn distribution_list_and_signature_are_metadata() {
        let doc = lines(&[
            "Nghị quyết này được phổ biến đến chi bộ./.",
            "Nơi nhận:",
            "- Thường trực Tỉnh ủy,",
            "- Lưu Văn phòng Thành ủy.",
            "T/M THÀNH ỦY",
            "BÍ THƯ",
            "Đỗ Trường Sơn",
        ]);
        let (body, back) = split(doc, Layout::Pdf);
        assert_eq!(body.len(), 1);
        assert_eq!(
            back.recipients,
            ["Thường trực Tỉnh ủy", "Lưu Văn phòng Thành ủy"]
        );
        let signer = back.signer.unwrap();
        assert_eq!(signer.name.as_deref(), Some("Đỗ Trường Sơn"));
        assert_eq!(signer.capacity.as_deref(), Some("T/M THÀNH ỦY"));
        assert_eq!(signer.position.as_deref(), Some("BÍ THƯ"));
    }

    /// Đồng Tháp, a decision of the provincial People's Committee (development corpus
    /// `8718801c503045f9.md`): two capacities before the position.
    #[test]
    fn a_signature_with_two_capacities_keeps_the_position_apart() {
        let doc = lines(&[
            "TM. ỦY BAN",
            "NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Huỳnh Minh Tuấn",
            "PHỤ LỤC",
        ]);
        let (body, back) = split(doc, Layout::Markdown);
        let signer = back.signer.unwrap();
        assert_eq!(
            signer.capacity.as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH")
        );
        assert_eq!(signer.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(signer.name.as_deref(), Some("Huỳnh Minh Tuấn"));
        assert_eq!(body.len(), 1, "the appendix after the signature stays");
    }

    /// A letter: `Kính gửi:` and its list are the addressees; the body that follows stays.
    #[test]
    fn a_letter_keeps_its_body_after_the_addressees() {
        let doc = lines(&[
            "Kính gửi:",
            "- Các sở, ban, ngành tỉnh;",
            "- Ủy ban nhân dân các huyện, thành phố.",
            "Thực hiện Công văn số 507/UBND-KT, Sở Nội vụ đề nghị các cơ quan báo cáo.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "GIÁM ĐỐC",
        ]);
        let (body, back) = split(doc, Layout::Markdown);
        assert_eq!(
            back.addressees,
            [
                "Các sở, ban, ngành tỉnh",
                "Ủy ban nhân dân các huyện, thành phố"
            ]
        );
        assert_eq!(back.recipients, ["Như trên", "Lưu: VT"]);
        let texts: Vec<&str> = body.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Thực hiện Công văn số 507/UBND-KT, Sở Nội vụ đề nghị các cơ quan báo cáo.",
                "GIÁM ĐỐC"
            ]
        );
    }

    /// A government letter on thuvienphapluat.vn (development corpus `a8b680520cc297f0.md`):
    /// the addressee wraps after `thuộc`, and its end starts upper-case.
    #[test]
    fn an_addressee_wrapped_after_a_word_awaiting_more_is_one() {
        let doc = lines(&[
            "Kính gửi: Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc",
            "Chính phủ",
            "Xét báo cáo của Bộ Tài",
            "chính tại văn bản số 621/BC-BTC ngày 11 tháng 11 năm 2025 về động",
        ]);
        let (body, back) = split(doc, Layout::Markdown);
        assert_eq!(
            back.addressees,
            ["Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ"]
        );
        assert_eq!(body[0].text, "Xét báo cáo của Bộ Tài");
        let doc = lines(&[
            "Kính gửi:",
            "- Các đơn vị, cơ sở giáo dục trực thuộc",
            "Thực hiện Công văn số 6356/UBND-NNMT",
        ]);
        let (body, back) = split(doc, Layout::Markdown);
        assert_eq!(back.addressees, ["Các đơn vị, cơ sở giáo dục trực thuộc"]);
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn a_news_byline_is_the_author() {
        let (body, back) = split(lines(&["Hội nghị đã kết thúc.", "Khánh Nga"]), Layout::Web);
        assert_eq!(body.len(), 1);
        assert_eq!(back.author.as_deref(), Some("Khánh Nga"));
    }
}
