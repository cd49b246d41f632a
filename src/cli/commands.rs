//! The commands that read an index: `index`, `search`, `refs`, `doc`, `docs`.

use super::emit;
use super::open::{open_for_answer, open_index};
use super::term::{bold, colour, marked};
use crate::index::{self, BuildOptions, IndexDir, SearchIndex, SearchRequest};
use crate::server::LiveIndex;
use crate::views::{
    CITATION_CHARS, DocsEntry, DocumentView, RefsView, SearchView, cut, shown_date, window,
};
use crate::vocabulary::DocCode;
use anyhow::{Result, bail};
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::Path;

fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    emit(&format!("{}\n", serde_json::to_string_pretty(value)?))
}

/// `tracuu index`: builds the index from a corpus folder, reading only new and changed
/// files when it was built from that folder before, unless `full`.
pub fn index(dir: &Path, input: &Path, full: bool, as_json: bool) -> Result<()> {
    let progress = !as_json && std::io::stderr().is_terminal();
    let options = BuildOptions { full, progress };
    let report = index::build(input, &IndexDir::new(dir), options)?;
    if as_json {
        return json(&report);
    }
    let mut out = format!(
        "Đã lập chỉ mục {} văn bản, {} đoạn, {} trích dẫn đến {} văn bản ({} MB trong {} giây) vào {}\n",
        report.documents,
        report.paragraphs,
        report.citations,
        report.cited_documents,
        decimal(report.bytes as f64 / 1e6, 1),
        decimal(report.seconds, 2),
        dir.display()
    );
    if report.incremental {
        writeln!(
            out,
            "  chỉ đọc {} tệp mới hoặc đã sửa; giữ nguyên {} văn bản; bỏ {} văn bản có tệp đã xóa (--full để đọc lại tất cả)",
            report.read, report.kept, report.removed
        )?;
    }
    if report.citations > 0 {
        let shares: Vec<String> = report
            .relations
            .iter()
            .map(|(r, n)| {
                let share = 100.0 * *n as f64 / report.citations as f64;
                format!("{} {n} ({}%)", r.label(), decimal(share, 1))
            })
            .collect();
        writeln!(out, "  Trích dẫn theo quan hệ: {}", shares.join(", "))?;
    }
    for s in &report.skipped {
        writeln!(out, "  bỏ qua {}: {}", s.file, s.reason)?;
    }
    emit(&out)
}

/// A number as Vietnamese readers write it, with a decimal comma (`0,36`).
fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
}

/// `tracuu search`: ranked paragraphs.
pub fn search(dir: &Path, request: SearchRequest, as_json: bool) -> Result<()> {
    let (opened, _stale) = open_for_answer(dir)?;
    let results = opened.search(&request)?;
    let view = SearchView::of(opened, &results);
    if as_json {
        return json(&view);
    }
    emit(&search_text(&view, colour())?)
}

fn search_text(results: &SearchView, colour: bool) -> Result<String> {
    let mut out = super::cards::cards_text(results, colour);
    if results.total == 0 && results.documents_total > 0 {
        return Ok(out);
    }
    let about = if results.total_is_estimate {
        "khoảng "
    } else {
        ""
    };
    writeln!(
        out,
        "{about}{} kết quả cho \"{}\"",
        results.total, results.query
    )?;
    out.push_str(&super::cards::dropped_text(results.dropped_terms));
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out, "\n{:>3}. {}", i + 1, bold(&hit.name, colour))?;
        let place = match hit.footnote {
            Some(_) => hit.section.clone(),
            None => format!("đoạn {}", hit.paragraph),
        };
        writeln!(out, "     {place} · {}", hit.doc_id)?;
        if !hit.section.is_empty() && hit.footnote.is_none() {
            writeln!(out, "     § {}", hit.section)?;
        }
        writeln!(out, "     {}", marked(&hit.snippet, colour))?;
    }
    Ok(out)
}

/// A document's date, else its year, else a dash.
fn when(date: Option<&str>, year: Option<i32>) -> String {
    date.map(shown_date)
        .or(year.map(|y| y.to_string()))
        .unwrap_or_else(|| "—".into())
}

fn parse_code(code: &str) -> Result<DocCode> {
    match DocCode::parse(code) {
        Some(c) => Ok(c),
        None => bail!(
            "«{code}» không phải là số hiệu văn bản: hãy viết như 16-NQ/TU, 17-ĐA/TU hoặc 441/QĐ-UBND."
        ),
    }
}

/// `tracuu refs CODE`: each document the number names, and where it is cited.
pub fn refs(dir: &Path, code: &str, as_json: bool) -> Result<()> {
    let code = parse_code(code)?;
    let (opened, _stale) = open_for_answer(dir)?;
    let view = RefsView::of(opened, &code)?;
    if as_json {
        return json(&view);
    }
    emit(&refs_text(&view, colour())?)
}

