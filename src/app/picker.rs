//! A list to choose from, filtered fuzzily as you type: one choice or several.

use std::collections::BTreeSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Handled};
use crate::model::{SkimMatcher, rank};

/// What the chosen ids are for.
#[derive(Debug, Clone, PartialEq)]
pub enum PickPurpose {
    /// The Picks field at this index of the form below.
    FormField(usize),
    /// A meeting as evidence for an item.
    EvidenceMeeting { framework: String, item: String },
    /// How to attach evidence: a meeting or typed text.
    EvidenceKind { framework: String, item: String },
    /// The rubric level reached on an item.
    Level { framework: String, item: String },
    /// The framework the checklist shows.
    Framework,
    /// An action to run (the command palette).
    Palette,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub purpose: PickPurpose,
    /// (id, label) in display order.
    pub options: Vec<(String, String)>,
    pub chosen: BTreeSet<String>,
    pub multi: bool,
    pub filter: String,
    pub cursor: usize,
    /// What was chosen when it opened, in its order (kept first, in that order).
    pub initial: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickEvent {
    None,
    Cancel,
    /// Done: the chosen ids (for a single choice, the one under the cursor).
    Done(Vec<String>),
}

impl Picker {
    pub fn new(
        title: impl Into<String>,
        purpose: PickPurpose,
        options: Vec<(String, String)>,
        chosen: impl IntoIterator<Item = String>,
        multi: bool,
    ) -> Picker {
        let initial: Vec<String> = chosen.into_iter().collect();
        Picker {
            title: title.into(),
            purpose,
            options,
            chosen: initial.iter().cloned().collect(),
            initial,
            multi,
            filter: String::new(),
            cursor: 0,
        }
    }

    /// Indexes of the options matching the filter, best first (all, in order, without one).
    pub fn visible(&self) -> Vec<usize> {
        if self.filter.is_empty() {
            return (0..self.options.len()).collect();
        }
        // Labels holding every typed word come first and alone; only when none does, the
        // fuzzy match (which finds scattered letters in long labels) takes over.
        let words: Vec<String> = self
            .filter
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let exact: Vec<usize> = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, (_, label))| {
                let l = label.to_lowercase();
                words.iter().all(|w| l.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        rank(
            &SkimMatcher::default(),
            self.options
                .iter()
                .enumerate()
                .map(|(i, (_, label))| (label.as_str(), i)),
            &self.filter,
        )
        .into_iter()
        .map(|(_, i)| i)
        .collect()
    }

    fn current(&self) -> Option<usize> {
        self.visible().get(self.cursor).copied()
    }

    /// An action from the keymap: move, choose (when several may be chosen), done, cancel.
    pub fn act(&mut self, action: Action) -> (Handled, PickEvent) {
        let n = self.visible().len();
        match action {
            Action::Cancel => return (Handled::Consumed, PickEvent::Cancel),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Choose if self.multi => {
                if let Some(i) = self.current() {
                    let id = self.options[i].0.clone();
                    if !self.chosen.remove(&id) {
                        self.chosen.insert(id);
                    }
                }
            }
            Action::Done => {
                if self.multi {
                    // What was chosen before keeps its place; new choices follow in list order.
                    let mut ids: Vec<String> = self
                        .initial
                        .iter()
                        .filter(|id| self.chosen.contains(*id))
                        .cloned()
                        .collect();
                    let order = self.options.iter().map(|(id, _)| id).chain(&self.chosen);
                    for id in order {
                        if self.chosen.contains(id) && !ids.contains(id) {
                            ids.push(id.clone());
                        }
                    }
                    return (Handled::Consumed, PickEvent::Done(ids));
                }
                return match self.current() {
                    Some(i) => (
                        Handled::Consumed,
                        PickEvent::Done(vec![self.options[i].0.clone()]),
                    ),
                    None => (Handled::Consumed, PickEvent::None),
                };
            }
            _ => return (Handled::NotConsumed, PickEvent::None),
        }
        (Handled::Consumed, PickEvent::None)
    }

    /// A key no binding took: typing filters.
    pub fn text_key(&mut self, key: KeyEvent) -> Handled {
        match key.code {
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.filter.push(c);
            }
            _ => return Handled::NotConsumed,
        }
        self.cursor = 0;
        Handled::Consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn act(p: &mut Picker, a: Action) -> PickEvent {
        p.act(a).1
    }

    #[test]
    fn filter_then_choose_several() {
        let mut p = Picker::new(
            "Goals",
            PickPurpose::FormField(0),
            vec![
                ("g1".into(), "Open questions".into()),
                ("g2".into(), "Behaviour routines".into()),
                ("g3".into(), "Data interventions".into()),
            ],
            ["g3".to_string()],
            true,
        );
        for c in "behav".chars() {
            p.text_key(k(KeyCode::Char(c)));
        }
        assert_eq!(p.visible(), vec![1]);
        act(&mut p, Action::Choose);
        // The choice made before comes first; the new one follows.
        assert_eq!(
            act(&mut p, Action::Done),
            PickEvent::Done(vec!["g3".into(), "g2".into()])
        );
    }

    #[test]
    fn a_single_choice_is_the_row_under_the_cursor() {
        let mut p = Picker::new(
            "Level",
            PickPurpose::Framework,
            vec![("a".into(), "A".into()), ("b".into(), "B".into())],
            [],
            false,
        );
        act(&mut p, Action::Down);
        act(&mut p, Action::Down);
        // One choice: Space is not "choose", it types into the filter.
        assert_eq!(p.act(Action::Choose).0, Handled::NotConsumed);
        assert_eq!(act(&mut p, Action::Done), PickEvent::Done(vec!["b".into()]));
        assert_eq!(act(&mut p, Action::Cancel), PickEvent::Cancel);
    }
}
