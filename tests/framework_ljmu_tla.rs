//! The LJMU Framework for Mentor Recognition and Accreditation (`frameworks/ljmu.ron`) and the
//! GTC Teacher Learning Academy rubric (`frameworks/tla.ron`) are word-for-word transcriptions
//! of LJMU "A Learning Journal: Mentor Recognition & Accreditation"
//! (`shared/seeds/004_7e572dd33ecb6dc9.txt`); LJMU's CUREE checklists refer to the bundled
//! `curee` framework.

use std::collections::HashSet;

use mentorlog::framework::schema::{Framework, Item, Section};
use mentorlog::framework::{FrameworkSet, LoadedFramework, Origin, parse_framework};

const LJMU: &str = include_str!("../frameworks/ljmu.ron");
const TLA: &str = include_str!("../frameworks/tla.ron");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/004_7e572dd33ecb6dc9.txt"
);

const STAGES: [&str; 4] = ["prerequisite", "developing", "effective", "advanced"];

/// Items whose text or guidance was mended (see `mends_are_recorded_and_right`), so are not
/// found verbatim in the source.
const MENDED: &[&str] = &["eff-secure-environment", "eff-self-evaluation"];

fn ljmu() -> Framework {
    parse_framework("ljmu.ron", LJMU).unwrap_or_else(|e| panic!("{e}"))
}

fn tla() -> Framework {
    parse_framework("tla.ron", TLA).unwrap_or_else(|e| panic!("{e}"))
}

/// The source text, or `None` (with a note) when the seed is not checked out beside the repo.
fn seed() -> Option<String> {
    match std::fs::read_to_string(SEED) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("skipping the check against the source text: cannot read {SEED}: {e}");
            None
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Source text with the extraction's markup removed (HTML tags, `&amp;`, `•` bullets, `**`)
/// and whitespace normalised.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            '•' => out.push(' '),
            _ => out.push(c),
        }
    }
    normalise(&out.replace("&amp;", "&").replace("**", ""))
}

/// A code cell with spacing, slashes and brackets squeezed out, to compare code lists.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '/' | '[' | ']'))
        .collect()
}

/// An item's text as pieces of the source: the first line, then each `- ` sub-bullet.
fn parts(text: &str) -> Vec<String> {
    text.split('\n')
        .enumerate()
        .map(|(n, l)| {
            if n == 0 {
                l
            } else {
                l.strip_prefix("- ")
                    .expect("a sub-bullet line starts with \"- \"")
            }
        })
        .map(normalise)
        .collect()
}

fn section<'a>(f: &'a Framework, id: &str) -> &'a Section {
    f.section(id).unwrap_or_else(|| panic!("no section {id}"))
}

fn item<'a>(f: &'a Framework, id: &str) -> &'a Item {
    f.item(id).unwrap_or_else(|| panic!("no item {id}"))
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

fn criteria(f: &Framework) -> Vec<&Item> {
    STAGES
        .iter()
        .flat_map(|s| section(f, &format!("{s}-criteria")).items.iter())
        .collect()
}

fn curee() -> Framework {
    FrameworkSet::bundled()
        .get("curee")
        .expect("curee is bundled")
        .clone()
}

#[test]
fn both_parse_with_id_title_and_citation() {
    let f = ljmu();
    assert_eq!(f.id, "ljmu");
    assert_eq!(
        f.title,
        "LJMU Framework for Mentor Recognition and Accreditation"
    );
    assert!(f.levels.is_empty());
    assert!(f.source.starts_with(
        "Liverpool John Moores University (LJMU), 'A Learning Journal: Mentor Recognition & \
         Accreditation', Section three: Framework for Mentor Recognition and Accreditation"
    ));
    assert!(f.source.contains("Mends made to the extracted text:"));

    let t = tla();
    assert_eq!(t.id, "tla");
    assert_eq!(
        t.title,
        "GTC Teacher Learning Academy Professional Recognition"
    );
    assert!(
        t.source.starts_with(
            "General Teaching Council for England (GTC), Teacher Learning Academy (TLA)"
        )
    );
    assert!(t.source.contains("Mends made to the extracted text:"));
}

