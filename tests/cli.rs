//! Integration tests of the command line: every command runs the real binary against a fresh
//! data directory in a temporary folder, with today pinned to 2026-11-23.
//!
//! Tests marked `#[ignore = "BUG: ..."]` expose bugs still open in the program; run them with
//! `cargo test --test cli -- --ignored`.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use chrono::{NaiveDate, NaiveTime};
use mentorlog::model::{
    Goal, GoalStatus, Journal, Meeting, MeetingMode, MeetingType, Owner, Partnership,
    PartnershipKind, PartnershipStatus, Pathway, Role, TickSheet,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tempfile::TempDir;

#[path = "common/cli.rs"]
mod common;
use common::{BIN, TODAY, ml};
const ITEM: &str = "curee/mentor-open-questions";

// ---------------------------------------------------------------- helpers

/// A temporary folder and, inside it, a data directory mentorlog has not created yet.
fn tmp() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("journal");
    (t, dir)
}

/// The same, as a plain `std::process::Command` (for threads and custom stdio).
fn std_ml(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(BIN);
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", TODAY)
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .env("VISUAL", "false");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Run, expect success, return (stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let a = ml(dir).args(args).assert().success();
    let o = a.get_output();
    (text(&o.stdout), text(&o.stderr))
}

/// Run, expect success, return stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    run(dir, args).0
}

/// Run, expect a non-zero exit, return stderr.
fn fail(dir: &Path, args: &[&str]) -> String {
    let a = ml(dir).args(args).assert().failure();
    text(&a.get_output().stderr)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

fn read<T: DeserializeOwned>(path: &Path) -> T {
    let s = fs::read_to_string(path).unwrap();
    ron::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn pdir(dir: &Path, id: &str) -> PathBuf {
    dir.join("partnerships").join(id)
}

/// The `.ron` files of a folder, sorted (none if it does not exist).
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}

fn meeting_files(dir: &Path, id: &str) -> Vec<PathBuf> {
    ron_files(&pdir(dir, id).join("meetings"))
}

fn meetings(dir: &Path, id: &str) -> Vec<Meeting> {
    meeting_files(dir, id).iter().map(|p| read(p)).collect()
}

fn goals(dir: &Path, id: &str) -> Vec<Goal> {
    ron_files(&pdir(dir, id).join("goals"))
        .iter()
        .map(|p| read(p))
        .collect()
}

fn sheet(dir: &Path, id: &str) -> TickSheet {
    read(&pdir(dir, id).join("ticks/curee.ron"))
}

/// The meeting id from `log`'s "Logged meeting DATE with NAME (id XXXXXX)".
fn logged_id(out: &str) -> String {
    let start = out.find("(id ").expect(out) + 4;
    out[start..].split(')').next().unwrap().to_string()
}

fn add(dir: &Path, name: &str) {
    ok(dir, &["partner", "add", name]);
}

/// Log a meeting with Sam Lee (added first if need be) and return its id.
fn log_sam(dir: &Path, extra: &[&str]) -> String {
    if !pdir(dir, "sam-lee").exists() {
        add(dir, "Sam Lee");
    }
    let mut args = vec!["log", "--with", "sam-lee"];
    args.extend_from_slice(extra);
    logged_id(&ok(dir, &args))
}

/// Every file under `root` with its bytes, to show that a command changed nothing.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Every item id of a framework, from `framework show ID --json`.
fn item_ids(dir: &Path, framework: &str) -> Vec<String> {
    fn walk(s: &Value, out: &mut Vec<String>) {
        for i in s["items"].as_array().unwrap() {
            out.push(i["id"].as_str().unwrap().to_string());
        }
        for c in s["sections"].as_array().unwrap() {
            walk(c, out);
        }
    }
    let fw = json(dir, &["framework", "show", framework, "--json"]);
    let mut out = Vec::new();
    for s in fw["sections"].as_array().unwrap() {
        walk(s, &mut out);
    }
    out
}

/// A user framework, as in README.md: one plain item and one referring to a CUREE item.
const MY_SCHOOL: &str = r#"Framework(
    id: "my-school",
    title: "Our induction checklist",
    source: "Written for the tests",
    levels: [],
    sections: [
        Section(
            id: "first-term",
            title: "First term",
            items: [
                Item(id: "routines", text: "Establishes classroom routines"),
                Item(id: "questions", ref: "curee/mentor-open-questions"),
            ],
        ),
    ],
)
"#;

/// A framework whose items take a level.
const RUBRIC: &str = r#"Framework(
    id: "rubric",
    title: "A rubric",
    source: "Written for the tests",
    levels: ["emerging", "secure"],
    sections: [
        Section(id: "planning", title: "Planning", items: [
            Item(id: "plans", text: "Plans sequences of lessons"),
        ]),
    ],
)
"#;

fn put_framework(dir: &Path, file: &str, body: &str) -> PathBuf {
    let fdir = dir.join("frameworks");
    fs::create_dir_all(&fdir).unwrap();
    let p = fdir.join(file);
    fs::write(&p, body).unwrap();
    p
}

/// Stdout whose reading end is already closed, like `mentorlog ... | head -0`.
fn closed_stdout() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

// ---------------------------------------------------------------- mentorlog (no command)

#[test]
fn no_command_on_an_empty_dir_welcomes_and_names_the_data_dir() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &[]);
    assert!(out.contains("Welcome to mentorlog"), "{out}");
    assert!(out.contains(&dir.display().to_string()), "{out}");
    assert!(out.contains("partner add"), "{out}");
    assert!(
        !dir.join("journal.ron").exists(),
        "reading must not write a journal"
    );
}

#[test]
fn no_command_with_partnerships_shows_the_status() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let out = ok(&dir, &[]);
    assert!(!out.contains("Welcome"), "{out}");
    assert!(
        out.contains(&format!("Data directory: {}", dir.display())),
        "{out}"
    );
    assert!(out.contains("Sam Lee (sam-lee)"), "{out}");
    assert!(out.contains("0/80 achieved"), "{out}");
}

#[test]
fn today_can_be_given_as_the_hidden_today_flag() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    // The flag wins over the environment variable.
    ok(
        &dir,
        &["--today", "2025-01-15", "log", "--with", "sam", "x"],
    );
    // And works without it.
    ml(&dir)
        .env_remove("MENTORLOG_TODAY")
        .args(["--today", "2024-02-29", "log", "--with", "sam", "y"])
        .assert()
        .success();
    let dates: Vec<NaiveDate> = meetings(&dir, "sam-lee").iter().map(|m| m.date).collect();
    assert_eq!(dates, [date("2024-02-29"), date("2025-01-15")]);
}

// ---------------------------------------------------------------- init

#[test]
fn init_creates_the_journal_and_running_again_updates_it() {
    let (_t, dir) = tmp();
    let out = ok(
        &dir,
        &[
            "init",
            "--name",
            "Ann Smith",
            "--role",
            "coach",
            "--institution",
            "Northfield High",
        ],
    );
    assert!(
        out.contains("Created the journal of Ann Smith (coach)"),
        "{out}"
    );
    let j: Journal = read(&dir.join("journal.ron"));
    assert_eq!(j.version, 1);
    assert_eq!(j.profile.name, "Ann Smith");
    assert_eq!(j.profile.role, Role::Coach);
    assert_eq!(j.profile.institution.as_deref(), Some("Northfield High"));

    let out = ok(&dir, &["init", "--name", "Ann Jones", "--role", "co-coach"]);
    assert!(out.contains("Updated the journal of Ann Jones"), "{out}");
    let j: Journal = read(&dir.join("journal.ron"));
    assert_eq!(j.profile.name, "Ann Jones");
    assert_eq!(j.profile.role, Role::CoCoach);
    assert_eq!(
        j.profile.institution.as_deref(),
        Some("Northfield High"),
        "fields not given are kept"
    );

    ok(&dir, &["init", "--role", "mentee"]);
    let j: Journal = read(&dir.join("journal.ron"));
    assert_eq!(
        (j.profile.name.as_str(), j.profile.role),
        ("Ann Jones", Role::Mentee)
    );
}

