//! What changed between two readings of the journal, in words: "Sam Lee: ticked curee/…",
//! "Sam Lee: 1 goal edited". Live reload says this when another process changed the files.

use std::collections::BTreeSet;

use crate::store::kind::with_folder_type;
use crate::store::{KINDS, Kind, Loaded, PartnershipData, PartnershipRecord, Snapshot};

/// What changed between two readings of the journal, in words for the status bar.
pub fn describe_changes(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for p in &new.partnerships {
        let name = &p.partnership.value.name;
        let Some(o) = old.partnership(p.id()) else {
            out.push(format!("new partnership with {name}"));
            continue;
        };
        if !o.loaded || !p.loaded {
            continue; // its records had not been read: nothing to compare with
        }
        ticks(&mut out, name, o, p);
        // Tick sheets are told item by item above; every other kind is counted.
        for info in KINDS.iter().filter(|k| k.kind != Kind::Ticks) {
            with_folder_type!(info.kind, T => count::<T>(&mut out, name, o, p), _ => {});
        }
        if o.partnership.value != p.partnership.value {
            out.push(format!("{name}: partnership or agreement changed"));
        }
    }
    for o in &old.partnerships {
        if new.partnership(o.id()).is_none() {
            out.push(format!(
                "partnership with {} removed",
                o.partnership.value.name
            ));
        }
    }
    if old.journal.as_ref().map(|j| &j.value) != new.journal.as_ref().map(|j| &j.value)
        && old.journal.is_some()
    {
        out.push("the journal's profile changed".into());
    }
    out
}

/// Ticks are told item by item: which were ticked, which unticked.
fn ticks(out: &mut Vec<String>, name: &str, o: &PartnershipData, p: &PartnershipData) {
    for sheet in &p.ticks {
        let before: BTreeSet<&String> = o
            .tick_sheet(&sheet.value.framework)
            .map(|s| s.value.ticks.keys().collect())
            .unwrap_or_default();
        let after: BTreeSet<&String> = sheet.value.ticks.keys().collect();
        for added in after.difference(&before) {
            out.push(format!("{name}: ticked {}/{added}", sheet.value.framework));
        }
        for removed in before.difference(&after) {
            out.push(format!(
                "{name}: unticked {}/{removed}",
                sheet.value.framework
            ));
        }
        if before == after
            && o.tick_sheet(&sheet.value.framework).map(|s| &s.value) != Some(&sheet.value)
        {
            out.push(format!(
                "{name}: evidence changed in {}",
                sheet.value.framework
            ));
        }
    }
}

/// Records of one kind, counted: added, deleted, edited.
fn count<T: PartnershipRecord>(
    out: &mut Vec<String>,
    name: &str,
    o: &PartnershipData,
    p: &PartnershipData,
) {
    let (old, new): (&Vec<Loaded<T>>, &Vec<Loaded<T>>) = (T::list(o), T::list(p));
    let added = new
        .iter()
        .filter(|n| !old.iter().any(|o| o.path == n.path))
        .count();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.path == o.path))
        .count();
    let changed = new
        .iter()
        .filter(|n| old.iter().any(|o| o.path == n.path && o.value != n.value))
        .count();
    let info = T::KIND.info();
    for (n, verb) in [(added, "added"), (removed, "deleted"), (changed, "edited")] {
        if n > 0 {
            let what = if n == 1 { info.noun } else { info.plural };
            out.push(format!("{name}: {n} {what} {verb}"));
        }
    }
}
