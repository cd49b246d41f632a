//! Groups the citations of a corpus into the distinct documents they name.
//!
//! The same number names different documents: each committee numbers its own series. A
//! citation is first resolved to the committee whose series it belongs to (the body its
//! sentence names, else the citing document's own committee; `/TW` codes are national),
//! then citations with the same code, series and date are one document. A citation
//! without a date joins the one dated document of its code and series, if there is one.

use super::citation::{Citation, display_number, extract};
use super::relation::Relation;
use crate::ingest::{Document, Metadata};
use crate::vocabulary::{Date, DocCode, Issuer, Kind, issuer::Level};
use compact_str::CompactString;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;

/// Where a document is cited.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mention {
    /// The citing document.
    pub doc_id: CompactString,
    /// Its source file.
    pub file: CompactString,
    /// The citing paragraph (for a footnote, the paragraph that points to it).
    pub paragraph: usize,
    /// The footnote the citation stands in, if it is in one.
    pub footnote: Option<u32>,
    /// The code as printed.
    pub surface: CompactString,
    /// What the citing sentence does to the cited document.
    pub relation: Relation,
    /// Who amends, replaces or repeals it according to the sentence: the document named in
    /// the sentence, else the citing document when it has a number.
    #[serde(default)]
    pub by: Option<String>,
}

/// One document named by citations, as far as the corpus tells about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitedDocument {
    /// The complete canonical code (a partial `17-ĐA` is completed to `17-ĐA/TU`).
    pub code: DocCode,
    /// The kind its citations name (`Quy định số ...`).
    pub kind: Option<Kind>,
    /// The date its citations give.
    pub date: Option<Date>,
    /// The issuing body, resolved to its committee and place.
    pub issuer: Option<Issuer>,
    /// What it is about: the fullest subject its citations give.
    pub subject: Option<String>,
    /// The corpus documents bearing this number, if the corpus holds it.
    pub held_by: Vec<String>,
    /// Every citation of it.
    pub mentions: Vec<Mention>,
    /// The documents that say they replace it (`Quy định số 383-QĐ/TW`).
    pub replaced_by: Vec<String>,
    /// The documents that say they amend it.
    pub amended_by: Vec<String>,
}

impl CitedDocument {
    /// Whether the corpus holds the document itself.
    pub fn in_corpus(&self) -> bool {
        !self.held_by.is_empty()
    }
}

/// A citation found in a document, located.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Located {
    /// The citation as read.
    pub citation: Citation,
    /// Paragraph number (for a footnote, its pointing paragraph).
    pub paragraph: usize,
    /// Footnote number, when the citation is in a footnote.
    pub footnote: Option<u32>,
}

/// Every citation of a document: in its paragraphs, then in its footnotes.
/// A document's own number (`Kèm theo Kế hoạch số 617/KH-UBND` under its appendix) is not a
/// citation of itself.
pub fn citations_of(doc: &Document) -> Vec<Located> {
    let in_paragraphs = doc.paragraphs.iter().flat_map(|p| {
        extract(&p.text).into_iter().map(move |citation| Located {
            citation,
            paragraph: p.n,
            footnote: None,
        })
    });
    let in_footnotes = doc.footnotes.iter().flat_map(|f| {
        extract(&f.text).into_iter().map(move |citation| Located {
            citation,
            paragraph: f.paragraph.unwrap_or(0),
            footnote: Some(f.n),
        })
    });
    let own = doc.meta.number.as_ref().map(DocCode::key);
    in_paragraphs
        .chain(in_footnotes)
        .filter(|l| own.as_ref() != Some(&l.citation.code.key()))
        .collect()
}

/// A citing document as the registry needs it: its ids, its metadata (whose committee
/// and place resolve a citation naming no body) and the citations found in it.
#[derive(Debug, Clone, Copy)]
pub struct Citing<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// Its source file.
    pub file: &'a str,
    /// Its metadata.
    pub meta: &'a Metadata,
    /// Every citation in it, as [`citations_of`] finds them.
    pub citations: &'a [Located],
}

