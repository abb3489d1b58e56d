//! Every example command in README.md runs as written.
//!
//! The commands are read from README.md itself: the `mentorlog ...` lines of the shell block in
//! "A short tour of the command line", the code spans of that section's bullets that are
//! commands (`mentorlog ...`, or a subcommand such as `export ics --with sam`, which is run as
//! `mentorlog export ics --with sam`), and every `mentorlog ...` code span elsewhere. A word
//! with alternatives (`bash|zsh|fish`) is run once with each. Placeholders are given real
//! values: MEETING_ID a meeting of the journal, ID a bundled framework, FILE.json the jrnl
//! export in tests/fixtures, FILE a file holding README's own framework example, and
//! /tmp/mentorlog-demo a temporary folder.
//!
//! The tour is a sequence that starts from nothing (its first line adds "Sam Lee"), so it runs
//! in order on a new journal. Each other example runs on a fresh demo journal (so one that
//! changes the journal, `tick ... --undo`, cannot make another fail), except `demo`, which
//! needs an empty one. Everything runs from a temporary working directory, so `-o sam.html`
//! lands there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use clap::CommandFactory;
use mentorlog::cli::Cli;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The section of README.md under the heading `title`, up to the next `## ` heading.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("README.md has no section '{title}'"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// The text outside fenced code blocks, and the fenced blocks' bodies (with their language).
fn split_fences(text: &str) -> (String, Vec<(String, String)>) {
    let mut prose = String::new();
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start().strip_prefix("```")) {
            (None, Some(lang)) => current = Some((lang.trim().to_string(), String::new())),
            (Some(_), Some(_)) => blocks.push(current.take().unwrap()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {
                prose.push_str(line);
                prose.push('\n');
            }
        }
    }
    (prose, blocks)
}

/// The code spans of prose (a span may wrap onto the next line).
fn spans(prose: &str) -> Vec<String> {
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The commands of a shell block: continuation lines joined, comments dropped.
fn shell_lines(body: &str) -> Vec<String> {
    body.replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Split a shell command line into words: double and single quotes, backslash escapes, and a
/// `#` comment at the start of a word. A word with unquoted `|` becomes its alternatives.
fn words(line: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut word = vec![String::new()];
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let finish = |word: &mut Vec<String>, in_word: &mut bool, out: &mut Vec<Vec<String>>| {
        if *in_word {
            out.push(std::mem::replace(word, vec![String::new()]));
            *in_word = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => finish(&mut word, &mut in_word, &mut out),
            '#' if !in_word => break,
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.last_mut().unwrap().push(chars.next().unwrap_or('\\')),
                        c => word.last_mut().unwrap().push(c),
                    }
                }
            }
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.last_mut().unwrap().push(c);
                }
            }
            '\\' => {
                in_word = true;
                word.last_mut().unwrap().push(chars.next().unwrap_or('\\'));
            }
            '|' => {
                in_word = true;
                word.push(String::new());
            }
            c => {
                in_word = true;
                word.last_mut().unwrap().push(c);
            }
        }
    }
    finish(&mut word, &mut in_word, &mut out);
    out
}

/// Every command a line stands for (one per combination of alternatives).
fn expand(line: &str) -> Vec<Vec<String>> {
    let mut all = vec![Vec::new()];
    for alternatives in words(line) {
        all = all
            .into_iter()
            .flat_map(|prefix: Vec<String>| {
                alternatives.iter().map(move |w| {
                    let mut v = prefix.clone();
                    v.push(w.clone());
                    v
                })
            })
            .collect();
    }
    all
}

/// The names of mentorlog's subcommands.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The example commands of README.md: the tour's block (in order), and the others.
fn examples() -> (Vec<String>, Vec<String>) {
    let text = readme();
    let tour = section(&text, "A short tour of the command line");
    let (prose, blocks) = split_fences(tour);
    let sh: Vec<&(String, String)> = blocks.iter().filter(|(l, _)| l == "sh").collect();
    assert_eq!(sh.len(), 1, "the tour has one shell block");
    let tour_lines: Vec<String> = shell_lines(&sh[0].1)
        .into_iter()
        .filter(|l| l.starts_with("mentorlog"))
        .collect();
    let subs = subcommands();
    let is_command = |s: &str| {
        let first = s.split_whitespace().next().unwrap_or("");
        first == "mentorlog" || subs.iter().any(|c| c == first)
    };
    let mut others: Vec<String> = spans(&prose)
        .into_iter()
        .filter(|s| is_command(s))
        .map(|s| {
            if s.starts_with("mentorlog") {
                s
            } else {
                format!("mentorlog {s}")
            }
        })
        .collect();
    // `mentorlog ...` spans in the rest of README.md.
    let (all_prose, _) = split_fences(&text);
    let (tour_prose, _) = split_fences(tour);
    let rest = all_prose.replace(&tour_prose, "");
    others.extend(
        spans(&rest)
            .into_iter()
            .filter(|s| s == "mentorlog" || s.starts_with("mentorlog ")),
    );
    let mut seen = std::collections::HashSet::new();
    others.retain(|o| seen.insert(o.clone()));
    (tour_lines, others)
}

