//! Turning a file's bytes into text, with a position when they are not UTF-8.

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
