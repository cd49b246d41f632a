//! The information panel a legal portal prints above each document (`Số hiệu:`,
//! `Loại văn bản:`, `Ngày ban hành:`...), and the portal's notices above it. The panel's
//! lines are listed as dropped; what they state fills the metadata the document's own header
//! leaves empty.

use super::document::{DateBasis, DropReason, Dropped, Metadata, Signer};
use crate::vocabulary::{Date, DocCode, Kind};

/// What the portal's panel states about the document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Panel {
    /// `Số hiệu:` — the document's number.
    pub number: Option<String>,
    /// `Loại văn bản:` — its kind (`Thông báo`).
    pub kind: Option<String>,
    /// `Nơi ban hành:` — the issuing body (`Văn phòng Chính phủ`).
    pub issuer: Option<String>,
    /// `Người ký:` — the signer's name.
    pub signer: Option<String>,
    /// `Ngày ban hành:` — the signing date as printed (`16/11/2025`).
    pub date: Option<String>,
}

/// The label that opens the panel.
const OPENING: &str = "Số hiệu:";
/// The label whose value closes the panel.
const CLOSING: &str = "Tình trạng:";
/// The panel opens within this many lines of the top, after the portal's notices.
const MAX_PANEL_START: usize = 60;
/// The heading that opens the portal's furniture below the document: its list of related
/// documents, then the comparison help, the portal's address and its notices to customers
/// (one of which cites Nghị định 13/2023/NĐ-CP). On every page of the development corpus
/// with a panel (281), everything from it on is the portal's.
const RELATED: &str = "## Văn bản liên quan";

/// Takes the portal's notices and panel off the top of `text`, and its furniture off the
/// bottom. Returns the text between, the panel, and the lines taken with their reason;
/// `None` for text without a panel.
pub fn take_panel(text: &str) -> Option<(String, Panel, Vec<Dropped>)> {
    let start = text
        .lines()
        .take(MAX_PANEL_START)
        .position(|l| label(l) == Some(OPENING))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut dropped: Vec<Dropped> = lines[..start]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| drop(l, DropReason::SiteChrome))
        .collect();
    let mut panel = Panel::default();
    let mut pending: Option<&str> = None;
    let mut end = start;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let t = line.trim().trim_matches('*').trim();
        if t.is_empty() || t == "|" {
            dropped.extend((!line.trim().is_empty()).then(|| drop(line, DropReason::TableBorder)));
            continue;
        }
        dropped.push(drop(line, DropReason::PortalPanel));
        end = i + 1;
        match (label(line), pending.take()) {
            (Some(l), _) => pending = Some(l),
            (None, Some(CLOSING)) => break,
            (None, Some(l)) => panel.set(l, t),
            (None, None) => {}
        }
    }
    let tail = lines[end..]
        .iter()
        .position(|l| l.trim() == RELATED)
        .map_or(lines.len(), |at| end + at);
    let furniture = lines[tail..].iter().filter(|l| !l.trim().is_empty());
    dropped.extend(furniture.map(|l| drop(l, DropReason::SiteChrome)));
    Some((lines[end..tail].join("\n"), panel, dropped))
}

impl Panel {
    /// Fills the fields the document's own header left empty with what the panel states.
    pub fn fill(self, meta: &mut Metadata) {
        if meta.number.is_none() {
            meta.number = self.number.as_deref().and_then(DocCode::parse);
        }
        if meta.kind.is_none() {
            meta.kind = self.kind.as_deref().and_then(Kind::from_word);
        }
        if meta.issuing_body.is_none() {
            meta.issuing_body = self.issuer;
        }
        if meta.signer.is_none() && self.signer.is_some() {
            meta.signer = Some(Signer {
                name: self.signer,
                ..Signer::default()
            });
        }
        if let Some(date) = self
            .date
            .as_deref()
            .and_then(Date::parse_dmy)
            .filter(|_| meta.date.is_none())
        {
            meta.date = Some(date);
            meta.date_basis = Some(DateBasis::Printed);
            meta.year = Some(date.year());
        }
    }

