//! Source text to syntax tree. Knows nothing of evaluation.

pub mod ast;
pub mod span;
