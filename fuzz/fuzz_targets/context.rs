#![no_main]
//! Any bytes as JSON context data and as CSV rows.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    airscript_fuzz::harness::context(data);
});
