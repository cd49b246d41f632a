//! Document numbers: parse, canonical form, citation extraction, grouping citations into
//! cited documents.

mod citation;
mod doc_code;
mod registry;
mod relation;

pub use citation::{Citation, display_number, extract};
pub use doc_code::DocCode;
pub use registry::{CitedDocument, Located, Mention, Registry, citations_of, same_number};
pub use relation::Relation;
