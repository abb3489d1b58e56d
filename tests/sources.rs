//! What the sources give, shipped and used: CUREE's core concepts to read, LJMU's checklists
//! printed with their words, the LSIS criteria for being mentored beside a new partnership,
//! the LSIS reporting rhythm as a meeting cadence, and the ScotELAs agreement prompts beside
//! the agreement form. The texts themselves are checked against the seed documents in the
//! `framework_*` tests; here they are checked to reach the screen and the command line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mentorlog::framework::FrameworkSet;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const TODAY: &str = "2026-11-23";

// ---------------------------------------------------------------- the command line

fn tmp() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("journal");
    (t, dir)
}

fn ml(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", TODAY)
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .env("VISUAL", "false");
    c
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let a = ml(dir).args(args).assert().success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn framework_show_curee_prints_the_core_concepts_paragraph_by_paragraph() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "show", "curee"]);
    let set = FrameworkSet::bundled();
    let p = set.get("curee").unwrap().passage("core-concepts").unwrap();
    let at = out
        .find("\nCore concepts [core-concepts]\n")
        .expect("the passage's heading");
    let printed: Vec<&str> = out[at..].lines().collect();
    // Every paragraph and list entry, whole, on a line of its own, in order.
    let mut from = 0;
    for line in p.text.lines().filter(|l| !l.is_empty()) {
        let found = printed[from..]
            .iter()
            .position(|l| *l == format!("  {line}"))
            .unwrap_or_else(|| panic!("{line:?} is printed after the one before it"));
        from += found + 1;
    }
    assert!(out.contains(
        "\n  Mentoring for Challenge is used to enable professional learners to address \
         significant issues that may inhibit progress.\n"
    ));
    assert!(out.contains("\n  1. identifying learning goals and supporting progression\n"));
    // And in the JSON, beside the sections.
    let v: Value =
        serde_json::from_str(&ok(&dir, &["framework", "show", "curee", "--json"])).unwrap();
    assert_eq!(v["passages"][0]["id"], "core-concepts");
    assert_eq!(v["passages"][0]["text"], p.text.as_str());
    // A framework without passages has none in its JSON.
    let v: Value =
        serde_json::from_str(&ok(&dir, &["framework", "show", "mcf", "--json"])).unwrap();
    assert!(v.get("passages").is_none());
}

#[test]
fn framework_show_ljmu_prints_each_checklist_row_with_its_words() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "show", "ljmu"]);
    let set = FrameworkSet::bundled();
    let ljmu = set.get("ljmu").unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let mut refs = 0;
    for (_, item) in ljmu.items() {
        let Some(r) = &item.reference else { continue };
        refs += 1;
        let (f, i) = r.split_once('/').unwrap();
        let words = set.get(f).unwrap().item(i).unwrap().text.as_str();
        let head = format!("- ljmu/{} (= {r})", item.id);
        let at = lines
            .iter()
            .position(|l| l.trim() == head)
            .unwrap_or_else(|| panic!("{head:?} is printed"));
        for (n, w) in words.lines().enumerate() {
            assert_eq!(lines[at + 1 + n].trim(), w, "the words of {r} under {head}");
        }
    }
    assert_eq!(refs, 50, "every CUREE checklist row of the three stages");
    // No row is a bare address any more.
    assert!(
        !lines.iter().any(|l| l.trim().starts_with("curee/")),
        "{out}"
    );
}

// ---------------------------------------------------------------- the full-screen journal

use chrono::NaiveDate;
use mentorlog::app::Overlay;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "BTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Right" => (KeyCode::Right, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
        "C-g" => (KeyCode::Char('g'), KeyModifiers::CONTROL),
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

/// The small demo, with the `n`th partnership (0: Alex Morgan, 1: Priya Shah, 2: Sam Lee)
/// selected.
fn demo(n: usize) -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    for _ in 0..n {
        keys(&mut t, "j");
    }
    (dir, t)
}

