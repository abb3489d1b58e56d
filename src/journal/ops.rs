//! Creating, editing and deleting records: the profile, partnerships, meetings, goals,
//! reflections and stage records; importing meetings; the demo. Each is written once here and
//! called by every front end. Links between records are kept whole from whichever side an
//! edit is made: the evidence a meeting names is the evidence its ticks list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Journal, OpError, OpResult, Outcome};
use crate::model::{
    Goal, Meeting, Partnership, Reflection, Role, SCHEMA_VERSION, StageRecord, TickSheet, new_id,
    slug,
};
use crate::store::kind::path_in;
use crate::store::{AnyRecord, Kind, PartnershipRecord, Write};

/// A record to save: a new one, or an edit of one read earlier.
#[derive(Debug, Clone, PartialEq)]
pub struct Save<T> {
    /// The file of the record edited (`None`: a new record).
    pub at: Option<PathBuf>,
    /// The record as it was read when the edit began: the save merges against it, so a
    /// change made elsewhere meanwhile is kept.
    pub base: Option<T>,
    pub new: T,
    /// The record was deleted elsewhere meanwhile: write it back, with this edit.
    pub restore: bool,
    /// What the change is called (for the status line and undo), when not the usual.
    pub label: Option<String>,
}

impl<T> Save<T> {
    pub fn new(value: T) -> Save<T> {
        Save {
            at: None,
            base: None,
            new: value,
            restore: false,
            label: None,
        }
    }

    pub fn edit(at: PathBuf, base: T, new: T) -> Save<T> {
        Save {
            at: Some(at),
            base: Some(base),
            new,
            restore: false,
            label: None,
        }
    }

    pub fn restoring(mut self) -> Save<T> {
        self.restore = true;
        self
    }

    pub fn labelled(mut self, label: impl Into<String>) -> Save<T> {
        self.label = Some(label.into());
        self
    }
}

/// Split `FRAMEWORK/ITEM`.
fn split(address: &str) -> Option<(&str, &str)> {
    address.split_once('/')
}

impl Journal {
    /// `journal.ron`, when this is the first record the journal holds.
    /// (And the mark that a journal of this version keeps its private records apart.)
    pub(super) fn journal_file_write(&self) -> Vec<Write> {
        if self.snap.journal.is_some() || self.store.journal_path().exists() {
            return Vec::new();
        }
        let journal = self.journal_value();
        let mut out = vec![Write::create(
            self.store.journal_path(),
            AnyRecord::Journal(journal),
        )];
        out.extend(self.layout_mark_write());
        out
    }

