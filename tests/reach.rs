//! Everything on screen can be reached: a pane or popup taller than the terminal scrolls
//! (j/k, PgDn/PgUp, g/G) and shows a scrollbar, recognition reasons wrap instead of being cut,
//! a meeting with notes of megabytes opens, scrolls and goes to its end, and the mouse clicks
//! tabs, rows and fields and scrolls what is under it (and is given back with the terminal).

use chrono::NaiveDate;
use mentorlog::app::{Anchor, Overlay, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::Meeting;
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::scroll::THUMB;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, none),
        "Esc" => (KeyCode::Esc, none),
        "PgDn" => (KeyCode::PageDown, none),
        "PgUp" => (KeyCode::PageUp, none),
        "Home" => (KeyCode::Home, none),
        "End" => (KeyCode::End, none),
        t if t.chars().count() == 1 => {
            let c = t.chars().next().unwrap();
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                none
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

/// The small demo with Sam Lee (the third partnership) selected, on a terminal of `w` x `h`.
fn demo_sam(w: u16, h: u16) -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    t.size = (w, h);
    keys(&mut t, "j j");
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    (dir, t)
}

fn draw(t: &Tui) -> Buffer {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let (w, h) = t.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    term.backend().buffer().clone()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn screen(t: &Tui) -> String {
    rows(&draw(t)).join("\n")
}

/// The symbols down column `x`, from row `y0` to `y1`.
fn column(buf: &Buffer, x: u16, y0: u16, y1: u16) -> String {
    (y0..y1).map(|y| buf[(x, y)].symbol()).collect()
}

/// Every row the pane shows while scrolling it from the top to the bottom with `j`.
fn scrolled_through(t: &mut Tui) -> Vec<String> {
    keys(t, "g");
    let mut seen: Vec<String> = Vec::new();
    let mut last = String::new();
    for _ in 0..200 {
        let s = screen(t);
        if s == last {
            break;
        }
        seen.extend(s.lines().map(str::to_string));
        last = s;
        keys(t, "j");
    }
    seen
}

#[test]
fn the_agreement_at_100x30_scrolls_to_the_end_of_the_evaluation() {
    let (_dir, mut t) = demo_sam(100, 30);
    keys(&mut t, "6");
    let top = draw(&t);
    let s = rows(&top).join("\n");
    assert!(s.contains("Pathway: role"), "{s}");
    assert!(!s.contains("useful part."), "fits at 100x30?\n{s}");
    // A scrollbar on the pane's right border says there is more.
    let right = 99;
    assert!(column(&top, right, 2, 28).contains(THUMB), "{s}");
    keys(&mut t, "G");
    let s = screen(&t);
    // The evaluation's last lines, the comments last of all.
    assert!(
        s.contains("We kept our logistical ground rules: 4 mostly"),
        "{s}"
    );
    assert!(s.contains("useful part."), "{s}");
    assert!(!s.contains("Pathway: role"), "{s}");
    // The last line of all: how to sign it.
    assert!(s.contains("K signs the agreement"), "{s}");
    // Further down does nothing; back up a row, a page, and to the top.
    keys(&mut t, "j PgDn");
    assert_eq!(screen(&t), s);
    keys(&mut t, "k");
    let up = screen(&t);
    assert_ne!(up, s);
    assert!(!up.contains("K signs the agreement"), "{up}");
    keys(&mut t, "PgUp Home");
    assert!(screen(&t).contains("Pathway: role"));
    // Another partnership starts at its top.
    keys(&mut t, "G h k");
    assert_eq!(t.scroll.agreement, Anchor::default());
}

#[test]
fn the_dashboard_at_80x24_reaches_the_monthly_chart_and_wraps_the_reasons() {
    let (_dir, mut t) = demo_sam(80, 24);
    keys(&mut t, "1");
    let first = screen(&t);
    assert!(!first.contains("Meetings per month"), "{first}");
    let seen = scrolled_through(&mut t);
    let all = seen.join("\n");
    assert!(all.contains("Meetings per month, last 12 months"), "{all}");
    assert!(all.contains("D  J  F  M  A  M  J  J  A  S  O  N"), "{all}");
    // The reasons are there in full, wrapped under their rule, not cut with "…".
    assert!(all.contains("thorough knowledge of QTS Standards"), "{all}");
    assert!(all.contains("working with good role models"), "{all}");
    assert!(!all.contains("Have a th…"), "{all}");
    assert!(
        !seen
            .iter()
            .any(|l| l.contains("rules:") && l.trim_end_matches([' ', '┃', '▐']).ends_with('…')),
        "{all}"
    );
    // At the end, the chart's month initials are the last rows on screen.
    keys(&mut t, "G");
    let end = screen(&t);
    let body: Vec<&str> = end.lines().collect();
    assert!(body[body.len() - 3].contains("D  J  F"), "{end}");
}

#[test]
fn a_pane_that_fits_has_no_scrollbar_and_does_not_scroll() {
    // Tall enough for Sam's whole dashboard (each recognition rule quotes its source).
    let (_dir, mut t) = demo_sam(140, 90);
    keys(&mut t, "1");
    let before = draw(&t);
    assert!(!column(&before, 139, 2, 88).contains(THUMB));
    keys(&mut t, "G j PgDn");
    assert_eq!(draw(&t), before);
    assert_eq!(t.scroll.dashboard, Anchor::default());
}

#[test]
fn help_shows_where_it_is_scrolled_to() {
    let (_dir, mut t) = demo_sam(80, 24);
    keys(&mut t, "?");
    let top = draw(&t);
    let right = top.area.width - 1;
    let bar = column(&top, right, 2, 22);
    assert!(bar.starts_with(THUMB) && !bar.ends_with(THUMB), "{bar:?}");
    keys(&mut t, "G");
    let end = draw(&t);
    let bar = column(&end, right, 2, 22);
    assert!(bar.ends_with(THUMB) && !bar.starts_with(THUMB), "{bar:?}");
    assert!(rows(&end).join("\n").contains("keymap.ron and theme.ron"));
}

// ----- a meeting with notes of megabytes -----

/// The demo with a meeting for Sam Lee whose notes are `lines` numbered lines (and one line
/// of a quarter of a megabyte with no line end), opened to read.
fn huge_meeting(lines: usize) -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let p = store.load().partnership("sam-lee").unwrap().clone();
    let mut notes = String::with_capacity(lines * 80 + 300_000);
    for i in 1..=lines {
        notes.push_str(&format!(
            "Line {i}: we talked about open questions and how pupils explain their reasoning.\n"
        ));
    }
    notes.push_str(&"unbroken".repeat(32 * 1024));
    notes.push_str("\nThe very last line of the notes.");
    let mut m = Meeting::new("huge01".into(), today());
    m.focus = "A very long meeting".into();
    m.notes = notes;
    store.create_meeting(&p, &m).unwrap();
    let mut t = Tui::open(store, today(), false);
    t.size = (80, 24);
    keys(&mut t, "j j 2");
    let at = t
        .meetings()
        .iter()
        .position(|m| m.value.id == "huge01")
        .unwrap();
    keys(&mut t, &vec!["j"; at].join(" "));
    keys(&mut t, "Enter");
    assert!(matches!(t.overlays.last(), Some(Overlay::Meeting { .. })));
    (dir, t)
}

