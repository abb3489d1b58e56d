//! The demo journal: a small one to explore on first run, and a large deterministic one
//! (50 partnerships, 5,000 meetings, 2,000 goals, 20,000 ticks, or N times that at `scale` N)
//! for trying mentorlog at scale.
//! Written only into a journal with no partnerships, so it never mixes with real notes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate, NaiveTime};

use crate::model::{
    ActionItem, Agreement, Evaluation, Evidence, Goal, GoalStatus, Journal, LikertAnswer, Meeting,
    MeetingMode, MeetingType, Owner, Partnership, PartnershipKind, PartnershipStatus, Pathway,
    Profile, Reflection, Review, Role, SCHEMA_VERSION, StageRecord, Tick, TickSheet, Verification,
    evaluation_statements,
};
use crate::store::kind::path_in;
use crate::store::{
    AnyRecord, BatchError, Kind, PartnershipRecord, Store, StoreError, Write, to_ron,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Large,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub partnerships: usize,
    pub meetings: usize,
    pub goals: usize,
    pub ticks: usize,
    pub reflections: usize,
    pub files: usize,
    pub bytes: u64,
}

/// The synthetic framework the large demo ticks against beside CUREE (CUREE has 80 items;
/// 400 ticks a partnership need more). It is marked as synthetic in its own source.
const SCALE_FRAMEWORK_ID: &str = "demo-scale";

/// Collects the demo's records; they are written as one batch (whole, or finished at the next
/// open if the process is stopped half-way).
struct Writer<'a> {
    store: &'a Store,
    /// The journal's owner, whose private folder the demo's private records go in.
    owner: String,
    writes: Vec<Write>,
    written: Written,
}

impl Writer<'_> {
    /// Its bytes are counted once written (the batch renders each record; rendering here too
    /// would do it twice, and before the meetings list what they evidence).
    fn put(&mut self, path: PathBuf, value: AnyRecord) -> Result<(), StoreError> {
        self.written.files += 1;
        self.writes.push(Write::create(path, value));
        Ok(())
    }

    fn dir(&self, pid: &str) -> PathBuf {
        self.store.partnerships_dir().join(pid)
    }

    fn partnership(&mut self, p: &Partnership) -> Result<(), StoreError> {
        self.written.partnerships += 1;
        let path = path_in(&self.dir(&p.id), Kind::Partnership, "partnership.ron");
        self.put(path, AnyRecord::Partnership(p.clone()))
    }

    fn record<T: PartnershipRecord>(&mut self, pid: &str, r: &T) -> Result<(), StoreError> {
        let path = path_in(&self.dir(pid), T::KIND, &r.file_name());
        let r = r.clone().wrap();
        let private_to = r.is_private().then_some(self.owner.as_str());
        let path = crate::store::private::place(self.store.root(), &path, private_to)?;
        self.put(path, r)
    }

    fn meeting(&mut self, pid: &str, m: &Meeting) -> Result<(), StoreError> {
        self.written.meetings += 1;
        self.record(pid, m)
    }

    fn goal(&mut self, pid: &str, g: &Goal) -> Result<(), StoreError> {
        self.written.goals += 1;
        self.record(pid, g)
    }

    fn reflection(&mut self, pid: &str, r: &Reflection) -> Result<(), StoreError> {
        self.written.reflections += 1;
        self.record(pid, r)
    }

    fn stage(&mut self, pid: &str, s: &StageRecord) -> Result<(), StoreError> {
        self.record(pid, s)
    }

    fn ticks(&mut self, pid: &str, sheet: &TickSheet) -> Result<(), StoreError> {
        self.written.ticks += sheet.ticks.len();
        self.record(pid, sheet)
    }
}

/// The largest `scale` the large demo takes: 5,000 partnerships, 500,000 meetings.
pub const MAX_SCALE: u32 = 100;

/// Write the demo journal. Refuses a journal that already has partnerships, and never writes
/// over a file that is there (a framework of the user's own included).
pub fn write_demo(store: &Store, size: Size, today: NaiveDate) -> Result<Written, BatchError> {
    write_demo_scaled(store, size, 1, today)
}

