//! SOAP envelopes (functions-text-data.md §4.7–§4.10): writing one around
//! XML made from Objects, and reading the body or header of one.

use super::xml_read::{read_envelope, SOAP11_NS, SOAP12_NS};
use super::xml_write::XmlWriter;
use crate::builtins::CallCtx;
use crate::error::Result;
use crate::value::{ObjectMap, Value};

/// The envelope around `body` (and `header`), for SOAP `version` 1.1 (default) or 1.2.
pub fn object_to_soap(
    cx: &CallCtx<'_>,
    body: &ObjectMap,
    header: Option<&ObjectMap>,
    version: Option<&str>,
) -> Result<String> {
    let ns = match version {
        None => SOAP11_NS,
        Some(v) => [SOAP11_NS, SOAP12_NS][cx.option_word(2, v, &["1.1", "1.2"])?],
    };
    let mut w = XmlWriter::new(cx);
    w.raw("<soap:Envelope xmlns:soap=\"")?;
    w.raw(ns)?;
    w.raw("\">")?;
    if let Some(header) = header {
        part(&mut w, "soap:Header", header)?;
    }
    part(&mut w, "soap:Body", body)?;
    w.raw("</soap:Envelope>")?;
    Ok(w.finish())
}

/// `<tag>members</tag>`, or `<tag/>` when nothing is inside.
fn part(w: &mut XmlWriter<'_>, tag: &str, members: &ObjectMap) -> Result<()> {
    let content = members
        .values()
        .any(|v| !matches!(v, Value::List(items) if items.is_empty()));
    if content {
        w.raw("<")?;
        w.raw(tag)?;
        w.raw(">")?;
        w.members(members)?;
        w.raw("</")?;
        w.raw(tag)?;
        w.raw(">")
    } else {
        // Writes nothing, but checks the keys.
        w.members(members)?;
        w.raw("<")?;
        w.raw(tag)?;
        w.raw("/>")
    }
}

/// The content of the envelope's `Body`.
pub fn soap_to_object(cx: &CallCtx<'_>, xml: &str) -> Result<Value> {
    Ok(read_envelope(cx, xml)?.body)
}

/// The content of the envelope's `Header`; `NULL` when it has none.
pub fn soap_header_to_object(cx: &CallCtx<'_>, xml: &str) -> Result<Value> {
    Ok(read_envelope(cx, xml)?.header.unwrap_or(Value::Null))
}
