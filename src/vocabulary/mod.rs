//! The shared vocabulary of Vietnamese documents: kinds, document numbers, issuing bodies
//! and dates. Every later stage (ingest, citations, index, views) speaks these types; this
//! module depends only on `text`.

mod date;
mod doc_code;
pub mod issuer;
mod kind;
mod stored;

pub use date::{Date, MONTH_DATE, NUMERIC_DATE, WORDED_DATE, YEAR_PATTERN, YEARS};
pub use doc_code::DocCode;
pub use issuer::Issuer;
pub use kind::{Kind, KindEntry, Series, type_codes, type_codes_pattern};
