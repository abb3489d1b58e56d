//! Very long and very wide texts render in every pane without a panic, and review mode keeps
//! private reflections off the screen.

use chrono::NaiveDate;
use mentorlog::app::{Action, Pane, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::{Goal, GoalStatus, Meeting, Reflection, Role, SCHEMA_VERSION};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn screen(app: &Tui, w: u16, h: u16) -> String {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f, &view)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn long_wide_texts_in_every_pane() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap().clone();
    let long = "質問 é\u{301} 🧑‍🏫 open questions ".repeat(4000);
    let cut = |n: usize| long.chars().take(n).collect::<String>();
    let mut m = Meeting::new("long01".into(), today());
    m.focus = cut(3000);
    m.notes = long.clone();
    store.create_meeting(&p, &m).unwrap();
    let g = Goal {
        version: SCHEMA_VERSION,
        id: "long02".into(),
        created: today(),
        learning_goal: long.clone(),
        objective: cut(5000),
        mentee_actions: long.clone(),
        mentor_actions: long.clone(),
        support_actions: long.clone(),
        barriers: long.clone(),
        success_measures: long.clone(),
        target: Some(today()),
        status: GoalStatus::InProgress,
        reviews: vec![],
    };
    store.create_goal(&p, &g).unwrap();
    let r = Reflection {
        version: SCHEMA_VERSION,
        id: "long03".into(),
        date: today(),
        author: Role::Mentor,
        prompt: None,
        text: format!("PRIVATE-REFLECTION {long}"),
        attachment: Some(cut(1000)),
        private: true,
    };
    store.create_reflection(&p, &r).unwrap();

    let mut app = Tui::open(store, today(), false);
    app.selected = app.reader().position("sam-lee").unwrap();
    app.pane = Pane::Main;
    for tab in Tab::ALL {
        app.tab = tab;
        for (w, h) in [(80, 24), (140, 40), (60, 16), (300, 100), (7, 3)] {
            screen(&app, w, h);
        }
        // Open what the tab opens (the meeting view, forms) and draw those too.
        for action in [Action::Open, Action::Edit, Action::New] {
            app.update(action);
            for (w, h) in [(80, 24), (140, 40), (61, 17)] {
                screen(&app, w, h);
            }
            app.overlays.clear();
        }
    }
    app.tab = Tab::Reflections;
    app.reflection_cursor = 0;
    assert!(screen(&app, 140, 40).contains("PRIVATE-REFLECTION"));
    app.update(Action::ToggleReview);
    let s = screen(&app, 140, 40);
    assert!(!s.contains("PRIVATE-REFLECTION"), "{s}");
    assert!(s.contains("REVIEW MODE"));
}
