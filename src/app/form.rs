//! Forms that edit records in place: labelled fields, each a text area, a date, a number, a
//! choice, a list of action items or a set of picks. Values are checked on save, and each
//! bad field says what to type.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};

use super::action::{Action, Handled, KeyContext};
use crate::model::{ActionItem, Owner, parse_date};

/// The longest text a form's field edits (128 KiB, some 20,000 words). A longer note opens to
/// be read and scrolled (Enter) but not in a form: the text area re-wraps the whole text on
/// every key typed, and the draft kept of a form copies it (`benches/draw.rs` measures some
/// 15 ms a key at this length, growing with it). Such a note is edited in its file (plain
/// RON) with an editor.
pub const TEXT_LIMIT: usize = 128 * 1024;

/// Why `text` (the `what` of a record) is too long for a form, if it is.
pub fn too_long(what: &str, text: &str) -> Option<String> {
    (text.len() > TEXT_LIMIT).then(|| {
        format!(
            "{what}: {:.1} MB, more than a form edits ({} KB)",
            text.len() as f64 / 1e6,
            TEXT_LIMIT / 1024
        )
    })
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
        // How the field looks when focused (unfocused, it is drawn as plain text): set once
        // here, so a frame draws the text area as it is, never a copy of it.
        let reversed = ratatui::style::Modifier::REVERSED;
        input.set_cursor_style(ratatui::style::Style::default().add_modifier(reversed));
        let underlined = ratatui::style::Modifier::UNDERLINED;
        input.set_style(ratatui::style::Style::default().add_modifier(underlined));
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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FormTarget {
    NewPartnership,
    /// The partnership with this id.
    EditPartnership(String),
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
    /// The pre-meeting thought document of the one who writes (`None`: a new one).
    Thoughts(Option<String>),
    /// A comment on the goal with this id.
    Comment(String),
    /// A member to add to the journal.
    NewMember,
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
    pub base: Option<crate::store::AnyRecord>,
    /// Set when the record changed on disk while the form was open.
    pub changed_elsewhere: bool,
    /// ... and it is gone: saving asks whether to bring it back.
    pub deleted_elsewhere: bool,
    /// The record was deleted elsewhere and the person chose to bring it back with this edit.
    pub restore: bool,
    /// The id a new record gets (fixed when the form opens, so a retried save is the same
    /// record, never a second one).
    pub new_id: Option<String>,
    /// Questions to write under, shown beside the form (or with Ctrl-g), never put in the
    /// text: e.g. a first meeting's first-conversation questions.
    pub aside: Option<Aside>,
}

/// A list shown beside a form to guide what is written in it: a title, an introduction if
/// the source has one, and the questions or prompts. Fields may have their own: while one of
/// them has the focus, its part is shown instead.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Aside {
    pub title: String,
    pub lines: Vec<String>,
    /// What the aside is, which names its box and its key's hint.
    #[serde(default)]
    pub kind: AsideKind,
    /// Paragraphs (a blank line apart) between the title and the lines.
    #[serde(default)]
    pub intro: Option<String>,
    /// The asides of single fields (by label), e.g. each part of the agreement.
    #[serde(default)]
    pub parts: Vec<AsidePart>,
    /// The answer to each of `lines` (a thought document's), shown under its question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    /// Another aside shown after this one (a first meeting's agenda, then the thoughts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Aside>>,
}

/// The aside of some fields of a form, shown while one of them has the focus.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AsidePart {
    /// The labels of the fields it guides.
    pub fields: Vec<String>,
    pub aside: Aside,
}

/// What an aside holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AsideKind {
    /// Questions to write under (a first meeting's).
    #[default]
    Agenda,
    /// Criteria to weigh (who is to be mentored).
    Criteria,
    /// What the source asks for in each part of the form (the agreement).
    Guidance,
    /// The mentee's pre-meeting thought document, for the meeting being logged.
    Thoughts,
}

impl AsideKind {
    /// The name of its box and popup.
    pub fn title(self) -> &'static str {
        match self {
            AsideKind::Agenda => "Agenda",
            AsideKind::Criteria => "Criteria",
            AsideKind::Guidance => "Guidance",
            AsideKind::Thoughts => "Pre-meeting thoughts",
        }
    }

    /// Its key's hint in the status bar.
    pub fn hint(self) -> &'static str {
        match self {
            AsideKind::Agenda => "agenda",
            AsideKind::Criteria => "criteria",
            AsideKind::Guidance => "guidance",
            AsideKind::Thoughts => "thoughts",
        }
    }
}

impl Aside {
    /// An aside of a title and its lines.
    pub fn new(kind: AsideKind, title: impl Into<String>, lines: Vec<String>) -> Aside {
        Aside {
            title: title.into(),
            lines,
            kind,
            intro: None,
            parts: Vec::new(),
            answers: Vec::new(),
            then: None,
        }
    }