#[test]
fn init_with_a_bad_role_fails_clearly_and_writes_nothing() {
    let (_t, dir) = tmp();
    let err = fail(&dir, &["init", "--name", "Ann", "--role", "boss"]);
    assert!(err.contains("'boss'"), "{err}");
    assert!(err.contains("mentor, mentee, coach, co-coach"), "{err}");
    assert!(!dir.join("journal.ron").exists());
}

// ---------------------------------------------------------------- partner add / list

#[test]
fn partner_add_writes_the_partnership_file_with_every_flag() {
    let (_t, dir) = tmp();
    let out = ok(
        &dir,
        &[
            "partner",
            "add",
            "Priya Shah",
            "--kind",
            "coaching",
            "--pathway",
            "expertise",
            "--focus",
            "Behaviour",
            "--framework",
            "curee",
            "--institution",
            "Westfield Primary",
            "--start",
            "2026-09-01",
            "--cadence",
            "7",
        ],
    );
    assert!(out.contains("(id priya-shah)"), "{out}");
    let p: Partnership = read(&pdir(&dir, "priya-shah").join("partnership.ron"));
    assert_eq!(p.version, 1);
    assert_eq!(p.id, "priya-shah");
    assert_eq!(p.name, "Priya Shah");
    assert_eq!(p.kind, PartnershipKind::SpecialistCoaching);
    assert_eq!(p.pathway, Pathway::ExpertiseFocused);
    assert_eq!(p.focus.as_deref(), Some("Behaviour"));
    assert_eq!(p.institution.as_deref(), Some("Westfield Primary"));
    assert_eq!(p.start, date("2026-09-01"));
    assert_eq!(p.cadence_days, 7);
    assert_eq!(p.frameworks, ["curee"]);
    assert_eq!(p.status, PartnershipStatus::Active);
    // The first record also creates the journal.
    assert!(dir.join("journal.ron").exists());
}

#[test]
fn partner_add_defaults() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let p: Partnership = read(&pdir(&dir, "sam-lee").join("partnership.ron"));
    assert_eq!(p.kind, PartnershipKind::Induction);
    assert_eq!(p.pathway, Pathway::RoleFocused);
    assert_eq!(p.start, date(TODAY));
    assert_eq!(p.cadence_days, 14);
    assert_eq!(p.frameworks, ["curee"]);
    assert_eq!(p.focus, None);
}

#[test]
fn partner_add_refuses_an_empty_name() {
    let (_t, dir) = tmp();
    let err = fail(&dir, &["partner", "add", "   "]);
    assert!(err.contains("give the partner's name"), "{err}");
    assert!(!dir.join("partnerships").exists());
}

#[test]
fn partner_add_with_a_bad_start_writes_nothing() {
    let (_t, dir) = tmp();
    let err = fail(&dir, &["partner", "add", "Sam Lee", "--start", "next week"]);
    assert!(err.contains("2026-11-20"), "{err}");
    assert!(!dir.join("partnerships").exists());
    assert!(!dir.join("journal.ron").exists(), "journal.ron was written");
}

#[test]
fn a_second_partner_with_the_same_name_gets_a_numbered_id() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let out = ok(&dir, &["partner", "add", "Sam Lee"]);
    assert!(out.contains("(id sam-lee-2)"), "{out}");
    let p: Partnership = read(&pdir(&dir, "sam-lee-2").join("partnership.ron"));
    assert_eq!((p.id.as_str(), p.name.as_str()), ("sam-lee-2", "Sam Lee"));
    let first: Partnership = read(&pdir(&dir, "sam-lee").join("partnership.ron"));
    assert_eq!(first.id, "sam-lee", "the first is untouched");
}

#[test]
fn partner_add_refuses_an_unknown_framework() {
    let (_t, dir) = tmp();
    let err = fail(&dir, &["partner", "add", "Sam Lee", "--framework", "nope"]);
    assert!(err.contains("no framework 'nope'"), "{err}");
    assert!(err.contains("curee"), "{err}");
    assert!(!pdir(&dir, "sam-lee").exists());
}

#[test]
fn partner_list_text_and_json() {
    let (_t, dir) = tmp();
    assert!(ok(&dir, &["partner", "list"]).contains("No partnerships yet"));
    assert_eq!(
        json(&dir, &["partner", "list", "--json"])["partnerships"],
        serde_json::json!([])
    );
    log_sam(&dir, &["notes"]);
    add(&dir, "Priya Shah");

    let out = ok(&dir, &["partner", "list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("priya-shah") && lines[0].contains("Priya Shah"));
    assert!(lines[1].starts_with("sam-lee") && lines[1].contains("1 meetings"));

    let v = json(&dir, &["partner", "list", "--json"]);
    let rows = v["partnerships"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "priya-shah");
    assert_eq!(rows[0]["name"], "Priya Shah");
    assert_eq!(rows[0]["meetings"], 0);
    assert_eq!(rows[1]["id"], "sam-lee");
    assert_eq!(rows[1]["name"], "Sam Lee");
    assert_eq!(rows[1]["meetings"], 1);
    assert_eq!(rows[1]["goals"], 0);
    assert_eq!(rows[1]["frameworks"], serde_json::json!(["curee"]));
    assert_eq!(rows[1]["start"], TODAY);
}

// ---------------------------------------------------------------- --with matching

#[test]
fn with_matches_by_id_by_a_whole_word_and_fuzzily() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    add(&dir, "Priya Shah");
    for (query, id) in [
        ("sam-lee", "sam-lee"),
        ("SAM-LEE", "sam-lee"),
        ("sam", "sam-lee"),
        ("Lee", "sam-lee"),
        ("Priya Shah", "priya-shah"),
        ("shah", "priya-shah"),
        ("priy", "priya-shah"),
    ] {
        let out = ok(&dir, &["log", "--with", query, "x"]);
        assert!(
            out.contains(&format!("partnerships/{id}/meetings/")),
            "{query}: {out}"
        );
    }
    assert_eq!(meeting_files(&dir, "sam-lee").len(), 4);
    assert_eq!(meeting_files(&dir, "priya-shah").len(), 3);
}

#[test]
fn an_ambiguous_partner_lists_both_candidates() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    add(&dir, "Sam Patel");
    let err = fail(&dir, &["log", "--with", "sam", "notes"]);
    assert!(err.contains("'sam' matches 2 partnerships"), "{err}");
    assert!(err.contains("Sam Lee  (sam-lee)"), "{err}");
    assert!(err.contains("Sam Patel  (sam-patel)"), "{err}");
    assert!(meeting_files(&dir, "sam-lee").is_empty());
    assert!(meeting_files(&dir, "sam-patel").is_empty());
    // More of the name settles it.
    ok(&dir, &["log", "--with", "patel", "notes"]);
    assert_eq!(meeting_files(&dir, "sam-patel").len(), 1);
}

#[test]
fn an_unknown_partner_lists_the_partnerships() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    add(&dir, "Priya Shah");
    let err = fail(&dir, &["log", "--with", "zzz", "notes"]);
    assert!(err.contains("no partnership matches 'zzz'"), "{err}");
    assert!(err.contains("Sam Lee  (sam-lee)"), "{err}");
    assert!(err.contains("Priya Shah  (priya-shah)"), "{err}");
}