/// The screen as text, one row a line.
fn screen(t: &Tui, w: u16, h: u16) -> String {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The screen's text with the borders and line breaks taken out, words single-spaced, so
/// wrapped text can be looked for whole.
fn words(t: &Tui, w: u16, h: u16) -> String {
    let s = screen(t, w, h);
    let text: String = s
        .lines()
        .map(|l| {
            // The popup's text sits between its borders (the scrollbar's thumb is drawn on
            // the right one).
            let l = l.replace('▐', "│");
            let inner: Vec<&str> = l.split('│').collect();
            inner.get(2).copied().unwrap_or("").trim().to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn status(t: &Tui) -> String {
    t.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn r_in_the_checklists_reads_the_core_concepts_and_scrolls_to_their_end() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "4 r");
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Passages { framework, .. }) if framework == "curee"),
        "{:?}",
        t.overlays
    );
    let set = FrameworkSet::bundled();
    let text = &set
        .get("curee")
        .unwrap()
        .passage("core-concepts")
        .unwrap()
        .text;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let top = words(&t, 80, 24);
    assert!(top.contains("Core concepts"), "{top}");
    assert!(top.contains(paragraphs[0]), "{top}");
    assert!(top.contains(paragraphs[1]), "{top}");
    assert!(!top.contains(paragraphs[27]));
    // The end of the last paragraph can be scrolled to, and no further.
    for size in [(80, 24), (140, 40)] {
        t.size = size;
        keys(&mut t, "G");
        let bottom = words(&t, size.0, size.1);
        assert!(bottom.contains(paragraphs[27]), "{size:?}: {bottom}");
        keys(&mut t, "g");
    }
    keys(&mut t, "Esc");
    assert!(t.overlays.is_empty());
}

#[test]
fn ljmu_reads_the_core_concepts_of_the_curee_skills_it_reuses_and_tla_has_none() {
    // Sam Lee uses curee and ljmu: c picks LJMU, whose checklists reuse CUREE's skills.
    let (_dir, mut t) = demo(2);
    keys(&mut t, "4 c Down Enter r");
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Passages { framework, .. }) if framework == "ljmu"),
        "{:?}",
        t.overlays
    );
    let shown = words(&t, 140, 40);
    assert!(
        shown.contains("CUREE National Framework for Mentoring and Coaching Core concepts"),
        "{shown}"
    );
    assert!(
        shown.contains("Mentoring is a structured, sustained process"),
        "{shown}"
    );
    keys(&mut t, "Esc");
    // Priya Shah uses curee and tla: the TLA rubric has nothing beyond its items.
    let (_dir, mut t) = demo(1);
    keys(&mut t, "4 c Down Enter r");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    assert!(
        status(&t).contains("has nothing to read beyond its items"),
        "{}",
        status(&t)
    );
}

#[test]
fn the_checklists_key_to_read_is_in_the_help_and_the_status_bar() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "4");
    assert!(screen(&t, 140, 40).contains(" r read "));
    keys(&mut t, "?");
    let help = screen(&t, 140, 120);
    assert!(
        help.contains("read the text beyond the items (CUREE's core concepts)"),
        "{help}"
    );
}

