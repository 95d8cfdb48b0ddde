//! Data type functions (functions-text-data.md §9): TO_JSON, FROM_JSON, TYPEOF.

use super::{Category, FunctionSpec};

#[allow(dead_code)]
const CATEGORY: Category = Category::DataType;

pub const FUNCTIONS: &[FunctionSpec] = &[];
