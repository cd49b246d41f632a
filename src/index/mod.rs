//! Index: schema, parallel atomic build, and search (query -> tantivy query, ranking,
//! snippets, filters).

mod any_of;
mod block_cache;
mod bounds;
mod build;
mod cards;
mod catalog;
mod changes;
mod cited;
mod cores;
mod dates;
mod dictionary;
mod docstore;
mod facets;
mod highlight;
mod merges;
mod paragraph_codes;
mod plan;
mod prune;
mod query;
mod question;
mod ranking;
mod record;
mod rescore;
mod schema;
mod search;
mod segment_file;
mod shorthand;
mod store;
mod tally;

pub use build::{BuildOptions, BuildReport, build};
pub use cards::Card;
pub use catalog::Head;
pub use cited::CitedTable;
pub use facets::{FacetCount, Facets};
pub use query::{MAX_QUERY_CHARS, ParsedQuery, QueryError, parse};
pub use search::{Hit, MAX_LIMIT, SearchError, SearchIndex, SearchRequest, SearchResults};
pub use store::{IndexDir, Manifest};