#[test]
fn every_ref_resolves_against_the_bundled_curee() {
    let framework = ljmu();
    let mut set = FrameworkSet::bundled();
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    // Should ljmu be bundled by then, check this file's version.
    set.frameworks.retain(|l| l.framework.id != "ljmu");
    set.frameworks.push(LoadedFramework {
        framework: framework.clone(),
        origin: Origin::Bundled,
    });
    let mut refs = 0;
    for (_, i) in framework.items() {
        if let Some(r) = &i.reference {
            refs += 1;
            let resolved = set.resolve(r);
            assert!(resolved.is_ok(), "{}: {:?}", i.id, resolved.err());
            let (fw, target) = resolved.unwrap();
            assert_eq!(fw.id, "curee");
            assert!(i.text.is_empty(), "{} refers, so has no text", i.id);
            assert!(i.guidance.is_none() && i.codes.is_empty() && i.descriptors.is_empty());
            // The id is the stage prefix and the curee id.
            assert!(i.id.ends_with(&format!("-{}", target.id)), "{}", i.id);
            assert_eq!(
                set.referenced("ljmu", &i.id),
                ("curee".to_string(), target.id.clone())
            );
            // Each stage keeps its own "achieved" column: only the first stage that lists a
            // CUREE item shares CUREE's tick; a later stage's row is ticked at its own address.
            let first = framework
                .sections
                .iter()
                .find(|s| s.all_items().iter().any(|x| x.reference == i.reference))
                .unwrap();
            let own_stage_first = first.all_items().iter().any(|x| x.id == i.id);
            assert_eq!(
                set.tick_address("ljmu", &i.id),
                if own_stage_first {
                    ("curee".to_string(), target.id.clone())
                } else {
                    ("ljmu".to_string(), i.id.clone())
                },
                "{}",
                i.id
            );
        }
    }
    assert_eq!(refs, 50);
    // tla refers to nothing.
    assert!(tla().items().iter().all(|(_, i)| i.reference.is_none()));
}

#[test]
fn four_stages_with_criteria_and_checklists() {
    let f = ljmu();
    let top: Vec<_> = f.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(top, STAGES);
    let titles: Vec<_> = f.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Pre-requisite – Self Evaluation",
            "Developing Mentor",
            "Effective Mentor",
            "Advanced Mentor"
        ]
    );
    for stage in &f.sections {
        assert!(stage.items.is_empty(), "{} holds only sections", stage.id);
        let children: Vec<_> = stage.sections.iter().map(|s| s.id.clone()).collect();
        if stage.id == "prerequisite" {
            assert_eq!(children, ["prerequisite-criteria"]);
        } else {
            assert_eq!(
                children,
                [
                    format!("{}-criteria", stage.id),
                    format!("{}-curee", stage.id)
                ]
            );
        }
        for c in &stage.sections {
            assert!(c.sections.is_empty(), "{} is a leaf", c.id);
        }
    }
    let counts: Vec<usize> = STAGES
        .iter()
        .map(|s| section(&f, &format!("{s}-criteria")).items.len())
        .collect();
    assert_eq!(counts, [5, 11, 12, 12]);
    for (stage, n) in [("developing", 10), ("effective", 20), ("advanced", 20)] {
        assert_eq!(section(&f, &format!("{stage}-curee")).items.len(), n);
    }
    assert_eq!(f.item_count(), 40 + 50);

    let mut seen = HashSet::new();
    for (_, i) in f.items() {
        assert!(seen.insert(i.id.clone()), "duplicate {}", i.id);
        assert!(
            i.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "id {:?} is a slug",
            i.id
        );
    }
    for c in criteria(&f) {
        assert!(c.reference.is_none() && c.descriptors.is_empty());
        assert_eq!(c.text, c.text.trim(), "{}", c.id);
        assert!(
            !c.text.contains('<') && !c.text.contains("&amp;"),
            "{}",
            c.id
        );
        if let Some(g) = &c.guidance {
            assert_eq!(g, g.trim(), "{}", c.id);
            assert!(!g.starts_with('[') && !g.ends_with(']'), "{}", c.id);
        }
        for code in &c.codes {
            assert_eq!(code, code.trim(), "{}", c.id);
            assert!(!code.is_empty());
        }
    }
}

