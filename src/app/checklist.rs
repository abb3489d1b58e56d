//! The checklist pane's rows: a framework's sections as a collapsible tree, with each item's
//! tick, optionally only the items not yet achieved.

use std::collections::BTreeSet;

use crate::framework::{Framework, FrameworkSet, Section};
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
                set.get(&f)
                    .and_then(|tf| tf.item(&i))
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
