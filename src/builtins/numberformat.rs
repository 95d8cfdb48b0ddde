//! Built-ins of the numberformat category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
