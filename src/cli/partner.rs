//! `init`, `partner add` and `partner list`.

use std::io::Write;

use anyhow::bail;
use serde_json::json;

use super::args::{InitArgs, PartnerAddArgs, PartnerCmd};
use super::{Context, op, report_outcome};
use crate::model::{Partnership, PartnershipStatus, SCHEMA_VERSION};
use crate::store::AnyRecord;

pub fn init(ctx: &mut Context, a: &InitArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let existed = ctx.reader().profile().is_some();
    ctx.journal
        .init(a.name.as_deref(), a.role, a.institution.as_deref())
        .map_err(op)?;
    let r = ctx.reader();
    let Some(profile) = r.profile() else {
        bail!("the journal's profile was not saved");
    };
    writeln!(
        out,
        "{} the journal of {} ({}) in {}",
        if existed { "Updated" } else { "Created" },
        if profile.name.is_empty() {
            "(no name yet)"
        } else {
            &profile.name
        },
        profile.role,
        r.root().display()
    )?;
    Ok(())
}

pub fn run(ctx: &mut Context, cmd: &PartnerCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        PartnerCmd::Add(a) => add(ctx, a, out),
        PartnerCmd::List { json } => list(ctx, *json, out),
    }
}

fn add(ctx: &mut Context, a: &PartnerAddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if a.name.trim().is_empty() {
        bail!("give the partner's name, e.g. `mentorlog partner add \"Sam Lee\"`");
    }
    let start = ctx.date_or_today(a.start.as_deref())?;
    let p = Partnership {
        version: SCHEMA_VERSION,
        id: String::new(),
        name: a.name.trim().to_string(),
        institution: a.institution.clone(),
        kind: a.kind,
        pathway: a.pathway,
        focus: a.focus.clone(),
        start,
        end: None,
        cadence_days: a.cadence,
        frameworks: a.frameworks.clone(),
        status: PartnershipStatus::Active,
        agreement: None,
        evaluation: None,
    };
    let o = ctx.journal.add_partnership(p).map_err(op)?;
    let path = o.record.clone().unwrap_or_default();
    let Some(v) = o.changes.iter().find_map(|c| match &c.after {
        Some(AnyRecord::Partnership(p)) => Some(p.clone()),
        _ => None,
    }) else {
        bail!("the partnership was not saved");
    };
    writeln!(
        out,
        "Added {} (id {}): {}, {} pathway, meeting every {} days, frameworks {}",
        v.name,
        v.id,
        v.kind,
        v.pathway,
        v.cadence_days,
        v.frameworks.join(", ")
    )?;
    writeln!(out, "  {}", path.display())?;
    report_outcome(&o, out)?;
    writeln!(
        out,
        "Next: mentorlog log --with {} --focus \"...\" \"notes\"",
        v.id
    )?;
    Ok(())
}

fn list(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let partners = ctx.reader().partnerships();
    if json {
        let rows: Vec<_> = partners
            .iter()
            .map(|p| {
                let v = p.partnership();
                json!({
                    "id": v.id, "name": v.name, "kind": v.kind.label(), "pathway": v.pathway.label(),
                    "focus": v.focus, "status": v.status.label(), "start": v.start,
                    "cadence_days": v.cadence_days, "frameworks": v.frameworks,
                    "meetings": p.meetings().len(), "goals": p.goals().len(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({ "partnerships": rows }))?
        )?;
        return Ok(());
    }
    if partners.is_empty() {
        writeln!(
            out,
            "No partnerships yet. Add one: mentorlog partner add \"Sam Lee\""
        )?;
        return Ok(());
    }
    for p in &partners {
        let v = p.partnership();
        writeln!(
            out,
            "{:<20} {:<24} {:<20} {:<8} {:>3} meetings  {:>3} goals",
            v.id,
            v.name,
            v.kind.label(),
            v.status.label(),
            p.meetings().len(),
            p.goals().len()
        )?;
    }
    Ok(())
}
