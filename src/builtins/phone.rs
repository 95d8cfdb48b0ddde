//! Phone functions (functions-text-data.md §6).

use super::{Category, FunctionSpec};

#[allow(dead_code)]
const CATEGORY: Category = Category::Phone;

pub const FUNCTIONS: &[FunctionSpec] = &[];
