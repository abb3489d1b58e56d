//! A coordinator's view across journals: `export bundle` (no note text, signed with the
//! mentor's key) and `cohort` over many bundles (flags for a tampered, unpinned or old
//! bundle; text, CSV, JSON, HTML; the full screen's sorting and filtering), and the
//! coordinator issuing badges from the cohort to everyone ready.

#[path = "common/issuer.rs"]
mod issuer;
#[path = "common/pair.rs"]
mod pair;

use std::process::Command;

use mentorlog::cohort::screen::{Sort, View};
use mentorlog::journal::{Audience, Journal};
use mentorlog::store::Store;
use pair::{BIN, Pair};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every text the journal's people wrote (notes, focus, outcomes, actions, reflections,
/// goals, the agreement), private records included.
fn journal_texts(pair: &Pair) -> Vec<String> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let j = Journal::open(Store::new(pair.root.clone()), today);
    let r = j.reader(Audience::Owner);
    let mut out = Vec::new();
    for p in r.partnerships() {
        for m in p.meetings() {
            let m = &m.value;
            out.extend([m.notes.clone(), m.focus.clone(), m.outcomes.clone()]);
            out.extend(m.action_items.iter().map(|a| a.text.clone()));
        }
        for g in p.goals() {
            let g = &g.value;
            out.extend([
                g.objective.clone(),
                g.mentee_actions.clone(),
                g.mentor_actions.clone(),
                g.success_measures.clone(),
                g.barriers.clone(),
            ]);
        }
        for x in p.reflections() {
            out.push(x.value.text.clone());
        }
        if let Some(a) = &p.partnership().agreement {
            out.extend(a.outcomes.clone());
            out.extend(a.mentee_responsibilities.clone());
        }
    }
    // Short words could be anywhere (a framework's own text): whole phrases only.
    out.retain(|t| t.trim().len() >= 12);
    out
}

