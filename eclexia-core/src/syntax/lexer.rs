//! The lexer (LANGUAGE §2): source text to tokens.
//!
//! It never stops at the first problem: a bad token is reported and skipped (or replaced
//! by the closest valid token, e.g. `12furlongs` still yields the number 12) so that the
//! parser sees a plausible stream and one mistake gives one diagnostic. Tokens record
//! whether a line break precedes them; that is all the parser needs for §2.9.

use std::sync::Arc;

use crate::diagnostic::{ErrorCode, RawDiagnostic};
use crate::span::Span;
use crate::units::{Dim, lookup_unit};

use super::token::{Annot, Interner, Token, TokenKind, keyword};

/// Lexes `source`, interning identifiers into `interner`. Always ends with an `Eof` token.
pub fn lex(source: &str, interner: &mut Interner) -> (Vec<Token>, Vec<RawDiagnostic>) {
    let mut lx = Lexer {
        src: source,
        bytes: source.as_bytes(),
        pos: 0,
        // About one token per three bytes of typical source; growing a vector of this size
        // would copy it several times.
        tokens: Vec::with_capacity(source.len() / 3 + 1),
        errors: Vec::new(),
        newline: false,
        interner,
    };
    lx.run();
    (lx.tokens, lx.errors)
}

struct Lexer<'a, 'i> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<RawDiagnostic>,
    newline: bool,
    interner: &'i mut Interner,
}

fn is_unit_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'μ' || c == 'µ'
}

impl Lexer<'_, '_> {
    fn peek(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    fn peek_at(&self, n: usize) -> u8 {
        self.bytes.get(self.pos + n).copied().unwrap_or(0)
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn push(&mut self, kind: TokenKind, lo: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(lo, self.pos),
            newline_before: self.newline,
        });
        self.newline = false;
    }

    fn error(&mut self, code: ErrorCode, lo: usize, hi: usize, message: String) {
        self.errors
            .push(RawDiagnostic::new(code, Span::new(lo, hi), message));
    }

    fn run(&mut self) {
        loop {
            self.skip_trivia();
            if self.pos >= self.bytes.len() {
                let end = self.bytes.len();
                self.tokens.push(Token {
                    kind: TokenKind::Eof,
                    span: Span::new(end, end),
                    newline_before: self.newline,
                });
                return;
            }
            self.token();
        }
    }

