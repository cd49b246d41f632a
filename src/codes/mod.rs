//! Document numbers: parse, canonical form, citation extraction, grouping citations into
//! cited documents.

mod citation;
mod registry;
mod relation;

pub use citation::{Citation, display_number, extract};
pub use registry::{CitedDocument, Citing, Located, Mention, Registry, citations_of, same_number};
pub use relation::Relation;
