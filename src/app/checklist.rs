//! The checklist pane: a framework's sections as a collapsible tree, with each item's tick
//! (optionally only the items not yet achieved), and what its keys do: tick, level, evidence,
//! fold, choose the framework.

use std::collections::BTreeSet;

use super::picker::{PickPurpose, Picker};
use super::{App, Overlay, Pane, Tab};
use crate::framework::{Framework, FrameworkSet, Section};
use crate::journal::Journal;
use crate::journal::Partner;
use crate::model::{Progress, Tick};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChecklistState {
    /// Index into the partnership's frameworks.
    pub framework: usize,
    pub collapsed: BTreeSet<String>,
    pub cursor: usize,
    pub only_open: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row<'a> {
    Section {
        section: &'a Section,
        depth: usize,
        progress: Progress,
        collapsed: bool,
    },
    Item {
        item: &'a crate::framework::Item,
        depth: usize,
        /// Where the tick is stored (refs followed).
        address: (String, String),
        tick: Option<&'a Tick>,
        /// For a ref, the text of the item it stands for.
        text: &'a str,
    },
}

impl Row<'_> {
    pub fn depth(&self) -> usize {
        match self {
            Row::Section { depth, .. } | Row::Item { depth, .. } => *depth,
        }
    }
}

/// The rows to show for `fw`, following the collapsed set and the filter.
pub fn rows<'a>(
    set: &'a FrameworkSet,
    fw: &'a Framework,
    p: &Partner<'a>,
    state: &ChecklistState,
) -> Vec<Row<'a>> {
    fn walk<'a>(
        set: &'a FrameworkSet,
        fw: &'a Framework,
        p: &Partner<'a>,
        state: &ChecklistState,
        s: &'a Section,
        depth: usize,
        out: &mut Vec<Row<'a>>,
    ) -> Progress {
        let at = out.len();
        let collapsed = state.collapsed.contains(&s.id);
        out.push(Row::Section {
            section: s,
            depth,
            progress: Progress::default(),
            collapsed,
        });
        let mut progress = Progress::default();
        let mut children = Vec::new();
        for item in &s.items {
            let (f, i) = set.tick_address(&fw.id, &item.id);
            let tick = p.tick_sheet(&f).and_then(|sh| sh.value.ticks.get(&i));
            let text = if item.reference.is_some() {
                let (rf, ri) = set.referenced(&fw.id, &item.id);
                set.get(&rf)
                    .and_then(|tf| tf.item(&ri))
                    .map_or(item.text.as_str(), |t| t.text.as_str())
            } else {
                item.text.as_str()
            };
            progress.add(Progress {
                achieved: usize::from(tick.is_some()),
                total: 1,
            });
            if !(state.only_open && tick.is_some()) {
                children.push(Row::Item {
                    item,
                    depth: depth + 1,
                    address: (f, i),
                    tick,
                    text,
                });
            }
        }
        let mut nested = Vec::new();
        for c in &s.sections {
            progress.add(walk(set, fw, p, state, c, depth + 1, &mut nested));
        }
        if !collapsed {
            out.extend(children);
            out.extend(nested);
        }
        if let Row::Section { progress: pr, .. } = &mut out[at] {
            *pr = progress;
        }
        progress
    }
    let mut out = Vec::new();
    for s in &fw.sections {
        walk(set, fw, p, state, s, 0, &mut out);
    }
    out
}

impl App {
    pub(super) fn toggle_section(&mut self, j: &Journal, id: &str, collapse: bool) {
        if collapse {
            self.checklist.collapsed.insert(id.to_string());
        } else {
            self.checklist.collapsed.remove(id);
        }
        self.clamp(j);
    }

    pub(super) fn set_collapsed(&mut self, j: &Journal, collapse: bool) {
        if self.tab != Tab::Checklists || self.pane != Pane::Main {
            return;
        }
        let r = self.reader(j);
        let rows = self.checklist_rows(&r);
        let cursor = self.checklist.cursor;
        let Some(row) = rows.get(cursor) else {
            return;
        };
        // On an item, Left goes to (and folds) its section.
        let (id, at) = match row {
            Row::Section { section, .. } => (section.id.clone(), cursor),
            Row::Item { depth, .. } => {
                let d = *depth;
                let found = rows[..cursor]
                    .iter()
                    .enumerate()
                    .rev()
                    .find_map(|(i, r)| match r {
                        Row::Section { section, depth, .. } if *depth < d => {
                            Some((section.id.clone(), i))
                        }
                        _ => None,
                    });
                match found {
                    Some(f) if collapse => f,
                    _ => return,
                }
            }
        };
        self.checklist.cursor = at;
        self.toggle_section(j, &id, collapse);
    }