/// Jo's bundle of the demo, signed with Jo's key, at `path`.
fn jos_bundle(pair: &Pair, path: &std::path::Path) -> String {
    let key = pair.key("jo").display().to_string();
    let (ok, out, err) = pair.run(&[
        "export",
        "bundle",
        "--key",
        &key,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    out
}

#[test]
fn a_bundle_holds_no_note_text_and_is_signed_with_the_mentors_key() {
    let Some(pair) = Pair::new() else { return };
    let file = pair.dir.path().join("jo.json");
    let out = jos_bundle(&pair, &file);
    assert!(
        out.contains("Wrote a bundle of 3 partnership(s), signed by Jo Taylor"),
        "{out}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let texts = journal_texts(&pair);
    assert!(texts.len() > 40, "the demo has texts to look for");
    for t in &texts {
        assert!(
            !text.contains(t.as_str()),
            "the bundle holds the journal's text {t:?}"
        );
    }
    // What it does hold: readiness rule by rule, counts and dates, hashes of evidence.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sam = doc["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "sam-lee")
        .unwrap();
    assert_eq!(
        sam["meetings"]["count"], 13,
        "private meetings are left out"
    );
    assert!(sam["readiness"][0]["rules"].as_array().unwrap().len() >= 4);
    let goal = &sam["goals"]["list"][0];
    assert!(
        goal["created"].as_str().unwrap().starts_with("2026-"),
        "{goal}"
    );
    assert!(
        goal["hash"].as_str().unwrap().starts_with("sha256:"),
        "{goal}"
    );
    assert_eq!(
        sam["goals"]["list"].as_array().unwrap().len() as u64,
        sam["goals"]["count"].as_u64().unwrap()
    );
    let hash = sam["ticks"][0]["evidence"][0]["hash"].as_str().unwrap();
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
    assert!(matches!(
        mentorlog::export::bundle::check(&doc),
        mentorlog::export::bundle::BundleSignature::Holds { .. }
    ));
}

#[test]
fn the_cohort_flags_a_tampered_an_unpinned_and_an_old_bundle() {
    let Some(pair) = Pair::new() else { return };
    let dir = pair.dir.path().join("bundles");
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("jo.json");
    jos_bundle(&pair, &good);
    // A copy with one count changed after signing.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    doc["partnerships"][0]["meetings"]["count"] = 99.into();
    doc["mentor"]["name"] = "Jo Tampered".into();
    std::fs::write(dir.join("tampered.json"), doc.to_string()).unwrap();
    std::fs::write(dir.join("notes.json"), "{\"kind\": \"something else\"}").unwrap();

    let dirs = dir.to_str().unwrap();
    let (ok, out, err) = pair.run(&["cohort", dirs, "--format", "text"]);
    assert!(ok, "{err}");
    assert!(err.contains("is not a mentorlog bundle"), "{err}");
    let flagged: Vec<&str> = out.lines().filter(|l| l.contains("[!")).collect();
    assert!(!flagged.is_empty());
    assert!(
        flagged.iter().all(|l| l.starts_with("Jo Tampered")),
        "{out}"
    );
    assert!(flagged[0].contains("changed after it was signed"), "{out}");
    assert!(
        out.contains("Jo Taylor · Sam Lee · ScotELAs mentoring recognition: ready"),
        "{out}"
    );

    // Pinned keys: Jo's own key passes, another's is flagged.
    let allowed = pair.dir.path().join("allowed");
    let pinned = || {
        pair.run(&[
            "cohort",
            good.to_str().unwrap(),
            "--format",
            "text",
            "--allowed",
            allowed.to_str().unwrap(),
        ])
    };
    std::fs::copy(pair.key_pub("eve"), &allowed).unwrap();
    let (_, out, _) = pinned();
    assert!(out.lines().all(|l| l.contains("key not pinned")), "{out}");
    std::fs::copy(pair.key_pub("jo"), &allowed).unwrap();
    let (_, out, _) = pinned();
    assert!(!out.contains("[!"), "{out}");

    // Old: a bundle made on the 23rd, read on 31 January, is over 60 days old.
    let out = Command::new(BIN)
        .env("MENTORLOG_TODAY", "2027-01-31")
        .args(["cohort", good.to_str().unwrap(), "--format", "text"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("69 days old"), "{out}");

    // For the panel: CSV, JSON, HTML, and filters.
    let (_, csv, _) = pair.run(&["cohort", good.to_str().unwrap(), "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(r.headers().unwrap().get(0), Some("mentor"));
    assert!(r.records().count() >= 5);
    let (_, json, _) = pair.run(&[
        "cohort",
        good.to_str().unwrap(),
        "--format",
        "json",
        "--scheme",
        "ljmu/",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["scheme"].as_str().unwrap().starts_with("ljmu/"))
    );
    let (_, html, _) = pair.run(&[
        "cohort",
        good.to_str().unwrap(),
        "--format",
        "html",
        "--not-ready",
    ]);
    assert!(
        html.starts_with("<!doctype html>") && html.contains("<td>Priya Shah</td>"),
        "{html}"
    );
    assert!(
        !html.contains("<td>ready</td>"),
        "--not-ready kept a ready row"
    );
}

#[test]
fn the_cohort_screen_sorts_and_filters() {
    let Some(pair) = Pair::new() else { return };
    let good = pair.dir.path().join("jo.json");
    jos_bundle(&pair, &good);
    let b = mentorlog::cohort::read(&good).unwrap();
    let rows = mentorlog::cohort::rows(&[b], &Default::default());
    let mut v = View::new(rows);
    let press = |v: &mut View, c: char| v.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let all = v.visible().len();
    press(&mut v, 's');
    press(&mut v, 's');
    press(&mut v, 's');
    assert_eq!(v.sort, Sort::Ready);
    assert!(v.visible()[0].ready, "ready first");
    press(&mut v, 'f');
    assert!(v.visible().iter().all(|r| !r.ready));
    press(&mut v, 'f');
    press(&mut v, '/');
    for c in "priya".chars() {
        press(&mut v, c);
    }
    assert!(!v.visible().is_empty() && v.visible().len() < all);
    assert!(v.visible().iter().all(|r| r.partnership == "Priya Shah"));
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| v.draw(f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("filter 'priya'") && screen.contains("Priya Shah"),
        "{screen}"
    );
}

#[test]
fn the_coordinator_issues_badges_from_the_cohort_to_everyone_ready_and_only_them() {
    let Some(pair) = Pair::new() else { return };
    let dir = pair.dir.path().join("bundles");
    std::fs::create_dir_all(&dir).unwrap();
    jos_bundle(&pair, &dir.join("jo.json"));
    let (dana, public) = issuer::write_key(pair.dir.path(), "dana_key", 7);
    let list = pair.dir.path().join("recipients.csv");
    std::fs::write(&list, format!("name,email\nJo Taylor,{}\n", issuer::EMAIL)).unwrap();
    let out_dir = pair.dir.path().join("badges");
    let issue = |key: &std::path::Path, bundles: &std::path::Path| {
        pair.run(&[
            "cohort",
            bundles.to_str().unwrap(),
            "--issue",
            out_dir.to_str().unwrap(),
            "--issuer-key",
            key.to_str().unwrap(),
            "--issuer-name",
            "Dana Whyte",
            "--recipients",
            list.to_str().unwrap(),
        ])
    };
    let (ok, out, err) = issue(&dana, &dir);
    assert!(ok, "{err}");
    assert!(
        out.contains("✓ Jo Taylor / Sam Lee / scotelas: issued"),
        "{out}"
    );
    // Only the ready: what the cohort shows ready, and nothing else.
    let (_, json, _) = pair.run(&["cohort", dir.to_str().unwrap(), "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ready: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ready"] == true)
        .map(|r| {
            format!(
                "{} / {} / {}",
                r["mentor"].as_str().unwrap(),
                r["partnership"].as_str().unwrap(),
                r["scheme"].as_str().unwrap()
            )
        })
        .collect();
    let issued: Vec<&str> = out.lines().filter(|l| l.starts_with('✓')).collect();
    assert_eq!(issued.len(), ready.len(), "{out}");
    for r in &ready {
        assert!(
            out.contains(&format!("✓ {r}: issued")),
            "{r} not issued: {out}"
        );
    }
    assert!(out.contains(&format!("{} badge", ready.len())), "{out}");
    for r in rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ready"] == false)
    {
        let who = format!(
            "{} / {} / {}:",
            r["mentor"].as_str().unwrap(),
            r["partnership"].as_str().unwrap(),
            r["scheme"].as_str().unwrap()
        );
        assert!(!out.contains(&who), "{who} is not ready, yet listed: {out}");
    }

    let badge = out_dir.join("jo-taylor-sam-lee-scotelas.json");
    let (ok, said, err) = pair.run(&["verify", badge.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(said.contains("the badge's proof holds"), "{said}");
    assert!(said.contains("Dana Whyte (did:key:z6Mk"), "{said}");
    let text = std::fs::read_to_string(&badge).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["issuer"]["id"],
        mentorlog::export::proof::did_key(&public).as_str()
    );
    let id = &v["credentialSubject"]["identifier"][0];
    assert_eq!(
        id["identityHash"],
        mentorlog::export::identity_hash(issuer::EMAIL, id["salt"].as_str().unwrap()).as_str()
    );
    assert!(!text.contains(issuer::EMAIL), "the email in the clear");
    // Its evidence is the bundle's: counts, dates and hashes, never the journal's words.
    for t in journal_texts(&pair) {
        assert!(
            !text.contains(t.as_str()),
            "the badge holds the journal's text {t:?}"
        );
    }
    assert!(text.contains("13 meetings logged from"), "{text}");
    // A stage's badge cites each tick's evidence by date and hash.
    let stage = out_dir.join("jo-taylor-sam-lee-ljmu-developing.json");
    let stage_text = std::fs::read_to_string(&stage).unwrap();
    assert!(
        stage_text.contains("Evidence, as the mentor's journal holds it:\\n- meeting of 2026-"),
        "{stage_text}"
    );
    assert!(stage_text.contains("(sha256:"), "{stage_text}");
    for t in journal_texts(&pair) {
        assert!(!stage_text.contains(t.as_str()), "the badge holds {t:?}");
    }
    assert!(pair.run(&["verify", stage.to_str().unwrap()]).0);
    assert!(
        text.contains("Issued from Jo Taylor's bundle made on 2026-11-23"),
        "{text}"
    );
    if let Some((ok, said)) = issuer::node_verify(&badge) {
        assert!(ok, "the independent verifier refused it: {said}");
    }
    for b in [&badge, &stage] {
        if let Some((ok, said)) = issuer::schema_check(b) {
            assert!(ok, "it does not conform to Open Badges 3.0: {said}");
        }
    }

    // Again: what is there is left as it is.
    let before = std::fs::read(&badge).unwrap();
    let (ok, out, _) = issue(&dana, &dir);
    assert!(ok);
    assert!(
        out.contains("is already there (remove it to issue again)"),
        "{out}"
    );
    assert!(out.contains("0 badges issued"), "{out}");
    assert_eq!(std::fs::read(&badge).unwrap(), before);

    // Never from a bundle that cannot be trusted, never as one's own issuer, never without
    // an email.
    std::fs::remove_dir_all(&out_dir).unwrap();
    let tampered = pair.dir.path().join("tampered.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("jo.json")).unwrap()).unwrap();
    doc["partnerships"][0]["meetings"]["count"] = 99.into();
    std::fs::write(&tampered, doc.to_string()).unwrap();
    let (_, out, _) = issue(&dana, &tampered);
    assert!(out.contains("the bundle cannot be trusted"), "{out}");
    assert!(out.contains("0 badges issued"), "{out}");
    let (_, out, _) = issue(&pair.key("jo"), &dir);
    assert!(out.contains("Jo Taylor would be their own issuer"), "{out}");
    assert!(out.contains("0 badges issued"), "{out}");
    std::fs::write(&list, "Kim Lee,kim@example.org\n").unwrap();
    let (_, out, _) = issue(&dana, &dir);
    assert!(out.contains("no email for Jo Taylor"), "{out}");
    assert!(!out_dir.join("jo-taylor-sam-lee-scotelas.json").exists());
}
