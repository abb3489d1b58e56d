//! The bundled CUREE framework (`frameworks/curee.ron`) is a complete, word-for-word
//! transcription of the CUREE National Framework for Mentoring and Coaching, as reproduced in
//! the appendix of the LJMU Learning Journal (`shared/seeds/004_7e572dd33ecb6dc9.txt`).

use std::collections::HashSet;

use mentorlog::framework::schema::{Framework, Item, Section};

const RON: &str = include_str!("../frameworks/curee.ron");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/004_7e572dd33ecb6dc9.txt"
);

fn framework() -> Framework {
    ron::from_str::<Framework>(RON).expect("frameworks/curee.ron parses")
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

/// The source with `**` bold markers removed and whitespace normalised.
fn normalised_source(seed: &str) -> String {
    normalise(&seed.replace("**", ""))
}

/// The source's non-blank lines with markdown markup removed (`**`, heading marks, list
/// bullets and numbers) and whitespace normalised.
fn source_lines(seed: &str) -> Vec<String> {
    seed.lines()
        .map(|l| {
            let l = l.replace("**", "");
            let mut l = l.trim().trim_start_matches('#').trim_start();
            if let Some(rest) = l.strip_prefix("- ") {
                l = rest;
            } else if let Some((n, rest)) = l.split_once(". ")
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
            {
                l = rest;
            }
            normalise(l)
        })
        .filter(|l| !l.is_empty())
        .collect()
}

fn all_items(s: &Section) -> Vec<&Item> {
    let mut out: Vec<&Item> = s.items.iter().collect();
    for c in &s.sections {
        out.extend(all_items(c));
    }
    out
}

fn every_item(f: &Framework) -> Vec<&Item> {
    f.sections.iter().flat_map(all_items).collect()
}

fn every_section(f: &Framework) -> Vec<&Section> {
    f.all_sections()
}

fn section<'a>(f: &'a Framework, id: &str) -> &'a Section {
    f.section(id).unwrap_or_else(|| panic!("no section {id}"))
}

fn item<'a>(f: &'a Framework, id: &str) -> &'a Item {
    every_item(f)
        .into_iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// The pieces of an item's text as they stand in the source: a principle is
/// "heading: explanation"; a "listen actively:" item carries its sub-bullets on new lines.
fn parts(section_id: &str, text: &str) -> Vec<String> {
    if section_id == "principles" {
        let (head, rest) = text
            .split_once(": ")
            .expect("a principle is `heading: explanation`");
        vec![head.to_string(), rest.to_string()]
    } else {
        text.split('\n')
            .enumerate()
            .map(|(n, l)| {
                if n == 0 {
                    l
                } else {
                    l.strip_prefix("- ").expect("a sub-bullet")
                }
            })
            .map(normalise)
            .collect()
    }
}

/// Leaf sections with the source line their items follow (`None`: straight after the
/// previous leaf's items).
const LEAVES: &[(&str, Option<&str>)] = &[
    ("mentors", Some("Mentors")),
    ("specialist-coaches", Some("Specialist coaches")),
    ("co-coaches", Some("Co-coaches")),
    (
        "learners-mentoring",
        Some("Professional learners develop their ability to:"),
    ),
    ("learners-coaching", None),
    ("learners-co-coaching", None),
    (
        "principles",
        Some("Effective mentoring and coaching involves:"),
    ),
    (
        "activities-mentoring",
        Some(
            "Mentoring involves activities which promote and enhance effective transitions between professional roles, including:",
        ),
    ),
    (
        "activities-coaching",
        Some(
            "Specialist coaching involves activities which promote and enhance the development of a specific aspect of teaching and learning or leadership practice, including:",
        ),
    ),
    (
        "activities-co-coaching",
        Some(
            "Co-coaching involves activities which promote and enhance reflective practice including:",
        ),
    ),
];

