//! Form and validation functions (functions-text-data.md §13).

use super::{Category, FunctionSpec};

#[allow(dead_code)]
const CATEGORY: Category = Category::Validation;

pub const FUNCTIONS: &[FunctionSpec] = &[];