    /// Skips white space and comments, noting line breaks.
    fn skip_trivia(&mut self) {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b' ' | b'\t' | b'\x0c' => {
                    // Runs of indentation are common: skip them in one tight loop.
                    self.pos += 1;
                    while self.pos < self.bytes.len() && self.bytes[self.pos] == b' ' {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    self.newline = true;
                    self.pos += 1;
                }
                b'/' if self.peek_at(1) == b'/' => {
                    while self.pos < self.bytes.len()
                        && self.bytes[self.pos] != b'\n'
                        && self.bytes[self.pos] != b'\r'
                    {
                        self.pos += 1;
                    }
                }
                b'/' if self.peek_at(1) == b'*' => {
                    let lo = self.pos;
                    // §2.2: block comments do not nest; the first `*/` closes.
                    match self.src[lo + 2..].find("*/") {
                        Some(off) => {
                            let end = lo + 2 + off + 2;
                            if self.src[lo..end].contains(['\n', '\r']) {
                                self.newline = true;
                            }
                            self.pos = end;
                        }
                        None => {
                            self.error(
                                ErrorCode::E0102,
                                lo,
                                lo + 2,
                                "unterminated block comment".into(),
                            );
                            self.pos = self.bytes.len();
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn token(&mut self) {
        let lo = self.pos;
        let b = self.bytes[lo];
        if b.is_ascii_digit() {
            return self.number();
        }
        if b == b'"' {
            return self.string(lo, lo + 1);
        }
        if b == b'r'
            && (self.peek_at(1) == b'"' || (self.peek_at(1) == b'#' && self.peek_at(2) == b'"'))
        {
            return self.raw_string();
        }
        if b == b'\'' {
            return self.char_lit();
        }
        if b == b'@' {
            return self.annotation();
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            return self.ident();
        }
        if b < 0x80 {
            if let Some((kind, len)) = punct(&self.bytes[lo..]) {
                self.pos += len;
                return self.push(kind, lo);
            }
        }
        let c = self.char_at(lo).unwrap_or('\0');
        if unicode_ident::is_xid_start(c) {
            return self.ident();
        }
        // Not the start of any token: §2.1 / E0103.
        self.pos += c.len_utf8().max(1);
        self.error(
            ErrorCode::E0103,
            lo,
            self.pos,
            format!("invalid character '{c}'"),
        );
    }

    fn ident(&mut self) {
        let lo = self.pos;
        // ASCII fast path; the Unicode tables are consulted only past a non-ASCII byte.
        let mut end = lo;
        while end < self.bytes.len()
            && (self.bytes[end].is_ascii_alphanumeric() || self.bytes[end] == b'_')
        {
            end += 1;
        }
        if end < self.bytes.len() && self.bytes[end] >= 0x80 || end == lo {
            end = self.ident_end_unicode(lo);
        }
        self.finish_ident(lo, end);
    }

    /// End of an identifier starting at `lo`, by the XID rules of §2.3.
    fn ident_end_unicode(&self, lo: usize) -> usize {
        let mut end = lo;
        for (i, c) in self.src[lo..].char_indices() {
            let ok = if i == 0 {
                c == '_' || unicode_ident::is_xid_start(c)
            } else {
                unicode_ident::is_xid_continue(c)
            };
            if !ok {
                break;
            }
            end = lo + i + c.len_utf8();
        }
        end
    }

    fn finish_ident(&mut self, lo: usize, end: usize) {
        self.pos = end;
        let text = &self.src[lo..end];
        let kind = if text == "_" {
            TokenKind::Underscore
        } else if let Some(k) = keyword(text) {
            k
        } else {
            TokenKind::Ident(self.interner.intern(text))
        };
        self.push(kind, lo);
    }

    fn annotation(&mut self) {
        let lo = self.pos;
        self.pos += 1;
        let start = self.pos;
        for (i, c) in self.src[start..].char_indices() {
            if !unicode_ident::is_xid_continue(c) {
                self.pos = start + i;
                break;
            }
            self.pos = start + i + c.len_utf8();
        }
        let word = &self.src[start..self.pos];
        let annot = Annot::from_word(word);
        if annot == Annot::Unknown {
            let lexeme = self.src[lo..self.pos].to_string();
            self.error(
                ErrorCode::E0101,
                lo,
                self.pos,
                format!("unexpected token '{lexeme}'"),
            );
        }
        self.push(TokenKind::Annot(annot), lo);
    }

    /// Consumes `[digits_or_underscore]*` matching `ok`, returning how many digits.
    fn digits(&mut self, ok: impl Fn(u8) -> bool) -> usize {
        let mut n = 0;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if ok(b) {
                n += 1;
            } else if b != b'_' {
                break;
            }
            self.pos += 1;
        }
        n
    }

    /// Skips the rest of an alphanumeric run (for error lexemes).
    fn skip_alnum(&mut self) {
        while let Some(c) = self.char_at(self.pos) {
            if c.is_alphanumeric() || c == '_' || c == 'μ' || c == 'µ' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn number(&mut self) {
        let lo = self.pos;
        // §2.5: directly after a `.` token, digits form only an INT_LIT (`t.0.1`).
        let after_dot = matches!(self.tokens.last(), Some(t) if t.kind == TokenKind::Dot && t.span.hi as usize == lo);
        if after_dot {
            self.digits(|b| b.is_ascii_digit());
            return self.finish_int(lo, 10);
        }
        if self.bytes[lo] == b'0' {
            let radix = match self.peek_at(1) {
                b'x' => 16,
                b'o' => 8,
                b'b' => 2,
                _ => 0,
            };
            if radix != 0 && (self.peek_at(2) as char).is_digit(radix) {
                self.pos += 2;
                self.digits(|b| (b as char).is_digit(radix));
                // A radix literal cannot carry a unit: a letter or digit right after it
                // is E0105 (`0xFFJ`, `0b102`).
                let next = self.char_at(self.pos).unwrap_or(' ');
                if next.is_alphanumeric() || next == 'μ' || next == 'µ' {
                    self.skip_alnum();
                    let lexeme = self.src[lo..self.pos].to_string();
                    self.error(
                        ErrorCode::E0105,
                        lo,
                        self.pos,
                        format!("invalid numeric literal '{lexeme}'"),
                    );
                    return self.push(TokenKind::Int(0), lo);
                }
                return self.finish_int(lo, radix);
            }
        }
        self.digits(|b| b.is_ascii_digit());
        let mut is_float = false;
        if self.peek() == b'.' && self.peek_at(1).is_ascii_digit() {
            self.pos += 1;
            self.digits(|b| b.is_ascii_digit());
            is_float = true;
        }
        if matches!(self.peek(), b'e' | b'E') {
            let mut j = 1;
            if matches!(self.peek_at(1), b'+' | b'-') {
                j = 2;
            }
            if self.peek_at(j).is_ascii_digit() {
                self.pos += j;
                while self.peek().is_ascii_digit() {
                    self.pos += 1;
                }
                is_float = true;
            }
        }
        let num_end = self.pos;
        let unit_start = self.char_at(self.pos).filter(|&c| is_unit_start(c));
        if unit_start.is_some() {
            let ustart = self.pos;
            self.pos += unit_start.map_or(1, char::len_utf8);
            while self.peek().is_ascii_alphanumeric() {
                self.pos += 1;
            }
            let suffix = &self.src[ustart..self.pos];
            let value = parse_f64(&self.src[lo..num_end]);
            match lookup_unit(suffix) {
                Some(unit) => {
                    let magnitude = unit.to_canonical(value);
                    return self.push(TokenKind::Dim(magnitude, unit.dim), lo);
                }
                None => {
                    let suffix = suffix.to_string();
                    self.error(
                        ErrorCode::E0104,
                        lo,
                        self.pos,
                        format!("unknown unit suffix '{suffix}'"),
                    );
                    // Keep a dimensionless number so the parser sees no hole.
                    return self.push(TokenKind::Dim(value, Dim::NONE), lo);
                }
            }
        }
        if is_float {
            let value = parse_f64(&self.src[lo..num_end]);
            return self.push(TokenKind::Float(value), lo);
        }
        self.finish_int(lo, 10)
    }

    fn finish_int(&mut self, lo: usize, radix: u32) {
        let text = &self.src[lo..self.pos];
        let digits = if radix == 10 { text } else { &text[2..] };
        // Accumulate with overflow checks, skipping `_`: no allocation per literal.
        let mut value: i64 = 0;
        let mut ok = true;
        for c in digits.chars() {
            if c == '_' {
                continue;
            }
            let d = c.to_digit(radix).unwrap_or(0) as i64;
            match value
                .checked_mul(radix as i64)
                .and_then(|v| v.checked_add(d))
            {
                Some(v) => value = v,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return self.push(TokenKind::Int(value), lo);
        }
        let lexeme = text.to_string();
        self.error(
            ErrorCode::E0105,
            lo,
            self.pos,
            format!("invalid numeric literal '{lexeme}'"),
        );
        self.push(TokenKind::Int(0), lo);
    }

    /// A `"…"` string whose opening quote is at `lo` and contents start at `start`.
    fn string(&mut self, lo: usize, start: usize) {
        self.pos = start;
        // Fast path: no escape before the closing quote, so the text is a slice.
        if let Some(end) = self.src[start..].find(['"', '\\']) {
            if self.bytes[start + end] == b'"' {
                let text: Arc<str> = self.src[start..start + end].into();
                self.pos = start + end + 1;
                return self.push(TokenKind::Str(text), lo);
            }
        }
        let mut out = String::new();
        loop {
            let Some(c) = self.char_at(self.pos) else {
                self.error(
                    ErrorCode::E0102,
                    lo,
                    lo + 1,
                    "unterminated string literal".into(),
                );
                return self.push(TokenKind::Str(out.into()), lo);
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return self.push(TokenKind::Str(out.into()), lo);
                }
                '\\' => {
                    if let Some(ch) = self.escape() {
                        out.push(ch);
                    }
                }
                '\r' | '\n' => {
                    // The line break is part of the string (§2.7); it also counts as a
                    // line break for the line index, not for tokens.
                    out.push(c);
                    self.pos += 1;
                }
                _ => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// Decodes one escape at `self.pos` (a backslash). Reports E0101 for a bad one.
    fn escape(&mut self) -> Option<char> {
        let lo = self.pos;
        self.pos += 1;
        let c = self.char_at(self.pos)?;
        self.pos += c.len_utf8();
        let bad = |this: &mut Self| {
            let lexeme = this.src[lo..this.pos].to_string();
            this.error(
                ErrorCode::E0101,
                lo,
                this.pos,
                format!("unexpected token '{lexeme}'"),
            );
            None
        };
        match c {
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            '\'' => Some('\''),
            '0' => Some('\0'),
            'x' => {
                let h = self.src.get(self.pos..self.pos + 2).unwrap_or("");
                if h.len() == 2 && h.chars().all(|c| c.is_ascii_hexdigit()) {
                    let v = u8::from_str_radix(h, 16).unwrap_or(0xff);
                    self.pos += 2;
                    if v <= 0x7f {
                        return Some(v as char);
                    }
                }
                bad(self)
            }
            'u' => {
                if self.peek() != b'{' {
                    return bad(self);
                }
                let rest = &self.src[self.pos + 1..];
                let close = rest.find('}').filter(|&n| n <= 7);
                if let Some(n) = close {
                    let hex = &rest[..n];
                    let ok =
                        (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
                    self.pos += n + 2;
                    if ok {
                        if let Some(ch) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                        {
                            return Some(ch);
                        }
                    }
                }
                bad(self)
            }
            _ => bad(self),
        }
    }

    fn raw_string(&mut self) {
        let lo = self.pos;
        let hashes = if self.peek_at(1) == b'#' { 1 } else { 0 };
        let start = lo + 2 + hashes;
        let close = if hashes == 1 { "\"#" } else { "\"" };
        match self.src[start..].find(close) {
            Some(off) => {
                let text: Arc<str> = self.src[start..start + off].into();
                self.pos = start + off + close.len();
                self.push(TokenKind::Str(text), lo);
            }
            None => {
                self.error(
                    ErrorCode::E0102,
                    lo,
                    start,
                    "unterminated string literal".into(),
                );
                let text: Arc<str> = self.src[start..].into();
                self.pos = self.bytes.len();
                self.push(TokenKind::Str(text), lo);
            }
        }
    }

    fn char_lit(&mut self) {
        let lo = self.pos;
        self.pos += 1;
        let value = match self.char_at(self.pos) {
            Some('\\') => self.escape(),
            Some(c) if c != '\'' && c != '\n' && c != '\r' => {
                self.pos += c.len_utf8();
                Some(c)
            }
            _ => None,
        };
        if self.peek() == b'\'' && value.is_some() {
            self.pos += 1;
            let c = value.unwrap_or('\0');
            return self.push(TokenKind::Char(c), lo);
        }
        if value.is_none() && self.errors.last().is_some_and(|e| e.span.lo as usize > lo) {
            // A bad escape was already reported; skip to the closing quote.
            if self.peek() == b'\'' {
                self.pos += 1;
            }
            return self.push(TokenKind::Char('\0'), lo);
        }
        // Not a valid character literal: the quote itself is the unexpected token.
        self.pos = lo + 1;
        self.error(ErrorCode::E0101, lo, lo + 1, "unexpected token '''".into());
    }
}

fn parse_f64(text: &str) -> f64 {
    if !text.contains('_') {
        return text.parse().unwrap_or(f64::NAN);
    }
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    cleaned.parse().unwrap_or(f64::NAN)
}

/// Longest-match punctuation (§2.8).
fn punct(b: &[u8]) -> Option<(TokenKind, usize)> {
    use TokenKind::*;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let (k, n) = match (at(0), at(1), at(2)) {
        (b'.', b'.', b'=') => (DotDotEq, 3),
        (b'*', b'*', _) => (StarStar, 2),
        (b'=', b'=', _) => (EqEq, 2),
        (b'!', b'=', _) => (NotEq, 2),
        (b'<', b'=', _) => (Le, 2),
        (b'>', b'=', _) => (Ge, 2),
        (b'&', b'&', _) => (AndAnd, 2),
        (b'|', b'|', _) => (OrOr, 2),
        (b'<', b'<', _) => (Shl, 2),
        (b'>', b'>', _) => (Shr, 2),
        (b'+', b'=', _) => (PlusEq, 2),
        (b'-', b'=', _) => (MinusEq, 2),
        (b'*', b'=', _) => (StarEq, 2),
        (b'/', b'=', _) => (SlashEq, 2),
        (b'%', b'=', _) => (PercentEq, 2),
        (b'-', b'>', _) => (Arrow, 2),
        (b'=', b'>', _) => (FatArrow, 2),
        (b':', b':', _) => (ColonColon, 2),
        (b'.', b'.', _) => (DotDot, 2),
        (b'+', ..) => (Plus, 1),
        (b'-', ..) => (Minus, 1),
        (b'*', ..) => (Star, 1),
        (b'/', ..) => (Slash, 1),
        (b'%', ..) => (Percent, 1),
        (b'<', ..) => (Lt, 1),
        (b'>', ..) => (Gt, 1),
        (b'!', ..) => (Bang, 1),
        (b'~', ..) => (Tilde, 1),
        (b'&', ..) => (Amp, 1),
        (b'|', ..) => (Pipe, 1),
        (b'^', ..) => (Caret, 1),
        (b'=', ..) => (Eq, 1),
        (b':', ..) => (Colon, 1),
        (b';', ..) => (Semi, 1),
        (b',', ..) => (Comma, 1),
        (b'.', ..) => (Dot, 1),
        (b'?', ..) => (Question, 1),
        (b'(', ..) => (LParen, 1),
        (b')', ..) => (RParen, 1),
        (b'[', ..) => (LBracket, 1),
        (b']', ..) => (RBracket, 1),
        (b'{', ..) => (LBrace, 1),
        (b'}', ..) => (RBrace, 1),
        (b'#', ..) => (Hash, 1),
        (b'$', ..) => (Dollar, 1),
        _ => return None,
    };
    Some((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::UNITS;

    fn kinds(src: &str) -> (Vec<TokenKind>, Vec<(ErrorCode, String)>) {
        let mut i = Interner::new();
        let (toks, errs) = lex(src, &mut i);
        (
            toks.into_iter()
                .map(|t| t.kind)
                .filter(|k| *k != TokenKind::Eof)
                .collect(),
            errs.into_iter().map(|e| (e.code, e.message)).collect(),
        )
    }

    fn one(src: &str) -> TokenKind {
        let (k, e) = kinds(src);
        assert!(e.is_empty(), "{src}: {e:?}");
        assert_eq!(k.len(), 1, "{src}: {k:?}");
        k.into_iter().next().expect("one token")
    }

    fn err(src: &str) -> (ErrorCode, String) {
        let (_, e) = kinds(src);
        assert!(!e.is_empty(), "{src} should fail");
        e.into_iter().next().expect("an error")
    }

    #[test]
    fn integer_literals() {
        assert_eq!(one("0"), TokenKind::Int(0));
        assert_eq!(one("1_000_000"), TokenKind::Int(1_000_000));
        assert_eq!(one("0xFF"), TokenKind::Int(255));
        assert_eq!(one("0xdead_beef"), TokenKind::Int(0xdead_beef));
        assert_eq!(one("0o17"), TokenKind::Int(15));
        assert_eq!(one("0b1010"), TokenKind::Int(10));
        assert_eq!(one("9223372036854775807"), TokenKind::Int(i64::MAX));
        assert_eq!(
            err("9223372036854775808"),
            (
                ErrorCode::E0105,
                "invalid numeric literal '9223372036854775808'".into()
            )
        );
        assert_eq!(err("0x8000000000000000").0, ErrorCode::E0105);
    }

    #[test]
    fn float_literals() {
        assert_eq!(one("1.5"), TokenKind::Float(1.5));
        assert_eq!(one("2e3"), TokenKind::Float(2000.0));
        assert_eq!(one("2E-3"), TokenKind::Float(0.002));
        assert_eq!(one("1_0.2_5"), TokenKind::Float(10.25));
        assert_eq!(one("0.1"), TokenKind::Float(0.1));
        // `1.` is not a float: `.` begins a fraction only when a digit follows
        let (k, _) = kinds("1.foo");
        assert_eq!(k[0], TokenKind::Int(1));
        assert_eq!(k[1], TokenKind::Dot);
    }

    #[test]
    fn ranges_and_tuple_fields_are_not_floats() {
        let (k, _) = kinds("0..5");
        assert_eq!(
            k,
            vec![TokenKind::Int(0), TokenKind::DotDot, TokenKind::Int(5)]
        );
        let (k, _) = kinds("t.0.1");
        assert_eq!(
            k[1..],
            [
                TokenKind::Dot,
                TokenKind::Int(0),
                TokenKind::Dot,
                TokenKind::Int(1)
            ]
        );
    }

    #[test]
    fn radix_prefixes_need_a_valid_digit() {
        // `0B` is zero bytes, `0b` zero bits; `0x` and `0b2` are unknown units.
        assert_eq!(one("0B"), TokenKind::Dim(0.0, Dim::MEMORY));
        assert_eq!(one("0b"), TokenKind::Dim(0.0, Dim::MEMORY));
        assert_eq!(
            err("0x"),
            (ErrorCode::E0104, "unknown unit suffix 'x'".into())
        );
        assert_eq!(err("0b2").0, ErrorCode::E0104);
        assert_eq!(
            err("0xFFJ"),
            (ErrorCode::E0105, "invalid numeric literal '0xFFJ'".into())
        );
        assert_eq!(
            err("0b102"),
            (ErrorCode::E0105, "invalid numeric literal '0b102'".into())
        );
    }

    #[test]
    fn every_unit_suffix_lexes_to_its_canonical_value() {
        for u in UNITS {
            let src = format!("3{}", u.name);
            assert_eq!(
                one(&src),
                TokenKind::Dim(u.to_canonical(3.0), u.dim),
                "{src}"
            );
            let src = format!("2.5{}", u.name);
            assert_eq!(
                one(&src),
                TokenKind::Dim(u.to_canonical(2.5), u.dim),
                "{src}"
            );
        }
        assert_eq!(one("250ms"), TokenKind::Dim(0.25, Dim::TIME));
        assert_eq!(one("1.5kJ"), TokenKind::Dim(1500.0, Dim::ENERGY));
        assert_eq!(one("2e3J"), TokenKind::Dim(2000.0, Dim::ENERGY));
        assert_eq!(
            err("12furlongs"),
            (ErrorCode::E0104, "unknown unit suffix 'furlongs'".into())
        );
        assert_eq!(err("5m").0, ErrorCode::E0104);
        assert_eq!(err("1mb").0, ErrorCode::E0104);
        assert_eq!(err("1e").0, ErrorCode::E0104);
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            one(r#""a\n\r\t\\\"\'\0""#),
            TokenKind::Str("a\n\r\t\\\"'\0".into())
        );
        assert_eq!(one(r#""\x41\u{1F600}""#), TokenKind::Str("A😀".into()));
        assert_eq!(one("\"two\nlines\""), TokenKind::Str("two\nlines".into()));
        assert_eq!(one(r#"r"raw \n""#), TokenKind::Str("raw \\n".into()));
        assert_eq!(
            one(r##"r#"say "hi""#"##),
            TokenKind::Str("say \"hi\"".into())
        );
        assert_eq!(
            err(r#""\q""#),
            (ErrorCode::E0101, r"unexpected token '\q'".into())
        );
        assert_eq!(err(r#""\x80""#).0, ErrorCode::E0101);
        assert_eq!(err(r#""\u{110000}""#).0, ErrorCode::E0101);
        assert_eq!(err(r#""\u{}""#).0, ErrorCode::E0101);
        assert_eq!(
            err("\"open"),
            (ErrorCode::E0102, "unterminated string literal".into())
        );
    }

    #[test]
    fn chars() {
        assert_eq!(one("'a'"), TokenKind::Char('a'));
        assert_eq!(one("'π'"), TokenKind::Char('π'));
        assert_eq!(one(r"'\n'"), TokenKind::Char('\n'));
        assert_eq!(one(r"'\''"), TokenKind::Char('\''));
        assert_eq!(err("'ab'").0, ErrorCode::E0101);
    }

    #[test]
    fn comments_and_positions() {
        let (k, e) = kinds("a // x\n/* b */ c /* d\n*/ e");
        assert!(e.is_empty());
        assert_eq!(k.len(), 3);
        assert_eq!(
            err("x /* open"),
            (ErrorCode::E0102, "unterminated block comment".into())
        );
        // Block comments do not nest: the first `*/` closes.
        let (k, _) = kinds("/* /* */ x */");
        assert_eq!(k.len(), 3); // x * /
        let mut i = Interner::new();
        let (toks, _) = lex("a\n/* \n */ b c", &mut i);
        assert!(!toks[0].newline_before && toks[1].newline_before && !toks[2].newline_before);
    }

    #[test]
    fn identifiers_keywords_annotations() {
        let mut i = Interner::new();
        let (toks, e) = lex("π Δx 面積 _x energy fn _", &mut i);
        assert!(e.is_empty());
        assert!(matches!(toks[0].kind, TokenKind::Ident(_)));
        assert_eq!(toks[5].kind, TokenKind::Fn);
        assert_eq!(toks[6].kind, TokenKind::Underscore);
        assert_eq!(one("@requires"), TokenKind::Annot(Annot::Requires));
        assert_eq!(
            err("@bogus"),
            (ErrorCode::E0101, "unexpected token '@bogus'".into())
        );
        assert_eq!(err("`"), (ErrorCode::E0103, "invalid character '`'".into()));
        assert_eq!(err("€"), (ErrorCode::E0103, "invalid character '€'".into()));
    }

    #[test]
    fn longest_match_punctuation() {
        let (k, _) = kinds("** ..= .. :: -> => >> >= <<= !=");
        assert_eq!(
            k,
            vec![
                TokenKind::StarStar,
                TokenKind::DotDotEq,
                TokenKind::DotDot,
                TokenKind::ColonColon,
                TokenKind::Arrow,
                TokenKind::FatArrow,
                TokenKind::Shr,
                TokenKind::Ge,
                TokenKind::Shl,
                TokenKind::Eq,
                TokenKind::NotEq,
            ]
        );
    }
}
