//! Asset functions (functions-text-data.md §10).

use super::{Category, FunctionSpec};

#[allow(dead_code)]
const CATEGORY: Category = Category::Asset;

pub const FUNCTIONS: &[FunctionSpec] = &[];
