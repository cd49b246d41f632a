//! Facet counts: each document's kind, issuer and year, numbered once when the index opens,
//! so counting the best matches of a query is array arithmetic, not string formatting.

use crate::ingest::Metadata;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write;

/// Counts of matching paragraphs by kind, issuer and year: over every match, or estimated
/// like the total from the matches counted past 5,000.
#[derive(Debug, Default, Serialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub issuer: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

/// One value of a facet and how many matches have it.
#[derive(Debug, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// The label shown for a document without a value (no issuer found, say).
const MISSING: &str = "—";

/// The three facets of every document, as numbers into one list of labels per facet. Made
/// when an index is built and saved with it ([`FACETS_FILE`]), so that opening it decodes
/// no head.
#[derive(Serialize, Deserialize)]
pub struct FacetTable {
    labels: [Vec<String>; 3],
    of_document: Vec<[u32; 3]>,
}

/// The file of a generation that holds its [`FacetTable`].
pub const FACETS_FILE: &str = "facets.bin.zst";

/// One facet's labels as they are numbered, first seen first.
#[derive(Default)]
struct Numbering {
    numbers: HashMap<String, u32>,
    labels: Vec<String>,
}

impl Numbering {
    /// The number of `label`, given the next one when it is new: a label seen before is
    /// only looked up, so fifty thousand documents cost a few hundred strings.
    fn number(&mut self, label: &str) -> u32 {
        if let Some(&n) = self.numbers.get(label) {
            return n;
        }
        let n = self.labels.len() as u32;
        self.labels.push(label.to_owned());
        self.numbers.insert(label.to_owned(), n);
        n
    }
}

impl FacetTable {
    /// Numbers the kind, issuer and year labels of every document's metadata, in document
    /// order.
    pub fn new<'a>(documents: impl IntoIterator<Item = &'a Metadata>) -> FacetTable {
        let mut numberings: [Numbering; 3] = Default::default();
        let mut label = String::new();
        let of_document = documents
            .into_iter()
            .map(|meta| {
                std::array::from_fn(|facet| {
                    Self::write_label(facet, meta, &mut label);
                    numberings[facet].number(&label)
                })
            })
            .collect();
        FacetTable {
            labels: numberings.map(|n| n.labels),
            of_document,
        }
    }

    /// Writes into `out` the label of facet `facet` (kind, issuer, year) of `m`.
    fn write_label(facet: usize, m: &Metadata, out: &mut String) {
        out.clear();
        let written = match facet {
            0 => m.kind.map(|k| out.push_str(k.name())),
            1 => m
                .issuer
                .as_ref()
                .map(|i| write!(out, "{i}").unwrap_or_default()),
            _ => m.year.map(|y| write!(out, "{y}").unwrap_or_default()),
        };
        if written.is_none() {
            out.push_str(MISSING);
        }
    }

    /// Counts the facets of the documents (by position) the matches belong to, each match
    /// with how many it stands for (1 when every match was counted), most frequent value
    /// first, ties by value.
    pub fn count(&self, documents: impl Iterator<Item = (usize, f64)>) -> Facets {
        let mut sums = self.labels.each_ref().map(|l| vec![0.0f64; l.len()]);
        for (document, stands_for) in documents {
            let Some(ids) = self.of_document.get(document) else {
                continue;
            };
            for (sum, &id) in sums.iter_mut().zip(ids) {
                sum[id as usize] += stands_for;
            }
        }
        let counts = sums.map(|s| {
            s.into_iter()
                .map(|c| c.round() as usize)
                .collect::<Vec<_>>()
        });
        let [kind, issuer, year] = [0, 1, 2].map(|i| self.ranked(i, &counts[i]));
        Facets { kind, issuer, year }
    }

    fn ranked(&self, facet: usize, counts: &[usize]) -> Vec<FacetCount> {
        let mut ranked: Vec<FacetCount> = counts
            .iter()
            .zip(&self.labels[facet])
            .filter(|(count, _)| **count > 0)
            .map(|(&count, value)| FacetCount {
                value: value.clone(),
                count,
            })
            .collect();
        ranked.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::Kind;

    fn document(kind: Option<Kind>, year: Option<i32>) -> Metadata {
        Metadata {
            kind,
            year,
            ..Metadata::default()
        }
    }

    #[test]
    fn counts_each_match_by_its_document_most_frequent_first() {
        let documents = [
            document(Some(Kind::NghiQuyet), Some(2021)),
            document(Some(Kind::KetLuan), Some(2021)),
            document(None, None),
        ];
        let table = FacetTable::new(&documents);
        let facets = table.count([0, 0, 1, 2, 0].into_iter().map(|d| (d, 1.0)));
        let pairs = |f: &[FacetCount]| -> Vec<(String, usize)> {
            f.iter().map(|c| (c.value.clone(), c.count)).collect()
        };
        assert_eq!(
            pairs(&facets.kind),
            [
                ("Nghị quyết".to_owned(), 3),
                ("Kết luận".to_owned(), 1),
                ("—".to_owned(), 1)
            ]
        );
        assert_eq!(
            pairs(&facets.year),
            [("2021".to_owned(), 4), ("—".to_owned(), 1)]
        );
        assert_eq!(pairs(&facets.issuer), [("—".to_owned(), 5)]);
    }

    #[test]
    fn values_no_match_has_are_left_out() {
        let documents = [document(None, Some(2020)), document(None, Some(2024))];
        let facets = FacetTable::new(&documents).count([(1, 1.0)].into_iter());
        assert_eq!(facets.year.len(), 1);
        assert_eq!(facets.year[0].value, "2024");
    }
}
