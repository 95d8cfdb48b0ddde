//! Argument conversion for built-ins: one adapter per shape, so that functions
//! do not unpack `&[Value]` by hand.
