//! Built-ins of the datetime category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
