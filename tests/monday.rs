//! A Monday morning without stumbles: what a mentor meets in the full-screen journal, each
//! seen before it was fixed (pasted lines, a tab bar that loses tabs at 60 columns, ...).

use chrono::NaiveDate;
use mentorlog::app::{Overlay, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
        t if t.chars().count() == 1 => {
            let c = t.chars().next().unwrap();
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), m)
        }
        t => panic!("unknown key {t:?}"),
    };
    KeyEvent::new(code, mods)
}

fn keys(t: &mut Tui, seq: &str) {
    for k in seq.split_whitespace() {
        t.key(key(k));
    }
}

/// The small demo with Sam Lee (the third partnership) selected.
fn demo_sam() -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    keys(&mut t, "j j");
    (dir, t)
}

fn draw(t: &Tui, w: u16, h: u16) -> Buffer {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    term.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn pasted_lines_stay_lines_in_a_saved_note() {
    let (dir, mut t) = demo_sam();
    keys(&mut t, "2 n");
    for _ in 0..6 {
        keys(&mut t, "Tab");
    }
    // The notes field: empty it (the first meeting's agenda may be there), then paste as a
    // terminal sends it, with CR line ends.
    while matches!(t.overlays.last(), Some(Overlay::Form(f)) if !f.fields[f.focus].value().is_empty())
    {
        keys(&mut t, "Backspace");
    }
    t.paste("line one\rline two\r\nline three");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let path = t
        .meetings()
        .into_iter()
        .find(|m| m.value.notes.starts_with("line one"))
        .map(|m| m.path.clone())
        .expect("the meeting with the pasted notes");
    let saved: mentorlog::model::Meeting = mentorlog::store::read_record(&path).unwrap();
    assert_eq!(saved.notes, "line one\nline two\nline three");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\\r"));
    drop(dir);
}

#[test]
fn every_tab_is_in_the_tab_bar_and_the_current_one_is_marked_at_every_width() {
    let (_dir, mut t) = demo_sam();
    for (n, tab) in Tab::ALL.iter().enumerate() {
        keys(&mut t, &(n + 1).to_string());
        for w in (60..=140).step_by(5) {
            let buf = draw(&t, w, 24);
            let bar = row(&buf, 0);
            for (i, other) in Tab::ALL.iter().enumerate() {
                assert!(
                    bar.contains(other.title())
                        || bar.contains(&format!("{} {}", i + 1, other.short())),
                    "{w} columns: {} is missing from {bar:?}",
                    other.title()
                );
            }
            // The current tab's label is drawn in reverse video, and nothing else is.
            let marked: String = (0..w)
                .filter(|x| buf[(*x, 0)].modifier.contains(Modifier::REVERSED))
                .map(|x| buf[(x, 0)].symbol().to_string())
                .collect();
            assert!(
                marked.contains(tab.title()) || marked.contains(tab.short()),
                "{w} columns: {} is not marked ({marked:?} in {bar:?})",
                tab.title()
            );
        }
    }
}

fn screen(t: &Tui, w: u16, h: u16) -> String {
    let buf = draw(t, w, h);
    (0..h).map(|y| row(&buf, y)).collect::<Vec<_>>().join("\n")
}

#[test]
fn progress_bars_and_focus_show_without_colour() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "1");
    let theme = Theme::no_color();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer().clone();
    let bar = (0..30)
        .map(|y| row(&buf, y))
        .find(|l| l.contains("CUREE"))
        .unwrap();
    // Achieved and not yet achieved differ in shape, not only in colour.
    assert!(bar.contains('█') && bar.contains('░'), "{bar:?}");
    // The focused pane has the heavy border; the other a light one.
    assert!(row(&buf, 1).contains('┏'), "{:?}", row(&buf, 1));
    keys(&mut t, "Tab");
    let s = screen(&t, 100, 30);
    assert!(s.lines().nth(1).unwrap().starts_with('┏'), "{s}");
}

