//! Who else is on this journal now, and where: in a served session each screen shows the
//! other people connected ("Sam Lee · Goals · row 2"), and `F` follows one of them, for a
//! review where one leads. The server fills `App::presence`; where they are is described in
//! this screen's own terms, so nothing it may not see is named.

use super::App;
use crate::journal::Journal;

/// Another session on the same journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Presence {
    /// The session's number (which one `F` follows).
    pub session: u64,
    /// The person signed in there.
    pub name: String,
    /// Where their screen is (`App::place`), if on a partnership.
    pub place: Option<String>,
}

impl App {
    /// The other people here, each with where they are: "Sam Lee · Goals · row 2".
    pub fn presence_lines(&self, r: &crate::journal::Reader) -> Vec<String> {
        self.presence
            .iter()
            .map(|p| {
                let at = p
                    .place
                    .as_ref()
                    .map_or_else(|| "starting".to_string(), |t| self.describe_place(r, t));
                let follow = if self.following == Some(p.session) {
                    " (following)"
                } else {
                    ""
                };
                format!("{} · {at}{follow}", p.name)
            })
            .collect()
    }

    /// New presence from the server: keep following (go where the followed person is), or
    /// stop when they left.
    pub fn set_presence(&mut self, j: &Journal, presence: Vec<Presence>) {
        self.presence = presence;
        let Some(id) = self.following else { return };
        match self.presence.iter().find(|p| p.session == id) {
            Some(p) => {
                if let Some(place) = p.place.clone() {
                    self.go_to_place(j, &place);
                }
            }
            None => {
                self.following = None;
                self.info("The person you followed has left");
            }
        }
    }

    /// `F`: follow the other person (the next one, when there are several), or stop.
    pub(super) fn toggle_follow(&mut self, j: &Journal) {
        if self.presence.is_empty() {
            self.following = None;
            self.info(
                "Nobody else is on this journal now: F follows another person's screen in a \
                 session of `mentorlog serve`",
            );
            return;
        }
        let next = match self.following {
            None => Some(0),
            Some(id) => self
                .presence
                .iter()
                .position(|p| p.session == id)
                .map(|i| i + 1)
                .filter(|&i| i < self.presence.len()),
        };
        match next {
            Some(i) => {
                let p = self.presence[i].clone();
                self.following = Some(p.session);
                if let Some(place) = &p.place {
                    self.go_to_place(j, place);
                }
                self.info(format!(
                    "Following {}: your screen goes where theirs goes (F stops)",
                    p.name
                ));
            }
            None => {
                self.following = None;
                self.info("Stopped following");
            }
        }
    }
}
