//! Built-ins of the math category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
