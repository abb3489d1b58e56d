//! Lose nothing: saves killed with SIGKILL leave every file whole (old or new), and two
//! processes making hundreds of random edits to one journal lose none of them.
//!
//! The two writers are this test binary itself, started again as child processes with
//! `MENTORLOG_WRITER` set: real separate processes using the library's store.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::NaiveDate;
use mentorlog::model::*;
use mentorlog::store::{Loaded, Store, read_record};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mentorlog"))
}

fn ml(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR");
    c
}

#[test]
fn saves_killed_at_random_moments_leave_old_or_new_content() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    assert!(
        ml(&dir)
            .args(["partner", "add", "Sam Lee"])
            .status()
            .unwrap()
            .success()
    );
    let sheet = dir.join("partnerships/sam-lee/ticks/curee.ron");
    let mut rng = fastrand::Rng::with_seed(7);
    // How long one tick takes start to finish here, so kills spread over the whole run,
    // the save included, rather than all landing while the process starts.
    let started = std::time::Instant::now();
    for _ in 0..5 {
        let s = ml(&dir)
            .args(["tick", "--with", "sam-lee", "curee/mentor-model-expertise"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(s.success());
        let s = ml(&dir)
            .args([
                "tick",
                "--with",
                "sam-lee",
                "curee/mentor-model-expertise",
                "--undo",
            ])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(s.success());
    }
    let run = (started.elapsed() / 10).as_micros() as u64;
    let mut notes: Vec<String> = Vec::new();
    let (mut kills, mut completed) = (0, 0);
    // Until at least 220 saves were killed (and some finished), whatever this machine's speed.
    let mut i = 0;
    while (kills < 220 || completed < 10) && i < 2000 {
        i += 1;
        let evidence = format!("e{i}");
        let mut child = ml(&dir)
            .args([
                "tick",
                "--with",
                "sam-lee",
                "curee/mentor-open-questions",
                "--evidence",
                &evidence,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Most kills land while the process starts, reads or saves; some let it finish.
        // Mostly within the run (kills land in start-up, reading or the save); one in eight
        // waits longer, so some saves finish.
        let wait = if rng.u8(..8) == 0 {
            run * 2
        } else {
            rng.u64(run / 3..run)
        };
        std::thread::sleep(Duration::from_micros(wait));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        let status = child.wait().unwrap();
        if status.success() {
            completed += 1;
        }
        // (The sheet exists from the timing runs above, with no tick on this item yet.)
        // The file always parses, and holds either the notes before this save or those plus e{i}.
        let now: TickSheet = read_record(&sheet).unwrap_or_else(|e| panic!("after kill {i}: {e}"));
        let got = now
            .ticks
            .get("mentor-open-questions")
            .map(|t| t.evidence.notes.clone())
            .unwrap_or_default();
        let mut with_new = notes.clone();
        with_new.push(evidence);
        assert!(
            got == notes || got == with_new,
            "after save {i}: {got:?} is neither old {notes:?} nor new"
        );
        notes = got;
    }
    assert!(kills >= 200, "only {kills} saves were killed");
    assert!(
        completed > 0,
        "no save ever completed: the kills all came too early"
    );
    // No half-written record is ever loaded: temporary files are hidden from the journal.
    let snap = Store::new(&dir).load();
    assert!(snap.problems.is_empty(), "{:?}", snap.problems);
    eprintln!(
        "one run {run} µs; {kills} kills, {completed} saves completed, {} notes kept",
        notes.len()
    );
}

// ------------------------------------------------------------------ two writers

const EDITS: usize = 500;

/// What one writer did, written as JSON for the parent test to check.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Log {
    /// Values this writer gave the shared goal's objective (the field both edit).
    objectives: Vec<String>,
    /// Objective values this writer's saves were based on (what it had seen).
    seen: Vec<String>,
    /// Final tick state this writer expects for the items it owns.
    ticks: BTreeMap<String, bool>,
    /// The last value it gave its own field of the shared goal.
    own_field: Option<String>,
    meetings: Vec<String>,
}

fn writer(dir: &Path, name: &str, seed: u64) -> Log {
    let store = Store::new(dir);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut log = Log::default();
    let prefix = if name == "a" { "mentor-" } else { "coach-" };
    let items: Vec<String> = mentorlog::framework::FrameworkSet::bundled()
        .get("curee")
        .unwrap()
        .items()
        .into_iter()
        .map(|(_, i)| i.id.clone())
        .filter(|i| i.starts_with(prefix))
        .collect();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap().clone();
    let mut goal: Loaded<Goal> = p.goals[0].clone();
    let mut sheet: Option<Loaded<TickSheet>> = p.tick_sheet("curee").cloned();
    for n in 0..EDITS {
        // Sometimes work from a fresh read, often from what this writer last knew (stale).
        if rng.u8(..10) < 3 {
            let snap = store.load();
            let p = snap.partnership("sam-lee").unwrap();
            goal = p.goals[0].clone();
            sheet = p.tick_sheet("curee").cloned();
        }
        match rng.u8(..4) {
            0 => {
                // The same field of the same record as the other writer.
                let mut g = goal.value.clone();
                g.objective = format!("{name}-{n}");
                log.seen.push(goal.value.objective.clone());
                log.objectives.push(g.objective.clone());
                let saved = store.save(&goal, &g).unwrap();
                goal.value = saved.value;
            }
            1 => {
                // A field of the same record only this writer edits.
                let mut g = goal.value.clone();
                let v = format!("{name}-{n}");
                if name == "a" {
                    g.barriers = v.clone();
                } else {
                    g.success_measures = v.clone();
                }
                log.seen.push(goal.value.objective.clone());
                log.own_field = Some(v);
                let saved = store.save(&goal, &g).unwrap();
                goal.value = saved.value;
            }
            2 => {
                // Tick or untick one of this writer's items in the shared tick sheet.
                let item = items[rng.usize(..items.len())].clone();
                let base = sheet.as_ref().map(|s| s.value.clone());
                let mut new = base.clone().unwrap_or_else(|| TickSheet::new("curee"));
                let on = !new.ticks.contains_key(&item);
                if on {
                    new.ticks.insert(
                        item.clone(),
                        Tick {
                            date: today(),
                            level: None,
                            evidence: Evidence::default(),
                            verification: None,
                        },
                    );
                } else {
                    new.ticks.remove(&item);
                }
                let path = p.tick_path("curee");
                let saved = store.save_at(&path, base.as_ref(), &new).unwrap();
                log.ticks.insert(item, on);
                sheet = Some(Loaded {
                    path,
                    value: saved.value,
                });
            }
            _ => {
                let m = Meeting::new(format!("{name}{n:04}"), today());
                store.create_meeting(&p, &m).unwrap();
                log.meetings.push(m.id);
            }
        }
    }
    log
}

/// The child side: runs only when started by the parent test with MENTORLOG_WRITER set.
#[test]
fn writer_process() {
    let Ok(role) = std::env::var("MENTORLOG_WRITER") else {
        return;
    };
    let dir = PathBuf::from(std::env::var("MENTORLOG_WRITER_DIR").unwrap());
    let seed = if role == "a" { 11 } else { 22 };
    let log = writer(&dir, &role, seed);
    std::fs::write(
        dir.join(format!("log-{role}.json")),
        serde_json::to_string(&log).unwrap(),
    )
    .unwrap();
}

#[test]
fn two_processes_making_500_edits_each_lose_nothing() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    assert!(
        ml(&dir)
            .args(["partner", "add", "Sam Lee"])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        ml(&dir)
            .args(["goal", "add", "--with", "sam", "start"])
            .status()
            .unwrap()
            .success()
    );
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|role| {
            Command::new(&me)
                .args([
                    "--exact",
                    "writer_process",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("MENTORLOG_WRITER", role)
                .env("MENTORLOG_WRITER_DIR", &dir)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let logs: Vec<Log> = ["a", "b"]
        .iter()
        .map(|r| {
            serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("log-{r}.json"))).unwrap(),
            )
            .unwrap()
        })
        .collect();
    let store = Store::new(&dir);
    let snap = store.load();
    assert!(snap.problems.is_empty(), "{:?}", snap.problems);
    let p = snap.partnership("sam-lee").unwrap();

    // Every meeting either process created is there.
    let ids: BTreeSet<&str> = p.meetings.iter().map(|m| m.value.id.as_str()).collect();
    for log in &logs {
        for m in &log.meetings {
            assert!(ids.contains(m.as_str()), "meeting {m} lost");
        }
    }
    assert_eq!(
        ids.len(),
        logs.iter().map(|l| l.meetings.len()).sum::<usize>()
    );

    // Ticks merge per item: each writer's items end as that writer last left them.
    let sheet = &p.tick_sheet("curee").unwrap().value;
    for log in &logs {
        for (item, on) in &log.ticks {
            assert_eq!(sheet.ticks.contains_key(item), *on, "tick {item} lost");
        }
    }

    // Fields only one writer edits keep that writer's last value.
    let goal = &p.goals[0].value;
    assert_eq!(
        Some(&goal.barriers),
        logs[0].own_field.as_ref().or(Some(&String::new()))
    );
    assert_eq!(
        Some(&goal.success_measures),
        logs[1].own_field.as_ref().or(Some(&String::new()))
    );

    // The field both edit: every value written is the final one, was seen by a later save,
    // or is kept in a conflict copy.
    let copies: BTreeSet<String> = snap
        .conflicts
        .iter()
        .map(|c| read_record::<Goal>(c).unwrap().objective)
        .collect();
    let seen: BTreeSet<&String> = logs.iter().flat_map(|l| &l.seen).collect();
    let mut conflicts = 0;
    for log in &logs {
        for v in &log.objectives {
            let kept = *v == goal.objective || seen.contains(v) || copies.contains(v);
            assert!(kept, "objective {v} was lost");
            conflicts += usize::from(copies.contains(v));
        }
    }
    eprintln!(
        "{} meetings, {} ticks, {} conflict copies",
        ids.len(),
        sheet.ticks.len(),
        snap.conflicts.len()
    );
    assert!(
        conflicts > 0,
        "the writers never collided: the test exercised nothing"
    );
}
