#![no_main]
//! Generated well-formed programs (or seed source text), evaluated twice.

use airscript_fuzz::gen::Program;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|p: Program| {
    airscript_fuzz::harness::eval(&p.source);
});
