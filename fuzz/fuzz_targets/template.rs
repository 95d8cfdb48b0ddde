#![no_main]
//! Any text compiled as a template and rendered.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    airscript_fuzz::harness::template(&String::from_utf8_lossy(data));
});
