//! What must hold for any input: no panic (libFuzzer catches it), fix output re-parses
//! without a new syntax error, and fixing twice equals fixing once.

use podnet_lint::{check, fix, Profile};

pub fn check_all(text: &str) {
    if std::env::var_os("PODNET_FUZZ_PRINT").is_some() {
        // Shows the generated text of a failing input: `PODNET_FUZZ_PRINT=1 cargo fuzz run <target> <file>`.
        eprintln!("---- input ----\n{text:?}\n---- end ----");
    }
    let profile = Profile::default();
    let before = check(text, &profile);
    let had_syntax_error = before.diagnostics.iter().any(|d| d.rule == "YAML-001");
    let once = fix(text, None, &profile, false);
    let after = check(&once.fixed, &profile);
    if !had_syntax_error {
        assert!(
            !after.diagnostics.iter().any(|d| d.rule == "YAML-001"),
            "fix output does not parse:\n{}",
            once.fixed
        );
    }
    let twice = fix(&once.fixed, None, &profile, false);
    assert_eq!(twice.fixed, once.fixed, "fixing twice differs from fixing once");
    // Ranges are inside the text and on character boundaries.
    for d in &before.diagnostics {
        assert!(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.len());
        assert!(text.is_char_boundary(d.range.start.offset) && text.is_char_boundary(d.range.end.offset));
    }
}