#[test]
fn parses_with_id_title_and_citation() {
    let f = framework();
    assert_eq!(f.id, "curee");
    assert_eq!(
        f.title,
        "CUREE National Framework for Mentoring and Coaching"
    );
    assert!(f.levels.is_empty());
    assert!(f.source.starts_with(
        "Mentoring and Coaching CPD Capacity Building Project 2004-2005: National Framework for \
         Mentoring and Coaching, DfES / CUREE (Centre for the Use of Research and Evidence in \
         Education); reproduced as the appendix of Liverpool John Moores University, \
         'A Learning Journal: Mentor Recognition & Accreditation'."
    ));
    // The mends are noted.
    assert!(
        f.source.contains("\": \""),
        "the joining of principles is noted"
    );
    assert!(
        f.source.contains("In mentoring"),
        "the attribution of the learner groups is noted"
    );
    assert!(
        f.source.contains("the framework title is editorial")
            && f.source.contains("\"CUREE\" is added before it"),
        "the editorial CUREE in the title is noted"
    );
}

#[test]
fn the_title_is_the_source_title_with_curee_added() {
    let f = framework();
    let own = f
        .title
        .strip_prefix("CUREE ")
        .expect("the title is CUREE and the source's title");
    assert_eq!(own, "National Framework for Mentoring and Coaching");
    let Some(seed) = seed() else { return };
    // The source's title, over two lines of its cover, and the LJMU names that add CUREE.
    assert!(normalised_source(&seed).contains(&format!("## 2004 - 2005 {own} ### Contents:")));
    assert!(seed.contains("CUREE framework of mentoring and coaching"));
    assert!(seed.contains("## CUREE Framework for Skills in Mentoring"));
    // Every quotation in the note is the source's.
    let note = f
        .source
        .split("\n")
        .find(|l| l.starts_with("8. Title:"))
        .expect("the title's mend is note 8");
    for quoted in note.split('"').skip(1).step_by(2) {
        assert!(
            quoted == "CUREE" || normalised_source(&seed).contains(quoted),
            "{quoted:?} is in the source"
        );
    }
}

#[test]
fn sections_in_order() {
    let f = framework();
    let top: Vec<_> = f.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(top, ["skills", "learners", "principles", "activities"]);
    let children = |id: &str| -> Vec<String> {
        section(&f, id)
            .sections
            .iter()
            .map(|s| s.id.clone())
            .collect()
    };
    assert_eq!(
        children("skills"),
        ["mentors", "specialist-coaches", "co-coaches"]
    );
    assert_eq!(
        children("learners"),
        [
            "learners-mentoring",
            "learners-coaching",
            "learners-co-coaching"
        ]
    );
    assert!(children("principles").is_empty());
    assert_eq!(
        children("activities"),
        [
            "activities-mentoring",
            "activities-coaching",
            "activities-co-coaching"
        ]
    );
    assert_eq!(
        section(&f, "skills").title,
        "Skills for mentoring and coaching - mentors and coaches learn to:"
    );
    assert_eq!(
        section(&f, "learners").title,
        "Professional learners develop their ability to:"
    );
    assert_eq!(
        section(&f, "principles").title,
        "Principles of mentoring and coaching"
    );
}

#[test]
fn item_counts() {
    let f = framework();
    let expected = [
        ("mentors", 10),
        ("specialist-coaches", 10),
        ("co-coaches", 10),
        ("learners-mentoring", 5),
        ("learners-coaching", 5),
        ("learners-co-coaching", 5),
        ("principles", 10),
        ("activities-mentoring", 9),
        ("activities-coaching", 8),
        ("activities-co-coaching", 8),
    ];
    for (id, n) in expected {
        let s = section(&f, id);
        assert_eq!(s.items.len(), n, "items in {id}");
        assert!(s.sections.is_empty(), "{id} is a leaf");
    }
    for id in ["skills", "learners", "activities"] {
        assert!(section(&f, id).items.is_empty(), "{id} holds only sections");
    }
    assert_eq!(every_item(&f).len(), 80);
}