#[test]
fn the_dashboard_says_today_labels_the_months_and_explains_the_mark() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "1");
    // Tall enough for the whole dashboard: each recognition rule is quoted from its source.
    let s = screen(&t, 140, 90);
    // The twelve months up to November 2026, oldest first, under their bars.
    assert!(s.contains("D  J  F  M  A  M  J  J  A  S  O  N"), "{s}");
    assert!(s.contains("! meeting overdue"), "{s}");
    assert_eq!(mentorlog::model::days_ago(0), "today");
    assert_eq!(mentorlog::model::days_ago(1), "yesterday");
    assert_eq!(mentorlog::model::days_ago(3), "3 days ago");
}

#[test]
fn h_and_l_move_between_the_list_and_the_pane() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "2");
    assert_eq!(t.pane, mentorlog::app::Pane::Main);
    keys(&mut t, "h");
    assert_eq!(t.pane, mentorlog::app::Pane::Sidebar);
    keys(&mut t, "l");
    assert_eq!(t.pane, mentorlog::app::Pane::Main);
}

#[test]
fn the_meeting_view_names_the_items_it_evidences_in_words() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "2");
    // The first of Sam's meetings that evidences something.
    let at = t
        .meetings()
        .iter()
        .position(|m| !m.value.evidences.is_empty())
        .unwrap();
    for _ in 0..at {
        keys(&mut t, "j");
    }
    let address = t.meetings()[at].value.evidences[0].clone();
    let (f, i) = address.split_once('/').unwrap();
    let words = t
        .reader()
        .frameworks()
        .get(f)
        .and_then(|fw| fw.item(i))
        .map(|it| mentorlog::model::first_line(&it.text).to_string())
        .unwrap();
    keys(&mut t, "Enter");
    let s = screen(&t, 140, 40);
    // The item's own words, with its address beside them.
    let line = s
        .lines()
        .find(|l| l.contains(&format!("({address})")))
        .unwrap_or_else(|| panic!("{address} not shown:\n{s}"));
    assert!(line.contains(&format!("· {words}")), "{line}");
}

#[test]
fn evaluating_with_no_agreement_says_what_to_do_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = mentorlog::journal::Journal::open(Store::new(dir.path().join("j")), today());
    let p = mentorlog::model::Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: 1,
        id: String::new(),
        name: "Sam Lee".into(),
        institution: None,
        kind: mentorlog::model::PartnershipKind::Induction,
        pathway: mentorlog::model::Pathway::RoleFocused,
        focus: None,
        start: today(),
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: vec!["curee".into()],
        status: mentorlog::model::PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
        evaluation: None,
    };
    j.add_partnership(p).unwrap();
    let mut t = Tui::new(j, false);
    keys(&mut t, "6 v");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    assert!(
        t.status.as_ref().unwrap().text.contains("no agreement"),
        "{:?}",
        t.status
    );
}

#[test]
fn search_results_for_framework_items_say_their_section() {
    let (_dir, t) = demo_sam();
    let index = t.reader().search_index(None);
    let hits = index.query("listen actively", 10);
    let titles: Vec<&str> = hits
        .iter()
        .filter(|h| h.label == "item")
        .map(|h| h.title.as_str())
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    let unique: std::collections::BTreeSet<&&str> = titles.iter().collect();
    assert_eq!(
        unique.len(),
        titles.len(),
        "two results read the same: {titles:?}"
    );
}

