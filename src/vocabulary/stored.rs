//! Reading back values tracuu stores as their display text (dates, codes, issuers).

use serde::{Deserialize, Deserializer, de::Error};

/// Deserialises a value saved as its display form, with the parser that reads that form.
pub fn from_display<'de, D, T>(
    d: D,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = String::deserialize(d)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("not a valid {what}: {text}")))
}
