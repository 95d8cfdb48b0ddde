//! Reading XML into values by the mapping of functions-text-data.md §4.4
//! (xmltodict's): `"@name"` attributes, `"#text"`, repeated elements as Lists
//! at their first position, every leaf Text, whitespace-only text as none.
//!
//! quick-xml tokenizes; it is lenient, so this module adds the well-formedness
//! checks it leaves out (names, one root element, text outside it, undefined
//! entities, characters XML cannot contain, unclosed elements) and refuses any
//! `<!DOCTYPE>`, so that no entity is ever expanded. Every error is a
//! `FormatError` that gives the line and column.
//!
//! The value is built with an explicit stack of open elements, so nesting
//! depth costs heap, never call stack. Elements nested deeper than
//! [`MAX_DEPTH`] are a `LimitError`: values are dropped recursively, and a
//! value thousands of levels deep could overflow the stack of whichever
//! thread lets go of it.
//!
//! The same reader serves the SOAP functions (§4.8): with namespace resolution
//! (quick-xml's `NsReader`), names reduced to their local part, namespace
//! declarations dropped, and the envelope's `Header` and `Body` picked out.

use std::sync::Arc;

use indexmap::IndexMap;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{resolve_predefined_entity, EscapeError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::{NsReader, Reader, XmlVersion};
use rustc_hash::FxBuildHasher;

use super::names::{is_qname, is_xml_char, is_xml_name, is_xml_space, line_column, trim_xml_space};
use crate::builtins::format::bounded::{chunks, CHUNK};
use crate::builtins::CallCtx;
use crate::error::{Error, Result};
use crate::value::{ObjectMap, Value};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The SOAP 1.2 envelope namespace.
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// The deepest nesting of elements read (the language's own source nesting
/// limit): with a List level for repeated names, values stay within 2 000 levels.
pub const MAX_DEPTH: usize = 1000;

/// Reads an XML document: the root element's name and value.
pub fn read_document(cx: &CallCtx<'_>, input: &str) -> Result<(Arc<str>, Value)> {
    let input = strip_bom(input);
    let mut b = Builder::new(cx, input, Mode::Plain);
    let mut reader = Reader::from_str(input);
    reader.config_mut().check_comments = true;
    b.run(&mut reader)?;
    b.root
        .take()
        .ok_or_else(|| b.malformed(input.len(), "the document has no root element"))
}

/// The parts of a SOAP envelope, converted (§4.8).
pub struct Envelope {
    /// The content of `Header`, when the envelope has one.
    pub header: Option<Value>,
    /// The content of `Body`.
    pub body: Value,
}

/// Reads a SOAP 1.1 or 1.2 envelope.
pub fn read_envelope(cx: &CallCtx<'_>, input: &str) -> Result<Envelope> {
    let input = strip_bom(input);
    let mut b = Builder::new(cx, input, Mode::Soap);
    let mut reader = NsReader::from_str(input);
    reader.config_mut().check_comments = true;
    b.run(&mut reader)?;
    match b.body.take() {
        Some(body) => Ok(Envelope {
            header: b.header.take(),
            body,
        }),
        None => Err(b.format(
            b.envelope_at,
            "not a SOAP envelope with a body: the Envelope has no Body",
        )),
    }
}

/// A byte order mark at the start is not content.
fn strip_bom(input: &str) -> &str {
    input.strip_prefix('\u{FEFF}').unwrap_or(input)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Names as written, namespace declarations as attributes (§4.4).
    Plain,
    /// Namespaces resolved, local names, declarations dropped (§4.8).
    Soap,
}

/// The namespace of a name, as far as the SOAP reader needs to know it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    /// Plain reading does not resolve namespaces.
    Unresolved,
    /// No namespace.
    Unbound,
    Soap11,
    Soap12,
    Other,
    /// A prefix that no declaration in scope binds.
    Undeclared,
}

fn classify(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Unbound => Ns::Unbound,
        ResolveResult::Unknown(_) => Ns::Undeclared,
        ResolveResult::Bound(ns) => match ns.0 {
            SOAP11_NS => Ns::Soap11,
            // SOAP 1.2 with a trailing '/', as widespread examples write it.
            n if n.strip_suffix('/').unwrap_or(n) == SOAP12_NS => Ns::Soap12,
            _ => Ns::Other,
        },
    }
}

