//! Source positions (LANGUAGE §2.1).
//!
//! A [`Span`] is a pair of byte offsets into one source text; it is four bytes per end so
//! that tokens and AST nodes stay small. Lines and columns are computed on demand by a
//! [`LineIndex`], which follows §2.1 exactly: LF, CRLF and CR end lines, and columns count
//! Unicode scalar values (a tab is one column), both 1-based. Like `units`, this module
//! depends on nothing else in the crate.

use std::fmt;

/// A half-open byte range `lo..hi` in one source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub lo: u32,
    /// Byte offset one past the last byte.
    pub hi: u32,
}

impl Span {
    /// A span from `lo` to `hi` (byte offsets).
    pub fn new(lo: usize, hi: usize) -> Span {
        Span {
            lo: lo as u32,
            hi: hi as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// An empty span at the start of this one.
    pub fn start(self) -> Span {
        Span {
            lo: self.lo,
            hi: self.lo,
        }
    }
}

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Maps byte offsets of one source text to [`Position`]s.
///
/// ```
/// use eclexia_core::span::LineIndex;
/// let idx = LineIndex::new("a\r\nπ = 1\rx");
/// assert_eq!(idx.position("a\r\nπ = 1\rx", 3).line, 2);
/// let p = idx.position("a\r\nπ = 1\rx", 6); // the '=' after 'π ' (π is 2 bytes)
/// assert_eq!((p.line, p.column), (2, 3));
/// ```
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i as u32 + 1),
                b'\r' => {
                    if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                        i += 1;
                    }
                    starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The line/column of byte offset `offset` in `source` (the text this index was built
    /// from). Offsets past the end map to the position just after the last character.
    pub fn position(&self, source: &str, offset: u32) -> Position {
        let offset = offset.min(source.len() as u32);
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !source.is_char_boundary(end) {
            end -= 1;
        }
        let column = source[start..end].chars().count() as u32 + 1;
        Position {
            line: line as u32 + 1,
            column,
        }
    }

    /// The positions of many offsets at once, in linear time overall: `offsets` in any
    /// order, results in the same order. (Calling [`LineIndex::position`] for each of
    /// many errors on one very long line would be quadratic.)
    pub fn positions(&self, source: &str, offsets: &[u32]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position { line: 1, column: 1 }; offsets.len()];
        // (line index, byte offset, column) of the last position computed.
        let mut last: Option<(usize, usize, u32)> = None;
        for i in order {
            let mut off = (offsets[i] as usize).min(source.len());
            while off > 0 && !source.is_char_boundary(off) {
                off -= 1;
            }
            let line = match self.starts.binary_search(&(off as u32)) {
                Ok(l) => l,
                Err(l) => l - 1,
            };
            let (from, col0) = match last {
                Some((l, o, c)) if l == line => (o, c),
                _ => (self.starts[line] as usize, 1),
            };
            let column = col0 + source[from..off].chars().count() as u32;
            last = Some((line, off, column));
            out[i] = Position {
                line: line as u32 + 1,
                column,
            };
        }
        out
    }

    /// Byte range of 1-based line `line`, without its terminator.
    pub fn line_bounds(&self, source: &str, line: u32) -> (usize, usize) {
        let l = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[l] as usize;
        let end = self.starts.get(l + 1).map_or(source.len(), |&e| e as usize);
        let text = &source[start..end];
        (start, start + text.trim_end_matches(['\n', '\r']).len())
    }
}
