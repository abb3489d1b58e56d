//! Recognition a panel can trust (issue 12): ScotELAs rules as the handbook gives them
//! (requirement or recommendation, per pathway, with the sentence each comes from); LJMU
//! stages with an "achieved" column each (a tick at one stage does not count at another until
//! carried over, from the TUI or the core; old tick sheets keep loading and count at the first
//! stage listing the item); evidence dated after what it evidences flagged and refusing a
//! badge; MCF competencies as micro-credential badges.

#[path = "common/issuer.rs"]
mod issuer;

use std::path::{Path, PathBuf};

use std::process::Command;

use chrono::NaiveDate;
use mentorlog::app::checklist::Row;
use mentorlog::app::{Pane, Tab};
use mentorlog::export::{self, Export};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal, Save, TickRequest};
use mentorlog::model::{Meeting, Readiness, RuleKind};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const TODAY: &str = "2026-11-23";
const SCOTELAS_SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/003_0c9a330266fbf210.txt"
);
const GAP_SOURCE: &str = "Whilst frequency of meetings will depend on geographical locations and developmental goals, it is recommended that no more than 2 months should pass between them to ensure the continuity of the process.";
const SIX_MONTHS_SOURCE: &str = "In order to attain ScotELAs recognition, however, a minimum level of quality control is necessary. Firstly, participants must engage with the scheme for a minimum of 6 months and secondly, some formal documentation to record evaluative and reflective processes must be completed.";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn demo_dir() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    write_demo(&Store::new(dir.clone()), Size::Small, today()).unwrap();
    (tmp, dir)
}

fn open(dir: &Path) -> Journal {
    Journal::open(Store::new(dir.to_path_buf()), today())
}

fn readiness(j: &Journal, pid: &str, scheme: &str) -> Readiness {
    let r = j.reader(Audience::Owner);
    let p = r.partner(pid).unwrap();
    p.report(today())
        .readiness
        .into_iter()
        .find(|x| x.scheme == scheme)
        .unwrap_or_else(|| panic!("no readiness {scheme} for {pid}"))
}

fn badge(j: &Journal, pid: &str, scheme: &str) -> Result<String, String> {
    let r = j.reader(Audience::Owner);
    let x = Export::new(&r, r.partner(pid).unwrap());
    export::badge(&x, scheme, &issuer::issuance())
        .map(|v| serde_json::to_string_pretty(&v).unwrap())
        .map_err(|e| e.to_string())
}