/// Where events come from: quick-xml's plain reader or its namespace-aware one.
trait Source<'i> {
    /// The next event, with the namespace of its element name.
    fn next_event(&mut self) -> quick_xml::Result<(Ns, Event<'i>)>;
    /// The byte offset just after the last event.
    fn offset(&self) -> usize;
    /// The byte offset of the last error.
    fn error_offset(&self) -> usize;
    /// The namespace of an attribute name of the element just read.
    fn attribute_ns(&self, name: QName<'_>) -> Ns;
}

impl<'i> Source<'i> for Reader<&'i [u8]> {
    fn next_event(&mut self) -> quick_xml::Result<(Ns, Event<'i>)> {
        self.read_event().map(|e| (Ns::Unresolved, e))
    }
    fn offset(&self) -> usize {
        usize::try_from(self.buffer_position()).unwrap_or(usize::MAX)
    }
    fn error_offset(&self) -> usize {
        usize::try_from(self.error_position()).unwrap_or(usize::MAX)
    }
    fn attribute_ns(&self, _: QName<'_>) -> Ns {
        Ns::Unresolved
    }
}

impl<'i> Source<'i> for NsReader<&'i [u8]> {
    fn next_event(&mut self) -> quick_xml::Result<(Ns, Event<'i>)> {
        let (ns, e) = self.read_resolved_event()?;
        Ok((classify(&ns), e))
    }
    fn offset(&self) -> usize {
        usize::try_from(self.buffer_position()).unwrap_or(usize::MAX)
    }
    fn error_offset(&self) -> usize {
        usize::try_from(self.error_position()).unwrap_or(usize::MAX)
    }
    fn attribute_ns(&self, name: QName<'_>) -> Ns {
        classify(&self.resolver().resolve_attribute(name).0)
    }
}

/// What an open element is to the SOAP reader.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Element,
    Envelope,
    Header,
    Body,
}

/// Child values by name, in the order the names first appear.
type Children = IndexMap<Arc<str>, Vec<Value>, FxBuildHasher>;

/// An open element.
struct Frame {
    /// The key it gets in its parent.
    name: Arc<str>,
    /// Byte offset of its `<`.
    start: usize,
    role: Role,
    /// `"@name"` members, in document order.
    attrs: ObjectMap,
    children: Children,
    /// Character data, CDATA and references so far, decoded.
    text: String,
}

impl Frame {
    /// The element's value (§4.4).
    fn into_value(self) -> Value {
        let text = trim_xml_space(&self.text);
        if self.attrs.is_empty() && self.children.is_empty() {
            return if text.is_empty() {
                Value::Null
            } else {
                Value::text(text)
            };
        }
        let text = (!text.is_empty()).then(|| Value::text(text));
        let mut map = self.attrs;
        insert_children(&mut map, self.children);
        if let Some(text) = text {
            map.insert(Arc::from("#text"), text);
        }
        Value::object(map)
    }

    /// Its child elements as an Object, attributes and text left out: the
    /// content of a SOAP `Header` or `Body`.
    fn into_content(self) -> Value {
        let mut map = ObjectMap::with_capacity_and_hasher(self.children.len(), Default::default());
        insert_children(&mut map, self.children);
        Value::object(map)
    }
}

/// One member per child name: the value, or a List when the name repeats.
fn insert_children(map: &mut ObjectMap, children: Children) {
    for (name, mut values) in children {
        let v = if values.len() == 1 {
            values.pop().unwrap_or_default()
        } else {
            Value::list(values)
        };
        map.insert(name, v);
    }
}

struct Builder<'c, 'a> {
    cx: &'c CallCtx<'c>,
    input: &'a str,
    mode: Mode,
    stack: Vec<Frame>,
    /// The root element, once closed (plain reading).
    root: Option<(Arc<str>, Value)>,
    seen_root: bool,
    /// SOAP: the envelope's namespace and where it starts.
    envelope_ns: Ns,
    envelope_at: usize,
    saw_header: bool,
    saw_body: bool,
    header: Option<Value>,
    body: Option<Value>,
}

