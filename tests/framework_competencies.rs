//! The bundled mentor and mentee competency frameworks (`frameworks/mentor-competencies.ron`,
//! `frameworks/mentee-competencies.ron`) are complete, word-for-word transcriptions of the
//! lists in "Making connections: Continuing education and professional development"
//! (`shared/seeds/002_1b810855ff99fbfa.txt`).

use std::collections::HashSet;

use mentorlog::framework::parse_framework;
use mentorlog::framework::schema::Framework;

const MENTOR_RON: &str = include_str!("../frameworks/mentor-competencies.ron");
const MENTEE_RON: &str = include_str!("../frameworks/mentee-competencies.ron");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/002_1b810855ff99fbfa.txt"
);

const CITATION: &str =
    "'Making connections: Continuing education and professional development', section";

/// Competency groups: (section id, heading, number of bullets).
type Groups = &'static [(&'static str, &'static str, usize)];

/// Mentor competencies as the source groups them: (section id, heading, number of bullets).
const MENTOR_GROUPS: Groups = &[
    ("comprehend", "Comprehend", 6),
    ("relate", "Relate", 5),
    ("facilitate", "Facilitate", 5),
    ("inform", "Inform", 6),
    ("challenge", "Challenge", 3),
    ("reflect", "Reflect", 4),
    ("motivate", "Motivate", 6),
    ("envision", "Envision", 3),
];

/// Mentee competencies as the source groups them.
const MENTEE_GROUPS: Groups = &[
    ("respect", "Respect", 4),
    ("initiative", "Initiative", 4),
    ("integrity", "Integrity", 3),
    ("communication", "Communication", 3),
    ("independence", "Independence", 3),
];

/// Every mend recorded in each file's `source`: a phrase that must appear there. The text
/// checks below apply the same mends to the source (bullets dropped, whitespace, including
/// the non-breaking spaces, normalised), so they hold the record to what was done.
const MENTOR_MENDS: &[&str] = &[
    "1. Structure: the source gives each competency as a one-word heading (Comprehend, Relate, \
     Facilitate, Inform, Challenge, Reflect, Motivate, Envision) over a bulleted list",
    "the heading is not prefixed to it, as the source never reads \"Name: description\"",
    "2. The list bullets (\"\u{2022}\") and the indentation before them are removed.",
    "3. The non-breaking space the extraction leaves at the end of the last bullet of Relate \
     (after \"set backs\"), Facilitate (\"network\"), Challenge (\"plans\"), Reflect \
     (\"competencies\") and Motivate (\"others\") is dropped.",
    "Kept as printed (not mends): the Comprehend bullet ending \"... of a mentoring relationship and\"",
    "the Inform bullet \"share knowledge about professional role and\"",
];

const MENTEE_MENDS: &[&str] = &[
    "1. Structure: the source gives each competency as a one-word heading (Respect, Initiative, \
     Integrity, Communication, Independence) over a bulleted list",
    "the heading is not prefixed to it, as the source never reads \"Name: description\"",
    "2. The list bullets (\"\u{2022}\") and the indentation before them are removed.",
    "3. Five places where the extraction leaves a non-breaking space followed by an ordinary \
     space are made one ordinary space: in Respect, \"possess self-respect-this ...\", after \
     \"mentoring\", \"mentee\" and \"personal\"; in Communication, \"reflect critically ...\", \
     after \"feelings\"; in Independence, \"plan to contribute to ...\", after \"to\".",
    "Kept as printed (not mends): \"self-respect-this\"",
];

fn mentor() -> Framework {
    parse_framework("x.ron", MENTOR_RON).expect("frameworks/mentor-competencies.ron is valid")
}

fn mentee() -> Framework {
    parse_framework("x.ron", MENTEE_RON).expect("frameworks/mentee-competencies.ron is valid")
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

/// Collapse runs of whitespace (non-breaking spaces included) to one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The source's non-blank lines with list bullets removed and whitespace normalised.
fn source_lines(seed: &str) -> Vec<String> {
    seed.lines()
        .map(|l| {
            let l = l.trim();
            normalise(l.strip_prefix('\u{2022}').unwrap_or(l))
        })
        .filter(|l| !l.is_empty())
        .collect()
}

fn text<'a>(f: &'a Framework, id: &str) -> &'a str {
    &f.item(id).unwrap_or_else(|| panic!("no item {id}")).text
}

fn both() -> [(Framework, Groups); 2] {
    [(mentor(), MENTOR_GROUPS), (mentee(), MENTEE_GROUPS)]
}

