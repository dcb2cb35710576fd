//! Positions in the source text: byte offsets, character indices and 1-based line/column,
//! converted in O(1) or O(log n) plus a short scan, so huge single-line inputs stay linear.

use serde::{Deserialize, Serialize};

/// A point in the source: 1-based line, 1-based column counted in Unicode characters,
/// and the 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Characters between two checkpoints of the char → byte table.
const STRIDE: usize = 64;

/// An index over one source text.
#[derive(Debug, Clone)]
pub struct SourceIndex<'a> {
    text: &'a str,
    ascii: bool,
    /// Byte offset of the start of each line (line 1 at index 0). Lines end at `\n`.
    line_starts: Vec<usize>,
    /// Byte offset of every `STRIDE`-th character (only for non-ASCII text).
    checkpoints: Vec<usize>,
}

impl<'a> SourceIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_all(text.as_bytes(), b'\n').map(|i| i + 1));
        let mut checkpoints = Vec::new();
        if !ascii {
            for (n, (b, _)) in text.char_indices().enumerate() {
                if n % STRIDE == 0 {
                    checkpoints.push(b);
                }
            }
        }
        SourceIndex {
            text,
            ascii,
            line_starts,
            checkpoints,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Byte offset of the character with index `ci` (clamped to the end of the text).
    pub fn char_to_byte(&self, ci: usize) -> usize {
        if self.ascii {
            return ci.min(self.text.len());
        }
        let k = ci / STRIDE;
        if k >= self.checkpoints.len() {
            return self.text.len();
        }
        let mut b = self.checkpoints[k];
        for c in self.text[b..].chars().take(ci - k * STRIDE) {
            b += c.len_utf8();
        }
        b
    }

    /// Character index of the byte offset `b` (which should be on a char boundary).
    pub fn byte_to_char(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        if self.ascii {
            return b;
        }
        let k = match self.checkpoints.binary_search(&b) {
            Ok(k) => return k * STRIDE,
            Err(k) => k.saturating_sub(1),
        };
        let start = self.checkpoints.get(k).copied().unwrap_or(0);
        let start = start.min(b);
        k * STRIDE
            + self.text[start..floor_char_boundary(self.text, b)]
                .chars()
                .count()
    }

    /// 0-based line number of byte offset `b`.
    pub fn line_of(&self, b: usize) -> usize {
        match self.line_starts.binary_search(&b) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.line_starts[line0]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a 0-based line, without its line break (`\n` or `\r\n`).
    pub fn line_range(&self, line0: usize) -> (usize, usize) {
        let start = self.line_starts[line0];
        let mut end = self
            .line_starts
            .get(line0 + 1)
            .map(|s| s - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    pub fn position(&self, b: usize) -> Position {
        let b = floor_char_boundary(self.text, b.min(self.text.len()));
        let line0 = self.line_of(b);
        let ls = self.line_starts[line0];
        let column = if self.ascii {
            b - ls
        } else {
            self.byte_to_char(b) - self.byte_to_char(ls)
        };
        Position {
            line: line0 as u32 + 1,
            column: column as u32 + 1,
            offset: b,
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end.max(start)),
        }
    }

    /// The line break style of the text: `\r\n` if its first line break is one.
    pub fn newline(&self) -> &'static str {
        match self.line_starts.get(1) {
            Some(&s) if s >= 2 && self.text.as_bytes()[s - 2] == b'\r' => "\r\n",
            _ => "\n",
        }
    }
}

pub fn floor_char_boundary(s: &str, mut b: usize) -> usize {
    if b >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    b
}

fn memchr_all(hay: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    hay.iter()
        .enumerate()
        .filter(move |(_, &c)| c == needle)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions() {
        let s = SourceIndex::new("ab\ncd\r\nef");
        assert_eq!(
            s.position(0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        assert_eq!(
            s.position(4),
            Position {
                line: 2,
                column: 2,
                offset: 4
            }
        );
        assert_eq!(
            s.position(7),
            Position {
                line: 3,
                column: 1,
                offset: 7
            }
        );
        assert_eq!(s.line_range(1), (3, 5));
        assert_eq!(s.newline(), "\n");
    }

    #[test]
    fn non_ascii_positions_and_conversions() {
        let text = "é€😀x\nüa".repeat(40);
        let s = SourceIndex::new(&text);
        for (ci, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(s.char_to_byte(ci), b, "char {ci}");
            assert_eq!(s.byte_to_char(b), ci, "byte {b}");
        }
        assert_eq!(s.char_to_byte(text.chars().count()), text.len());
        // "é€😀x\n" is 5 chars; the second line starts at char 5.
        let b = text.find('ü').unwrap();
        assert_eq!(
            s.position(b + 'ü'.len_utf8()),
            Position {
                line: 2,
                column: 2,
                offset: b + 2
            }
        );
    }

    #[test]
    fn crlf_detected() {
        assert_eq!(SourceIndex::new("a\r\nb\r\n").newline(), "\r\n");
    }
}