impl<'a> Citing<'a> {
    /// A document with the citations found in it.
    pub fn of(doc: &'a Document, citations: &'a [Located]) -> Citing<'a> {
        Citing {
            doc_id: &doc.doc_id,
            file: &doc.file,
            meta: &doc.meta,
            citations,
        }
    }
}

/// All cited documents of a corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Registry {
    /// Cited documents, ordered by code then date.
    pub documents: Vec<CitedDocument>,
}

/// Code-and-series groups made into cited documents at once: enough to keep both cores
/// busy, few enough that they hold a few megabytes, not the registry.
const GROUPS_AT_ONCE: usize = 8192;

/// A citation read in the context of the document that makes it, borrowing from both.
struct Resolved<'a> {
    code: DocCode,
    issuer: Option<Issuer>,
    /// Inline for the usual `tinh:lao cai`, as the code keys the grouping sorts: with a
    /// string on the heap for each, per citation, a gigabyte's build peaked 25-40 MB higher.
    series: CompactString,
    located: &'a Located,
    doc_id: &'a str,
    file: &'a str,
    /// The citing document as people name it, for `by`.
    citing: Option<&'a str>,
}

impl Registry {
    /// Finds and resolves every citation of `docs` (documents in parallel), then groups them.
    pub fn build(docs: &[Document]) -> Registry {
        let found: Vec<Vec<Located>> = docs.par_iter().map(citations_of).collect();
        let citing: Vec<Citing> = docs
            .iter()
            .zip(&found)
            .map(|(doc, citations)| Citing::of(doc, citations))
            .collect();
        Registry::from_citing(&citing)
    }

    /// Resolves and groups the citations of documents already found, so that a build need
    /// not hold the documents themselves, only what they cite.
    pub fn from_citing(docs: &[Citing]) -> Registry {
        let mut documents = Vec::new();
        let Ok(()) = Registry::each_cited(docs, |d| {
            documents.push(d);
            Ok::<_, Infallible>(())
        });
        Registry { documents }
    }

    /// Resolves and groups the citations of documents already found, handing each cited
    /// document to `each` in registry order, 8,192 groups made at a time: a
    /// build writes them out without ever holding the registry whole (a third of its memory
    /// at a gigabyte of documents). The next groups are made while `each` takes the last:
    /// adding one file to a gigabyte of documents waited 1.2 s on `each` with a core idle.
    /// The resolved citations borrow from `docs` and are grouped by sorting their order,
    /// not cloned into a map: the build of 100 MB of documents peaked at 150 MB here
    /// instead of 196.
    pub fn each_cited<E: Send>(
        docs: &[Citing],
        mut each: impl FnMut(CitedDocument) -> Result<(), E> + Send,
    ) -> Result<(), E> {
        let names: Vec<Option<String>> = docs.par_iter().map(citing_name).collect();
        let resolved: Vec<Resolved> = docs
            .par_iter()
            .zip(&names)
            .flat_map_iter(|(doc, name)| {
                let citing = name.as_deref();
                doc.citations.iter().map(move |l| resolve(l, doc, citing))
            })
            .collect();
        let keys: Vec<CompactString> = resolved.par_iter().map(|r| r.code.key().into()).collect();
        let order = group_order(&keys, &resolved);
        let group = |i: usize| group_of(&keys, &resolved, i);
        let groups: Vec<&[usize]> = order.chunk_by(|&a, &b| group(a) == group(b)).collect();
        let numbered = by_number(docs);
        let make = |run: &[&[usize]]| -> Vec<CitedDocument> {
            run.par_iter()
                .flat_map_iter(|group| split_by_date(group.iter().map(|&i| &resolved[i])))
                .map(|mut cited| {
                    let held = numbered.get(&cited.code.key());
                    cited.held_by = holders(&cited, held.map_or(&[][..], Vec::as_slice));
                    cited
                })
                .collect()
        };
        let mut runs = groups.chunks(GROUPS_AT_ONCE);
        let mut made = runs.next().map(make).unwrap_or_default();
        loop {
            let next = runs.next();
            let hand = || made.into_iter().try_for_each(&mut each);
            let (following, handed) = rayon::join(|| next.map(make), hand);
            handed?;
            match following {
                Some(following) => made = following,
                None => return Ok(()),
            }
        }
    }

