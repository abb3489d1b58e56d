//! Hostile input: every record type round-trips through its file for arbitrary contents, and
//! every loader (records, frameworks, prompt banks, theme, keymap) answers arbitrary bytes with
//! a value or an error, never a panic.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use mentorlog::framework::parse_framework;
use mentorlog::framework::prompts::PromptBanks;
use mentorlog::model::*;
use mentorlog::store::{Record, parse_record, to_ron};
use mentorlog::ui::{Keymap, Theme};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any unicode, quotes, backslashes, newlines, RON syntax characters and wide characters.
    prop_oneof![
        any::<String>(),
        "[a-z \"\\\\\n\t(),:{}\\[\\]#/*]{0,40}",
        "[李雷質問🧑‍🏫é\u{301}]{0,10}",
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-200_000i32..200_000).prop_map(|d| {
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
            + chrono::Days::new(0)
            + chrono::TimeDelta::days(d as i64)
    })
}

fn opt_date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(date())
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn action() -> impl Strategy<Value = ActionItem> {
    (text(), text(), pick(Owner::ALL), opt_date(), any::<bool>()).prop_map(
        |(id, text, owner, due, done)| ActionItem {
            id,
            text,
            owner,
            due,
            done,
        },
    )
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (
            text(),
            date(),
            proptest::option::of((0u32..24, 0u32..60)),
            proptest::option::of(any::<u32>()),
        ),
        (
            pick(MeetingMode::ALL),
            pick(MeetingType::ALL),
            text(),
            text(),
            text(),
        ),
        (
            proptest::collection::vec(action(), 0..4),
            proptest::collection::vec(text(), 0..3),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, date, time, dur),
                (mode, kind, focus, notes, outcomes),
                (actions, list, private),
            )| {
                let mut m = Meeting::new(id, date);
                m.time = time.map(|(h, mi)| NaiveTime::from_hms_opt(h, mi, 0).unwrap());
                m.duration_minutes = dur;
                m.mode = mode;
                m.kind = kind;
                m.focus = focus;
                m.notes = notes;
                m.outcomes = outcomes;
                m.action_items = actions;
                m.goals = list.clone();
                m.evidences = list.clone();
                m.tags = list;
                m.private = private;
                m
            },
        )
}

fn goal() -> impl Strategy<Value = Goal> {
    (
        (text(), date(), text(), text(), text(), text()),
        (text(), text(), text(), opt_date(), pick(GoalStatus::ALL)),
        proptest::collection::vec((date(), text()), 0..3),
    )
        .prop_map(
            |(
                (id, created, lg, obj, mentee, mentor),
                (support, barriers, success, target, status),
                reviews,
            )| Goal {
                by: Default::default(),
                version: SCHEMA_VERSION,
                id,
                created,
                learning_goal: lg,
                objective: obj,
                mentee_actions: mentee,
                mentor_actions: mentor,
                support_actions: support,
                barriers,
                success_measures: success,
                target,
                status,
                agreed: Vec::new(),
                comments: Vec::new(),
                reviews: reviews
                    .into_iter()
                    .map(|(date, note)| Review { date, note })
                    .collect(),
            },
        )
}

fn verification() -> impl Strategy<Value = Verification> {
    (text(), proptest::option::of(text()), date(), text()).prop_map(
        |(name, role, date, comment)| Verification {
            name,
            role,
            date,
            comment,
        },
    )
}

