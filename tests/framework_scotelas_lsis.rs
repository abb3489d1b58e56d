//! The bundled ScotELAs behaviours framework (`frameworks/scotelas.ron`), the LSIS "what a mentor
//! does" framework (`frameworks/lsis.ron`) and the ScotELAs prompt banks (`assets/prompts.ron`)
//! are word-for-word transcriptions of the ScotELAs mentoring scheme handbook
//! (`shared/seeds/003_0c9a330266fbf210.txt`) and the LSIS "More than Courses" guide
//! (`shared/seeds/001_97e9134a9f0816e1.txt`). See each file's `source` for the citation and
//! every mend.

use std::collections::HashSet;

use mentorlog::framework::prompts::{PromptBank, PromptBanks};
use mentorlog::framework::schema::{Framework, Item, Section};

const SCOTELAS: &str = include_str!("../frameworks/scotelas.ron");
const LSIS: &str = include_str!("../frameworks/lsis.ron");
const PROMPTS: &str = include_str!("../assets/prompts.ron");

const SCOTELAS_SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/003_0c9a330266fbf210.txt"
);
const LSIS_SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/001_97e9134a9f0816e1.txt"
);

/// Texts that are not one whole source line as extracted, and the mend that made them
/// (each is recorded in the file's `source`). Every other item and prompt is a whole line.
const SCOTELAS_MENDED: &[(&str, &str)] = &[
    (
        "Help the mentee identify any competence gaps",
        "trailing space removed",
    ),
    (
        "Provide candid feedback to the mentee about perceived strengths and developmental needs.",
        "trailing space removed",
    ),
];
const LSIS_MENDED: &[(&str, &str)] = &[];
const PROMPTS_MENDED: &[(&str, &str)] = &[
    (
        "Are there any ground rules you’d like to set (e.g. confidentiality, openness)",
        "the cell's two lines joined",
    ),
    (
        "What do you see as your strengths as a teacher / learning developer?",
        "the cell's two lines joined",
    ),
    (
        "Describe how you will use one aspect of your newly gained knowledge for your future work \
         and explain how mentoring has helped you achieve this knowledge.",
        "trailing space removed",
    ),
    (
        "Identify a new question that has arisen from the mentoring process, explain why it is \
         relevant for your work and how you will explore it further in the future.",
        "trailing space removed",
    ),
];

/// (bank id, audience, number of prompts) in file order.
const BANKS: &[(&str, &str, usize)] = &[
    ("pre-meeting", "mentee", 10),
    ("first-conversation", "both", 11),
    ("reflection-mentee", "mentee", 4),
    ("reflection-mentor", "mentor", 4),
    ("starter", "both", 10),
    ("agreement-focus", "both", 3),
    ("agreement-outcomes", "both", 0),
    ("agreement-mentee", "both", 5),
    ("agreement-mentor", "both", 5),
    ("agreement-tone", "both", 3),
    ("agreement-logistics", "both", 5),
    ("criteria-for-being-mentored", "mentor", 4),
];

/// The banks of Appendix 3 "The Mentoring Agreement", each with the source line that follows
/// it (the label of the box to write in).
const AGREEMENT: &[(&str, &str)] = &[
    ("agreement-focus", "Click here to enter text."),
    (
        "agreement-outcomes",
        "Outcome 1:\tClick here to enter text.",
    ),
    ("agreement-mentee", "Mentee’s responsibilities:"),
    ("agreement-mentor", "Mentor’s responsibilities:"),
    ("agreement-tone", "Ground rules:"),
    ("agreement-logistics", "Logistical ground rules:"),
];

/// The one bank from the LSIS guide (it has a source of its own).
const LSIS_BANK: &str = "criteria-for-being-mentored";

fn scotelas() -> Framework {
    mentorlog::framework::parse_framework("x.ron", SCOTELAS)
        .unwrap_or_else(|e| panic!("frameworks/scotelas.ron: {e}"))
}