#[test]
fn criteria_ids_per_stage() {
    let f = ljmu();
    let expect: [(&str, &[&str]); 4] = [
        (
            "prerequisite",
            &[
                "pre-professional-behaviour",
                "pre-subject-pedagogical-knowledge",
                "pre-other-professionals",
                "pre-model-classroom-practice",
                "pre-communication-skills",
            ],
        ),
        (
            "developing",
            &[
                "dev-know-qts-standards",
                "dev-programme-requirements",
                "dev-documentation",
                "dev-partnership-liaison",
                "dev-dual-role",
                "dev-training-programme",
                "dev-assess-trainees",
                "dev-adult-learners",
                "dev-self-evaluation",
                "dev-sensitive-issues",
                "dev-reflect-critically",
            ],
        ),
        (
            "effective",
            &[
                "eff-qts-standards",
                "eff-manage-ite",
                "eff-induction-programme",
                "eff-liaise-colleagues",
                "eff-mentoring-in-cpd",
                "eff-assessment-procedures",
                "eff-moderate-trainees",
                "eff-moderation-qa",
                "eff-adult-learners",
                "eff-partnership-development",
                "eff-secure-environment",
                "eff-self-evaluation",
            ],
        ),
        (
            "advanced",
            &[
                "adv-role-models",
                "adv-work-alongside-others",
                "adv-lead-mentor-achievement",
                "adv-mentor-colleagues",
                "adv-cpd-of-colleagues",
                "adv-beyond-classroom",
                "adv-qa-process",
                "adv-trainee-development",
                "adv-lead-trainer",
                "adv-sharing-good-practice",
                "adv-representation",
                "adv-evaluate-changes",
            ],
        ),
    ];
    for (stage, want) in expect {
        assert_eq!(
            ids(&section(&f, &format!("{stage}-criteria")).items),
            want,
            "{stage}"
        );
    }
}

#[test]
fn checklists_follow_the_curee_lists_in_order() {
    let f = ljmu();
    let c = curee();
    let curee_ids = |sections: &[&str]| -> Vec<String> {
        sections
            .iter()
            .flat_map(|s| {
                section(&c, s)
                    .items
                    .iter()
                    .map(|i| format!("curee/{}", i.id))
            })
            .collect()
    };
    let refs = |sid: &str| -> Vec<String> {
        section(&f, sid)
            .items
            .iter()
            .map(|i| i.reference.clone().expect("a checklist item is a ref"))
            .collect()
    };
    assert_eq!(refs("developing-curee"), curee_ids(&["mentors"]));
    assert_eq!(
        refs("effective-curee"),
        curee_ids(&["mentors", "specialist-coaches"])
    );
    assert_eq!(
        refs("advanced-curee"),
        curee_ids(&["specialist-coaches", "co-coaches"])
    );
    for (sid, prefix) in [
        ("developing-curee", "dev-"),
        ("effective-curee", "eff-"),
        ("advanced-curee", "adv-"),
    ] {
        let s = section(&f, sid);
        assert_eq!(s.title, "CUREE Framework for Skills in Mentoring");
        for i in &s.items {
            let r = i.reference.as_deref().unwrap();
            assert_eq!(i.id, format!("{prefix}{}", &r["curee/".len()..]));
        }
    }
    assert_eq!(
        item(&f, "dev-mentor-open-questions").reference.as_deref(),
        Some("curee/mentor-open-questions")
    );
}