/// [`write_demo`] with the large demo `scale` times bigger: 50·`scale` partnerships, each
/// with the same amount of content as the large demo's (1 ≤ `scale` ≤ [`MAX_SCALE`]; the
/// small demo only at scale 1). At scale 1 it is the large demo exactly.
pub fn write_demo_scaled(
    store: &Store,
    size: Size,
    scale: u32,
    today: NaiveDate,
) -> Result<Written, BatchError> {
    if !(1..=MAX_SCALE).contains(&scale) {
        return Err(StoreError::Invalid(format!(
            "the demo's scale is 1 to {MAX_SCALE}, not {scale}"
        ))
        .into());
    }
    if size == Size::Small && scale != 1 {
        return Err(StoreError::Invalid("only the large demo is written at a scale".into()).into());
    }
    // A demo stopped half-way is finished first, so running it again finds it whole.
    store.recover()?;
    let existing = std::fs::read_dir(store.partnerships_dir())
        .map(|d| {
            d.filter_map(Result::ok)
                .any(|e| e.path().join("partnership.ron").exists())
        })
        .unwrap_or(false);
    if existing {
        return Err(StoreError::Invalid(format!(
            "{} already holds partnerships: the demo is written only into an empty journal. \
             Try `mentorlog --data-dir /tmp/mentorlog-demo demo`",
            store.root().display()
        ))
        .into());
    }
    // The owner is the profile there is, else the demo's (Jo Taylor, written below).
    let profile = store
        .read::<Journal>(&store.journal_path())
        .map(|j| j.profile)
        .unwrap_or_else(|_| Profile {
            id: Some("jo-taylor".into()),
            ..Profile::default()
        });
    let mut w = Writer {
        store,
        owner: crate::journal::members::owner_id_of(Some(&profile), ""),
        writes: Vec::new(),
        written: Written::default(),
    };
    // An existing profile is the user's own: the demo adds partnerships, not a new owner.
    if !store.journal_path().exists() {
        w.put(
            store.journal_path(),
            AnyRecord::Journal(Journal {
                // The mentee of the demo's main partnership is a person in the journal too.
                members: match size {
                    Size::Small => vec![crate::model::Member {
                        id: "sam-lee".into(),
                        name: "Sam Lee".into(),
                        role: Role::Mentee,
                        partnerships: vec!["sam-lee".into()],
                        keys: Vec::new(),
                    }],
                    Size::Large => Vec::new(),
                },
                version: SCHEMA_VERSION,
                profile: Profile {
                    id: Some("jo-taylor".into()),
                    keys: Vec::new(),
                    name: "Jo Taylor".into(),
                    role: Role::Mentor,
                    institution: Some("Northfield High School".into()),
                    stage: Some("ljmu/developing".into()),
                },
                settings: Default::default(),
            }),
        )?;
    }
    // A journal of this version keeps its private records apart from its birth.
    let mark = store.root().join(crate::store::private::MOVED_MARK);
    if !mark.exists() {
        w.writes.push(Write::file(mark, "1\n".into()));
    }
    match size {
        Size::Small => small(&mut w, today)?,
        Size::Large => large(&mut w, scale, today)?,
    }
    link_both_ways(store.root(), &mut w.writes);
    store.apply(&w.writes, &[])?;
    // The records' bytes as written (the framework's were counted when it was rendered).
    w.written.bytes += w
        .writes
        .iter()
        .filter(|x| x.new.is_some())
        .filter_map(|x| std::fs::metadata(&x.path).ok())
        .map(|m| m.len())
        .sum::<u64>();
    Ok(w.written)
}

/// Every meeting a demo tick names as evidence lists that item too, as the journal keeps it.
fn link_both_ways(root: &Path, writes: &mut [Write]) {
    let shared = |p: &Path| crate::store::private::shared_path(root, p);
    // (partnership folder, meeting id) -> the items it evidences, in the order met.
    let mut links: HashMap<(PathBuf, String), Vec<String>> = HashMap::new();
    for w in writes.iter() {
        if let Some(AnyRecord::Ticks(sheet)) = &w.new {
            let dir = shared(&w.path)
                .parent()
                .and_then(|t| t.parent())
                .map(Path::to_path_buf);
            for (item, tick) in &sheet.ticks {
                for m in &tick.evidence.meetings {
                    if let Some(d) = &dir {
                        links
                            .entry((d.clone(), m.clone()))
                            .or_default()
                            .push(format!("{}/{item}", sheet.framework));
                    }
                }
            }
        }
    }
    if links.is_empty() {
        return;
    }
    for w in writes.iter_mut() {
        if let Some(AnyRecord::Meeting(m)) = &mut w.new {
            let path = shared(&w.path);
            let Some(dir) = path.parent().and_then(|t| t.parent()) else {
                continue;
            };
            let Some(addresses) = links.get(&(dir.to_path_buf(), m.id.clone())) else {
                continue;
            };
            for address in addresses {
                if !m.evidences.contains(address) {
                    m.evidences.push(address.clone());
                }
            }
        }
    }
}