#[test]
fn a_meeting_with_notes_of_megabytes_opens_scrolls_and_goes_to_its_end() {
    // 100,000 lines (8 MB) and a line of 256 KB: enough to take seconds a key when the
    // notes were copied and wrapped whole each frame.
    let (_dir, mut t) = huge_meeting(100_000);
    let s = screen(&t);
    assert!(s.contains("A very long meeting"), "{s}");
    assert!(s.contains("Line 1: we talked"), "{s}");
    // Five rows down: the date, the focus, a blank and Line 1 (two rows) are above.
    keys(&mut t, "j j j j j");
    let s = screen(&t);
    assert!(
        s.lines().nth(2).unwrap().contains("Line 2: we talked"),
        "{s}"
    );
    assert!(!s.contains("Line 1: we talked"), "{s}");
    keys(&mut t, "G");
    let end = screen(&t);
    assert!(end.contains("The very last line of the notes."), "{end}");
    assert!(end.contains("unbroken"), "{end}");
    assert!(!end.contains("Line 1:"), "{end}");
    // Up from the end into the long line, then a page up: still the long line, cut in rows.
    keys(&mut t, "k k k PgUp");
    let s = screen(&t);
    assert!(s.contains("unbroken"), "{s}");
    assert!(!s.contains("The very last line"), "{s}");
    // Back through the long line to the numbered lines before it, a page at a time.
    let mut pages = 0;
    while !screen(&t).contains("Line 100000: we talked") {
        keys(&mut t, "PgUp");
        pages += 1;
        assert!(pages < 1000, "{}", screen(&t));
    }
    // 256 KB of one word at 74 columns is some 3,500 rows: 20 rows a page.
    assert!((150..200).contains(&pages), "{pages}");
    keys(&mut t, "g");
    assert!(screen(&t).contains("Line 1: we talked"));
    // The scrollbar is at the top; G takes it to the bottom.
    let right = 80 - 3;
    let buf = draw(&t);
    assert_eq!(buf[(right, 2)].symbol(), THUMB, "{}", rows(&buf).join("\n"));
    keys(&mut t, "G");
    let buf = draw(&t);
    assert_eq!(
        buf[(right, 21)].symbol(),
        THUMB,
        "{}",
        rows(&buf).join("\n")
    );
}

