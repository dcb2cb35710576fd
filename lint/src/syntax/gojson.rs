//! Emulation of Go's `encoding/json` (`json.Unmarshal`) for podnet.
//!
//! Multus and Calico decode annotation values with `json.Unmarshal`; users paste the Go
//! error text into search engines, so podnet reproduces the messages byte for byte:
//!
//! * [`parse`] runs the equivalent of Go's `checkValid` scanner (which `json.Unmarshal`
//!   runs over the whole input before decoding) and returns the same
//!   `invalid character ... <context>` / `unexpected end of JSON input` messages, then
//!   builds a [`Value`] tree with byte spans.
//! * [`decode`] emulates decoding that tree into a Go type described by [`GoType`]
//!   (`json: cannot unmarshal <what> into Go value of type <type>` and the
//!   `Go struct field <Struct>.<path>` variant of Go ≥ 1.20, first error wins, `null`
//!   decodes into anything, case-insensitive field fallback, unknown keys ignored,
//!   `net.IP` through `UnmarshalText`).
//! * [`unmarshal`] does both, reporting syntax errors before type errors like Go.
//!
//! Offsets are byte offsets into the text. Go's `SyntaxError.Offset` is one more than
//! [`SyntaxError::offset`] (Go counts the offending byte as read).
//!
//! Deep nesting: the scanner and tree builder use explicit stacks and Go's limit of
//! 10,000 nested arrays/objects (`exceeded max depth`); dropping a [`Value`] is iterative.
//! The derived `Clone`, `Debug` and `PartialEq` impls are recursive — avoid them on
//! untrusted deeply nested values.

use crate::syntax::gonet;

/// A JSON value with byte spans into the parsed text (start inclusive, end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}

/// A parsed JSON value.
///
/// `Value` implements `Drop` (iteratively, so 10,000-deep values cannot overflow the
/// stack); to move a payload out, match by reference or use `std::mem::take` (the default
/// is `Null`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    /// The raw number literal as written.
    Number(String),
    /// The decoded string.
    String(String),
    Array(Vec<Spanned<Value>>),
    /// Members in source order (duplicates kept); key spans cover the quoted key.
    Object(Vec<(Spanned<String>, Spanned<Value>)>),
}

impl Value {
    /// Go's name for this kind of JSON value in `cannot unmarshal <what>` messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        fn take_children(v: &mut Value, out: &mut Vec<Value>) {
            match v {
                Value::Array(items) => {
                    out.extend(std::mem::take(items).into_iter().map(|s| s.value))
                }
                Value::Object(members) => {
                    out.extend(std::mem::take(members).into_iter().map(|(_, s)| s.value))
                }
                _ => {}
            }
        }
        let has_children = match self {
            Value::Array(items) => !items.is_empty(),
            Value::Object(members) => !members.is_empty(),
            _ => false,
        };
        if !has_children {
            return;
        }
        let mut stack = Vec::new();
        take_children(self, &mut stack);
        while let Some(mut v) = stack.pop() {
            take_children(&mut v, &mut stack);
        }
    }
}

/// A JSON syntax error, as Go's `*json.SyntaxError` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Go's text, e.g. `invalid character 'd' looking for beginning of value`.
    pub msg: String,
    /// Byte offset of the offending byte; `text.len()` for errors at the end of input.
    pub offset: usize,
    /// Byte length of the UTF-8 character starting at `offset` (0 at the end of input),
    /// so `offset..offset + len` is always a valid `&str` range.
    pub len: usize,
}

/// A decoding error: a Go `*json.UnmarshalTypeError`, or an error returned by a
/// `TextUnmarshaler` (e.g. `invalid IP address: 10.0.0.1/24`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    pub msg: String,
    /// Span of the offending JSON value.
    pub start: usize,
    pub end: usize,
}

/// Either kind of error `json.Unmarshal` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoJsonError {
    Syntax(SyntaxError),
    Type(TypeError),
}

impl GoJsonError {
    /// The Go error text.
    pub fn message(&self) -> &str {
        match self {
            GoJsonError::Syntax(e) => &e.msg,
            GoJsonError::Type(e) => &e.msg,
        }
    }
}

impl std::fmt::Display for GoJsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for GoJsonError {}

impl GoJsonError {
    /// Byte span to highlight. For a syntax error: the offending character (the whole
    /// UTF-8 character starting at the offending byte), or an empty span at the end of the
    /// text for errors at end of input. For a type error: the offending JSON value.
    pub fn span(&self) -> (usize, usize) {
        match self {
            GoJsonError::Syntax(e) => (e.offset, e.offset + e.len),
            GoJsonError::Type(e) => (e.start, e.end),
        }
    }
}

/// Parse `text` like Go's `json.Unmarshal` syntax check, then build the tree.
pub fn parse(text: &str) -> Result<Spanned<Value>, SyntaxError> {
    check_valid(text)?;
    Ok(build(text))
}

/// `json.Unmarshal(text, &v)` where `v` has Go type `ty`: syntax errors first, then the
/// first type error (or the first `UnmarshalText` error, which aborts decoding).
pub fn unmarshal(text: &str, ty: &GoType) -> Result<Spanned<Value>, GoJsonError> {
    let v = parse(text).map_err(GoJsonError::Syntax)?;
    decode(&v, ty).map_err(GoJsonError::Type)?;
    Ok(v)
}

// ---------------------------------------------------------------------------------------
// Scanner: a transcription of Go's encoding/json/scanner.go state machine.

const MAX_NESTING_DEPTH: usize = 10000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    BeginValueOrEmpty,
    BeginValue,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    InStringEscU(u8),
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    Lit(&'static [u8], u8),
    Error,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ps {
    ObjectKey,
    ObjectValue,
    ArrayValue,
}

struct Scanner {
    step: St,
    parse: Vec<Ps>,
    end_top: bool,
}

fn is_space(c: u8) -> bool {
    c <= b' ' && (c == b' ' || c == b'\t' || c == b'\r' || c == b'\n')
}

/// The exponent mark of a number.
fn is_exp(c: u8) -> bool {
    c == b'e' || c == b'E'
}

/// Go's `quoteChar`: how the scanner prints an offending byte.
pub fn quote_char(c: u8) -> String {
    match c {
        b'\'' => r"'\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            let r = char::from(c);
            let inner = match r {
                '\x07' => r"\a".to_string(),
                '\x08' => r"\b".to_string(),
                '\x0c' => r"\f".to_string(),
                '\n' => r"\n".to_string(),
                '\r' => r"\r".to_string(),
                '\t' => r"\t".to_string(),
                '\x0b' => r"\v".to_string(),
                '\\' => r"\\".to_string(),
                _ if c < 0x20 || c == 0x7f => format!(r"\x{c:02x}"),
                // unicode.IsPrint within Latin-1: U+00A0 (a space other than ' ') and
                // U+00AD (soft hyphen, Cf) are not printable, nor are the C1 controls.
                _ if (0x80..=0xa0).contains(&c) || c == 0xad => format!(r"\u{c:04x}"),
                _ => r.to_string(),
            };
            format!("'{inner}'")
        }
    }
}