    /// Create the journal, or change who keeps it.
    pub fn init(
        &mut self,
        name: Option<&str>,
        role: Option<Role>,
        institution: Option<&str>,
    ) -> OpResult {
        let base = self.snap.journal.as_ref().map(|j| j.value.clone());
        if base.is_none() && self.store.journal_path().exists() {
            return Err(OpError::Refused(format!(
                "{} exists but cannot be read (see the warning above): fix or move it, then try again",
                self.store.journal_path().display()
            )));
        }
        let mut journal = self.journal_value();
        if let Some(n) = name {
            journal.profile.name = n.to_string();
        }
        if let Some(r) = role {
            journal.profile.role = r;
        }
        if let Some(i) = institution {
            journal.profile.institution = Some(i.to_string());
        }
        let path = self.store.journal_path();
        let write = match base {
            Some(b) => Write::save(
                path.clone(),
                Some(AnyRecord::Journal(b)),
                AnyRecord::Journal(journal),
            ),
            None => Write::create(path.clone(), AnyRecord::Journal(journal)),
        };
        let mut writes = vec![write];
        writes.extend(self.layout_mark_write());
        let mut o = self.apply("The journal's profile".into(), writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// A new partnership; its id is its name's slug, made unique. Frameworks it names must
    /// be known.
    pub fn add_partnership(&mut self, mut p: Partnership) -> OpResult {
        if p.frameworks.is_empty() {
            p.frameworks.push("curee".into());
        }
        self.check_partnership(&p)?;
        p.name = p.name.trim().to_string();
        let base = match slug(&p.name) {
            s if s.is_empty() => format!("p-{}", new_id()),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        let taken = |id: &str| {
            self.snap.partnership(id).is_some() || self.store.partnerships_dir().join(id).exists()
        };
        while taken(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        p.id = id.clone();
        p.version = SCHEMA_VERSION;
        let path = self
            .store
            .partnerships_dir()
            .join(&id)
            .join("partnership.ron");
        let mut writes: Vec<Write> = self.journal_file_write();
        let label = format!("Added partnership with {}", p.name);
        writes.push(Write::create(path.clone(), AnyRecord::Partnership(p)));
        let mut o = self.apply(label, writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// What every partnership must be, however it is written.
    fn check_partnership(&self, p: &Partnership) -> Result<(), OpError> {
        if p.name.trim().is_empty() {
            return Err(OpError::Refused(
                "a partnership needs the partner's name".into(),
            ));
        }
        if p.frameworks.is_empty() {
            return Err(OpError::Refused(
                "a partnership needs at least one framework (curee, if unsure)".into(),
            ));
        }
        for f in &p.frameworks {
            if self.frameworks.get(f).is_none() {
                let known: Vec<&str> = self.frameworks.iter().map(|f| f.id.as_str()).collect();
                return Err(OpError::Refused(format!(
                    "no framework '{f}': known frameworks are {}",
                    known.join(", ")
                )));
            }
        }
        if p.cadence_days == 0 {
            return Err(OpError::Refused(
                "meetings need a target of at least 1 day apart".into(),
            ));
        }
        if let Some(end) = p.end
            && end < p.start
        {
            return Err(OpError::Refused(format!(
                "it cannot end ({end}) before it started ({})",
                p.start
            )));
        }
        Ok(())
    }

    /// Change a partnership's details (name, kind, frameworks, dates, status...), merging
    /// against `base`. Its id, and so its folder, stay as they are.
    pub fn edit_partnership(
        &mut self,
        pid: &str,
        base: &Partnership,
        mut new: Partnership,
    ) -> OpResult {
        new.id = pid.to_string();
        new.name = new.name.trim().to_string();
        let mut seen = BTreeSet::new();
        new.frameworks.retain(|f| seen.insert(f.clone()));
        self.check_partnership(&new)?;
        let dropped: Vec<String> = base
            .frameworks
            .iter()
            .filter(|f| !new.frameworks.contains(f))
            .cloned()
            .collect();
        let label = format!("The partnership with {}", new.name);
        let mut o = self.update_partnership(pid, base, new, label)?;
        let p = self.data(pid)?;
        for f in dropped {
            if p.tick_sheet(&f).is_some_and(|s| !s.value.ticks.is_empty()) {
                o.warnings.push(format!(
                    "its ticks of {f} are kept, and count again if {f} is added back"
                ));
            }
        }
        Ok(o)
    }

    /// End a partnership on `date`: it stays in the journal, closed, with all it holds.
    pub fn end_partnership(&mut self, pid: &str, date: chrono::NaiveDate) -> OpResult {
        let base = self.data(pid)?.partnership.value.clone();
        let mut new = base.clone();
        new.end = Some(date);
        new.status = crate::model::PartnershipStatus::Closed;
        self.check_partnership(&new)?;
        let label = format!("Ended the partnership with {} on {date}", new.name);
        self.update_partnership(pid, &base, new, label)
    }

    /// Change a partnership (its details, agreement or evaluation), merging against `base`.
    pub fn update_partnership(
        &mut self,
        pid: &str,
        base: &Partnership,
        new: Partnership,
        label: impl Into<String>,
    ) -> OpResult {
        let path = self.data(pid)?.partnership.path.clone();
        let write = Write::save(
            path.clone(),
            Some(AnyRecord::Partnership(base.clone())),
            AnyRecord::Partnership(new),
        );
        // A partnership deleted elsewhere takes its folder with it: nothing to bring back into.
        let mut o = match self.apply(label.into(), vec![write], Vec::new()) {
            Err(OpError::Gone { .. }) => {
                return Err(OpError::Refused(
                    "this partnership was deleted elsewhere since it was opened; nothing was saved"
                        .into(),
                ));
            }
            other => other?,
        };
        o.record = Some(path);
        Ok(o)
    }

    /// The write for a record of a partnership's folder.
    fn record_write<T: PartnershipRecord>(&self, pid: &str, s: &Save<T>) -> Result<Write, OpError> {
        let p = self.data(pid)?;
        let new = s.new.clone().wrap();
        // A private record goes in its author's private folder; marked or unmarked private,
        // it moves there or back in the same batch.
        Ok(match &s.at {
            None => {
                let path = path_in(&p.dir, T::KIND, &s.new.file_name());
                Write::create(self.home_of(&path, &new, true)?, new)
            }
            Some(at) if s.restore => Write::create(self.home_of(at, &new, false)?, new),
            Some(at) => self.edit_write(at, s.base.clone().map(PartnershipRecord::wrap), new)?,
        })
    }

    fn save_one<T: PartnershipRecord>(
        &mut self,
        pid: &str,
        s: Save<T>,
        label: String,
        mut more: Vec<Write>,
    ) -> OpResult {
        let label = s.label.clone().unwrap_or(label);
        let w = self.record_write(pid, &s)?;
        let path = match &w.mode {
            crate::store::batch::Mode::Move(to) => to.clone(),
            _ => w.path.clone(),
        };
        let mut writes: Vec<Write> = self.journal_file_write();
        writes.push(w);
        writes.append(&mut more);
        let mut o = self.apply(label, writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// Save a meeting. The items it evidences are kept in step with their ticks: an item
    /// added to its evidence is ticked (if it was not) with the meeting as evidence; an item
    /// removed no longer lists the meeting.
    pub fn save_meeting(&mut self, pid: &str, s: Save<Meeting>) -> OpResult {
        let label = format!("Meeting {} {}", s.new.date, s.new.focus)
            .trim_end()
            .to_string();
        let before: BTreeSet<String> = match (&s.base, s.restore) {
            (Some(b), false) => b.evidences.iter().cloned().collect(),
            _ => BTreeSet::new(),
        };
        let after: BTreeSet<String> = s.new.evidences.iter().cloned().collect();
        let links = self.evidence_link_writes(pid, &s.new.id, &before, &after)?;
        self.save_one(pid, s, label, links)
    }

    /// The tick-sheet writes that make the ticks of `after` list meeting `mid` as evidence
    /// and those of `before - after` no longer list it.
    pub(super) fn evidence_link_writes(
        &self,
        pid: &str,
        mid: &str,
        before: &BTreeSet<String>,
        after: &BTreeSet<String>,
    ) -> Result<Vec<Write>, OpError> {
        let p = self.data(pid)?;
        type Sheets = Vec<(String, Option<TickSheet>, TickSheet)>;
        let mut sheets: Sheets = Vec::new();
        let sheet_of = |sheets: &mut Sheets, f: &str| -> usize {
            if let Some(i) = sheets.iter().position(|(id, _, _)| id == f) {
                return i;
            }
            let base = p.tick_sheet(f).map(|s| s.value.clone());
            let new = base.clone().unwrap_or_else(|| TickSheet::new(f));
            sheets.push((f.to_string(), base, new));
            sheets.len() - 1
        };
        for address in after.difference(before) {
            let Some((f, i)) = split(address) else {
                continue;
            };
            let (f, i) = self.frameworks.tick_address(f, i);
            let n = sheet_of(&mut sheets, &f);
            let tick = sheets[n]
                .2
                .ticks
                .entry(i)
                .or_insert_with(|| crate::model::Tick {
                    date: self.today,
                    level: None,
                    evidence: Default::default(),
                    verification: None,
                });
            if !tick.evidence.meetings.iter().any(|m| m == mid) {
                tick.evidence.meetings.push(mid.to_string());
            }
        }
        for address in before.difference(after) {
            let Some((f, i)) = split(address) else {
                continue;
            };
            let (f, i) = self.frameworks.tick_address(f, i);
            let n = sheet_of(&mut sheets, &f);
            if let Some(t) = sheets[n].2.ticks.get_mut(&i) {
                t.evidence.meetings.retain(|m| m != mid);
            }
        }
        Ok(sheets
            .into_iter()
            .filter(|(_, base, new)| base.as_ref() != Some(new))
            .map(|(f, base, new)| {
                let path = p.tick_sheet(&f).map_or_else(
                    || path_in(&p.dir, Kind::Ticks, &new.file_name()),
                    |l| l.path.clone(),
                );
                Write::save(path, base.map(AnyRecord::Ticks), AnyRecord::Ticks(new))
            })
            .collect())
    }

    /// Mark the action item `action` of the meeting at `meeting` done (or not done).
    pub fn set_action_done(
        &mut self,
        pid: &str,
        meeting: &Path,
        action: &str,
        done: bool,
    ) -> OpResult {
        let base = self
            .data(pid)?
            .meetings
            .iter()
            .find(|m| m.path == meeting)
            .map(|m| m.value.clone())
            .ok_or_else(|| {
                OpError::Refused("that meeting is no longer in the journal: Ctrl-r reloads".into())
            })?;
        let mut new = base.clone();
        let Some(item) = new.action_items.iter_mut().find(|a| a.id == action) else {
            return Err(OpError::Refused(
                "that action item is no longer in its meeting: Ctrl-r reloads".into(),
            ));
        };
        item.done = done;
        let label = format!(
            "Action item {}: {}",
            if done { "done" } else { "open again" },
            item.text
        );
        // Whoever owns the item marks it done, whoever wrote the meeting.
        self.others_records_allowed = true;
        let result = self.save_meeting(
            pid,
            Save::edit(meeting.to_path_buf(), base, new).labelled(label),
        );
        self.others_records_allowed = false;
        result
    }

    pub fn save_goal(&mut self, pid: &str, s: Save<Goal>) -> OpResult {
        let label = format!("Goal: {}", s.new.objective);
        self.save_one(pid, s, label, Vec::new())
    }

    pub fn save_reflection(&mut self, pid: &str, s: Save<Reflection>) -> OpResult {
        let label = format!("Reflection of {}", s.new.date);
        self.save_one(pid, s, label, Vec::new())
    }

    /// Save the record of a framework stage (one file per stage, created on first save).
    pub fn save_stage(
        &mut self,
        pid: &str,
        base: Option<StageRecord>,
        new: StageRecord,
    ) -> OpResult {
        let p = self.data(pid)?;
        let path = p
            .stages
            .iter()
            .find(|s| s.value.framework == new.framework && s.value.stage == new.stage)
            .map_or_else(
                || path_in(&p.dir, Kind::Stage, &new.file_name()),
                |l| l.path.clone(),
            );
        let label = format!("Stage record {}/{}", new.framework, new.stage);
        let mut writes: Vec<Write> = self.journal_file_write();
        writes.push(Write::save(
            path.clone(),
            base.map(AnyRecord::Stage),
            AnyRecord::Stage(new),
        ));
        let mut o = self.apply(label, writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// Delete a meeting, goal, reflection or stage record. A meeting that evidences ticks says so, and its
    /// links are taken out of them in the same step (undo brings both back).
    pub fn delete(&mut self, pid: &str, path: &Path) -> OpResult {
        let p = self.data(pid)?;
        let kind = Kind::of_path(self.store.root(), path);
        let (record, label) = match kind {
            Some(Kind::Meeting) => {
                let m = p.meetings.iter().find(|m| m.path == path);
                (
                    m.map(|m| AnyRecord::Meeting(m.value.clone())),
                    m.map(|m| format!("Deleted meeting {} {}", m.value.date, m.value.focus)),
                )
            }
            Some(Kind::Goal) => {
                let g = p.goals.iter().find(|g| g.path == path);
                (
                    g.map(|g| AnyRecord::Goal(g.value.clone())),
                    g.map(|g| format!("Deleted goal {}", g.value.objective)),
                )
            }
            Some(Kind::Reflection) => {
                let r = p.reflections.iter().find(|r| r.path == path);
                (
                    r.map(|r| AnyRecord::Reflection(r.value.clone())),
                    r.map(|r| format!("Deleted reflection of {}", r.value.date)),
                )
            }
            Some(Kind::Stage) => {
                let s = p.stages.iter().find(|s| s.path == path);
                (
                    s.map(|s| AnyRecord::Stage(s.value.clone())),
                    s.map(|s| {
                        format!(
                            "Deleted the stage record {}/{}",
                            s.value.framework, s.value.stage
                        )
                    }),
                )
            }
            _ => (None, None),
        };
        let (Some(record), Some(label)) = (record, label) else {
            return Err(OpError::Refused(format!(
                "{} is not a meeting, goal, reflection or stage record of this partnership",
                path.display()
            )));
        };
        let mut writes = vec![
            Write::delete(path.to_path_buf(), record.clone()),
            self.trash_write(pid, &label, &[(path.to_path_buf(), record.clone())])?,
        ];
        let mut warnings = Vec::new();
        if let AnyRecord::Meeting(m) = &record {
            let evidenced: BTreeSet<String> = p
                .ticks
                .iter()
                .flat_map(|s| {
                    s.value
                        .ticks
                        .iter()
                        .filter(|(_, t)| t.evidence.meetings.contains(&m.id))
                        .map(|(i, _)| format!("{}/{i}", s.value.framework))
                        .collect::<Vec<_>>()
                })
                .collect();
            if !evidenced.is_empty() {
                warnings.push(format!(
                    "it evidenced {} tick{} ({}): {} no longer count{} it",
                    evidenced.len(),
                    if evidenced.len() == 1 { "" } else { "s" },
                    evidenced.iter().cloned().collect::<Vec<_>>().join(", "),
                    if evidenced.len() == 1 { "it" } else { "they" },
                    if evidenced.len() == 1 { "s" } else { "" },
                ));
                writes.extend(self.evidence_link_writes(
                    pid,
                    &m.id,
                    &evidenced,
                    &BTreeSet::new(),
                )?);
            }
        }
        match self.apply(label, writes, Vec::new()) {
            Ok(mut o) => {
                o.warnings.extend(warnings);
                Ok(o)
            }
            Err(OpError::Gone { path: gone, noun }) if gone == path => {
                self.put(path, None);
                self.changed();
                Err(OpError::Refused(format!(
                    "this {noun} was already deleted elsewhere"
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// Remove a partnership and everything it holds, as one step (`undo` brings it all back).
    pub fn remove_partnership(&mut self, pid: &str) -> OpResult {
        // Everything it holds is read first, so that all of it goes (and comes back).
        self.ensure_loaded(pid);
        let p = self.data(pid)?;
        let mut writes = Vec::new();
        let mut kept = Vec::new();
        macro_rules! all {
            ($list:expr) => {
                for l in &$list {
                    writes.push(Write::delete(l.path.clone(), l.value.clone().wrap()));
                    kept.push((l.path.clone(), l.value.clone().wrap()));
                }
            };
        }
        all!(p.meetings);
        all!(p.goals);
        all!(p.reflections);
        all!(p.stages);
        all!(p.ticks);
        writes.push(Write::delete(
            p.partnership.path.clone(),
            AnyRecord::Partnership(p.partnership.value.clone()),
        ));
        // The partnership first, so a restore makes its folder before its records.
        kept.insert(
            0,
            (
                p.partnership.path.clone(),
                AnyRecord::Partnership(p.partnership.value.clone()),
            ),
        );
        let label = format!("Removed the partnership with {}", p.partnership.value.name);
        writes.push(self.trash_write(pid, &label, &kept)?);
        // Its folder goes, and its folder in each private folder that held its records.
        let root = self.store.root();
        let mut dirs = vec![p.dir.clone()];
        for (path, _) in &kept {
            if let Some(m) = crate::store::private::private_owner(root, path) {
                let dir = crate::store::private::member_dir(root, m)?
                    .join(p.dir.strip_prefix(root).unwrap_or(&p.dir));
                if !dirs.contains(&dir) {
                    dirs.push(dir);
                }
            }
        }
        self.apply(label, writes, dirs)
    }

    /// The meetings of a partnership that evidence `framework/item` (tick address).
    pub(super) fn meetings_evidencing(&self, pid: &str, address: &str) -> Vec<(PathBuf, Meeting)> {
        self.snap.partnership(pid).map_or_else(Vec::new, |p| {
            p.meetings
                .iter()
                .filter(|m| m.value.evidences.iter().any(|e| e == address))
                .map(|m| (m.path.clone(), m.value.clone()))
                .collect()
        })
    }

    /// Import meetings into a partnership, all or none. Every meeting given is imported, two
    /// alike included (a journal may hold the same entry twice), but an import run twice adds
    /// nothing: meetings are alike when their date, time, focus, notes and tags are, and the
    /// k-th of the meetings alike in what is imported is skipped when the partnership already
    /// holds k such meetings (an entry is known by its content and its place among its
    /// twins). A starred twin (tagged `starred`) is not alike an unstarred one.
    pub fn import_meetings(
        &mut self,
        pid: &str,
        meetings: &[Meeting],
    ) -> Result<(Outcome, usize), OpError> {
        let p = self.data(pid)?;
        type Key<'m> = (
            chrono::NaiveDate,
            Option<chrono::NaiveTime>,
            &'m str,
            &'m str,
            BTreeSet<&'m str>,
        );
        fn key(m: &Meeting) -> Key<'_> {
            (
                m.date,
                m.time,
                m.focus.as_str(),
                m.notes.as_str(),
                m.tags.iter().map(String::as_str).collect(),
            )
        }
        let mut held: std::collections::HashMap<Key, usize> = Default::default();
        for m in &p.meetings {
            *held.entry(key(&m.value)).or_default() += 1;
        }
        let mut seen: std::collections::HashMap<Key, usize> = Default::default();
        let mut new: Vec<&Meeting> = Vec::new();
        let mut skipped = 0;
        for m in meetings {
            let k = key(m);
            let nth = seen.entry(k.clone()).or_default();
            *nth += 1;
            if *nth <= held.get(&k).copied().unwrap_or(0) {
                skipped += 1;
            } else {
                new.push(m);
            }
        }
        let mut writes: Vec<Write> = self.journal_file_write();
        for m in &new {
            let r = AnyRecord::Meeting((*m).clone());
            let path = path_in(&p.dir, Kind::Meeting, &m.file_name());
            writes.push(Write::create(self.home_of(&path, &r, true)?, r));
        }
        let label = format!("Imported {} meetings", new.len());
        let o = self.apply(label, writes, Vec::new())?;
        Ok((o, skipped))
    }

    /// Write the demo journal (into a journal with no partnerships) and read it; the large
    /// one `scale` times bigger (see [`super::demo::write_demo_scaled`]).
    pub fn write_demo(
        &mut self,
        size: super::demo::Size,
        scale: u32,
    ) -> Result<super::demo::Written, OpError> {
        let w = super::demo::write_demo_scaled(&self.store, size, scale, self.today)?;
        self.reload();
        Ok(w)
    }
}