struct Place {
    _tmp: tempfile::TempDir,
    /// The working directory every command runs in.
    wd: PathBuf,
    /// For `/tmp/mentorlog-demo`.
    demo_dir: PathBuf,
    /// README's own framework example, for `framework check FILE`.
    framework_file: PathBuf,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        let wd = tmp.path().join("wd");
        std::fs::create_dir_all(&wd).unwrap();
        let (_, blocks) = split_fences(&readme());
        let (_, ron) = blocks
            .iter()
            .find(|(l, _)| l == "ron")
            .expect("README.md has a framework example");
        let framework_file = tmp.path().join("my-school.ron");
        std::fs::write(&framework_file, ron).unwrap();
        Place {
            demo_dir: tmp.path().join("mentorlog-demo"),
            wd,
            framework_file,
            _tmp: tmp,
        }
    }

    fn fresh_dir(&self, name: &str) -> PathBuf {
        let d = self._tmp.path().join(name);
        assert!(!d.exists());
        d
    }
}

/// A meeting id of the partnership sam-lee in `journal` (the newest).
fn a_meeting_id(journal: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(journal.join("partnerships/sam-lee/meetings"))
        .expect("sam-lee has meetings")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    let last = names.last().expect("a meeting");
    // DATE-ID.ron
    last.trim_end_matches(".ron")[11..].to_string()
}

fn substitute(args: &[String], place: &Place, journal: &Path) -> Vec<String> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jrnl-export.json");
    args.iter()
        .map(|a| match a.as_str() {
            "MEETING_ID" => a_meeting_id(journal),
            "ID" => "curee".to_string(),
            "FILE.json" => fixture.display().to_string(),
            "FILE" => place.framework_file.display().to_string(),
            "/tmp/mentorlog-demo" => place.demo_dir.display().to_string(),
            _ => a.clone(),
        })
        .collect()
}

fn run(place: &Place, journal: &Path, line: &[String]) -> Output {
    assert_eq!(line[0], "mentorlog", "{line:?}");
    let args = substitute(&line[1..], place, journal);
    let mut child = Command::new(BIN)
        .args(&args)
        .current_dir(&place.wd)
        .env("MENTORLOG_DIR", journal)
        .env("EDITOR", "true")
        .env("VISUAL", "true")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        // For `log --with sam -`, which reads the notes from stdin.
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(b"Notes read from stdin\n");
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "README example failed: {}\n  run as: mentorlog {}\n  exit: {}\n  stderr: {}",
        line.join(" "),
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn make_demo(journal: &Path) {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(journal)
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// The subcommand a command line runs (after global options).
fn subcommand(line: &[String]) -> Option<&str> {
    let mut it = line[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data-dir" | "--today" => {
                it.next();
            }
            a if a.starts_with('-') => {}
            a => return Some(a),
        }
    }
    None
}

#[test]
fn the_readme_lists_the_examples_this_test_runs() {
    let (tour, others) = examples();
    assert_eq!(tour.len(), 6, "{tour:#?}");
    assert!(tour[0].starts_with("mentorlog partner add \"Sam Lee\""));
    for want in [
        "mentorlog export portfolio --with sam --format html -o sam.html",
        "mentorlog completions bash|zsh|fish",
        "mentorlog import jrnl FILE.json --with sam",
        "mentorlog export csv --with sam --table goals|meetings|ticks",
        "mentorlog demo --size large",
        "mentorlog framework check FILE",
        "mentorlog",
    ] {
        assert!(others.iter().any(|o| o == want), "{want} in {others:#?}");
    }
    assert_eq!(
        expand("mentorlog completions bash|zsh|fish").len(),
        3,
        "alternatives"
    );
    assert_eq!(
        words(r#"mentorlog log --focus "a b" x # c"#),
        [["mentorlog"], ["log"], ["--focus"], ["a b"], ["x"]]
            .map(|w| w.map(String::from).to_vec())
            .to_vec()
    );
}

#[test]
fn the_tour_runs_as_written_on_a_new_journal() {
    let place = Place::new();
    let journal = place.fresh_dir("tour");
    let (tour, _) = examples();
    for line in &tour {
        for cmd in expand(line) {
            run(&place, &journal, &cmd);
        }
    }
    // The tick names the meeting logged before it.
    let ticks = std::fs::read_to_string(journal.join("partnerships/sam-lee/ticks/curee.ron"))
        .expect("the tick was saved");
    assert!(ticks.contains(&a_meeting_id(&journal)), "{ticks}");
}

#[test]
fn every_other_readme_example_runs_as_written_on_a_demo_journal() {
    let place = Place::new();
    let (_, others) = examples();
    let mut n = 0;
    for line in &others {
        for cmd in expand(line) {
            n += 1;
            let journal = place.fresh_dir(&format!("j{n}"));
            let explicit_dir = cmd.iter().any(|a| a == "--data-dir");
            if subcommand(&cmd) != Some("demo") && !explicit_dir {
                make_demo(&journal);
            }
            let out = run(&place, &journal, &cmd);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("error") && !stderr.contains("warning"),
                "{}: {stderr}",
                cmd.join(" ")
            );
        }
    }
    assert!(n >= 25, "{n} commands");
    // `-o sam.html` wrote the portfolio into the working directory.
    let html = std::fs::read_to_string(place.wd.join("sam.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    // The demo and the status after it shared /tmp/mentorlog-demo.
    assert!(place.demo_dir.join("journal.ron").exists());
}
