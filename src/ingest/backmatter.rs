//! Separates the end of a document that is metadata, not body text: the distribution list
//! (`Nơi nhận:`), the signature block, a news article's byline.

use super::document::Signer;
use super::layout::Layout;
use super::lines::Line;
use regex::Regex;
use std::sync::LazyLock;

/// What the end of a document says about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BackMatter {
    /// The distribution list, one recipient per entry.
    pub recipients: Vec<String>,
    /// The signature block.
    pub signer: Option<Signer>,
    /// A news article's byline.
    pub author: Option<String>,
}

static CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|Q\.)\s*\p{Lu}").expect("valid pattern")
});
static LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:nơi nhận|đồng kính gửi|kính gửi)\s*:\s*(.*)$").expect("valid pattern")
});
static PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$").expect("valid pattern"));

/// Splits `lines` into body lines and back matter.
pub fn split(mut lines: Vec<Line>, layout: Layout) -> (Vec<Line>, BackMatter) {
    let start = lines
        .iter()
        .position(|l| LIST_HEAD.is_match(&l.text) || CAPACITY.is_match(&l.text))
        .unwrap_or(lines.len());
    let tail = lines.split_off(start);
    let mut back = BackMatter {
        recipients: recipients(&tail),
        signer: signer(&tail),
        author: None,
    };
    if layout == Layout::Web && lines.last().is_some_and(|l| PERSON.is_match(&l.text)) {
        back.author = lines.pop().map(|l| l.text);
    }
    (lines, back)
}

fn recipients(tail: &[Line]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for line in tail {
        if let Some(c) = LIST_HEAD.captures(&line.text) {
            in_list = true;
            out.extend(recipient(&c[1]));
        } else if in_list && starts_with_bullet(&line.text) {
            out.extend(recipient(&line.text));
        } else if in_list
            && !out.is_empty()
            && !is_upper(&line.text)
            && !CAPACITY.is_match(&line.text)
        {
            if let Some(last) = out
                .last_mut()
                .filter(|_| line.text.starts_with(char::is_lowercase))
            {
                last.push(' ');
                last.push_str(line.text.trim_end_matches([',', ';', '.']));
            }
        } else {
            in_list = false;
        }
    }
    out
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

fn signer(tail: &[Line]) -> Option<Signer> {
    let at = tail.iter().position(|l| CAPACITY.is_match(&l.text))?;
    let after = &tail[at + 1..];
    let position: Vec<&str> = after
        .iter()
        .take_while(|l| is_upper(&l.text))
        .map(|l| l.text.as_str())
        .collect();
    let name = after[position.len()..]
        .iter()
        .map(|l| l.text.as_str())
        .find(|t| PERSON.is_match(t));
    Some(Signer {
        name: name.map(str::to_owned),
        capacity: Some(tail[at].text.clone()),
        position: (!position.is_empty()).then(|| position.join(" ")),
    })
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

    #[test]
    fn a_news_byline_is_the_author() {
        let (body, back) = split(lines(&["Hội nghị đã kết thúc.", "Khánh Nga"]), Layout::Web);
        assert_eq!(body.len(), 1);
        assert_eq!(back.author.as_deref(), Some("Khánh Nga"));
    }
}