#[test]
fn u_undoes_and_shift_u_redoes_until_a_new_change() {
    let (dir, mut t) = demo_sam();
    keys(&mut t, "3");
    let goals = |d: &TempDir| {
        std::fs::read_dir(d.path().join("j/partnerships/sam-lee/goals"))
            .unwrap()
            .count()
    };
    let before = goals(&dir);
    keys(&mut t, "n");
    for c in "A goal to take back".chars() {
        t.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    keys(&mut t, "C-s");
    assert_eq!(goals(&dir), before + 1);
    keys(&mut t, "u");
    assert_eq!(goals(&dir), before);
    keys(&mut t, "U");
    assert_eq!(goals(&dir), before + 1, "redo puts it back");
    assert!(t.status.as_ref().unwrap().text.starts_with("Redone"));
    keys(&mut t, "u");
    // A new change, and there is nothing to redo.
    keys(&mut t, "s");
    keys(&mut t, "U");
    assert_eq!(goals(&dir), before);
    assert!(t.status.as_ref().unwrap().text.contains("Nothing to redo"));
}

#[test]
fn enter_opens_a_reflection_to_read_and_e_edits_it() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "5 Enter");
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Reflection { .. })),
        "{:?}",
        t.overlays.last()
    );
    let s = screen(&t, 100, 30);
    assert!(s.contains("Reflection (e edit, Esc close)"), "{s}");
    keys(&mut t, "e");
    assert!(matches!(t.overlays.last(), Some(Overlay::Form(_))));
}

#[test]
fn the_palette_starts_with_what_one_does_and_ctrl_z_suspends() {
    let (_dir, mut t) = demo_sam();
    t.key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let Some(Overlay::Picker(p)) = t.overlays.last() else {
        panic!("{:?}", t.overlays.last());
    };
    assert_eq!(p.options[0].0, "new");
    assert!(
        p.options
            .iter()
            .all(|(id, _)| id != "down" && id != "page_up")
    );
    keys(&mut t, "Esc");
    let e = t.key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(e, mentorlog::app::Effect::Suspend);
}

#[test]
fn a_dirty_form_says_unsaved_and_its_draft_comes_back_after_a_crash() {
    let (dir, mut t) = demo_sam();
    keys(&mut t, "3 n");
    assert!(t.app.form_draft(&t.journal).is_none(), "nothing typed yet");
    for c in "A goal typed before the crash".chars() {
        t.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let last = row(&draw(&t, 80, 24), 23);
    assert!(last.contains("unsaved: C-s saves"), "{last:?}");
    assert!(!last.contains("all changes saved"), "{last:?}");
    // What the event loop keeps while the form is open; a crash leaves it behind, and the
    // next open keeps it as a draft.
    let draft = t
        .app
        .form_draft(&t.journal)
        .expect("a draft of the dirty form");
    let drafts = dir
        .path()
        .join("j")
        .join(mentorlog::store::scratch::DRAFTS_DIR);
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("edit-abc234.form.ron"), draft).unwrap();
    drop(t);

    let mut t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    match t.overlays.last() {
        Some(Overlay::Confirm { message, .. }) => {
            assert!(message.contains("Action plan: goal"), "{message}")
        }
        other => panic!("no offer to restore: {other:?}"),
    }
    keys(&mut t, "y");
    let Some(Overlay::Form(f)) = t.overlays.last() else {
        panic!("{:?}", t.overlays.last());
    };
    assert_eq!(f.text("Objective"), "A goal typed before the crash");
    assert!(f.dirty);
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    assert!(
        t.goals()
            .iter()
            .any(|g| g.value.objective == "A goal typed before the crash")
    );
    assert_eq!(
        std::fs::read_dir(&drafts).unwrap().count(),
        0,
        "the draft is gone"
    );

    // Let go instead: nothing is written, and the draft is gone too.
    std::fs::write(
        drafts.join("edit-def567.form.ron"),
        std::fs::read_to_string(dir.path().join("j/journal.ron")).unwrap(),
    )
    .unwrap();
    let mut t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    assert!(matches!(t.overlays.last(), Some(Overlay::Confirm { .. })));
    keys(&mut t, "n");
    assert!(t.overlays.is_empty());
    assert_eq!(std::fs::read_dir(&drafts).unwrap().count(), 0);
}

