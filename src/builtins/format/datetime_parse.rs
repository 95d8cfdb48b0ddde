//! The parsing side of the date and time format language
//! (functions-time-math.md §4.4–§4.5): reading text with moment-style tokens,
//! and the default ISO 8601 reader.
