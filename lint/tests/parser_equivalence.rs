//! The vendored saphyr-parser copies plain-scalar runs in one call for string input
//! (`StrInput::fetch_plain_run`). Its other input type still uses the original
//! per-character loop, so comparing the two event streams (values, styles, spans, errors)
//! over the corpus and a generated stream shows the change keeps behaviour.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use saphyr_parser::{BufferedInput, Parser};

fn events(mut p: Parser<'_, impl saphyr_parser::Input>) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        match p.next_event() {
            None => break,
            Some(Ok((ev, span))) => {
                let end = matches!(ev, saphyr_parser::Event::StreamEnd);
                out.push(format!(
                    "{ev:?} {}..{} {}:{}",
                    span.start.index(),
                    span.end.index(),
                    span.start.line(),
                    span.start.col()
                ));
                if end {
                    break;
                }
            }
            Some(Err(e)) => {
                out.push(format!("error {} at {}", e.info(), e.marker().index()));
                break;
            }
        }
    }
    out
}

fn same(text: &str, what: &str) {
    let fast = events(Parser::new_from_str(text));
    let slow = events(Parser::new(BufferedInput::new(text.chars())));
    assert_eq!(fast, slow, "event streams differ for {what}");
}

#[test]
fn corpus_and_tricky_inputs_parse_identically() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("tests/corpus");
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                same(
                    &std::fs::read_to_string(&p).unwrap(),
                    &p.display().to_string(),
                );
                n += 1;
            }
        }
    }
    assert!(n > 50, "only {n} corpus files");
    for text in [
        "a: b:c\nd: e: f\n",
        "k: é€😀 plain with spaces: and colon\n",
        "[a:b, c: d, e:, {f:g}]\n",
        "{a: [b, c]}, d\n",
        "k: http://x.y/z?q=1#frag # comment\n",
        "k: a\u{FEFF}b\n",
        "- a\n  b\n\n  c\n- ::x\n",
        "key: value\r\nother: x:y\r\n",
        "k: v\0w\n",
        "? a\n: b\n",
        "a: -1\nb: --x\nc: ---\n",
        "k: 'x'\nl: \"y\" #c\nm: plain #c\n",
    ] {
        same(text, &format!("{text:?}"));
    }
}