#[test]
fn a_long_message_wraps_above_the_keys_and_never_hides_how_to_leave_a_form() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "l 2 e");
    let long = "Could not save: the record changed on disk while the form was open, and this \
                message is long enough to need two lines at sixty columns";
    t.status = Some(mentorlog::app::Status {
        text: long.into(),
        error: true,
    });
    for (w, h) in [(60, 16), (80, 24)] {
        let buf = draw(&t, w, h);
        let bottom = row(&buf, h - 1);
        assert!(
            bottom.contains("save") && bottom.contains("cancel"),
            "{w}x{h}: {bottom:?}"
        );
        // Every word of the message is on screen, in the lines above the keys.
        let above: String = (h - 4..h - 1).map(|y| row(&buf, y)).collect();
        assert!(above.contains("sixty columns"), "{w}x{h}: {above:?}");
        assert!(!above.contains('…'), "{w}x{h}: cut: {above:?}");
    }
    // With no message, the saved/unsaved word keeps its place and the keys that matter least
    // make room for it.
    t.status = None;
    keys(&mut t, "Esc");
    keys(&mut t, "h");
    let bottom = row(&draw(&t, 60, 16), 15);
    assert!(
        bottom.contains("all changes saved") && bottom.contains("quit"),
        "{bottom:?}"
    );
}

#[test]
fn a_save_that_works_after_a_failure_clears_the_error() {
    let (dir, mut t) = demo_sam();
    // Goals go in a folder; put a file where it should be, so the save fails.
    let goals = dir.path().join("j/partnerships/sam-lee/goals");
    let moved = dir.path().join("goals-aside");
    std::fs::rename(&goals, &moved).unwrap();
    std::fs::write(&goals, "not a folder").unwrap();
    keys(&mut t, "3 n");
    t.paste("Plan lessons with a clear objective");
    keys(&mut t, "C-s");
    let failed = screen(&t, 80, 24);
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Form(_))),
        "the form stays open after a failed save: {failed}"
    );
    assert!(t.status.as_ref().is_some_and(|s| s.error), "{failed}");
    assert!(failed.contains("Not a"), "the error is shown: {failed}");
    // The user puts things right and saves again.
    std::fs::remove_file(&goals).unwrap();
    std::fs::rename(&moved, &goals).unwrap();
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let after = screen(&t, 80, 24);
    assert!(!t.status.as_ref().is_some_and(|s| s.error), "{after}");
    assert!(after.contains("saved"), "{after}");
    assert!(!after.contains("Not a"), "the old error is gone: {after}");
}

#[test]
fn the_next_start_reopens_where_the_user_left_and_n_makes_what_they_were_making() {
    let (dir, mut t) = demo_sam();
    keys(&mut t, "3 l j");
    assert_eq!(t.app.tab, Tab::Goals);
    let goal = t.goals()[t.app.goal_cursor].path.clone();
    let mut kept = None;
    t.keep_place(&mut kept);
    assert!(kept.is_some());
    drop(t);

    // Opened fast (as the event loop does): the kept partnership is read first.
    let store = Store::new(dir.path().join("j"));
    let mut t = Tui::open_fast(store, today(), false);
    assert_eq!(t.partner().unwrap().name(), "Sam Lee");
    assert_eq!(t.app.tab, Tab::Goals);
    assert_eq!(t.goals()[t.app.goal_cursor].path, goal);
    keys(&mut t, "n");
    match t.overlays.last() {
        Some(Overlay::Form(f)) => assert!(f.title.contains("goal"), "{}", f.title),
        other => panic!("n makes a goal here: {other:?}"),
    }

    // A place that cannot be read is ignored: the journal opens as new.
    std::fs::write(dir.path().join("j/.mentorlog/place.ron"), "(garbage").unwrap();
    let t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    assert_eq!(t.app.tab, Tab::Dashboard);
}

