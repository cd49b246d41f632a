//! The numbers each paragraph cites, as the keys its codes field indexes: the complete key
//! of each cited document (so `17-ĐA` is found as `17-ĐA/TU`) and its partial key (so
//! `17-ĐA` finds every `17-ĐA/...`). A build gathers them from the cited documents as the
//! registry hands them over, and keeps them in flat rows, not maps of strings per paragraph
//! (132 MB at a gigabyte of documents).

use crate::codes::CitedDocument;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// One citation of a cited document by a paragraph or footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    ord: u32,
    paragraph: u32,
    footnote: Option<u32>,
    item: u32,
}

/// The code keys of every paragraph of a build, by document ord.
#[derive(Debug, Default)]
pub struct ParagraphCodes {
    /// Both keys of each cited document, complete then partial, by item.
    keys: Vec<[Box<str>; 2]>,
    /// Sorted once [`ParagraphCodes::sort`] is called.
    rows: Vec<Row>,
}

impl ParagraphCodes {
    /// Adds the next cited document (item `keys.len()`): its keys, and a row for each of its
    /// citations by a corpus document, whose ord `ord_of` gives.
    pub fn add(&mut self, d: &CitedDocument, ord_of: impl Fn(&str) -> Option<u32>) {
        let item = self.keys.len() as u32;
        self.keys
            .push([d.code.key().into(), d.code.partial_key().into()]);
        for m in &d.mentions {
            if let (Some(ord), Ok(paragraph)) = (ord_of(&m.doc_id), u32::try_from(m.paragraph)) {
                let footnote = m.footnote;
                self.rows.push(Row {
                    ord,
                    paragraph,
                    footnote,
                    item,
                });
            }
        }
    }

    /// Orders the rows by document, paragraph and item, for [`ParagraphCodes::of`].
    pub fn sort(&mut self) {
        self.rows.sort_unstable();
    }

    /// The code keys of the document at `ord`.
    pub fn of(&self, ord: usize) -> DocCodes<'_> {
        let ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let start = self.rows.partition_point(|r| r.ord < ord);
        let end = start + self.rows[start..].partition_point(|r| r.ord == ord);
        DocCodes {
            rows: &self.rows[start..end],
            keys: &self.keys,
        }
    }
}

/// The code keys of one document.
pub struct DocCodes<'a> {
    rows: &'a [Row],
    keys: &'a [[Box<str>; 2]],
}

impl<'a> DocCodes<'a> {
    /// The keys of a paragraph (or footnote): each cited document's complete then partial
    /// key, once per citation, in registry order.
    pub fn at(&self, paragraph: usize, footnote: Option<u32>) -> impl Iterator<Item = &'a str> {
        let keys = self.keys;
        let paragraph = u32::try_from(paragraph).unwrap_or(u32::MAX);
        self.rows
            .iter()
            .filter(move |r| r.paragraph == paragraph && r.footnote == footnote)
            .flat_map(move |r| keys[r.item as usize].iter().map(|k| &**k))
    }

    /// A digest of every key of the document by paragraph: a kept document is indexed again
    /// when it changes, because the registry now resolves its citations differently.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = Sha256::new();
        let mut line = String::new();
        for r in self.rows {
            let [key, partial] = &self.keys[r.item as usize];
            line.clear();
            // Writing to a String cannot fail.
            let _ = writeln!(line, "{}:{:?}:{key} {partial}", r.paragraph, r.footnote);
            hasher.update(line.as_bytes());
        }
        let digest = hasher.finalize();
        u64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Registry;
    use crate::ingest::parse_text;

    #[test]
    fn each_paragraph_has_the_keys_of_what_it_cites() {
        let text = "TỈNH ỦY LÀO CAI\n\nNGHỊ QUYẾT\n\nVề công tác năm 2024\n\n\
                    Thực hiện Đề án số 17-ĐA về công tác dân vận.\n\n\
                    Đoạn không trích dẫn.\n\n\
                    Theo Kết luận số 57-KL/TW và Đề án số 17-ĐA/TU.\n";
        let docs = [
            parse_text("a", "a.txt", "Văn bản không trích dẫn gì.\n"),
            parse_text("b", "b.txt", text),
        ];
        let ord_of = |id: &str| ["a", "b"].iter().position(|d| *d == id).map(|p| p as u32);
        let mut codes = ParagraphCodes::default();
        for d in &Registry::build(&docs).documents {
            codes.add(d, ord_of);
        }
        codes.sort();
        assert_eq!(codes.of(0).at(1, None).count(), 0);
        let b = codes.of(1);
        let at = |p: usize| -> Vec<&str> { b.at(p, None).collect() };
        let paragraphs: Vec<usize> = docs[1].paragraphs.iter().map(|p| p.n).collect();
        let (first, last) = (
            paragraphs[paragraphs.len() - 3],
            *paragraphs.last().unwrap(),
        );
        assert_eq!(at(first), ["17-da/tu", "17-da"]);
        assert!(at(last).contains(&"57-kl/tw") && at(last).contains(&"17-da/tu"));
        assert_ne!(b.fingerprint(), codes.of(0).fingerprint());
    }

    /// Kept documents are indexed again when their fingerprint changes, so a new way of
    /// working it out would index a whole archive again at its first incremental build.
    #[test]
    fn a_fingerprint_digests_the_same_lines_as_before() {
        let keys = vec![["17-da/tu".into(), "17-da".into()]];
        let rows = [(3, None), (5, Some(2))].map(|(paragraph, footnote)| Row {
            ord: 0,
            paragraph,
            footnote,
            item: 0,
        });
        let codes = DocCodes {
            rows: &rows,
            keys: &keys,
        };
        let digest = Sha256::digest("3:None:17-da/tu 17-da\n5:Some(2):17-da/tu 17-da\n");
        let expected = u64::from_le_bytes(digest[..8].try_into().unwrap());
        assert_eq!(codes.fingerprint(), expected);
    }
}
