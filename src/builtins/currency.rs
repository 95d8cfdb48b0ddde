//! Built-ins of the currency category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