fn days_before(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

fn days_after(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_add_days(Days::new(n)).unwrap_or(today)
}

#[allow(clippy::too_many_arguments)]
fn partnership(
    id: &str,
    name: &str,
    kind: PartnershipKind,
    pathway: Pathway,
    focus: Option<&str>,
    start: NaiveDate,
    frameworks: &[&str],
    agreement: Option<Agreement>,
) -> Partnership {
    Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: id.into(),
        name: name.into(),
        institution: Some("Northfield High School".into()),
        kind,
        pathway,
        focus: focus.map(Into::into),
        start,
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: frameworks.iter().map(|f| f.to_string()).collect(),
        status: PartnershipStatus::Active,
        agreement,
        thoughts: Vec::new(),
        evaluation: None,
    }
}

fn meeting(id: &str, date: NaiveDate, kind: MeetingType, focus: &str, notes: &str) -> Meeting {
    let mut m = Meeting::new(id.into(), date);
    m.time = NaiveTime::from_hms_opt(15, 30, 0);
    m.duration_minutes = Some(45);
    m.kind = kind;
    m.focus = focus.into();
    m.notes = notes.into();
    m
}

fn action(id: &str, text: &str, owner: Owner, due: NaiveDate, done: bool) -> ActionItem {
    ActionItem {
        id: id.into(),
        text: text.into(),
        owner,
        due: Some(due),
        done,
    }
}

#[allow(clippy::too_many_arguments)]
fn goal(
    id: &str,
    created: NaiveDate,
    objective: &str,
    columns: [&str; 5],
    target: NaiveDate,
    status: GoalStatus,
) -> Goal {
    Goal {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: id.into(),
        created,
        learning_goal: String::new(),
        objective: objective.into(),
        mentee_actions: columns[0].into(),
        mentor_actions: columns[1].into(),
        support_actions: columns[2].into(),
        barriers: columns[3].into(),
        success_measures: columns[4].into(),
        target: Some(target),
        status,
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: Vec::new(),
    }
}

fn tick(date: NaiveDate, meetings: &[&str], note: &str) -> Tick {
    Tick {
        date,
        level: None,
        evidence: Evidence {
            meetings: meetings.iter().map(|m| m.to_string()).collect(),
            notes: if note.is_empty() {
                vec![]
            } else {
                vec![note.into()]
            },
            files: vec![],
        },
        verification: None,
    }
}

const FOCI: &[&str] = &[
    "Questioning in Year 9 science",
    "Behaviour for learning with 8C",
    "Planning a sequence of lessons on forces",
    "Marking and feedback",
    "Lesson observation debrief: practical work",
    "Differentiation for EAL learners",
    "Assessment for learning in plenaries",
    "Workload and wellbeing",
    "Parents' evening preparation",
    "Using data to plan interventions",
];

