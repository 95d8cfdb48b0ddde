//! Built-ins of the conditional category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