impl Scanner {
    fn new() -> Self {
        Scanner {
            step: St::BeginValue,
            parse: Vec::new(),
            end_top: false,
        }
    }

    fn error(&mut self, c: u8, context: &str) -> Result<(), String> {
        self.step = St::Error;
        Err(format!("invalid character {} {}", quote_char(c), context))
    }

    fn push(&mut self, c: u8, ps: Ps) -> Result<(), String> {
        self.parse.push(ps);
        if self.parse.len() <= MAX_NESTING_DEPTH {
            Ok(())
        } else {
            self.error(c, "exceeded max depth")
        }
    }

    /// Moves to `next` when `cond` holds (the byte is accepted); the scanner's
    /// `if cond { s.step = next; return scanContinue }`.
    fn step_if(&mut self, cond: bool, next: St) -> bool {
        if cond {
            self.step = next;
        }
        cond
    }

    fn pop(&mut self) {
        self.parse.pop();
        if self.parse.is_empty() {
            self.step = St::EndTop;
            self.end_top = true;
        } else {
            self.step = St::EndValue;
        }
    }

    fn step(&mut self, c: u8) -> Result<(), String> {
        let mut st = self.step;
        loop {
            match st {
                St::BeginValueOrEmpty => {
                    if is_space(c) {
                        return Ok(());
                    }
                    st = if c == b']' {
                        St::EndValue
                    } else {
                        St::BeginValue
                    };
                }
                St::BeginValue => {
                    if is_space(c) {
                        return Ok(());
                    }
                    self.step = match c {
                        b'{' => {
                            self.step = St::BeginStringOrEmpty;
                            return self.push(c, Ps::ObjectKey);
                        }
                        b'[' => {
                            self.step = St::BeginValueOrEmpty;
                            return self.push(c, Ps::ArrayValue);
                        }
                        b'"' => St::InString,
                        b'-' => St::Neg,
                        b'0' => St::Zero,
                        b't' => St::Lit(b"true", 1),
                        b'f' => St::Lit(b"false", 1),
                        b'n' => St::Lit(b"null", 1),
                        b'1'..=b'9' => St::One,
                        _ => return self.error(c, "looking for beginning of value"),
                    };
                    return Ok(());
                }
                St::BeginStringOrEmpty => {
                    if is_space(c) {
                        return Ok(());
                    }
                    if c == b'}' {
                        let n = self.parse.len();
                        self.parse[n - 1] = Ps::ObjectValue;
                        st = St::EndValue;
                    } else {
                        st = St::BeginString;
                    }
                }
                St::BeginString => {
                    if is_space(c) {
                        return Ok(());
                    }
                    if c == b'"' {
                        self.step = St::InString;
                        return Ok(());
                    }
                    return self.error(c, "looking for beginning of object key string");
                }
                St::EndValue => {
                    let n = self.parse.len();
                    if n == 0 {
                        self.step = St::EndTop;
                        self.end_top = true;
                        st = St::EndTop;
                        continue;
                    }
                    if is_space(c) {
                        self.step = St::EndValue;
                        return Ok(());
                    }
                    match self.parse[n - 1] {
                        Ps::ObjectKey => {
                            if c == b':' {
                                self.parse[n - 1] = Ps::ObjectValue;
                                self.step = St::BeginValue;
                                return Ok(());
                            }
                            return self.error(c, "after object key");
                        }
                        Ps::ObjectValue => {
                            if c == b',' {
                                self.parse[n - 1] = Ps::ObjectKey;
                                self.step = St::BeginString;
                                return Ok(());
                            }
                            if c == b'}' {
                                self.pop();
                                return Ok(());
                            }
                            return self.error(c, "after object key:value pair");
                        }
                        Ps::ArrayValue => {
                            if c == b',' {
                                self.step = St::BeginValue;
                                return Ok(());
                            }
                            if c == b']' {
                                self.pop();
                                return Ok(());
                            }
                            return self.error(c, "after array element");
                        }
                    }
                }
                St::EndTop => {
                    if !is_space(c) {
                        return self.error(c, "after top-level value");
                    }
                    return Ok(());
                }
                St::InString => {
                    if c == b'"' {
                        self.step = St::EndValue;
                    } else if c == b'\\' {
                        self.step = St::InStringEsc;
                    } else if c < 0x20 {
                        return self.error(c, "in string literal");
                    } else {
                        self.step = St::InString;
                    }
                    return Ok(());
                }
                St::InStringEsc => {
                    self.step = match c {
                        b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => St::InString,
                        b'u' => St::InStringEscU(0),
                        _ => return self.error(c, "in string escape code"),
                    };
                    return Ok(());
                }
                St::InStringEscU(n) => {
                    if c.is_ascii_hexdigit() {
                        self.step = if n == 3 {
                            St::InString
                        } else {
                            St::InStringEscU(n + 1)
                        };
                        return Ok(());
                    }
                    return self.error(c, "in \\u hexadecimal character escape");
                }
                St::Neg => {
                    self.step = match c {
                        b'0' => St::Zero,
                        b'1'..=b'9' => St::One,
                        _ => return self.error(c, "in numeric literal"),
                    };
                    return Ok(());
                }
                St::One => {
                    if self.step_if(c.is_ascii_digit(), St::One) {
                        return Ok(());
                    }
                    st = St::Zero;
                }
                St::Zero => {
                    if self.step_if(c == b'.', St::Dot) || self.step_if(is_exp(c), St::E) {
                        return Ok(());
                    }
                    st = St::EndValue;
                }
                St::Dot => {
                    if self.step_if(c.is_ascii_digit(), St::Dot0) {
                        return Ok(());
                    }
                    return self.error(c, "after decimal point in numeric literal");
                }
                St::Dot0 => {
                    if self.step_if(c.is_ascii_digit(), St::Dot0) || self.step_if(is_exp(c), St::E)
                    {
                        return Ok(());
                    }
                    st = St::EndValue;
                }
                St::E => {
                    if self.step_if(c == b'+' || c == b'-', St::ESign) {
                        return Ok(());
                    }
                    st = St::ESign;
                }
                St::ESign => {
                    if self.step_if(c.is_ascii_digit(), St::E0) {
                        return Ok(());
                    }
                    return self.error(c, "in exponent of numeric literal");
                }
                St::E0 => {
                    if self.step_if(c.is_ascii_digit(), St::E0) {
                        return Ok(());
                    }
                    st = St::EndValue;
                }
                St::Lit(word, i) => {
                    let want = word[usize::from(i)];
                    if c != want {
                        let name = std::str::from_utf8(word).unwrap_or_default();
                        let ctx = format!("in literal {name} (expecting '{}')", char::from(want));
                        return self.error(c, &ctx);
                    }
                    self.step = if usize::from(i) + 1 == word.len() {
                        St::EndValue
                    } else {
                        St::Lit(word, i + 1)
                    };
                    return Ok(());
                }
                St::Error => return Err("invalid state".to_string()),
            }
        }
    }

