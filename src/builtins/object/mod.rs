//! Object functions (functions-text-data.md §4): KEYS, VALUES, MERGE_OBJECTS and the XML and SOAP mappings.

use super::{Category, FunctionSpec};

#[allow(dead_code)]
const CATEGORY: Category = Category::Object;

pub const FUNCTIONS: &[FunctionSpec] = &[];