/// Each criterion is one table row of the source: its text, then its "Evidenced by" text,
/// then its codes, with nothing left over; all rows are covered, in the source's order.
#[test]
fn criteria_are_the_source_rows_in_order() {
    let Some(seed) = seed() else { return };
    let f = ljmu();
    let raw: Vec<&str> = seed.lines().collect();
    let lines: Vec<String> = raw.iter().map(|l| clean(l)).collect();
    let start = lines
        .iter()
        .position(|l| l == "## Prerequisite Performance Criteria for Mentors")
        .expect("the criteria start");
    let end = lines
        .iter()
        .position(|l| l == "Accreditation of Professional Learning")
        .expect("section four");
    // Table rows of criteria: a first cell that is not a heading, a checklist row or a box.
    let rows: Vec<usize> = (start..end)
        .filter(|&n| {
            let first = raw[n].split('\t').next().unwrap_or("");
            raw[n].contains('\t')
                && !first.trim().is_empty()
                && ![
                    "<b>",
                    "<i>",
                    "Performance",
                    "As a teacher",
                    "Reflection",
                    "Targets",
                    "Verification",
                ]
                .iter()
                .any(|p| first.starts_with(p))
        })
        .collect();
    assert_eq!(rows.len(), 40, "criteria rows in the source");

    let mut found = Vec::new();
    for c in criteria(&f) {
        if MENDED.contains(&c.id.as_str()) {
            let spilled = match c.id.as_str() {
                "eff-secure-environment" => {
                    "Commitment to ensure a secure Documentation & QA procedures environment"
                }
                _ => {
                    "Understand how to facilitate trainees self -evaluation and reflection Documentation"
                }
            };
            let n = (start..end)
                .find(|&n| lines[n].contains(spilled))
                .unwrap_or_else(|| panic!("{}'s row", c.id));
            assert!(c.codes.is_empty());
            found.push(n);
            continue;
        }
        let ps = parts(&c.text);
        let hits: Vec<usize> = (start..end)
            .filter(|&n| {
                lines[n].starts_with(&ps[0])
                    && ps.iter().all(|p| lines[n].contains(p))
                    && c.guidance.as_ref().is_none_or(|g| lines[n].contains(g))
            })
            .collect();
        assert_eq!(hits.len(), 1, "{}: one source row, found {hits:?}", c.id);
        let line = &lines[hits[0]];
        // What follows the text and the guidance is the codes.
        let after = match &c.guidance {
            Some(g) => line.find(g.as_str()).unwrap() + g.len(),
            None => {
                let last = ps.last().unwrap();
                line.rfind(last.as_str()).unwrap() + last.len()
            }
        };
        let tail = squash(&line[after..]);
        let codes = squash(&c.codes.concat());
        if c.id == "pre-professional-behaviour" {
            // The first table's fourth column (links to CPD) follows its codes.
            assert!(tail.starts_with(&codes), "{}: {tail} / {codes}", c.id);
            assert!(tail[codes.len()..].starts_with("ASTStandard6"));
        } else {
            assert_eq!(tail, codes, "{}: codes", c.id);
        }
        // The text is the whole first cell.
        let first_cell = clean(raw[hits[0]].split('\t').next().unwrap());
        assert_eq!(first_cell, normalise(&ps.join(" ")), "{}: whole cell", c.id);
        found.push(hits[0]);
    }
    let mut sorted = found.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        found, sorted,
        "criteria in the source's order, one row each"
    );
    assert_eq!(found, rows, "every criteria row is transcribed");
}

