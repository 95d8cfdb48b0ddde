//! Built-ins of the encoding category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