#[test]
fn with_and_no_partnerships_yet_says_how_to_add_one() {
    let (_t, dir) = tmp();
    for args in [
        &["log", "--with", "sam", "x"][..],
        &["goal", "list", "--with", "sam"],
        &["goal", "add", "--with", "sam", "Objective"],
        &["tick", "--with", "sam", ITEM],
        &["status", "--with", "sam"],
    ] {
        let err = fail(&dir, args);
        assert!(err.contains("no partnerships yet"), "{args:?}: {err}");
        assert!(err.contains("mentorlog partner add"), "{args:?}: {err}");
    }
    assert!(!dir.join("partnerships").exists());
}

// ---------------------------------------------------------------- log

#[test]
fn log_writes_a_meeting_file_with_every_field() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let out = ok(
        &dir,
        &[
            "log",
            "--with",
            "sam",
            "--date",
            "2026-11-20",
            "--time",
            "15:30",
            "--duration",
            "45",
            "--mode",
            "video",
            "--type",
            "obs-mentee",
            "--focus",
            "Questioning",
            "--action",
            "Plan three open questions",
            "--action",
            "Read the questioning chapter",
            "--action-owner",
            "mentor",
            "--due",
            "2026-12-04",
            "--private",
            "Discussed",
            "open questions",
        ],
    );
    let id = logged_id(&out);
    assert!(
        out.contains("Logged meeting 2026-11-20 with Sam Lee"),
        "{out}"
    );
    assert!(out.contains(": Questioning"), "{out}");
    // Private: kept in the owner's private folder, not beside the shared meetings.
    assert!(meeting_files(&dir, "sam-lee").is_empty());
    let path = dir
        .join("private/tester")
        .join(pdir(Path::new(""), "sam-lee"))
        .join("meetings")
        .join(format!("2026-11-20-{id}.ron"));
    assert!(path.exists(), "{}", path.display());
    let m: Meeting = read(&path);
    assert_eq!(m.version, 1);
    assert_eq!(m.id, id);
    assert_eq!(m.date, date("2026-11-20"));
    assert_eq!(m.time, NaiveTime::from_hms_opt(15, 30, 0));
    assert_eq!(m.duration_minutes, Some(45));
    assert_eq!(m.mode, MeetingMode::Video);
    assert_eq!(m.kind, MeetingType::ObservationOfMentee);
    assert_eq!(m.focus, "Questioning");
    assert_eq!(m.notes, "Discussed open questions");
    assert!(m.private);
    assert!(m.evidences.is_empty());
    let actions: Vec<(&str, Owner, Option<NaiveDate>, bool)> = m
        .action_items
        .iter()
        .map(|a| (a.text.as_str(), a.owner, a.due, a.done))
        .collect();
    assert_eq!(
        actions,
        [
            (
                "Plan three open questions",
                Owner::Mentor,
                Some(date("2026-12-04")),
                false
            ),
            (
                "Read the questioning chapter",
                Owner::Mentor,
                Some(date("2026-12-04")),
                false
            ),
        ]
    );
    assert_ne!(m.action_items[0].id, m.action_items[1].id);
}

#[test]
fn log_defaults_and_no_notes_without_a_terminal_opens_no_editor() {
    let (_t, dir) = tmp();
    // EDITOR=false: had the editor been started, the log would fail.
    let id = log_sam(&dir, &["--action", "Observe a colleague"]);
    let [m] = &meetings(&dir, "sam-lee")[..] else {
        panic!("one meeting expected")
    };
    assert_eq!(m.id, id);
    assert_eq!(m.date, date(TODAY));
    assert_eq!(m.notes, "");
    assert_eq!(m.focus, "");
    assert_eq!(m.time, None);
    assert_eq!(m.duration_minutes, None);
    assert_eq!(m.mode, MeetingMode::InPerson);
    assert_eq!(m.kind, MeetingType::Meeting);
    assert!(!m.private);
    assert_eq!(m.action_items.len(), 1);
    assert_eq!(m.action_items[0].owner, Owner::Mentee);
    assert_eq!(m.action_items[0].due, None);
}

#[test]
fn log_dash_reads_the_notes_from_stdin() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    ml(&dir)
        .args(["log", "--with", "sam", "-"])
        .write_stdin("First line of notes\nsecond line\n\n")
        .assert()
        .success();
    let m = &meetings(&dir, "sam-lee")[0];
    assert_eq!(m.notes, "First line of notes\nsecond line");
}

#[test]
fn log_with_a_bad_date_says_what_to_type_and_writes_nothing() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let before = snapshot(&dir);
    let err = fail(
        &dir,
        &["log", "--with", "sam", "--date", "next tuesday", "x"],
    );
    assert!(err.contains("'next tuesday'"), "{err}");
    assert!(err.contains("2026-11-20"), "{err}");
    let err = fail(&dir, &["log", "--with", "sam", "--due", "2026-13-01", "x"]);
    assert!(err.contains("2026-11-20"), "{err}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn log_resolves_relative_dates_against_today() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    for (arg, want) in [
        ("--date=yesterday", "2026-11-22"),
        ("--date=tomorrow", "2026-11-24"),
        ("--date=today", "2026-11-23"),
        ("--date=-3d", "2026-11-20"),
        ("--date=+2w", "2026-12-07"),
        ("--date=-1m", "2026-10-23"),
    ] {
        let id = logged_id(&ok(&dir, &["log", "--with", "sam", arg, "x"]));
        let f = pdir(&dir, "sam-lee").join(format!("meetings/{want}-{id}.ron"));
        let m: Meeting = read(&f);
        assert_eq!(m.date, date(want), "{arg}");
    }
    let id = logged_id(&ok(
        &dir,
        &["log", "--with", "sam", "--action", "a", "--due", "+1m", "x"],
    ));
    let m: Meeting = read(&pdir(&dir, "sam-lee").join(format!("meetings/{TODAY}-{id}.ron")));
    assert_eq!(m.action_items[0].due, Some(date("2026-12-23")));
}

#[test]
fn log_accepts_a_negative_offset_as_a_separate_argument() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    ok(&dir, &["log", "--with", "sam", "--date", "-3d", "x"]);
    assert_eq!(meetings(&dir, "sam-lee")[0].date, date("2026-11-20"));
}

#[test]
fn log_with_a_bad_time_is_refused() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    for bad in ["25:00", "3pm", "15.30"] {
        let err = fail(&dir, &["log", "--with", "sam", "--time", bad, "x"]);
        assert!(err.contains(&format!("'{bad}'")), "{err}");
        assert!(err.contains("HH:MM"), "{err}");
    }
    assert!(meeting_files(&dir, "sam-lee").is_empty());
}

#[test]
fn log_refuses_an_unknown_mode_type_or_owner() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let err = fail(&dir, &["log", "--with", "sam", "--mode", "skype", "x"]);
    assert!(err.contains("'skype'"), "{err}");
    fail(&dir, &["log", "--with", "sam", "--type", "party", "x"]);
    fail(
        &dir,
        &["log", "--with", "sam", "--action-owner", "head", "x"],
    );
    assert!(meeting_files(&dir, "sam-lee").is_empty());
}

// ---------------------------------------------------------------- goal