#[test]
fn the_welcome_demo_is_kept_apart_from_the_users_journal_and_q_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    let mut t = Tui::open(Store::new(root.clone()), today(), false);
    assert!(matches!(t.overlays.last(), Some(Overlay::Welcome)));
    keys(&mut t, "d");
    assert!(t.app.demo);
    assert_eq!(t.reader().len(), 3, "the demo's partnerships are on screen");
    let top = row(&draw(&t, 80, 24), 0);
    assert!(top.contains("DEMO"), "{top:?}");
    let bottom = row(&draw(&t, 80, 24), 23);
    assert!(bottom.contains("q leave demo"), "{bottom:?}");
    // Nothing of it is in the user's journal.
    let own_partnerships = |root: &std::path::Path| {
        std::fs::read_dir(root.join("partnerships"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert_eq!(own_partnerships(&root), 0);
    assert!(!root.join("journal.ron").exists(), "no profile written");
    // A change in the demo stays in the demo.
    keys(&mut t, "j j 3 n");
    t.paste("A goal made while trying the demo");
    keys(&mut t, "C-s");
    assert!(root.join(".mentorlog/demo/partnerships/sam-lee").exists());

    keys(&mut t, "q");
    assert!(!t.app.quit, "q leaves the demo first");
    assert!(!t.app.demo);
    assert!(matches!(t.overlays.last(), Some(Overlay::Welcome)));
    assert!(
        !root.join(".mentorlog/demo").exists(),
        "the demo is removed"
    );
    assert_eq!(own_partnerships(&root), 0);
    keys(&mut t, "q");
    assert!(t.app.quit);
}

#[test]
fn the_first_meeting_shows_its_agenda_beside_the_notes_not_in_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    keys(&mut t, "n");
    t.paste("Robin Ellis");
    keys(&mut t, "C-s");
    assert_eq!(t.reader().len(), 1);
    keys(&mut t, "2 n");
    let question = "What ground rules shall we set?";
    {
        let Some(Overlay::Form(f)) = t.overlays.last() else {
            panic!("a meeting form: {:?}", t.overlays)
        };
        let aside = f.aside.as_ref().expect("the first meeting has an agenda");
        assert_eq!(
            aside.lines.len(),
            11,
            "the eleven first-conversation questions"
        );
        assert!(aside.lines.iter().any(|q| q == question));
        let notes = f.fields.iter().find(|f| f.label == "Notes").unwrap();
        assert_eq!(notes.value(), "", "the agenda is not put into the notes");
    }
    // Wide: beside the form. Narrow: Ctrl-g shows it, Esc goes back to the form.
    assert!(screen(&t, 140, 40).contains(question));
    assert!(!screen(&t, 80, 24).contains(question));
    t.key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    assert!(matches!(t.overlays.last(), Some(Overlay::Agenda { .. })));
    assert!(screen(&t, 80, 24).contains(question));
    keys(&mut t, "Esc");
    assert!(matches!(t.overlays.last(), Some(Overlay::Form(_))));
    for _ in 0..6 {
        keys(&mut t, "Tab");
    }
    t.paste("Agreed to meet on Tuesdays.");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let m = &t.meetings()[0].value;
    assert_eq!(m.notes, "Agreed to meet on Tuesdays.");
    assert_eq!(m.focus, "First conversation");
    // The second meeting has no agenda.
    keys(&mut t, "n");
    assert!(matches!(t.overlays.last(), Some(Overlay::Form(f)) if f.aside.is_none()));
}

#[test]
fn the_wide_goals_table_shows_the_learning_goal_and_the_review_notes() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "3 l e Tab");
    t.paste("Pupils explain their reasoning");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let goal = &t.goals()[t.app.goal_cursor].value;
    assert_eq!(goal.learning_goal, "Pupils explain their reasoning");
    assert!(
        !goal.reviews.is_empty(),
        "the demo's first goal has a review note"
    );
    let review = goal.reviews[0].note.clone();
    let s = screen(&t, 140, 40);
    assert!(
        s.contains("Learning goal: Pupils explain their reasoning"),
        "{s}"
    );
    let start: String = review.chars().take(30).collect();
    assert!(s.contains(&start), "the review note:\n{s}");
    // The narrow layout's detail panel has it too.
    let s = screen(&t, 80, 24);
    assert!(
        s.contains("Learning goal: Pupils explain their reasoning"),
        "{s}"
    );
}