#[test]
fn ids_unique_and_texts_present() {
    let f = framework();
    let mut seen = HashSet::new();
    for i in every_item(&f) {
        assert!(seen.insert(i.id.as_str()), "duplicate item id {}", i.id);
        assert!(
            !i.id.is_empty()
                && i.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "id {:?} is a slug",
            i.id
        );
        assert!(!i.text.trim().is_empty(), "item {} has text", i.id);
        assert_eq!(
            i.text,
            i.text.trim(),
            "item {} has no stray whitespace",
            i.id
        );
        assert!(!i.text.contains("**"), "item {} has no markdown", i.id);
        assert!(i.guidance.is_none() && i.codes.is_empty() && i.descriptors.is_empty());
        assert!(i.reference.is_none());
    }
    let mut sections = HashSet::new();
    for s in every_section(&f) {
        assert!(
            sections.insert(s.id.as_str()),
            "duplicate section id {}",
            s.id
        );
        assert!(!s.title.trim().is_empty());
    }
}

#[test]
fn item_ids_follow_their_section() {
    let f = framework();
    let prefixes = [
        ("mentors", "mentor-"),
        ("specialist-coaches", "coach-"),
        ("co-coaches", "cocoach-"),
        ("learners-mentoring", "learner-mentoring-"),
        ("learners-coaching", "learner-coaching-"),
        ("learners-co-coaching", "learner-co-coaching-"),
        ("principles", "principle-"),
    ];
    for (sid, prefix) in prefixes {
        for i in &section(&f, sid).items {
            assert!(i.id.starts_with(prefix), "{} in {sid}", i.id);
        }
    }
    for (sid, prefix) in [
        ("activities-mentoring", "mentoring-activity-"),
        ("activities-coaching", "coaching-activity-"),
        ("activities-co-coaching", "co-coaching-activity-"),
    ] {
        for (n, i) in section(&f, sid).items.iter().enumerate() {
            assert_eq!(i.id, format!("{prefix}{}", n + 1));
        }
    }
}

#[test]
fn every_text_occurs_in_the_source() {
    let Some(seed) = seed() else { return };
    let f = framework();
    let source = normalised_source(&seed);
    for s in every_section(&f) {
        for i in &s.items {
            for part in parts(&s.id, &i.text) {
                assert!(
                    source.contains(&part),
                    "item {}: {part:?} is not in the source",
                    i.id
                );
            }
        }
        if let Some(d) = &s.description {
            for part in d.split("\n\n") {
                let part = normalise(part);
                assert!(
                    source.contains(&part),
                    "section {}: {part:?} is not in the source",
                    s.id
                );
            }
        }
        if s.id != "activities"
            && !s.id.starts_with("learners-")
            && !s.id.starts_with("activities-")
        {
            assert!(
                source.contains(&s.title),
                "section title {:?} is in the source",
                s.title
            );
        }
    }
}

/// Stricter: each leaf's items are whole source lines, in the source's order, with none
/// skipped, so nothing is truncated, reordered or left out.
#[test]
fn items_are_complete_source_lines_in_order() {
    let Some(seed) = seed() else { return };
    let f = framework();
    let lines = source_lines(&seed);
    let mut cursor = 0;
    for (sid, anchor) in LEAVES {
        if let Some(anchor) = anchor {
            cursor = lines
                .iter()
                .position(|l| l == anchor)
                .unwrap_or_else(|| panic!("anchor {anchor:?} for {sid} is in the source"))
                + 1;
        }
        for i in &section(&f, sid).items {
            for part in parts(sid, &i.text) {
                assert_eq!(lines.get(cursor), Some(&part), "item {} in {sid}", i.id);
                cursor += 1;
            }
        }
    }
    // The lists end where the source's lists end.
    let after = |sid: &str, next: &str| {
        let s = section(&f, sid);
        let last = s.items.last().unwrap();
        let last_part = parts(sid, &last.text).pop().unwrap();
        let at = lines.iter().rposition(|l| *l == last_part).unwrap();
        assert!(
            lines[at + 1].starts_with(next),
            "{sid} ends at {last_part:?}"
        );
    };
    after("co-coaches", "Professional learners develop");
    after("learners-co-coaching", "Mentoring & Coaching: a comparison");
    after("principles", "Core concepts");
    after("activities-mentoring", "Mentoring usually takes place");
    after(
        "activities-coaching",
        "Specialist coaching usually takes place",
    );
    after("activities-co-coaching", "Co-coaching takes place");
}