#[test]
fn parses_with_id_title_and_citation() {
    let m = mentor();
    assert_eq!(m.id, "mentor-competencies");
    assert_eq!(m.title, "Mentor competencies");
    assert!(
        m.source
            .starts_with(&format!("{CITATION} \"Mentor competencies\""))
    );
    let e = mentee();
    assert_eq!(e.id, "mentee-competencies");
    assert_eq!(e.title, "Mentee competencies");
    assert!(
        e.source
            .starts_with(&format!("{CITATION} \"Mentee competencies\""))
    );
    for f in [&m, &e] {
        assert!(f.levels.is_empty(), "{} has no rubric levels", f.id);
        assert!(f.source.contains("(Ahern, 2003; Cluterbuck, 2005)"));
        assert!(f.source.contains("Mends made to the extracted text:"));
    }
}

#[test]
fn mends_are_recorded() {
    for (f, mends) in [(mentor(), MENTOR_MENDS), (mentee(), MENTEE_MENDS)] {
        for mend in mends {
            assert!(
                f.source.contains(mend),
                "{}: the source field records {mend:?}",
                f.id
            );
        }
    }
}

#[test]
fn groups_and_counts_follow_the_source() {
    for (f, groups) in both() {
        let got: Vec<(&str, &str, usize)> = f
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), s.items.len()))
            .collect();
        assert_eq!(got, groups, "sections of {}", f.id);
        for s in &f.sections {
            assert!(s.sections.is_empty(), "{} is a leaf", s.id);
            assert!(s.description.is_none(), "{} has no description", s.id);
        }
    }
    assert_eq!(mentor().item_count(), 38);
    assert_eq!(mentee().item_count(), 17);
}

#[test]
fn ids_unique_and_texts_clean() {
    for (f, _) in both() {
        let mut seen = HashSet::new();
        for (s, i) in f.items() {
            assert!(seen.insert(i.id.as_str()), "duplicate item id {}", i.id);
            assert!(
                i.id.starts_with(&format!("{}-", s.id)),
                "{} begins with its section id {}",
                i.id,
                s.id
            );
            assert!(
                i.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "id {:?} is a slug",
                i.id
            );
            assert!(!i.text.trim().is_empty(), "item {} has text", i.id);
            assert_eq!(
                normalise(&i.text),
                i.text,
                "item {} has plain spacing",
                i.id
            );
            assert!(!i.text.contains('\u{a0}'), "item {} has no nbsp", i.id);
            assert!(!i.text.contains('\u{2022}'), "item {} has no bullet", i.id);
            assert!(i.guidance.is_none() && i.codes.is_empty() && i.descriptors.is_empty());
            assert!(i.reference.is_none());
        }
    }
}

#[test]
fn every_text_occurs_in_the_source() {
    let Some(seed) = seed() else { return };
    let source = normalise(&seed);
    for (f, _) in both() {
        for s in &f.sections {
            assert!(source.contains(&s.title), "section title {:?}", s.title);
            for i in &s.items {
                assert!(
                    source.contains(&i.text),
                    "item {}: {:?} is not in the source",
                    i.id,
                    i.text
                );
            }
        }
        assert!(source.contains(&f.title), "framework title {:?}", f.title);
    }
}

/// Stricter: each group's items are its bullets, whole, in the source's order, with none
/// skipped, and each list ends where the next heading begins.
#[test]
fn items_are_complete_source_bullets_in_order() {
    let Some(seed) = seed() else { return };
    let lines = source_lines(&seed);
    let raw: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(raw.len(), lines.len());
    for (f, _) in both() {
        let start = lines
            .iter()
            .position(|l| *l == f.title)
            .unwrap_or_else(|| panic!("heading {:?} is in the source", f.title));
        let mut cursor = start + 1;
        for s in &f.sections {
            assert_eq!(lines[cursor], s.title, "heading of {}", s.id);
            cursor += 1;
            for i in &s.items {
                assert!(
                    raw[cursor].starts_with('\u{2022}'),
                    "item {} is a bullet",
                    i.id
                );
                assert_eq!(lines[cursor], i.text, "item {} in {}", i.id, s.id);
                cursor += 1;
            }
            assert!(
                !raw[cursor].starts_with('\u{2022}'),
                "{} ends where the source's list ends",
                s.id
            );
        }
        let next = if f.id == "mentor-competencies" {
            "Mentee competencies"
        } else {
            "Other uses for mentoring competencies"
        };
        assert_eq!(lines[cursor], next, "{} ends at {next:?}", f.id);
    }
}

