//! Writing values as XML by the mapping of functions-text-data.md §4.6, the
//! inverse of the reader: `"@name"` members as attributes, `"#text"` as the
//! text, Lists as repeated elements. The output is compact; text is escaped by
//! quick-xml. Errors are `ArgumentError`s; the output is checked against the
//! text size limit as it grows.

use std::borrow::Cow;

use quick_xml::escape::partial_escape;

use super::names::{is_writable_name, is_xml_char};
use crate::builtins::format::bounded::{chunks, CHUNK};
use crate::builtins::format::render::render_to;
use crate::builtins::CallCtx;
use crate::error::Result;
use crate::value::json::{from_json, to_json};
use crate::value::{number, ObjectMap, Value};

/// Builds an XML text for one call.
pub struct XmlWriter<'c> {
    cx: &'c CallCtx<'c>,
    out: String,
}

impl<'c> XmlWriter<'c> {
    pub fn new(cx: &'c CallCtx<'c>) -> Self {
        XmlWriter {
            cx,
            out: String::new(),
        }
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// Appends markup that needs no escaping (the SOAP envelope's tags).
    pub fn raw(&mut self, s: &str) -> Result<()> {
        self.push(s)
    }

    fn push(&mut self, s: &str) -> Result<()> {
        self.cx
            .check_text_size(self.out.len() as u128 + s.len() as u128)?;
        self.cx.budget.ticks_n(s.len())?;
        self.out.push_str(s);
        Ok(())
    }

    /// Checks that `name` can be written as an element or attribute name.
    fn check_name(&self, name: &str, what: &str) -> Result<()> {
        self.cx.budget.ticks_n(name.len())?;
        if is_writable_name(name) {
            Ok(())
        } else {
            // A long name is quoted by its start.
            let name = match name.char_indices().nth(200) {
                Some((cut, _)) => format!("{}…", &name[..cut]),
                None => name.to_owned(),
            };
            Err(self.cx.argument_error(format!(
                "{what} \"{name}\" is not an XML name (letters, digits, '_', '-', '.', at most one ':' between two parts; not starting with a digit, '-' or '.')"
            )))
        }
    }

    /// Checks that XML 1.0 can contain every character of `text`.
    fn check_chars(&self, text: &str) -> Result<()> {
        for piece in chunks(text, CHUNK) {
            self.cx.budget.ticks_n(piece.len())?;
            if let Some(c) = piece.chars().find(|c| !is_xml_char(*c)) {
                return Err(self.cx.argument_error(format!(
                    "the character U+{:04X} cannot be written in XML",
                    u32::from(c)
                )));
            }
        }
        Ok(())
    }

    /// Text content, with `&`, `<`, `>` (and `\r`, which a reader would turn
    /// into a line feed) escaped, a stretch at a time (escaping looks at one
    /// character at a time).
    fn text(&mut self, text: &str) -> Result<()> {
        self.check_chars(text)?;
        for piece in chunks(text, CHUNK) {
            let escaped = partial_escape(piece);
            self.push(&escaped)?;
        }
        Ok(())
    }

    /// An attribute value: escaped as text, and `"` too; tab and line feed as
    /// character references, which attribute normalisation would otherwise
    /// turn into spaces.
    fn attribute_value(&mut self, text: &str) -> Result<()> {
        self.check_chars(text)?;
        let escaped = partial_escape(text);
        let escaped = if escaped.contains(['"', '\t', '\n']) {
            Cow::Owned(
                escaped
                    .replace('"', "&quot;")
                    .replace('\t', "&#9;")
                    .replace('\n', "&#10;"),
            )
        } else {
            escaped
        };
        self.push(&escaped)
    }

    /// Writes every member of `map` as elements, a List member as one element
    /// per item: the content of a SOAP `Header` or `Body`.
    pub fn members(&mut self, map: &ObjectMap) -> Result<()> {
        for (key, v) in map {
            self.cx.budget.tick()?;
            self.check_name(key, "the key")?;
            self.member(key, v)?;
        }
        Ok(())
    }

    /// A member under the element name `name`: a List repeats the element.
    fn member(&mut self, name: &str, v: &Value) -> Result<()> {
        match v {
            Value::List(items) => {
                for item in items.iter() {
                    if matches!(item, Value::List(_)) {
                        return Err(self.cx.argument_error(format!(
                            "a List directly inside a List (under \"{name}\") has no XML form"
                        )));
                    }
                    self.element(name, item)?;
                }
                Ok(())
            }
            _ => self.element(name, v),
        }
    }

    /// The root element: its value must not be a List.
    pub fn root(&mut self, name: &str, v: &Value) -> Result<()> {
        self.check_name(name, "the root name")?;
        if matches!(v, Value::List(_)) {
            return Err(self.cx.argument_error(
                "the root value is a List, but a document has exactly one root element",
            ));
        }
        self.element(name, v)
    }

    /// One element `name` (already checked) holding `v`, which is not a List.
    fn element(&mut self, name: &str, v: &Value) -> Result<()> {
        crate::stack::guard(|| self.element_inner(name, v))
    }

    fn element_inner(&mut self, name: &str, v: &Value) -> Result<()> {
        match v {
            Value::Null => self.empty(name),
            Value::Object(map) => self.object(name, map),
            // Their JSON shape, written as child elements.
            Value::Currency(_) | Value::Asset(_) => match from_json(&to_json(v))? {
                Value::Object(map) => self.object(name, &map),
                other => self.element_inner(name, &other),
            },
            Value::List(_) => Err(self.cx.argument_error(format!(
                "a List directly inside a List (under \"{name}\") has no XML form"
            ))),
            scalar => {
                let text = self.scalar_text(scalar).unwrap_or_default();
                self.open(name)?;
                self.push(">")?;
                self.text(&text)?;
                self.close(name)
            }
        }
    }

    /// The text of a Text, Number, Boolean, Date, Time or DateTime; `None`
    /// for anything else.
    fn scalar_text(&self, v: &Value) -> Option<String> {
        let mut s = String::new();
        match v {
            Value::Text(t) => s.push_str(t),
            Value::Number(n) => number::write_plain(*n, &mut s),
            Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
            Value::Date(_) | Value::Time(_) | Value::DateTime(_) => {
                render_to(v, &mut s, self.cx.session)
            }
            _ => return None,
        }
        Some(s)
    }

    fn open(&mut self, name: &str) -> Result<()> {
        self.push("<")?;
        self.push(name)
    }

    fn close(&mut self, name: &str) -> Result<()> {
        self.push("</")?;
        self.push(name)?;
        self.push(">")
    }

    fn empty(&mut self, name: &str) -> Result<()> {
        self.open(name)?;
        self.push("/>")
    }

    /// An Object: attributes from `"@name"` members, then the `"#text"`
    /// member, then one element per other member, in key order; `<n .../>`
    /// when nothing is inside.
    fn object(&mut self, name: &str, map: &ObjectMap) -> Result<()> {
        self.open(name)?;
        for (key, v) in map {
            self.cx.budget.tick()?;
            let Some(attr) = key.strip_prefix('@') else {
                continue;
            };
            self.check_name(attr, "the attribute name")?;
            if v.is_null() {
                continue;
            }
            let Some(text) = self.scalar_text(v) else {
                return Err(self.cx.argument_error(format!(
                    "the attribute \"{attr}\" is a {}, but an attribute value must be Text, a Number, a Boolean, a Date, a Time or a DateTime",
                    v.type_name()
                )));
            };
            self.push(" ")?;
            self.push(attr)?;
            self.push("=\"")?;
            self.attribute_value(&text)?;
            self.push("\"")?;
        }
        let mut inside = false;
        match map.get("#text") {
            None | Some(Value::Null) => {}
            Some(v) => {
                let Some(text) = self.scalar_text(v) else {
                    return Err(self.cx.argument_error(format!(
                        "the \"#text\" member is a {}, but text must be Text, a Number, a Boolean, a Date, a Time or a DateTime",
                        v.type_name()
                    )));
                };
                self.push(">")?;
                inside = true;
                self.text(&text)?;
            }
        }
        for (key, v) in map {
            self.cx.budget.tick()?;
            if key.starts_with('@') || &**key == "#text" {
                continue;
            }
            self.check_name(key, "the key")?;
            if matches!(v, Value::List(l) if l.is_empty()) {
                continue;
            }
            if !inside {
                self.push(">")?;
                inside = true;
            }
            self.member(key, v)?;
        }
        if inside {
            self.close(name)
        } else {
            self.push("/>")
        }
    }
}
