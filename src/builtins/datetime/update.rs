//! Built-ins that replace a part of a date or time (functions-time-math.md
//! §3.7): UPDATE_YEAR … UPDATE_MILLISECOND, UPDATE_DATE, UPDATE_TIME,
//! UPDATE_DATETIME, UPDATE_TIMEZONE.

use super::super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