#[test]
fn goal_add_writes_all_seven_action_plan_columns() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let out = ok(
        &dir,
        &[
            "goal",
            "add",
            "--with",
            "sam",
            "Use open questions in every lesson",
            "--learning-goal",
            "Deeper questioning",
            "--mentee-actions",
            "Plan three open questions a lesson",
            "--mentor-actions",
            "Model questioning in a joint lesson",
            "--support-actions",
            "Head of department shares resources",
            "--barriers",
            "Time to plan",
            "--success",
            "Pupils explain their reasoning",
            "--target",
            "+6w",
            "--status",
            "in-progress",
        ],
    );
    assert!(out.contains("(target 2027-01-04)"), "{out}");
    let [g] = &goals(&dir, "sam-lee")[..] else {
        panic!("one goal expected")
    };
    assert!(
        pdir(&dir, "sam-lee")
            .join(format!("goals/{TODAY}-{}.ron", g.id))
            .exists()
    );
    assert_eq!(g.version, 1);
    assert_eq!(g.created, date(TODAY));
    assert_eq!(g.objective, "Use open questions in every lesson");
    assert_eq!(g.learning_goal, "Deeper questioning");
    assert_eq!(g.mentee_actions, "Plan three open questions a lesson");
    assert_eq!(g.mentor_actions, "Model questioning in a joint lesson");
    assert_eq!(g.support_actions, "Head of department shares resources");
    assert_eq!(g.barriers, "Time to plan");
    assert_eq!(g.success_measures, "Pupils explain their reasoning");
    assert_eq!(g.target, Some(date("2027-01-04")));
    assert_eq!(g.status, GoalStatus::InProgress);
}

#[test]
fn goal_add_refuses_a_bad_target_or_status_and_writes_nothing() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let err = fail(
        &dir,
        &["goal", "add", "--with", "sam", "G", "--target", "soon"],
    );
    assert!(err.contains("2026-11-20"), "{err}");
    fail(
        &dir,
        &["goal", "add", "--with", "sam", "G", "--status", "maybe"],
    );
    assert!(goals(&dir, "sam-lee").is_empty());
}

/// Sam Lee with three goals: open and due later, open and overdue, achieved and past target.
fn three_goals(dir: &Path) {
    add(dir, "Sam Lee");
    for args in [
        &[
            "Future goal",
            "--target",
            "2026-12-01",
            "--mentee-actions",
            "Plan",
        ][..],
        &["Overdue goal", "--target", "2026-11-01"],
        &[
            "Done goal",
            "--target",
            "2026-11-01",
            "--status",
            "achieved",
        ],
    ] {
        let mut all = vec!["goal", "add", "--with", "sam"];
        all.extend_from_slice(args);
        ok(dir, &all);
    }
}

#[test]
fn goal_list_text_flags_open_goals_past_their_target() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    assert!(ok(&dir, &["goal", "list", "--with", "sam"]).contains("No goals yet for Sam Lee"));
    let (_t, dir) = tmp();
    three_goals(&dir);
    let out = ok(&dir, &["goal", "list", "--with", "sam"]);
    assert!(out.starts_with("Action plan with Sam Lee"), "{out}");
    let line = |objective: &str| {
        out.lines()
            .find(|l| l.contains(objective))
            .unwrap_or_else(|| panic!("{objective} missing: {out}"))
            .to_string()
    };
    assert!(line("Overdue goal").ends_with("OVERDUE"), "{out}");
    assert!(line("Overdue goal").contains("not started, target 2026-11-01"));
    assert!(!line("Future goal").contains("OVERDUE"), "{out}");
    assert!(!line("Done goal").contains("OVERDUE"), "{out}");
    assert!(line("Done goal").contains("(achieved"), "{out}");
    assert!(out.contains("  Mentee's actions: Plan"), "{out}");
}

#[test]
fn goal_list_json_has_the_fields_and_overdue() {
    let (_t, dir) = tmp();
    three_goals(&dir);
    let v = json(&dir, &["goal", "list", "--with", "sam", "--json"]);
    let rows = v["goals"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let by = |objective: &str| {
        rows.iter()
            .find(|r| r["objective"] == objective)
            .unwrap()
            .clone()
    };
    let future = by("Future goal");
    assert_eq!(future["overdue"], false);
    assert_eq!(future["target"], "2026-12-01");
    assert_eq!(future["mentee_actions"], "Plan");
    assert_eq!(future["created"], TODAY);
    assert_eq!(future["id"].as_str().unwrap().len(), 6);
    for key in [
        "learning_goal",
        "mentor_actions",
        "support_actions",
        "barriers",
        "success_measures",
        "status",
    ] {
        assert!(future.get(key).is_some(), "{key} missing: {future}");
    }
    assert_eq!(by("Overdue goal")["overdue"], true);
    assert_eq!(by("Done goal")["overdue"], false);

    let s = json(&dir, &["status", "--json"]);
    assert_eq!(
        s["partnerships"][0]["goals"],
        serde_json::json!({"open": 2, "overdue": 1})
    );
}

// ---------------------------------------------------------------- tick

#[test]
fn tick_writes_the_sheet_and_links_the_meeting() {
    let (_t, dir) = tmp();
    let id = log_sam(&dir, &["--focus", "Questioning", "notes"]);
    let out = ok(
        &dir,
        &[
            "tick",
            "--with",
            "sam",
            ITEM,
            "--evidence",
            "Debrief of 20 Nov",
            "--meeting",
            &id[..3],
        ],
    );
    assert!(
        out.contains("Ticked curee/mentor-open-questions for Sam Lee"),
        "{out}"
    );
    assert!(out.contains("1/80 achieved"), "{out}");
    let s = sheet(&dir, "sam-lee");
    assert_eq!(s.framework, "curee");
    assert_eq!(s.ticks.len(), 1);
    let t = &s.ticks["mentor-open-questions"];
    assert_eq!(t.date, date(TODAY));
    assert_eq!(t.level, None);
    assert_eq!(t.evidence.meetings, [id.as_str()]);
    assert_eq!(t.evidence.notes, ["Debrief of 20 Nov"]);
    let m = &meetings(&dir, "sam-lee")[0];
    assert_eq!(m.evidences, [ITEM]);
    assert_eq!(m.notes, "notes", "the rest of the meeting is kept");
}

#[test]
fn ticking_again_adds_evidence_without_duplicating() {
    let (_t, dir) = tmp();
    let id = log_sam(&dir, &["notes"]);
    let tick = |extra: &[&str]| {
        let mut a = vec!["tick", "--with", "sam", ITEM, "--meeting", &id];
        a.extend_from_slice(extra);
        ok(&dir, &a)
    };
    tick(&["--evidence", "Debrief"]);
    tick(&[
        "--evidence",
        "Debrief",
        "--evidence",
        "Lesson plan",
        "--file",
        "plan.pdf",
        "--date",
        "2026-11-21",
    ]);
    let s = sheet(&dir, "sam-lee");
    let t = &s.ticks["mentor-open-questions"];
    assert_eq!(t.evidence.notes, ["Debrief", "Lesson plan"]);
    assert_eq!(t.evidence.meetings, [id.as_str()]);
    assert_eq!(t.evidence.files, ["plan.pdf"]);
    assert_eq!(t.date, date("2026-11-21"), "--date changes the date");
    assert_eq!(meetings(&dir, "sam-lee")[0].evidences, [ITEM]);
}

#[test]
fn tick_undo_removes_it_and_a_second_undo_has_nothing_to_undo() {
    let (_t, dir) = tmp();
    let id = log_sam(&dir, &["notes"]);
    ok(&dir, &["tick", "--with", "sam", ITEM, "--meeting", &id]);
    ok(
        &dir,
        &["tick", "--with", "sam", "curee/mentor-model-expertise"],
    );
    let out = ok(
        &dir,
        &["tick", "--with", "sam", ITEM, "--undo", "--meeting", &id],
    );
    assert!(
        out.contains("Unticked curee/mentor-open-questions"),
        "{out}"
    );
    assert!(out.contains("1/80 achieved"), "{out}");
    let s = sheet(&dir, "sam-lee");
    assert!(!s.ticks.contains_key("mentor-open-questions"));
    assert!(
        s.ticks.contains_key("mentor-model-expertise"),
        "others kept"
    );
    assert!(meetings(&dir, "sam-lee")[0].evidences.is_empty());

    let before = snapshot(&dir);
    let err = fail(&dir, &["tick", "--with", "sam", ITEM, "--undo"]);
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn tick_undo_unlinks_the_meetings_the_tick_named() {
    let (_t, dir) = tmp();
    let id = log_sam(&dir, &["notes"]);
    ok(&dir, &["tick", "--with", "sam", ITEM, "--meeting", &id]);
    ok(&dir, &["tick", "--with", "sam", ITEM, "--undo"]);
    assert!(sheet(&dir, "sam-lee").ticks.is_empty());
    let m = &meetings(&dir, "sam-lee")[0];
    assert!(
        m.evidences.is_empty(),
        "meeting still claims to evidence {:?}",
        m.evidences
    );
}

#[test]
fn tick_an_unknown_item_suggests_the_nearest() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let err = fail(&dir, &["tick", "--with", "sam", "curee/open-questions"]);
    assert!(err.contains("has no item 'open-questions'"), "{err}");
    assert!(err.contains("Did you mean"), "{err}");
    assert!(err.contains("curee/mentor-open-questions"), "{err}");
    let err = fail(&dir, &["tick", "--with", "sam", "curee"]);
    assert!(err.contains("FRAMEWORK/ITEM"), "{err}");
    assert!(!pdir(&dir, "sam-lee").join("ticks").exists());
}

#[test]
fn tick_an_unknown_framework_lists_the_known_ones() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let err = fail(
        &dir,
        &["tick", "--with", "sam", "nope/mentor-open-questions"],
    );
    assert!(err.contains("no framework 'nope'"), "{err}");
    assert!(err.contains("curee"), "{err}");
    assert!(!pdir(&dir, "sam-lee").join("ticks").exists());
}

