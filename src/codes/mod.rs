//! Document numbers: parse, canonical form, citation extraction, grouping citations into
//! cited documents.

mod citation;
mod registry;

pub use citation::{Citation, extract};
pub use registry::{CitedDocument, Citing, Located, Mention, Registry, citations_of, same_number};