/// The text inside the box whose top border carries `title` (e.g. " Criteria "), its rows
/// joined and single-spaced; empty when there is no such box.
fn boxed(t: &Tui, w: u16, h: u16, title: &str) -> String {
    let s = screen(t, w, h);
    let rows: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let Some((top, x0)) = rows.iter().enumerate().find_map(|(y, r)| {
        let line: String = r.iter().collect();
        let at = line.find(&format!("┌{title}"))?;
        Some((y, line[..at].chars().count()))
    }) else {
        return String::new();
    };
    let x1 = (x0 + 1..rows[top].len())
        .find(|x| rows[top][*x] == '┐')
        .unwrap();
    let mut text = Vec::new();
    for r in &rows[top + 1..] {
        if r[x0] == '└' {
            break;
        }
        text.push(r[x0 + 1..x1].iter().collect::<String>());
    }
    normalise(&text.join(" "))
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bank(id: &str) -> mentorlog::framework::prompts::PromptBank {
    mentorlog::framework::prompts::bundled_prompts()
        .bank(id)
        .unwrap_or_else(|| panic!("no bank {id}"))
        .clone()
}

fn top_form(t: &Tui) -> &mentorlog::app::form::Form {
    t.overlays
        .iter()
        .rev()
        .find_map(|o| match o {
            Overlay::Form(f) => Some(f.as_ref()),
            _ => None,
        })
        .expect("a form")
}

fn focused(t: &Tui) -> String {
    let f = top_form(t);
    f.fields[f.focus].label.clone()
}

/// Tab to the field labelled `label`.
fn tab_to(t: &mut Tui, label: &str) {
    for _ in 0..20 {
        if focused(t) == label {
            return;
        }
        keys(t, "Tab");
    }
    panic!("no field {label}");
}

#[test]
fn a_new_partnership_shows_the_lsis_criteria_for_being_mentored_beside_it() {
    let criteria = bank("criteria-for-being-mentored");
    let (_dir, mut t) = demo(0);
    keys(&mut t, "N");
    let aside = top_form(&t)
        .aside
        .clone()
        .expect("the criteria beside the form");
    assert_eq!(aside.lines, criteria.prompts);
    assert_eq!(aside.intro, criteria.description);
    assert_eq!(aside.title, "LSIS: Criteria for being mentored");
    // Wide: beside the form, whole, whichever field has the focus.
    for field in ["Name", "Kind", "Start date"] {
        tab_to(&mut t, field);
        let beside = boxed(&t, 140, 40, " Criteria ");
        assert!(
            beside.starts_with("LSIS: Criteria for being mentored"),
            "{beside}"
        );
        assert!(
            beside.contains(criteria.description.as_deref().unwrap()),
            "{beside}"
        );
        for c in &criteria.prompts {
            assert!(
                beside.contains(&format!("· {c}")),
                "{field}: {c:?} in {beside}"
            );
        }
    }
    // Narrow: not beside, Ctrl-g shows them in a popup that scrolls, Esc goes back.
    assert_eq!(boxed(&t, 80, 24, " Criteria "), "");
    assert!(
        screen(&t, 80, 24).contains("The LSIS criteria"),
        "the form's hint says so"
    );
    keys(&mut t, "C-g");
    assert!(matches!(t.overlays.last(), Some(Overlay::Agenda { .. })));
    let popup = boxed(&t, 80, 24, " Criteria (Esc back to the form) ");
    assert!(
        popup.contains(&format!("· {}", criteria.prompts[0])),
        "{popup}"
    );
    t.size = (80, 24);
    keys(&mut t, "G");
    let end = boxed(&t, 80, 24, " Criteria (Esc back to the form) ");
    assert!(end.ends_with(criteria.prompts[3].as_str()), "{end}");
    keys(&mut t, "Esc");
    assert!(matches!(t.overlays.last(), Some(Overlay::Form(_))));
    // Saving does not write them anywhere: they guide the choice, they are not a record.
    tab_to(&mut t, "Name");
    t.paste("Robin Ellis");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let p = t.partner().expect("the new partnership");
    assert_eq!(p.name(), "Robin Ellis");
    // Editing a partnership that has started shows no criteria.
    keys(&mut t, "h e");
    assert!(top_form(&t).aside.is_none());
}

#[test]
fn partner_add_help_lists_the_lsis_criteria_for_being_mentored() {
    let (_t, dir) = tmp();
    let help = normalise(&ok(&dir, &["partner", "add", "--help"]));
    let criteria = bank("criteria-for-being-mentored");
    assert!(help.contains("criteria for being mentored (3.1)"), "{help}");
    assert!(
        help.contains(criteria.description.as_deref().unwrap()),
        "{help}"
    );
    for c in &criteria.prompts {
        assert!(help.contains(&format!("- {c}")), "{c:?} in {help}");
    }
    // The short help points there.
    let short = ok(&dir, &["partner", "add", "-h"]);
    assert!(short.contains("--help` lists the LSIS criteria"), "{short}");
    assert!(!short.contains(&criteria.prompts[0]));
}

/// (field of the agreement form, the bank shown beside it)
const AGREEMENT_PARTS: &[(&str, &str)] = &[
    ("Pathway", "agreement-focus"),
    ("Focus (expertise pathway)", "agreement-focus"),
    ("Outcomes (one a line)", "agreement-outcomes"),
    ("Mentee's responsibilities", "agreement-mentee"),
    ("Mentor's responsibilities", "agreement-mentor"),
    ("Ground rules for tone", "agreement-tone"),
    ("Logistical ground rules", "agreement-logistics"),
];

#[test]
fn each_part_of_the_agreement_form_shows_what_scotelas_asks_of_it() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "6 e");
    let mut consider = 0;
    for (field, id) in AGREEMENT_PARTS {
        tab_to(&mut t, field);
        let b = bank(id);
        let now = top_form(&t).aside_now().unwrap().clone();
        assert_eq!(
            (now.title.as_str(), &now.lines),
            (b.title.as_str(), &b.prompts),
            "{field}"
        );
        let beside = boxed(&t, 140, 40, " Guidance ");
        assert!(beside.starts_with(&b.title), "{field}: {beside}");
        for part in b.description.iter().flat_map(|d| d.split("\n\n")) {
            assert!(
                beside.contains(&normalise(part)),
                "{field}: {part:?} in {beside}"
            );
        }
        for p in &b.prompts {
            assert!(
                beside.contains(&format!("· {p}")),
                "{field}: {p:?} in {beside}"
            );
        }
        if *field != "Focus (expertise pathway)"
            && b.description
                .as_deref()
                .is_some_and(|d| d.ends_with("You might want to consider:"))
        {
            consider += b.prompts.len();
        }
        // Narrow: Ctrl-g shows the same part.
        keys(&mut t, "C-g");
        let popup = boxed(&t, 80, 40, " Guidance (Esc back to the form) ");
        assert!(popup.starts_with(&b.title), "{field}: {popup}");
        if let Some(last) = b.prompts.last() {
            assert!(popup.ends_with(&format!("· {last}")), "{field}: {popup}");
        }
        keys(&mut t, "Esc");
    }
    assert_eq!(
        consider, 18,
        "the eighteen prompts to consider, each beside its part"
    );
    // On a field no part guides (the dates): beside, the parts' requests; with Ctrl-g, every
    // part in full.
    tab_to(&mut t, "Agreed by the mentee");
    let beside = boxed(&t, 140, 40, " Guidance ");
    assert!(
        beside.starts_with("The ScotELAs mentoring agreement, part by part"),
        "{beside}"
    );
    for (_, id) in AGREEMENT_PARTS {
        assert!(
            beside.contains(&format!("· {}", bank(id).title)),
            "{id}: {beside}"
        );
    }
    keys(&mut t, "C-g");
    let all = boxed(&t, 80, 100, " Guidance (Esc back to the form) ");
    for (_, id) in AGREEMENT_PARTS {
        for p in bank(id).prompts {
            assert!(all.contains(&format!("· {p}")), "{id}: {p:?}");
        }
    }
    keys(&mut t, "Esc Esc");
    assert!(
        t.overlays.is_empty(),
        "nothing typed: the form closes: {:?}",
        t.overlays
    );
}

