//! Tests of the parsing built-ins.
