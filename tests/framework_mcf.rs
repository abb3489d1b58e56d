//! The bundled MCF framework (`frameworks/mcf.ron`) is a complete, word-for-word transcription
//! of the Mentoring Competency Framework in Tables 1 to 4 of the Mauritius Institute of
//! Education paper "Micro-credentialing mentoring" (`shared/seeds/000_ac04a4671766aec9.txt`).

use std::collections::HashSet;

use mentorlog::framework::schema::{Framework, Item, Section};

const RON: &str = include_str!("../frameworks/mcf.ron");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/000_ac04a4671766aec9.txt"
);

/// The mended text (mend 2 in `source`): the Problem-solving bullet cut across a page, with
/// the two pieces it is joined from, as they stand in the source.
const MENDED_BULLET: &str = "As a result of emerging issues relating to individuals and practices at \
     schools, it is increasingly important that mentors and mentees (re)think new ways to \
     approach these challenges.";
const MENDED_PIECES: [&str; 2] = [
    "As a result of emerging issues relating to individuals and practices at",
    "schools, it is increasingly important that mentors and mentees (re)think new ways to \
     approach these challenges.",
];

/// A competency: section id, title, number of indicators.
type Competency = (&'static str, &'static str, usize);

/// A domain: section id, heading in the source, competencies.
type Domain = (&'static str, &'static str, &'static [Competency]);

/// The framework's shape, in the source's order.
const STRUCTURE: &[Domain] = &[
    (
        "domain-1-professional-identity",
        "4.1 Professional Identity",
        &[(
            "specialized-development-of-self",
            "Specialized development of self",
            9,
        )],
    ),
    (
        "domain-2-professional-knowledge-and-skills",
        "4.2 Professional Knowledge and Skills",
        &[
            (
                "commitment-in-development-of-self-and-mentees",
                "Commitment in the development of self and of mentees",
                5,
            ),
            ("innovation-and-creativity", "Innovation and creativity", 3),
        ],
    ),
    (
        "domain-3-professional-relationships",
        "4.3 Professional Relationships",
        &[
            ("communication", "Communication", 9),
            ("collaboration", "Collaboration", 5),
            ("problem-solving", "Problem-solving", 4),
        ],
    ),
    (
        "domain-4-professional-dispositions",
        "4.4 Professional Dispositions",
        &[(
            "development-of-effective-dispositions",
            "Development of effective dispositions",
            3,
        )],
    ),
];

fn framework() -> Framework {
    mentorlog::framework::parse_framework("mcf.ron", RON).expect("frameworks/mcf.ron is valid")
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

/// The bullets of the source's tables, in order: the contents of every `<li>`, without the
/// `•` glyph, whitespace normalised.
fn source_bullets(seed: &str) -> Vec<String> {
    seed.split("<li>")
        .skip(1)
        .map(|rest| {
            let (cell, _) = rest.split_once("</li>").expect("every <li> is closed");
            let cell = cell.trim();
            normalise(cell.strip_prefix('•').unwrap_or(cell))
        })
        .collect()
}

fn every_section(f: &Framework) -> Vec<&Section> {
    f.all_sections()
}

fn section<'a>(f: &'a Framework, id: &str) -> &'a Section {
    f.section(id).unwrap_or_else(|| panic!("no section {id}"))
}

fn item<'a>(f: &'a Framework, id: &str) -> &'a Item {
    f.item(id).unwrap_or_else(|| panic!("no item {id}"))
}

/// A competency's description split into its lines: the lead-in (if any) and the bullets,
/// each without its "- ".
fn description_lines(s: &Section) -> (Vec<&str>, Vec<&str>) {
    let d = s
        .description
        .as_deref()
        .unwrap_or_else(|| panic!("competency {} has a description", s.id));
    let mut lead = Vec::new();
    let mut bullets = Vec::new();
    for line in d.split('\n') {
        match line.strip_prefix("- ") {
            Some(b) => bullets.push(b),
            None => {
                assert!(bullets.is_empty(), "{}: a lead-in comes first", s.id);
                lead.push(line);
            }
        }
    }
    (lead, bullets)
}

/// Every competency, in file order.
fn competencies(f: &Framework) -> Vec<&Section> {
    f.sections.iter().flat_map(|d| d.sections.iter()).collect()
}

#[test]
fn parses_with_id_title_and_citation() {
    let f = framework();
    assert_eq!(f.id, "mcf");
    assert_eq!(f.title, "Mentoring Competency Framework");
    assert!(f.levels.is_empty());
    assert!(f.source.starts_with(
        "Ajeevsing Bholoa (Mauritius Institute of Education), Radha Rani Baichoo (Mauritius \
         Institute of Education), Bhima Ramkissoon (Mauritius Institute of Education) and Steve \
         Sider (Wilfrid Laurier University, Ontario), 'Micro-credentialing mentoring: \
         Development of an innovative Mentoring Competency Framework', Mauritius Institute of \
         Education; the paper gives no year"
    ));
    // Every mend is noted.
    assert!(f.source.contains("Mends made to the extracted text:"));
    assert!(f.source.contains("the \"•\" bullet glyphs"), "mend 1");
    for piece in MENDED_PIECES {
        assert!(f.source.contains(piece), "mend 2 quotes {piece:?}");
    }
    assert!(f.source.contains(MENDED_BULLET), "mend 2 quotes the result");
    assert!(
        f.source
            .contains("is the fourth indicator of Problem-solving"),
        "mend 3"
    );
}