    fn set(&mut self, label: &str, value: &str) {
        let field = match label {
            "Số hiệu:" => &mut self.number,
            "Loại văn bản:" => &mut self.kind,
            "Nơi ban hành:" => &mut self.issuer,
            "Người ký:" => &mut self.signer,
            "Ngày ban hành:" => &mut self.date,
            _ => return,
        };
        *field = Some(value.to_owned());
    }
}

/// The panel label a line holds (`**Số hiệu:**`, `Ngày hiệu lực:**`), if any.
fn label(line: &str) -> Option<&str> {
    const LABELS: [&str; 9] = [
        "Số hiệu:",
        "Loại văn bản:",
        "Nơi ban hành:",
        "Người ký:",
        "Ngày ban hành:",
        "Ngày hiệu lực:",
        "Ngày công báo:",
        "Số công báo:",
        "Tình trạng:",
    ];
    let t = line.trim().trim_matches('*').trim();
    LABELS.into_iter().find(|l| *l == t)
}

fn drop(line: &str, reason: DropReason) -> Dropped {
    Dropped {
        line: line.trim().to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `take_panel` leaves of `text`, past the table borders after the panel, with the
    /// panel and the lines dropped.
    fn taken(text: &str) -> (String, Panel, Vec<Dropped>) {
        let (rest, panel, dropped) = take_panel(text).unwrap();
        (
            rest.trim_start_matches(['|', '\n']).to_owned(),
            panel,
            dropped,
        )
    }

    /// The top of a page from thuvienphapluat.vn (development corpus `74e2ddc7b11340da.md`).
    #[test]
    fn the_panel_is_read_and_the_document_follows() {
        let text = "Bản dịch này thuộc quyền sở hữu của **\nĐang tải văn bản...\n#\n**Số hiệu:**\n|\n624/TB-VPCP\n|\n**Loại văn bản:**\n|\nThông báo\n|\n**Người ký:**\n|\nPhạm Mạnh Cường\n|\n**Ngày ban hành:**\n|\n16/11/2025\n|\n**\nNgày hiệu lực:**\n|\nĐã biết\n|\n**Tình trạng:**\n|\nĐã biết\n|\n**VĂN PHÒNG CHÍNH PHỦ**";
        let (rest, panel, dropped) = taken(text);
        assert_eq!(rest, "**VĂN PHÒNG CHÍNH PHỦ**");
        assert_eq!(panel.number.as_deref(), Some("624/TB-VPCP"));
        assert_eq!(panel.kind.as_deref(), Some("Thông báo"));
        assert_eq!(panel.signer.as_deref(), Some("Phạm Mạnh Cường"));
        assert_eq!(panel.date.as_deref(), Some("16/11/2025"));
        assert_eq!(dropped[0].reason, DropReason::SiteChrome);
        assert!(
            dropped
                .iter()
                .any(|d| d.line == "624/TB-VPCP" && d.reason == DropReason::PortalPanel)
        );
        assert!(take_panel("Đoạn văn.\n\nSố hiệu: 5").is_none());
    }

    /// The bottom of the same kind of page (development corpus `a8b680520cc297f0.md`): the
    /// related documents and the portal's notices are its furniture, not the document's.
    #[test]
    fn the_furniture_below_the_document_is_dropped() {
        let text = "**Số hiệu:**\n|\n11298/VPCP-KTTH\n|\n**Tình trạng:**\n|\nĐã biết\n|\nCác Bộ nghiên cứu.\n**Mai Thị Thu Vân**\n## Văn bản liên quan\nBan hành:\n04/11/2025\n**Kính gửi:** Quý Thành viên,\nNghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân\n";
        let (rest, _, dropped) = taken(text);
        assert_eq!(rest, "Các Bộ nghiên cứu.\n**Mai Thị Thu Vân**");
        let chrome: Vec<&str> = dropped
            .iter()
            .filter(|d| d.reason == DropReason::SiteChrome)
            .map(|d| d.line.as_str())
            .collect();
        assert_eq!(chrome.len(), 5);
        assert_eq!(chrome[0], RELATED);
        assert!(chrome.contains(&"Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân"));
    }
}
