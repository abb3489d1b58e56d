//! One reader's view of the journal. Every pane, search, status line and export reads through
//! a [`Reader`], and it alone decides who may see what: the rule is [`Audience::may_see`],
//! written once. A private record can be reached only through a reader made for an audience
//! that may see it; the few places that count private records without showing them (a
//! recognition rule that counts meetings held) ask for them by name (`credit_…`).

use chrono::NaiveDate;

use super::Journal;
use super::conflicts::Conflict;
use super::report::{Report, frameworks_of};
use super::search::Index;
use crate::framework::{Framework, FrameworkSet};
use crate::model::{
    Evidence, Goal, Meeting, Partnership, Profile, Reflection, SkimMatcher, StageRecord, Tick,
    TickSheet, rank,
};
use crate::store::{Loaded, PartnershipData, Store};

/// Who is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The journal's owner at their own screen: everything but other members' private records.
    Owner,
    /// A screen shown to someone else (review mode): records marked private are left out.
    Review,
    /// A session acting as a member (`Journal::audience_of`): only that member's partnerships,
    /// and no record another member marked private.
    Member(MemberRef),
}

/// A member a session acts as (an index into the journal's list of those asked for, which
/// only grows, so it stays valid when the journal is read again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemberRef(pub(super) usize);

impl Audience {
    /// Whether private records of others are hidden from this audience (exports say so).
    pub fn hides_private(self) -> bool {
        self != Audience::Owner
    }
}

/// One piece of evidence for a tick, resolved against the meeting log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceLine {
    /// A meeting of the log; `date` is `None` when the meeting is no longer in the log.
    Meeting {
        id: String,
        date: Option<NaiveDate>,
        focus: String,
    },
    Note(String),
    File(String),
}

impl EvidenceLine {
    /// The evidence in plain words.
    pub fn plain(&self) -> String {
        match self {
            EvidenceLine::Meeting { id, date: None, .. } => {
                format!("meeting {id} (not in the log)")
            }
            EvidenceLine::Meeting {
                date: Some(d),
                focus,
                ..
            } if focus.is_empty() => format!("meeting of {d}"),
            EvidenceLine::Meeting {
                date: Some(d),
                focus,
                ..
            } => format!("meeting of {d}: {focus}"),
            EvidenceLine::Note(n) => n.clone(),
            EvidenceLine::File(f) => format!("file {f}"),
        }
    }

    /// Whether this piece is dated after `date` (a meeting held after the achievement it is
    /// meant to evidence).
    pub fn is_after(&self, date: NaiveDate) -> bool {
        matches!(self, EvidenceLine::Meeting { date: Some(d), .. } if *d > date)
    }

    /// Whether this piece counts as evidence (a link to a meeting no longer in the log does
    /// not).
    pub fn counts(&self) -> bool {
        !matches!(self, EvidenceLine::Meeting { date: None, .. })
    }
}

/// The journal as one audience may see it.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    j: &'a Journal,
    audience: Audience,
}

impl<'a> Reader<'a> {
    pub(super) fn new(j: &'a Journal, audience: Audience) -> Reader<'a> {
        Reader { j, audience }
    }

    /// The partnerships this audience may see at all.
    fn visible(&self) -> impl Iterator<Item = &'a PartnershipData> + 'a {
        let j = self.j;
        let only = match self.audience {
            Audience::Member(m) => j.member_partnerships(m),
            _ => None,
        };
        j.snap.partnerships.iter().filter(move |p| {
            only.as_ref()
                .is_none_or(|ids| ids.iter().any(|id| id == p.id()))
        })
    }

    pub(super) fn partner_of(&self, data: &'a PartnershipData) -> Partner<'a> {
        Partner {
            data,
            audience: self.audience,
            set: &self.j.frameworks,
            store: &self.j.store,
            j: self.j,
        }
    }

    pub fn audience(&self) -> Audience {
        self.audience
    }

    pub fn today(&self) -> NaiveDate {
        self.j.today
    }

    /// The data directory, for messages.
    pub fn root(&self) -> &'a std::path::Path {
        self.j.store.root()
    }

    pub fn frameworks(&self) -> &'a FrameworkSet {
        &self.j.frameworks
    }

