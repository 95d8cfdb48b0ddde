//! Built-ins of the list category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
