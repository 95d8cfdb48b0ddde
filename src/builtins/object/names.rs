//! XML characters and names: what XML 1.0 (fifth edition, §2.2 and §2.3)
//! allows, which the reader checks, and the stricter names the writer accepts
//! as keys (functions-text-data.md §4.6).

/// Whether XML 1.0 can contain `c` at all (the `Char` production): tab, line
/// feed, carriage return and everything from U+0020 except the surrogates,
/// U+FFFE and U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// The first character of an XML name (`NameStartChar`).
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// A later character of an XML name (`NameChar`).
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}'
            | '\u{300}'..='\u{36F}'
            | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an XML 1.0 `Name` (what the reader accepts as element and
/// attribute names; prefixes are not looked at).
pub fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// Whether `s` is a qualified name of XML Namespaces: a name with at most one
/// `:`, between two non-empty parts (what the SOAP reader requires).
pub fn is_qname(s: &str) -> bool {
    is_xml_name(s) && {
        let mut parts = s.split(':');
        parts.all(|p| !p.is_empty()) && s.matches(':').count() <= 1
    }
}

/// Whether the writer accepts `s` as an element or attribute name (§4.6):
/// letters, digits, `_`, `-` and `.`, at most one `:` between two non-empty
/// parts, and neither part starting with a digit, `-` or `.`. Every such name
/// is also an XML name and a qualified name, so the reader reads it back.
pub fn is_writable_name(s: &str) -> bool {
    let mut parts = s.split(':');
    let ok = parts.by_ref().take(2).all(writable_part);
    ok && parts.next().is_none()
}

/// One part of a writable name: a letter or `_` first, then letters, digits,
/// `_`, `-` and `.`; each character also an XML name character there.
fn writable_part(p: &str) -> bool {
    let mut chars = p.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || (first.is_alphabetic() && !first.is_numeric()))
        && is_name_start_char(first)
        && chars.all(|c| {
            (c.is_alphabetic() || c.is_numeric() || matches!(c, '_' | '-' | '.')) && is_name_char(c)
        })
}

/// XML whitespace (§2.3 `S`): space, tab, carriage return, line feed.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// `s` without leading and trailing XML whitespace.
pub fn trim_xml_space(s: &str) -> &str {
    s.trim_matches(is_xml_space)
}

/// The 1-based line and column (in characters) of byte `offset` of `input`.
/// A line ends at `\n`, `\r\n` or a lone `\r`; an offset past the end or
/// inside a character counts from the character before it.
pub fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(input.len());
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    let (mut line, mut column, mut after_cr) = (1, 1, false);
    for c in input[..end].chars() {
        match c {
            '\n' if after_cr => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
        after_cr = c == '\r';
    }
    (line, column)
}
