//! Built-ins that move and compare dates and times (functions-time-math.md
//! §3.5, §3.6, §3.10): ADD_TO_*, SUBTRACT_FROM_*, DAYS, the *_DELTA
//! functions and the Unix timestamps.

use super::super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
