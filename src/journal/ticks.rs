//! Ticking framework items: achieved, or a rubric level reached, with evidence. A meeting
//! given as evidence lists the item too, and unticking takes the item out of every meeting
//! that listed it, so the link reads the same from both sides whichever side made it. The
//! tick sheet and the meetings are written as one batch: both, or neither.

use chrono::NaiveDate;

use super::{Journal, OpError, OpResult};
use crate::model::{Evidence, Tick, TickSheet, first_line};
use crate::store::kind::path_in;
use crate::store::{AnyRecord, Kind, PartnershipRecord, Write};

/// What a tick records. Everything is added to what the tick already holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TickRequest {
    /// The day it was achieved (`None`: today for a new tick; an existing one keeps its date).
    pub date: Option<NaiveDate>,
    /// The rubric level reached (for frameworks with levels).
    pub level: Option<String>,
    /// Ids of meetings of the partnership that evidence it.
    pub meetings: Vec<String>,
    pub notes: Vec<String>,
    pub files: Vec<String>,
}

fn add_unique(list: &mut Vec<String>, new: &[String]) {
    for n in new {
        if !list.contains(n) {
            list.push(n.clone());
        }
    }
}

impl Journal {
    /// Where the tick of `framework/item` is stored (a ref followed), checked to exist.
    fn tick_target(&self, framework: &str, item: &str) -> Result<(String, String), OpError> {
        let fw = self.frameworks.get(framework).ok_or_else(|| {
            OpError::Refused(format!(
                "no framework '{framework}': `mentorlog framework list` shows them"
            ))
        })?;
        if fw.item(item).is_none() {
            return Err(OpError::Refused(format!(
                "{framework} has no item '{item}': `mentorlog framework show {framework}` lists them"
            )));
        }
        Ok(self.frameworks.tick_address(framework, item))
    }

    fn sheet(
        &self,
        pid: &str,
        framework: &str,
    ) -> Result<(std::path::PathBuf, Option<TickSheet>), OpError> {
        let p = self.data(pid)?;
        Ok(match p.tick_sheet(framework) {
            Some(l) => (l.path.clone(), Some(l.value.clone())),
            None => (
                path_in(&p.dir, Kind::Ticks, &TickSheet::new(framework).file_name()),
                None,
            ),
        })
    }