    pub fn generation(&self) -> u64 {
        self.j.generation
    }

    /// Who keeps the journal (none until its first record is written).
    pub fn profile(&self) -> Option<&'a Profile> {
        self.j.snap.journal.as_ref().map(|j| &j.value.profile)
    }

    /// The partnerships this audience may see, in their order (by id).
    pub fn partnerships(&self) -> Vec<Partner<'a>> {
        self.visible().map(|data| self.partner_of(data)).collect()
    }

    pub fn len(&self) -> usize {
        match self.audience {
            Audience::Member(_) => self.visible().count(),
            _ => self.j.snap.partnerships.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<Partner<'a>> {
        match self.audience {
            Audience::Member(_) => self.visible().nth(i),
            _ => self.j.snap.partnerships.get(i),
        }
        .map(|data| self.partner_of(data))
    }

    pub fn partner(&self, id: &str) -> Option<Partner<'a>> {
        self.position(id).and_then(|i| self.get(i))
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.visible().position(|p| p.id() == id)
    }

    /// Whether some partnership's records are still being read.
    pub fn loading(&self) -> bool {
        self.j.loading()
    }

    /// Files that could not be read, and framework files that could not be used.
    pub fn problems(&self) -> Vec<String> {
        self.j.problems()
    }

    /// The member id of whoever the journal writes for now.
    pub fn actor(&self) -> String {
        self.j.actor()
    }

    /// The people of the journal this audience may know of: everyone for the owner; for a
    /// member, the owner, themselves and those who share a partnership with them.
    pub fn people(&self) -> Vec<super::Person> {
        let all = self.j.people();
        let Audience::Member(m) = self.audience else {
            return all;
        };
        let me = self.j.viewers.get(m.0).cloned().unwrap_or_default();
        let mine: Vec<String> = self.visible().map(|p| p.id().to_string()).collect();
        all.into_iter()
            .filter(|p| p.owner || p.id == me || p.partnerships.iter().any(|x| mine.contains(x)))
            .collect()
    }

    /// Conflict copies waiting to be resolved, compared with their records; those about a
    /// record this audience may not see are left out.
    pub fn conflicts(&self) -> Vec<&'a Conflict> {
        self.j
            .conflicts
            .iter()
            .filter(|c| {
                [c.mine.as_ref(), c.theirs.as_ref()]
                    .into_iter()
                    .flatten()
                    .all(|r| self.j.may_see(self.audience, r.is_private(), r.by()))
            })
            .collect()
    }

    /// The search index over what this audience may see; framework items are indexed once,
    /// under `current` when it uses their framework.
    pub fn search_index(&self, current: Option<&str>) -> Index {
        Index::build(self, current)
    }

    /// Find a partnership by id, by its whole name, by an id prefix, by a whole word of the
    /// name, or by a fuzzy match on the name. The error lists the candidates.
    pub fn find_partner(&self, query: &str) -> Result<Partner<'a>, String> {
        let all = self.partnerships();
        if all.is_empty() {
            return Err(
                "there are no partnerships yet: add one with `mentorlog partner add \"NAME\"`"
                    .into(),
            );
        }
        let q = query.trim().to_lowercase();
        if let Some(p) = all.iter().find(|p| p.id() == q) {
            return Ok(*p);
        }
        let name = |p: &Partner| p.partnership().name.to_lowercase();
        let same_name: Vec<Partner> = all.iter().filter(|p| name(p) == q).copied().collect();
        if let [one] = same_name.as_slice() {
            return Ok(*one);
        }
        let by_id: Vec<Partner> = all
            .iter()
            .filter(|p| p.id().starts_with(&q))
            .copied()
            .collect();
        if let [one] = by_id.as_slice() {
            return Ok(*one);
        }
        let by_word: Vec<Partner> = all
            .iter()
            .filter(|p| name(p).split_whitespace().any(|w| w == q))
            .copied()
            .collect();
        let candidates: Vec<Partner> = if same_name.len() > 1 {
            same_name
        } else if by_word.is_empty() {
            rank(
                &SkimMatcher::default(),
                all.iter().map(|p| (p.partnership().name.as_str(), *p)),
                query,
            )
            .into_iter()
            .map(|(_, p)| p)
            .collect()
        } else {
            by_word
        };
        let list = |ps: &[Partner]| {
            let mut lines: Vec<String> = ps
                .iter()
                .take(12)
                .map(|p| format!("  {}  ({})", p.partnership().name, p.id()))
                .collect();
            if ps.len() > 12 {
                lines.push(format!(
                    "  ... and {} more (`mentorlog partner list`)",
                    ps.len() - 12
                ));
            }
            lines.join("\n")
        };
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "no partnership matches '{query}'. The partnerships are:\n{}\nUse an id or part of a name.",
                list(&all)
            )),
            many => Err(format!(
                "'{query}' matches {} partnerships:\n{}\nUse the id, or more of the name.",
                many.len(),
                list(many)
            )),
        }
    }
}