#[test]
fn spot_checks() {
    let f = framework();
    assert_eq!(
        item(&f, "mentor-open-questions").text,
        "use open questions to raise awareness, explore beliefs, develop plans, understand \
         consequences and explore and commit to solutions"
    );
    assert_eq!(
        item(&f, "coach-open-questions").text,
        "use open questions to raise awareness, explore beliefs, encourage professional learners \
         to arrive at their own plans, understand consequences and develop solutions"
    );
    assert_eq!(
        item(&f, "cocoach-open-questions").text,
        "use open questions to raise awareness, reveal beliefs and enable professional learners \
         to reflect upon them"
    );
    assert_eq!(
        item(&f, "mentor-listen-actively").text,
        "listen actively:\n\
         - accommodating and valuing silence\n\
         - concentrating on what's actually being said\n\
         - using affirming body language to signal attention\n\
         - replaying what's been said using some of the same words to reinforce, value and reframe thinking"
    );
    assert_eq!(
        item(&f, "coach-listen-actively").text,
        "listen actively:\n\
         - accommodating and valuing silence\n\
         - concentrating on what's actually being said\n\
         - using affirming body language to signal attention\n\
         - replaying what's been said using the same words to reinforce, value and develop thinking"
    );
    assert_eq!(
        item(&f, "cocoach-listen-actively").text,
        "listen actively:\n\
         - accommodating and valuing silence\n\
         - concentrating on what's actually being said\n\
         - using attentive body language to signal attention\n\
         - replaying what's been said using some of the same words to check meaning and/or value thinking"
    );
    assert_eq!(
        item(&f, "mentor-relate-sensitively").text,
        "relate sensitively to learners and work through agreed processes to build trust and confidence"
    );
    assert_eq!(
        item(&f, "cocoach-set-aside-relationships").text,
        "set aside existing relationships based on experience, hierarchy, power or friendship"
    );
    assert_eq!(
        item(&f, "principle-learning-conversation").text,
        "a learning conversation: structured professional dialogue, rooted in evidence from the \
         professional learner's practice, which articulates existing beliefs and practices to \
         enable reflection on them"
    );
    assert_eq!(
        item(&f, "learner-co-coaching-seek-expertise").text,
        "seek out specialist expertise and respond proactively to it to acquire and adapt new knowledge"
    );
    assert_eq!(
        item(&f, "mentoring-activity-9").text,
        "brokering a range of support"
    );
    assert_eq!(
        item(&f, "co-coaching-activity-8").text,
        "shared analysis of learning experiences, evidence, research or alternative examples of practice"
    );
    assert_eq!(
        section(&f, "mentors").description.as_deref(),
        Some(
            "Mentoring is a structured, sustained process for supporting professional learners through significant career transitions."
        )
    );
    assert_eq!(
        section(&f, "activities-mentoring").description.as_deref(),
        Some(
            "Mentoring involves activities which promote and enhance effective transitions between professional roles, including:"
        )
    );
    let principles = section(&f, "principles").description.as_deref().unwrap();
    assert!(principles.starts_with("The DfES recognises that the ways mentoring and coaching"));
    assert!(
        principles.ends_with("on student learning.\n\nEffective mentoring and coaching involves:")
    );
}

