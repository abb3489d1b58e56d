//! Forms that edit records in place: labelled fields, each a text area, a date, a number, a
//! choice, a list of action items or a set of picks. Values are checked on save, and each
//! bad field says what to type.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::model::{ActionItem, Owner, parse_date};

#[derive(Debug, Clone)]
pub enum FieldKind {
    /// One line of text; Enter moves on.
    Line,
    /// Several lines, soft-wrapped; `rows` is the height shown.
    Text { rows: u16 },
    /// A date as people type it (`today`, `+2w`, `2026-11-20`).
    Date { required: bool },
    /// A whole number, or empty.
    Number,
    /// One of a fixed list; Left/Right or Space change it.
    Choice { options: Vec<String>, index: usize },
    /// Action items: a add, Space done, o owner, x remove.
    Actions {
        items: Vec<ActionItem>,
        cursor: usize,
    },
    /// A set of ids chosen from a list (Enter opens the picker).
    Picks {
        options: Vec<(String, String)>,
        chosen: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub input: TextArea<'static>,
    pub kind: FieldKind,
    pub error: Option<String>,
}

impl Field {
    fn with_text(label: impl Into<String>, kind: FieldKind, text: &str) -> Field {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut input = TextArea::new(lines);
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        input.set_cursor_line_style(ratatui::style::Style::default());
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Field {
            label: label.into(),
            input,
            kind,
            error: None,
        }
    }

    pub fn line(label: impl Into<String>, text: &str) -> Field {
        Field::with_text(label, FieldKind::Line, text)
    }

    pub fn text(label: impl Into<String>, text: &str, rows: u16) -> Field {
        Field::with_text(label, FieldKind::Text { rows }, text)
    }

    pub fn date(label: impl Into<String>, date: Option<NaiveDate>, required: bool) -> Field {
        let text = date.map(|d| d.to_string()).unwrap_or_default();
        Field::with_text(label, FieldKind::Date { required }, &text)
    }

    pub fn number(label: impl Into<String>, n: Option<u32>) -> Field {
        Field::with_text(
            label,
            FieldKind::Number,
            &n.map(|n| n.to_string()).unwrap_or_default(),
        )
    }

    pub fn choice<T: Copy + PartialEq + std::fmt::Display>(
        label: impl Into<String>,
        all: &[T],
        current: T,
    ) -> Field {
        let options = all.iter().map(|o| o.to_string()).collect();
        let index = all.iter().position(|o| *o == current).unwrap_or(0);
        Field::with_text(label, FieldKind::Choice { options, index }, "")
    }

    pub fn actions(label: impl Into<String>, items: Vec<ActionItem>) -> Field {
        Field::with_text(label, FieldKind::Actions { items, cursor: 0 }, "")
    }

    pub fn picks(
        label: impl Into<String>,
        options: Vec<(String, String)>,
        chosen: Vec<String>,
    ) -> Field {
        Field::with_text(label, FieldKind::Picks { options, chosen }, "")
    }

    /// Whether typing goes into a text area.
    pub fn is_textual(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Line | FieldKind::Text { .. } | FieldKind::Date { .. } | FieldKind::Number
        )
    }

    pub fn value(&self) -> String {
        self.input.lines().join("\n").trim_end().to_string()
    }

    pub fn set_value(&mut self, text: &str) {
        let label = std::mem::take(&mut self.label);
        let kind = self.kind.clone();
        *self = Field::with_text(label, kind, text);
    }

    /// Rows this field takes on screen, label included in the first.
    pub fn height(&self) -> u16 {
        match &self.kind {
            FieldKind::Text { rows } => *rows,
            FieldKind::Actions { items, .. } => (items.len() as u16 + 1).clamp(2, 6),
            _ => 1,
        }
    }
}

/// A field holds a value that cannot be saved; its error is shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// What a form saves into.
#[derive(Debug, Clone, PartialEq)]
pub enum FormTarget {
    NewPartnership,
    NewMeeting,
    EditMeeting(std::path::PathBuf),
    NewGoal,
    EditGoal(std::path::PathBuf),
    ReviewNote(std::path::PathBuf),
    EvidenceText {
        framework: String,
        item: String,
    },
    /// An action item of the meeting form below this one (`None`: a new one).
    ActionItem(Option<usize>),
    Agreement,
    Evaluation,
    NewReflection,
    EditReflection(std::path::PathBuf),
    StageRecord {
        framework: String,
        stage: String,
    },
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub target: FormTarget,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// A hint shown under the title (e.g. the first-conversation questions).
    pub hint: Option<String>,
    /// The record as it was when the form opened: the base its save merges against, so a
    /// change made elsewhere meanwhile is kept rather than overwritten.
    pub base: Option<super::records::AnyRecord>,
    /// Set when the record changed on disk while the form was open.
    pub changed_elsewhere: bool,
}

