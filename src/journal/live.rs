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
        ticks(&mut out, name, o, p, new);
        // Tick sheets are told item by item above; every other kind is counted.
        for info in KINDS.iter().filter(|k| k.kind != Kind::Ticks) {
            with_folder_type!(info.kind, T => count::<T>(&mut out, name, o, p, new), _ => {});
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
fn ticks(
    out: &mut Vec<String>,
    name: &str,
    o: &PartnershipData,
    p: &PartnershipData,
    snap: &Snapshot,
) {
    for sheet in &p.ticks {
        let by = by_whom(snap, std::iter::once(&sheet.value.by));
        let before: BTreeSet<&String> = o
            .tick_sheet(&sheet.value.framework)
            .map(|s| s.value.ticks.keys().collect())
            .unwrap_or_default();
        let after: BTreeSet<&String> = sheet.value.ticks.keys().collect();
        for added in after.difference(&before) {
            out.push(format!(
                "{name}: ticked {}/{added}{by}",
                sheet.value.framework
            ));
        }
        for removed in before.difference(&after) {
            out.push(format!(
                "{name}: unticked {}/{removed}{by}",
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
    snap: &Snapshot,
) {
    let (old, new): (&Vec<Loaded<T>>, &Vec<Loaded<T>>) = (T::list(o), T::list(p));
    let added: Vec<&Loaded<T>> = new
        .iter()
        .filter(|n| !old.iter().any(|o| o.path == n.path))
        .collect();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.path == o.path))
        .count();
    let changed: Vec<&Loaded<T>> = new
        .iter()
        .filter(|n| old.iter().any(|o| o.path == n.path && o.value != n.value))
        .collect();
    let info = T::KIND.info();
    let what = |n: usize| if n == 1 { info.noun } else { info.plural };
    for (records, verb) in [(&added, "added"), (&changed, "edited")] {
        if !records.is_empty() {
            out.push(format!(
                "{name}: {} {} {verb}{}",
                records.len(),
                what(records.len()),
                by_whom(snap, records.iter().map(|r| r.value.by()))
            ));
        }
    }
    if removed > 0 {
        out.push(format!("{name}: {removed} {} deleted", what(removed)));
    }
}

/// " by NAME" (or " by NAME and NAME") for the members who last changed these records; empty
/// when no record says.
fn by_whom<'a>(snap: &Snapshot, bys: impl Iterator<Item = &'a crate::model::By>) -> String {
    let mut ids: Vec<&str> = bys.filter_map(|b| b.changed.as_deref()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return String::new();
    }
    let journal = snap.journal.as_ref().map(|j| &j.value);
    let name = |id: &str| -> String {
        journal
            .and_then(|j| {
                if j.profile.id.as_deref() == Some(id)
                    || crate::model::member_id(&j.profile.name) == id
                {
                    return Some(j.profile.name.clone());
                }
                j.members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    };
    let names: Vec<String> = ids.into_iter().map(name).collect();
    format!(" by {}", names.join(" and "))
}