#[test]
fn texts_guidance_and_descriptions_occur_in_the_source() {
    let Some(seed) = seed() else { return };
    let source = clean(&seed);
    let f = ljmu();
    for c in criteria(&f) {
        if MENDED.contains(&c.id.as_str()) {
            continue;
        }
        for p in parts(&c.text) {
            assert!(source.contains(&p), "{}: {p:?} is not in the source", c.id);
        }
        if let Some(g) = &c.guidance {
            assert!(source.contains(g.as_str()), "{}: guidance {g:?}", c.id);
        }
        for code in &c.codes {
            assert!(source.contains(code.as_str()), "{}: code {code:?}", c.id);
        }
    }
    // The Developing Mentor guidance is printed in square brackets (mend 3).
    for i in &section(&f, "developing-criteria").items {
        let g = i
            .guidance
            .as_deref()
            .expect("developing criteria have guidance");
        assert!(source.contains(&format!("[{g}]")), "{}: [{g}]", i.id);
    }
    let t = tla();
    for s in f.sections.iter().chain(t.sections.iter()) {
        let mut all = vec![s];
        all.extend(s.sections.iter());
        for s in all {
            let Some(d) = &s.description else { continue };
            for line in d.split('\n').filter(|l| !l.is_empty()) {
                if let Some(who) = line.strip_prefix("Verification: ") {
                    for w in who.split("; ") {
                        assert!(source.contains(w), "{}: verifier {w:?}", s.id);
                    }
                    continue;
                }
                let line = line.strip_prefix("Evidenced by: ").unwrap_or(line);
                assert!(
                    source.contains(&normalise(line)),
                    "section {}: {line:?} is not in the source",
                    s.id
                );
            }
        }
    }
    for (_, i) in t.items() {
        assert!(source.contains(&i.text), "{}", i.id);
        for d in i.descriptors.values() {
            assert!(source.contains(d.as_str()), "{}: {d:?}", i.id);
        }
    }
}

#[test]
fn stage_descriptions_and_verifiers() {
    let f = ljmu();
    let desc = |id: &str| section(&f, id).description.clone().unwrap();
    assert_eq!(
        desc("prerequisite"),
        "Newly qualified teacher gaining insight and preparation into mentoring within ITT in \
         their first two years of teaching\n\nSelf evaluation / audit\n\nVerification: School \
         comments and signature from senior member of staff"
    );
    assert_eq!(
        desc("developing"),
        "A new mentor, someone who has mentored a trainee with the support of an experienced \
         colleague\n\nFollowing Initial School-based Tutor Training\n\nVerification: \
         Professional Mentor; University Liaison / Link Tutor"
    );
    assert!(
        desc("effective")
            .ends_with("\n\nVerification: Professional Mentor; University Partnership Manager")
    );
    assert!(desc("effective").starts_with(
        "An experienced and confident mentor who has mentored one or more trainees effectively"
    ));
    assert!(
        desc("advanced")
            .ends_with("\n\nVerification: Professional Mentor; University Partnership Manager")
    );
    assert!(desc("advanced").starts_with(
        "An advanced mentor who is able to manage other mentors as a professional mentor/ITT \
         Coordinator."
    ));
    assert!(desc("prerequisite-criteria").starts_with(
        "As a teacher\nEvidenced by: Achieving all the Induction Standards in particular:"
    ));
    assert!(
        desc("developing-curee")
            .starts_with("Use this checklist as you develop as a school based tutor.")
    );
}

