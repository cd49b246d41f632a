//! The block: a reconstructed heading or paragraph, what paragraph reconstruction hands to
//! the placement of blocks in the document's outline.

use super::document::TableRow;

/// A reconstructed block of text: a heading or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The whole text, lines joined.
    pub text: String,
    /// A section heading rather than body text.
    pub heading: bool,
    /// A photo caption.
    pub caption: bool,
    /// The cells and column labels when the block is a table row.
    pub row: Option<TableRow>,
}