fn refs_text(view: &RefsView, colour: bool) -> Result<String> {
    if view.targets.is_empty() {
        return Ok(format!(
            "Không có văn bản nào trích dẫn số {}.\n",
            view.code
        ));
    }
    let mut out = format!(
        "{}: {} văn bản mang số này được trích dẫn\n",
        view.code,
        view.targets.len()
    );
    for t in &view.targets {
        let held = if t.in_corpus {
            "có trong kho"
        } else {
            "không có trong kho"
        };
        writeln!(out, "\n■ {} ({held})", bold(&t.name, colour))?;
        if let Some(subject) = &t.subject {
            writeln!(out, "  về {subject}")?;
        }
        if !t.replaced_by.is_empty() {
            writeln!(out, "  Đã được thay thế bởi {}", t.replaced_by.join(", "))?;
        }
        if !t.amended_by.is_empty() {
            writeln!(
                out,
                "  Đã được sửa đổi, bổ sung bởi {}",
                t.amended_by.join(", ")
            )?;
        }
        for m in &t.mentions {
            let place = match m.footnote {
                Some(n) => format!("chú thích {n}"),
                None => format!("đoạn {}", m.paragraph),
            };
            writeln!(out, "  · [{}] {}, {place}:", m.relation_label, m.name)?;
            writeln!(out, "    {}", around(&m.text, &m.surface))?;
        }
    }
    Ok(out)
}

/// The words around a citation in its paragraph, cut between words.
fn around(text: &str, surface: &str) -> String {
    let at = text.find(surface).unwrap_or(0);
    let focus = at..(at + surface.len()).min(text.len());
    cut(text, window(text, focus, CITATION_CHARS))
}

/// `tracuu doc ID_OR_CODE`: a document, or what the corpus knows of a number.
pub fn doc(dir: &Path, key: &str, as_json: bool) -> Result<()> {
    let (opened, _stale) = open_for_answer(dir)?;
    if let Some(d) = opened.document(key)? {
        return if as_json {
            json(&DocumentView::of(&d))
        } else {
            emit(&super::parse::document_text(&d)?)
        };
    }
    let Some(code) = DocCode::parse(key) else {
        bail!(
            "Không có văn bản «{key}»: hãy đưa một doc_id (xem tracuu docs) hoặc một số hiệu như 16-NQ/TU."
        );
    };
    by_number(opened, &code, as_json)
}

fn by_number(opened: &SearchIndex, code: &DocCode, as_json: bool) -> Result<()> {
    let held = opened.documents_numbered(code)?;
    let refs = RefsView::of(opened, code)?;
    if as_json {
        let documents: Vec<DocumentView> = held.iter().map(DocumentView::of).collect();
        return json(
            &serde_json::json!({ "code": code.canonical(), "documents": documents, "refs": refs }),
        );
    }
    let mut out = match held.len() {
        0 => format!("Kho không có văn bản số {}.\n", code.canonical()),
        n => format!(
            "Kho có {n} văn bản số {}: {}\n",
            code.canonical(),
            held.iter()
                .map(|d| d.doc_id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.push_str(&refs_text(&refs, colour())?);
    emit(&out)
}

/// `tracuu docs`: every document in the index.
pub fn docs(dir: &Path, as_json: bool) -> Result<()> {
    let (opened, _stale) = open_for_answer(dir)?;
    let heads = opened.documents();
    let entries = DocsEntry::list(&heads);
    if as_json {
        return json(&serde_json::json!({ "documents": entries }));
    }
    let mut out = String::new();
    for e in &entries {
        let s = &e.summary;
        let when = when(s.date.as_deref(), s.year);
        writeln!(
            out,
            "{:<24} {:<11} {:<10} {:<32} {}",
            s.doc_id,
            s.kind.unwrap_or("—"),
            when,
            s.issuer.as_deref().unwrap_or("—"),
            s.name
        )?;
    }
    emit(&out)
}

/// Searches that run at once: one more than the cores, so that a core stays busy while a
/// search waits for the disk (an index not yet in memory). More wait their turn, first come
/// first served. Searches use the CPU only, and with more of them than cores each is sliced
/// among the others: eight at once on two cores put the 99th percentile of the bench's HTTP
/// mix at 32-57 ms, three at 20-44 ms, for about as many requests a second. A reload of the
/// index ([`crate::server`]) runs on the same threads and waits its turn like a search.
fn search_threads() -> usize {
    rayon::current_num_threads() + 1
}

/// `tracuu serve`: the HTTP API and the web page until Ctrl-C or SIGTERM.
pub fn serve(dir: &Path, addr: &str) -> Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    let (opened, stale) = open_index(dir)?;
    opened.load_citations()?;
    drop(stale);
    let live = LiveIndex::new(IndexDir::new(dir), opened);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(search_threads())
        .enable_all()
        .build()?;
    runtime.block_on(crate::server::serve(live, addr))
}
