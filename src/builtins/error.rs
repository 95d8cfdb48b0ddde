//! Built-ins of the error category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
