//! The parser on arbitrary bytes: it must return a program or a SyntaxError, never panic,
//! overflow its stack or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = tensh::syntax::source::decode(data.to_vec(), "<fuzz>") {
        let _ = tensh::syntax::parse_program(&src);
    }
});
