//! Arbitrary bytes: `check_bytes` never panics; valid UTF-8 also goes through the fix oracles.
#![no_main]

mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = podnet_lint::check_bytes(data, &podnet_lint::Profile::default());
    if let Ok(text) = std::str::from_utf8(data) {
        oracles::check_all(text);
    }
});
