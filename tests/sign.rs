//! Sign-offs signed with an SSH key, checkable by anyone: `mentorlog sign` with a real key
//! and `ssh-keygen`, a member's signature made on their own machine, `verify` (and
//! `ssh-keygen -Y verify` on what `verify --out` writes), a record changed since it was
//! signed, a tampered signature, and `S` in the TUI.

#[path = "common/pair.rs"]
mod pair;

use std::process::Command;

use mentorlog::app::Effect;
use mentorlog::journal::Journal;
use mentorlog::model::Signed;
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use pair::Pair;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key_arg(pair: &Pair, who: &str) -> String {
    pair.key(who).display().to_string()
}

#[test]
fn the_mentor_signs_the_agreement_and_ssh_keygen_alone_verifies_it() {
    let Some(pair) = Pair::new() else { return };
    let jo = key_arg(&pair, "jo");
    let (ok, out, err) = pair.run(&["sign", "--with", "sam", "agreement", "--key", &jo]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Jo Taylor signed the agreement on 2026-11-23"),
        "{out}"
    );
    let dir = pair.dir.path().join("check");
    let (ok, out, err) = pair.run(&["verify", "--with", "sam", "--out", dir.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("✓ agreement signed by Jo Taylor on 2026-11-23"),
        "{out}"
    );
    // OpenSSH, without mentorlog, accepts it.
    let signed = std::fs::File::open(dir.join("1-agreement-jo-taylor.txt")).unwrap();
    let v = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(dir.join("allowed_signers"))
        .args(["-I", "jo-taylor", "-n", "mentorlog", "-s"])
        .arg(dir.join("1-agreement-jo-taylor.sig"))
        .stdin(signed)
        .output()
        .unwrap();
    assert!(
        v.status.success(),
        "ssh-keygen -Y verify refused: {}",
        String::from_utf8_lossy(&v.stderr)
    );
    assert!(String::from_utf8_lossy(&v.stdout).contains("Good \"mentorlog\" signature"));

    // The agreement changes: the signature no longer holds, and everything says so.
    let store = Store::new(pair.root.clone());
    let mut j = Journal::open(
        store,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    let base = j
        .reader(mentorlog::journal::Audience::Owner)
        .partner("sam-lee")
        .unwrap()
        .partnership()
        .clone();
    let mut new = base.clone();
    new.agreement
        .as_mut()
        .unwrap()
        .outcomes
        .push("An outcome added after signing".into());
    j.update_partnership("sam-lee", &base, new, "edit").unwrap();
    let (ok, out, _) = pair.run(&["verify", "--with", "sam"]);
    assert!(!ok, "a changed agreement still verified: {out}");
    assert!(
        out.contains("! agreement changed since signed by Jo Taylor on 2026-11-23"),
        "{out}"
    );
    let (_, status, _) = pair.run(&["status", "--with", "sam"]);
    assert!(
        status.contains("changed since signed by Jo Taylor"),
        "{status}"
    );
    let (_, md, _) = pair.run(&["export", "portfolio", "--with", "sam"]);
    assert!(md.contains("changed since signed by Jo Taylor"), "{md}");
    // Signing again makes it hold.
    let (ok, _, err) = pair.run(&["sign", "--with", "sam", "agreement", "--key", &jo]);
    assert!(ok, "{err}");
    assert!(pair.run(&["verify", "--with", "sam"]).0);
    // The printed portfolio shows the signature, with its key's fingerprint.
    let (_, html, _) = pair.run(&["export", "portfolio", "--with", "sam", "--format", "html"]);
    assert!(html.contains("Signed with SSH keys"), "{html}");
    assert!(html.contains("✓ agreement signed by Jo Taylor on 2026-11-23 <small>(key SHA256:"));

    // A signature tampered with in the file does not hold.
    let file = pair.root.join("partnerships/sam-lee/partnership.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("-----BEGIN SSH SIGNATURE-----").unwrap() + 40;
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&file, bytes).unwrap();
    let (ok, out, _) = pair.run(&["verify", "--with", "sam"]);
    assert!(!ok);
    assert!(out.contains("does not hold"), "{out}");
}

#[test]
fn verify_checks_the_sign_offs_inside_an_exported_partnership() {
    let Some(pair) = Pair::new() else { return };
    let jo = key_arg(&pair, "jo");
    assert!(
        pair.run(&["sign", "--with", "sam", "agreement", "--key", &jo])
            .0
    );
    // A stage record signed too: LJMU Developing in the demo has one.
    let (staged, _, err) = pair.run(&[
        "sign",
        "--with",
        "sam",
        "stage",
        "ljmu/developing",
        "--key",
        &jo,
    ]);
    assert!(staged || err.contains("no record of stage"), "{err}");
    let file = pair.dir.path().join("sam.json");
    let f = file.to_str().unwrap();
    let (ok, _, err) = pair.run(&["export", "json", "--with", "sam", "-o", f]);
    assert!(ok, "{err}");
    let (ok, out, err) = pair.run(&["verify", f]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("the sign-offs of sam-lee"), "{out}");
    assert!(
        out.contains("✓ agreement signed by Jo Taylor on 2026-11-23 (key SHA256:"),
        "{out}"
    );
    if staged {
        assert!(
            out.contains("✓ stage ljmu/developing signed by Jo Taylor"),
            "{out}"
        );
    }
    // The fingerprint printed is the key's, as ssh-keygen shows it.
    let fp = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(pair.key_pub("jo"))
        .output()
        .unwrap();
    let fp = String::from_utf8_lossy(&fp.stdout);
    let fp = fp.split_whitespace().nth(1).unwrap();
    assert!(out.contains(fp), "{fp} not in {out}");

    // One word of the exported agreement changed: that sign-off no longer holds.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let first = v["partnership"]["agreement"]["outcomes"][0]
        .as_str()
        .unwrap()
        .to_string();
    v["partnership"]["agreement"]["outcomes"][0] = format!("{first} (edited)").into();
    let bad = pair.dir.path().join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let (ok, out, err) = pair.run(&["verify", bad.to_str().unwrap()]);
    assert!(!ok, "a changed export verified: {out}");
    assert!(
        out.contains("! agreement changed since signed by Jo Taylor"),
        "{out}"
    );
    assert!(err.contains("not every signature holds"), "{err}");
    // A signature swapped for another's fails however the record reads.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    v["partnership"]["signatures"][0]["key"] = std::fs::read_to_string(pair.key_pub("eve"))
        .unwrap()
        .trim()
        .into();
    std::fs::write(&bad, v.to_string()).unwrap();
    let (ok, out, _) = pair.run(&["verify", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        out.contains("does not hold (it was made with another key)"),
        "{out}"
    );
    // Neither a badge nor an export: said, no panic.
    std::fs::write(&bad, "{\"format\": \"something\"}").unwrap();
    let (ok, _, err) = pair.run(&["verify", bad.to_str().unwrap()]);
    assert!(
        !ok && err.contains("not a badge that holds, nor a partnership exported"),
        "{err}"
    );
}

#[test]
fn a_mentees_signature_made_on_their_own_machine_is_kept_only_if_it_is_theirs() {
    let Some(pair) = Pair::new() else { return };
    let (ok, bytes, err) = pair.run(&[
        "sign",
        "--with",
        "sam",
        "agreement",
        "--by",
        "sam",
        "--bytes",
    ]);
    assert!(ok, "{err}");
    assert!(
        bytes.starts_with("mentorlog sign-off 1\nwhat: agreement\n"),
        "{bytes}"
    );
    let msg = pair.dir.path().join("agreement.txt");
    std::fs::write(&msg, &bytes).unwrap();
    let sign = |who: &str, ns: &str| {
        let _ = std::fs::remove_file(msg.with_extension("txt.sig"));
        let ok = Command::new("ssh-keygen")
            .args(["-q", "-Y", "sign", "-n", ns, "-f"])
            .arg(pair.key(who))
            .arg(&msg)
            .status()
            .unwrap();
        assert!(ok.success());
        msg.with_extension("txt.sig").display().to_string()
    };
    // Keep a signature file as Sam's.
    let keep = |sig: &str| {
        pair.run(&[
            "sign",
            "--with",
            "sam",
            "agreement",
            "--by",
            "sam",
            "--signature",
            sig,
        ])
    };
    // Signed with a key Sam does not hold: refused.
    let eve = sign("eve", "mentorlog");
    let (ok, _, err) = keep(&eve);
    assert!(!ok);
    assert!(err.contains("a key Sam Lee does not hold"), "{err}");
    // Signed for another purpose: refused.
    let other = sign("sam", "file");
    let (ok, _, err) = keep(&other);
    assert!(!ok);
    assert!(err.contains("not for mentorlog"), "{err}");
    // Sam's own: kept, and it verifies.
    let good = sign("sam", "mentorlog");
    let (ok, out, err) = keep(&good);
    assert!(ok, "{err}");
    assert!(out.contains("Sam Lee signed the agreement"), "{out}");
    let (ok, out, _) = pair.run(&["verify", "--with", "sam"]);
    assert!(ok && out.contains("✓ agreement signed by Sam Lee"), "{out}");
    // A stage record is signed the same way.
    let jo = key_arg(&pair, "jo");
    let (ok, out, err) = pair.run(&[
        "sign",
        "--with",
        "sam",
        "stage",
        "ljmu/developing",
        "--key",
        &jo,
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("signed the stage ljmu/developing"), "{out}");
    let (ok, _, err) = pair.run(&["sign", "--with", "sam", "stage", "ljmu/nothing"]);
    assert!(!ok);
    assert!(err.contains("no record of stage ljmu/nothing"), "{err}");
}

fn press(t: &mut Tui, keys: &str) -> Effect {
    let mut last = Effect::None;
    for k in keys.split_whitespace() {
        let code = match k {
            "Enter" => KeyCode::Enter,
            _ => KeyCode::Char(k.chars().next().unwrap()),
        };
        let m = if k.chars().next().unwrap().is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        last = t.key(KeyEvent::new(code, m));
    }
    last
}

#[test]
fn s_in_the_agreement_tab_signs_it_and_a_members_session_is_told_how() {
    let Some(pair) = Pair::new() else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut t = Tui::open(Store::new(pair.root.clone()), today, false);
    press(&mut t, "j j");
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    let effect = press(&mut t, "6 K");
    assert_eq!(effect, Effect::Sign(Signed::Agreement));
    t.sign(&Signed::Agreement, Some(&pair.key("jo")));
    let said = t
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Jo Taylor signed the agreement"), "{said}");
    let backend = ratatui::backend::TestBackend::new(100, 60);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    let theme = mentorlog::ui::Theme::default();
    let keymap = t.keymap.clone();
    let view = mentorlog::ui::View {
        theme: &theme,
        keymap: &keymap,
    };
    term.draw(|f| t.frame(f, &view)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("agreement signed by Jo Taylor"), "{screen}");
    // The next K signs the evaluation.
    assert_eq!(press(&mut t, "K"), Effect::Sign(Signed::Evaluation));
    // On the Reflections tab, K signs the stage record under the cursor (the demo's
    // Developing stage is the sixth row, after four reflections and the pre-requisite).
    assert_eq!(
        press(&mut t, "5 g j j j j j K"),
        Effect::Sign(Signed::Stage {
            framework: "ljmu".into(),
            stage: "developing".into()
        })
    );
    t.sign(
        &Signed::Stage {
            framework: "ljmu".into(),
            stage: "developing".into(),
        },
        Some(&pair.key("jo")),
    );
    assert!(
        t.journal
            .check_signatures("sam-lee")
            .iter()
            .any(|c| c.line() == "✓ stage ljmu/developing signed by Jo Taylor on 2026-11-23")
    );

    // A member's session cannot sign here (their key is on their own machine).
    let mut m = Tui::open(Store::new(pair.root.clone()), today, false);
    m.lock_to_member("sam").unwrap();
    assert_eq!(press(&mut m, "6 K"), Effect::None);
    let said = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Signing needs your own SSH key"), "{said}");
}
