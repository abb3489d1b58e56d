//! The full-screen journal drawn to a test terminal, as text: what a user would see.

use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};

/// The screen `tui` draws at `w`x`h`, a line of text per row.
pub fn text(tui: &mut Tui, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let (theme, keymap) = (Theme::default(), Keymap::default());
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    term.draw(|f| tui.frame(f, &view)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
