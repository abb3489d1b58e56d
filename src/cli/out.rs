//! Everything the command line prints goes through here, so that text from the journal (a
//! partner's name, a note, a file name) can never drive the terminal (DESIGN.md section 8:
//! "human-readable output never passes a control character from the journal to the
//! terminal").
//!
//! - Human-readable output ([`Shape::Human`], and every message on stderr): escape sequences
//!   are removed whole (CSI `ESC [ ... final`, OSC `ESC ] ... BEL or ST`, DCS, SOS, PM and APC
//!   strings up to ST, two- and three-character `ESC` sequences, and the same introduced by
//!   their C1 forms), and so are the other C0 controls but newline and tab (carriage return
//!   included: it could overwrite what was printed), DEL and the C1 controls (U+0080-U+009F).
//!   A string sequence left unterminated ends at the end of its line, so a hostile name
//!   cannot swallow the rest of the output. Bytes that are not UTF-8 are dropped.
//! - JSON (`--json`, [`Shape::Json`]): serde_json already escapes C0 controls (ESC is written
//!   `\u001b`) but not DEL and C1 controls, which can only stand inside strings: they are
//!   written as `\u007f`, `\u009b`..., so the output is still the same JSON, and safe.
//! - Data (an export to standard output that is not a terminal, completions, the manual page,
//!   [`Shape::Data`]): the bytes are the file asked for (`> file.csv`), passed through as they
//!   are. An export printed to a terminal is shown, so it is cleaned as human output.

use std::io::{self, Write};

/// What a command prints, and so how it is made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Human,
    Json,
    Data,
}

// The cleaner itself is in the model (the exports use it too).
pub use crate::model::text::{Cleaner, clean};

/// JSON text with DEL and the C1 controls escaped (`\u007f`, `\u0080`...`\u009f`); they can
/// only stand inside its strings.
pub fn json_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&ch) {
            out.push_str(&format!("\\u{:04x}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    out
}

/// A writer that makes what passes through it safe for a terminal, in the [`Shape`] asked.
/// Text is cleaned as whole characters: a character split between two writes waits for its
/// other bytes.
pub struct Safe<'w> {
    inner: &'w mut dyn Write,
    shape: Shape,
    cleaner: Cleaner,
    /// The first bytes of a character not yet complete.
    pending: Vec<u8>,
}

impl<'w> Safe<'w> {
    pub fn new(inner: &'w mut dyn Write, shape: Shape) -> Safe<'w> {
        Safe {
            inner,
            shape,
            cleaner: Cleaner::default(),
            pending: Vec::new(),
        }
    }

    fn convert(&mut self, text: &str) -> String {
        match self.shape {
            Shape::Human => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    self.cleaner.push(c, &mut out);
                }
                out
            }
            Shape::Json => json_safe(text),
            Shape::Data => text.to_string(),
        }
    }
}

impl Write for Safe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.shape == Shape::Data {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    let text = text.to_string();
                    out.push_str(&self.convert(&text));
                    self.pending.clear();
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    let text = String::from_utf8_lossy(&self.pending[..good]).into_owned();
                    out.push_str(&self.convert(&text));
                    match e.error_len() {
                        // Bytes that are not UTF-8 are dropped.
                        Some(bad) => {
                            self.pending.drain(..good + bad);
                        }
                        // The start of a character whose other bytes are still to come.
                        None => {
                            self.pending.drain(..good);
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Print a message on standard error, cleaned: every warning, note and error of the command
/// line goes through this.
pub fn eprint_line(message: &str) {
    let mut text = clean(message);
    text.push('\n');
    let _ = io::stderr().write_all(text.as_bytes());
}

/// `eprintln!`, cleaned (see [`eprint_line`]).
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {
        $crate::cli::out::eprint_line(&format!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed_whole() {
        assert_eq!(clean("Sam\u{1b}]0;pwned\u{7} Lee"), "Sam Lee");
        assert_eq!(
            clean("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(clean("\u{1b}[2Jnotes\u{1b}[1;31mred\u{1b}[0m"), "notesred");
        assert_eq!(clean("x\u{1b}(By\u{1b}7z"), "xyz");
        assert_eq!(clean("bell\u{7} del\u{7f} cr\r nul\0"), "bell del cr nul");
        assert_eq!(
            clean("c1 \u{9b}2J csi, \u{9d}0;t\u{9c} osc, \u{85}nel"),
            "c1  csi,  osc, nel"
        );
        assert_eq!(
            clean("keep\ttabs\nand lines, café 😀"),
            "keep\ttabs\nand lines, café 😀"
        );
        // An unterminated string ends at the end of its line.
        assert_eq!(clean("a\u{1b}]0;forever\nnext line"), "a\nnext line");
        // A lone ESC before ordinary text takes nothing with it but itself.
        assert_eq!(clean("x\u{1b}\u{e9}"), "xé");
    }

    #[test]
    fn the_writer_cleans_across_writes_and_split_characters() {
        let mut buf = Vec::new();
        {
            let mut w = Safe::new(&mut buf, Shape::Human);
            w.write_all(b"Sam \x1b]0;pw").unwrap();
            w.write_all(b"ned\x07caf\xc3").unwrap();
            w.write_all(b"\xa9 \xc2\x9b2J\xff ok\n").unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap(), "Sam café  ok\n");
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_its_raw_controls() {
        let v = serde_json::json!({"name": "a\u{1b}[2J\u{7f}\u{9b}b"});
        let text = json_safe(&serde_json::to_string(&v).unwrap());
        assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