// ---------------------------------------------------------------- the LSIS rhythm

fn status_of(dir: &Path, id: &str) -> Value {
    let v: Value = serde_json::from_str(&ok(dir, &["status", "--json"])).unwrap();
    v["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v}"))
        .clone()
}

/// A partnership on the LSIS rhythm that started on `start` and met on `met`; today is
/// 2026-11-23. Returns (overdue, next meeting due).
fn lsis_case(dir: &Path, name: &str, start: &str, met: &[&str]) -> (bool, Value) {
    ok(
        dir,
        &[
            "partner",
            "add",
            name,
            "--cadence",
            "lsis",
            "--start",
            start,
        ],
    );
    let id = name.to_lowercase();
    for date in met {
        ok(dir, &["log", "--with", &id, "--date", date, "Met."]);
    }
    let s = status_of(dir, &id);
    assert_eq!(s["rhythm"], "lsis");
    (
        s["cadence_overdue"].as_bool().unwrap(),
        s["next_meeting_due"].clone(),
    )
}

#[test]
fn the_lsis_rhythm_is_a_cadence_counted_from_the_start_date() {
    let (_t, dir) = tmp();
    // The first month, no meeting yet: a fortnight from the start. Day 14 is on time, day 15
    // is late.
    assert_eq!(
        lsis_case(&dir, "Day14", "2026-11-09", &[]),
        (false, "2026-11-23".into())
    );
    assert_eq!(
        lsis_case(&dir, "Day15", "2026-11-08", &[]),
        (true, "2026-11-22".into())
    );
    // A meeting late in the first month (which ends on 16 November, the start on 16 October)
    // still wants the next within 14 days.
    assert_eq!(
        lsis_case(&dir, "Late", "2026-10-16", &["2026-11-09"]),
        (false, "2026-11-23".into())
    );
    // After the first month, a calendar month: 23 October wants the next by 23 November (31
    // days; 30 would be late today), 22 October by 22 November.
    assert_eq!(
        lsis_case(&dir, "Month", "2026-09-15", &["2026-09-20", "2026-10-23"]),
        (false, "2026-11-23".into())
    );
    assert_eq!(
        lsis_case(&dir, "Over", "2026-09-15", &["2026-10-22"]),
        (true, "2026-11-22".into())
    );
    // The 31st: the last day of a shorter month.
    assert_eq!(
        lsis_case(&dir, "Short", "2026-09-01", &["2026-10-31"]),
        (false, "2026-11-30".into())
    );
    // The status says it in words; an every-N-days partnership keeps its own.
    let out = ok(&dir, &["status", "--with", "day15"]);
    assert!(
        out.contains(
            "OVERDUE: a meeting was due by 2026-11-22, by the LSIS rhythm (once a \
                      fortnight for the first month, and once a month thereafter)"
        ),
        "{out}"
    );
    let out = ok(&dir, &["status", "--with", "month"]);
    assert!(
        out.contains("next meeting by 2026-11-23, by the LSIS rhythm"),
        "{out}"
    );
}