fn ml(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("MENTORLOG_TODAY", TODAY)
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .env("VISUAL", "false")
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Log a meeting for Sam 70 days before the demo's first one: a gap of more than 2 months.
fn sam_with_a_gap(dir: &Path) {
    let mut j = open(dir);
    let first = {
        let r = j.reader(Audience::Owner);
        r.partner("sam-lee")
            .unwrap()
            .meetings()
            .iter()
            .map(|m| m.value.date)
            .min()
            .unwrap()
    };
    let m = Meeting::new("samgap".into(), first - chrono::Days::new(70));
    j.save_meeting("sam-lee", Save::new(m)).unwrap();
}

// ----- 1. ScotELAs, per pathway -----

#[test]
fn the_meeting_gap_is_a_role_focused_recommendation_quoting_step_2_and_never_blocks() {
    let (_tmp, dir) = demo_dir();
    sam_with_a_gap(&dir);
    let j = open(&dir);
    let r = readiness(&j, "sam-lee", "scotelas");
    let gap = r
        .rules
        .iter()
        .find(|x| x.rule == "No more than 2 months between meetings")
        .expect("the gap rule applies to Sam's role-focused partnership");
    assert_eq!(gap.kind, RuleKind::Recommendation);
    assert_eq!(gap.applies.as_deref(), Some("role-focused pathway"));
    assert_eq!(gap.source.as_deref(), Some(GAP_SOURCE));
    assert!(!gap.met, "{gap:?}");
    assert!(gap.missing[0].contains("70 days"), "{:?}", gap.missing);
    let six = r
        .rules
        .iter()
        .find(|x| x.rule.starts_with("At least 6"))
        .unwrap();
    assert_eq!(six.kind, RuleKind::Requirement);
    assert_eq!(six.source.as_deref(), Some(SIX_MONTHS_SOURCE));
    // Not met, and still ready: a recommendation never blocks readiness or a badge.
    assert!(r.ready, "{:?}", r.missing());
    let b = badge(&j, "sam-lee", "scotelas").expect("the badge is issued");
    assert!(
        b.contains("Recommended, not required: No more than 2 months between meetings: 70 days"),
        "{b}"
    );
    // The quotes are the handbook's words (when the seeds are beside the repository).
    if let Ok(seed) = std::fs::read_to_string(SCOTELAS_SEED) {
        assert!(seed.contains(GAP_SOURCE) && seed.contains(SIX_MONTHS_SOURCE));
        let fw = j.frameworks().get("scotelas").unwrap();
        assert_eq!(fw.recognition.len(), 5);
        for rule in &fw.recognition {
            assert!(
                seed.contains(&rule.source),
                "{} quotes the handbook",
                rule.id
            );
        }
    }
    // status shows it as a recommendation with its source line, and READY.
    let (ok, out, err) = ml(&dir, &["status", "--with", "sam"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Recognition, ScotELAs mentoring recognition: READY"),
        "{out}"
    );
    assert!(
        out.contains(
            "[~] No more than 2 months between meetings (recommendation, role-focused pathway)"
        ),
        "{out}"
    );
    assert!(
        out.contains(&format!("source: \u{201c}{GAP_SOURCE}\u{201d}")),
        "{out}"
    );
    assert!(
        out.contains("not followed (does not block): 70 days"),
        "{out}"
    );
    // The portfolio quotes it too.
    let (ok, md, err) = ml(
        &dir,
        &["export", "portfolio", "--with", "sam", "--format", "md"],
    );
    assert!(ok, "{err}");
    assert!(
        md.contains(
            "- [ ] No more than 2 months between meetings (recommendation, role-focused pathway)"
        ),
        "{md}"
    );
    assert!(md.contains(&format!("  > {GAP_SOURCE}")), "{md}");
}

#[test]
fn the_expertise_focused_pathway_has_no_six_month_minimum_nor_meeting_gap() {
    let (_tmp, dir) = demo_dir();
    let j = open(&dir);
    // Priya's partnership is expertise-focused.
    let r = readiness(&j, "priya-shah", "scotelas");
    let names: Vec<&str> = r.rules.iter().map(|x| x.rule.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mentoring agreement done",
            "Two reflections from each side",
            "Evaluation done"
        ]
    );
    assert!(
        r.rules
            .iter()
            .all(|x| x.applies.as_deref() == Some("both pathways"))
    );
}

#[test]
fn the_dashboard_shows_each_scotelas_rule_with_its_kind_pathway_and_source() {
    let (_tmp, dir) = demo_dir();
    sam_with_a_gap(&dir);
    let mut app = Tui::open(Store::new(dir), today(), false);
    keys(&mut app, "j j 1");
    assert_eq!(app.partner().unwrap().id(), "sam-lee");
    let s = screen(&app, 160, 60);
    assert!(
        s.contains(
            "[~] No more than 2 months between meetings (recommendation, role-focused pathway)"
        ),
        "{s}"
    );
    assert!(
        s.contains("\u{201c}Whilst frequency of meetings will depend"),
        "{s}"
    );
    assert!(s.contains("not followed (does not block): 70 days"), "{s}");
    assert!(s.contains("✓ ScotELAs mentoring recognition ready"), "{s}");
}

// ----- 2. LJMU stages -----

const EFF: &str = "eff-mentor-open-questions";

#[test]
fn a_tick_at_developing_does_not_count_at_effective_until_carried_over_in_the_core() {
    let (_tmp, dir) = demo_dir();
    let mut j = open(&dir);
    let set = j.frameworks();
    // The Developing Mentor's row shares CUREE's tick; the Effective Mentor's has its own.
    assert_eq!(
        set.tick_address("ljmu", "dev-mentor-open-questions"),
        ("curee".to_string(), "mentor-open-questions".to_string())
    );
    assert_eq!(
        set.tick_address("ljmu", EFF),
        ("ljmu".to_string(), EFF.to_string())
    );
    {
        let r = j.reader(Audience::Owner);
        let p = r.partner("sam-lee").unwrap();
        assert!(p.is_ticked("curee", "mentor-open-questions"));
        assert!(!p.is_ticked("ljmu", EFF), "not achieved at Effective");
    }
    let eff = readiness(&j, "sam-lee", "ljmu/effective");
    let checklist = eff
        .rules
        .iter()
        .find(|x| x.rule == "The stage's skills checklist")
        .unwrap();
    assert!(
        checklist
            .missing
            .iter()
            .any(|m| m.starts_with(&format!("ljmu/{EFF}:"))
                && m.contains("achieved at Developing Mentor: carry it over")),
        "{:?}",
        checklist.missing
    );
    // Which earlier stages are achieved is said, not required.
    let note = eff.rules.iter().find(|x| x.kind == RuleKind::Note).unwrap();
    assert!(
        note.missing
            .contains(&"Developing Mentor: achieved".to_string()),
        "{note:?}"
    );

    let o = j.carry_tick("sam-lee", "ljmu", EFF).unwrap();
    assert!(
        o.label.contains("over from Developing Mentor"),
        "{}",
        o.label
    );
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    let earlier = p.tick("curee", "mentor-open-questions").unwrap().clone();
    let carried = p.tick("ljmu", EFF).expect("carried over").clone();
    assert_eq!(carried.date, today());
    assert_eq!(carried.evidence.meetings, earlier.evidence.meetings);
    assert!(
        carried
            .evidence
            .notes
            .iter()
            .any(|n| n.starts_with("Carried over from Developing Mentor")),
        "{:?}",
        carried.evidence.notes
    );

    let eff = readiness(&j, "sam-lee", "ljmu/effective");
    let checklist = eff
        .rules
        .iter()
        .find(|x| x.rule == "The stage's skills checklist")
        .unwrap();
    assert!(
        !checklist.missing.iter().any(|m| m.contains(EFF)),
        "{:?}",
        checklist.missing
    );
    // Carrying again, or carrying what no earlier stage lists, is refused in words.
    let again = j
        .carry_tick("sam-lee", "ljmu", EFF)
        .unwrap_err()
        .to_string();
    assert!(again.contains("already achieved at this stage"), "{again}");
    let none = j
        .carry_tick("sam-lee", "ljmu", "dev-mentor-open-questions")
        .unwrap_err()
        .to_string();
    assert!(none.contains("no earlier stage lists"), "{none}");
    // Stored in the LJMU sheet under the Effective row's own id.
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    assert!(p.tick_sheet("ljmu").unwrap().value.ticks.contains_key(EFF));
}

#[test]
fn a_tick_made_at_effective_stays_at_effective() {
    let (_tmp, dir) = demo_dir();
    let mut j = open(&dir);
    // A coaching skill: first listed by the Effective Mentor, listed again by the Advanced.
    j.tick(
        "sam-lee",
        "ljmu",
        "adv-coach-open-questions",
        TickRequest::default(),
    )
    .unwrap();
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    assert!(p.is_ticked("ljmu", "adv-coach-open-questions"));
    assert!(!p.is_ticked("curee", "coach-open-questions"));
    let (f, i) = j
        .frameworks()
        .tick_address("ljmu", "eff-coach-open-questions");
    assert!(!p.is_ticked(&f, &i), "the Effective stage is not filled");
}

fn key(token: &str) -> KeyEvent {
    let code = match token {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Space" => KeyCode::Char(' '),
        "Down" => KeyCode::Down,
        t => KeyCode::Char(t.chars().next().unwrap()),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn keys(app: &mut Tui, seq: &str) {
    for t in seq.split_whitespace() {
        app.key(key(t));
    }
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
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Open the Checklists tab on Sam's LJMU checklist with the cursor on `address`.
fn to_ljmu_item(app: &mut Tui, item: &str) {
    keys(app, "j j 4 c Down Enter");
    assert_eq!((app.tab, app.pane), (Tab::Checklists, Pane::Main));
    for _ in 0..200 {
        let here = match app.checklist_rows().get(app.checklist.cursor) {
            Some(Row::Item { item: i, .. }) => i.id == item,
            _ => false,
        };
        if here {
            return;
        }
        keys(app, "j");
    }
    panic!("no row for {item}");
}

#[test]
fn o_in_the_checklists_pane_carries_the_developing_tick_over_to_effective() {
    let (_tmp, dir) = demo_dir();
    let mut app = Tui::open(Store::new(dir.clone()), today(), false);
    to_ljmu_item(&mut app, EFF);
    let row_ticked = |app: &Tui| match &app.checklist_rows()[app.checklist.cursor] {
        Row::Item { tick, address, .. } => {
            assert_eq!(address, &("ljmu".to_string(), EFF.to_string()));
            tick.is_some()
        }
        _ => unreachable!(),
    };
    assert!(
        !row_ticked(&app),
        "the Developing tick does not fill Effective"
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("Achieved at Developing Mentor"), "{s}");
    assert!(s.contains("o carries it over"), "{s}");
    keys(&mut app, "o");
    assert!(row_ticked(&app), "carried over");
    let s = screen(&app, 120, 40);
    assert!(s.contains("Carried over from Developing Mentor"), "{s}");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("over from Developing Mentor"),
        "{:?}",
        app.status
    );
    // Saved: a fresh journal on the same files sees it.
    let j = open(&dir);
    assert!(
        j.reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .is_ticked("ljmu", EFF)
    );
    // u undoes it.
    keys(&mut app, "u");
    assert!(!row_ticked(&app));
}

#[test]
fn an_old_tick_sheet_loads_and_counts_at_the_first_stage_listing_the_item_only() {
    // Before stages kept their own column, every LJMU checklist tick was stored at the CUREE
    // address: this is such a file, as an older mentorlog wrote it.
    let (_tmp, dir) = demo_dir();
    let sheet_path = {
        let j = open(&dir);
        let r = j.reader(Audience::Owner);
        let p = r.partner("sam-lee").unwrap();
        p.tick_sheet("curee").unwrap().path.clone()
    };
    let text = r#"(
    version: 1,
    framework: "curee",
    ticks: {
        "mentor-open-questions": (
            date: "2026-05-01",
            evidence: (
                notes: ["Asked open questions throughout the debrief"],
            ),
        ),
        "coach-open-questions": (
            date: "2026-06-01",
            evidence: (
                notes: ["Coached a colleague"],
            ),
        ),
    },
)
"#;
    std::fs::write(&sheet_path, text).unwrap();
    let j = open(&dir);
    assert!(j.problems().is_empty(), "{:?}", j.problems());
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    // Nothing lost: both ticks load as they were.
    assert!(p.is_ticked("curee", "mentor-open-questions"));
    assert!(p.is_ticked("curee", "coach-open-questions"));
    let set = j.frameworks();
    let at = |item: &str| {
        let (f, i) = set.tick_address("ljmu", item);
        p.is_ticked(&f, &i)
    };
    // A mentoring skill counts at Developing (the first stage listing it), not at Effective.
    assert!(at("dev-mentor-open-questions"));
    assert!(!at("eff-mentor-open-questions"));
    // A coaching skill counts at Effective (the first listing it), not at Advanced.
    assert!(at("eff-coach-open-questions"));
    assert!(!at("adv-coach-open-questions"));
    // And can be carried over from there.

    let mut j = j;
    j.carry_tick("sam-lee", "ljmu", "adv-coach-open-questions")
        .unwrap();
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    let t = p.tick("ljmu", "adv-coach-open-questions").unwrap();
    assert!(
        t.evidence
            .notes
            .contains(&"Coached a colleague".to_string())
    );
}

// ----- 3. Evidence dates -----

#[test]
fn the_demo_badges_are_issuable_with_honest_dates() {
    let (_tmp, dir) = demo_dir();
    let j = open(&dir);
    let r = j.reader(Audience::Owner);
    for p in r.partnerships() {
        for s in p.tick_sheets() {
            for (item, t) in &s.value.ticks {
                assert!(
                    p.late_evidence(t).is_empty(),
                    "{}: {}/{item} is evidenced by a later meeting",
                    p.id(),
                    s.value.framework
                );
            }
        }
    }

    assert!(badge(&j, "sam-lee", "ljmu/developing").is_ok());
    assert!(badge(&j, "sam-lee", "scotelas").is_ok());
    assert!(badge(&j, "priya-shah", "mcf/communication").is_ok());
}

#[test]
fn evidence_dated_after_its_tick_is_flagged_and_refuses_the_badge() {
    let (_tmp, dir) = demo_dir();
    let mut j = open(&dir);
    // Re-date one Developing criterion to before the meeting that evidences it.
    let (mid, held) = {
        let r = j.reader(Audience::Owner);
        let p = r.partner("sam-lee").unwrap();
        let t = p.tick("ljmu", "dev-documentation").unwrap();
        let mid = t.evidence.meetings[0].clone();
        let held = p.meeting(&mid).unwrap().value.date;
        (mid, held)
    };
    let early = held - chrono::Days::new(10);
    j.tick(
        "sam-lee",
        "ljmu",
        "dev-documentation",
        TickRequest {
            date: Some(early),
            ..TickRequest::default()
        },
    )
    .unwrap();
    let r = readiness(&j, "sam-lee", "ljmu/developing");
    assert!(!r.ready);
    let rule = r
        .rules
        .iter()
        .find(|x| x.rule == "Evidence dated no later than what it evidences")
        .unwrap();
    assert!(!rule.met);
    assert!(
        rule.missing[0].contains(&format!(
            "ljmu/dev-documentation (Complete the appropriate documentation) is ticked on {early} but evidenced by the meeting(s) of {held}"
        )) && rule.missing[0].contains("link the meeting that showed it"),
        "{:?}",
        rule.missing
    );
    let err = badge(&j, "sam-lee", "ljmu/developing").unwrap_err();
    assert!(
        err.contains("[ ] Evidence dated no later than what it evidences"),
        "{err}"
    );
    assert!(err.contains("ljmu/dev-documentation"), "{err}");
    // The command says so, writes nothing, and status shows it.
    let (ok, out, err) = ml(
        &dir,
        &[
            "export",
            "badge",
            "--with",
            "sam",
            "--stage",
            "ljmu/developing",
        ],
    );
    assert!(!ok && out.is_empty());
    assert!(err.contains("evidenced by the meeting(s) of"), "{err}");
    let (_, status, _) = ml(&dir, &["status", "--with", "sam"]);
    assert!(
        status.contains(
            "ljmu/dev-documentation (Complete the appropriate documentation) is ticked on"
        ),
        "{status}"
    );
    // The Checklists detail flags it.
    let mut app = Tui::open(Store::new(dir.clone()), today(), false);
    to_ljmu_item(&mut app, "dev-documentation");
    let s = screen(&app, 120, 40);
    // The meeting is flagged where it is listed ("(! dated after the tick)", wrapped).
    assert!(
        s.contains(&format!("meeting {held}")) && s.contains("(!"),
        "{s}"
    );
    assert!(
        s.contains(&format!("dated after the tick of {early}")),
        "{s}"
    );
    assert!(s.contains("no badge is issued on them"), "{s}");
    // The portfolio too.
    let (_, md, _) = ml(
        &dir,
        &["export", "portfolio", "--with", "sam", "--format", "md"],
    );
    assert!(
        md.contains("[ ] Evidence dated no later than what it evidences"),
        "{md}"
    );
    assert!(!mid.is_empty());
}

// ----- 4. MCF competencies as micro-credentials -----

#[test]
fn an_mcf_competency_badge_is_issued_when_every_indicator_is_achieved_with_evidence() {
    let (_tmp, dir) = demo_dir();
    let mut j = open(&dir);
    let r = readiness(&j, "priya-shah", "mcf/communication");
    assert!(r.ready, "{:?}", r.missing());
    let b = badge(&j, "priya-shah", "mcf/communication").unwrap();
    let v: serde_json::Value = serde_json::from_str(&b).unwrap();
    let a = &v["credentialSubject"]["achievement"];
    assert_eq!(a["name"], "Mentoring Competency Framework: Communication");
    assert!(
        a["description"]
            .as_str()
            .unwrap()
            .contains("Micro-credentials are digital certifications"),
        "{a}"
    );
    assert_eq!(a["alignment"].as_array().unwrap().len(), 9);
    assert_eq!(v["evidence"].as_array().unwrap().len(), 9);

    // Two of three indicators: refused, naming the one missing.
    let err = badge(&j, "priya-shah", "mcf/innovation-and-creativity").unwrap_err();
    assert!(
        err.contains("not yet achieved: Charting mentoring growth"),
        "{err}"
    );
    // A tick without evidence does not count.
    j.tick("priya-shah", "mcf", "d2-c2-3", TickRequest::default())
        .unwrap();
    let err = badge(&j, "priya-shah", "mcf/innovation-and-creativity").unwrap_err();
    assert!(
        err.contains("ticked without evidence: Charting mentoring growth"),
        "{err}"
    );
    j.tick(
        "priya-shah",
        "mcf",
        "d2-c2-3",
        TickRequest {
            notes: vec!["Charted in the journal".into()],
            ..TickRequest::default()
        },
    )
    .unwrap();
    assert!(badge(&j, "priya-shah", "mcf/innovation-and-creativity").is_ok());
    // Unticking an indicator of a ready competency refuses its badge again.
    j.untick("priya-shah", "mcf", "d3-c1-4").unwrap();
    let err = badge(&j, "priya-shah", "mcf/communication").unwrap_err();
    assert!(
        err.contains("not yet achieved: Actively listening"),
        "{err}"
    );

    // From the command line, too.
    let issue = issuer::add_issuer(BIN, &dir, _tmp.path());
    let mut args = vec![
        "export",
        "badge",
        "--with",
        "priya",
        "--stage",
        "mcf/innovation-and-creativity",
    ];
    args.extend(issue.iter().map(String::as_str));
    let (ok, out, err) = ml(&dir, &args);
    assert!(ok, "{err}");
    assert!(out.contains("OpenBadgeCredential"));
}

#[test]
fn the_dashboard_shows_which_mcf_competencies_are_ready() {
    let (_tmp, dir) = demo_dir();
    let mut app = Tui::open(Store::new(dir), today(), false);
    keys(&mut app, "j 1");
    assert_eq!(app.partner().unwrap().id(), "priya-shah");
    let s = screen(&app, 140, 80);
    assert!(
        s.contains("MCF competencies, a micro-credential each:"),
        "{s}"
    );
    assert!(
        s.contains("✓ Communication ready (badge mcf/communication)"),
        "{s}"
    );
    assert!(s.contains("· Innovation and creativity 1 to go"), "{s}");
}