/// The extraction artefacts the recorded mends remove are really in the source, where noted.
#[test]
fn mended_artefacts_are_in_the_source() {
    let Some(seed) = seed() else { return };
    let (mentor_part, rest) = seed
        .split_once("Mentee competencies")
        .expect("the source has a mentee heading");
    let (mentee_part, _) = rest
        .split_once("Other uses for mentoring competencies")
        .expect("the source has an 'Other uses' heading");
    for end in ["set backs", "network", "plans", "competencies", "others"] {
        assert!(
            mentor_part.contains(&format!("{end}\u{a0}\n")),
            "trailing nbsp after {end:?}"
        );
    }
    assert_eq!(mentor_part.matches('\u{a0}').count(), 5);
    for before in ["mentoring", "mentee", "personal", "feelings", "to"] {
        assert!(
            mentee_part.contains(&format!(" {before}\u{a0} ")),
            "nbsp and space after {before:?}"
        );
    }
    assert_eq!(mentee_part.matches("\u{a0} ").count(), 5);
    assert_eq!(mentee_part.matches('\u{a0}').count(), 5);
    // The two bullets ending in "and" are separate bullets in the source, kept as printed.
    assert!(seed.contains(
        "of a mentoring relationship and\n  \u{2022} respond appropriately to a variety of needs"
    ));
    assert!(seed.contains(
        "\u{2022} share knowledge about professional role and\n  \u{2022} share knowledge on"
    ));
}

#[test]
fn spot_checks() {
    let m = mentor();
    assert_eq!(
        text(&m, "comprehend-mentor-roles"),
        "recognize mentor roles and responsibilities"
    );
    assert_eq!(
        text(&m, "comprehend-problem-solving"),
        "implement problem solving activities to recognize and reconcile different and perhaps \
         conflicting priorities of a mentoring relationship and"
    );
    assert_eq!(
        text(&m, "comprehend-respond-to-needs"),
        "respond appropriately to a variety of needs"
    );
    assert_eq!(
        text(&m, "relate-timely-support"),
        "provide timely support and understanding when the mentee experiences set backs"
    );
    assert_eq!(
        text(&m, "facilitate-expand-network"),
        "provide opportunities to expand mentees professional network"
    );
    assert_eq!(
        text(&m, "inform-professional-role"),
        "share knowledge about professional role and"
    );
    assert_eq!(
        text(&m, "inform-institutional-goals"),
        "share knowledge on institutional /organization goals and values"
    );
    assert_eq!(
        text(&m, "challenge-constructive-feedback"),
        "provide constructive feedback for mentees related to progress in meeting objectives \
         and overall professional development"
    );
    assert_eq!(
        text(&m, "reflect-progression-in-competencies"),
        "encourage reflection on progression in competencies"
    );
    assert_eq!(
        text(&m, "motivate-self-empowerment"),
        "support mentee's self empowerment initiatives"
    );
    assert_eq!(
        text(&m, "motivate-sustain-commitment"),
        "sustain mentee\u{2019}s commitment to the relationship and achievement of goals"
    );
    assert_eq!(
        text(&m, "envision-career-planning"),
        "support and encourage career planning (short and long term)"
    );
    assert_eq!(
        text(&m, "envision-succession-planning"),
        "contribute to succession planning"
    );

    let e = mentee();
    assert_eq!(
        text(&e, "respect-value-knowledge"),
        "value the mentor\u{2019}s knowledge and insights"
    );
    assert_eq!(
        text(&e, "respect-self-respect"),
        "possess self-respect-this may be an emerging characteristic but the establishment of \
         a mentoring relationship is easer to establish when a mentee has some degree of \
         personal confidence"
    );
    assert_eq!(
        text(&e, "initiative-share-learning-needs"),
        "share learning needs with the mentor and give him/her time to plan and find resources \
         to meet your needs"
    );
    assert_eq!(
        text(&e, "integrity-honor-commitment"),
        "honor your commitment to the mentoring relationship"
    );
    assert_eq!(text(&e, "communication-listen-actively"), "listen actively");
    assert_eq!(
        text(&e, "communication-reflect-critically"),
        "reflect critically before and after meeting with your mentor about your motives, \
         passions, attitudes, thoughts, feelings and behaviors"
    );
    assert_eq!(
        text(&e, "independence-prepare-for-termination"),
        "prepare for the termination of the mentoring relationship - acknowledge your \
         mentor\u{2019}s contributions to your learning"
    );
    assert_eq!(
        text(&e, "independence-contribute-to-mentorship"),
        "plan to contribute to the mentorship process by mentoring someone in the future"
    );
}