/// What a key did to a form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormEvent {
    None,
    Save,
    Cancel,
    /// Open the picker for the focused Picks field.
    Pick(usize),
    /// Edit an action item (`None`: a new one) in a sub-form.
    EditAction(Option<usize>),
    /// Edit the focused text field in $EDITOR.
    ExternalEditor(usize),
}

impl Form {
    pub fn new(title: impl Into<String>, target: FormTarget, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            target,
            fields,
            focus: 0,
            dirty: false,
            hint: None,
            base: None,
            changed_elsewhere: false,
        }
    }

    pub fn field(&self, label: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| &self.fields[0])
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    pub fn text(&self, label: &str) -> String {
        self.field(label).value()
    }

    pub fn choice(&self, label: &str) -> usize {
        match &self.field(label).kind {
            FieldKind::Choice { index, .. } => *index,
            _ => 0,
        }
    }

    pub fn picks(&self, label: &str) -> Vec<String> {
        match &self.field(label).kind {
            FieldKind::Picks { chosen, .. } => chosen.clone(),
            _ => Vec::new(),
        }
    }

    pub fn action_items(&self, label: &str) -> Vec<ActionItem> {
        match &self.field(label).kind {
            FieldKind::Actions { items, .. } => items.clone(),
            _ => Vec::new(),
        }
    }

    /// Check a date field; the error is also shown beside the field.
    pub fn date(&mut self, label: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Invalid> {
        let Some(f) = self.field_mut(label) else {
            return Ok(None);
        };
        let text = f.value();
        let required = matches!(f.kind, FieldKind::Date { required: true });
        if text.trim().is_empty() {
            if required {
                f.error = Some("needed: e.g. today, 2026-11-20, -2d".into());
                return Err(Invalid);
            }
            return Ok(None);
        }
        match parse_date(&text, today) {
            Ok(d) => {
                f.error = None;
                Ok(Some(d))
            }
            Err(_) => {
                f.error = Some("not a date: try 2026-11-20, today, yesterday, +2w".into());
                Err(Invalid)
            }
        }
    }

    pub fn number(&mut self, label: &str) -> Result<Option<u32>, Invalid> {
        let Some(f) = self.field_mut(label) else {
            return Ok(None);
        };
        let text = f.value();
        if text.trim().is_empty() {
            return Ok(None);
        }
        match text.trim().parse::<u32>() {
            Ok(n) => {
                f.error = None;
                Ok(Some(n))
            }
            Err(_) => {
                f.error = Some("a whole number, e.g. 45".into());
                Err(Invalid)
            }
        }
    }

    pub fn require(&mut self, label: &str, what: &str) -> Result<String, Invalid> {
        let Some(f) = self.field_mut(label) else {
            return Err(Invalid);
        };
        let v = f.value();
        if v.trim().is_empty() {
            f.error = Some(format!("needed: {what}"));
            return Err(Invalid);
        }
        f.error = None;
        Ok(v)
    }

    /// Move the focus to the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    pub fn paste(&mut self, text: &str) {
        let f = &mut self.fields[self.focus];
        if f.is_textual() {
            let text = if matches!(f.kind, FieldKind::Text { .. }) {
                text.replace("\r\n", "\n")
            } else {
                text.replace(['\r', '\n'], " ")
            };
            f.input.insert_str(text);
            self.dirty = true;
        }
    }

    /// Handle a key; returns what the app must do next.
    pub fn key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Char('s') if ctrl => return FormEvent::Save,
            KeyCode::Tab => {
                self.next();
                return FormEvent::None;
            }
            KeyCode::BackTab => {
                self.prev();
                return FormEvent::None;
            }
            KeyCode::Char('e') if ctrl && self.fields[self.focus].is_textual() => {
                return FormEvent::ExternalEditor(self.focus);
            }
            _ => {}
        }
        let last = self.focus + 1 == self.fields.len();
        let focus = self.focus;
        let field = &mut self.fields[focus];
        match &mut field.kind {
            FieldKind::Line | FieldKind::Date { .. } | FieldKind::Number => match key.code {
                KeyCode::Enter if last => return FormEvent::Save,
                KeyCode::Enter | KeyCode::Down => self.next(),
                KeyCode::Up => self.prev(),
                _ => {
                    if field.input.input(key) {
                        field.error = None;
                        self.dirty = true;
                    }
                }
            },
            FieldKind::Text { .. } => {
                if field.input.input(key) {
                    field.error = None;
                    self.dirty = true;
                }
            }
            FieldKind::Choice { options, index } => match key.code {
                KeyCode::Left | KeyCode::Char('h') => {
                    *index = (*index + options.len() - 1) % options.len();
                    self.dirty = true;
                }
                KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => {
                    *index = (*index + 1) % options.len();
                    self.dirty = true;
                }
                KeyCode::Enter if last => return FormEvent::Save,
                KeyCode::Enter | KeyCode::Down | KeyCode::Char('j') => self.next(),
                KeyCode::Up | KeyCode::Char('k') => self.prev(),
                _ => {}
            },
            FieldKind::Actions { items, cursor } => match key.code {
                KeyCode::Char('a') | KeyCode::Char('n') | KeyCode::Insert => {
                    return FormEvent::EditAction(None);
                }
                KeyCode::Enter if !items.is_empty() => return FormEvent::EditAction(Some(*cursor)),
                KeyCode::Enter => return FormEvent::EditAction(None),
                KeyCode::Char(' ') if !items.is_empty() => {
                    items[*cursor].done = !items[*cursor].done;
                    self.dirty = true;
                }
                KeyCode::Char('o') if !items.is_empty() => {
                    let o = &mut items[*cursor].owner;
                    let i = Owner::ALL.iter().position(|x| x == o).unwrap_or(0);
                    *o = Owner::ALL[(i + 1) % Owner::ALL.len()];
                    self.dirty = true;
                }
                KeyCode::Char('x') | KeyCode::Delete if !items.is_empty() => {
                    items.remove(*cursor);
                    *cursor = (*cursor).min(items.len().saturating_sub(1));
                    self.dirty = true;
                }
                KeyCode::Down | KeyCode::Char('j') if *cursor + 1 < items.len() => *cursor += 1,
                KeyCode::Up | KeyCode::Char('k') if *cursor > 0 => *cursor -= 1,
                KeyCode::Down | KeyCode::Char('j') => self.next(),
                KeyCode::Up | KeyCode::Char('k') => self.prev(),
                _ => {}
            },
            FieldKind::Picks { .. } => match key.code {
                KeyCode::Enter | KeyCode::Char(' ') => return FormEvent::Pick(focus),
                KeyCode::Down | KeyCode::Char('j') => self.next(),
                KeyCode::Up | KeyCode::Char('k') => self.prev(),
                _ => {}
            },
        }
        FormEvent::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        form.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    #[test]
    fn typing_tab_and_validation() {
        let mut f = Form::new(
            "t",
            FormTarget::NewGoal,
            vec![
                Field::line("Name", ""),
                Field::date("Date", None, true),
                Field::number("Minutes", None),
            ],
        );
        typed(&mut f, "Sam");
        press(&mut f, KeyCode::Tab);
        typed(&mut f, "next tuesday");
        press(&mut f, KeyCode::Tab);
        typed(&mut f, "4x");
        assert_eq!(f.text("Name"), "Sam");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(f.date("Date", today).is_err());
        assert!(f.number("Minutes").is_err());
        f.focus_first_error();
        assert_eq!(f.focus, 1);
        assert!(f.dirty);
        assert_eq!(press(&mut f, KeyCode::Esc), FormEvent::Cancel);
    }

    #[test]
    fn choices_cycle_and_action_items_edit_in_place() {
        let item = ActionItem {
            id: "a".into(),
            text: "Read".into(),
            owner: Owner::Mentee,
            due: None,
            done: false,
        };
        let mut f = Form::new(
            "t",
            FormTarget::NewMeeting,
            vec![
                Field::choice("Owner", Owner::ALL, Owner::Mentor),
                Field::actions("Actions", vec![item]),
            ],
        );
        press(&mut f, KeyCode::Right);
        assert_eq!(f.choice("Owner"), 2);
        press(&mut f, KeyCode::Tab);
        press(&mut f, KeyCode::Char(' '));
        press(&mut f, KeyCode::Char('o'));
        let items = f.action_items("Actions");
        assert!(items[0].done);
        assert_eq!(items[0].owner, Owner::Mentor);
        assert_eq!(
            press(&mut f, KeyCode::Char('a')),
            FormEvent::EditAction(None)
        );
        assert_eq!(
            press(&mut f, KeyCode::Enter),
            FormEvent::EditAction(Some(0))
        );
        press(&mut f, KeyCode::Char('x'));
        assert!(f.action_items("Actions").is_empty());
    }
}