impl<'c, 'a> Builder<'c, 'a> {
    fn new(cx: &'c CallCtx<'c>, input: &'a str, mode: Mode) -> Self {
        Builder {
            cx,
            input,
            mode,
            stack: Vec::new(),
            root: None,
            seen_root: false,
            envelope_ns: Ns::Unbound,
            envelope_at: 0,
            saw_header: false,
            saw_body: false,
            header: None,
            body: None,
        }
    }

    /// A `FormatError` at byte `offset`: `message (at line L, column C)`.
    fn format(&self, offset: usize, message: impl std::fmt::Display) -> Error {
        let (line, column) = line_column(self.input, offset);
        self.cx
            .format_error(0, format!("{message} (at line {line}, column {column})"))
    }

    /// A `FormatError` for XML that is not well-formed.
    fn malformed(&self, offset: usize, message: impl std::fmt::Display) -> Error {
        self.format(offset, format!("malformed XML: {message}"))
    }

    /// Reads every event to the end of the input.
    fn run<'i, S: Source<'i>>(&mut self, src: &mut S) -> Result<()> {
        let mut offset = 0;
        for piece in chunks(self.input, CHUNK) {
            self.cx.budget.ticks_n(piece.len())?;
            if let Some((i, c)) = piece.char_indices().find(|(_, c)| !is_xml_char(*c)) {
                return Err(self.malformed(
                    offset + i,
                    format!("the character U+{:04X} is not allowed in XML", u32::from(c)),
                ));
            }
            offset += piece.len();
        }
        loop {
            let at = src.offset();
            let (ns, event) = match src.next_event() {
                Ok(x) => x,
                // quick-xml gives no position for namespace errors: they are
                // about the tag just read.
                Err(e @ XmlError::Namespace(_)) => return Err(self.malformed(at, describe(&e))),
                Err(e) => return Err(self.malformed(src.error_offset(), describe(&e))),
            };
            // Each event ticks for the bytes it took.
            self.cx
                .budget
                .ticks_n(src.offset().saturating_sub(at) + 1)?;
            match event {
                Event::Decl(d) => {
                    if at != 0 {
                        return Err(self.malformed(
                            at,
                            "the XML declaration may only come first in the document",
                        ));
                    }
                    if let Err(e) = d.version() {
                        return Err(self.malformed(at, describe(&e)));
                    }
                }
                Event::DocType(_) => {
                    return Err(self.format(
                        at,
                        "a document type declaration (<!DOCTYPE ...>) is not allowed",
                    ))
                }
                Event::PI(_) | Event::Comment(_) => {}
                Event::Start(e) => self.open(src, at, ns, &e)?,
                Event::Empty(e) => {
                    self.open(src, at, ns, &e)?;
                    self.close(at)?;
                }
                Event::End(_) => self.close(at)?,
                Event::Text(t) => {
                    if let Some(i) = t.find("]]>") {
                        return Err(self.malformed(at + i, "\"]]>\" is not allowed in text"));
                    }
                    self.text(at, &t.xml10_content())?;
                }
                Event::CData(c) => self.data(at, &c.xml10_content(), "a CDATA section")?,
                Event::GeneralRef(r) => match reference(&r) {
                    Ok(s) => self.data(at, &s, "a reference")?,
                    Err(message) => return Err(self.malformed(at, message)),
                },
                Event::Eof => return self.end(),
            }
        }
    }

    /// Character data: inside an element it is text, outside only whitespace may be.
    fn text(&mut self, at: usize, text: &str) -> Result<()> {
        match self.stack.last_mut() {
            Some(frame) => {
                frame.text.push_str(text);
                Ok(())
            }
            None => match text.char_indices().find(|(_, c)| !is_xml_space(*c)) {
                Some((i, _)) => Err(self.malformed(at + i, "text outside the root element")),
                None => Ok(()),
            },
        }
    }

    /// CDATA or a reference's text: only inside an element.
    fn data(&mut self, at: usize, text: &str, what: &str) -> Result<()> {
        match self.stack.last_mut() {
            Some(frame) => {
                frame.text.push_str(text);
                Ok(())
            }
            None => Err(self.malformed(at, format!("{what} outside the root element"))),
        }
    }