#[test]
fn tick_an_unknown_meeting_is_refused() {
    let (_t, dir) = tmp();
    log_sam(&dir, &["notes"]);
    let before = snapshot(&dir);
    let err = fail(
        &dir,
        &["tick", "--with", "sam", ITEM, "--meeting", "zzzzzz"],
    );
    assert!(err.contains("has no meeting 'zzzzzz'"), "{err}");
    assert!(err.contains("status --with sam-lee"), "{err}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn tick_an_ambiguous_meeting_prefix_is_refused() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let mdir = pdir(&dir, "sam-lee").join("meetings");
    fs::create_dir_all(&mdir).unwrap();
    for id in ["abc234", "abc567"] {
        let m = Meeting::new(id.into(), date("2026-11-20"));
        fs::write(
            mdir.join(format!("2026-11-20-{id}.ron")),
            mentorlog::store::to_ron(&m).unwrap(),
        )
        .unwrap();
    }
    let err = fail(&dir, &["tick", "--with", "sam", ITEM, "--meeting", "abc"]);
    assert!(err.contains("'abc' matches 2 meetings"), "{err}");
    assert!(!pdir(&dir, "sam-lee").join("ticks").exists());
    ok(&dir, &["tick", "--with", "sam", ITEM, "--meeting", "abc5"]);
    let ev: Vec<Vec<String>> = meetings(&dir, "sam-lee")
        .into_iter()
        .map(|m| m.evidences)
        .collect();
    assert_eq!(ev, [vec![], vec![ITEM.to_string()]]);
}

#[test]
fn tick_level_on_a_non_rubric_item_is_refused() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let err = fail(&dir, &["tick", "--with", "sam", ITEM, "--level", "secure"]);
    assert!(err.contains("takes no --level"), "{err}");
    assert!(!pdir(&dir, "sam-lee").join("ticks").exists());
}

#[test]
fn tick_a_rubric_item_needs_one_of_its_levels() {
    let (_t, dir) = tmp();
    put_framework(&dir, "rubric.ron", RUBRIC);
    ok(
        &dir,
        &["partner", "add", "Sam Lee", "--framework", "rubric"],
    );
    let err = fail(&dir, &["tick", "--with", "sam", "rubric/plans"]);
    assert!(err.contains("--level (emerging, secure)"), "{err}");
    let err = fail(
        &dir,
        &["tick", "--with", "sam", "rubric/plans", "--level", "expert"],
    );
    assert!(err.contains("'expert' is not a level of rubric"), "{err}");
    assert!(!pdir(&dir, "sam-lee").join("ticks").exists());
    let out = ok(
        &dir,
        &["tick", "--with", "sam", "rubric/plans", "--level", "secure"],
    );
    assert!(out.contains("level: secure"), "{out}");
    let s: TickSheet = read(&pdir(&dir, "sam-lee").join("ticks/rubric.ron"));
    assert_eq!(s.framework, "rubric");
    assert_eq!(s.ticks["plans"].level.as_deref(), Some("secure"));
}

// ---------------------------------------------------------------- status

/// Sam Lee with one meeting today (focus Questioning) and one tick evidenced by it.
fn one_meeting_one_tick(dir: &Path) -> String {
    let id = log_sam(dir, &["--focus", "Questioning", "Talked about plenaries"]);
    ok(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            ITEM,
            "--evidence",
            "Debrief",
            "--meeting",
            &id,
        ],
    );
    id
}

#[test]
fn status_text_shows_the_dir_partnerships_meetings_and_progress() {
    let (_t, dir) = tmp();
    ok(&dir, &["init", "--name", "Jo Taylor"]);
    assert!(ok(&dir, &["status"]).contains("No partnerships yet"));
    one_meeting_one_tick(&dir);
    add(&dir, "Priya Shah");
    let out = ok(&dir, &["status"]);
    assert!(
        out.contains(&format!("Data directory: {}", dir.display())),
        "{out}"
    );
    assert!(out.contains("Journal of Jo Taylor (mentor)"), "{out}");
    assert!(out.contains("Sam Lee (sam-lee)"), "{out}");
    assert!(
        out.contains("Meetings: 1, last 2026-11-23 (today)"),
        "{out}"
    );
    assert!(out.contains("(curee): 1/80 achieved"), "{out}");
    assert!(out.contains("Priya Shah (priya-shah)"), "{out}");
    assert!(out.contains("Meetings: none yet"), "{out}");
    assert!(out.contains("(curee): 0/80 achieved"), "{out}");
    assert!(!out.contains("Recent meetings"), "details only with --with");
}

#[test]
fn status_with_a_partner_shows_meetings_ticks_and_evidence() {
    let (_t, dir) = tmp();
    let id = one_meeting_one_tick(&dir);
    add(&dir, "Priya Shah");
    let out = ok(&dir, &["status", "--with", "sam"]);
    assert!(!out.contains("Priya"), "{out}");
    assert!(
        out.contains(&format!(
            "2026-11-23 [{id}] in person, meeting: Questioning"
        )),
        "{out}"
    );
    assert!(out.contains("Talked about plenaries"), "{out}");
    assert!(
        out.contains("curee/mentor-open-questions (2026-11-23)"),
        "{out}"
    );
    assert!(
        out.contains(&format!("evidence: meeting {id} Questioning")),
        "{out}"
    );
    assert!(out.contains("evidence: Debrief"), "{out}");
    assert!(out.contains("Mentors: 1/10"), "{out}");
}

#[test]
fn status_json_has_the_documented_shape_and_values() {
    let (_t, dir) = tmp();
    one_meeting_one_tick(&dir);
    ok(
        &dir,
        &[
            "goal",
            "add",
            "--with",
            "sam",
            "Old",
            "--target",
            "2026-11-01",
        ],
    );
    let v = json(&dir, &["status", "--json"]);
    assert_eq!(v["data_dir"], dir.display().to_string());
    let ps = v["partnerships"].as_array().unwrap();
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p["id"], "sam-lee");
    assert_eq!(p["name"], "Sam Lee");
    assert_eq!(p["meetings"], 1);
    assert_eq!(p["last_meeting"], "2026-11-23");
    assert_eq!(p["goals"], serde_json::json!({"open": 1, "overdue": 1}));
    assert_eq!(
        p["progress"],
        serde_json::json!([{"framework": "curee", "achieved": 1, "total": 80}])
    );
    assert!(p["readiness"].is_array(), "{p}");

    let w = json(&dir, &["status", "--with", "sam", "--json"]);
    assert_eq!(w["partnerships"], v["partnerships"]);
}