#[test]
fn partner_add_and_edit_take_cadence_lsis_or_days() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["partner", "add", "Sam Lee", "--cadence", "lsis"]);
    assert!(
        out.contains("the LSIS rhythm: once a fortnight for the first month"),
        "{out}"
    );
    let file = dir.join("partnerships/sam-lee/partnership.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("cadence_days: 14,\n    rhythm: Lsis,"),
        "{text}"
    );
    // Back to every N days: the rhythm leaves the file, as in every file before it existed.
    let out = ok(&dir, &["partner", "edit", "sam", "--cadence", "10"]);
    assert!(out.contains("a meeting every 10 days"), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("cadence_days: 10,") && !text.contains("rhythm"),
        "{text}"
    );
    // And LSIS again keeps the days for another return; the case does not matter.
    ok(&dir, &["partner", "edit", "sam", "--cadence", "LSIS"]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("cadence_days: 10,\n    rhythm: Lsis,"),
        "{text}"
    );
    let v: Value = serde_json::from_str(&ok(&dir, &["partner", "list", "--json"])).unwrap();
    assert_eq!(v["partnerships"][0]["rhythm"], "lsis");
    // Anything else is refused, saying what is taken.
    let a = ml(&dir)
        .args(["partner", "add", "Jo", "--cadence", "monthly"])
        .assert()
        .failure();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("'monthly' is neither a number of days nor lsis"),
        "{err}"
    );
    let help = ok(&dir, &["partner", "edit", "--help"]);
    assert!(help.contains("--cadence <DAYS|lsis>"), "{help}");
}

#[test]
fn the_partnership_form_chooses_the_lsis_rhythm_and_the_dashboard_counts_by_it() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "N");
    t.paste("Robin Ellis");
    tab_to(&mut t, "Cadence");
    assert!(screen(&t, 80, 24).contains("◂ every N days (below) ▸"));
    keys(&mut t, "Right");
    // In the guide's words, whole, wrapped where the form is narrow.
    let f = top_form(&t);
    assert_eq!(f.choice("Cadence"), 1);
    for (w, h) in [(80, 24), (140, 40)] {
        assert!(screen(&t, w, h).contains("month thereafter ▸"), "{w}x{h}");
    }
    let narrow = screen(&t, 80, 24);
    assert!(
        narrow.contains("◂ LSIS: once a fortnight for the first month, and once a")
            && narrow.contains("month thereafter ▸"),
        "{narrow}"
    );
    tab_to(&mut t, "Start date");
    // Started 15 days ago: the first fortnight is past.
    let f = top_form(&t);
    let n = f.fields[f.focus].value().chars().count();
    for _ in 0..n {
        t.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    t.paste("2026-11-08");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let p = t.partner().unwrap();
    assert_eq!(p.partnership().rhythm, mentorlog::model::Rhythm::Lsis);
    assert!(p.meeting_overdue(today()));
    let dash = screen(&t, 80, 24);
    assert!(
        dash.contains("! 15 days; LSIS rhythm: due 2026-11-22"),
        "{dash}"
    );
    // The form opens on the rhythm chosen; back to every N days (20), it is on track.
    keys(&mut t, "h e");
    tab_to(&mut t, "Cadence");
    assert!(screen(&t, 80, 24).contains("◂ LSIS: once a fortnight"));
    keys(&mut t, "Right Tab");
    let f = top_form(&t);
    let n = f.fields[f.focus].value().chars().count();
    for _ in 0..n {
        t.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    t.paste("20");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let p = t.partner().unwrap();
    assert_eq!(
        p.partnership().cadence(),
        mentorlog::model::Cadence::Days(20)
    );
    assert!(!p.meeting_overdue(today()));
    assert!(screen(&t, 80, 24).contains("on track: target every 20 days"));
}