fn small(w: &mut Writer, today: NaiveDate) -> Result<(), StoreError> {
    // Sam: ready for recognition: ScotELAs, and the LJMU Developing Mentor stage.
    let start = days_before(today, 200);
    let sam = partnership(
        "sam-lee",
        "Sam Lee",
        PartnershipKind::Induction,
        Pathway::RoleFocused,
        None,
        start,
        &["curee", "ljmu"],
        Some(Agreement {
            outcomes: vec![
                "Plan and teach lessons that use open questioning to deepen understanding".into(),
                "Manage behaviour for learning consistently with Year 8".into(),
                "Use assessment data to plan interventions for a target group".into(),
            ],
            mentee_responsibilities: vec![
                "Bring lesson plans and evaluations to each meeting".into(),
            ],
            mentor_responsibilities: vec![
                "Observe one lesson a fortnight and give written feedback".into(),
            ],
            tone_ground_rules: vec!["Conversations are confidential and non-judgemental".into()],
            logistics_ground_rules: vec![
                "Meet every other Tuesday, 15:30, in the science office".into(),
            ],
            agreed_by_mentee: Some(start),
            agreed: Vec::new(),
            agreed_by_mentor: Some(start),
        }),
    );
    let mut sam = sam;
    sam.evaluation = Some(Evaluation {
        date: days_before(today, 2),
        answers: evaluation_statements(sam.agreement.as_ref())
            .into_iter()
            .zip([5u8, 4, 4, 5, 4, 5, 4])
            .map(|(statement, score)| LikertAnswer { statement, score })
            .collect(),
        comments: "We met as agreed almost every fortnight; the written feedback after observations was the most useful part.".into(),
    });
    w.partnership(&sam)?;
    let mut ids = Vec::new();
    let mut dates = Vec::new();
    for i in 0..14u64 {
        let date = days_before(today, 3 + (13 - i) * 15);
        let id = format!("sam{i:03}");
        let kind = if i % 4 == 2 {
            MeetingType::ObservationOfMentee
        } else {
            MeetingType::Meeting
        };
        let mut m = meeting(
            &id,
            date,
            kind,
            FOCI[i as usize % FOCI.len()],
            "Talked through the lesson evaluation. Sam identified two moments where the class went quiet \
             after a closed question; we rehearsed open alternatives and agreed what to try next week.",
        );
        m.action_items = vec![action(
            &format!("a{i:03}"),
            "Try three open questions in the plenary and note the responses",
            Owner::Mentee,
            days_after(date, 7),
            i < 13,
        )];
        if i == 5 {
            m.private = true;
            m.notes =
                "Sam mentioned feeling overwhelmed by marking; agreed to keep this between us."
                    .into();
        }
        w.meeting("sam-lee", &m)?;
        ids.push(id);
        dates.push(date);
    }
    // The meeting that evidences a tick is one held on or before the day it was ticked (the
    // latest such; the first meeting when the tick is earlier still, which it never is here).
    let held_by = |day: NaiveDate, from: usize| -> &str {
        let last = dates.iter().rposition(|d| *d <= day).unwrap_or(0);
        &ids[from.min(last)]
    };
    let mut g1 = goal(
        "samg01",
        start,
        "Use open questions to extend thinking in every lesson",
        [
            "Plan three open questions per lesson",
            "Observe and note question types",
            "Head of science shares questioning stems",
            "Time pressure in practical lessons",
            "Observed lessons show pupils explaining their reasoning",
        ],
        days_after(start, 90),
        GoalStatus::Achieved,
    );
    g1.reviews.push(Review {
        date: days_after(start, 60),
        note: "Clear progress: open questions now planned in every lesson.".into(),
    });
    w.goal("sam-lee", &g1)?;
    w.goal(
        "sam-lee",
        &goal(
            "samg02",
            days_after(start, 60),
            "Consistent behaviour routines with 8C",
            [
                "Use the seating plan and the school's warning system",
                "Team-teach the first ten minutes twice",
                "Pastoral lead joins a lesson",
                "Timetable: 8C last period on Fridays",
                "Fewer than two removals a half term",
            ],
            days_before(today, 10),
            GoalStatus::InProgress,
        ),
    )?;
    w.goal(
        "sam-lee",
        &goal(
            "samg03",
            days_before(today, 20),
            "Plan an intervention from assessment data",
            [
                "Analyse the mock results for Year 10",
                "Share the department tracker",
                "Data manager provides the export",
                "Data arrives late",
                "Intervention group's scores rise",
            ],
            days_after(today, 30),
            GoalStatus::NotStarted,
        ),
    )?;
    // Every CUREE mentor skill and every Developing Mentor criterion, each with its evidence.
    let bundled = crate::framework::FrameworkSet::bundled();
    let mut sheet = TickSheet::new("curee");
    let mentor_skills: Vec<String> = bundled
        .get("curee")
        .and_then(|f| {
            f.sections
                .iter()
                .flat_map(|s| &s.sections)
                .find(|s| s.id == "mentors")
        })
        .map(|s| s.items.iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default();
    for (n, item) in mentor_skills.iter().enumerate() {
        let day = days_before(today, 190 - n as u64 * 15);
        sheet.ticks.insert(
            item.clone(),
            tick(day, &[held_by(day, n)], "Noted in the meeting log"),
        );
    }
    w.ticks("sam-lee", &sheet)?;
    let mut ljmu = TickSheet::new("ljmu");
    let criteria: Vec<String> = bundled
        .get("ljmu")
        .and_then(|f| f.sections.iter().find(|s| s.id == "developing"))
        .map(|s| {
            s.all_items()
                .into_iter()
                .filter(|i| i.reference.is_none())
                .map(|i| i.id.clone())
                .collect()
        })
        .unwrap_or_default();
    for (n, item) in criteria.iter().enumerate() {
        let day = days_before(today, 150 - n as u64 * 10);
        ljmu.ticks.insert(
            item.clone(),
            tick(
                day,
                &[held_by(day, (n * 3) % ids.len())],
                "Discussed and evidenced in the meeting log; documents in the trainee file",
            ),
        );
    }
    w.ticks("sam-lee", &ljmu)?;
    w.stage(
        "sam-lee",
        &StageRecord {
            by: Default::default(),
            version: SCHEMA_VERSION,
            framework: "ljmu".into(),
            stage: "developing".into(),
            reflection:
                "Mentoring Sam taught me to hold back my own solutions: open questions and \
                         shared observation did more for Sam's practice than advice did."
                    .into(),
            targets:
                "Develop coaching skills with a second trainee; lead one mentor training session."
                    .into(),
            verifications: vec![Verification {
                name: "Dr Ana Ruiz".into(),
                role: Some("University Liaison / Link Tutor".into()),
                date: days_before(today, 1),
                comment: "Criteria and checklist evidenced in the log; verified.".into(),
            }],
        },
    )?;
    let prompts = crate::framework::prompts::bundled_prompts();
    for (i, (author, text)) in [
        (
            Role::Mentee,
            "Open questions changed how my Year 9 class talks about science.",
        ),
        (
            Role::Mentor,
            "Modelling questioning in my own lessons made my feedback more concrete.",
        ),
        (
            Role::Mentee,
            "I now plan behaviour routines as carefully as content.",
        ),
        (
            Role::Mentor,
            "Stepping back let Sam take control of the action plan.",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let bank = if author == Role::Mentee {
            "reflection-mentee"
        } else {
            "reflection-mentor"
        };
        let prompt = prompts
            .bank(bank)
            .and_then(|b| b.prompts.get(i / 2))
            .cloned();
        w.reflection(
            "sam-lee",
            &Reflection {
                by: Default::default(),
                version: SCHEMA_VERSION,
                id: format!("samr{i:02}"),
                date: days_after(start, 60 + i as u64 * 30),
                author,
                prompt,
                text: text.into(),
                attachment: None,
                private: false,
            },
        )?;
    }

    // Priya: three months into an expertise-focused partnership.
    let start = days_before(today, 92);
    w.partnership(&partnership(
        "priya-shah",
        "Priya Shah",
        PartnershipKind::Progression,
        Pathway::ExpertiseFocused,
        Some("Assessment for learning"),
        start,
        &["curee", "tla", "mcf"],
        Some(Agreement {
            outcomes: vec![
                "Design exit tickets that reveal misconceptions".into(),
                "Use the evidence to adapt the next lesson".into(),
            ],
            agreed_by_mentee: Some(start),
            ..Agreement::default()
        }),
    ))?;
    for i in 0..5u64 {
        let date = days_after(start, 5 + i * 18);
        let mut m = meeting(
            &format!("pri{i:03}"),
            date,
            MeetingType::LearningConversation,
            FOCI[(i as usize + 6) % FOCI.len()],
            "Reviewed exit tickets from the week and what they showed about misconceptions.",
        );
        m.mode = if i % 2 == 0 {
            MeetingMode::InPerson
        } else {
            MeetingMode::Video
        };
        w.meeting("priya-shah", &m)?;
    }
    w.goal(
        "priya-shah",
        &goal(
            "prig01",
            start,
            "Embed exit tickets in Key Stage 4 lessons",
            [
                "Use an exit ticket in every Year 11 lesson",
                "Share examples from my own classes",
                "Department meeting slot to compare",
                "Time at the end of lessons",
                "Exit tickets shape the next lesson's starter",
            ],
            days_after(today, 21),
            GoalStatus::InProgress,
        ),
    )?;
    let mut sheet = TickSheet::new("curee");
    for item in [
        "mentor-relate-sensitively",
        "mentor-open-questions",
        "mentor-listen-actively",
    ] {
        sheet
            .ticks
            .insert(item.into(), tick(days_after(start, 41), &["pri002"], ""));
    }
    w.ticks("priya-shah", &sheet)?;
    // The MCF: every indicator of Communication achieved with evidence (a micro-credential
    // ready), and two of the three of Innovation and creativity.
    let mut mcf = TickSheet::new("mcf");
    for n in 1..=9 {
        mcf.ticks.insert(
            format!("d3-c1-{n}"),
            tick(
                days_after(start, 60),
                &["pri003"],
                "Seen in the learning conversation",
            ),
        );
    }
    for item in ["d2-c2-1", "d2-c2-2"] {
        mcf.ticks
            .insert(item.into(), tick(days_after(start, 78), &["pri004"], ""));
    }
    w.ticks("priya-shah", &mcf)?;
    let mut tla = TickSheet::new("tla");
    for (item, level) in [
        ("knowledge-base", "Stage 2"),
        ("coaching-mentoring", "Stage 1"),
        ("planning", "Stage 1"),
    ] {
        let mut t = tick(
            days_before(today, 20),
            &["pri003"],
            "Discussed at the learning conversation",
        );
        t.level = Some(level.into());
        tla.ticks.insert(item.into(), t);
    }
    w.ticks("priya-shah", &tla)?;
    w.reflection(
        "priya-shah",
        &Reflection {
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: "prir00".into(),
            date: days_before(today, 10),
            author: Role::Mentee,
            prompt: prompts
                .bank("starter")
                .and_then(|b| b.prompts.first())
                .cloned(),
            text: "I started by marking exit tickets; now I sort them into piles before I plan."
                .into(),
            attachment: None,
            private: false,
        },
    )?;

    // Alex: a co-coaching partnership that has just begun.
    let start = days_before(today, 5);
    w.partnership(&partnership(
        "alex-morgan",
        "Alex Morgan",
        PartnershipKind::CoCoaching,
        Pathway::RoleFocused,
        None,
        start,
        &["curee"],
        None,
    ))?;
    w.meeting(
        "alex-morgan",
        &meeting(
            "alx000",
            days_after(start, 1),
            MeetingType::LearningConversation,
            "First conversation: hopes, goals and ground rules",
            "Agreed to observe each other's Year 7 lessons before half term.",
        ),
    )?;
    Ok(())
}

fn scale_framework() -> crate::framework::Framework {
    use crate::framework::{Framework, Item, Section};
    Framework {
        id: SCALE_FRAMEWORK_ID.into(),
        title: "Demo scale framework (synthetic)".into(),
        source: "Synthetic items written by `mentorlog demo --size large` to exercise mentorlog at scale; \
                 not from any published framework."
            .into(),
        levels: vec![],
        passages: vec![],
        recognition: vec![],
        sections: (1..=8)
            .map(|s| Section {
                id: format!("area-{s}"),
                title: format!("Practice area {s}"),
                description: None,
                sections: vec![],
                items: (1..=50)
                    .map(|i| Item {
                        id: format!("a{s}-{i:02}"),
                        text: format!("Synthetic criterion {i} of practice area {s}"),
                        guidance: None,
                        codes: vec![],
                        descriptors: Default::default(),
                        reference: None,
                    })
                    .collect(),
            })
            .collect(),
    }
}

const FIRST: &[&str] = &[
    "Sam", "Priya", "Alex", "Jordan", "Morgan", "Chris", "Aisha", "Tom", "Lena", "Ravi",
];
const LAST: &[&str] = &[
    "Lee", "Shah", "Morgan", "Okafor", "Byrne", "Nowak", "Hughes", "Khan", "Evans", "Patel",
];

fn large(w: &mut Writer, scale: u32, today: NaiveDate) -> Result<(), StoreError> {
    let mut rng = fastrand::Rng::with_seed(0x6d656e746f72);
    // A demo meeting always says how it was held and what it was.
    let kinds: Vec<MeetingType> = MeetingType::ALL
        .iter()
        .copied()
        .filter(|k| k.recorded())
        .collect();
    let modes: Vec<MeetingMode> = MeetingMode::ALL
        .iter()
        .copied()
        .filter(|m| m.recorded())
        .collect();
    let fw = scale_framework();
    let text = to_ron(&fw)?;
    w.written.files += 1;
    w.written.bytes += text.len() as u64;
    w.writes.push(Write::file(
        w.store
            .frameworks_dir()
            .join(format!("{SCALE_FRAMEWORK_ID}.ron")),
        text,
    ));
    let curee = crate::framework::FrameworkSet::bundled();
    let curee_items: Vec<String> = curee
        .get("curee")
        .map(|f| f.items().into_iter().map(|(_, i)| i.id.clone()).collect())
        .unwrap_or_default();
    let scale_items: Vec<String> = fw.items().into_iter().map(|(_, i)| i.id.clone()).collect();
    // Numbers in ids are as wide as the largest needs, so they sort: p00..p49 at scale 1 (as
    // the large demo always was), p0000..p4999 above it.
    let width = if scale == 1 { 2 } else { 4 };
    for p in 0..50 * scale as usize {
        let name = format!(
            "{} {}",
            FIRST[p % FIRST.len()],
            LAST[(p / FIRST.len() + p) % LAST.len()]
        );
        let id = format!("p{p:0width$}-{}", crate::model::slug(&name));
        let start = days_before(today, 1490 + rng.u64(0..20));
        let kind = PartnershipKind::ALL[p % PartnershipKind::ALL.len()];
        w.partnership(&partnership(
            &id,
            &name,
            kind,
            Pathway::RoleFocused,
            None,
            start,
            &["curee", SCALE_FRAMEWORK_ID],
            None,
        ))?;
        let mut meeting_ids = Vec::new();
        for i in 0..100u64 {
            let date = days_after(start, i * 15 + rng.u64(0..5));
            let mid = format!("m{p:0width$}{i:03}");
            let mut m = meeting(
                &mid,
                date,
                kinds[rng.usize(..kinds.len())],
                FOCI[rng.usize(..FOCI.len())],
                "Reviewed the week's lessons against the action plan; agreed next steps and who does what.",
            );
            m.mode = modes[rng.usize(..modes.len())];
            m.action_items = vec![action(
                &format!("a{i:03}"),
                "Follow up on the agreed next step",
                Owner::Mentee,
                days_after(date, 14),
                i < 98,
            )];
            m.private = rng.u8(..20) == 0;
            w.meeting(&id, &m)?;
            meeting_ids.push((mid, date));
        }
        for g in 0..40u64 {
            let created = days_after(start, g * 35);
            let status = GoalStatus::ALL[rng.usize(..GoalStatus::ALL.len())];
            w.goal(
                &id,
                &goal(
                    &format!("g{p:0width$}{g:03}"),
                    created,
                    FOCI[rng.usize(..FOCI.len())],
                    [
                        "Mentee's actions",
                        "Mentor's actions",
                        "Support network's actions",
                        "Potential barriers",
                        "Success measures",
                    ],
                    days_after(created, 60),
                    status,
                ),
            )?;
        }
        // 400 ticks: 60 CUREE items and 340 synthetic ones.
        let mut sheet = TickSheet::new("curee");
        // Each tick on or after the day of the meeting that evidences it.
        for item in curee_items.iter().take(60) {
            let (m, held) = &meeting_ids[rng.usize(..meeting_ids.len())];
            sheet.ticks.insert(
                item.clone(),
                tick(
                    days_after(*held, rng.u64(0..30)).min(today),
                    &[m],
                    "Seen in practice",
                ),
            );
        }
        w.ticks(&id, &sheet)?;
        let mut sheet = TickSheet::new(SCALE_FRAMEWORK_ID);
        for item in scale_items.iter().take(340) {
            let (m, held) = &meeting_ids[rng.usize(..meeting_ids.len())];
            sheet.ticks.insert(
                item.clone(),
                tick(days_after(*held, rng.u64(0..30)).min(today), &[m], ""),
            );
        }
        w.ticks(&id, &sheet)?;
    }
    Ok(())
}

/// Where a demo opened from the welcome screen lives: inside the data directory's private
/// folder, apart from the user's journal, and removed when the user leaves it.
pub const TRY_DIR: &str = ".mentorlog/demo";

impl super::Journal {
    /// A demo journal to look around in, written apart from this one (in [`TRY_DIR`]): the
    /// user's own journal is not touched. Leaving it is [`Journal::discard_demo`].
    pub fn open_demo(&self) -> Result<super::Journal, super::OpError> {
        self.discard_demo()?;
        let store = Store::new(self.store.root().join(TRY_DIR));
        write_demo(&store, Size::Small, self.today)?;
        Ok(super::Journal::open(store, self.today))
    }

    /// Remove the demo [`Journal::open_demo`] wrote (also one left by a mentorlog that was
    /// stopped while showing it).
    pub fn discard_demo(&self) -> Result<(), super::OpError> {
        let root = self.store.root();
        Ok(crate::store::scratch::remove_tree(
            root,
            &root.join(TRY_DIR),
        )?)
    }
}