#[test]
fn learner_groups_name_their_role() {
    let f = framework();
    let text = |sid: &str| -> String {
        section(&f, sid)
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(text("learners-mentoring").contains("the mentor"));
    assert!(text("learners-coaching").contains("specialist coach"));
    assert!(text("learners-co-coaching").contains("co-coach"));
}

// ---------------------------------------------------------------------------------------------
// Core concepts: a passage to read

/// The source's "Core concepts", from its heading to the row labels after it, as blocks
/// (paragraphs and lists) with the `**` bold markers removed and whitespace normalised.
fn core_concepts_blocks(seed: &str) -> Vec<String> {
    let start = seed
        .find("\n# Core concepts\n")
        .expect("the heading # Core concepts")
        + "\n# Core concepts\n".len();
    let end = start + seed[start..].find("\nWHY?\n").expect("WHY? after it");
    seed[start..end]
        .replace("**", "")
        .split("\n\n")
        .map(normalise)
        .filter(|b| !b.is_empty())
        .collect()
}

fn core_concepts(f: &Framework) -> &str {
    assert_eq!(f.passages.len(), 1, "one passage");
    let p = f
        .passage("core-concepts")
        .expect("the passage core-concepts");
    assert_eq!(p.title, "Core concepts");
    &p.text
}

#[test]
fn core_concepts_are_the_whole_source_section_in_order() {
    let Some(seed) = seed() else { return };
    let f = framework();
    let text = core_concepts(&f);
    let blocks: Vec<String> = text.split("\n\n").map(normalise).collect();
    assert_eq!(blocks, core_concepts_blocks(&seed));
    // 24 paragraphs and 4 lists (the three activity lists, and what specialist coaching is
    // used for).
    let is_list = |b: &str| b.starts_with("1. ") || b.starts_with("- ");
    let raw: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(raw.iter().filter(|b| !is_list(b)).count(), 24);
    assert_eq!(raw.iter().filter(|b| is_list(b)).count(), 4);
    for b in &raw {
        // A paragraph is one line; a list is one entry a line, as printed.
        assert_eq!(*b, b.trim(), "no stray whitespace around {b:?}");
        if !is_list(b) {
            assert!(!b.contains('\n'), "{b:?} is one paragraph");
        }
        for line in b.lines() {
            assert_eq!(line, normalise(line), "{line:?} has single spaces");
            assert!(
                seed.lines().any(|l| l.replace("**", "") == line),
                "{line:?} is a whole line of the source (bold markers removed)"
            );
        }
    }
    assert!(!text.contains("**") && !text.contains('#'));
}

#[test]
fn core_concepts_hold_what_the_sections_quote_from_them() {
    let f = framework();
    let text = core_concepts(&f);
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for id in [
        "mentors",
        "specialist-coaches",
        "co-coaches",
        "activities-mentoring",
        "activities-coaching",
        "activities-co-coaching",
    ] {
        let d = section(&f, id).description.as_deref().unwrap();
        assert!(
            paragraphs.contains(&d),
            "the description of {id} is a core concept"
        );
    }
    // Each activity list is the passage's numbered list, item by item.
    for sid in [
        "activities-mentoring",
        "activities-coaching",
        "activities-co-coaching",
    ] {
        let at = paragraphs
            .iter()
            .position(|p| Some(*p) == section(&f, sid).description.as_deref())
            .unwrap();
        let list: Vec<String> = paragraphs[at + 1]
            .lines()
            .map(|l| l.split_once(". ").unwrap().1.to_string())
            .collect();
        let items: Vec<String> = section(&f, sid)
            .items
            .iter()
            .map(|i| i.text.clone())
            .collect();
        assert_eq!(list, items, "the list after {sid}'s description");
    }
    // Spot checks: the paragraphs the checklists did not carry.
    for p in [
        "Mentoring for Induction is used to support professional learners on joining a new school. \
         For Newly Qualified Teachers this will also include induction into the profession as a whole.",
        "Mentoring for Challenge is used to enable professional learners to address significant \
         issues that may inhibit progress.",
        "Co-coaches each take the role of coach and professional learner, usually alternately. \
         Co-coaching partners are mostly self selecting.",
        "Co-coaching is useful to a practitioner, at any stage in her/his career, following \
         specialist inputs and whenever professional learners are seeking to review and enhance \
         practice.",
    ] {
        assert!(paragraphs.contains(&p), "{p:?}");
    }
    assert_eq!(
        paragraphs.first(),
        Some(&section(&f, "mentors").description.as_deref().unwrap())
    );
}