    /// The item under the checklist cursor: (framework, item) where its tick is stored.
    pub(super) fn checklist_item(&self, j: &Journal) -> Option<(String, String, bool)> {
        if self.tab != Tab::Checklists || self.pane != Pane::Main {
            return None;
        }
        match self
            .checklist_rows(&self.reader(j))
            .get(self.checklist.cursor)?
        {
            Row::Item { address, tick, .. } => {
                Some((address.0.clone(), address.1.clone(), tick.is_some()))
            }
            Row::Section { .. } => None,
        }
    }

    pub(super) fn tick(&mut self, j: &mut Journal) {
        if self.tab == Tab::Checklists && self.pane == Pane::Main {
            let r = self.reader(j);
            if let Some(Row::Section {
                section, collapsed, ..
            }) = self.checklist_rows(&r).get(self.checklist.cursor)
            {
                let (id, c) = (section.id.clone(), *collapsed);
                return self.toggle_section(j, &id, !c);
            }
        }
        let (Some((f, i, ticked)), Some(pid)) = (self.checklist_item(j), self.pid(j)) else {
            return;
        };
        let levels = j
            .frameworks()
            .get(&f)
            .map(|fw| fw.levels.clone())
            .unwrap_or_default();
        if !ticked && !levels.is_empty() {
            let options = levels.iter().map(|l| (l.clone(), l.clone())).collect();
            self.overlays.push(Overlay::Picker(Picker::new(
                "Level reached",
                PickPurpose::Level {
                    framework: f,
                    item: i,
                },
                options,
                [],
                false,
            )));
            return;
        }
        let result = j.toggle_tick(&pid, &f, &i);
        self.said(j, result);
    }

    /// Carry the tick of an earlier stage over to the stage of the item under the cursor.
    pub(super) fn carry_over(&mut self, j: &mut Journal) {
        let (Some((f, i, _)), Some(pid)) = (self.checklist_item(j), self.pid(j)) else {
            return;
        };
        let result = j.carry_tick(&pid, &f, &i);
        self.said(j, result);
    }

    pub(super) fn attach_evidence(&mut self, j: &Journal) {
        let Some((f, i, _)) = self.checklist_item(j) else {
            return;
        };
        self.overlays.push(Overlay::Picker(Picker::new(
            format!("Evidence for {f}/{i}"),
            PickPurpose::EvidenceKind {
                framework: f,
                item: i,
            },
            vec![
                ("meeting".into(), "A meeting from the log".into()),
                ("text".into(), "Typed text (what shows it)".into()),
            ],
            [],
            false,
        )));
    }

    pub(super) fn choose_framework(&mut self, j: &Journal) {
        if self.tab != Tab::Checklists {
            return;
        }
        let options: Vec<(String, String)> = self
            .partner_frameworks(&self.reader(j))
            .iter()
            .enumerate()
            .map(|(n, f)| {
                (
                    n.to_string(),
                    format!("{} ({} items)", f.title, f.item_count()),
                )
            })
            .collect();
        if options.is_empty() {
            return self.info("This partnership uses no framework yet");
        }
        self.overlays.push(Overlay::Picker(Picker::new(
            "Framework",
            PickPurpose::Framework,
            options,
            [],
            false,
        )));
    }

    /// Open what there is to read beside the checklist shown: its framework's passages and
    /// those of the frameworks it reuses (CUREE's core concepts, from CUREE or LJMU).
    pub(super) fn open_passages(&mut self, j: &Journal) {
        let r = self.reader(j);
        let Some(fw) = self.checklist_framework(&r) else {
            return self.info("This partnership uses no framework yet");
        };
        if r.frameworks().passages_for(fw).is_empty() {
            let title = fw.title.clone();
            return self.info(format!(
                "{title} has nothing to read beyond its items (c picks another framework)"
            ));
        }
        let framework = fw.id.clone();
        self.overlays.push(Overlay::Passages {
            framework,
            scroll: super::Anchor::default(),
        });
    }
}