    /// The cited documents a code names: all of its meanings. A partial code (`17-ĐA`)
    /// names every document of that number and type.
    pub fn lookup(&self, code: &DocCode) -> Vec<&CitedDocument> {
        self.documents
            .iter()
            .filter(|d| same_number(&d.code, code))
            .collect()
    }
}

/// The positions of `resolved` sorted by group (code key, then series), those of a group in
/// the order they were found: a sort of positions, with most comparisons ended by the keys'
/// leading bytes, not a map that clones every citation into it.
fn group_order(keys: &[CompactString], resolved: &[Resolved]) -> Vec<usize> {
    let mut order: Vec<(u64, usize)> = keys.iter().map(|k| leading_bytes(k)).zip(0..).collect();
    order.par_sort_unstable_by(|&(p, a), &(q, b)| {
        let by_group = || group_of(keys, resolved, a).cmp(&group_of(keys, resolved, b));
        p.cmp(&q).then_with(by_group).then(a.cmp(&b))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

/// The group of resolved citation `i`: its code key and its series.
fn group_of<'r>(
    keys: &'r [CompactString],
    resolved: &'r [Resolved],
    i: usize,
) -> (&'r str, &'r str) {
    (&keys[i], &resolved[i].series)
}

/// The documents that bear a number, by its key.
fn by_number<'d, 'a>(docs: &'d [Citing<'a>]) -> HashMap<String, Vec<&'d Citing<'a>>> {
    let mut by_number: HashMap<String, Vec<&Citing>> = HashMap::new();
    for doc in docs {
        if let Some(number) = &doc.meta.number {
            by_number.entry(number.key()).or_default().push(doc);
        }
    }
    by_number
}

/// The first eight bytes of a key as a number that sorts as the key does (a shorter key is
/// padded with zeros, which no key holds): most comparisons of a sort end on it, without
/// reading the strings.
fn leading_bytes(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Whether `candidate` answers `asked`: the same key, or for a partial question the same
/// number and type. Keys are compared only within a series (a Party key never equals a
/// State one), as a number asked is looked for among every document of that number.
pub fn same_number(candidate: &DocCode, asked: &DocCode) -> bool {
    match asked {
        DocCode::Party {
            number,
            doc_type,
            issuer: None,
        } => {
            matches!(candidate, DocCode::Party { number: n, doc_type: t, .. } if n == number && t == doc_type)
        }
        _ => {
            std::mem::discriminant(candidate) == std::mem::discriminant(asked)
                && candidate.key() == asked.key()
        }
    }
}

fn resolve<'a>(located: &'a Located, doc: &Citing<'a>, citing: Option<&'a str>) -> Resolved<'a> {
    let stated = located.citation.issuer.clone();
    let code = located.citation.code.clone();
    let issuer = match (&code, &stated) {
        (DocCode::State { issuer, .. }, _) => stated.clone().or_else(|| state_body(issuer)),
        (_, Some(s)) if s.level == Level::Central => stated.clone(),
        (
            DocCode::Party {
                issuer: Some(i), ..
            },
            _,
        ) if i == "TW" => central(),
        (_, Some(s)) => Some(s.clone()),
        (_, None) => doc.meta.issuer.clone().map(|mut own| {
            own.body = crate::vocabulary::issuer::Body::Committee;
            own
        }),
    };
    let issuer = issuer.map(|i| {
        let place = place_for(i.level, doc);
        i.located(place)
    });
    let level = issuer.as_ref().map_or(Level::Province, |i| i.level);
    let code = code.completed(level.party_code());
    let series = issuer
        .as_ref()
        .map_or_else(|| format!("unknown:{}", doc.doc_id), Issuer::series_key)
        .into();
    Resolved {
        code,
        issuer,
        series,
        doc_id: doc.doc_id,
        file: doc.file,
        citing,
        located,
    }
}

