//! Turning a file's bytes into text, with a position when they are not UTF-8; and text
//! without the control characters and escape sequences a terminal or a document must not get.

/// Why bytes are not usable text, and where (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// The text of a file: UTF-8 without a byte-order mark, else where and why not.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, TextError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(bom());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        // The prefix up to the bad byte is valid UTF-8 by definition.
        let before = std::str::from_utf8(&bytes[..good]).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        TextError {
            line,
            col,
            message: format!(
                "not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                bytes[good]
            ),
        }
    })
}

/// A text that starts with a byte-order mark (read as U+FEFF).
pub fn check_no_bom(text: &str) -> Result<(), TextError> {
    if text.starts_with('\u{feff}') {
        Err(bom())
    } else {
        Ok(())
    }
}

fn bom() -> TextError {
    TextError {
        line: 1,
        col: 1,
        message: "starts with a byte-order mark (U+FEFF); save the file as UTF-8 without a BOM"
            .into(),
    }
}

/// `text` without terminal control: escape sequences (CSI `ESC [ ... final`, OSC
/// `ESC ] ... BEL` or `ESC \\`, and two-character ones) dropped whole, and every other control
/// character dropped, but for line ends and tabs. For text pasted or imported, so a note never
/// carries a sequence a terminal would act on.
pub fn strip_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, PM, APC: up to BEL or the string terminator ESC \.
                Some(']' | 'P' | '^' | '_') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Where the cleaner is inside an escape sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Text,
    /// After ESC.
    Escape,
    /// After ESC and intermediate bytes (0x20-0x2F).
    Intermediate,
    /// In a control sequence (after ESC `[` or CSI).
    Csi,
    /// In a control string (OSC, DCS, SOS, PM, APC), up to its terminator.
    Str,
    /// In a control string, just after an ESC (ST is ESC `\`).
    StrEscape,
}

/// A cleaner of text that a terminal or a document must not get raw, fed character by
/// character (its state carries across writes, so a sequence split between two writes is
/// still removed). Escape sequences are removed whole (CSI `ESC [ ... final`, OSC `ESC ] ...
/// BEL or ST`, DCS, SOS, PM and APC strings up to ST, two- and three-character `ESC`
/// sequences, and the same introduced by their C1 forms), and so are the other C0 controls but
/// newline and tab (carriage return included), DEL and the C1 controls (U+0080-U+009F). A
/// string sequence left unterminated ends at the end of its line, so it cannot swallow the
/// rest of the text.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    state: State,
}

impl Cleaner {
    /// Feed one character; what may be shown of it is pushed to `out`.
    pub fn push(&mut self, c: char, out: &mut String) {
        match self.state {
            State::Text => self.text(c, out),
            State::Escape => match c {
                '[' => self.state = State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => self.state = State::Str,
                '\u{20}'..='\u{2f}' => self.state = State::Intermediate,
                '\u{30}'..='\u{7e}' => self.state = State::Text,
                // Not a sequence after all: the ESC goes, the character is read as text.
                _ => {
                    self.state = State::Text;
                    self.text(c, out);
                }
            },
            State::Intermediate => match c {
                '\u{20}'..='\u{2f}' => {}
                '\u{30}'..='\u{7e}' => self.state = State::Text,
                _ => {
                    self.state = State::Text;
                    self.text(c, out);
                }
            },
            State::Csi => match c {
                // Parameter and intermediate bytes.
                '\u{20}'..='\u{3f}' => {}
                // The final byte ends it.
                '\u{40}'..='\u{7e}' => self.state = State::Text,
                // A malformed sequence ends where it stops looking like one.
                _ => {
                    self.state = State::Text;
                    self.text(c, out);
                }
            },
            State::Str => match c {
                '\u{7}' | '\u{9c}' => self.state = State::Text,
                '\u{1b}' => self.state = State::StrEscape,
                '\n' => {
                    self.state = State::Text;
                    out.push('\n');
                }
                _ => {}
            },
            State::StrEscape => match c {
                '\\' => self.state = State::Text,
                '\n' => {
                    self.state = State::Text;
                    out.push('\n');
                }
                '\u{1b}' => {}
                _ => self.state = State::Str,
            },
        }
    }

    fn text(&mut self, c: char, out: &mut String) {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => self.state = State::Escape,
            '\u{9b}' => self.state = State::Csi,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => self.state = State::Str,
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `s` with every control character and escape sequence removed, as [`Cleaner`] removes them.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut c = Cleaner::default();
    for ch in s.chars() {
        c.push(ch, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_go_whole_and_lines_stay() {
        assert_eq!(
            strip_controls(
                "a\u{1b}[2Jb\u{1b}]0;pwned\u{7}c\u{1b}]8;;http://x\u{1b}\\d\te\nf\u{7}\u{9b}g"
            ),
            "abcd\te\nfg"
        );
        assert_eq!(strip_controls("café 🧑‍🏫"), "café 🧑‍🏫");
    }

    #[test]
    fn bad_bytes_are_placed_by_line_and_column() {
        let e = decode_utf8(b"(\n  focus: \"caf\xE9\",\n)").unwrap_err();
        assert_eq!((e.line, e.col), (2, 14), "{e:?}");
        assert!(e.message.contains("byte 0xE9"), "{e:?}");
        let mut wide = "é\u{301}x\n\u{1F9D1}".as_bytes().to_vec();
        wide.push(0xFF);
        let e = decode_utf8(&wide).unwrap_err();
        assert_eq!((e.line, e.col), (2, 2), "{e:?}");
        let e = decode_utf8(b"\xEF\xBB\xBF(x)").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.message.contains("byte-order mark"));
        assert_eq!(decode_utf8(b"ok"), Ok("ok"));
    }
}