fn tick() -> impl Strategy<Value = Tick> {
    (
        date(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::option::of(verification()),
    )
        .prop_map(|(date, level, list, verification)| Tick {
            date,
            level,
            evidence: Evidence {
                meetings: list.clone(),
                notes: list.clone(),
                files: list,
            },
            verification: verification.map(Box::new),
        })
}

fn sheet() -> impl Strategy<Value = TickSheet> {
    (
        text(),
        proptest::collection::btree_map(text(), tick(), 0..4),
    )
        .prop_map(|(framework, ticks)| TickSheet {
            by: Default::default(),
            version: SCHEMA_VERSION,
            framework,
            ticks,
        })
}

fn partnership() -> impl Strategy<Value = Partnership> {
    (
        (
            text(),
            text(),
            proptest::option::of(text()),
            pick(PartnershipKind::ALL),
            pick(Pathway::ALL),
        ),
        (
            proptest::option::of(text()),
            date(),
            opt_date(),
            any::<u32>(),
            pick(PartnershipStatus::ALL),
        ),
        (
            proptest::collection::vec(text(), 0..3),
            any::<bool>(),
            proptest::option::of((date(), any::<u8>(), text())),
        ),
    )
        .prop_map(
            |(
                (id, name, inst, kind, pathway),
                (focus, start, end, cadence, status),
                (list, agreed, eval),
            )| {
                Partnership {
                    signatures: Vec::new(),
                    by: Default::default(),
                    version: SCHEMA_VERSION,
                    id,
                    name,
                    institution: inst,
                    kind,
                    pathway,
                    focus,
                    start,
                    end,
                    cadence_days: cadence,
                    // Either rhythm, the LSIS one written into the file.
                    rhythm: if cadence % 2 == 0 {
                        Rhythm::Lsis
                    } else {
                        Rhythm::Days
                    },
                    frameworks: list.clone(),
                    status,
                    agreement: agreed.then(|| Agreement {
                        outcomes: list.clone(),
                        mentee_responsibilities: list.clone(),
                        mentor_responsibilities: list.clone(),
                        tone_ground_rules: list.clone(),
                        logistics_ground_rules: list.clone(),
                        agreed_by_mentee: Some(start),
                        agreed: Vec::new(),
                        agreed_by_mentor: end,
                    }),
                    thoughts: Vec::new(),
                    evaluation: eval.map(|(date, score, comments)| Evaluation {
                        date,
                        answers: list
                            .iter()
                            .map(|s| LikertAnswer {
                                statement: s.clone(),
                                score,
                            })
                            .collect(),
                        comments,
                    }),
                }
            },
        )
}

fn reflection() -> impl Strategy<Value = Reflection> {
    (
        text(),
        date(),
        pick(Role::ALL),
        proptest::option::of(text()),
        text(),
        proptest::option::of(text()),
        any::<bool>(),
    )
        .prop_map(
            |(id, date, author, prompt, text, attachment, private)| Reflection {
                by: Default::default(),
                version: SCHEMA_VERSION,
                id,
                date,
                author,
                prompt,
                text,
                attachment,
                private,
            },
        )
}

fn stage() -> impl Strategy<Value = StageRecord> {
    (
        text(),
        text(),
        text(),
        text(),
        proptest::collection::vec(verification(), 0..3),
    )
        .prop_map(
            |(framework, stage, reflection, targets, verifications)| StageRecord {
                by: Default::default(),
                version: SCHEMA_VERSION,
                framework,
                stage,
                reflection,
                targets,
                verifications,
            },
        )
}

fn journal() -> impl Strategy<Value = Journal> {
    (
        text(),
        pick(Role::ALL),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(|(name, role, institution, stage)| Journal {
            members: Vec::new(),
            version: SCHEMA_VERSION,
            profile: Profile {
                id: None,
                keys: Vec::new(),
                name,
                role,
                institution,
                stage,
            },
            settings: Default::default(),
        })
}

fn round_trips<T: Record + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let text = to_ron(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = parse_record(Path::new("x.ron"), &text)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn meetings_round_trip(m in meeting()) { round_trips(&m)?; }

    #[test]
    fn goals_round_trip(g in goal()) { round_trips(&g)?; }

    #[test]
    fn tick_sheets_round_trip(s in sheet()) { round_trips(&s)?; }

    #[test]
    fn partnerships_round_trip(p in partnership()) { round_trips(&p)?; }

    #[test]
    fn reflections_round_trip(r in reflection()) { round_trips(&r)?; }

    #[test]
    fn stage_records_round_trip(s in stage()) { round_trips(&s)?; }

    #[test]
    fn journals_round_trip(j in journal()) { round_trips(&j)?; }
}

/// Every loader, fed the same input: each must return, never panic.
fn feed(input: &str) {
    let p = Path::new("fuzz.ron");
    let _ = parse_record::<Journal>(p, input);
    let _ = parse_record::<Partnership>(p, input);
    let _ = parse_record::<Meeting>(p, input);
    let _ = parse_record::<Goal>(p, input);
    let _ = parse_record::<TickSheet>(p, input);
    let _ = parse_record::<Reflection>(p, input);
    let _ = parse_record::<StageRecord>(p, input);
    let _ = parse_framework("fuzz.ron", input);
    let _ = ron_options().from_str::<PromptBanks>(input);
    let _ = Theme::default().overlay(input);
    let _ = Keymap::default().overlay(input);
    let _ = parse_date(input, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
}

/// Inputs that look like the real files, then broken: more likely to reach deep code paths.
fn near_miss() -> impl Strategy<Value = String> {
    let seeds = [
        to_ron(&Meeting::new(
            "ab12cd".into(),
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        ))
        .unwrap(),
        include_str!("../frameworks/curee.ron")[..2000].to_string(),
        "(accent: \"cyan\")".to_string(),
        "{\"quit\": [\"q\", \"ctrl-c\"]}".to_string(),
        "TickSheet(version: 1, framework: \"curee\", ticks: {\"x\": Tick(date: \"2026-01-01\")})"
            .to_string(),
        "Goal(version: 99, id: \"g\")".to_string(),
    ];
    (0..seeds.len(), any::<usize>(), any::<usize>(), text()).prop_map(
        move |(i, at, len, insert)| {
            let s = &seeds[i];
            let chars: Vec<char> = s.chars().collect();
            let at = at % (chars.len() + 1);
            let end = (at + len % 8).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(&insert);
            out.extend(&chars[end..]);
            out
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_a_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        feed(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn broken_real_files_never_panic_a_loader(input in near_miss()) {
        feed(&input);
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    feed(&deep);
    let deep = format!("Meeting(notes: {}", "(".repeat(50_000));
    feed(&deep);
}
