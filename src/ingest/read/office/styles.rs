//! Named styles of an office document and what they pass on to the styles based on them.

use std::collections::HashMap;

/// One style: what it sets itself, and the style it is based on.
#[derive(Debug, Default, Clone)]
pub struct Style {
    /// Bold on or off.
    pub bold: Option<bool>,
    /// The font name (Word) or font-face name (OpenDocument).
    pub font: Option<String>,
    /// The style it inherits from.
    pub parent: Option<String>,
    /// The heading level a heading style gives its paragraphs.
    pub heading: Option<usize>,
}

/// Styles by name.
#[derive(Debug, Default)]
pub struct StyleSheet(pub HashMap<String, Style>);

/// Inheritance chains are short; a cycle in a damaged file must not loop forever.
const MAX_STYLE_DEPTH: usize = 16;

impl StyleSheet {
    /// A property of style `name`, inherited through its parents.
    pub fn inherited<'a, T>(
        &'a self,
        name: Option<&str>,
        get: impl Fn(&'a Style) -> Option<T>,
    ) -> Option<T> {
        let mut name = name;
        for _ in 0..MAX_STYLE_DEPTH {
            let style = self.0.get(name?)?;
            if let Some(value) = get(style) {
                return Some(value);
            }
            name = style.parent.as_deref();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_inherited_and_cycles_end() {
        let mut sheet = StyleSheet::default();
        let style = |parent: &str, bold| Style {
            bold,
            parent: Some(parent.into()),
            ..Style::default()
        };
        sheet.0.insert("a".into(), style("b", None));
        sheet.0.insert("b".into(), style("a", None));
        sheet.0.insert("c".into(), style("d", None));
        sheet.0.insert("d".into(), style("x", Some(true)));
        assert_eq!(sheet.inherited(Some("c"), |s| s.bold), Some(true));
        assert_eq!(sheet.inherited(Some("a"), |s| s.bold), None);
    }
}
