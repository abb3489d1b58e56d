//! `init`, `partner add` and `partner list`.

use std::io::Write;

use anyhow::bail;
use serde_json::json;

use super::args::{CadenceArg, InitArgs, PartnerAddArgs, PartnerCmd, PartnerEditArgs};
use super::context::interactive;
use super::{Context, op, report_outcome};
use crate::model::text::strip_controls;
use crate::model::{Partnership, PartnershipStatus, Rhythm, SCHEMA_VERSION};
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
        PartnerCmd::Edit(a) => edit(ctx, a, out),
        PartnerCmd::End { partner, date } => {
            let pid = ctx.partner(partner)?.id().to_string();
            let date = ctx.date_or_today(date.as_deref())?;
            let o = ctx.journal.end_partnership(&pid, date).map_err(op)?;
            writeln!(out, "{}", strip_controls(&o.label))?;
            report_outcome(&o, out)
        }
        PartnerCmd::Remove { partner, yes } => remove(ctx, partner, *yes, out),
    }
}

/// The LSIS criteria for being mentored, for `partner add --help`: who a partnership is for.
pub fn criteria_help() -> String {
    let banks = crate::framework::prompts::bundled_prompts();
    let Some(b) = banks.bank("criteria-for-being-mentored") else {
        return String::new();
    };
    let mut s = format!(
        "Before you start: the LSIS \"More than Courses\" guide's {} (3.1).\n\n",
        b.title.to_lowercase()
    );
    if let Some(d) = &b.description {
        s.push_str(&format!("{d}\n\n"));
    }
    for p in &b.prompts {
        s.push_str(&format!("  - {p}\n"));
    }
    s.push_str(
        "\nThe full-screen journal shows them beside the New partnership form (Ctrl-g on a \
         narrow screen).",
    );
    s
}

fn add(ctx: &mut Context, a: &PartnerAddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if a.name.trim().is_empty() {
        bail!("give the partner's name, e.g. `mentorlog partner add \"Sam Lee\"`");
    }
    let start = ctx.date_or_today(a.start.as_deref())?;
    let p = Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: String::new(),
        name: a.name.trim().to_string(),
        institution: a.institution.clone(),
        kind: a.kind,
        pathway: a.pathway,
        focus: a.focus.clone(),
        start,
        end: None,
        cadence_days: match a.cadence {
            CadenceArg::Days(n) => n,
            CadenceArg::Lsis => 14,
        },
        rhythm: match a.cadence {
            CadenceArg::Days(_) => Rhythm::Days,
            CadenceArg::Lsis => Rhythm::Lsis,
        },
        frameworks: a.frameworks.clone(),
        status: PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
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
        "Added {} (id {}): {}, {} pathway, {}, frameworks {}",
        v.name,
        v.id,
        v.kind,
        v.pathway,
        v.cadence().phrase(),
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
                    "cadence_days": v.cadence_days, "rhythm": v.rhythm.label(),
                    "frameworks": v.frameworks,
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

fn edit(ctx: &mut Context, a: &PartnerEditArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (pid, base) = {
        let p = ctx.partner(&a.partner)?;
        (p.id().to_string(), p.partnership().clone())
    };
    let mut new = base.clone();
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    if let Some(n) = &a.name {
        new.name = n.clone();
    }
    if let Some(k) = a.kind {
        new.kind = k;
    }
    if let Some(p) = a.pathway {
        new.pathway = p;
    }
    if let Some(f) = &a.focus {
        new.focus = opt(f);
    }
    if let Some(i) = &a.institution {
        new.institution = opt(i);
    }
    if let Some(d) = &a.start {
        new.start = ctx.date_or_today(Some(d))?;
    }
    if let Some(d) = &a.end {
        new.end = match opt(d) {
            None => None,
            Some(d) => Some(ctx.date_or_today(Some(&d))?),
        };
    }
    if let Some(st) = a.status {
        new.status = st;
    }
    match a.cadence {
        Some(CadenceArg::Days(n)) => {
            new.cadence_days = n;
            new.rhythm = Rhythm::Days;
        }
        Some(CadenceArg::Lsis) => new.rhythm = Rhythm::Lsis,
        None => {}
    }
    for f in &a.drop_frameworks {
        if !new.frameworks.contains(f) {
            bail!(
                "{} does not use the framework {f} (it uses {})",
                base.name,
                new.frameworks.join(", ")
            );
        }
        new.frameworks.retain(|x| x != f);
    }
    new.frameworks.extend(a.add_frameworks.iter().cloned());
    if new == base {
        writeln!(
            out,
            "Nothing to change: give what to change, e.g. --name, --cadence 7, --framework ljmu"
        )?;
        return Ok(());
    }
    let o = ctx.journal.edit_partnership(&pid, &base, new).map_err(op)?;
    let r = ctx.reader();
    let v = r
        .partner(&pid)
        .map(|p| p.partnership().clone())
        .unwrap_or(base);
    writeln!(
        out,
        "Saved {} (id {}): {}, {} pathway, {}, {}, frameworks {}",
        strip_controls(&v.name),
        v.id,
        v.kind,
        v.pathway,
        v.status,
        v.cadence().phrase(),
        v.frameworks.join(", ")
    )?;
    report_outcome(&o, out)
}

fn remove(ctx: &mut Context, partner: &str, yes: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let (pid, what) = {
        let p = ctx.partner(partner)?;
        let what = format!(
            "the partnership with {} ({} meetings, {} goals, {} reflections)",
            strip_controls(p.name()),
            p.meetings().len(),
            p.goals().len(),
            p.reflections().len()
        );
        (p.id().to_string(), what)
    };
    if !yes {
        if !interactive() {
            bail!("removing {what} needs a yes: run `mentorlog partner remove {pid} --yes`");
        }
        write!(out, "Remove {what}? It goes to the trash. [y/N] ")?;
        out.flush()?;
        let mut answer = String::new();
        std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            writeln!(out, "Nothing was removed.")?;
            return Ok(());
        }
    }
    let o = ctx.journal.remove_partnership(&pid).map_err(op)?;
    writeln!(
        out,
        "{}. It is in the trash: `mentorlog trash restore` brings it back.",
        strip_controls(&o.label)
    )?;
    report_outcome(&o, out)
}
