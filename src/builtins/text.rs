//! Built-ins of the text category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