#[test]
fn mends_are_recorded_and_right() {
    let f = ljmu();
    let secure = item(&f, "eff-secure-environment");
    assert_eq!(
        secure.text,
        "Commitment to ensure a secure environment for trainee to engage in risk taking"
    );
    assert_eq!(
        secure.guidance.as_deref(),
        Some("Documentation & QA procedures")
    );
    let selfev = item(&f, "eff-self-evaluation");
    assert_eq!(
        selfev.text,
        "Understand how to facilitate trainees self -evaluation and reflection"
    );
    assert_eq!(
        selfev.guidance.as_deref(),
        Some("Documentation & QA Procedures")
    );
    for needle in [
        "Commitment to ensure a secure Documentation & QA procedures environment for trainee to \
         engage in risk taking",
        "Understand how to facilitate trainees self -evaluation and reflection Documentation & QA \
         Procedures",
        "square brackets",
        "&amp;",
        "'I. 7/I. 8' gives 'I. 7', 'I. 8'",
        "'1. 9'",
        "Achieving all the Induction Standards in particular:",
        "each bullet",
    ] {
        assert!(f.source.contains(needle), "mend noted: {needle:?}");
    }
    if let Some(seed) = seed() {
        let source = clean(&seed);
        // The mended rows, put back as extracted, are in the source.
        let spill = |text: &str, at: &str, g: &str| -> String {
            let (a, b) = text.split_at(text.find(at).unwrap());
            normalise(&format!("{a} {g} {b}"))
        };
        assert!(source.contains(&spill(
            &secure.text,
            "environment",
            secure.guidance.as_deref().unwrap()
        )));
        assert!(source.contains(&format!(
            "{} {}",
            selfev.text,
            selfev.guidance.as_deref().unwrap()
        )));
        // Nothing else in either framework is mended: every other criterion text is checked
        // verbatim in `texts_guidance_and_descriptions_occur_in_the_source`.
        assert!(!source.contains(&secure.text));
    }
}

#[test]
fn ljmu_spot_checks() {
    let f = ljmu();
    let dev = item(&f, "dev-know-qts-standards");
    assert_eq!(dev.text, "Have a working knowledge of the QTS Standards");
    assert_eq!(
        dev.guidance.as_deref(),
        Some("Be able to use Standards, give feedback and set targets")
    );
    assert_eq!(
        dev.codes,
        [
            "IM. 1", "IM. 2", "IM. 3", "IM. 10", "IM. 11", "IM. 12", "IM. 26", "IM. 27", "IM. 28"
        ]
    );
    let eff = item(&f, "eff-qts-standards");
    assert_eq!(eff.text, "Have a thorough knowledge of QTS Standards");
    assert_eq!(
        eff.codes,
        [
            "IM. 1", "IM. 2", "IM. 3", "P. 1", "IM. 10", "P. 2", "IM. 11", "IM. 12", "IM. 26",
            "IM. 27", "P. 7", "P. 8"
        ]
    );
    assert_eq!(
        item(&f, "eff-manage-ite").codes,
        [
            "IM. 4 a/b/c",
            "IM. 5",
            "IM. 13",
            "IM. 14",
            "IM. 28",
            "IM. 29"
        ]
    );
    assert_eq!(
        item(&f, "dev-partnership-liaison").codes,
        ["IM. 19", "IM. 20", "IM. 35 a/b/c", "IM. 36 a/b"]
    );
    assert_eq!(
        item(&f, "pre-professional-behaviour").codes,
        ["I. 2", "I. 3", "I. 6", "I. 7", "I. 8", "1. 9"]
    );
    assert_eq!(
        item(&f, "pre-professional-behaviour").text,
        "Model professional behaviour in all aspects of work, including:\n\
         - Knowledge of teachers' responsibilities\n\
         - An inclusive commitment to trainees' development\n\
         - A willingness to engage in professional dialogue with trainees"
    );
    assert!(item(&f, "pre-professional-behaviour").guidance.is_none());
    let adv = item(&f, "adv-mentor-colleagues");
    assert_eq!(&adv.codes[..3], ["EA (2.12)", "IMPEA (2.13)", "PEA (2.13)"]);
    assert_eq!(adv.codes.last().map(String::as_str), Some("A. 3"));
    assert_eq!(adv.codes.len(), 18);
    assert_eq!(
        item(&f, "dev-assess-trainees").text.lines().count(),
        5,
        "Assess trainees by: and four bullets"
    );
    assert_eq!(
        item(&f, "pre-model-classroom-practice")
            .text
            .lines()
            .count(),
        8
    );
    assert_eq!(
        item(&f, "adv-lead-trainer").guidance.as_deref(),
        Some(
            "Facilitate and lead INSET on ITE in a range & variety of ways. (e.g. material \
             dissemination and organising in-house training)"
        )
    );
    assert_eq!(
        item(&f, "eff-mentoring-in-cpd").guidance.as_deref(),
        Some("Part of SIP and SEF forms")
    );
    for id in [
        "dev-assess-trainees",
        "dev-adult-learners",
        "eff-moderate-trainees",
        "adv-evaluate-changes",
    ] {
        assert!(item(&f, id).codes.is_empty(), "{id} has no codes");
    }
}