    /// A start tag: checks its names and attributes and opens a frame.
    fn open<'i, S: Source<'i>>(
        &mut self,
        src: &S,
        at: usize,
        ns: Ns,
        e: &BytesStart<'_>,
    ) -> Result<()> {
        let raw = e.name();
        let raw: &str = raw.as_ref();
        if !is_xml_name(raw) {
            return Err(self.malformed(at + 1, format!("\"{raw}\" is not an XML name")));
        }
        if self.stack.len() >= MAX_DEPTH {
            let (line, column) = line_column(self.input, at);
            return Err(Error::limit(format!(
                "{}: the XML nests elements more than {MAX_DEPTH} deep (at line {line}, column {column})",
                self.cx.name()
            )));
        }
        if self.stack.is_empty() && self.seen_root {
            return Err(self.malformed(
                at,
                format!("a second root element <{raw}> (a document has one)"),
            ));
        }
        let (name, role) = match self.mode {
            Mode::Plain => (Arc::from(raw), Role::Element),
            Mode::Soap => {
                let local = self.soap_name(at, raw, ns)?;
                (Arc::from(local), self.soap_role(at, raw, local, ns)?)
            }
        };
        self.seen_root = true;
        let attrs = self.attributes(src, at, e)?;
        self.stack.push(Frame {
            name,
            start: at,
            role,
            attrs,
            children: Children::default(),
            text: String::new(),
        });
        Ok(())
    }

    /// The local name of a qualified name whose prefix is declared.
    fn soap_name<'n>(&self, at: usize, raw: &'n str, ns: Ns) -> Result<&'n str> {
        if !is_qname(raw) {
            return Err(self.malformed(
                at + 1,
                format!("\"{raw}\" is not a qualified name (one ':' at most, between two parts)"),
            ));
        }
        match raw.split_once(':') {
            Some((prefix, _)) if ns == Ns::Undeclared => Err(self.malformed(
                at + 1,
                format!("the namespace prefix \"{prefix}\" is not declared"),
            )),
            Some((_, local)) => Ok(local),
            None => Ok(raw),
        }
    }

    /// What an element is in the envelope's structure.
    fn soap_role(&mut self, at: usize, raw: &str, local: &str, ns: Ns) -> Result<Role> {
        let parent = self.stack.last().map(|f| f.role);
        match parent {
            None => {
                if local == "Envelope" && matches!(ns, Ns::Soap11 | Ns::Soap12) {
                    self.envelope_ns = ns;
                    self.envelope_at = at;
                    Ok(Role::Envelope)
                } else {
                    Err(self.format(
                        at,
                        format!(
                            "not a SOAP envelope: the root element <{raw}> is not an Envelope in the SOAP 1.1 or 1.2 namespace"
                        ),
                    ))
                }
            }
            Some(Role::Envelope) if ns == self.envelope_ns && local == "Header" => {
                if self.saw_header || self.saw_body {
                    return Err(self.format(
                        at,
                        "not a SOAP envelope: a Header may only come once, before the Body",
                    ));
                }
                self.saw_header = true;
                Ok(Role::Header)
            }
            Some(Role::Envelope) if ns == self.envelope_ns && local == "Body" => {
                if self.saw_body {
                    return Err(self.format(at, "not a SOAP envelope: a second Body"));
                }
                self.saw_body = true;
                Ok(Role::Body)
            }
            _ => Ok(Role::Element),
        }
    }

    /// The `"@name"` members of a start tag.
    fn attributes<'i, S: Source<'i>>(
        &self,
        src: &S,
        at: usize,
        e: &BytesStart<'_>,
    ) -> Result<ObjectMap> {
        let mut attrs = ObjectMap::default();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| {
                let (pos, message) = attr_error(&err);
                self.malformed(at + 1 + pos, message)
            })?;
            let key: &str = attr.key.as_ref();
            if !is_xml_name(key) {
                return Err(self.malformed(at, format!("\"{key}\" is not an attribute name")));
            }
            if attr.value.contains('<') {
                return Err(self.malformed(
                    at,
                    format!("'<' is not allowed in the value of attribute \"{key}\""),
                ));
            }
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| {
                    self.malformed(at, format!("attribute \"{key}\": {}", describe(&err)))
                })?;
            if let Some(c) = value.chars().find(|c| !is_xml_char(*c)) {
                return Err(self.malformed(
                    at,
                    format!(
                        "attribute \"{key}\" refers to U+{:04X}, which XML does not allow",
                        u32::from(c)
                    ),
                ));
            }
            let name = match self.mode {
                Mode::Plain => key,
                Mode::Soap => {
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    self.soap_name(at, key, src.attribute_ns(attr.key))?
                }
            };
            // Duplicates are refused by quick-xml; in SOAP reading two names
            // may meet after their prefixes are gone, and the later wins.
            attrs.insert(Arc::from(format!("@{name}")), Value::text(value));
        }
        Ok(attrs)
    }

    /// An end tag (or the end of an empty-element tag): the element's value
    /// goes to its parent.
    fn close(&mut self, at: usize) -> Result<()> {
        let Some(frame) = self.stack.pop() else {
            return Err(self.malformed(at, "an end tag without a start tag"));
        };
        match frame.role {
            Role::Element => {
                let name = frame.name.clone();
                let v = frame.into_value();
                match self.stack.last_mut() {
                    Some(parent) => {
                        let values = parent.children.entry(name).or_default();
                        values.push(v);
                        let n = values.len();
                        self.cx.check_list_size(n as u128)?;
                    }
                    None => self.root = Some((name, v)),
                }
            }
            Role::Header => self.header = Some(frame.into_content()),
            Role::Body => self.body = Some(frame.into_content()),
            Role::Envelope => {}
        }
        Ok(())
    }

    /// The end of the input: every element must be closed, and there must have been one.
    fn end(&self) -> Result<()> {
        if let Some(open) = self.stack.last() {
            let (line, column) = line_column(self.input, open.start);
            return Err(self.malformed(
                self.input.len(),
                format!(
                    "the input ends inside <{}>, opened at line {line}, column {column}",
                    open.name
                ),
            ));
        }
        if !self.seen_root {
            return Err(self.malformed(self.input.len(), "the document has no root element"));
        }
        Ok(())
    }
}

