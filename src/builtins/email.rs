//! Built-ins of the email category.

use super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
