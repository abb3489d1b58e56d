//! `tick`: an item achieved (or a rubric level reached), with its evidence; `--undo` removes it.

use std::io::Write;

use anyhow::bail;

use super::args::TickArgs;
use super::{Context, op, report_outcome};
use crate::framework::framework_progress;
use crate::journal::{Partner, TickRequest};
use crate::model::first_line;

pub fn run(ctx: &mut Context, a: &TickArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    let (pid, name) = (p.id().to_string(), p.name().to_string());
    let (fw, item) = ctx
        .reader()
        .frameworks()
        .resolve(&a.item)
        .map(|(f, i)| (f.id.clone(), i.id.clone()))
        .map_err(anyhow::Error::msg)?;
    // Said in the command line's words (the core refuses the same, in its own).
    let set = ctx.reader().frameworks();
    let (tf, ti) = set.tick_address(&fw, &item);
    let levels = set.get(&tf).map(|f| f.levels.clone()).unwrap_or_default();
    match (&a.level, levels.is_empty()) {
        (Some(l), true) => bail!("{fw}/{item} is achieved or not: it takes no --level ('{l}')"),
        (None, false) if !a.undo && !p.is_ticked(&tf, &ti) => bail!(
            "{fw}/{item} is a rubric item: say the level reached with --level ({})",
            levels.join(", ")
        ),
        _ => {}
    }
    let meetings = a
        .meetings
        .iter()
        .map(|q| meeting_id(&p, q))
        .collect::<anyhow::Result<Vec<String>>>()?;
    let o = if a.undo {
        ctx.journal.untick(&pid, &fw, &item).map_err(op)?
    } else {
        let date = a.date.as_deref().map(|d| ctx.date(d)).transpose()?;
        let req = TickRequest {
            date,
            level: a.level.clone(),
            meetings,
            notes: a.evidence.clone(),
            files: a.files.clone(),
        };
        ctx.journal.tick(&pid, &fw, &item, req).map_err(op)?
    };
    report_outcome(&o, out)?;

    let r = ctx.reader();
    let set = r.frameworks();
    let verb = if a.undo { "Unticked" } else { "Ticked" };
    writeln!(
        out,
        "{verb} {fw}/{item} for {name}: {}",
        first_line(&ctx.journal.item_text(&fw, &item))
    )?;
    let Some(p) = r.partner(&pid) else {
        bail!("the partnership {pid} is no longer in the journal");
    };
    if let Some(t) = p.tick(&tf, &ti) {
        for line in p.evidence(&t.evidence) {
            match line {
                crate::journal::EvidenceLine::Meeting { id, .. } => {
                    writeln!(out, "  evidence: meeting {id}")?
                }
                crate::journal::EvidenceLine::Note(n) => writeln!(out, "  evidence: {n}")?,
                crate::journal::EvidenceLine::File(f) => writeln!(out, "  evidence: file {f}")?,
            }
        }
        if let Some(l) = &t.level {
            writeln!(out, "  level: {l}")?;
        }
    }
    if let Some(framework) = set.get(&fw) {
        let is_ticked = |f: &str, i: &str| p.is_ticked(f, i);
        let (total, _) = framework_progress(set, framework, &is_ticked);
        writeln!(
            out,
            "  {}: {}/{} achieved",
            framework.title, total.achieved, total.total
        )?;
    }
    Ok(())
}

/// A meeting of this partnership by id or unique id prefix; `last` is the latest meeting.
fn meeting_id(p: &Partner, q: &str) -> anyhow::Result<String> {
    let meetings = p.meetings();
    if q == "last" {
        return match meetings.first() {
            Some(m) => Ok(m.value.id.clone()),
            None => bail!(
                "{} has no meetings yet: log one first (`mentorlog log --with {}`)",
                p.name(),
                p.id()
            ),
        };
    }
    let hits: Vec<&str> = meetings
        .iter()
        .map(|m| m.value.id.as_str())
        .filter(|id| id.starts_with(q))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.to_string()),
        [] => bail!(
            "{} has no meeting '{q}': `mentorlog status --with {}` lists meeting ids",
            p.name(),
            p.id()
        ),
        _ => bail!("'{q}' matches {} meetings: give more of the id", hits.len()),
    }
}
