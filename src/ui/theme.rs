//! Colours and styles. The default uses the 16 named colours (safe over SSH and in tmux);
//! NO_COLOR drops colour but keeps bold and reverse, so the selection stays plain to see.
//! `theme.ron` in the config directory overrides any slot by colour name.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub accent: Color,
    pub dim: Color,
    pub ok: Color,
    pub warn: Color,
    pub error: Color,
    pub border: Color,
}

/// `theme.ron`: every slot optional, colours by name ("cyan", "light-red", "#aabbcc").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    #[serde(default)]
    pub accent: Option<String>,
    #[serde(default)]
    pub dim: Option<String>,
    #[serde(default)]
    pub ok: Option<String>,
    #[serde(default)]
    pub warn: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub border: Option<String>,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            color: true,
            accent: Color::Cyan,
            dim: Color::DarkGray,
            ok: Color::Green,
            warn: Color::Yellow,
            error: Color::Red,
            border: Color::DarkGray,
        }
    }
}

impl Theme {
    pub fn no_color() -> Theme {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// Apply a `theme.ron` text over this theme.
    pub fn overlay(mut self, text: &str) -> Result<Theme, String> {
        let file: ThemeFile = crate::model::ron_options().from_str(text).map_err(|e| {
            format!(
                "theme.ron:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        let pick = |name: &Option<String>, slot: &mut Color| -> Result<(), String> {
            if let Some(n) = name {
                *slot = n.parse::<Color>().map_err(|_| {
                    format!("theme.ron: '{n}' is not a colour name (try cyan, light-red, #88aaff)")
                })?;
            }
            Ok(())
        };
        pick(&file.accent, &mut self.accent)?;
        pick(&file.dim, &mut self.dim)?;
        pick(&file.ok, &mut self.ok)?;
        pick(&file.warn, &mut self.warn)?;
        pick(&file.error, &mut self.error)?;
        pick(&file.border, &mut self.border)?;
        Ok(self)
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent)
    }

    pub fn title(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(self.dim)
    }

    pub fn ok(&self) -> Style {
        self.fg(self.ok)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.warn).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.accent)
        } else {
            self.fg(self.border)
        }
    }

    /// The row under the cursor: reverse video, so it shows without colour too.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn label(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_names_colours_and_reports_bad_ones() {
        let t = Theme::default()
            .overlay("(accent: \"magenta\", error: \"light-red\")")
            .unwrap();
        assert_eq!(t.accent, Color::Magenta);
        assert_eq!(t.error, Color::LightRed);
        assert_eq!(t.ok, Color::Green);
        let e = Theme::default()
            .overlay("(accent: \"blurple\")")
            .unwrap_err();
        assert!(e.contains("blurple"), "{e}");
        let e = Theme::default().overlay("(acent: \"red\")").unwrap_err();
        assert!(e.starts_with("theme.ron:1:"), "{e}");
    }

    #[test]
    fn no_color_keeps_the_selection_visible() {
        let t = Theme::no_color();
        assert_eq!(t.accent().fg, None);
        assert!(t.selected(true).add_modifier.contains(Modifier::REVERSED));
    }
}