#[test]
fn status_in_review_mode_hides_private_meetings() {
    let (_t, dir) = tmp();
    log_sam(&dir, &["--focus", "Public focus", "ok"]);
    log_sam(
        &dir,
        &["--focus", "Wellbeing concerns", "--private", "confidential"],
    );
    let normal = ok(&dir, &["status", "--with", "sam"]);
    assert!(normal.contains("Wellbeing concerns"), "{normal}");
    let review = ok(&dir, &["--review", "status", "--with", "sam"]);
    assert!(review.contains("Public focus"), "{review}");
    assert!(!review.contains("Wellbeing concerns"), "{review}");
}

// ---------------------------------------------------------------- framework

#[test]
fn framework_list_text_and_json() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "list"]);
    let curee = out.lines().find(|l| l.starts_with("curee")).expect(&out);
    assert!(curee.contains("80 items"), "{out}");
    assert!(curee.contains("(bundled)"), "{out}");
    let v = json(&dir, &["framework", "list", "--json"]);
    let rows = v["frameworks"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "curee",
            "mcf",
            "ljmu",
            "tla",
            "scotelas",
            "lsis",
            "mentor-competencies",
            "mentee-competencies"
        ]
    );
    assert!(rows.iter().all(|r| r["origin"] == "bundled"));
    assert_eq!(rows[0]["id"], "curee");
    assert_eq!(rows[0]["items"], 80);
    assert_eq!(rows[0]["origin"], "bundled");
    assert!(rows[0]["title"].as_str().unwrap().contains("CUREE"));
}

#[test]
fn framework_show_text_and_json() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "show", "curee"]);
    assert!(out.contains("(curee, 80 items)"), "{out}");
    assert!(out.contains("- curee/mentor-open-questions"), "{out}");
    assert!(
        out.contains("use open questions to raise awareness"),
        "{out}"
    );

    let v = json(&dir, &["framework", "show", "curee", "--json"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["id", "title", "source", "levels", "sections"] {
        assert!(keys.contains(&k), "{k} missing: {keys:?}");
    }
    assert_eq!(v["id"], "curee");
    assert!(v["levels"].as_array().unwrap().is_empty());
    fn items(s: &Value, out: &mut Vec<(String, String)>) {
        for i in s["items"].as_array().unwrap() {
            out.push((
                i["id"].as_str().unwrap().into(),
                i["text"].as_str().unwrap().into(),
            ));
        }
        for c in s["sections"].as_array().unwrap() {
            items(c, out);
        }
    }
    let mut all = Vec::new();
    for s in v["sections"].as_array().unwrap() {
        assert!(s["id"].is_string() && s["title"].is_string());
        items(s, &mut all);
    }
    assert_eq!(all.len(), 80);
    assert!(
        all.iter()
            .all(|(id, text)| !id.is_empty() && !text.is_empty())
    );
    assert!(all.iter().any(|(id, _)| id == "mentor-open-questions"));
}

#[test]
fn framework_show_unknown_lists_the_known_ids() {
    let (_t, dir) = tmp();
    put_framework(&dir, "mine.ron", MY_SCHOOL);
    let err = fail(&dir, &["framework", "show", "nope"]);
    assert!(err.contains("no framework 'nope'"), "{err}");
    assert!(err.contains("curee, mcf"), "{err}");
    assert!(err.contains("mentee-competencies, my-school"), "{err}");
}

#[test]
fn framework_check_a_good_file_says_ok_with_its_item_count() {
    let (t, dir) = tmp();
    let f = t.path().join("good.ron");
    fs::write(&f, MY_SCHOOL).unwrap();
    let out = ok(&dir, &["framework", "check", f.to_str().unwrap()]);
    assert_eq!(
        out.trim(),
        format!("{}: ok: framework 'my-school', 2 items", f.display())
    );
}

#[test]
fn framework_check_a_broken_file_points_at_line_and_column() {
    let (t, dir) = tmp();
    let cases = [
        (
            "dup.ron",
            MY_SCHOOL.replace("id: \"questions\"", "id: \"routines\""),
            ":12:26:",
            "duplicate item id \"routines\"",
        ),
        (
            "syntax.ron",
            MY_SCHOOL.replace("title: \"First term\",", "title: \"First term\" oops"),
            ":9:33:",
            "Expected comma",
        ),
        (
            "dangling.ron",
            MY_SCHOOL.replace("curee/mentor-open-questions", "curee/no-such-item"),
            ":12:44:",
            "points to no bundled item",
        ),
    ];
    for (name, body, pos, message) in cases {
        let f = t.path().join(name);
        fs::write(&f, body).unwrap();
        let err = fail(&dir, &["framework", "check", f.to_str().unwrap()]);
        assert!(
            err.contains(&format!("{}{pos}", f.display())),
            "{name}: {err}"
        );
        assert!(err.contains(message), "{name}: {err}");
    }
    let err = fail(&dir, &["framework", "check", "/nonexistent/x.ron"]);
    assert!(err.contains("/nonexistent/x.ron:1:1: cannot read"), "{err}");
}

#[test]
fn a_user_framework_in_the_data_dir_is_listed_and_usable() {
    let (_t, dir) = tmp();
    let f = put_framework(&dir, "my-school.ron", MY_SCHOOL);
    let out = ok(&dir, &["framework", "list"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("my-school"))
        .expect(&out);
    assert!(line.contains("2 items"), "{out}");
    assert!(line.contains(&f.display().to_string()), "{out}");
    let v = json(&dir, &["framework", "list", "--json"]);
    let mine = v["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "my-school")
        .expect("my-school listed");
    assert_eq!(mine["origin"], f.display().to_string());

    ok(
        &dir,
        &[
            "partner",
            "add",
            "Sam Lee",
            "--framework",
            "my-school",
            "--framework",
            "curee",
        ],
    );
    // A ref item's tick is kept under the item it refers to, and counts in both frameworks.
    let out = ok(&dir, &["tick", "--with", "sam", "my-school/questions"]);
    assert!(out.contains("1/2 achieved"), "{out}");
    assert!(
        sheet(&dir, "sam-lee")
            .ticks
            .contains_key("mentor-open-questions")
    );
    let v = json(&dir, &["status", "--json"]);
    assert_eq!(
        v["partnerships"][0]["progress"],
        serde_json::json!([
            {"framework": "my-school", "achieved": 1, "total": 2},
            {"framework": "curee", "achieved": 1, "total": 80},
        ])
    );
}

#[test]
fn a_broken_user_framework_warns_but_the_commands_still_work() {
    let (_t, dir) = tmp();
    put_framework(&dir, "good.ron", MY_SCHOOL);
    let bad = put_framework(
        &dir,
        "broken.ron",
        &MY_SCHOOL
            .replace("my-school", "broken")
            .replace("title: \"First term\",", "title: \"First term\" oops"),
    );
    let (out, err) = run(&dir, &["framework", "list"]);
    assert!(
        err.contains(&format!(
            "warning: framework not loaded: {}:9:33",
            bad.display()
        )),
        "{err}"
    );
    assert!(out.contains("curee") && out.contains("my-school"), "{out}");
    assert!(!out.contains("broken"), "{out}");
    let (_, err) = run(&dir, &["partner", "add", "Sam Lee"]);
    assert!(err.contains("broken.ron"), "{err}");
    run(&dir, &["log", "--with", "sam", "notes"]);
    run(&dir, &["tick", "--with", "sam", "my-school/routines"]);
    let (out, _) = run(&dir, &["status"]);
    assert!(out.contains("Meetings: 1"), "{out}");
}

// ---------------------------------------------------------------- demo

#[test]
fn demo_writes_three_partnerships_into_an_empty_dir() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["demo"]);
    assert!(out.contains("3 partnerships"), "{out}");
    for id in ["sam-lee", "priya-shah", "alex-morgan"] {
        assert!(
            pdir(&dir, id).join("partnership.ron").is_file(),
            "{id} missing"
        );
    }
    let v = json(&dir, &["status", "--json"]);
    let mut ids: Vec<&str> = v["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["alex-morgan", "priya-shah", "sam-lee"]);
    let (_, err) = run(&dir, &["status"]);
    assert!(
        !err.contains("warning"),
        "the demo reads back cleanly: {err}"
    );
}

#[test]
fn demo_refuses_a_journal_that_holds_partnerships_and_changes_nothing() {
    let (_t, dir) = tmp();
    ok(&dir, &["demo"]);
    let before = snapshot(&dir);
    let err = fail(&dir, &["demo"]);
    assert!(err.contains("already holds partnerships"), "{err}");
    assert_eq!(snapshot(&dir), before);

    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let before = snapshot(&dir);
    fail(&dir, &["demo"]);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn demo_keeps_an_existing_profile() {
    let (_t, dir) = tmp();
    ok(&dir, &["init", "--name", "Ann Smith", "--role", "coach"]);
    let before = fs::read(dir.join("journal.ron")).unwrap();
    // Refusing or writing the demo beside the profile are both fine; losing it is not.
    let _ = ml(&dir).arg("demo").output().unwrap();
    assert_eq!(
        text(&fs::read(dir.join("journal.ron")).unwrap()),
        text(&before)
    );
}

#[test]
fn demo_large_at_scale_2_writes_100_partnerships_with_ids_that_sort() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["demo", "--size", "large", "--scale", "2"]);
    assert!(
        out.contains("100 partnerships, 10000 meetings, 4000 goals, 40000 ticks"),
        "{out}"
    );
    assert!(out.contains("(14302 files"), "{out}");
    let mut ids: Vec<String> = fs::read_dir(dir.join("partnerships"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 100);
    assert_eq!(ids[0], "p0000-sam-lee");
    assert!(ids[99].starts_with("p0099-"), "{}", ids[99]);
    // Every number as wide as the others, so names sort as the numbers do.
    assert!(ids.iter().all(|id| id.as_bytes()[5] == b'-'), "{ids:?}");
    let meetings: usize = ids
        .iter()
        .map(|id| fs::read_dir(pdir(&dir, id).join("meetings")).map_or(0, |d| d.count()))
        .sum();
    // The demo's private meetings are in the owner's private folder.
    assert!((9_000..10_000).contains(&meetings), "{meetings}");
    let v = json(&dir, &["status", "--json"]);
    assert_eq!(v["partnerships"].as_array().unwrap().len(), 100);
}

#[test]
fn demo_scale_is_refused_for_the_small_demo_zero_and_above_100() {
    let (_t, dir) = tmp();
    let err = fail(&dir, &["demo", "--scale", "2"]);
    assert!(err.contains("--scale is for the large demo"), "{err}");
    let err = fail(&dir, &["demo", "--size", "small", "--scale", "1"]);
    assert!(err.contains("--scale is for the large demo"), "{err}");
    for n in ["0", "101", "many"] {
        let err = fail(&dir, &["demo", "--size", "large", "--scale", n]);
        assert!(err.contains("invalid value"), "{n}: {err}");
        assert!(err.contains("--scale"), "{n}: {err}");
    }
    fail(&dir, &["demo", "--size", "large", "--scale", "-1"]);
    let err = fail(&dir, &["demo", "--size", "large", "--scale", "101"]);
    assert!(err.contains("1..=100"), "{err}");
    // Nothing was written.
    let partnerships = fs::read_dir(dir.join("partnerships")).map_or(0, |d| d.count());
    assert_eq!(partnerships, 0);
}

// ---------------------------------------------------------------- completions, man

#[test]
fn completions_print_a_script_for_each_shell() {
    let (_t, dir) = tmp();
    let bash = ok(&dir, &["completions", "bash"]);
    assert!(bash.contains("_mentorlog()"), "{bash}");
    assert!(bash.contains("complete -F _mentorlog"), "{bash}");
    assert!(ok(&dir, &["completions", "zsh"]).contains("#compdef mentorlog"));
    assert!(ok(&dir, &["completions", "fish"]).contains("complete -c mentorlog"));
    fail(&dir, &["completions", "tcsh"]);
}

#[test]
fn man_prints_roff() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["man"]);
    assert!(out.starts_with(".TH") || out.starts_with(".ie"), "{out}");
    assert!(out.contains(".TH mentorlog 1"), "{out}");
    assert!(out.contains("partner"), "{out}");
}

