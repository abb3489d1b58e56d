//! Opening fast: the first screen reads one partnership's records; the rest arrive in the
//! background or when a partnership is chosen, and nothing is missing once they have.

use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    (dir, store)
}

#[test]
fn the_first_screen_reads_one_partnership_and_lists_the_rest() {
    let (_d, store) = demo();
    let app = Tui::open_fast(store.clone(), today(), false);
    let r = app.reader();
    let ps = r.partnerships();
    assert_eq!(ps.len(), 3);
    assert!(ps[0].loaded());
    assert!(!ps[1].loaded() && !ps[2].loaded());
    assert!(app.journal.loading());
    // The sidebar's overdue marks need meeting dates: they come from the file names.
    let full = store.load();
    assert_eq!(
        ps[2].meeting_dates().len(),
        full.partnerships[2].meetings.len()
    );
    let mut listed = ps[2].meeting_dates();
    let mut read = full.partnerships[2].meeting_dates();
    assert!(!read.is_empty());
    listed.sort();
    read.sort();
    assert_eq!(listed, read);
}

#[test]
fn choosing_a_partnership_reads_it_and_the_background_read_fills_the_rest() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store.clone(), today(), false);
    app.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(
        app.reader().get(1).unwrap().loaded(),
        "the chosen partnership is read at once"
    );
    assert_eq!(
        app.meetings().len(),
        store.load().partnerships[1].meetings.len()
    );
    app.journal.background_loaded(store.load());
    assert!(!app.journal.loading());
    let full = store.load();
    for (a, b) in app.reader().partnerships().iter().zip(&full.partnerships) {
        assert_eq!(a.meetings().len(), b.meetings.len());
        assert_eq!(a.tick_sheets(), b.ticks.as_slice());
    }
}

#[test]
fn the_background_read_never_replaces_newer_work() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store.clone(), today(), false);
    let stale = store.load();
    // A meeting logged in the first partnership after the background read began.
    for k in ["Tab", "2", "n"] {
        let code = match k {
            "Tab" => KeyCode::Tab,
            c => KeyCode::Char(c.chars().next().unwrap()),
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let before = app.reader().get(0).unwrap().meetings().len();
    assert_eq!(before, stale.partnerships[0].meetings.len() + 1);
    app.journal.background_loaded(stale);
    assert_eq!(app.reader().get(0).unwrap().meetings().len(), before);
}

/// With nothing cached yet, search reads the partnerships it has no text of for itself: it
/// finds every record, and the journal still holds only what the screen showed.
#[test]
fn search_with_nothing_cached_finds_everything_and_holds_only_what_is_shown() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store, today(), false);
    app.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    assert!(app.journal.loading(), "not read whole for a search");
    assert_eq!(read(&app), [true, false, false]);
    for c in "seating plan".chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let Some(mentorlog::app::Overlay::Search(s)) = app.overlays.last() else {
        panic!()
    };
    assert!(s.hits.iter().any(|h| h.label == "goal"));
    let first = app.reader().get(0).unwrap().id().to_string();
    assert!(
        s.hits.iter().any(|h| h.partnership != first),
        "found in a partnership not read"
    );
}

/// The small demo's partnership folders, in the order the list shows them.
/// Which partnerships' records the screen holds, in the list's order.
fn read(t: &Tui) -> Vec<bool> {
    t.reader()
        .partnerships()
        .iter()
        .map(|p| p.loaded())
        .collect()
}

fn ids(store: &Store) -> Vec<String> {
    store
        .load()
        .partnerships
        .iter()
        .map(|p| p.id().to_string())
        .collect()
}

#[test]
fn the_first_screen_knows_the_partnerships_off_screen_only_by_their_folders() {
    let (_d, store) = demo();
    let ids = ids(&store);
    // A list two rows tall: the first partnership is read, the next summarised, the
    // third only listed.
    let t = Tui::open_shown(store.clone(), today(), None, 2);
    let r = t.reader();
    let ps = r.partnerships();
    assert_eq!(
        ps.len(),
        3,
        "every partnership is in the list from the first frame"
    );
    assert!(ps[0].loaded() && !ps[0].pending());
    assert!(!ps[1].loaded() && !ps[1].pending());
    assert!(ps[2].pending(), "the third is off screen");
    assert_eq!(ps[2].id(), ids[2]);
    assert_eq!(ps[2].name(), ids[2], "a stand-in is named after its folder");
    assert!(
        !ps[2].meeting_overdue(today()),
        "a stand-in is never marked overdue"
    );
    let full = store.load();
    assert_ne!(ps[2].name(), full.partnerships[2].partnership.value.name);
    // The background read fills it in.
    let mut t = t;
    t.journal.background_loaded(store.load());
    let r = t.reader();
    assert!(!r.loading());
    for (a, b) in r.partnerships().iter().zip(&full.partnerships) {
        assert!(!a.pending());
        assert_eq!(a.partnership(), &b.partnership.value);
        assert_eq!(a.meetings().len(), b.meetings.len());
    }
}