#[test]
fn tla_levels_dimensions_and_descriptors() {
    let t = tla();
    assert_eq!(t.levels, ["Stage 1", "Stage 2", "Stage 3", "Stage 4"]);
    assert_eq!(t.sections.len(), 1);
    let s = &t.sections[0];
    assert_eq!(s.id, "dimensions");
    assert_eq!(s.title, "Supporting the Process");
    let texts: Vec<_> = s.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Engaging with the knowledge base",
            "Coaching and mentoring",
            "Sharing your learning and influencing practice",
            "Planning your learning",
            "Carrying out your plan",
            "Evaluating your learning and impact",
        ]
    );
    assert_eq!(
        ids(&s.items),
        [
            "knowledge-base",
            "coaching-mentoring",
            "sharing-learning",
            "planning",
            "carrying-out",
            "evaluating"
        ]
    );
    for i in &s.items {
        let keys: Vec<_> = i.descriptors.keys().cloned().collect();
        assert_eq!(keys, t.levels, "{}", i.id);
        assert!(
            i.descriptors
                .values()
                .all(|d| d == d.trim() && !d.is_empty())
        );
        assert!(i.guidance.is_none() && i.codes.is_empty() && i.reference.is_none());
    }
    let planning = item(&t, "planning");
    assert_eq!(
        planning.descriptors["Stage 1"],
        "The plan and progress have been reviewed and monitored at key points, with amendments \
         to the plan as needed."
    );
    assert_eq!(
        item(&t, "carrying-out").descriptors["Stage 4"],
        "Diversity/equality of opportunity issues within the focus is precisely identified. The \
         approach to securing best possible outcomes has been analysed and modified to secure \
         optimal outcomes. There is an assessment of the impact, if any, of the change to \
         practice upon diversity/equality of opportunity."
    );
    assert!(
        item(&t, "evaluating").descriptors["Stage 4"]
            .ends_with("Key issues have been explored in depth")
    );
    assert!(
        item(&t, "knowledge-base").descriptors["Stage 4"]
            .ends_with("appropriately referenced (using Harvard).")
    );
    let d = s.description.as_deref().unwrap();
    assert!(d.contains("Stage 1: Professional learning dialogue"));
    assert!(d.contains(
        "Stage 4: A reflective and analytical account of more than one learning breakthrough"
    ));
}

/// Each dimension is one source row: its name then its four descriptors, nothing left out.
#[test]
fn tla_rows_are_whole_source_rows() {
    let Some(seed) = seed() else { return };
    let t = tla();
    let lines: Vec<String> = seed.lines().map(clean).collect();
    for i in t.items().into_iter().map(|(_, i)| i) {
        let row: Vec<&String> = lines.iter().filter(|l| l.starts_with(&i.text)).collect();
        assert_eq!(row.len(), 1, "{}: one row", i.id);
        let mut want = i.text.clone();
        for level in &t.levels {
            want.push(' ');
            want.push_str(&i.descriptors[level]);
        }
        assert_eq!(*row[0], want, "{}", i.id);
    }
    // The column heads are as described.
    let head = lines
        .iter()
        .find(|l| l.starts_with("Stage 1: Professional learning dialogue"))
        .expect("the column heads");
    let d = t.sections[0].description.as_deref().unwrap();
    let heads = d.split("\n\n").last().unwrap().replace('\n', " ");
    assert_eq!(*head, heads);
}