#[test]
fn notes_too_long_for_the_form_say_so_and_stay_open_to_read() {
    let (dir, mut t) = huge_meeting(2_000);
    keys(&mut t, "e");
    // The view stays, and the status bar says why and where the file is.
    assert!(matches!(t.overlays.last(), Some(Overlay::Meeting { .. })));
    let said = t.status.clone().unwrap();
    assert!(said.error);
    assert!(
        said.text.contains("more than a form edits (128 KB)"),
        "{}",
        said.text
    );
    assert!(
        said.text.contains("partnerships/sam-lee/meetings/"),
        "{}",
        said.text
    );
    // From the list, too; nothing is written.
    keys(&mut t, "Esc e");
    assert!(t.overlays.is_empty());
    assert!(t.status.clone().unwrap().text.contains("The notes: 0.4 MB"));
    assert_eq!(t.tab, Tab::Meetings);
    let meetings = dir.path().join("j/partnerships/sam-lee/meetings");
    let n = std::fs::read_dir(meetings).unwrap().count();
    keys(&mut t, "Enter e Esc");
    assert_eq!(
        std::fs::read_dir(dir.path().join("j/partnerships/sam-lee/meetings"))
            .unwrap()
            .count(),
        n
    );
}

#[test]
fn a_paste_too_long_for_a_form_is_refused() {
    let (_dir, mut t) = demo_sam(80, 24);
    keys(&mut t, "2 n");
    let before = match t.overlays.last() {
        Some(Overlay::Form(f)) => f.fields[f.focus].value(),
        other => panic!("{other:?}"),
    };
    t.paste(&"x".repeat(2 << 20));
    match t.overlays.last() {
        Some(Overlay::Form(f)) => assert_eq!(f.fields[f.focus].value(), before),
        other => panic!("{other:?}"),
    }
    assert!(
        t.status
            .clone()
            .unwrap()
            .text
            .contains("nothing was pasted")
    );
}

#[test]
fn a_reflection_of_megabytes_shows_its_start_opens_to_its_end_and_is_not_put_in_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let p = store.load().partnership("sam-lee").unwrap().clone();
    let text = "I asked more open questions this week. ".repeat(50_000) + "\nLast words.";
    let r = mentorlog::model::Reflection {
        by: Default::default(),
        version: mentorlog::model::SCHEMA_VERSION,
        id: "huge02".into(),
        date: today(),
        author: mentorlog::model::Role::Mentor,
        prompt: None,
        text,
        attachment: None,
        private: false,
    };
    store.create_reflection(&p, &r).unwrap();
    let mut t = Tui::open(store, today(), false);
    t.size = (80, 24);
    keys(&mut t, "j j 5");
    let at = t
        .reflection_rows()
        .iter()
        .position(|r| matches!(r, mentorlog::app::ReflRow::Reflection(x) if x.value.id == "huge02"))
        .unwrap();
    keys(&mut t, &vec!["j"; at].join(" "));
    // The details below the list show its start, and say there is more.
    let s = screen(&t);
    assert!(s.contains("I asked more open questions"), "{s}");
    assert!(s.contains("more: Enter opens"), "{s}");
    keys(&mut t, "Enter G");
    assert!(matches!(
        t.overlays.last(),
        Some(Overlay::Reflection { .. })
    ));
    assert!(screen(&t).contains("Last words."));
    keys(&mut t, "e");
    assert!(matches!(
        t.overlays.last(),
        Some(Overlay::Reflection { .. })
    ));
    assert!(
        t.status
            .clone()
            .unwrap()
            .text
            .contains("The reflection: 2.0 MB")
    );
}

// ----- the mouse -----

/// Draw as the event loop does, keeping where things went for the mouse.
fn frame(t: &mut Tui) -> Vec<String> {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let (w, h) = t.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.frame(f, &view)).unwrap();
    rows(term.backend().buffer())
}

fn mouse(t: &mut Tui, kind: MouseEventKind, x: u16, y: u16) {
    t.mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    frame(t);
}

fn click(t: &mut Tui, x: u16, y: u16) {
    mouse(t, MouseEventKind::Down(MouseButton::Left), x, y);
}