#[test]
fn the_partnership_last_on_screen_is_read_first_whatever_its_place() {
    let (_d, store) = demo();
    let ids = ids(&store);
    let t = Tui::open_shown(store.clone(), today(), Some(&ids[2]), 0);
    let r = t.reader();
    let ps = r.partnerships();
    assert!(ps[2].loaded() && !ps[2].pending());
    assert!(ps[0].pending() && ps[1].pending());
    assert_eq!(
        ps[2].meetings().len(),
        store.load().partnerships[2].meetings.len()
    );
}

#[test]
fn nothing_is_written_from_a_stand_in_and_choosing_it_reads_it() {
    let (_d, store) = demo();
    let ids = ids(&store);
    let before = std::fs::read(
        store
            .partnerships_dir()
            .join(&ids[2])
            .join("partnership.ron"),
    )
    .unwrap();
    let mut t = Tui::open_shown(store.clone(), today(), None, 0);
    let err = t
        .journal
        .end_partnership(&ids[2], today())
        .expect_err("a stand-in is not ended");
    assert!(err.to_string().contains("still being read"), "{err}");
    assert_eq!(
        std::fs::read(
            store
                .partnerships_dir()
                .join(&ids[2])
                .join("partnership.ron")
        )
        .unwrap(),
        before,
        "its file is untouched"
    );
    // Choosing it in the list reads it whole, its real name and all.
    for _ in 0..2 {
        t.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    }
    let r = t.reader();
    let p = r.get(2).unwrap();
    assert!(p.loaded() && !p.pending());
    assert_eq!(
        p.partnership(),
        &store.load().partnerships[2].partnership.value
    );
    // And now it may be ended.
    t.journal.end_partnership(&ids[2], today()).unwrap();
    t.journal.undo().unwrap();
}

#[test]
fn removing_a_stand_in_reads_all_it_holds_first() {
    let (_d, store) = demo();
    let ids = ids(&store);
    let mut t = Tui::open_shown(store.clone(), today(), None, 0);
    t.journal.remove_partnership(&ids[2]).unwrap();
    assert!(
        !store
            .partnerships_dir()
            .join(&ids[2])
            .join("partnership.ron")
            .exists()
    );
    t.journal.undo().unwrap();
    let back = store.load();
    assert_eq!(back.partnerships.len(), 3);
    assert!(
        !back.partnerships[2].meetings.is_empty(),
        "its meetings came back too"
    );
}

/// What a screen shows of every partnership, as comparable text.
fn shown(t: &Tui) -> Vec<String> {
    t.reader()
        .partnerships()
        .iter()
        .map(|p| {
            format!(
                "{} {} meetings:{} goals:{} ticks:{:?}",
                p.id(),
                p.name(),
                p.meetings().len(),
                p.goals().len(),
                p.tick_sheets()
            )
        })
        .collect()
}

#[test]
fn a_change_from_another_process_rereads_only_its_partnership_and_matches_a_fresh_read() {
    let (_d, store) = demo();
    let ids = ids(&store);
    let mut screen = Tui::open(store.clone(), today(), false);
    // Another mentorlog logs a meeting in the second partnership.
    let mut other = mentorlog::journal::Journal::open(store.clone(), today());
    let mut m = other
        .reader(mentorlog::journal::Audience::Owner)
        .partner(&ids[1])
        .unwrap()
        .meetings()[0]
        .value
        .clone();
    m.id = "from-elsewhere".into();
    m.focus = "Logged elsewhere".into();
    other
        .save_meeting(&ids[1], mentorlog::journal::Save::new(m))
        .unwrap();
    let path = other
        .reader(mentorlog::journal::Audience::Owner)
        .partner(&ids[1])
        .unwrap()
        .meeting("from-elsewhere")
        .unwrap()
        .path
        .clone();
    screen.external_change(std::slice::from_ref(&path));
    let said = screen
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Changed elsewhere"), "{said}");
    assert!(
        screen
            .reader()
            .get(1)
            .unwrap()
            .meeting("from-elsewhere")
            .is_some(),
        "the new meeting shows"
    );
    assert_eq!(
        shown(&screen),
        shown(&Tui::open(store.clone(), today(), false))
    );
    // A partnership removed elsewhere goes from the list, and is said to.
    other.remove_partnership(&ids[2]).unwrap();
    screen.external_change(&[store
        .partnerships_dir()
        .join(&ids[2])
        .join("partnership.ron")]);
    let said = screen
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("removed"), "{said}");
    assert_eq!(screen.reader().len(), 2);
    assert_eq!(shown(&screen), shown(&Tui::open(store, today(), false)));
}

