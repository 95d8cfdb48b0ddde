//! The fuzz targets' code, apart from libFuzzer: the harnesses (shared with
//! `tests/fuzz_regressions.rs`) and the structured inputs of the `eval` and
//! `messaging` targets. See `fuzz/README.md`.

pub mod gen;
pub mod harness;
pub mod message;
