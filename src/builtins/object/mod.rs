//! Object functions (functions-text-data.md §4): KEYS, VALUES, MERGE_OBJECTS
//! and the XML and SOAP mappings (reading by quick-xml in [`xml_read`],
//! writing in [`xml_write`], envelopes in [`soap`]).

use std::sync::Arc;

use super::args::{ArgError, FromArg};
use super::{CallCtx, Category, FunctionSpec, ParamKind, Ty};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::{ObjectMap, Value};

mod names;
mod soap;
mod xml_read;
mod xml_write;

use soap::{object_to_soap, soap_header_to_object, soap_to_object};

const O: Category = Category::Object;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "KEYS",
        O,
        &[sig!(keys(object: &ObjectMap) -> LIST)],
        "the keys of an Object, in order",
    ),
    FunctionSpec::new(
        "VALUES",
        O,
        &[sig!(values(object: &ObjectMap) -> LIST)],
        "the values of an Object, in key order",
    ),
    FunctionSpec::new(
        "MERGE_OBJECTS",
        O,
        &[sig!(merge_objects(object: Mergeable, objects: MoreMergeables) -> OBJECT)],
        "one Object with the members of all (later values win; Lists of Objects merge item by item)",
    ),
    FunctionSpec::new(
        "XML_TO_OBJECT",
        O,
        &[sig!(xml_to_object(xml: &str) -> OBJECT)],
        "an XML document as an Object (attributes as \"@name\", text as \"#text\")",
    ),
    FunctionSpec::new(
        "OBJECT_TO_XML",
        O,
        &[sig!(object_to_xml(value: &Value, root: Option<&str>) -> TEXT)],
        "an Object (or a value under a root name) as a compact XML document",
    ),
    FunctionSpec::new(
        "OBJECT_TO_SOAP",
        O,
        &[sig!(object_to_soap(body: &ObjectMap, header: Option<&ObjectMap>, version: Option<&str>) -> TEXT)],
        "a SOAP 1.1 or 1.2 envelope around XML made from Objects",
    ),
    FunctionSpec::new(
        "SOAP_TO_OBJECT",
        O,
        &[sig!(soap_to_object(xml: &str) -> OBJECT)],
        "the body of a SOAP envelope as an Object (local names, faults as data)",
    ),
    FunctionSpec::new(
        "SOAP_HEADER_TO_OBJECT",
        O,
        &[sig!(soap_header_to_object(xml: &str) -> OBJECT | NULL)],
        "the header of a SOAP envelope as an Object, NULL when there is none",
    ),
];

fn keys(cx: &CallCtx<'_>, object: &ObjectMap) -> Result<Value> {
    cx.check_list_size(object.len() as u128)?;
    let mut out = Vec::with_capacity(object.len());
    for k in object.keys() {
        cx.budget.tick()?;
        out.push(Value::Text(k.clone()));
    }
    Ok(Value::list(out))
}

fn values(cx: &CallCtx<'_>, object: &ObjectMap) -> Result<Value> {
    cx.check_list_size(object.len() as u128)?;
    let mut out = Vec::with_capacity(object.len());
    for v in object.values() {
        cx.budget.tick()?;
        out.push(v.clone());
    }
    Ok(Value::list(out))
}

/// What `MERGE_OBJECTS` takes: an Object, a List of Objects, or `NULL` (as `{}`).
const MERGEABLE: Ty = Ty::OBJECT.or(Ty::LIST).or(Ty::NULL);

/// The first argument of `MERGE_OBJECTS` (checked in [`merge_objects`]).
struct Mergeable<'a>(&'a Value);

impl<'a> FromArg<'a> for Mergeable<'a> {
    const TY: Ty = MERGEABLE;
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Ok(Mergeable(args.get(i).unwrap_or(&Value::Null)))
    }
}

/// The further arguments of `MERGE_OBJECTS`.
struct MoreMergeables<'a>(&'a [Value]);

impl<'a> FromArg<'a> for MoreMergeables<'a> {
    const TY: Ty = MERGEABLE;
    const KIND: ParamKind = ParamKind::Variadic;
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Ok(MoreMergeables(args.get(i..).unwrap_or(&[])))
    }
}

fn merge_objects(
    cx: &CallCtx<'_>,
    first: Mergeable<'_>,
    rest: MoreMergeables<'_>,
) -> Result<Value> {
    let mut merged = ObjectMap::default();
    for (i, arg) in std::iter::once(first.0).chain(rest.0).enumerate() {
        match arg {
            Value::Null => {}
            Value::Object(o) => merge_into(cx, &mut merged, o)?,
            Value::List(items) => {
                for (j, item) in items.iter().enumerate() {
                    cx.budget.tick()?;
                    match item {
                        Value::Null => {}
                        Value::Object(o) => merge_into(cx, &mut merged, o)?,
                        other => {
                            return Err(Error::type_error(format!(
                                "{} expects Objects in the List of argument {} ({}), got {} at position {j}",
                                cx.name(),
                                i + 1,
                                cx.param_name(i),
                                other.type_name()
                            ))
                            .at_arg(i))
                        }
                    }
                }
            }
            other => return Err(cx.type_error(i, MERGEABLE, other)),
        }
    }
    Ok(Value::object(merged))
}

/// Later values win; a key keeps the position where it first appeared.
fn merge_into(cx: &CallCtx<'_>, merged: &mut ObjectMap, o: &ObjectMap) -> Result<()> {
    cx.budget.ticks_n(o.len())?;
    if merged.is_empty() {
        merged.clone_from(o);
        return Ok(());
    }
    for (k, v) in o {
        cx.budget.tick()?;
        merged.insert(Arc::clone(k), v.clone());
    }
    Ok(())
}

fn xml_to_object(cx: &CallCtx<'_>, xml: &str) -> Result<Value> {
    let (name, value) = xml_read::read_document(cx, xml)?;
    let mut map = ObjectMap::with_capacity_and_hasher(1, Default::default());
    map.insert(name, value);
    Ok(Value::object(map))
}

fn object_to_xml(cx: &CallCtx<'_>, value: &Value, root: Option<&str>) -> Result<Value> {
    let mut w = xml_write::XmlWriter::new(cx);
    match (value, root) {
        (Value::Null, _) => return Ok(Value::Null),
        (v, Some(root)) => w.root(root, v)?,
        (Value::Object(map), None) => match map.first() {
            Some((name, v)) if map.len() == 1 => w.root(name, v)?,
            _ => {
                return Err(cx.domain_error(
                    0,
                    format!(
                        "must have exactly one member, the root element, but has {}; give a root name as the second argument to write several",
                        map.len()
                    ),
                ))
            }
        },
        (other, None) => return Err(cx.type_error(0, Ty::OBJECT, other)),
    }
    Ok(Value::text(w.finish()))
}

#[cfg(test)]
mod tests;
