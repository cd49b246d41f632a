//! Text for people: highlighted on a terminal, plain when piped.

use std::io::IsTerminal;

/// Whether stdout is a terminal that gets colours.
pub fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Turns a `<mark>` snippet into terminal text: bold yellow marks, or no marks when piped.
pub fn marked(snippet: &str, colour: bool) -> String {
    let (open, close) = if colour {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("", "")
    };
    snippet
        .replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Bold text on a terminal.
pub fn bold(text: &str, colour: bool) -> String {
    if colour {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_colour_or_nothing() {
        assert_eq!(marked("a <mark>b</mark> &lt;c&gt;", false), "a b <c>");
        assert_eq!(marked("<mark>b</mark>", true), "\x1b[1;33mb\x1b[0m");
    }
}