/// The column and row where `text` is first seen on screen (in cells).
fn find(screen: &[String], text: &str) -> (u16, u16) {
    for (y, row) in screen.iter().enumerate() {
        if let Some(i) = row.find(text) {
            let x = row[..i].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{}", screen.join("\n"));
}

#[test]
fn a_click_selects_a_tab_a_row_or_a_field_and_only_the_top_popup_takes_it() {
    let (_dir, mut t) = demo_sam(80, 24);
    let s = frame(&mut t);
    // A tab.
    let (x, y) = find(&s, "Meetings");
    click(&mut t, x + 2, y);
    assert_eq!((t.tab, t.pane), (Tab::Meetings, mentorlog::app::Pane::Main));
    // A partnership in the list: focused and chosen, its panes from their top.
    let s = frame(&mut t);
    let (x, y) = find(&s, "Alex Morgan");
    click(&mut t, x, y);
    assert_eq!(t.partner().unwrap().id(), "alex-morgan");
    assert_eq!(t.pane, mentorlog::app::Pane::Sidebar);
    let s = frame(&mut t);
    let (x, y) = find(&s, "Sam Lee");
    click(&mut t, x, y);
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    // The third meeting in the table (under its header): chosen, and the pane focused.
    let s = frame(&mut t);
    let (_, header) = find(&s, "Date");
    click(&mut t, 40, header + 3);
    assert_eq!(t.meeting_cursor, 2);
    assert_eq!(t.pane, mentorlog::app::Pane::Main);
    // A row past the end of a list chooses nothing new.
    click(&mut t, 40, 22);
    assert!(t.meeting_cursor < t.meetings().len());
    // A field of a form; a click outside the form does nothing.
    keys(&mut t, "n");
    let s = frame(&mut t);
    let (x, y) = find(&s, "Focus");
    click(&mut t, x + 20, y);
    match t.overlays.last() {
        Some(Overlay::Form(f)) => assert_eq!(f.fields[f.focus].label, "Focus"),
        other => panic!("{other:?}"),
    }
    let (x, y) = find(&s, "Goals");
    click(&mut t, x, y);
    assert_eq!(t.tab, Tab::Meetings);
    assert!(matches!(t.overlays.last(), Some(Overlay::Form(_))));
}

#[test]
fn the_wheel_scrolls_what_is_under_the_pointer_whatever_is_focused() {
    let (_dir, mut t) = demo_sam(80, 24);
    keys(&mut t, "1 h");
    assert_eq!(t.pane, mentorlog::app::Pane::Sidebar);
    frame(&mut t);
    // Over the dashboard: it scrolls; the list keeps the focus and its choice.
    mouse(&mut t, MouseEventKind::ScrollDown, 50, 10);
    let once = t.scroll.dashboard;
    assert_ne!(once, Anchor::default());
    mouse(&mut t, MouseEventKind::ScrollDown, 50, 10);
    assert!(t.scroll.dashboard > once);
    assert_eq!(t.pane, mentorlog::app::Pane::Sidebar);
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    let s = frame(&mut t).join("\n");
    assert!(!s.contains("induction · role"), "{s}");
    for _ in 0..2 {
        mouse(&mut t, MouseEventKind::ScrollUp, 50, 10);
    }
    assert_eq!(t.scroll.dashboard, Anchor::default());
    // Over the list: its cursor moves.
    mouse(&mut t, MouseEventKind::ScrollUp, 5, 5);
    assert_eq!(t.partner().unwrap().id(), "priya-shah");
    // Over the meetings table, with the list focused: the table's cursor moves.
    keys(&mut t, "j 2 h");
    frame(&mut t);
    mouse(&mut t, MouseEventKind::ScrollDown, 50, 10);
    assert_eq!(t.meeting_cursor, 1);
    // Over a popup (the help): the popup scrolls, not what is below it; outside it, nothing.
    keys(&mut t, "?");
    frame(&mut t);
    mouse(&mut t, MouseEventKind::ScrollDown, 40, 10);
    match t.overlays.last() {
        Some(Overlay::Help { scroll }) => assert_ne!(*scroll, Anchor::default()),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.meeting_cursor, 1);
    keys(&mut t, "Esc 6");
    let s = frame(&mut t);
    let (x, y) = find(&s, "Outcomes for the mentee");
    mouse(&mut t, MouseEventKind::ScrollDown, x, y);
    assert_ne!(t.scroll.agreement, Anchor::default());
}

#[test]
fn config_ron_turns_the_mouse_off_and_says_what_is_wrong_with_it() {
    use mentorlog::tui::Config;
    assert!(!Config::parse("(mouse: false)").unwrap().mouse);
    assert!(Config::parse("(mouse: true)").unwrap().mouse);
    assert!(Config::parse("()").unwrap().mouse);
    let e = Config::parse("(mouse: maybe)").unwrap_err();
    assert!(e.starts_with("config.ron:1:"), "{e}");
    let e = Config::parse("(mice: false)").unwrap_err();
    assert!(e.contains("mice"), "{e}");
    use clap::Parser;
    let cli = mentorlog::cli::Cli::try_parse_from(["mentorlog", "--no-mouse"]).unwrap();
    assert!(cli.no_mouse);
    let cli = mentorlog::cli::Cli::try_parse_from(["mentorlog"]).unwrap();
    assert!(!cli.no_mouse);
}

/// What mentorlog's full screen asked of a real terminal (a pty, through `script`), with these
/// arguments, settings and keys: the private modes it set (`h`) and reset (`l`), in order.
fn terminal_modes(args: &str, config: Option<&str>, keys: &[&str]) -> Option<Vec<String>> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` (util-linux) here: the pty test is skipped");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("j");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .arg("--data-dir")
        .arg(&data)
        .arg("demo")
        .output()
        .unwrap();
    assert!(status.status.success());
    let conf = dir.path().join("config");
    std::fs::create_dir_all(conf.join("mentorlog")).unwrap();
    if let Some(c) = config {
        std::fs::write(conf.join("mentorlog/config.ron"), c).unwrap();
    }
    let log = dir.path().join("typescript");
    let cmd = format!(
        "{} --data-dir {} {args}",
        env!("CARGO_BIN_EXE_mentorlog"),
        data.display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-q", "-f", "-e", "-c", &cmd])
        .arg(&log)
        .env("XDG_CONFIG_HOME", &conf)
        .env("EDITOR", "true")
        .env("TERM", "xterm-256color")
        .env_remove("MENTORLOG_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for k in keys {
        std::thread::sleep(std::time::Duration::from_millis(700));
        use std::io::Write;
        stdin.write_all(k.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "mentorlog did not quit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let bytes = std::fs::read(&log).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut modes = Vec::new();
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\u{1b}[?") {
        rest = &rest[i + 3..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Some(c) = rest[n.len()..]
            .chars()
            .next()
            .filter(|c| *c == 'h' || *c == 'l')
        {
            modes.push(format!("{n}{c}"));
        }
    }
    Some(modes)
}

/// The mouse modes (1000: clicks) set and reset, in order.
fn mouse_modes(modes: &[String]) -> Vec<&str> {
    modes
        .iter()
        .map(String::as_str)
        .filter(|m| m.starts_with("1000"))
        .collect()
}

#[test]
fn the_mouse_is_taken_with_the_terminal_and_given_back_on_quit_and_for_the_editor() {
    // q quits; before that, Ctrl-e in a new meeting's first field runs $EDITOR (`true`), and
    // Esc y lets the form go.
    let Some(modes) = terminal_modes("", None, &["2", "n", "\u{5}", "\u{1b}", "y", "q"]) else {
        return;
    };
    assert_eq!(
        mouse_modes(&modes),
        ["1000h", "1000l", "1000h", "1000l"],
        "{modes:?}"
    );
    // Bracketed paste is given back as well, last of all the screen.
    assert_eq!(modes.last().map(String::as_str), Some("1049l"), "{modes:?}");
    assert!(modes.contains(&"2004l".to_string()), "{modes:?}");
}

#[test]
fn no_mouse_and_config_ron_leave_the_terminal_its_selection() {
    let Some(modes) = terminal_modes("--no-mouse", None, &["q"]) else {
        return;
    };
    assert!(
        mouse_modes(&modes).iter().all(|m| m.ends_with('l')),
        "{modes:?}"
    );
    assert!(modes.contains(&"1049h".to_string()), "{modes:?}");
    let Some(modes) = terminal_modes("", Some("(mouse: false)"), &["q"]) else {
        return;
    };
    assert!(
        mouse_modes(&modes).iter().all(|m| m.ends_with('l')),
        "{modes:?}"
    );
}

#[test]
fn a_click_chooses_an_action_item_and_the_wheel_moves_through_them() {
    let (_dir, mut t) = demo_sam(100, 30);
    keys(&mut t, "7 l f");
    let n = t.action_rows(&t.reader()).len();
    assert!(n > 3, "{n}");
    let s = frame(&mut t);
    let (_, header) = find(&s, "Owner");
    click(&mut t, 40, header + 3);
    assert_eq!(t.actions.cursor, 2);
    let (x, y) = find(&frame(&mut t), "Owner");
    mouse(&mut t, MouseEventKind::ScrollDown, x, y + 2);
    assert_eq!(t.actions.cursor, 3);
}