#[test]
fn status_into_a_closed_pipe_exits_quietly() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let o = std_ml(&dir)
        .arg("status")
        .stdout(closed_stdout())
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?} {}", o.status, text(&o.stderr));
    assert!(text(&o.stderr).is_empty(), "{}", text(&o.stderr));
}

#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    let (_t, dir) = tmp();
    let o = std_ml(&dir)
        .args(["completions", "bash"])
        .stdout(closed_stdout())
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.status.success(), "{:?}", o.status);
}

// ---------------------------------------------------------------- damaged and newer files

/// `PATH:LINE:COL` of the first `;` in a file, as mentorlog should report it.
fn semicolon_position(path: &Path) -> String {
    let body = fs::read_to_string(path).unwrap();
    let (n, line) = body
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(';'))
        .unwrap();
    let col = line.find(';').unwrap() + 1;
    format!("{}:{}:{col}", path.display(), n + 1)
}

#[test]
fn a_broken_meeting_file_is_reported_and_never_overwritten() {
    let (_t, dir) = tmp();
    let broken_id = log_sam(&dir, &["--focus", "First", "one"]);
    let good_id = log_sam(&dir, &["--focus", "Second", "two"]);
    let broken = meeting_files(&dir, "sam-lee")
        .into_iter()
        .find(|p| p.to_str().unwrap().contains(&broken_id))
        .unwrap();
    let body =
        fs::read_to_string(&broken)
            .unwrap()
            .replacen("mode: InPerson,", "mode: InPerson;", 1);
    fs::write(&broken, &body).unwrap();
    let at = semicolon_position(&broken);

    let (out, err) = run(&dir, &["status", "--with", "sam"]);
    assert!(err.contains(&at), "{err}");
    assert!(out.contains(&format!("[{good_id}]")), "{out}");
    assert!(out.contains("Meetings: 1,"), "{out}");

    for args in [
        &["log", "--with", "sam", "three"][..],
        &["tick", "--with", "sam", ITEM, "--meeting", &good_id],
        &["goal", "add", "--with", "sam", "A goal"],
    ] {
        let (_, err) = run(&dir, args);
        assert!(err.contains(&at), "{args:?}: {err}");
    }
    // The broken meeting cannot be named as evidence, and nothing touches it.
    let err = fail(
        &dir,
        &["tick", "--with", "sam", ITEM, "--meeting", &broken_id],
    );
    assert!(err.contains("has no meeting"), "{err}");
    assert_eq!(fs::read_to_string(&broken).unwrap(), body);
    assert_eq!(meeting_files(&dir, "sam-lee").len(), 3);
    assert_eq!(goals(&dir, "sam-lee").len(), 1);
    assert_eq!(sheet(&dir, "sam-lee").ticks.len(), 1);
}