    fn eof(&mut self) -> Result<(), String> {
        if self.end_top {
            return Ok(());
        }
        self.step(b' ')?;
        if self.end_top {
            return Ok(());
        }
        Err("unexpected end of JSON input".to_string())
    }
}

fn check_valid(text: &str) -> Result<(), SyntaxError> {
    let b = text.as_bytes();
    let mut s = Scanner::new();
    for (i, &c) in b.iter().enumerate() {
        if let Err(msg) = s.step(c) {
            // The scanner only rejects bytes that start a character (inside strings every
            // byte >= 0x20 is accepted), so `i` is a char boundary.
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            return Err(SyntaxError {
                msg,
                offset: i,
                len,
            });
        }
    }
    s.eof().map_err(|msg| SyntaxError {
        msg,
        offset: b.len(),
        len: 0,
    })
}

// ---------------------------------------------------------------------------------------
// Tree builder for text already accepted by the scanner.

enum Frame {
    Array {
        start: usize,
        items: Vec<Spanned<Value>>,
    },
    Object {
        start: usize,
        members: Vec<(Spanned<String>, Spanned<Value>)>,
        key: Option<Spanned<String>>,
    },
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

/// Reads the string literal starting at `text[i] == '"'`; returns (decoded, end).
fn read_string(text: &str, i: usize) -> (String, usize) {
    let b = text.as_bytes();
    let mut j = i + 1;
    while b[j] != b'"' {
        j += if b[j] == b'\\' { 2 } else { 1 };
    }
    (unquote(&text[i + 1..j]), j + 1)
}

/// Reads `"key" :` starting at `i`; returns the key and the index after the colon.
fn read_key(text: &str, i: usize) -> (Spanned<String>, usize) {
    let (k, end) = read_string(text, i);
    let j = skip_ws(text.as_bytes(), end);
    debug_assert_eq!(text.as_bytes()[j], b':');
    (
        Spanned {
            value: k,
            start: i,
            end,
        },
        j + 1,
    )
}

fn getu4(b: &[u8]) -> Option<u32> {
    if b.len() < 6 || b[0] != b'\\' || b[1] != b'u' {
        return None;
    }
    let s = std::str::from_utf8(&b[2..6]).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// Go's `unquoteBytes` for the body of a valid string literal.
fn unquote(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut r = 0;
    while r < b.len() {
        if b[r] != b'\\' {
            let next = s[r..].find('\\').map_or(b.len(), |k| r + k);
            out.push_str(&s[r..next]);
            r = next;
            continue;
        }
        match b[r + 1] {
            b'u' => {
                let rr = getu4(&b[r..]).unwrap_or(0xFFFD);
                r += 6;
                if (0xD800..0xE000).contains(&rr) {
                    if let Some(rr1) = getu4(&b[r..]) {
                        if (0xD800..0xDC00).contains(&rr) && (0xDC00..0xE000).contains(&rr1) {
                            let c = 0x10000 + ((rr - 0xD800) << 10) + (rr1 - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            r += 6;
                            continue;
                        }
                    }
                    out.push('\u{FFFD}');
                } else {
                    out.push(char::from_u32(rr).unwrap_or('\u{FFFD}'));
                }
            }
            c => {
                out.push(match c {
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    other => char::from(other),
                });
                r += 2;
            }
        }
    }
    out
}

fn build(text: &str) -> Spanned<Value> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        i = skip_ws(b, i);
        let start = i;
        let mut done = match b[i] {
            b'[' => {
                i = skip_ws(b, i + 1);
                if b[i] == b']' {
                    i += 1;
                    Spanned {
                        value: Value::Array(Vec::new()),
                        start,
                        end: i,
                    }
                } else {
                    stack.push(Frame::Array {
                        start,
                        items: Vec::new(),
                    });
                    continue;
                }
            }
            b'{' => {
                i = skip_ws(b, i + 1);
                if b[i] == b'}' {
                    i += 1;
                    Spanned {
                        value: Value::Object(Vec::new()),
                        start,
                        end: i,
                    }
                } else {
                    let (key, next) = read_key(text, i);
                    i = next;
                    stack.push(Frame::Object {
                        start,
                        members: Vec::new(),
                        key: Some(key),
                    });
                    continue;
                }
            }
            b'"' => {
                let (s, end) = read_string(text, i);
                i = end;
                Spanned {
                    value: Value::String(s),
                    start,
                    end,
                }
            }
            b't' | b'f' | b'n' => {
                let (value, len) = match b[i] {
                    b't' => (Value::Bool(true), 4),
                    b'f' => (Value::Bool(false), 5),
                    _ => (Value::Null, 4),
                };
                i += len;
                Spanned {
                    value,
                    start,
                    end: i,
                }
            }
            _ => {
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                Spanned {
                    value: Value::Number(text[start..i].to_string()),
                    start,
                    end: i,
                }
            }
        };
        // Attach the finished value to its container, closing containers as needed.
        loop {
            i = skip_ws(b, i);
            match stack.last_mut() {
                None => return done,
                Some(Frame::Array { items, .. }) => {
                    items.push(done);
                    if b[i] == b',' {
                        i += 1;
                        break;
                    }
                    i += 1; // ']'
                    let Some(Frame::Array { start, items }) = stack.pop() else {
                        unreachable!()
                    };
                    done = Spanned {
                        value: Value::Array(items),
                        start,
                        end: i,
                    };
                }
                Some(Frame::Object { members, key, .. }) => {
                    let k = key.take().expect("object key");
                    members.push((k, done));
                    if b[i] == b',' {
                        let (k, next) = read_key(text, skip_ws(b, i + 1));
                        *key = Some(k);
                        i = next;
                        break;
                    }
                    i += 1; // '}'
                    let Some(Frame::Object { start, members, .. }) = stack.pop() else {
                        unreachable!()
                    };
                    done = Spanned {
                        value: Value::Object(members),
                        start,
                        end: i,
                    };
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Typed decoding.

/// A Go type that JSON is decoded into. Built from `&'static` parts so descriptions can be
/// written as consts (see [`MULTUS_SELECTIONS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoType {
    String,
    /// Go `int` (64-bit).
    Int,
    Bool,
    /// Go `float64`.
    Float,
    /// `interface{}`.
    Any,
    Slice(&'static GoType),
    /// `map[string]T`.
    Map(&'static GoType),
    Ptr(&'static GoType),
    Struct(&'static GoStruct),
    /// `net.IP` (decoded from strings with `UnmarshalText`).
    IP,
}

/// A Go struct type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoStruct {
    /// Package name as printed in type strings (`types` in `types.NetworkSelectionElement`).
    pub pkg: &'static str,
    /// Bare type name (`NetworkSelectionElement`), used in `Go struct field` messages.
    pub name: &'static str,
    pub fields: &'static [GoField],
}

/// One exported field: its JSON key (tag name) and Go type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoField {
    pub json: &'static str,
    pub ty: &'static GoType,
}

impl GoField {
    pub const fn new(json: &'static str, ty: &'static GoType) -> GoField {
        GoField { json, ty }
    }
}

impl std::fmt::Display for GoType {
    /// Go's `reflect.Type.String()`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GoType::String => f.write_str("string"),
            GoType::Int => f.write_str("int"),
            GoType::Bool => f.write_str("bool"),
            GoType::Float => f.write_str("float64"),
            GoType::Any => f.write_str("interface {}"),
            GoType::Slice(t) => write!(f, "[]{t}"),
            GoType::Map(t) => write!(f, "map[string]{t}"),
            GoType::Ptr(t) => write!(f, "*{t}"),
            GoType::Struct(s) if s.pkg.is_empty() => f.write_str(s.name),
            GoType::Struct(s) => write!(f, "{}.{}", s.pkg, s.name),
            GoType::IP => f.write_str("net.IP"),
        }
    }
}

/// `[]string` (Calico `ipv4pools`, `ipv6pools`, `ipFamilies`, ...).
pub const STRING_SLICE: GoType = GoType::Slice(&GoType::String);

/// Multus `types.PortMapEntry`.
pub const PORT_MAP_ENTRY: GoStruct = GoStruct {
    pkg: "types",
    name: "PortMapEntry",
    fields: &[
        GoField::new("hostPort", &GoType::Int),
        GoField::new("containerPort", &GoType::Int),
        GoField::new("protocol", &GoType::String),
        GoField::new("hostIP", &GoType::String),
    ],
};

/// Multus `types.BandwidthEntry`.
pub const BANDWIDTH_ENTRY: GoStruct = GoStruct {
    pkg: "types",
    name: "BandwidthEntry",
    fields: &[
        GoField::new("ingressRate", &GoType::Int),
        GoField::new("ingressBurst", &GoType::Int),
        GoField::new("egressRate", &GoType::Int),
        GoField::new("egressBurst", &GoType::Int),
    ],
};

/// Multus `types.NetworkSelectionElement` (pkg/types/types.go).
pub const NETWORK_SELECTION_ELEMENT: GoStruct = GoStruct {
    pkg: "types",
    name: "NetworkSelectionElement",
    fields: &[
        GoField::new("name", &GoType::String),
        GoField::new("namespace", &GoType::String),
        GoField::new("ips", &STRING_SLICE),
        GoField::new("mac", &GoType::String),
        GoField::new("infiniband-guid", &GoType::String),
        GoField::new("interface", &GoType::String),
        GoField::new("interfaceRequest", &GoType::String),
        GoField::new(
            "portMappings",
            &GoType::Slice(&GoType::Ptr(&GoType::Struct(&PORT_MAP_ENTRY))),
        ),
        GoField::new("bandwidth", &GoType::Ptr(&GoType::Struct(&BANDWIDTH_ENTRY))),
        GoField::new("deviceID", &GoType::String),
        GoField::new("cni-args", &GoType::Ptr(&GoType::Map(&GoType::Any))),
        GoField::new("default-route", &GoType::Ptr(&GoType::Slice(&GoType::IP))),
    ],
};

/// `[]*types.NetworkSelectionElement`: the Multus `k8s.v1.cni.cncf.io/networks` JSON form.
pub const MULTUS_SELECTIONS: GoType =
    GoType::Slice(&GoType::Ptr(&GoType::Struct(&NETWORK_SELECTION_ELEMENT)));

/// Decode `v` into Go type `ty` as `json.Unmarshal(data, &x)` would (after the syntax
/// check). Returns the first `UnmarshalTypeError`, or an `UnmarshalText` error, which
/// aborts decoding and takes precedence over earlier type errors (as in Go).
pub fn decode(v: &Spanned<Value>, ty: &GoType) -> Result<(), TypeError> {
    let mut d = Decoder::default();
    d.value(v, ty, true)?;
    match d.first {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[derive(Default)]
struct Decoder {
    first: Option<TypeError>,
    struct_name: Option<&'static str>,
    path: Vec<&'static str>,
}

/// Go's `foldName` for comparing keys with (ASCII) field names: ASCII letters upper-cased,
/// U+017F (ſ) → 'S', U+212A (Kelvin sign) → 'K'; other characters are kept.
fn fold_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            '\u{17F}' => 'S',
            '\u{212A}' => 'K',
            _ => c,
        })
        .collect()
}

fn find_field(s: &GoStruct, key: &str) -> Option<&'static GoField> {
    let fields: &'static [GoField] = s.fields;
    if let Some(f) = fields.iter().find(|f| f.json == key) {
        return Some(f);
    }
    let folded = fold_name(key);
    fields.iter().find(|f| fold_name(f.json) == folded)
}

impl Decoder {
    fn save(&mut self, what: String, ty: &dyn std::fmt::Display, v: &Spanned<Value>) {
        if self.first.is_some() {
            return;
        }
        let msg = match self.struct_name {
            Some(s) => format!(
                "json: cannot unmarshal {what} into Go struct field {s}.{} of type {ty}",
                self.path.join(".")
            ),
            None => format!("json: cannot unmarshal {what} into Go value of type {ty}"),
        };
        self.first = Some(TypeError {
            msg,
            start: v.start,
            end: v.end,
        });
    }

    fn mismatch(&mut self, v: &Spanned<Value>, ty: &GoType) {
        self.save(v.value.kind_name().to_string(), ty, v);
    }

    /// `interface{}`: only float64 overflow can fail; walked iteratively.
    fn any(&mut self, v: &Spanned<Value>) {
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match &v.value {
                Value::Number(raw) if !float_ok(raw) => {
                    self.save(format!("number {raw}"), &GoType::Float, v);
                }
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(members) => stack.extend(members.iter().rev().map(|(_, v)| v)),
                _ => {}
            }
        }
    }

    fn value(&mut self, v: &Spanned<Value>, ty: &GoType, top: bool) -> Result<(), TypeError> {
        if let Value::Null = v.value {
            return Ok(());
        }
        let mut inner = ty;
        while let GoType::Ptr(t) = inner {
            inner = t;
        }
        match inner {
            GoType::IP => match &v.value {
                Value::String(s) => {
                    if let Err(msg) = gonet::unmarshal_ip_text(s) {
                        return Err(TypeError {
                            msg,
                            start: v.start,
                            end: v.end,
                        });
                    }
                }
                // The TextUnmarshaler path reports the declared type, pointers included
                // (at the top level Go sees the *net.IP passed to Unmarshal).
                _ if top => self.save(v.value.kind_name().to_string(), &format!("*{ty}"), v),
                _ => self.mismatch(v, ty),
            },
            GoType::String => {
                if !matches!(v.value, Value::String(_)) {
                    self.mismatch(v, inner);
                }
            }
            GoType::Bool => {
                if !matches!(v.value, Value::Bool(_)) {
                    self.mismatch(v, inner);
                }
            }
            GoType::Int => match &v.value {
                Value::Number(raw) => {
                    if raw.parse::<i64>().is_err() {
                        self.save(format!("number {raw}"), inner, v);
                    }
                }
                _ => self.mismatch(v, inner),
            },
            GoType::Float => match &v.value {
                Value::Number(raw) => {
                    if !float_ok(raw) {
                        self.save(format!("number {raw}"), inner, v);
                    }
                }
                _ => self.mismatch(v, inner),
            },
            GoType::Any => self.any(v),
            GoType::Slice(elem) => match &v.value {
                Value::Array(items) => {
                    for item in items {
                        self.value(item, elem, false)?;
                    }
                }
                _ => self.mismatch(v, inner),
            },
            GoType::Map(elem) => match &v.value {
                Value::Object(members) => {
                    for (_, val) in members {
                        self.value(val, elem, false)?;
                    }
                }
                _ => self.mismatch(v, inner),
            },
            GoType::Struct(s) => match &v.value {
                Value::Object(members) => {
                    for (key, val) in members {
                        let Some(f) = find_field(s, &key.value) else {
                            continue;
                        };
                        let saved = self.struct_name;
                        self.path.push(f.json);
                        self.struct_name = Some(s.name);
                        let r = self.value(val, f.ty, false);
                        self.path.pop();
                        self.struct_name = saved;
                        r?;
                    }
                }
                _ => self.mismatch(v, inner),
            },
            GoType::Ptr(_) => unreachable!(),
        }
        Ok(())
    }
}

fn float_ok(raw: &str) -> bool {
    raw.parse::<f64>().is_ok_and(f64::is_finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str) -> (String, usize) {
        let e = parse(text).expect_err(text);
        (e.msg, e.offset)
    }

    #[test]
    fn calico_section3_syntax_table() {
        let rows: &[(&str, &str, usize)] = &[
            (
                "default-ipv4-ippool",
                "invalid character 'd' looking for beginning of value",
                0,
            ),
            (
                "new-pool",
                "invalid character 'e' in literal null (expecting 'u')",
                1,
            ),
            (
                "test-pool",
                "invalid character 'e' in literal true (expecting 'r')",
                1,
            ),
            (
                "fast-pool",
                "invalid character 's' in literal false (expecting 'l')",
                2,
            ),
            (
                "10.0.0.0/16",
                "invalid character '.' after top-level value",
                4,
            ),
            ("10.0.0.5", "invalid character '.' after top-level value", 4),
            (
                "2001:db8::/64",
                "invalid character ':' after top-level value",
                4,
            ),
            ("1st-pool", "invalid character 's' after top-level value", 1),
            (
                "[default-ipv4-ippool]",
                "invalid character 'd' looking for beginning of value",
                1,
            ),
            (
                "['pool-a']",
                r"invalid character '\'' looking for beginning of value",
                1,
            ),
            (
                "[\"pool-a\",]",
                "invalid character ']' looking for beginning of value",
                10,
            ),
            (
                "[\"pool-a\" \"pool-b\"]",
                "invalid character '\"' after array element",
                10,
            ),
            ("[\"pool-a\"", "unexpected end of JSON input", 9),
            (
                "“pool-a”",
                "invalid character 'â' looking for beginning of value",
                0,
            ),
            (
                "[“pool-a”]",
                "invalid character 'â' looking for beginning of value",
                1,
            ),
            (
                "[pool-a pool-b]",
                "invalid character 'p' looking for beginning of value",
                1,
            ),
        ];
        for (text, msg, off) in rows {
            assert_eq!(syntax(text), (msg.to_string(), *off), "{text}");
        }
    }

    #[test]
    fn calico_section3_type_table() {
        let rows: &[(&str, &GoType, &str)] = &[
            (
                "\"default-ipv4-ippool\"",
                &STRING_SLICE,
                "json: cannot unmarshal string into Go value of type []string",
            ),
            (
                "{\"pools\":[\"a\"]}",
                &STRING_SLICE,
                "json: cannot unmarshal object into Go value of type []string",
            ),
            (
                "[10, 20]",
                &STRING_SLICE,
                "json: cannot unmarshal number into Go value of type string",
            ),
        ];
        for (text, ty, msg) in rows {
            let e = unmarshal(text, ty).expect_err(text);
            assert!(matches!(e, GoJsonError::Type(_)), "{text}");
            assert_eq!(e.message(), *msg, "{text}");
        }
        // The first of several type errors wins; its span is the offending element.
        let e = unmarshal("[10, 20]", &STRING_SLICE).unwrap_err();
        assert_eq!(e.span(), (1, 3));
        assert!(unmarshal("[\"a\", \"b\"]", &STRING_SLICE).is_ok());
        assert!(unmarshal("[]", &STRING_SLICE).is_ok());
        assert!(unmarshal("null", &STRING_SLICE).is_ok());
        assert!(unmarshal("[null, \"a\"]", &STRING_SLICE).is_ok());
        assert!(unmarshal(" [\"a\"]\n", &STRING_SLICE).is_ok());
    }

    #[test]
    fn scanner_messages() {
        let rows: &[(&str, &str, usize)] = &[
            ("", "unexpected end of JSON input", 0),
            ("   ", "unexpected end of JSON input", 3),
            ("[", "unexpected end of JSON input", 1),
            ("{", "unexpected end of JSON input", 1),
            ("{\"a\"", "unexpected end of JSON input", 4),
            ("{\"a\":", "unexpected end of JSON input", 5),
            ("\"abc", "unexpected end of JSON input", 4),
            // Go's eof() feeds a space to the scanner: unfinished literals report ' '.
            (
                "tru",
                "invalid character ' ' in literal true (expecting 'e')",
                3,
            ),
            (
                "nul",
                "invalid character ' ' in literal null (expecting 'l')",
                3,
            ),
            (
                "f",
                "invalid character ' ' in literal false (expecting 'a')",
                1,
            ),
            ("-", "invalid character ' ' in numeric literal", 1),
            (
                "1.",
                "invalid character ' ' after decimal point in numeric literal",
                2,
            ),
            (
                "1e",
                "invalid character ' ' in exponent of numeric literal",
                2,
            ),
            (
                "1e+",
                "invalid character ' ' in exponent of numeric literal",
                3,
            ),
            ("\"\\", "invalid character ' ' in string escape code", 2),
            (
                "\"\\u12",
                r"invalid character ' ' in \u hexadecimal character escape",
                5,
            ),
            ("{\"a\" 1}", "invalid character '1' after object key", 5),
            (
                "{\"a\":1 \"b\":2}",
                "invalid character '\"' after object key:value pair",
                7,
            ),
            (
                "[{\"name\":\"a\"]",
                "invalid character ']' after object key:value pair",
                12,
            ),
            (
                "{\"cniVersion\": \"0.3.1\", }",
                "invalid character '}' looking for beginning of object key string",
                24,
            ),
            (
                "{a:1}",
                "invalid character 'a' looking for beginning of object key string",
                1,
            ),
            (
                "{'a':1}",
                r"invalid character '\'' looking for beginning of object key string",
                1,
            ),
            ("\"a\nb\"", r"invalid character '\n' in string literal", 2),
            ("\"a\tb\"", r"invalid character '\t' in string literal", 2),
            ("\"\x00\"", r"invalid character '\x00' in string literal", 1),
            ("\"\x1f\"", r"invalid character '\x1f' in string literal", 1),
            (
                "\"\\x41\"",
                "invalid character 'x' in string escape code",
                2,
            ),
            (
                "\"\\'\"",
                r"invalid character '\'' in string escape code",
                2,
            ),
            (
                "\"\\u12g4\"",
                r"invalid character 'g' in \u hexadecimal character escape",
                5,
            ),
            ("01", "invalid character '1' after top-level value", 1),
            ("-a", "invalid character 'a' in numeric literal", 1),
            (
                "1.a",
                "invalid character 'a' after decimal point in numeric literal",
                2,
            ),
            (
                "1ea",
                "invalid character 'a' in exponent of numeric literal",
                2,
            ),
            (
                "+1",
                "invalid character '+' looking for beginning of value",
                0,
            ),
            (
                ".5",
                "invalid character '.' looking for beginning of value",
                0,
            ),
            (
                "NaN",
                "invalid character 'N' looking for beginning of value",
                0,
            ),
            (
                "True",
                "invalid character 'T' looking for beginning of value",
                0,
            ),
            (
                "nULL",
                "invalid character 'U' in literal null (expecting 'u')",
                1,
            ),
            (
                "truE",
                "invalid character 'E' in literal true (expecting 'e')",
                3,
            ),
            (
                "falsy",
                "invalid character 'y' in literal false (expecting 'e')",
                4,
            ),
            (
                "[1,]",
                "invalid character ']' looking for beginning of value",
                3,
            ),
            (
                "[,1]",
                "invalid character ',' looking for beginning of value",
                1,
            ),
            ("[1 2]", "invalid character '2' after array element", 3),
            ("[1}", "invalid character '}' after array element", 2),
            (
                "{\"a\":1]",
                "invalid character ']' after object key:value pair",
                6,
            ),
            ("{} {}", "invalid character '{' after top-level value", 3),
            ("[] x", "invalid character 'x' after top-level value", 3),
            (
                "\"a\" \"b\"",
                "invalid character '\"' after top-level value",
                4,
            ),
            (
                "\u{a0}[]",
                "invalid character 'Â' looking for beginning of value",
                0,
            ),
            (
                "\u{feff}[]",
                "invalid character 'ï' looking for beginning of value",
                0,
            ),
            (
                "\x0c[]",
                r"invalid character '\f' looking for beginning of value",
                0,
            ),
            (
                "\x0b[]",
                r"invalid character '\v' looking for beginning of value",
                0,
            ),
            (
                "\x07",
                r"invalid character '\a' looking for beginning of value",
                0,
            ),
            (
                "\x08",
                r"invalid character '\b' looking for beginning of value",
                0,
            ),
            (
                "\r\n\t x",
                "invalid character 'x' looking for beginning of value",
                4,
            ),
            (
                "\x7f",
                r"invalid character '\x7f' looking for beginning of value",
                0,
            ),
            (
                "\\",
                r"invalid character '\\' looking for beginning of value",
                0,
            ),
            (
                "é",
                "invalid character 'Ã' looking for beginning of value",
                0,
            ),
            (
                "\u{80}",
                "invalid character 'Â' looking for beginning of value",
                0,
            ),
            (
                "[1]\u{a0}",
                "invalid character 'Â' after top-level value",
                3,
            ),
            (
                "„a“",
                r"invalid character 'â' looking for beginning of value",
                0,
            ),
        ];
        for (text, msg, off) in rows {
            assert_eq!(syntax(text), (msg.to_string(), *off), "{text:?}");
        }
    }

    #[test]
    fn quote_char_bytes() {
        assert_eq!(quote_char(0xE2), "'â'");
        assert_eq!(quote_char(0x80), r"'\u0080'");
        assert_eq!(quote_char(0x9F), r"'\u009f'");
        assert_eq!(quote_char(0xA0), r"'\u00a0'");
        assert_eq!(quote_char(0xAD), r"'\u00ad'");
        assert_eq!(quote_char(0xA1), "'¡'");
        assert_eq!(quote_char(0xFF), "'ÿ'");
        assert_eq!(quote_char(0x7F), r"'\x7f'");
        assert_eq!(quote_char(0), r"'\x00'");
        assert_eq!(quote_char(b'\n'), r"'\n'");
        assert_eq!(quote_char(b'\''), r"'\''");
        assert_eq!(quote_char(b'"'), "'\"'");
        assert_eq!(quote_char(b' '), "' '");
        assert_eq!(quote_char(b'a'), "'a'");
    }

    #[test]
    fn syntax_error_spans() {
        let e = unmarshal("“pool-a”", &STRING_SLICE).unwrap_err();
        assert_eq!(e.span(), (0, 3)); // the whole typographic quote
        let e = unmarshal("[\"a\"", &STRING_SLICE).unwrap_err();
        assert_eq!(e.span(), (4, 4));
        let e = unmarshal("[\"a\",]", &STRING_SLICE).unwrap_err();
        assert_eq!(e.span(), (5, 6));
        // Syntax errors come before type errors.
        let e = unmarshal("{\"a\": 1,}", &STRING_SLICE).unwrap_err();
        assert!(matches!(e, GoJsonError::Syntax(_)));
    }

    #[test]
    fn values_and_spans() {
        let text = r#" {"a": [1, -2.5e3, true, null], "b\u0041": {"c": "x\ny"}, "a": false} "#;
        let v = parse(text).unwrap();
        assert_eq!((v.start, v.end), (1, text.len() - 1));
        let Value::Object(members) = &v.value else {
            panic!()
        };
        assert_eq!(members.len(), 3);
        let (k, a) = &members[0];
        assert_eq!(k.value, "a");
        assert_eq!(&text[k.start..k.end], "\"a\"");
        assert_eq!(&text[a.start..a.end], "[1, -2.5e3, true, null]");
        let Value::Array(items) = &a.value else {
            panic!()
        };
        let got: Vec<&str> = items.iter().map(|i| &text[i.start..i.end]).collect();
        assert_eq!(got, ["1", "-2.5e3", "true", "null"]);
        assert_eq!(items[1].value, Value::Number("-2.5e3".into()));
        assert_eq!(items[2].value, Value::Bool(true));
        assert_eq!(items[3].value, Value::Null);
        let (k, b) = &members[1];
        assert_eq!(k.value, "bA");
        assert_eq!(&text[k.start..k.end], r#""b\u0041""#);
        assert_eq!(&text[b.start..b.end], r#"{"c": "x\ny"}"#);
        let Value::Object(inner) = &b.value else {
            panic!()
        };
        assert_eq!(inner[0].1.value, Value::String("x\ny".into()));
        assert_eq!(&text[inner[0].1.start..inner[0].1.end], r#""x\ny""#);
        assert_eq!(members[2].1.value, Value::Bool(false));

        assert_eq!(parse("[]").unwrap().value, Value::Array(vec![]));
        assert_eq!(parse("{ }").unwrap().value, Value::Object(vec![]));
        assert_eq!(
            parse(" 0 ").unwrap(),
            Spanned {
                value: Value::Number("0".into()),
                start: 1,
                end: 2
            }
        );
        assert_eq!(parse("\"\"").unwrap().value, Value::String(String::new()));
    }

    #[test]
    fn string_escapes() {
        let s = |t: &str| match parse(t).unwrap().value {
            Value::String(ref s) => s.clone(),
            _ => panic!(),
        };
        assert_eq!(s(r#""\"\\\/\b\f\n\r\t""#), "\"\\/\u{8}\u{c}\n\r\t");
        assert_eq!(s(r#""\u00e9\u20AC""#), "é€");
        assert_eq!(s(r#""\ud83d\ude00""#), "😀");
        assert_eq!(s(r#""\ud83d""#), "\u{FFFD}");
        assert_eq!(s(r#""\ude00x""#), "\u{FFFD}x");
        assert_eq!(s(r#""\ud83d\u0041""#), "\u{FFFD}A");
        assert_eq!(s(r#""\ud83d\ud83d\ude00""#), "\u{FFFD}😀");
        assert_eq!(s("\"“a”\""), "“a”");
    }

    #[test]
    fn deep_nesting() {
        // Run on a small stack: nothing may recurse per nesting level.
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(deep_nesting_body)
            .unwrap()
            .join()
            .unwrap();
    }

    fn deep_nesting_body() {
        let n = 10_000;
        let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
        let v = parse(&text).unwrap();
        assert_eq!((v.start, v.end), (0, 2 * n));
        decode(&v, &GoType::Any).unwrap();
        let e = decode(&v, &MULTUS_SELECTIONS).unwrap_err();
        assert_eq!(
            e.msg,
            "json: cannot unmarshal array into Go value of type types.NetworkSelectionElement"
        );
        drop(v);

        let text = "{\"a\":".repeat(n) + "1" + &"}".repeat(n);
        let v = parse(&text).unwrap();
        decode(&v, &GoType::Any).unwrap();
        drop(v);

        let text = format!("{}{}", "[".repeat(n + 1), "]".repeat(n + 1));
        assert_eq!(
            syntax(&text),
            ("invalid character '[' exceeded max depth".to_string(), n)
        );
        let text = "[".repeat(n + 1);
        assert_eq!(
            syntax(&text),
            ("invalid character '[' exceeded max depth".to_string(), n)
        );
        let text = "[".repeat(n);
        assert_eq!(
            syntax(&text),
            ("unexpected end of JSON input".to_string(), n)
        );
    }

    fn multus(text: &str) -> Result<(), (String, usize, usize)> {
        unmarshal(text, &MULTUS_SELECTIONS)
            .map(|_| ())
            .map_err(|e| {
                let (s, t) = e.span();
                (e.message().to_string(), s, t)
            })
    }

    #[test]
    fn multus_examples() {
        // E1
        assert_eq!(
            multus(r#"[{"name":"a"]"#).unwrap_err().0,
            "invalid character ']' after object key:value pair"
        );
        // E2
        let obj =
            "json: cannot unmarshal object into Go value of type []*types.NetworkSelectionElement";
        assert_eq!(
            multus(r#"{"name":"a"}"#).unwrap_err(),
            (obj.to_string(), 0, 12)
        );
        assert_eq!(
            multus(r#""macvlan""#).unwrap_err().0,
            "json: cannot unmarshal string into Go value of type []*types.NetworkSelectionElement"
        );
        assert_eq!(
            multus(r#"["macvlan"]"#).unwrap_err(),
            (
                "json: cannot unmarshal string into Go value of type types.NetworkSelectionElement"
                    .to_string(),
                1,
                10
            )
        );
        // E3
        let rows: &[(&str, &str)] = &[
            (
                r#"[{"name":"a","ips":"10.0.0.1/24"}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.ips of type []string",
            ),
            (
                r#"[{"name":"a","IPS":"10.0.0.1/24"}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.ips of type []string",
            ),
            (
                r#"[{"name":"a","default-route":"10.0.0.1"}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.default-route of type []net.IP",
            ),
            (
                r#"[{"name":"a","interface":5}]"#,
                "json: cannot unmarshal number into Go struct field NetworkSelectionElement.interface of type string",
            ),
            (
                r#"[{"name":"a","cni-args":"x=y"}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.cni-args of type map[string]interface {}",
            ),
            (
                r#"[{"name":"a","portMappings":[{"hostPort":"8080","containerPort":80}]}]"#,
                "json: cannot unmarshal string into Go struct field PortMapEntry.portMappings.hostPort of type int",
            ),
            (
                r#"[{"name":"a","portMappings":[{"hostPort":80.5}]}]"#,
                "json: cannot unmarshal number 80.5 into Go struct field PortMapEntry.portMappings.hostPort of type int",
            ),
            (
                r#"[{"name":"a","portMappings":[{"hostPort":1e3}]}]"#,
                "json: cannot unmarshal number 1e3 into Go struct field PortMapEntry.portMappings.hostPort of type int",
            ),
            (
                r#"[{"name":"a","portMappings":[{"hostPort":99999999999999999999}]}]"#,
                "json: cannot unmarshal number 99999999999999999999 into Go struct field PortMapEntry.portMappings.hostPort of type int",
            ),
            (
                r#"[{"name":"a","portMappings":{"hostPort":80}}]"#,
                "json: cannot unmarshal object into Go struct field NetworkSelectionElement.portMappings of type []*types.PortMapEntry",
            ),
            (
                r#"[{"name":"a","portMappings":["80:80"]}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.portMappings of type types.PortMapEntry",
            ),
            (
                r#"[{"name":"a","bandwidth":{"ingressRate":"1M"}}]"#,
                "json: cannot unmarshal string into Go struct field BandwidthEntry.bandwidth.ingressRate of type int",
            ),
            (
                r#"[{"name":"a","bandwidth":"1M"}]"#,
                "json: cannot unmarshal string into Go struct field NetworkSelectionElement.bandwidth of type types.BandwidthEntry",
            ),
            (
                r#"[{"name":true}]"#,
                "json: cannot unmarshal bool into Go struct field NetworkSelectionElement.name of type string",
            ),
            (
                r#"[{"name":["a"]}]"#,
                "json: cannot unmarshal array into Go struct field NetworkSelectionElement.name of type string",
            ),
            (
                r#"[{"name":"a","default-route":[5]}]"#,
                "json: cannot unmarshal number into Go struct field NetworkSelectionElement.default-route of type net.IP",
            ),
            (
                r#"[{"name":"a","default-route":[true]}]"#,
                "json: cannot unmarshal bool into Go struct field NetworkSelectionElement.default-route of type net.IP",
            ),
            (
                r#"[{"name":"a","default-route":[[10,0,0,1]]}]"#,
                "json: cannot unmarshal array into Go struct field NetworkSelectionElement.default-route of type net.IP",
            ),
            (
                r#"[{"name":"a","cni-args":{"n":1e999}}]"#,
                "json: cannot unmarshal number 1e999 into Go struct field NetworkSelectionElement.cni-args of type float64",
            ),
        ];
        for (text, msg) in rows {
            assert_eq!(multus(text).unwrap_err().0, *msg, "{text}");
        }
        // Span of the offending nested value.
        let text = r#"[{"name":"a","portMappings":[{"hostPort":"8080"}]}]"#;
        let (_, s, e) = multus(text).unwrap_err();
        assert_eq!(&text[s..e], "\"8080\"");

        // E4: UnmarshalText errors are returned unwrapped and win over earlier type errors.
        let text = r#"[{"name":"a","default-route":["192.168.2.1/24"]}]"#;
        let (msg, s, e) = multus(text).unwrap_err();
        assert_eq!(msg, "invalid IP address: 192.168.2.1/24");
        assert_eq!(&text[s..e], "\"192.168.2.1/24\"");
        assert_eq!(
            multus(r#"[{"name":5,"default-route":["gw"]}]"#)
                .unwrap_err()
                .0,
            "invalid IP address: gw"
        );
        // First type error wins, decoding continues past it.
        assert_eq!(
            multus(r#"[{"name":5,"ips":"x"},{"interface":1}]"#).unwrap_err().0,
            "json: cannot unmarshal number into Go struct field NetworkSelectionElement.name of type string"
        );
        // Context is restored after a nested struct.
        assert_eq!(
            multus(r#"[{"bandwidth":{"ingressRate":1},"mac":1}]"#).unwrap_err().0,
            "json: cannot unmarshal number into Go struct field NetworkSelectionElement.mac of type string"
        );

        // Accepted inputs.
        for ok in [
            "[]",
            "null",
            r#"[null]"#,
            r#"[{"name":"macvlan-conf"}]"#,
            r#"[{"name":"a","namespace":"ns","ips":["10.0.0.5/24"],"mac":"c2:b0:57:49:47:f1","interface":"net1","default-route":["10.0.0.1"]}]"#,
            r#"[{"name":"a","default-route":[""]}]"#,
            r#"[{"name":"a","default-route":[null]}]"#,
            r#"[{"name":"a","default-route":null}]"#,
            r#"[{"name":"a","default-route":["::ffff:10.0.0.1","fd00::1"]}]"#,
            r#"[{"name":"a","gateway":["10.0.0.1/24"],"ip":5,"ipam-claim-reference":1}]"#,
            r#"[{"name":"a","cni-args":{"x":[1,{"y":true}],"z":null}}]"#,
            r#"[{"name":"a","portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp","hostIP":"1.2.3.4"}]}]"#,
            r#"[{"name":"a","portMappings":[{"hostPort":-0}]}]"#,
            r#"[{"name":"a","bandwidth":{"ingressRate":1000000,"ingressBurst":10,"egressRate":1,"egressBurst":1}}]"#,
            r#"[{"Name":"a","NAMESPACE":"b","Interface":"net1","DeviceId":"x","Cni-Args":{}}]"#,
            r#"[{"name":"a","name":"b"}]"#,
            r#"[{"name":null,"bandwidth":null,"portMappings":[null]}]"#,
        ] {
            assert_eq!(multus(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn field_matching() {
        // Exact match before case-insensitive match; U+017F and U+212A fold to S and K.
        const T: GoStruct = GoStruct {
            pkg: "p",
            name: "T",
            fields: &[
                GoField::new("interface", &GoType::String),
                GoField::new("mask", &GoType::Int),
            ],
        };
        const TT: GoType = GoType::Struct(&T);
        let msg = |t: &str| decode(&parse(t).unwrap(), &TT).err().map(|e| e.msg);
        assert_eq!(
            msg(r#"{"INTERFACE":1}"#).unwrap(),
            "json: cannot unmarshal number into Go struct field T.interface of type string"
        );
        assert_eq!(
            msg("{\"ma\u{17F}\u{212A}\":\"x\"}").unwrap(),
            "json: cannot unmarshal string into Go struct field T.mask of type int"
        );
        assert_eq!(msg(r#"{"interfaces":1}"#), None);
        assert_eq!(
            msg(r#"[]"#).unwrap(),
            "json: cannot unmarshal array into Go value of type p.T"
        );
    }

    #[test]
    fn top_level_types() {
        let msg = |t: &str, ty: &GoType| unmarshal(t, ty).err().map(|e| e.message().to_string());
        assert_eq!(
            msg("5", &GoType::IP).unwrap(),
            "json: cannot unmarshal number into Go value of type *net.IP"
        );
        assert_eq!(msg("\"10.0.0.1\"", &GoType::IP), None);
        assert_eq!(msg("\"x\"", &GoType::IP).unwrap(), "invalid IP address: x");
        assert_eq!(
            msg("1.5", &GoType::Int).unwrap(),
            "json: cannot unmarshal number 1.5 into Go value of type int"
        );
        assert_eq!(
            msg("1e400", &GoType::Float).unwrap(),
            "json: cannot unmarshal number 1e400 into Go value of type float64"
        );
        assert_eq!(msg("1e-400", &GoType::Float), None);
        assert_eq!(
            msg("[1e400]", &GoType::Any).unwrap(),
            "json: cannot unmarshal number 1e400 into Go value of type float64"
        );
        assert_eq!(
            msg("\"true\"", &GoType::Bool).unwrap(),
            "json: cannot unmarshal string into Go value of type bool"
        );
        assert_eq!(
            msg("[1]", &GoType::Map(&GoType::Any)).unwrap(),
            "json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
        assert_eq!(
            msg("{\"a\":\"b\"}", &GoType::Map(&GoType::Int)).unwrap(),
            "json: cannot unmarshal string into Go value of type int"
        );
        assert_eq!(msg("9223372036854775807", &GoType::Int), None);
        assert_eq!(
            msg("9223372036854775808", &GoType::Int).unwrap(),
            "json: cannot unmarshal number 9223372036854775808 into Go value of type int"
        );
        assert_eq!(msg("null", &GoType::Int), None);
        assert_eq!(
            msg("\"x\"", &GoType::Ptr(&STRING_SLICE)).unwrap(),
            "json: cannot unmarshal string into Go value of type []string"
        );
        assert_eq!(
            MULTUS_SELECTIONS.to_string(),
            "[]*types.NetworkSelectionElement"
        );
        assert_eq!(
            GoType::Ptr(&GoType::Struct(&BANDWIDTH_ENTRY)).to_string(),
            "*types.BandwidthEntry"
        );
    }
}
