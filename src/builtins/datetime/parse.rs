//! Built-ins that read dates and times from text (functions-time-math.md
//! §3.9): DATETIME_FROM_FORMAT, DATE_FROM_FORMAT, TIME_FROM_FORMAT, with the
//! default ISO 8601 reader (§4.5) or a format (§4.4).

use super::super::FunctionSpec;

pub const FUNCTIONS: &[FunctionSpec] = &[];