#[test]
fn a_broken_tick_sheet_is_not_overwritten() {
    let (_t, dir) = tmp();
    log_sam(&dir, &["notes"]);
    ok(&dir, &["tick", "--with", "sam", ITEM]);
    let path = pdir(&dir, "sam-lee").join("ticks/curee.ron");
    let body = fs::read_to_string(&path)
        .unwrap()
        .replacen("level: None,", "level: None;", 1);
    fs::write(&path, &body).unwrap();
    let err = fail(
        &dir,
        &["tick", "--with", "sam", "curee/mentor-model-expertise"],
    );
    assert!(err.contains("will not overwrite"), "{err}");
    assert!(err.contains(&semicolon_position(&path)), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), body);
}

#[test]
fn files_from_a_newer_mentorlog_are_refused_and_left_untouched() {
    let (_t, dir) = tmp();
    ok(&dir, &["init", "--name", "Ann"]);
    let newer_id = log_sam(&dir, &["one"]);
    log_sam(&dir, &["two"]);
    ok(&dir, &["tick", "--with", "sam", ITEM]);
    let bump = |p: &Path| {
        let body = fs::read_to_string(p)
            .unwrap()
            .replacen("version: 1,", "version: 99,", 1);
        fs::write(p, &body).unwrap();
        body
    };

    // A meeting: skipped with a message, never rewritten.
    let meeting = meeting_files(&dir, "sam-lee")
        .into_iter()
        .find(|p| p.to_str().unwrap().contains(&newer_id))
        .unwrap();
    let meeting_body = bump(&meeting);
    let (_, err) = run(&dir, &["status"]);
    assert!(
        err.contains(&format!(
            "{}: written by a newer mentorlog",
            meeting.display()
        )),
        "{err}"
    );
    assert_eq!(
        json(&dir, &["status", "--json"])["partnerships"][0]["meetings"],
        1
    );
    let err = fail(
        &dir,
        &["tick", "--with", "sam", ITEM, "--meeting", &newer_id],
    );
    assert!(err.contains("has no meeting"), "{err}");

    // The tick sheet: a tick is refused rather than written over it.
    let ticks = pdir(&dir, "sam-lee").join("ticks/curee.ron");
    let ticks_body = bump(&ticks);
    let err = fail(
        &dir,
        &["tick", "--with", "sam", "curee/mentor-model-expertise"],
    );
    assert!(err.contains("written by a newer mentorlog"), "{err}");

    // The journal: init refuses to replace it.
    let journal = dir.join("journal.ron");
    let journal_body = bump(&journal);
    let err = fail(&dir, &["init", "--name", "Someone else"]);
    assert!(err.contains("written by a newer mentorlog"), "{err}");
    assert!(err.contains("cannot be read"), "{err}");

    // The partnership: skipped, and log cannot reach it.
    let partnership = pdir(&dir, "sam-lee").join("partnership.ron");
    let partnership_body = bump(&partnership);
    let err = fail(&dir, &["log", "--with", "sam-lee", "x"]);
    assert!(err.contains("written by a newer mentorlog"), "{err}");

    for (p, body) in [
        (&meeting, meeting_body),
        (&ticks, ticks_body),
        (&journal, journal_body),
        (&partnership, partnership_body),
    ] {
        assert_eq!(fs::read_to_string(p).unwrap(), body, "{}", p.display());
    }
    assert_eq!(meeting_files(&dir, "sam-lee").len(), 2);
}

// ---------------------------------------------------------------- permissions

#[test]
fn created_files_are_0600_and_directories_0700() {
    let (_t, dir) = tmp();
    ok(&dir, &["init", "--name", "Ann"]);
    let id = log_sam(&dir, &["notes"]);
    ok(&dir, &["goal", "add", "--with", "sam", "G"]);
    ok(&dir, &["tick", "--with", "sam", ITEM, "--meeting", &id]);
    let mut seen = (0, 0);
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let mode = fs::metadata(&d).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", d.display());
        seen.0 += 1;
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{}", p.display());
                seen.1 += 1;
            }
        }
    }
    // journal, partnerships, sam-lee, meetings, goals, ticks; and at least 5 files.
    assert!(seen.0 >= 6 && seen.1 >= 5, "{seen:?}");
}

// ---------------------------------------------------------------- concurrency

#[test]
fn concurrent_logs_lose_no_meeting() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                for i in 0..25 {
                    let o = std_ml(&dir)
                        .args(["log", "--with", "sam", &format!("worker {w} meeting {i}")])
                        .stdout(Stdio::null())
                        .output()
                        .unwrap();
                    assert!(o.status.success(), "{}", text(&o.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let all = meetings(&dir, "sam-lee");
    assert_eq!(all.len(), 50);
    let ids: std::collections::BTreeSet<&str> = all.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), 50);
    let notes: std::collections::BTreeSet<&str> = all.iter().map(|m| m.notes.as_str()).collect();
    assert_eq!(notes.len(), 50);
    let v = json(&dir, &["status", "--json"]);
    assert_eq!(v["partnerships"][0]["meetings"], 50);
}

#[test]
fn concurrent_ticks_of_one_framework_all_survive() {
    let (_t, dir) = tmp();
    add(&dir, "Sam Lee");
    let items = item_ids(&dir, "curee");
    assert_eq!(items.len(), 80);
    let workers: Vec<_> = [items[..10].to_vec(), items[10..20].to_vec()]
        .into_iter()
        .map(|mine| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                for item in mine {
                    let o = std_ml(&dir)
                        .args(["tick", "--with", "sam", &format!("curee/{item}")])
                        .stdout(Stdio::null())
                        .output()
                        .unwrap();
                    assert!(o.status.success(), "{}", text(&o.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let s = sheet(&dir, "sam-lee");
    let ticked: Vec<&String> = s.ticks.keys().collect();
    assert_eq!(ticked.len(), 20, "{ticked:?}");
    for item in &items[..20] {
        assert!(s.ticks.contains_key(item), "{item} lost");
    }
    let v = json(&dir, &["status", "--json"]);
    assert_eq!(v["partnerships"][0]["progress"][0]["achieved"], 20);
}

#[test]
fn action_list_and_done_work_across_meetings() {
    let (_t, dir) = tmp();
    ok(&dir, &["demo"]);
    let open = ok(&dir, &["action", "list", "--with", "sam"]);
    assert_eq!(open.lines().count(), 1, "{open}");
    assert!(open.starts_with("[ ] Try three open questions"), "{open}");
    // By the start of its text; then it is done in its meeting's file.
    let said = ok(&dir, &["action", "done", "--with", "sam", "try three"]);
    assert!(said.contains("done"), "{said}");
    let v = json(
        &dir,
        &["action", "list", "--with", "sam", "--all", "--json"],
    );
    let items = v["action_items"].as_array().unwrap();
    assert!(items.len() > 1);
    assert!(items.iter().all(|i| i["done"] == true), "{v}");
    let id = items[0]["id"].as_str().unwrap().to_string();
    let meeting: Meeting = read(&dir.join("partnerships/sam-lee/meetings").join(format!(
        "{}-{}.ron",
        items[0]["meeting_date"].as_str().unwrap(),
        items[0]["meeting"].as_str().unwrap()
    )));
    assert!(meeting.action_items.iter().any(|a| a.id == id && a.done));
    // Open again by id; an unknown one says how to find the ids.
    ok(&dir, &["action", "done", "--with", "sam", &id, "--undo"]);
    assert_eq!(
        ok(&dir, &["action", "list", "--with", "sam"])
            .lines()
            .count(),
        1
    );
    let err = fail(
        &dir,
        &["action", "done", "--with", "sam", "nothing like it"],
    );
    assert!(err.contains("action list --with sam --all"), "{err}");
}
