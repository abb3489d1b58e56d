//! What a mentee writes of their own (issue 10, "The pair, for real"): the pre-meeting thought
//! document shown to the mentor in the meeting, agreeing to the agreement and to a goal (who
//! and when, and "changed since agreed"), comments on goals, their own reflections private or
//! shared, and the people of the journal in the TUI. Each from the TUI (a session locked to
//! Sam Lee, the demo's mentee) and the CLI, with what a mentee session is refused.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Agreeable, Audience, Journal, Save};
use mentorlog::model::{Goal, Partnership, Role};
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("j");
    write_demo(&Store::new(root.clone()), Size::Small, today()).unwrap();
    (t, root)
}

fn ml(root: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(root)
        .env("MENTORLOG_TODAY", "2026-11-23");
    c
}

fn out(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn err(c: &mut Command) -> String {
    String::from_utf8(c.assert().failure().get_output().stderr.clone()).unwrap()
}

fn key(t: &mut Tui, code: KeyCode, m: KeyModifiers) {
    t.key(KeyEvent::new(code, m));
}

/// Keys by name, a space apart: letters, and Tab, Enter, Esc, C-s.
fn press(t: &mut Tui, keys: &str) {
    for k in keys.split_whitespace() {
        match k {
            "Tab" => key(t, KeyCode::Tab, KeyModifiers::NONE),
            "Enter" => key(t, KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => key(t, KeyCode::Esc, KeyModifiers::NONE),
            "Right" => key(t, KeyCode::Right, KeyModifiers::NONE),
            "C-s" => key(t, KeyCode::Char('s'), KeyModifiers::CONTROL),
            "C-g" => key(t, KeyCode::Char('g'), KeyModifiers::CONTROL),
            _ => {
                let c = k.chars().next().unwrap();
                let m = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                key(t, KeyCode::Char(c), m);
            }
        }
    }
}

fn typed(t: &mut Tui, text: &str) {
    for c in text.chars() {
        key(t, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn screen(t: &Tui, w: u16, h: u16) -> String {
    let theme = mentorlog::ui::Theme::default();
    let keymap = mentorlog::ui::Keymap::default();
    let view = mentorlog::ui::View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

fn status(t: &Tui) -> String {
    t.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// A screen on the journal, locked to Sam Lee (as `mentorlog --as sam` is).
fn sam_screen(root: &Path) -> Tui {
    let mut t = Tui::open(Store::new(root.to_path_buf()), today(), false);
    t.lock_to_member("sam").unwrap();
    t
}

/// A screen of the owner's, on Sam Lee's partnership.
fn owner_screen(root: &Path) -> Tui {
    let mut t = Tui::open(Store::new(root.to_path_buf()), today(), false);
    let i = t.reader().position("sam-lee").unwrap();
    t.app.selected = i;
    t.app.refresh(&t.journal);
    t
}

fn partnership(root: &Path) -> Partnership {
    read_record(&root.join("partnerships/sam-lee/partnership.ron")).unwrap()
}

fn questions() -> Vec<String> {
    mentorlog::framework::prompts::bundled_prompts()
        .bank("pre-meeting")
        .unwrap()
        .prompts
        .clone()
}

#[test]
fn the_mentee_writes_the_pre_meeting_thought_document_and_the_mentor_sees_it_in_the_meeting() {
    let (_t, root) = demo();
    let mut sam = sam_screen(&root);
    press(&mut sam, "2 p");
    typed(&mut sam, "To plan with more confidence");
    press(&mut sam, "Tab");
    typed(&mut sam, "A critical friend who observes");
    // The form's fields are the bank's questions, word for word.
    let s = screen(&sam, 80, 24);
    assert!(s.contains("What role do you expect"), "{s}");
    press(&mut sam, "C-s");
    assert!(
        status(&sam).contains("thought document"),
        "{}",
        status(&sam)
    );
    let p = partnership(&root);
    assert_eq!(p.thoughts.len(), 1);
    let th = &p.thoughts[0];
    assert_eq!(th.by, "sam-lee", "the mentee's own");
    assert_eq!(th.written, today());
    let qs: Vec<&str> = th.answers.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(qs, questions(), "every question, verbatim");
    assert_eq!(th.answers[0].answer, "To plan with more confidence");
    // p again edits the same document, not a second one.
    press(&mut sam, "p Tab Tab");
    typed(&mut sam, "Confidentiality");
    press(&mut sam, "C-s");
    let p = partnership(&root);
    assert_eq!(p.thoughts.len(), 1);
    assert_eq!(p.thoughts[0].answers[2].answer, "Confidentiality");
    assert_eq!(
        p.thoughts[0].answers[0].answer,
        "To plan with more confidence"
    );

    // The mentor logging the next meeting has it beside the form.
    let mut jo = owner_screen(&root);
    press(&mut jo, "2 n");
    let s = screen(&jo, 140, 40);
    assert!(s.contains("Pre-meeting thoughts"), "{s}");
    assert!(s.contains("To plan with more confidence"), "{s}");
    // At 80x24 it is Ctrl-g away.
    press(&mut jo, "C-g");
    let s = screen(&jo, 80, 24);
    assert!(s.contains("A critical friend who observes"), "{s}");
    press(&mut jo, "Esc");
    for _ in 0..5 {
        press(&mut jo, "Tab");
    }
    typed(&mut jo, "Planning with Sam");
    press(&mut jo, "C-s");
    assert!(status(&jo).contains("saved"), "{}", status(&jo));
    // ... and in the meeting, once logged, both of them.
    let i = jo
        .meetings()
        .iter()
        .position(|m| m.value.focus == "Planning with Sam")
        .unwrap();
    jo.app.meeting_cursor = i;
    press(&mut jo, "Enter");
    let s = screen(&jo, 80, 24);
    assert!(s.contains("Pre-meeting thoughts of Sam Lee"), "{s}");
    assert!(s.contains("A critical friend who observes"), "{s}");
    // The meeting before it does not show it.
    press(&mut jo, "Esc j Enter");
    assert!(!screen(&jo, 80, 24).contains("Pre-meeting thoughts"));
    // The portfolio shows it with the meeting.
    let md = out(ml(&root).args(["export", "portfolio", "--with", "sam"]));
    assert!(md.contains("**Pre-meeting thoughts of Sam Lee**"), "{md}");
    assert!(md.contains("A critical friend who observes"));
}

#[test]
fn prepare_prints_the_questions_and_takes_answers_on_the_command_line() {
    let (_t, root) = demo();
    let said = out(ml(&root).args(["prepare", "--with", "sam"]));
    assert!(
        said.starts_with("Role-focused mentoring: Mentee pre-meeting thought document"),
        "{said}"
    );
    for (n, q) in questions().iter().enumerate() {
        assert!(said.contains(&format!("{}. {q}", n + 1)), "{q} in {said}");
    }
    let said = out(ml(&root).args([
        "prepare",
        "--with",
        "sam",
        "--answer",
        "1=Confidence in planning",
        "--answer",
        "8=Behaviour with 8C",
        "--for",
        "2026-11-30",
    ]));
    assert!(said.contains("2 of 10 questions answered"), "{said}");
    let p = partnership(&root);
    assert_eq!(p.thoughts[0].meeting, NaiveDate::from_ymd_opt(2026, 11, 30));
    assert_eq!(p.thoughts[0].answers[7].answer, "Behaviour with 8C");
    // The answers given are printed back under their questions.
    let said = out(ml(&root).args(["prepare", "--with", "sam"]));
    assert!(said.contains("   Behaviour with 8C"), "{said}");
    // Bad input says what to do and changes nothing.
    assert!(
        err(ml(&root).args(["prepare", "--with", "sam", "--answer", "11=x"])).contains("1 to 10")
    );
    assert!(
        err(ml(&root).args(["prepare", "--with", "sam", "--answer", "nothing"])).contains("N=TEXT")
    );
    assert_eq!(partnership(&root).thoughts.len(), 1);
}

#[test]
fn the_mentee_agrees_to_the_agreement_in_their_name_and_an_edit_asks_for_it_again() {
    let (_t, root) = demo();
    let mut sam = sam_screen(&root);
    press(&mut sam, "6 a");
    assert!(
        status(&sam).contains("Sam Lee agreed to the mentoring agreement on 2026-11-23"),
        "{}",
        status(&sam)
    );
    let a = partnership(&root).agreement.unwrap();
    let c = a.agreed.iter().find(|c| c.by == "sam-lee").unwrap();
    assert_eq!(c.date, today());
    assert_eq!(
        a.agreed_by_mentee,
        Some(today()),
        "the mentee's signature line"
    );
    press(&mut sam, "G");
    let s = screen(&sam, 80, 24);
    assert!(s.contains("Agreed by Sam Lee on 2026-11-23"), "{s}");
    assert!(!s.contains("changed since agreed"), "{s}");

    // The mentor changes an outcome: Sam's agreement was to the text before.
    let mut jo = Journal::open(Store::new(root.clone()), today());
    let base = partnership(&root);
    let mut new = base.clone();
    new.agreement.as_mut().unwrap().outcomes[0] = "A new first outcome".into();
    jo.update_partnership("sam-lee", &base, new, "edit")
        .unwrap();
    let mut jo_screen = owner_screen(&root);
    press(&mut jo_screen, "6 G");
    let s = screen(&jo_screen, 120, 40);
    assert!(s.contains("Agreed by Sam Lee on 2026-11-23"), "{s}");
    assert!(s.contains("changed since agreed"), "{s}");
    let md = out(ml(&root).args(["export", "portfolio", "--with", "sam"]));
    assert!(
        md.contains("Agreed by Sam Lee on 2026-11-23 (changed since agreed)."),
        "{md}"
    );
    // Agreeing again (here from the CLI, as the owner) is to the text as it is now.
    let said = out(ml(&root).args(["agree", "--with", "sam", "agreement"]));
    assert!(
        said.contains("Jo Taylor agreed to the mentoring agreement"),
        "{said}"
    );
    let mut sam = sam_screen(&root);
    press(&mut sam, "6 a G");
    let s = screen(&sam, 80, 24);
    assert!(!s.contains("changed since agreed"), "{s}");
    let a = partnership(&root).agreement.unwrap();
    assert_eq!(a.agreed.len(), 2, "one each: {:?}", a.agreed);
    assert_eq!(a.agreed_by_mentor, Some(today()));
    // Editing the agreement in its form keeps who agreed.
    let mut jo_screen = owner_screen(&root);
    press(&mut jo_screen, "6 e C-s");
    assert_eq!(partnership(&root).agreement.unwrap().agreed.len(), 2);
}

#[test]
fn agreeing_to_a_goal_and_commenting_on_it_are_the_mentees_own_part_of_the_mentors_goal() {
    let (_t, root) = demo();
    let goal_path = |t: &Tui| t.goals()[1].path.clone();
    let mut sam = sam_screen(&root);
    press(&mut sam, "3 j a");
    let path = goal_path(&sam);
    let g: Goal = read_record(&path).unwrap();
    assert_eq!(
        g.by.created.as_deref(),
        Some("jo-taylor"),
        "the mentor's goal"
    );
    assert_eq!(g.by.changed.as_deref(), Some("sam-lee"));
    assert_eq!(g.agreed.len(), 1);
    assert_eq!(g.agreed[0].by, "sam-lee");
    press(&mut sam, "c");
    typed(&mut sam, "I will try the seating plan next week");
    press(&mut sam, "C-s");
    let g: Goal = read_record(&path).unwrap();
    assert_eq!(g.comments.len(), 1);
    assert_eq!(g.comments[0].by, "sam-lee");
    assert_eq!(g.comments[0].text, "I will try the seating plan next week");
    let s = screen(&sam, 80, 24);
    assert!(s.contains("Agreed by Sam Lee on 2026-11-23"), "{s}");
    assert!(s.contains("Comment by Sam Lee, 2026-11-23"), "{s}");
    // But the goal itself stays the mentor's: Sam cannot change its objective.
    let mut e = g.clone();
    e.objective = "Changed by Sam".into();
    let refused = sam
        .journal
        .save_goal("sam-lee", Save::edit(path.clone(), g.clone(), e))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("Jo Taylor's"), "{refused}");
    // An empty comment is refused with a clear message.
    let refused = sam
        .journal
        .comment_goal("sam-lee", &g.id, "  \n")
        .unwrap_err();
    assert!(refused.to_string().contains("needs some text"));
    // The mentor comments from the CLI, and edits the goal: Sam's agreement says so.
    let said = out(ml(&root).args([
        "goal", "comment", "--with", "sam", &g.id, "Good:", "let's", "review", "it",
    ]));
    assert!(said.contains("Jo Taylor commented"), "{said}");
    let mut jo = Journal::open(Store::new(root.clone()), today());
    let now: Goal = read_record(&path).unwrap();
    let mut e = now.clone();
    e.success_measures = "No removals at all".into();
    jo.save_goal("sam-lee", Save::edit(path.clone(), now, e))
        .unwrap();
    let list = out(ml(&root).args(["goal", "list", "--with", "sam"]));
    assert!(
        list.contains("Agreed by Sam Lee on 2026-11-23 (changed since agreed)"),
        "{list}"
    );
    assert!(list.contains("Comment by Jo Taylor on 2026-11-23: Good: let's review it"));
    assert!(list.contains("Comment by Sam Lee on 2026-11-23: I will try"));
    let md = out(ml(&root).args(["export", "portfolio", "--with", "sam"]));
    assert!(md.contains("Comment by Sam Lee, 2026-11-23"), "{md}");
    // Bad input to agree says what to do.
    assert!(err(ml(&root).args(["agree", "--with", "sam", "goal"])).contains("say which goal"));
    assert!(err(ml(&root).args(["agree", "--with", "sam", "goal", "nope"])).contains("no goal"));
    let out_ = out(ml(&root).args(["agree", "--with", "sam", "goal", &g.id]));
    assert!(out_.contains("Jo Taylor agreed to the goal"), "{out_}");
}

#[test]
fn comments_written_at_once_by_two_people_are_both_kept() {
    let (_t, root) = demo();
    let mut jo = Journal::open(Store::new(root.clone()), today());
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (path, g) = jo.find_goal("sam-lee", "samg02").unwrap();
    // Both read the goal, then both comment (and Sam agrees) without re-reading.
    jo.comment_goal("sam-lee", &g.id, "From the mentor")
        .unwrap();
    sam.comment_goal("sam-lee", &g.id, "From the mentee")
        .unwrap();
    sam.agree("sam-lee", &Agreeable::Goal(g.id.clone()))
        .unwrap();
    jo.agree("sam-lee", &Agreeable::Goal(g.id.clone())).unwrap();
    let now: Goal = read_record(&path).unwrap();
    let texts: Vec<&str> = now.comments.iter().map(|c| c.text.as_str()).collect();
    assert!(texts.contains(&"From the mentor"), "{texts:?}");
    assert!(texts.contains(&"From the mentee"), "{texts:?}");
    let who: Vec<&str> = now.agreed.iter().map(|c| c.by.as_str()).collect();
    assert!(
        who.contains(&"sam-lee") && who.contains(&"jo-taylor"),
        "{who:?}"
    );
    let copies = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("conflict")
        })
        .count();
    assert_eq!(copies, 0, "no conflict over comments");
}

#[test]
fn a_coordinator_is_no_party_and_a_member_writes_only_in_their_partnership() {
    let (_t, root) = demo();
    out(ml(&root).args(["member", "add", "Pat Kaur", "--role", "coordinator"]));
    let mut pat = Journal::open(Store::new(root.clone()), today());
    pat.act_as("pat").unwrap();
    let e = pat.agree("sam-lee", &Agreeable::Agreement).unwrap_err();
    assert!(e.to_string().contains("not a party"), "{e}");
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let other = sam
        .reader(Audience::Owner)
        .partnerships()
        .iter()
        .map(|p| p.id().to_string())
        .find(|id| id != "sam-lee")
        .unwrap();
    let e = sam.agree(&other, &Agreeable::Agreement).unwrap_err();
    assert!(e.to_string().contains("not in this partnership"), "{e}");
}

#[test]
fn a_mentees_reflection_is_theirs_private_or_shared_and_the_mentors_private_one_is_not_theirs() {
    let (_t, root) = demo();
    // The mentor's own private reflection.
    let mut jo = owner_screen(&root);
    press(&mut jo, "5 n");
    for _ in 0..3 {
        press(&mut jo, "Tab");
    }
    typed(&mut jo, "Mentor only: I worry about Sam's workload");
    press(&mut jo, "Tab Tab Right C-s");
    assert!(status(&jo).contains("saved"), "{}", status(&jo));
    // Sam writes one private, one shared, from the TUI.
    let mut sam = sam_screen(&root);
    press(&mut sam, "5 n");
    for _ in 0..3 {
        press(&mut sam, "Tab");
    }
    typed(&mut sam, "Only for me: I nearly gave up in October");
    press(&mut sam, "Tab Tab Right C-s");
    assert!(status(&sam).contains("saved"), "{}", status(&sam));
    press(&mut sam, "n Tab Tab Tab");
    typed(&mut sam, "Shared: open questions are working");
    press(&mut sam, "C-s");
    let texts = |t: &Tui| -> Vec<String> {
        t.partner()
            .unwrap()
            .reflections()
            .iter()
            .map(|r| r.value.text.clone())
            .collect()
    };
    let mine = texts(&sam);
    assert!(
        mine.iter().any(|t| t.starts_with("Only for me")),
        "{mine:?}"
    );
    assert!(mine.iter().any(|t| t.starts_with("Shared")));
    assert!(
        !mine.iter().any(|t| t.starts_with("Mentor only")),
        "Sam never sees the mentor's private reflection"
    );
    let r = sam.partner().unwrap().reflections();
    let private = r.iter().find(|r| r.value.text.starts_with("Only")).unwrap();
    assert!(private.value.private);
    assert_eq!(private.value.by.created.as_deref(), Some("sam-lee"));
    assert_eq!(private.value.author, Role::Mentee, "written by the mentee");
    let jo = owner_screen(&root);
    let theirs = texts(&jo);
    assert!(
        theirs.iter().any(|t| t.starts_with("Mentor only")),
        "{theirs:?}"
    );
    assert!(theirs.iter().any(|t| t.starts_with("Shared")));
    assert!(
        !theirs.iter().any(|t| t.starts_with("Only for me")),
        "the mentor never sees Sam's private reflection"
    );
    let md = out(ml(&root).args(["export", "portfolio", "--with", "sam", "--include-private"]));
    assert!(
        !md.contains("Only for me"),
        "not even in the owner's export"
    );
    assert!(md.contains("Mentor only"));
}

#[test]
fn the_people_of_the_journal_are_seen_added_and_removed_from_the_tui_by_the_owner_only() {
    let (t_, root) = demo();
    let mut jo = owner_screen(&root);
    press(&mut jo, "M");
    let s = screen(&jo, 80, 24);
    assert!(s.contains("People of the journal"), "{s}");
    assert!(s.contains("Jo Taylor"), "{s}");
    assert!(s.contains("keeps this journal"), "{s}");
    assert!(s.contains("Sam Lee"), "{s}");
    assert!(s.contains("in sam-lee · no key yet"), "{s}");
    // a: a new member, in the partnership on screen, with a key pasted.
    press(&mut jo, "a");
    typed(&mut jo, "Priya Shah");
    press(&mut jo, "Tab Tab Tab");
    jo.paste("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJMHVLOvRi7aFJb4rByPTH4WwtEwlUXDAar+eq5L5B5r priya@school");
    press(&mut jo, "C-s");
    assert!(
        status(&jo).contains("Member Priya Shah (mentee)"),
        "{}",
        status(&jo)
    );
    let list = out(ml(&root).args(["member", "list"]));
    assert!(
        list.contains("Priya Shah (mentee) · in sam-lee · 1 key"),
        "{list}"
    );
    // A bad key says why and keeps the form.
    press(&mut jo, "a");
    typed(&mut jo, "Pat Kaur");
    press(&mut jo, "Tab Tab Tab");
    typed(&mut jo, "not a key");
    press(&mut jo, "C-s");
    assert!(status(&jo).contains("public key"), "{}", status(&jo));
    press(&mut jo, "Esc y");
    // d removes the one under the cursor, after a yes; the owner cannot be removed.
    press(&mut jo, "g d");
    assert!(status(&jo).contains("cannot be removed"), "{}", status(&jo));
    press(&mut jo, "G d y");
    assert!(
        status(&jo).contains("Removed member Priya Shah"),
        "{}",
        status(&jo)
    );
    let list = out(ml(&root).args(["member", "list"]));
    assert!(!list.contains("Priya"), "{list}");
    drop(t_);

    // Sam's session sees the people but adds and removes nobody, in the TUI or the core.
    let (_t, root) = demo();
    let mut sam = sam_screen(&root);
    press(&mut sam, "M");
    let s = screen(&sam, 80, 24);
    assert!(
        s.contains("Only the journal's owner adds or removes members"),
        "{s}"
    );
    press(&mut sam, "a");
    assert!(
        status(&sam).contains("only the journal's owner"),
        "{}",
        status(&sam)
    );
    press(&mut sam, "j d");
    assert!(
        status(&sam).contains("only the journal's owner"),
        "{}",
        status(&sam)
    );
    let e = sam
        .journal
        .add_member("Eve", Role::Mentee, &[], &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("only the journal's owner"), "{e}");
    assert!(sam.journal.remove_member("jo").is_err());
    let list = out(ml(&root).args(["member", "list"]));
    assert!(!list.contains("Eve"), "{list}");
}