/// One partnership as an audience may see it.
#[derive(Clone, Copy)]
pub struct Partner<'a> {
    data: &'a PartnershipData,
    audience: Audience,
    set: &'a FrameworkSet,
    /// For what is asked of the files themselves (when a record was last saved).
    store: &'a Store,
    /// Who is who (the rule of who sees a private record asks).
    j: &'a Journal,
}

impl<'a> Partner<'a> {
    pub fn id(&self) -> &'a str {
        self.data.id()
    }

    /// The sign-offs of this partnership, each with whether it still holds.
    pub fn signatures(&self) -> Vec<super::sign::SigCheck> {
        self.j.check_signatures(self.id())
    }

    pub fn audience(&self) -> Audience {
        self.audience
    }

    pub fn partnership(&self) -> &'a Partnership {
        &self.data.partnership.value
    }

    pub fn name(&self) -> &'a str {
        &self.data.partnership.value.name
    }

    /// Whether its records have been read (a fast open reads one partnership's first).
    pub fn loaded(&self) -> bool {
        self.data.loaded
    }

    /// Known only by its folder's name so far (its `partnership.ron` is being read): shown
    /// as a stand-in, never overdue, and no operation writes from it.
    pub fn pending(&self) -> bool {
        self.data.pending
    }

    fn sees(&self, private: bool, by: &crate::model::By) -> bool {
        self.j.may_see(self.audience, private, Some(by))
    }

    /// The meeting log this audience may see, newest first.
    pub fn meetings(&self) -> Vec<&'a Loaded<Meeting>> {
        self.data
            .meetings
            .iter()
            .filter(|m| self.sees(m.value.private, &m.value.by))
            .collect()
    }

    /// A meeting by id, if this audience may see it.
    pub fn meeting(&self, id: &str) -> Option<&'a Loaded<Meeting>> {
        self.data
            .meeting(id)
            .filter(|m| self.sees(m.value.private, &m.value.by))
    }

    pub fn meeting_at(&self, path: &std::path::Path) -> Option<&'a Loaded<Meeting>> {
        self.data
            .meetings
            .iter()
            .find(|m| m.path == path)
            .filter(|m| self.sees(m.value.private, &m.value.by))
    }

    /// The dates of the meetings this audience may see (for one not yet read, the dates its
    /// file names give).
    pub fn meeting_dates(&self) -> Vec<NaiveDate> {
        if self.data.loaded {
            self.meetings().iter().map(|m| m.value.date).collect()
        } else {
            self.data.listed_dates.clone()
        }
    }

    /// Every action item of the meetings this audience may see, with its meeting: open ones
    /// first (the soonest due first, undated after), then those done (latest meeting first).
    pub fn action_items(&self) -> Vec<(&'a Loaded<Meeting>, &'a crate::model::ActionItem)> {
        let mut items: Vec<_> = self
            .meetings()
            .into_iter()
            .flat_map(|m| m.value.action_items.iter().map(move |a| (m, a)))
            .collect();
        items.sort_by(|(ma, a), (mb, b)| {
            (
                a.done,
                a.due.is_none(),
                a.due,
                std::cmp::Reverse(ma.value.date),
            )
                .cmp(&(
                    b.done,
                    b.due.is_none(),
                    b.due,
                    std::cmp::Reverse(mb.value.date),
                ))
        });
        items
    }

    /// The pre-meeting thought documents of the meeting on `date` (`None`: those waiting
    /// for the next meeting), newest first. A thought document is written to be shown in
    /// the meeting: every audience of the partnership sees it.
    pub fn thoughts(&self, date: Option<NaiveDate>) -> Vec<&'a crate::model::Thoughts> {
        crate::model::thoughts_for(
            &self.data.partnership.value.thoughts,
            &self.credit_meeting_dates(),
            date,
        )
    }

    /// Who agreed to a text whose fingerprint is now `now`, in words ("Agreed by Sam Lee on
    /// 2026-11-03"), each with whether the text changed since.
    pub fn agreed_lines(&self, agreed: &[crate::model::Consent], now: &str) -> Vec<(String, bool)> {
        agreed
            .iter()
            .map(|c| {
                (
                    format!("Agreed by {} on {}", self.person_name(&c.by), c.date),
                    c.changed_since(now),
                )
            })
            .collect()
    }

    /// The name of the person with member id `id`, for "by ..." lines.
    pub fn person_name(&self, id: &str) -> String {
        self.j.person_name(Some(id))
    }

    /// The action plan, in the order the goals were set.
    pub fn goals(&self) -> Vec<&'a Loaded<Goal>> {
        self.data.goals.iter().collect()
    }

    pub fn goal_at(&self, path: &std::path::Path) -> Option<&'a Loaded<Goal>> {
        self.data.goals.iter().find(|g| g.path == path)
    }

    /// Reflections this audience may see, newest first.
    pub fn reflections(&self) -> Vec<&'a Loaded<Reflection>> {
        self.data
            .reflections
            .iter()
            .filter(|r| self.sees(r.value.private, &r.value.by))
            .collect()
    }

    pub fn reflection_at(&self, path: &std::path::Path) -> Option<&'a Loaded<Reflection>> {
        self.reflections().into_iter().find(|r| r.path == path)
    }

    /// When the file of `record` (one of this partnership's records, as this audience may
    /// see it) was last modified: a revision that rises with every save, since every save
    /// writes the file anew. Asked of the file system when asked (it is not kept in memory:
    /// only an export wants it), inside the data directory only.
    pub fn modified<T>(&self, record: &Loaded<T>) -> Option<std::time::SystemTime> {
        self.store.modified(&record.path)
    }

    pub fn stages(&self) -> &'a [Loaded<StageRecord>] {
        &self.data.stages
    }

    pub fn stage(&self, framework: &str, stage: &str) -> Option<&'a Loaded<StageRecord>> {
        self.data
            .stages
            .iter()
            .find(|s| s.value.framework == framework && s.value.stage == stage)
    }

    pub fn tick_sheets(&self) -> &'a [Loaded<TickSheet>] {
        &self.data.ticks
    }

    pub fn tick_sheet(&self, framework: &str) -> Option<&'a Loaded<TickSheet>> {
        self.data.tick_sheet(framework)
    }

    /// The tick stored at `framework/item` (refs already followed).
    pub fn tick(&self, framework: &str, item: &str) -> Option<&'a Tick> {
        self.tick_sheet(framework)
            .and_then(|s| s.value.ticks.get(item))
    }

    /// Ended: closed, kept with all it holds, no meetings due.
    pub fn ended(&self) -> bool {
        self.partnership().status == crate::model::PartnershipStatus::Closed
    }

    /// A meeting is due and late (never for an ended partnership).
    pub fn meeting_overdue(&self, today: NaiveDate) -> bool {
        let v = self.partnership();
        !self.ended()
            && !self.pending()
            && crate::model::meeting_gaps(self.meeting_dates(), v.start, v.cadence(), today).overdue
    }

    /// The ticks (`framework/item`) that list meeting `mid` as their evidence.
    pub fn ticks_evidenced_by(&self, mid: &str) -> Vec<String> {
        self.tick_sheets()
            .iter()
            .flat_map(|s| {
                s.value
                    .ticks
                    .iter()
                    .filter(|(_, t)| t.evidence.meetings.iter().any(|m| m == mid))
                    .map(|(i, _)| format!("{}/{i}", s.value.framework))
            })
            .collect()
    }

    pub fn is_ticked(&self, framework: &str, item: &str) -> bool {
        self.data.is_ticked(framework, item)
    }

    /// The frameworks it uses: those it names, then any it has ticks in.
    pub fn frameworks(&self) -> Vec<&'a Framework> {
        frameworks_of(self.set, self.data)
    }

    /// A tick's evidence resolved against the log, as this audience may see it: a private
    /// meeting is left out where private records are hidden; a meeting no longer in the log
    /// is shown as such (and does not count).
    pub fn evidence(&self, e: &Evidence) -> Vec<EvidenceLine> {
        let mut out = Vec::new();
        for id in &e.meetings {
            match self.data.meeting(id).map(|m| &m.value) {
                Some(m) if !self.sees(m.private, &m.by) => {}
                Some(m) => out.push(EvidenceLine::Meeting {
                    id: id.clone(),
                    date: Some(m.date),
                    focus: m.focus.clone(),
                }),
                None => out.push(EvidenceLine::Meeting {
                    id: id.clone(),
                    date: None,
                    focus: String::new(),
                }),
            }
        }
        out.extend(e.notes.iter().cloned().map(EvidenceLine::Note));
        out.extend(e.files.iter().cloned().map(EvidenceLine::File));
        out
    }

    /// Whether a link to meeting `id` may be shown (a meeting no longer in the log leaves no
    /// private text to hide).
    pub fn may_see_link(&self, id: &str) -> bool {
        self.data
            .meeting(id)
            .is_none_or(|m| self.sees(m.value.private, &m.value.by))
    }

    /// Whether a tick has evidence that counts: a note, a file, or a meeting still in the log
    /// (private or not: privacy hides a meeting's text, not the credit it gives).
    pub fn has_evidence(&self, t: &Tick) -> bool {
        !t.evidence.notes.is_empty()
            || !t.evidence.files.is_empty()
            || t.evidence
                .meetings
                .iter()
                .any(|id| self.data.meeting(id).is_some())
    }

    /// The meetings given as a tick's evidence that are dated after it (private ones too:
    /// only their dates are used), as (id, date), in the order given.
    pub fn late_evidence(&self, t: &Tick) -> Vec<(String, NaiveDate)> {
        t.evidence
            .meetings
            .iter()
            .filter_map(|id| {
                let m = self.data.meeting(id)?;
                (m.value.date > t.date).then(|| (id.clone(), m.value.date))
            })
            .collect()
    }

    /// The tick of an earlier stage that the later stage's `framework/item` may carry over
    /// (the latest earlier stage listing the same item and achieving it), as (that stage's
    /// title, its tick address, the tick).
    pub fn earlier_tick(&self, framework: &str, item: &str) -> Option<(String, String, &'a Tick)> {
        self.set
            .earlier_stages(framework, item)
            .into_iter()
            .rev()
            .find_map(|(stage, _, (f, i))| {
                let t = self.tick(&f, &i)?;
                Some((stage.title.clone(), format!("{f}/{i}"), t))
            })
    }

    /// Every meeting date, private meetings included, for rules that count meetings held
    /// (their text is never shown through this).
    pub fn credit_meeting_dates(&self) -> Vec<NaiveDate> {
        if self.data.loaded {
            self.data.meetings.iter().map(|m| m.value.date).collect()
        } else {
            self.data.listed_dates.clone()
        }
    }

    /// Every reflection, private ones included, for rules that count reflections written
    /// (their text is never shown through this).
    pub fn credit_reflections(&self) -> Vec<&'a Reflection> {
        self.data.reflections.iter().map(|r| &r.value).collect()
    }

    /// Everything derived about this partnership (gaps, workload, progress, readiness).
    pub fn report(&self, today: NaiveDate) -> Report {
        super::report::report(self, today)
    }

    pub(crate) fn frameworks_set(&self) -> &'a FrameworkSet {
        self.set
    }
}
