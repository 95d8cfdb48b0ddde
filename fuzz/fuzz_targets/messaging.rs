#![no_main]
//! Structured SEND_EMAIL / SEND_SMS fields validated, and MIME built.

use airscript_fuzz::message::MessageCase;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|m: MessageCase| {
    airscript_fuzz::harness::messaging(&m.json());
});