#[test]
fn the_actions_tab_lists_every_action_item_and_space_marks_one_done() {
    let (_dir, mut t) = demo_sam();
    keys(&mut t, "7 l");
    assert_eq!(t.app.tab, Tab::Actions);
    let r = t.reader();
    let open: Vec<String> = t
        .app
        .action_rows(&r)
        .iter()
        .map(|(_, a)| a.text.clone())
        .collect();
    assert_eq!(
        open.len(),
        1,
        "the demo's Sam Lee has one open item: {open:?}"
    );
    let s = screen(&t, 80, 24);
    assert!(s.contains("1 open action item"), "{s}");
    assert!(s.contains("[ ] Try three open"), "{s}");
    for (w, h) in [(60, 16), (140, 40)] {
        assert!(
            row(&draw(&t, w, h), 0).contains("Act"),
            "{w}x{h}: the tab is in the bar"
        );
    }
    // Space: done, written to its meeting; the open list is then empty.
    keys(&mut t, "Space");
    let done = t
        .meetings()
        .iter()
        .flat_map(|m| m.value.action_items.iter())
        .filter(|a| !a.done)
        .count();
    assert_eq!(done, 0, "the item is done in its meeting");
    let s = screen(&t, 80, 24);
    assert!(s.contains("Nothing open"), "{s}");
    // f shows the done ones too; Space on one opens it again, and the cursor follows it.
    keys(&mut t, "f");
    let all = t.app.action_rows(&t.reader()).len();
    assert!(all > 1, "{all}");
    keys(&mut t, "G Space");
    let r = t.reader();
    let rows = t.app.action_rows(&r);
    let (_, a) = rows[t.app.actions.cursor];
    assert!(!a.done, "the cursor is on the item opened again");
    assert_eq!(t.app.actions.cursor, 0, "open items come first");
    // u takes it back.
    keys(&mut t, "u");
    assert!(t.app.action_rows(&t.reader()).iter().all(|(_, a)| a.done));
}

#[test]
fn help_empty_states_and_a_long_prompt_wrap_at_80x24_instead_of_being_cut() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    // Help's opening paragraph, whole.
    keys(&mut t, "?");
    let s = screen(&t, 80, 24).replace('│', " ");
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("the Dashboard shows how it is going, Meetings is the mentoring log"),
        "{s}"
    );
    assert!(flat.contains("Checklists the frameworks"), "{s}");
    keys(&mut t, "Esc");
    // Alex Morgan has no goals: the empty state ends on screen.
    keys(&mut t, "3");
    let s = screen(&t, 80, 24);
    assert!(s.contains("plan."), "{s}");
    // A long reflection prompt, chosen, shows whole.
    keys(&mut t, "j j 5 l n Tab Tab");
    t.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    t.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    let s = screen(&t, 80, 24);
    let flat = s
        .replace(['│', '┃'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("explain how mentoring has helped you achieve this knowledge."),
        "{s}"
    );
}

#[test]
fn leaving_the_demo_never_removes_through_a_link_out_of_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    std::fs::create_dir_all(&root).unwrap();
    // The journal's private folder is a link to a folder outside, holding a "demo".
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(outside.join("demo")).unwrap();
    std::fs::write(outside.join("demo/keep.txt"), "not mentorlog's").unwrap();
    std::os::unix::fs::symlink(&outside, root.join(".mentorlog")).unwrap();
    let j = mentorlog::journal::Journal::open(Store::new(root.clone()), today());
    assert!(j.discard_demo().is_err(), "refused, with a message");
    assert!(
        outside.join("demo/keep.txt").exists(),
        "nothing outside was removed"
    );
}