#[test]
fn four_domains_with_their_competencies_and_indicators() {
    let f = framework();
    let top: Vec<_> = f.sections.iter().map(|s| s.id.as_str()).collect();
    let expected: Vec<_> = STRUCTURE.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(top, expected);
    for (domain, s) in STRUCTURE.iter().zip(&f.sections) {
        let (_, heading, comps) = domain;
        assert_eq!(
            Some(s.title.as_str()),
            heading.split_once(' ').map(|(_, t)| t)
        );
        assert!(
            s.items.is_empty(),
            "domain {} holds only competencies",
            s.id
        );
        assert!(s.description.is_none());
        let ids: Vec<_> = s.sections.iter().map(|c| c.id.as_str()).collect();
        let want: Vec<_> = comps.iter().map(|(id, _, _)| *id).collect();
        assert_eq!(ids, want, "competencies of {}", s.id);
        for ((_, title, n), c) in comps.iter().zip(&s.sections) {
            assert_eq!(c.title, *title);
            assert_eq!(c.items.len(), *n, "indicators of {}", c.id);
            assert!(c.sections.is_empty(), "{} is a leaf", c.id);
        }
    }
    let per_domain: Vec<_> = f.sections.iter().map(|d| d.sections.len()).collect();
    assert_eq!(per_domain, [1, 2, 3, 1]);
    assert_eq!(f.item_count(), 38);
}

#[test]
fn description_bullets() {
    let f = framework();
    let counts: Vec<_> = competencies(&f)
        .into_iter()
        .map(|c| {
            let (lead, bullets) = description_lines(c);
            (c.id.as_str(), lead.len(), bullets.len())
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("specialized-development-of-self", 1, 4),
            ("commitment-in-development-of-self-and-mentees", 0, 1),
            ("innovation-and-creativity", 0, 1),
            ("communication", 0, 2),
            ("collaboration", 0, 2),
            ("problem-solving", 0, 2),
            ("development-of-effective-dispositions", 0, 5),
        ]
    );
    let (lead, _) = description_lines(section(&f, "specialized-development-of-self"));
    assert_eq!(lead, ["Description of"]);
}

#[test]
fn ids_unique_readable_and_texts_clean() {
    let f = framework();
    let mut seen = HashSet::new();
    for s in every_section(&f) {
        assert!(seen.insert(s.id.as_str()), "duplicate id {}", s.id);
        assert!(
            s.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "section id {:?} is a slug",
            s.id
        );
        assert!(!s.title.trim().is_empty());
    }
    for (d, domain) in f.sections.iter().enumerate() {
        assert!(domain.id.starts_with(&format!("domain-{}-", d + 1)));
        for (c, comp) in domain.sections.iter().enumerate() {
            for (n, i) in comp.items.iter().enumerate() {
                assert_eq!(i.id, format!("d{}-c{}-{}", d + 1, c + 1, n + 1));
                assert!(seen.insert(i.id.as_str()), "duplicate id {}", i.id);
                assert!(!i.text.trim().is_empty(), "item {} has text", i.id);
                assert_eq!(i.text, normalise(&i.text), "item {} whitespace", i.id);
                assert!(
                    !i.text.contains(['<', '>', '•', '*', '\n']),
                    "item {} has no markup",
                    i.id
                );
                assert!(i.guidance.is_none() && i.codes.is_empty() && i.descriptors.is_empty());
                assert!(i.reference.is_none());
            }
        }
    }
    for c in competencies(&f) {
        for line in c.description.as_deref().unwrap().split('\n') {
            assert!(
                !line.trim().is_empty(),
                "{}: no blank description line",
                c.id
            );
            assert_eq!(line, line.trim(), "{}: no stray whitespace", c.id);
            assert!(!line.contains(['<', '>', '•', '*']), "{}: no markup", c.id);
        }
    }
}