/// The citing document's number as people say it. A document without one (a news item
/// quoting `Hướng dẫn này thay thế ...`) is not the one that acts, so it names nobody.
fn citing_name(doc: &Citing) -> Option<String> {
    let m = &doc.meta;
    m.number.as_ref().map(|n| display_number(m.kind, n))
}

fn central() -> Option<Issuer> {
    Issuer::parse_phrase("Ban Chấp hành Trung ương").map(|(i, _)| i)
}

fn state_body(code_issuer: &str) -> Option<Issuer> {
    let name = match crate::text::fold(code_issuer).as_str() {
        "cp" => "Chính phủ",
        "ttg" => "Thủ tướng Chính phủ",
        "vpcp" => "Văn phòng Chính phủ",
        "ubnd" => "UBND tỉnh",
        qh if qh.starts_with("qh") => "Quốc hội",
        _ => return None,
    };
    Issuer::parse_phrase(name).map(|(i, _)| i)
}

/// The place a body of `level` named without one belongs to, seen from the citing document.
fn place_for<'a>(level: Level, doc: &Citing<'a>) -> Option<&'a str> {
    let own = doc.meta.issuer.as_ref().map(|i| i.level);
    match level {
        Level::Province | Level::State => doc.meta.province.as_deref(),
        _ if own == Some(level) => doc.meta.locality.as_deref(),
        _ => None,
    }
}

/// Splits one code-and-series group by date; undated citations join the single dated
/// document, or form an undated one when there are none or several.
fn split_by_date<'r, 'a: 'r>(group: impl Iterator<Item = &'r Resolved<'a>>) -> Vec<CitedDocument> {
    let mut by_date: BTreeMap<Option<Date>, Vec<&Resolved>> = BTreeMap::new();
    for r in group {
        by_date.entry(r.located.citation.date).or_default().push(r);
    }
    let dated: Vec<Date> = by_date.keys().flatten().copied().collect();
    if dated.len() == 1
        && let Some(undated) = by_date.remove(&None)
    {
        by_date.entry(Some(dated[0])).or_default().extend(undated);
    }
    by_date
        .into_iter()
        .map(|(date, members)| cited(date, members))
        .collect()
}

fn cited(date: Option<Date>, members: Vec<&Resolved>) -> CitedDocument {
    let best = members
        .iter()
        .filter(|r| r.located.citation.subject.is_some())
        .max_by_key(|r| {
            let c = &r.located.citation;
            (
                c.date.is_some(),
                c.issuer.is_some(),
                std::cmp::Reverse(r.doc_id),
            )
        });
    let stated = members
        .iter()
        .find_map(|r| r.located.citation.issuer.as_ref().and(r.issuer.clone()));
    CitedDocument {
        code: members[0].code.clone(),
        kind: members.iter().find_map(|r| r.located.citation.kind),
        date,
        issuer: stated.or_else(|| members[0].issuer.clone()),
        subject: best.and_then(|r| r.located.citation.subject.clone()),
        held_by: Vec::new(),
        replaced_by: acting(&members, Relation::Replaces),
        amended_by: acting(&members, Relation::Amends),
        mentions: members.iter().map(|r| mention(r)).collect(),
    }
}

fn mention(r: &Resolved) -> Mention {
    let c = &r.located.citation;
    let by = c
        .relation
        .acts_on()
        .then(|| c.by.clone().or_else(|| r.citing.map(str::to_owned)));
    Mention {
        doc_id: r.doc_id.into(),
        file: r.file.into(),
        paragraph: r.located.paragraph,
        footnote: r.located.footnote,
        surface: c.surface.as_str().into(),
        relation: c.relation,
        by: by.flatten(),
    }
}

