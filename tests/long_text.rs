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
        by: Default::default(),
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
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: vec![],
    };
    store.create_goal(&p, &g).unwrap();
    let r = Reflection {
        by: Default::default(),
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

/// A journal with a meeting whose focus and notes are 130,000 characters long.
fn with_a_long_meeting() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    let store = Store::new(&root);
    write_demo(&store, Size::Small, today()).unwrap();
    let p = store.load().partnership("sam-lee").unwrap().clone();
    let long: String = "open questions "
        .repeat(9000)
        .chars()
        .take(130_000)
        .collect();
    let mut m = Meeting::new("long01".into(), today());
    m.focus = long.clone();
    m.notes = long.clone();
    store.create_meeting(&p, &m).unwrap();
    (dir, root, long)
}

/// The same query through the core's search index, as the full-screen journal's `/` asks.
#[test]
fn index_query_of_130000_characters_is_answered() {
    let (_dir, root, long) = with_a_long_meeting();
    let j = mentorlog::journal::Journal::open(Store::new(&root), today());
    let idx = j
        .reader(mentorlog::journal::Audience::Owner)
        .search_index(None);
    let is_long = |h: &mentorlog::journal::search::Hit| {
        matches!(&h.target, mentorlog::journal::search::Target::Meeting { path }
            if path.to_string_lossy().contains("long01"))
    };
    let t = std::time::Instant::now();
    let hits = idx.query(&long, 10);
    // Found first, by its title, as the text it is, with the match marked.
    assert!(is_long(&hits[0]), "{:?}", hits[0].title.get(..80));
    assert!(!hits[0].matched.is_empty());
    // A long query found nowhere finds nothing; short queries work as before.
    assert!(!idx.query(&format!("{long} zebra"), 10).iter().any(is_long));
    assert!(idx.query("open questions", 10).iter().any(is_long));
    assert!(
        t.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        t.elapsed()
    );
}

/// A 130,000-character query (a note pasted into the search) against a field as long made
/// the fuzzy matcher ask for 270 GB and abort the process.
#[test]
fn a_search_of_130000_characters_from_the_shell_is_answered() {
    let (_dir, root, long) = with_a_long_meeting();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .arg("--data-dir")
        .arg(&root)
        .args(["search", "--json", "--"])
        .arg(&long)
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["results"][0];
    assert_eq!(first["kind"], "meeting", "{first}");
    assert!(
        first["path"].as_str().unwrap().contains("long01"),
        "{first}"
    );
    // Printed for people too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .arg("--data-dir")
        .arg(&root)
        .arg("search")
        .arg(&long)
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("meeting"));
}