    /// Tick an item of a partnership, or add to its tick: level, evidence.
    pub fn tick(&mut self, pid: &str, framework: &str, item: &str, req: TickRequest) -> OpResult {
        let (f, i) = self.tick_target(framework, item)?;
        let levels = self
            .frameworks
            .get(&f)
            .map(|fw| fw.levels.clone())
            .unwrap_or_default();
        let shown = format!("{framework}/{item}");
        match (&req.level, levels.is_empty()) {
            (Some(l), true) => {
                return Err(OpError::Refused(format!(
                    "{shown} is achieved or not: it takes no level ('{l}')"
                )));
            }
            (Some(l), false) if !levels.contains(l) => {
                return Err(OpError::Refused(format!(
                    "'{l}' is not a level of {f}: use one of {}",
                    levels.join(", ")
                )));
            }
            _ => {}
        }
        let p = self.data(pid)?;
        for m in &req.meetings {
            if p.meeting(m).is_none() {
                return Err(OpError::Refused(format!(
                    "{} has no meeting '{m}'",
                    p.partnership.value.name
                )));
            }
        }
        let (path, base) = self.sheet(pid, &f)?;
        let mut sheet = base.clone().unwrap_or_else(|| TickSheet::new(&f));
        let existing = sheet.ticks.contains_key(&i);
        if !existing && req.level.is_none() && !levels.is_empty() {
            return Err(OpError::Refused(format!(
                "{shown} is a rubric item: say the level reached ({})",
                levels.join(", ")
            )));
        }
        let tick = sheet.ticks.entry(i.clone()).or_insert_with(|| Tick {
            date: req.date.unwrap_or(self.today),
            level: None,
            evidence: Evidence::default(),
            verification: None,
        });
        if let Some(d) = req.date {
            tick.date = d;
        }
        if req.level.is_some() {
            tick.level = req.level.clone();
        }
        add_unique(&mut tick.evidence.meetings, &req.meetings);
        add_unique(&mut tick.evidence.notes, &req.notes);
        add_unique(&mut tick.evidence.files, &req.files);
        let address = format!("{f}/{i}");
        let mut writes = vec![Write::save(
            path.clone(),
            base.map(AnyRecord::Ticks),
            AnyRecord::Ticks(sheet),
        )];
        // The meeting records which items it evidences, so the link reads both ways.
        let p = self.data(pid)?;
        for id in &req.meetings {
            if let Some(m) = p.meeting(id)
                && !m.value.evidences.contains(&address)
            {
                let mut new = m.value.clone();
                new.evidences.push(address.clone());
                writes.push(Write::save(
                    m.path.clone(),
                    Some(AnyRecord::Meeting(m.value.clone())),
                    AnyRecord::Meeting(new),
                ));
            }
        }
        writes.splice(0..0, self.journal_file_write());
        let label = if existing {
            format!("Updated the tick of {shown}")
        } else {
            format!("Ticked {shown}")
        };
        let mut o = self.apply(label, writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// Untick an item: its tick goes, and every meeting that listed it as evidence no longer
    /// does.
    pub fn untick(&mut self, pid: &str, framework: &str, item: &str) -> OpResult {
        let (f, i) = self.tick_target(framework, item)?;
        let (path, base) = self.sheet(pid, &f)?;
        let shown = format!("{framework}/{item}");
        let Some(mut sheet) = base.clone().filter(|s| s.ticks.contains_key(&i)) else {
            let name = &self.data(pid)?.partnership.value.name;
            return Err(OpError::Refused(format!(
                "{shown} is not ticked for {name}: nothing to undo"
            )));
        };
        sheet.ticks.remove(&i);
        let address = format!("{f}/{i}");
        let mut writes = vec![Write::save(
            path.clone(),
            base.map(AnyRecord::Ticks),
            AnyRecord::Ticks(sheet),
        )];
        for (mpath, m) in self.meetings_evidencing(pid, &address) {
            let mut new = m.clone();
            new.evidences.retain(|e| e != &address);
            writes.push(Write::save(
                mpath,
                Some(AnyRecord::Meeting(m)),
                AnyRecord::Meeting(new),
            ));
        }
        let mut o = self.apply(format!("Unticked {shown}"), writes, Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }

    /// Carry an earlier stage's tick over to the stage of `framework/item` (a later stage of
    /// a staged framework listing an item again, which keeps its own "achieved" column): the
    /// item is ticked at this stage today, with the earlier tick's evidence and a note of
    /// where and when it was achieved first.
    pub fn carry_tick(&mut self, pid: &str, framework: &str, item: &str) -> OpResult {
        let (f, i) = self.tick_target(framework, item)?;
        let shown = format!("{framework}/{item}");
        if self.frameworks.earlier_stages(framework, item).is_empty() {
            return Err(OpError::Refused(format!(
                "Nothing to carry over: no earlier stage lists {shown}"
            )));
        }
        if self.data(pid)?.is_ticked(&f, &i) {
            return Err(OpError::Refused(format!(
                "Nothing to carry over: {shown} is already achieved at this stage"
            )));
        }
        let earlier = self
            .reader(super::Audience::Owner)
            .partner(pid)
            .and_then(|p| p.earlier_tick(framework, item))
            .map(|(s, a, t)| (s, a, t.clone()));
        let Some((stage, from, t)) = earlier else {
            return Err(OpError::Refused(format!(
                "Nothing to carry over: {shown} is not achieved at an earlier stage; tick it here (with its evidence) instead"
            )));
        };
        let mut notes = t.evidence.notes.clone();
        notes.push(format!(
            "Carried over from {stage} ({from}, achieved there on {})",
            t.date
        ));
        let p = self.data(pid)?;
        // A link to a meeting no longer in the log is not carried.
        let meetings = t
            .evidence
            .meetings
            .iter()
            .filter(|m| p.meeting(m).is_some())
            .cloned()
            .collect();
        let mut o = self.tick(
            pid,
            framework,
            item,
            TickRequest {
                date: None,
                level: t.level.clone(),
                meetings,
                notes,
                files: t.evidence.files.clone(),
            },
        )?;
        o.label = format!("Carried {shown} over from {stage}");
        Ok(o)
    }

    /// Tick an item that is not ticked, untick one that is.
    pub fn toggle_tick(&mut self, pid: &str, framework: &str, item: &str) -> OpResult {
        let (f, i) = self.tick_target(framework, item)?;
        if self.data(pid)?.is_ticked(&f, &i) {
            self.untick(pid, framework, item)
        } else {
            self.tick(pid, framework, item, TickRequest::default())
        }
    }

    /// The text of the item a tick is stored under, for messages.
    pub fn item_text(&self, framework: &str, item: &str) -> String {
        let (f, i) = self.frameworks.referenced(framework, item);
        self.frameworks
            .get(&f)
            .and_then(|fw| fw.item(&i))
            .map_or_else(String::new, |it| first_line(&it.text).to_string())
    }
}