/// The documents that, by its citations, act on a cited document with `relation`: each
/// named once, in order.
fn acting(members: &[&Resolved], relation: Relation) -> Vec<String> {
    let mut names: Vec<String> = members
        .iter()
        .filter(|r| r.located.citation.relation == relation)
        .filter_map(|r| mention(r).by)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Of the corpus documents numbered with this code, those from the same series and of a
/// compatible date.
fn holders(cited: &CitedDocument, numbered: &[&Citing]) -> Vec<String> {
    let series = cited.issuer.as_ref().map(Issuer::series_key);
    numbered
        .iter()
        .filter(|d| d.meta.issuer.as_ref().map(Issuer::series_key) == series)
        .filter(|d| d.meta.date.is_none() || cited.date.is_none() || d.meta.date == cited.date)
        .map(|d| d.doc_id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse_text;

    /// A resolution of `issuer` whose body is `body`.
    fn resolution(id: &str, issuer: &str, body: &str) -> Document {
        let text = format!("{issuer}\n\nNGHỊ QUYẾT\n\nVề công tác năm 2024\n\n{body}\n");
        parse_text(id, &format!("{id}.txt"), &text)
    }

    fn cited<'a>(registry: &'a Registry, code: &str) -> Vec<&'a CitedDocument> {
        registry.lookup(&DocCode::parse(code).unwrap())
    }

    #[test]
    fn one_number_from_two_committees_is_two_documents() {
        let docs = [
            resolution(
                "a",
                "TỈNH ỦY LÀO CAI",
                "Thực hiện Nghị quyết số 16-NQ/TU, ngày 01/10/2021 của Tỉnh ủy Lào Cai về phát triển thành phố.",
            ),
            resolution(
                "b",
                "TỈNH ỦY ĐỒNG NAI",
                "Thực hiện Nghị quyết số 16-NQ/TU ngày 19/5/2020 của Ban Thường vụ Tỉnh ủy Đồng Nai về phòng, chống tội phạm.",
            ),
        ];
        let registry = Registry::build(&docs);
        let found = cited(&registry, "16-NQ/TU");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_ne!(found[0].issuer, found[1].issuer);
    }

    #[test]
    fn an_undated_citation_joins_the_one_dated_document_of_its_series() {
        let docs = [resolution(
            "a",
            "TỈNH ỦY LÀO CAI",
            "Thực hiện Đề án số 17-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy Lào Cai.\n\nTổ chức thực hiện Đề án số 17-ĐA/TU về công tác dân vận.",
        )];
        let registry = Registry::build(&docs);
        let found = cited(&registry, "17-ĐA/TU");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].mentions.len(), 2);
        assert_eq!(
            found[0].date.map(|d| d.to_string()).as_deref(),
            Some("2020-12-11")
        );
    }

    #[test]
    fn two_dates_are_two_documents_and_then_an_undated_citation_stands_alone() {
        let docs = [resolution(
            "a",
            "TỈNH ỦY LÀO CAI",
            "Theo Kế hoạch số 05-KH/TU ngày 01/02/2021 của Tỉnh ủy.\n\nTheo Kế hoạch số 05-KH/TU ngày 03/04/2023 của Tỉnh ủy.\n\nTheo Kế hoạch số 05-KH/TU của Tỉnh ủy.",
        )];
        let registry = Registry::build(&docs);
        let found = cited(&registry, "05-KH/TU");
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found.iter().any(|d| d.date.is_none()));
    }

    #[test]
    fn a_partial_number_is_completed_with_the_citing_committee_s_code() {
        let docs = [
            resolution(
                "a",
                "TỈNH ỦY LÀO CAI",
                "Tổ chức thực hiện Đề án số 17-ĐA về công tác dân vận.",
            ),
            resolution(
                "b",
                "HUYỆN ỦY BẢO THẮNG",
                "Tổ chức thực hiện Đề án số 09-ĐA về giảm nghèo.",
            ),
        ];
        let registry = Registry::build(&docs);
        assert_eq!(cited(&registry, "17-ĐA/TU").len(), 1);
        assert_eq!(cited(&registry, "09-ĐA/HU").len(), 1);
    }

    #[test]
    fn a_central_number_is_one_document_whoever_cites_it() {
        let docs = [
            resolution(
                "a",
                "TỈNH ỦY LÀO CAI",
                "Quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            ),
            resolution(
                "b",
                "THÀNH ỦY HÀ NỘI",
                "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về khoa học, công nghệ.",
            ),
        ];
        let registry = Registry::build(&docs);
        let found = cited(&registry, "57-NQ/TW");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].mentions.len(), 2);
    }
}
