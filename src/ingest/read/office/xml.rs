//! A flat list of the elements and text of an XML part, for the office readers to walk.

use quick_xml::events::Event;

/// One event of an XML part. An empty element (`<w:br/>`) is a `Start` then an `End`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element opens: its qualified name (`w:p`) and attributes.
    Start(String, Vec<(String, String)>),
    /// An element closes.
    End(String),
    /// Character data, entities resolved.
    Text(String),
}

impl Node {
    /// The value of attribute `key` of a `Start` node.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Start(_, attrs) => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Parses `xml` into nodes, or says why it is not well formed.
pub fn nodes(xml: &str) -> Result<Vec<Node>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("XML hỏng: {e}"))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                let attrs = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let key = a.key.as_ref().to_owned();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        (key, value)
                    })
                    .collect();
                out.push(Node::Start(name.clone(), attrs));
                if empty {
                    out.push(Node::End(name));
                }
            }
            Event::End(e) => out.push(Node::End(e.name().as_ref().to_owned())),
            Event::Text(e) => out.push(Node::Text(e.xml10_content().into_owned())),
            Event::CData(e) => out.push(Node::Text(e.xml10_content().into_owned())),
            Event::GeneralRef(r) => out.push(Node::Text(entity(&r).to_owned())),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn entity(reference: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    match &**reference {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_empty_elements_are_resolved() {
        let nodes = nodes(r#"<p a="1">Đ&amp;&#x1EA1;<br/></p>"#).unwrap();
        assert_eq!(nodes[0].attr("a"), Some("1"));
        let text: String = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "Đ&ạ");
        assert_eq!(nodes.last(), Some(&Node::End("p".into())));
    }
}