    /// A prompt bank as an aside: its title, its description as the introduction, its prompts.
    pub fn from_bank(kind: AsideKind, bank: &crate::framework::prompts::PromptBank) -> Aside {
        Aside {
            intro: bank.description.clone(),
            ..Aside::new(kind, bank.title.clone(), bank.prompts.clone())
        }
    }

    /// What to show while the field labelled `field` has the focus: its part, or this.
    pub fn for_field(&self, field: &str) -> &Aside {
        self.parts
            .iter()
            .find(|p| p.fields.iter().any(|f| f == field))
            .map_or(self, |p| &p.aside)
    }
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
    /// Show the form's agenda (its aside) in a popup of its own.
    Agenda,
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
            aside: None,
            base: None,
            changed_elsewhere: false,
            deleted_elsewhere: false,
            restore: false,
            new_id: None,
        }
    }

    pub fn field(&self, label: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| &self.fields[0])
    }

    /// The aside to show now: the focused field's part of it, or the whole.
    pub fn aside_now(&self) -> Option<&Aside> {
        let label = self.fields.get(self.focus).map_or("", |f| f.label.as_str());
        self.aside.as_ref().map(|a| a.for_field(label))
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

    /// Pasted text into the focused field. Terminals send pasted line ends as CR: lines stay
    /// lines in a text area (a one-line field gets spaces), and other control characters,
    /// escape sequences among them, are dropped.
    pub fn paste(&mut self, text: &str) {
        let f = &mut self.fields[self.focus];
        if f.is_textual() {
            let lines = text.replace("\r\n", "\n").replace('\r', "\n");
            let multi = matches!(f.kind, FieldKind::Text { .. });
            let text: String = crate::model::text::strip_controls(&lines)
                .chars()
                .map(|c| if c == '\n' && !multi { ' ' } else { c })
                .collect();
            f.input.insert_str(text);
            self.dirty = true;
        }
    }

    /// The key context of the focused field.
    pub fn context(&self) -> KeyContext {
        match self.fields.get(self.focus).map(|f| &f.kind) {
            Some(FieldKind::Line | FieldKind::Date { .. } | FieldKind::Number) => {
                KeyContext::FormLine
            }
            Some(FieldKind::Choice { .. }) => KeyContext::FormChoice,
            Some(FieldKind::Actions { .. }) => KeyContext::FormActions,
            Some(FieldKind::Picks { .. }) => KeyContext::FormPicks,
            Some(FieldKind::Text { .. }) | None => KeyContext::Form,
        }
    }

    /// Whether the focused field takes typed text.
    pub fn takes_text(&self) -> bool {
        self.fields.get(self.focus).is_some_and(Field::is_textual)
    }

    /// An action from the keymap. Returns whether it was used, and what the app must do.
    pub fn act(&mut self, action: Action) -> (Handled, FormEvent) {
        use Handled::{Consumed, NotConsumed};
        let last = self.focus + 1 == self.fields.len();
        let focus = self.focus;
        match action {
            Action::Cancel => return (Consumed, FormEvent::Cancel),
            Action::Save => return (Consumed, FormEvent::Save),
            Action::NextField => self.next(),
            Action::PrevField => self.prev(),
            Action::ShowAgenda if self.aside.is_some() => return (Consumed, FormEvent::Agenda),
            Action::ExternalEditor if self.fields[focus].is_textual() => {
                return (Consumed, FormEvent::ExternalEditor(focus));
            }
            Action::Pick if matches!(self.fields[focus].kind, FieldKind::Picks { .. }) => {
                return (Consumed, FormEvent::Pick(focus));
            }
            Action::Down | Action::Up => {
                // In the action items, the cursor moves through the items first.
                if let FieldKind::Actions { items, cursor } = &mut self.fields[focus].kind {
                    if action == Action::Down && *cursor + 1 < items.len() {
                        *cursor += 1;
                        return (Consumed, FormEvent::None);
                    }
                    if action == Action::Up && *cursor > 0 {
                        *cursor -= 1;
                        return (Consumed, FormEvent::None);
                    }
                }
                if action == Action::Down {
                    self.next()
                } else {
                    self.prev()
                }
            }
            Action::Done if last => return (Consumed, FormEvent::Save),
            Action::Done => self.next(),
            _ => {
                let field = &mut self.fields[focus];
                match (&mut field.kind, action) {
                    (FieldKind::Choice { options, index }, Action::PrevChoice) => {
                        *index = (*index + options.len() - 1) % options.len();
                    }
                    (FieldKind::Choice { options, index }, Action::NextChoice) => {
                        *index = (*index + 1) % options.len();
                    }
                    (FieldKind::Actions { .. }, Action::AddItem) => {
                        return (Consumed, FormEvent::EditAction(None));
                    }
                    (FieldKind::Actions { items, cursor }, Action::OpenItem) => {
                        let at = (!items.is_empty()).then_some(*cursor);
                        return (Consumed, FormEvent::EditAction(at));
                    }
                    (FieldKind::Actions { items, cursor }, Action::ToggleDone)
                        if !items.is_empty() =>
                    {
                        items[*cursor].done = !items[*cursor].done;
                    }
                    (FieldKind::Actions { items, cursor }, Action::CycleOwner)
                        if !items.is_empty() =>
                    {
                        let o = &mut items[*cursor].owner;
                        let i = Owner::ALL.iter().position(|x| x == o).unwrap_or(0);
                        *o = Owner::ALL[(i + 1) % Owner::ALL.len()];
                    }
                    (FieldKind::Actions { items, cursor }, Action::RemoveItem)
                        if !items.is_empty() =>
                    {
                        items.remove(*cursor);
                        *cursor = (*cursor).min(items.len().saturating_sub(1));
                    }
                    _ => return (NotConsumed, FormEvent::None),
                }
                self.dirty = true;
            }
        }
        (Consumed, FormEvent::None)
    }

    /// A key no binding took, for the focused text field.
    pub fn text_key(&mut self, key: KeyEvent) -> Handled {
        let field = &mut self.fields[self.focus];
        if !field.is_textual() {
            return Handled::NotConsumed;
        }
        // A one-line field stays one line.
        if matches!(key.code, KeyCode::Enter) && !matches!(field.kind, FieldKind::Text { .. }) {
            return Handled::NotConsumed;
        }
        if field.input.input(key) {
            field.error = None;
            self.dirty = true;
        }
        Handled::Consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.text_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn an_aside_follows_the_focused_field_and_keeps_in_a_draft() {
        let mut part = Aside::new(
            AsideKind::Guidance,
            "Tone",
            vec!["Levels of openness".into()],
        );
        part.intro = Some("You might want to consider:".into());
        let mut aside = Aside::new(AsideKind::Guidance, "The parts", vec!["Tone".into()]);
        aside.parts = vec![AsidePart {
            fields: vec!["Ground rules".into()],
            aside: part.clone(),
        }];
        let mut f = Form::new(
            "t",
            FormTarget::Agreement,
            vec![
                Field::line("Pathway", ""),
                Field::text("Ground rules", "", 3),
            ],
        );
        f.aside = Some(aside.clone());
        assert_eq!(
            f.aside_now(),
            Some(&aside),
            "no part for Pathway: the whole"
        );
        f.act(Action::NextField);
        assert_eq!(f.aside_now(), Some(&part));
        // A draft keeps it whole; one kept before asides had parts reads as an agenda.
        let text = crate::store::to_ron(&aside).unwrap();
        let back: Aside = crate::model::ron_options().from_str(&text).unwrap();
        assert_eq!(back, aside);
        let old: Aside = crate::model::ron_options()
            .from_str(r#"(title: "Agenda: first", lines: ["What ground rules shall we set?"])"#)
            .unwrap();
        assert_eq!(
            (old.kind, old.intro, old.parts.len()),
            (AsideKind::Agenda, None, 0)
        );
    }

    #[test]
    fn pasted_lines_stay_lines_and_controls_are_dropped() {
        let mut f = Form::new(
            "t",
            FormTarget::NewMeeting,
            vec![Field::line("Focus", ""), Field::text("Notes", "", 4)],
        );
        f.paste("one\rtwo");
        assert_eq!(f.text("Focus"), "one two");
        f.focus = 1;
        f.paste("line one\rline two\r\nline \u{1b}[2Jthree\u{7}");
        assert_eq!(f.text("Notes"), "line one\nline two\nline three");
    }

    #[test]
    fn typing_next_field_and_validation() {
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
        f.act(Action::NextField);
        typed(&mut f, "next tuesday");
        f.act(Action::NextField);
        typed(&mut f, "4x");
        assert_eq!(f.text("Name"), "Sam");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(f.date("Date", today).is_err());
        assert!(f.number("Minutes").is_err());
        f.focus_first_error();
        assert_eq!(f.focus, 1);
        assert!(f.dirty);
        assert_eq!(f.act(Action::Cancel).1, FormEvent::Cancel);
        // Enter (done) on the last one-line field saves; Tab goes round.
        f.focus = 2;
        assert_eq!(f.act(Action::Done).1, FormEvent::Save);
        f.act(Action::NextField);
        assert_eq!(f.focus, 0);
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
        assert_eq!(f.context(), KeyContext::FormChoice);
        f.act(Action::NextChoice);
        assert_eq!(f.choice("Owner"), 2);
        f.act(Action::NextField);
        assert_eq!(f.context(), KeyContext::FormActions);
        f.act(Action::ToggleDone);
        f.act(Action::CycleOwner);
        let items = f.action_items("Actions");
        assert!(items[0].done);
        assert_eq!(items[0].owner, Owner::Mentor);
        assert_eq!(f.act(Action::AddItem).1, FormEvent::EditAction(None));
        assert_eq!(f.act(Action::OpenItem).1, FormEvent::EditAction(Some(0)));
        f.act(Action::RemoveItem);
        assert!(f.action_items("Actions").is_empty());
        // An action a field has no use for is left to the next handler.
        assert_eq!(f.act(Action::ToggleDone).0, Handled::NotConsumed);
        assert!(!f.takes_text());
    }
}