fn type_keys(t: &mut Tui, text: &str) {
    for c in text.chars() {
        t.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn search_hits(t: &Tui) -> Vec<(String, String, String)> {
    let Some(mentorlog::app::Overlay::Search(s)) = t.overlays.last() else {
        panic!("no search open")
    };
    s.hits
        .iter()
        .map(|h| (h.label.to_string(), h.partnership.clone(), h.title.clone()))
        .collect()
}

#[test]
fn the_index_made_while_idle_finds_what_one_made_at_once_finds_and_follows_the_partnership() {
    let (_d, store) = demo();
    // One screen makes its index a few parts at a time, as when idle...
    let mut idle = Tui::open(store.clone(), today(), false);
    for _ in 0..1000 {
        idle.app
            .prepare_search(&idle.journal, std::time::Duration::from_micros(1));
        if idle.app.search_index.is_some() {
            break;
        }
    }
    assert!(idle.app.search_index.is_some(), "made in the end");
    // ...the other makes it when / is pressed.
    let mut at_once = Tui::open(store.clone(), today(), false);
    for t in [&mut idle, &mut at_once] {
        t.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        type_keys(t, "broker access");
    }
    let hits = search_hits(&idle);
    assert_eq!(hits, search_hits(&at_once));
    // A framework item is found under the partnership on screen when it uses it.
    let on_screen = idle.reader().get(1).unwrap().id().to_string();
    let item = hits.iter().find(|h| h.0 == "item").expect("an item hit");
    assert_eq!(item.1, on_screen);
}

#[test]
fn review_mode_never_searches_an_index_made_for_the_owner() {
    let (_d, store) = demo();
    let mut t = Tui::open(store, today(), false);
    let q = "overwhelmed by marking";
    t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    type_keys(&mut t, q);
    assert!(
        !search_hits(&t).is_empty(),
        "the owner finds the private note"
    );
    t.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    t.app
        .prepare_search(&t.journal, std::time::Duration::from_secs(1));
    t.key(KeyEvent::new(KeyCode::Char('R'), KeyModifiers::NONE));
    assert!(t.app.review);
    t.app
        .prepare_search(&t.journal, std::time::Duration::from_secs(1));
    t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    type_keys(&mut t, q);
    assert!(search_hits(&t).is_empty(), "{:?}", search_hits(&t));
}

#[test]
fn a_folder_with_no_partnership_in_it_is_a_stand_in_only_until_it_is_read() {
    let (_d, store) = demo();
    std::fs::create_dir_all(store.partnerships_dir().join("zz-empty")).unwrap();
    let mut t = Tui::open_shown(store.clone(), today(), None, 0);
    assert_eq!(t.reader().len(), 4, "listed by its folder at first");
    t.journal.background_loaded(store.load());
    assert_eq!(t.reader().len(), 3, "gone once the whole journal is read");
    assert!(!t.journal.loading());
    // Chosen before the whole read, it goes too, and nothing is said against it.
    let mut t = Tui::open_shown(store.clone(), today(), None, 0);
    t.journal.ensure_loaded("zz-empty");
    assert_eq!(t.reader().len(), 3);
    assert!(
        t.journal.problems().is_empty(),
        "{:?}",
        t.journal.problems()
    );
}

#[test]
fn a_stand_in_named_after_a_folder_with_an_escape_sequence_reaches_no_terminal() {
    use mentorlog::ui::{Keymap, Theme, View};
    use ratatui::{Terminal, backend::TestBackend};
    let (_d, store) = demo();
    std::fs::create_dir_all(
        store
            .partnerships_dir()
            .join("zz-\u{1b}[2J\u{1b}]0;pwned\u{7}x"),
    )
    .unwrap();
    let t = Tui::open_shown(store, today(), None, 0);
    assert!(t.reader().get(3).unwrap().pending());
    let (theme, keymap) = (Theme::default(), Keymap::default());
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer();
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("pwned"), "the stand-in is on screen");
    assert!(
        !text.chars().any(|c| c.is_control()),
        "a control character reached the screen"
    );
}

#[path = "common/cli.rs"]
mod cli;

/// `/` before the background read is done: the owner's search takes what the search cache
/// holds of the partnerships not read yet, without reading them (the screen does not wait),
/// and opening such a hit reads its partnership and shows the record.
#[test]
fn search_before_the_background_read_takes_the_rest_from_the_cache() {
    let (_d, store) = demo();
    cli::age(store.root());
    // A search from the shell kept the cache.
    let _ = mentorlog::journal::Journal::open_search(store.clone(), today());
    let mut t = Tui::open_shown(store.clone(), today(), None, 0);
    let pending = t.reader().get(2).unwrap().id().to_string();
    assert!(t.reader().get(2).unwrap().pending());
    let full = store.load();
    let focus = full.partnership(&pending).unwrap().meetings[0]
        .value
        .focus
        .clone();
    t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    type_keys(&mut t, &focus);
    let hits = search_hits(&t);
    let at = hits
        .iter()
        .position(|h| h.0 == "meeting" && h.1 == pending && h.2.ends_with(&focus))
        .unwrap_or_else(|| panic!("'{focus}' in {pending}: {hits:?}"));
    assert!(t.journal.loading(), "nothing more was read for the search");
    assert!(t.reader().get(2).unwrap().pending());
    for _ in 0..at {
        t.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    t.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let r = t.reader();
    let p = r.get(2).unwrap();
    assert!(p.loaded(), "opening the hit read its partnership");
    let shown = &t.app.meetings(&r)[t.app.meeting_cursor];
    assert!(shown.value.focus == focus, "{:?}", shown.value.focus);
}

/// A member's session never searches the owner's cache (the owner's view, private notes
/// included), not even before the background read is done; the owner's own does.
#[test]
fn a_members_search_before_the_background_read_never_takes_the_owners_cache() {
    let (_d, store) = demo();
    cli::age(store.root());
    let _ = mentorlog::journal::Journal::open_search(store.clone(), today());
    let q = "overwhelmed by marking";
    let mut owner = Tui::open_shown(store.clone(), today(), None, 0);
    owner.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    type_keys(&mut owner, q);
    assert!(
        !search_hits(&owner).is_empty(),
        "the owner finds the private note"
    );
    let mut sam = Tui::open_shown(store, today(), None, 0);
    sam.lock_to_member("sam").unwrap();
    sam.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    type_keys(&mut sam, q);
    assert!(search_hits(&sam).is_empty(), "{:?}", search_hits(&sam));
}

/// While the screen holds only the partnerships it showed, a change from another process (or
/// a reload) reads again only as much as was read: the changed partnership's summary when
/// its records were not read, its records when they were. Nothing else is read whole, and
/// what shows is what a fresh read shows.
#[test]
fn a_change_while_only_some_partnerships_are_read_rereads_only_as_much() {
    use mentorlog::journal::{Audience, Journal, Save};
    let (_d, store) = demo();
    let ids = ids(&store);
    let mut screen = Tui::open_shown(store.clone(), today(), None, 60);
    assert_eq!(read(&screen), [true, false, false]);
    let mut other = Journal::open(store.clone(), today());
    let log = |other: &mut Journal, pid: &str, id: &str, date: NaiveDate| {
        let mut m = other
            .reader(Audience::Owner)
            .partner(pid)
            .unwrap()
            .meetings()[0]
            .value
            .clone();
        (m.id, m.date) = (id.into(), date);
        other.save_meeting(pid, Save::new(m)).unwrap();
        other
            .reader(Audience::Owner)
            .partner(pid)
            .unwrap()
            .meeting(id)
            .unwrap()
            .path
            .clone()
    };
    let later = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    // In a partnership not read: its meeting dates (for the list's marks) follow.
    let path = log(&mut other, &ids[2], "elsewhere-2", later);
    screen.external_change(std::slice::from_ref(&path));
    assert_eq!(read(&screen), [true, false, false], "nothing read whole");
    let dates = screen.reader().get(2).unwrap().meeting_dates();
    assert!(dates.contains(&later), "{dates:?}");
    // In the one read: its records follow.
    let path = log(&mut other, &ids[0], "elsewhere-0", later);
    screen.external_change(std::slice::from_ref(&path));
    assert_eq!(read(&screen), [true, false, false]);
    assert!(
        screen
            .reader()
            .get(0)
            .unwrap()
            .meeting("elsewhere-0")
            .is_some()
    );
    // A reload (Ctrl-r, or the end of a sync) reads as much again.
    screen.journal.reload();
    assert_eq!(read(&screen), [true, false, false]);
    // Once all are chosen, they show as a whole read does.
    for id in &ids {
        screen.journal.ensure_loaded(id);
    }
    assert_eq!(
        shown(&screen),
        shown(&Tui::open(store.clone(), today(), false))
    );
}

/// On the search thread the full screen uses, typing fast gives the hits a search made at
/// once gives, for the query as typed: a query superseded before its hits came is never
/// shown, and Enter opens a hit of what is typed.
#[test]
fn the_search_thread_shows_the_hits_of_what_is_typed_and_nothing_stale() {
    use mentorlog::app::searcher::Searcher;
    let (_d, store) = demo();
    let mut at_once = Tui::open(store.clone(), today(), false);
    let mut threaded = Tui::open(store, today(), false);
    threaded.app.searcher = Some(Searcher::start());
    for t in [&mut at_once, &mut threaded] {
        t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        // Typed without waiting for any hits.
        type_keys(t, "seating plx");
        t.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        type_keys(t, "an");
    }
    assert!(threaded.app.search_pending() || !search_hits(&threaded).is_empty());
    for _ in 0..100 {
        if !threaded.app.search_pending() {
            break;
        }
        threaded
            .app
            .poll_search(std::time::Duration::from_millis(50));
    }
    assert!(!threaded.app.search_pending());
    let hits = search_hits(&at_once);
    assert!(hits.iter().any(|h| h.0 == "goal"), "{hits:?}");
    assert_eq!(search_hits(&threaded), hits);
    // Enter right after a keystroke waits for that query's hits, then jumps.
    type_keys(&mut threaded, " ");
    threaded.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(threaded.overlays.is_empty(), "jumped");
    assert_eq!(threaded.app.tab, mentorlog::app::Tab::Goals);
    // A screen locked to a member keeps its search thread.
    threaded.lock_to_member("sam").unwrap();
    assert!(threaded.app.searcher.is_some());
}

/// The first frame summarises only the rows its list shows: with the partnership last on
/// screen far down, the list ends at it, and those above the window are only listed (so the
/// first frame costs the same on a journal of five hundred partnerships as on one of fifty).
#[test]
fn the_first_screen_summarises_only_the_rows_the_list_shows_around_the_one_kept() {
    let (_d, store) = demo();
    let ids = ids(&store);
    let t = Tui::open_shown(store.clone(), today(), Some(&ids[2]), 2);
    let r = t.reader();
    let ps = r.partnerships();
    assert!(ps[2].loaded(), "the one kept is read");
    assert!(
        !ps[1].loaded() && !ps[1].pending(),
        "the row above it is summarised"
    );
    assert!(ps[0].pending(), "above the window: only its folder");
}

/// Review mode on a screen that holds one partnership: its search reads the others for
/// the index alone, finds what review mode may see in them and never a private note, and
/// the screen still holds only the one it showed, made while idle or when / is pressed.
#[test]
fn review_mode_searches_partnerships_not_read_without_holding_them_or_their_private_notes() {
    let (_d, store) = demo();
    for idle in [false, true] {
        let mut t = Tui::open_shown(store.clone(), today(), None, 60);
        t.key(KeyEvent::new(KeyCode::Char('R'), KeyModifiers::NONE));
        assert!(t.app.review);
        if idle {
            while t
                .app
                .prepare_search(&t.journal, std::time::Duration::from_millis(1))
            {}
            assert!(t.app.search_index.is_some(), "made while idle");
        }
        t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        type_keys(&mut t, "overwhelmed by marking");
        assert!(search_hits(&t).is_empty(), "{:?}", search_hits(&t));
        t.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        t.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        type_keys(&mut t, "seating plan");
        let hits = search_hits(&t);
        let first = t.reader().get(0).unwrap().id().to_string();
        assert!(hits.iter().any(|h| h.1 != first), "{hits:?}");
        let mut w = Tui::open(store.clone(), today(), true);
        w.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        type_keys(&mut w, "seating plan");
        assert_eq!(
            hits,
            search_hits(&w),
            "as a screen that read everything finds"
        );
        assert_eq!(read(&t), [true, false, false], "still only the one shown");
    }
}
