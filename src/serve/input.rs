//! What an SSH client types, as bytes, turned into the terminal events the full-screen
//! journal takes (keys, pastes, the mouse), by terminput's parser (crossterm's own, made
//! public). A lone Escape at the end of what arrived is the Escape key at once: a client
//! sends an escape sequence whole, so there is nothing to wait for.

use ratatui::crossterm::event::Event;

/// Bytes kept between packets: a sequence cut by the network, or a paste still arriving.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
}

/// A paste or sequence longer than this is dropped rather than held (bounded memory).
const MAX_PENDING: usize = 1 << 20;

impl Parser {
    /// The events in `bytes` (with what was kept from before).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        let mut buf = std::mem::take(&mut self.pending);
        for (i, &b) in bytes.iter().enumerate() {
            buf.push(b);
            let more = i + 1 < bytes.len();
            // An Escape with more behind it starts a sequence: read on.
            if buf == [0x1b] && more {
                continue;
            }
            match terminput::Event::parse_from(&buf) {
                Ok(Some(ev)) => {
                    if let Ok(ev) = terminput_crossterm::to_crossterm(ev) {
                        out.push(ev);
                    }
                    buf.clear();
                }
                // Incomplete: wait for the next byte (or packet).
                Ok(None) => {}
                // Not a sequence anything knows: dropped, as a terminal would.
                Err(_) => buf.clear(),
            }
        }
        if buf.len() <= MAX_PENDING {
            self.pending = buf;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent {
                    code, modifiers, ..
                }) => Some((*code, *modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_sequences_and_a_lone_escape() {
        let mut p = Parser::default();
        let got = keys(&p.feed(b"jk\x1b[A\r\x7f\x03"));
        assert_eq!(
            got,
            vec![
                (KeyCode::Char('j'), KeyModifiers::NONE),
                (KeyCode::Char('k'), KeyModifiers::NONE),
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Backspace, KeyModifiers::NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
        // Escape alone in its packet is the key, at once.
        assert_eq!(
            keys(&p.feed(b"\x1b")),
            vec![(KeyCode::Esc, KeyModifiers::NONE)]
        );
        // A sequence cut in two packets is one key.
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(
            keys(&p.feed(b"B")),
            vec![(KeyCode::Down, KeyModifiers::NONE)]
        );
        // Letters typed after a multi-byte character.
        assert_eq!(
            keys(&p.feed("é!".as_bytes())),
            vec![
                (KeyCode::Char('é'), KeyModifiers::NONE),
                (KeyCode::Char('!'), KeyModifiers::NONE)
            ]
        );
    }

    #[test]
    fn pastes_and_the_mouse() {
        let mut p = Parser::default();
        let got = p.feed(b"\x1b[200~two\nlines\x1b[201~");
        assert_eq!(got, vec![Event::Paste("two\nlines".into())]);
        let got = p.feed(b"\x1b[<0;10;5M");
        match &got[..] {
            [Event::Mouse(m)] => {
                assert_eq!((m.column, m.row), (9, 4));
                assert!(matches!(m.kind, MouseEventKind::Down(_)));
            }
            other => panic!("not a click: {other:?}"),
        }
        // Rubbish is dropped, and what follows it still reads.
        let got = keys(&p.feed(b"\x1b[99;99;99;99Xq"));
        assert_eq!(got.last(), Some(&(KeyCode::Char('q'), KeyModifiers::NONE)));
    }
}
