//! Word's automatic list numbering (`word/numbering.xml`): the label (`1.`, `a)`, `II.`,
//! `-`) each numbered paragraph shows, which the reconstruction reads sections from.

use super::xml::{Node, nodes};
use std::collections::HashMap;

/// Word has nine list levels.
const LEVELS: usize = 9;

/// How one level of a list is labelled.
#[derive(Debug, Clone, Default)]
struct Level {
    /// `decimal`, `lowerLetter`, `upperRoman`, `bullet`...
    format: String,
    /// The label pattern: `%1.`, `%1.%2.`, `a)`.
    text: String,
    /// The first number.
    start: u32,
}

/// The lists of a Word document, and how far each has counted.
#[derive(Debug, Default)]
pub struct Numbering {
    /// List id -> abstract list id.
    lists: HashMap<String, String>,
    /// (abstract list id, level) -> how it is labelled.
    levels: HashMap<(String, usize), Level>,
    /// List id -> the count at each level.
    counts: HashMap<String, [u32; LEVELS]>,
}

impl Numbering {
    /// Reads `word/numbering.xml`; no part means no lists.
    pub fn parse(xml: Option<&str>) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let Some(xml) = xml else { return Ok(numbering) };
        let (mut abstract_id, mut num_id, mut level) = (None, None, None);
        for node in nodes(xml)? {
            let Node::Start(name, _) = &node else {
                continue;
            };
            let val = node.attr("w:val").map(str::to_owned);
            match name.as_str() {
                "w:abstractNum" => abstract_id = node.attr("w:abstractNumId").map(str::to_owned),
                "w:lvl" => level = node.attr("w:ilvl").and_then(|l| l.parse::<usize>().ok()),
                "w:num" => num_id = node.attr("w:numId").map(str::to_owned),
                "w:abstractNumId" => {
                    if let (Some(num), Some(target)) = (num_id.clone(), val) {
                        numbering.lists.insert(num, target);
                    }
                }
                "w:numFmt" | "w:lvlText" | "w:start" => {
                    let (Some(id), Some(l), Some(val)) = (abstract_id.clone(), level, val) else {
                        continue;
                    };
                    let entry = numbering.levels.entry((id, l)).or_insert(Level {
                        start: 1,
                        ..Level::default()
                    });
                    match name.as_str() {
                        "w:numFmt" => entry.format = val,
                        "w:lvlText" => entry.text = val,
                        _ => entry.start = val.parse().unwrap_or(1),
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// The label of the next paragraph of list `num_id` at `level`, counting it.
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let target = self.lists.get(num_id)?.clone();
        let level = level.min(LEVELS - 1);
        let starts: Vec<u32> = (0..LEVELS)
            .map(|l| self.level(&target, l).map_or(1, |lv| lv.start))
            .collect();
        let counts = self.counts.entry(num_id.to_owned()).or_insert([0; LEVELS]);
        counts[level] = if counts[level] == 0 {
            starts[level]
        } else {
            counts[level] + 1
        };
        counts[level + 1..].fill(0);
        let counts = *counts;
        let this = self.level(&target, level)?;
        if this.format == "bullet" {
            return Some("-".into());
        }
        let mut label = this.text.clone();
        for l in (0..=level).rev() {
            let format = self
                .level(&target, l)
                .map_or("decimal", |lv| lv.format.as_str());
            label = label.replace(
                &format!("%{}", l + 1),
                &number(counts[l].max(starts[l]), format),
            );
        }
        (!label.trim().is_empty()).then_some(label)
    }

    fn level(&self, abstract_id: &str, level: usize) -> Option<&Level> {
        self.levels.get(&(abstract_id.to_owned(), level))
    }
}

/// `n` written the way a list format writes it.
fn number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn letter(n: u32) -> String {
    let index = (n.max(1) - 1) % 26;
    char::from(b'A' + index as u8).to_string()
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
      </w:numbering>"#;

    #[test]
    fn labels_count_per_level_and_restart_below() {
        let mut n = Numbering::parse(Some(XML)).unwrap();
        let labels: Vec<Option<String>> = [
            (0, "5"),
            (1, "5"),
            (1, "5"),
            (2, "5"),
            (0, "5"),
            (1, "5"),
            (0, "6"),
        ]
        .iter()
        .map(|(level, id)| n.next_label(id, *level))
        .collect();
        let expected = ["I.", "1.", "2.", "a)", "II.", "1.", "-"];
        assert_eq!(labels, expected.map(|l| Some(l.to_owned())));
        assert_eq!(n.next_label("9", 0), None);
    }
}