#[test]
fn every_text_occurs_in_the_source() {
    let Some(seed) = seed() else { return };
    let f = framework();
    let source = normalise(&seed);
    // The mend: the joined bullet is not in the source as such, its pieces are.
    assert!(!source.contains(MENDED_BULLET));
    for piece in MENDED_PIECES {
        assert!(
            source.contains(&normalise(piece)),
            "{piece:?} is in the source"
        );
    }
    for s in every_section(&f) {
        for i in &s.items {
            assert!(
                source.contains(&i.text),
                "item {}: {:?} is not in the source",
                i.id,
                i.text
            );
        }
        if let Some(d) = &s.description {
            for line in d.split('\n') {
                let line = line.strip_prefix("- ").unwrap_or(line);
                if line == MENDED_BULLET {
                    continue;
                }
                assert!(
                    source.contains(&normalise(line)),
                    "section {}: {line:?} is not in the source",
                    s.id
                );
            }
        }
    }
    for (id, heading, comps) in STRUCTURE {
        assert!(
            seed.lines().any(|l| l == format!("#### {heading}")),
            "{id}: heading {heading:?} is in the source"
        );
        for (_, title, _) in *comps {
            assert!(
                seed.lines().any(|l| l.starts_with(&format!("{title}\t"))
                    || l.starts_with(&format!("<b>{title}</b>\t"))),
                "competency {title:?} heads a table row in the source"
            );
        }
    }
}

/// Stricter: the description bullets and indicators, in file order, are exactly the source's
/// table bullets in order (each a whole cell bullet: nothing truncated, reordered, added or
/// left out), the mended bullet standing for its first piece.
#[test]
fn bullets_are_the_source_bullets_in_order() {
    let Some(seed) = seed() else { return };
    let f = framework();
    let mut ours = Vec::new();
    for c in competencies(&f) {
        let (_, bullets) = description_lines(c);
        for b in bullets {
            ours.push(if b == MENDED_BULLET {
                MENDED_PIECES[0].to_string()
            } else {
                b.to_string()
            });
        }
        ours.extend(c.items.iter().map(|i| i.text.clone()));
    }
    let theirs = source_bullets(&seed);
    assert_eq!(theirs.len(), 55);
    assert_eq!(ours, theirs);
    // The second piece is the continuation row's plain Description cell, just before the
    // last Problem-solving indicator.
    let continuation = seed
        .lines()
        .find(|l| l.starts_with('\t') && l.contains("schools, it is"))
        .expect("the continuation row is in the source");
    let (desc, indicators) = continuation
        .trim_start_matches('\t')
        .split_once('\t')
        .expect("two cells");
    assert_eq!(normalise(desc), normalise(MENDED_PIECES[1]));
    assert_eq!(
        source_bullets(indicators),
        [item(&f, "d3-c3-4").text.clone()]
    );
}

#[test]
fn spot_checks() {
    let f = framework();
    assert_eq!(
        item(&f, "d1-c1-1").text,
        "Analyzing theories on mentoring, mentoring definitions, functions, approaches, models, \
         mentoring process and ethics in mentoring"
    );
    assert_eq!(
        item(&f, "d1-c1-9").text,
        "Charting a mentoring growth/progression through critical reflection on own beliefs, \
         perspectives of mentoring, roles and practice"
    );
    assert_eq!(
        item(&f, "d2-c1-1").text,
        "Aligning with the National Curriculum Framework (NCF) Secondary 2016 \
         reforms/provisions/policies on innovation and expectations of B. Ed Teaching Practicum."
    );
    assert_eq!(
        item(&f, "d2-c2-3").text,
        "Charting mentoring growth/progression through critical reflection and reflexivity in \
         subject area teaching, assessment and pedagogy"
    );
    assert_eq!(
        item(&f, "d3-c1-3").text,
        "Demonstrating intra- and interpersonal skills."
    );
    assert_eq!(item(&f, "d3-c2-4").text, "Demonstrating respect");
    assert_eq!(
        item(&f, "d3-c3-2").text,
        "Adapting and responding creatively, flexibly and realistically to challenges. \
         Resolving conflicts in a positive and constructive manner."
    );
    assert_eq!(
        item(&f, "d3-c3-4").text,
        "Charting mentoring growth/progression through critical reflection and reflexivity"
    );
    assert_eq!(
        item(&f, "d4-c1-2").text,
        "Promoting a culture of agency, co-agency and wellness"
    );
    assert_eq!(
        section(&f, "problem-solving").description.as_deref(),
        Some(
            "- Need to be proactive and take ownership for identifying issues that impact the \
             mentoring process and relationship, and work collaboratively to understand each \
             other, to explore the complexity and consequences of the issues, and find \
             solutions/alternatives to continuously evolve and achieve the set goals\n\
             - As a result of emerging issues relating to individuals and practices at schools, \
             it is increasingly important that mentors and mentees (re)think new ways to \
             approach these challenges."
        )
    );
    assert_eq!(
        section(&f, "innovation-and-creativity")
            .description
            .as_deref(),
        Some("- Adaptation of both mentor and mentee to changing environment and conditions")
    );
    let own = section(&f, "specialized-development-of-self")
        .description
        .as_deref()
        .unwrap();
    assert!(own.starts_with(
        "Description of\n- how practising educators understand mentoring and see themselves as \
         effective mentors in the teaching profession\n- how they construct"
    ));
    assert!(own.ends_with("personal conceptual constructs, style and professional identity"));
}