fn lsis() -> Framework {
    mentorlog::framework::parse_framework("x.ron", LSIS)
        .unwrap_or_else(|e| panic!("frameworks/lsis.ron: {e}"))
}

fn banks() -> PromptBanks {
    mentorlog::model::ron_options()
        .from_str::<PromptBanks>(PROMPTS)
        .expect("assets/prompts.ron parses")
}

fn bank<'a>(b: &'a PromptBanks, id: &str) -> &'a PromptBank {
    b.bank(id).unwrap_or_else(|| panic!("no bank {id}"))
}

/// The source text, or `None` (with a note) when the seed is not checked out beside the repo.
fn seed(path: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("skipping the check against the source text: cannot read {path}: {e}");
            None
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A source line without its leading whitespace and list bullet ("· " in the ScotELAs
/// handbook, "- " in the LSIS markdown); trailing whitespace is kept, so a cell whose trailing
/// space was trimmed counts as mended.
fn bare(line: &str) -> &str {
    let l = line.trim_start();
    l.strip_prefix("· ")
        .or_else(|| l.strip_prefix("- "))
        .unwrap_or(l)
}

/// The source's non-blank lines, bare and whitespace-normalised.
fn source_lines(seed: &str) -> Vec<String> {
    seed.lines()
        .map(|l| normalise(bare(l)))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The normalised source lines strictly after the line `after` and before the first
/// following line that starts with `until`.
fn block(lines: &[String], after: &str, until: &str) -> Vec<String> {
    let start = lines
        .iter()
        .position(|l| l == after)
        .unwrap_or_else(|| panic!("{after:?} is a line of the source"))
        + 1;
    let len = lines[start..]
        .iter()
        .position(|l| l.starts_with(until))
        .unwrap_or_else(|| panic!("{until:?} follows {after:?} in the source"));
    lines[start..start + len].to_vec()
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

fn texts(s: &Section) -> Vec<&str> {
    s.items.iter().map(|i| i.text.as_str()).collect()
}

/// Well-formed text: non-empty, no stray whitespace, no extraction debris, and the source's
/// curly apostrophes rather than straight ones.
fn check_text(what: &str, t: &str) {
    assert!(!t.trim().is_empty(), "{what} has text");
    assert_eq!(t, t.trim(), "{what} has no stray whitespace");
    assert_eq!(t, normalise(t), "{what} has single spaces only");
    for debris in ["·", "\t", "**", "#", "Click here"] {
        assert!(!t.contains(debris), "{what} contains {debris:?}");
    }
    assert!(!t.starts_with("- "), "{what} has no list bullet");
    assert!(
        !t.contains('\''),
        "{what} keeps the source's curly apostrophe"
    );
}

/// Every item (or prompt) is a whole source line, unless it is listed as mended; a listed text
/// is not a whole line as extracted (the mend was needed) but is in the normalised source.
fn check_against_source(what: &str, text: &str, seed: &str, mended: &[(&str, &str)]) {
    let whole_line = seed.lines().any(|l| bare(l) == text);
    let normalised = normalise(seed);
    match mended.iter().find(|(t, _)| *t == text) {
        Some((_, how)) => {
            assert!(
                !whole_line,
                "{what} {text:?} is listed as mended ({how}) but is a source line as extracted"
            );
            assert!(
                normalised.contains(&normalise(text)),
                "{what} {text:?} ({how}) is in the source after whitespace normalisation"
            );
        }
        None => assert!(
            whole_line,
            "{what} {text:?} is a whole line of the source (or list it as mended)"
        ),
    }
}

fn check_ids(f: &Framework) {
    let mut items = HashSet::new();
    for i in f.items().into_iter().map(|(_, i)| i) {
        assert!(items.insert(i.id.as_str()), "duplicate item id {}", i.id);
        assert!(
            !i.id.is_empty()
                && i.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "id {:?} is a slug",
            i.id
        );
        check_text(&format!("item {}", i.id), &i.text);
        assert!(i.guidance.is_none() && i.codes.is_empty() && i.descriptors.is_empty());
        assert!(i.reference.is_none());
    }
    let mut sections = HashSet::new();
    for s in every_section(f) {
        assert!(
            sections.insert(s.id.as_str()),
            "duplicate section id {}",
            s.id
        );
        assert!(!s.title.trim().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// ScotELAs: effective mentee and mentor behaviours

#[test]
fn scotelas_parses_with_id_title_and_citation() {
    let f = scotelas();
    assert_eq!(f.id, "scotelas");
    assert_eq!(
        f.title,
        "ScotELAs Mentoring Scheme: Effective behaviours of the mentee and mentor"
    );
    assert!(f.levels.is_empty());
    assert!(f.source.starts_with("ScotELAs Mentoring Scheme handbook"));
    assert!(f.source.contains(
        "Table 2 \"Effective behaviours of the mentee and mentor (Adapted from Corporate \
         Leadership Council Mentee Handbook, 2010)\""
    ));
    assert!(f.source.contains("Mends made to the extracted text:"));
    assert!(
        f.source.contains("strict alternation"),
        "de-interleaving noted"
    );
    for (text, _) in SCOTELAS_MENDED {
        let start: String = text.chars().take(20).collect();
        assert!(f.source.contains(&start), "mend of {text:?} is noted");
    }
}

#[test]
fn scotelas_structure_and_counts() {
    let f = scotelas();
    let top: Vec<_> = f.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(top, ["mentee-behaviours", "mentor-behaviours"]);
    for (id, title) in [
        ("mentee-behaviours", "Effective mentee behaviours"),
        ("mentor-behaviours", "Effective mentor behaviours"),
    ] {
        let s = section(&f, id);
        assert_eq!(s.title, title);
        assert_eq!(s.items.len(), 10, "items in {id}");
        assert!(s.sections.is_empty(), "{id} is a leaf");
    }
    assert_eq!(f.item_count(), 20);
    for (sid, prefix) in [
        ("mentee-behaviours", "mentee-"),
        ("mentor-behaviours", "mentor-"),
    ] {
        for i in &section(&f, sid).items {
            assert!(i.id.starts_with(prefix), "{} in {sid}", i.id);
        }
    }
    check_ids(&f);
}

#[test]
fn scotelas_every_text_occurs_in_the_source() {
    let Some(seed) = seed(SCOTELAS_SEED) else {
        return;
    };
    let f = scotelas();
    let normalised = normalise(&seed);
    for i in f.items().into_iter().map(|(_, i)| i) {
        check_against_source(&format!("item {}", i.id), &i.text, &seed, SCOTELAS_MENDED);
    }
    for s in every_section(&f) {
        assert!(
            seed.lines().any(|l| bare(l) == s.title),
            "section title {:?} is a source line",
            s.title
        );
        let d = s.description.as_deref().expect("a description");
        check_text(&format!("description of {}", s.id), d);
        assert!(
            normalised.contains(d),
            "description of {} is in the source",
            s.id
        );
    }
    for (text, _) in SCOTELAS_MENDED {
        assert!(
            f.items().iter().any(|(_, i)| i.text == *text),
            "mended text {text:?} is an item"
        );
    }
}

/// The extraction reads the table row by row: the cells alternate mentee, mentor. Separating
/// them gives exactly the two sections, in order, with nothing left out.
#[test]
fn scotelas_columns_are_the_alternate_table_cells() {
    let Some(seed) = seed(SCOTELAS_SEED) else {
        return;
    };
    let f = scotelas();
    let cells = block(
        &source_lines(&seed),
        "Effective mentor behaviours",
        "Effective behaviours of the mentee and mentor",
    );
    assert_eq!(cells.len(), 20, "ten rows of two cells");
    let mentee: Vec<&str> = cells.iter().step_by(2).map(String::as_str).collect();
    let mentor: Vec<&str> = cells
        .iter()
        .skip(1)
        .step_by(2)
        .map(String::as_str)
        .collect();
    assert_eq!(texts(section(&f, "mentee-behaviours")), mentee);
    assert_eq!(texts(section(&f, "mentor-behaviours")), mentor);
}

#[test]
fn scotelas_spot_checks() {
    let f = scotelas();
    assert_eq!(
        item(&f, "mentee-genuine-interest").text,
        "Demonstrate a genuine interest in being supported by the mentor"
    );
    assert_eq!(
        item(&f, "mentee-commit-time").text,
        "Commit the necessary time and energy and complete any preparation for mentoring meetings"
    );
    assert_eq!(
        item(&f, "mentee-evaluate-process").text,
        "Provide feedback to evaluate and develop the mentoring process"
    );
    assert_eq!(
        item(&f, "mentor-safe-environment").text,
        "Support the mentee, acting as a safety net and ensuring a safe environment to take risks"
    );
    // As printed: "for the mentor", in the mentor column.
    assert_eq!(
        item(&f, "mentor-reflection-opportunities").text,
        "Provide opportunities for the mentor to reflect on and enhance practices, e.g. by \
         scaffolding teaching experiences"
    );
    assert_eq!(
        item(&f, "mentor-networking-opportunities").text,
        "Identify and facilitate developmental and networking opportunities"
    );
    assert_eq!(
        item(&f, "mentor-candid-feedback").text,
        "Provide candid feedback to the mentee about perceived strengths and developmental needs."
    );
    assert_eq!(
        item(&f, "mentee-confidentiality").text,
        item(&f, "mentor-confidentiality").text
    );
    assert_eq!(
        section(&f, "mentor-behaviours").items.last().unwrap().text,
        "Maintain confidentiality of all mentoring conversations"
    );
    let d = section(&f, "mentor-behaviours").description.as_deref();
    assert!(
        d.unwrap()
            .contains("it is not the mentor’s role to solve problems")
    );
    assert!(d.unwrap().ends_with(
        "Rather, as indicated below, the mentor should ensure a safe environment in which to \
         challenge, give direction and empower."
    ));
    assert!(
        section(&f, "mentee-behaviours")
            .description
            .as_deref()
            .unwrap()
            .ends_with("as reflected in the expected behaviours summarised in Table 2.")
    );
}

// ---------------------------------------------------------------------------------------------
// LSIS: what a mentor does

#[test]
fn lsis_parses_with_id_title_and_citation() {
    let f = lsis();
    assert_eq!(f.id, "lsis");
    assert_eq!(
        f.title,
        "LSIS \"More than Courses\": What does a mentor do?"
    );
    assert!(f.levels.is_empty());
    assert!(f.source.starts_with(
        "Learning and Skills Improvement Service (LSIS), Enhancement of Learning Support - \
         \"More than Courses\": Using alternative forms of CPD to support practice and \
         development."
    ));
    assert!(
        f.source
            .contains("© Learning and Skills Improvement Service 2011")
    );
    assert!(f.source.contains("Mends made to the extracted text:"));
}

#[test]
fn lsis_structure_and_counts() {
    let f = lsis();
    let top: Vec<_> = f.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(top, ["what-a-mentor-does"]);
    let s = section(&f, "what-a-mentor-does");
    assert_eq!(s.title, "What does a mentor do?");
    assert_eq!(s.items.len(), 11);
    assert!(s.sections.is_empty());
    assert_eq!(f.item_count(), 11);
    check_ids(&f);
}

#[test]
fn lsis_every_text_occurs_in_the_source() {
    let Some(seed) = seed(LSIS_SEED) else { return };
    let f = lsis();
    let normalised = normalise(&seed);
    for i in f.items().into_iter().map(|(_, i)| i) {
        check_against_source(&format!("item {}", i.id), &i.text, &seed, LSIS_MENDED);
    }
    let s = section(&f, "what-a-mentor-does");
    assert!(seed.contains(&format!("### 1.2 {}", s.title)));
    let d = s.description.as_deref().expect("a description");
    assert!(normalised.contains(d), "the description is in the source");
    // Complete and in order: the items are the list under 1.2, up to 1.3.
    let list = block(&source_lines(&seed), &normalise(d), "### 1.3 Why mentor?");
    assert_eq!(texts(s), list);
}

#[test]
fn lsis_spot_checks() {
    let f = lsis();
    assert_eq!(
        item(&f, "encourage-learner-control").text,
        "Encouraging learners to take control of their own learning and development;"
    );
    assert_eq!(
        item(&f, "questioner-listener").text,
        "Being an effective questioner and listener, without being judgmental;"
    );
    assert_eq!(
        item(&f, "observe-and-suggest").text,
        "Observing mentees’ practice and providing practical suggestions for development; and"
    );
    assert_eq!(
        item(&f, "assess-appraise-accredit").text,
        "May involve acting as assessor, appraiser and contributing to the accreditation of \
         practice where the mentee is working towards a professional qualification. This is \
         common practice in supporting teaching assistants and higher level teaching assistants \
         working in schools to achieve professional qualifications."
    );
    assert_eq!(
        section(&f, "what-a-mentor-does").description.as_deref(),
        Some(
            "Mentoring can include a range of activities, all designed to support the \
             professional development and practice of the person being mentored. This may \
             include:"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// ScotELAs prompt banks

#[test]
fn prompts_parse_with_citation() {
    let b = banks();
    assert!(b.source.starts_with("ScotELAs Mentoring Scheme handbook"));
    assert!(b.source.contains("Mends made to the extracted text:"));
    assert!(
        b.source.contains("Ideas to get you Started"),
        "the choice of starter list is noted"
    );
    for (text, _) in PROMPTS_MENDED {
        assert!(
            b.banks.iter().any(|k| k.prompts.iter().any(|p| p == text)),
            "mended text {text:?} is a prompt"
        );
    }
    assert!(b.source.contains("(e.g. confidentiality, openness)"));
    assert!(b.source.contains("as a teacher / learning developer?"));
}

#[test]
fn prompt_bank_ids_audiences_and_sizes() {
    let b = banks();
    let ids: Vec<_> = b.banks.iter().map(|k| k.id.as_str()).collect();
    let expected: Vec<_> = BANKS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(ids, expected);
    for (id, audience, n) in BANKS {
        let k = bank(&b, id);
        assert_eq!(k.audience, *audience, "audience of {id}");
        assert_eq!(k.prompts.len(), *n, "prompts in {id}");
        assert!(!k.title.trim().is_empty());
        let mut seen = HashSet::new();
        for p in &k.prompts {
            check_text(&format!("prompt in {id}"), p);
            assert!(seen.insert(p.as_str()), "duplicate prompt in {id}: {p:?}");
        }
        if let Some(d) = &k.description {
            for part in d.split("\n\n") {
                check_text(&format!("description of {id}"), part);
            }
        }
        // Only the LSIS bank has a citation of its own; the others are the file's.
        assert_eq!(k.source.is_some(), *id == LSIS_BANK, "source of {id}");
    }
    assert_eq!(b.banks.iter().map(|k| k.prompts.len()).sum::<usize>(), 64);
}

#[test]
fn prompts_occur_in_the_source() {
    let Some(seed) = seed(SCOTELAS_SEED) else {
        return;
    };
    let b = banks();
    let normalised = normalise(&seed);
    for k in b.banks.iter().filter(|k| k.source.is_none()) {
        // Appendix 3's lines are checked, with their mends, in their own test.
        let agreement = AGREEMENT.iter().any(|(id, _)| *id == k.id);
        assert!(
            seed.lines().any(|l| bare(l) == k.title)
                || (agreement && seed.lines().any(|l| form_line(l) == k.title)),
            "bank title {:?} is a source line",
            k.title
        );
        if let Some(d) = &k.description {
            for part in d.split("\n\n") {
                assert!(
                    seed.lines().any(|l| bare(l) == part),
                    "description of {} is a source line: {part:?}",
                    k.id
                );
            }
        }
        for p in &k.prompts {
            if agreement {
                assert!(
                    seed.lines().any(|l| form_line(l) == *p),
                    "prompt in {}: {p:?} is a source line",
                    k.id
                );
            } else {
                check_against_source(&format!("prompt in {}", k.id), p, &seed, PROMPTS_MENDED);
            }
            assert!(normalised.contains(p.as_str()));
        }
    }
}

/// A line of the agreement form as the extraction gives it, without its check box ("☐ "),
/// bullet ("· ", "- " or a bare "-") and the whitespace around it.
fn form_line(line: &str) -> &str {
    let l = line.trim();
    ["☐ ", "· ", "- ", "-"]
        .iter()
        .find_map(|b| l.strip_prefix(b))
        .unwrap_or(l)
        .trim()
}

/// The agreement banks are Appendix 3, part by part: each title, description and prompts are
/// the part's lines in order, none left out, up to the box the part is written in; the parts
/// come in the source's order; and the "You might want to consider:" lists are all there,
/// eighteen prompts in four lists.
#[test]
fn agreement_banks_are_each_part_of_appendix_3_whole_and_in_order() {
    let Some(seed) = seed(SCOTELAS_SEED) else {
        return;
    };
    let b = banks();
    let lines: Vec<&str> = seed
        .lines()
        .map(form_line)
        .filter(|l| !l.is_empty())
        .collect();
    let appendix = lines
        .iter()
        .position(|l| *l == "Appendix 3: The Mentoring Agreement")
        .expect("Appendix 3 in the source");
    let mut at = appendix;
    for (id, next) in AGREEMENT {
        let k = bank(&b, id);
        let start = at
            + lines[at..]
                .iter()
                .position(|l| *l == k.title)
                .unwrap_or_else(|| panic!("{id}: its title {:?} follows the part before", k.title));
        let mut expected: Vec<&str> = vec![k.title.as_str()];
        expected.extend(k.description.iter().flat_map(|d| d.split("\n\n")));
        expected.extend(k.prompts.iter().map(String::as_str));
        let end = start + expected.len();
        assert_eq!(
            &lines[start..end],
            expected.as_slice(),
            "{id} is its part, whole"
        );
        assert_eq!(lines[end], *next, "{id} ends where its box begins");
        at = end;
    }
    let consider: Vec<&str> = lines[appendix..]
        .iter()
        .copied()
        .filter(|l| *l == "You might want to consider:")
        .collect();
    assert_eq!(consider.len(), 4);
    let prompts: usize = AGREEMENT
        .iter()
        .map(|(id, _)| bank(&b, id))
        .filter(|k| {
            k.description
                .as_deref()
                .is_some_and(|d| d.ends_with("\n\nYou might want to consider:"))
        })
        .map(|k| k.prompts.len())
        .sum();
    assert_eq!(prompts, 18, "the eighteen prompts to consider");
    // The mends are noted in the file's source.
    assert!(
        b.source
            .contains("Appendix 3 \"The Mentoring Agreement\" (the guidance")
    );
    assert!(b.source.contains("check boxes (\"☐ \")"));
    assert!(
        b.source
            .contains("\"You might want to consider:\", a blank line apart")
    );
}

#[test]
fn agreement_prompt_spot_checks() {
    let b = banks();
    let mentee = bank(&b, "agreement-mentee");
    assert_eq!(
        mentee.title,
        "Please identify the mentee’s responsibilities:"
    );
    assert_eq!(
        mentee.description.as_deref(),
        Some(
            "(e.g. identify the challenges they want to discuss for each meeting)\n\nYou might \
             want to consider:"
        )
    );
    assert_eq!(mentee.prompts[0], "the preparation for a session");
    assert_eq!(mentee.prompts, bank(&b, "agreement-mentor").prompts);
    let tone = bank(&b, "agreement-tone");
    assert_eq!(
        tone.prompts[2],
        "Forms in which difficult questions can / cannot be asked (email? Face to face?)"
    );
    let logistics = bank(&b, "agreement-logistics");
    assert_eq!(logistics.prompts[0], "how often you communicate");
    assert_eq!(
        logistics.prompts[4],
        "how you identify whether the mentorship is working well for both sides involved?"
    );
    let focus = bank(&b, "agreement-focus");
    assert_eq!(
        focus.prompts[1],
        "expertise-focused mentoring (i.e. developing the mentee’s knowledge or ability in a \
         specific aspect of her/his work)?"
    );
    assert!(bank(&b, "agreement-outcomes").prompts.is_empty());
}

// ---------------------------------------------------------------------------------------------
// LSIS: criteria for being mentored (a bank with its own source)

#[test]
fn criteria_for_being_mentored_are_lsis_3_1_whole() {
    let b = banks();
    let k = bank(&b, LSIS_BANK);
    let src = k.source.as_deref().expect("its own citation");
    // The same citation as the LSIS framework, then the section it is from, and the mends.
    let cite = lsis()
        .source
        .split("; Section 1")
        .next()
        .unwrap()
        .to_string();
    assert!(src.starts_with(&cite), "{src}");
    assert!(src.contains("3.1 \"Criteria for being mentored\""));
    assert!(src.contains("Mends made to the extracted text:"));
    assert!(src.contains("\"not as a something\""));
    assert_eq!(k.title, "Criteria for being mentored");
    for p in &k.prompts {
        check_text("criterion", p);
    }
    let Some(seed) = seed(LSIS_SEED) else { return };
    assert!(seed.contains(&format!("\n#### 3.1 {}\n", k.title)));
    let d = k.description.as_deref().unwrap();
    assert!(
        seed.lines().any(|l| l == d),
        "the description is a whole line"
    );
    for p in &k.prompts {
        check_against_source("criterion", p, &seed, LSIS_MENDED);
    }
    // Complete and in order: the four bullets under 3.1, up to 3.2.
    let list = block(&source_lines(&seed), d, "#### 3.2 Allocation of mentors");
    assert_eq!(k.prompts, list);
    assert_eq!(k.prompts.len(), 4);
    assert!(k.prompts[2].ends_with("concerns about performance; and"));
    // The LSIS framework says where its 3.1 went.
    assert!(lsis().source.contains("criteria-for-being-mentored"));
}

/// Each bank is the whole list under its heading, in order: its prompts, joined, are the
/// source's lines from the heading to the list's end.
#[test]
fn prompt_banks_are_complete_lists() {
    let Some(seed) = seed(SCOTELAS_SEED) else {
        return;
    };
    let b = banks();
    let lines = source_lines(&seed);
    let lists = [
        (
            "pre-meeting",
            "Notes",
            "Adapted from Corporate Leadership Council",
        ),
        (
            "first-conversation",
            "Role-focused mentoring: Questions to guide the first mentoring conversation",
            "Adapted from Corporate Leadership Council",
        ),
        (
            "reflection-mentee",
            "Questions for Mentees",
            "Questions for Mentors",
        ),
        (
            "reflection-mentor",
            "Questions for Mentors",
            "If you would like to suggest another question",
        ),
        (
            "starter",
            "If you are uncertain about choosing topics to reflect on, here are some questions to \
             get you started:",
            "Step 2: Develop the mentoring relationship",
        ),
    ];
    for (id, after, until) in lists {
        let source = block(&lines, after, until).join(" ");
        let prompts = normalise(&bank(&b, id).prompts.join(" "));
        assert_eq!(prompts, source, "bank {id} is the whole source list");
    }
    // The pre-meeting list is the "Questions to consider" column of the form.
    assert_eq!(
        block(
            &lines,
            "Role-focused mentoring: Mentee pre-meeting thought document",
            "What do you hope"
        ),
        ["Questions to consider", "Notes"]
    );
}

#[test]
fn prompt_spot_checks() {
    let b = banks();
    let pre = bank(&b, "pre-meeting");
    assert_eq!(
        pre.title,
        "Role-focused mentoring: Mentee pre-meeting thought document"
    );
    assert_eq!(pre.description.as_deref(), Some("Questions to consider"));
    assert_eq!(
        pre.prompts[0],
        "What do you hope to gain from the mentoring relationship?"
    );
    assert_eq!(
        pre.prompts[2],
        "Are there any ground rules you’d like to set (e.g. confidentiality, openness)"
    );
    assert_eq!(
        pre.prompts[9],
        "When will you aim to reflect on the mentoring experience and how will you record this?"
    );

    let first = bank(&b, "first-conversation");
    assert_eq!(
        first.title,
        "Role-focused mentoring: Questions to guide the first mentoring conversation"
    );
    assert_eq!(first.description, None);
    assert_eq!(
        first.prompts[0],
        "What is your educational and professional background? What attracted you to learning \
         development?"
    );
    assert_eq!(
        first.prompts[10],
        "How shall we communicate between meetings?"
    );

    let mentee = bank(&b, "reflection-mentee");
    assert_eq!(mentee.title, "Questions for Mentees");
    assert_eq!(
        mentee.description.as_deref(),
        Some("The following questions can be adapted to your own situation:")
    );
    assert_eq!(
        mentee.prompts[0],
        "Describe a step you aim to take for your career development and explain how mentoring \
         has helped you formulate this goal."
    );

    let mentor = bank(&b, "reflection-mentor");
    assert_eq!(mentor.title, "Questions for Mentors");
    assert_eq!(
        mentor.prompts[3],
        "Choose a moment in the mentoring process that required your leadership skills. What \
         have you learned about them and how could you use this in the future?"
    );
    // The one question both lists share.
    assert_eq!(mentee.prompts[2], mentor.prompts[2]);

    let starter = bank(&b, "starter");
    assert_eq!(starter.title, "Ideas to get you Started");
    assert_eq!(
        starter.description.as_deref(),
        Some(
            "If you are uncertain about choosing topics to reflect on, here are some questions \
             to get you started:"
        )
    );
    assert_eq!(
        starter.prompts[0],
        "Consider where you were at the start. How have you developed since then?"
    );
    assert_eq!(
        starter.prompts[5],
        "What have you learned so far about your own ways of working (e.g. situations you \
         avoid, preferred ways of working)"
    );
    assert_eq!(
        starter.prompts[9],
        "How would you evaluate your engagement with the mentoring? What could you have done \
         better?"
    );
}

// ---------------------------------------------------------------------------------------------
// LSIS: the reporting rhythm, a meeting cadence

#[test]
fn the_lsis_rhythm_is_the_guide_s_words() {
    let rhythm = mentorlog::model::LSIS_RHYTHM;
    check_text("the LSIS rhythm", rhythm);
    assert!(
        lsis()
            .source
            .contains(&format!("(\"{rhythm}\") is the meeting cadence lsis")),
        "the LSIS framework says where its reporting rhythm went"
    );
    let Some(seed) = seed(LSIS_SEED) else { return };
    // Across the page break of the extraction ("This might" / "be once a fortnight ...").
    assert!(
        normalise(&seed).contains(&format!(
            "Consider establishing a reporting system for the mentor to report back to his or \
             her line manager about the process and impact. This might be {rhythm}."
        )),
        "{rhythm:?} is the guide's sentence"
    );
}
