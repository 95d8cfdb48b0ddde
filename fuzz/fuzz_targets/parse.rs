#![no_main]
//! Any text through the lexers, parsers, compiler and `air check`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    airscript_fuzz::harness::parse(&String::from_utf8_lossy(data));
});
