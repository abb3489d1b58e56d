//! `tick`: an item achieved (or a rubric level reached), with its evidence; `--undo` removes it.

use std::io::Write;

use anyhow::bail;

use super::Context;
use super::args::TickArgs;
use crate::framework::framework_progress;
use crate::model::first_line;
use crate::model::{Evidence, Tick, TickSheet};
use crate::store::{PartnershipData, Saved};

pub fn run(ctx: &Context, a: &TickArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    let (fw, item) = ctx
        .frameworks
        .resolve(&a.item)
        .map_err(anyhow::Error::msg)?;
    let (tf, ti) = ctx.frameworks.tick_address(&fw.id, &item.id);
    let target_fw = ctx.frameworks.get(&tf).unwrap_or(fw);
    let shown = format!("{}/{}", fw.id, item.id);
    let target_text = target_fw
        .item(&ti)
        .map_or(item.text.as_str(), |i| i.text.as_str());

    let meetings = a
        .meetings
        .iter()
        .map(|q| meeting_id(p, q))
        .collect::<anyhow::Result<Vec<String>>>()?;
    let level = match (&a.level, target_fw.levels.is_empty()) {
        (Some(l), true) => bail!("{shown} is achieved or not: it takes no --level ('{l}')"),
        (Some(l), false) if !target_fw.levels.contains(l) => bail!(
            "'{l}' is not a level of {}: use one of {}",
            target_fw.id,
            target_fw.levels.join(", ")
        ),
        (None, false) if !a.undo => bail!(
            "{shown} is a rubric item: say the level reached with --level ({})",
            target_fw.levels.join(", ")
        ),
        (l, _) => l.clone(),
    };

    let loaded = p.tick_sheet(&tf);
    let path = loaded.map_or_else(|| p.tick_path(&tf), |l| l.path.clone());
    let base = loaded.map(|l| &l.value);
    let mut sheet = base.cloned().unwrap_or_else(|| TickSheet::new(&tf));
    let mut meetings = meetings;
    if a.undo {
        let Some(removed) = sheet.ticks.remove(&ti) else {
            bail!(
                "{shown} is not ticked for {}: nothing to undo",
                p.partnership.value.name
            );
        };
        // The meetings it named no longer evidence it.
        add_unique(&mut meetings, &removed.evidence.meetings);
    } else {
        let date = ctx.date_or_today(a.date.as_deref())?;
        let tick = sheet.ticks.entry(ti.clone()).or_insert_with(|| Tick {
            date,
            level: None,
            evidence: Evidence::default(),
            verification: None,
        });
        if level.is_some() {
            tick.level = level;
        }
        if a.date.is_some() {
            tick.date = date;
        }
        add_unique(&mut tick.evidence.meetings, &meetings);
        add_unique(&mut tick.evidence.notes, &a.evidence);
        add_unique(&mut tick.evidence.files, &a.files);
    }
    ctx.ensure_journal()?;
    let saved = ctx.store.save_at(&path, base, &sheet)?;
    report_merge(&saved, out)?;

    // The meeting records which items it evidences, so the link reads both ways.
    let address = format!("{tf}/{ti}");
    for id in &meetings {
        if let Some(m) = p.meeting(id) {
            let mut new = m.value.clone();
            if a.undo {
                new.evidences.retain(|e| e != &address);
            } else if !new.evidences.contains(&address) {
                new.evidences.push(address.clone());
            }
            if new != m.value {
                report_merge(&ctx.store.save(m, &new)?, out)?;
            }
        }
    }

    let verb = if a.undo { "Unticked" } else { "Ticked" };
    writeln!(
        out,
        "{verb} {shown} for {}: {}",
        p.partnership.value.name,
        first_line(target_text)
    )?;
    if let Some(t) = saved.value.ticks.get(&ti) {
        let ev = &t.evidence;
        for m in &ev.meetings {
            writeln!(out, "  evidence: meeting {m}")?;
        }
        for n in &ev.notes {
            writeln!(out, "  evidence: {n}")?;
        }
        for f in &ev.files {
            writeln!(out, "  evidence: file {f}")?;
        }
        if let Some(l) = &t.level {
            writeln!(out, "  level: {l}")?;
        }
    }
    let sheet = &saved.value;
    let is_ticked = |f: &str, i: &str| {
        if f == sheet.framework {
            sheet.ticks.contains_key(i)
        } else {
            p.is_ticked(f, i)
        }
    };
    let (total, _) = framework_progress(&ctx.frameworks, fw, &is_ticked);
    writeln!(
        out,
        "  {}: {}/{} achieved",
        fw.title, total.achieved, total.total
    )?;
    Ok(())
}

fn add_unique(list: &mut Vec<String>, new: &[String]) {
    for n in new {
        if !list.contains(n) {
            list.push(n.clone());
        }
    }
}

/// A meeting of this partnership by id or unique id prefix.
fn meeting_id(p: &PartnershipData, q: &str) -> anyhow::Result<String> {
    let hits: Vec<&str> = p
        .meetings
        .iter()
        .map(|m| m.value.id.as_str())
        .filter(|id| id.starts_with(q))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.to_string()),
        [] => bail!(
            "{} has no meeting '{q}': `mentorlog status --with {}` lists meeting ids",
            p.partnership.value.name,
            p.id()
        ),
        _ => bail!("'{q}' matches {} meetings: give more of the id", hits.len()),
    }
}

/// Pass on what a save that succeeded still wants the user to know (stderr).
pub fn warn<T>(saved: &Saved<T>) {
    for w in &saved.warnings {
        eprintln!("warning: {w}");
    }
}

/// Tell the user when their save met someone else's.
pub fn report_merge<T>(saved: &Saved<T>, out: &mut dyn Write) -> anyhow::Result<()> {
    warn(saved);
    if saved.merged && saved.conflicts.is_empty() {
        writeln!(
            out,
            "  (merged with a change made meanwhile in {})",
            saved.path.display()
        )?;
    }
    if let Some(copy) = &saved.conflict_copy {
        writeln!(
            out,
            "  conflict: {} was also changed elsewhere ({}); this edit was kept and the other is in {}",
            saved.path.display(),
            saved.conflicts.join(", "),
            copy.display()
        )?;
    }
    Ok(())
}