/// The text of a reference: a character reference to a character XML
/// allows, or one of the five predefined entities.
fn reference(r: &BytesRef<'_>) -> std::result::Result<String, String> {
    let name: &str = r;
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c.to_string()),
            Ok(Some(c)) => Err(format!(
                "&{name}; refers to U+{:04X}, which XML does not allow",
                u32::from(c)
            )),
            _ => Err(format!("&{name}; is not a valid character reference")),
        };
    }
    match resolve_predefined_entity(name) {
        Some(s) => Ok(s.to_string()),
        None => Err(format!("the entity &{name}; is not defined")),
    }
}

/// The offset (from just after the tag's `<`) and a message for an attribute error.
fn attr_error(e: &AttrError) -> (usize, &'static str) {
    match e {
        AttrError::ExpectedEq(p) => (*p, "an attribute name must be followed by '='"),
        AttrError::ExpectedValue(p) => (*p, "'=' must be followed by a quoted value"),
        AttrError::UnquotedValue(p) => (*p, "an attribute value must be in quotes"),
        AttrError::ExpectedQuote(p, _) => (*p, "an attribute value is not closed"),
        AttrError::Duplicated(p, _) => (*p, "an attribute appears twice in one tag"),
    }
}

/// A message for a quick-xml error, without its internal positions.
fn describe(e: &XmlError) -> String {
    match e {
        XmlError::Syntax(s) => match s {
            SyntaxError::UnclosedTag => "a tag is not closed".into(),
            other => other.to_string(),
        },
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("expected </{expected}>, found </{found}>")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            format!("</{tag}> closes no open element")
        }
        XmlError::IllFormed(IllFormedError::UnclosedReference) => {
            "'&' must start a reference such as &amp; (';' is missing)".into()
        }
        XmlError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
            format!("the entity &{name}; is not defined")
        }
        XmlError::Escape(EscapeError::UnterminatedEntity(_)) => {
            "'&' must start a reference such as &amp; (';' is missing)".into()
        }
        XmlError::IllFormed(other) => other.to_string(),
        XmlError::InvalidAttr(a) => attr_error(a).1.into(),
        XmlError::Namespace(n) => n.to_string(),
        other => other.to_string(),
    }
}
