//! `init`, `partner add` and `partner list`.

use std::io::Write;

use anyhow::bail;
use serde_json::json;

use super::Context;
use super::args::{InitArgs, PartnerAddArgs, PartnerCmd};
use crate::model::{Journal, Partnership, PartnershipStatus, Profile, Role, SCHEMA_VERSION};

pub fn init(ctx: &Context, a: &InitArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let base = ctx.snap.journal.as_ref().map(|j| &j.value);
    if base.is_none() && ctx.store.journal_path().exists() {
        bail!(
            "{} exists but cannot be read (see the warning above): fix or move it, then run init again",
            ctx.store.journal_path().display()
        );
    }
    let mut journal = base.cloned().unwrap_or(Journal {
        version: SCHEMA_VERSION,
        profile: Profile {
            name: std::env::var("USER").unwrap_or_default(),
            role: Role::Mentor,
            ..Profile::default()
        },
    });
    if let Some(n) = &a.name {
        journal.profile.name = n.clone();
    }
    if let Some(r) = a.role {
        journal.profile.role = r;
    }
    if let Some(i) = &a.institution {
        journal.profile.institution = Some(i.clone());
    }
    ctx.store.save_journal(base, &journal)?;
    writeln!(
        out,
        "{} the journal of {} ({}) in {}",
        if base.is_some() { "Updated" } else { "Created" },
        if journal.profile.name.is_empty() {
            "(no name yet)"
        } else {
            &journal.profile.name
        },
        journal.profile.role,
        ctx.store.root().display()
    )?;
    Ok(())
}

pub fn run(ctx: &Context, cmd: &PartnerCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        PartnerCmd::Add(a) => add(ctx, a, out),
        PartnerCmd::List { json } => list(ctx, *json, out),
    }
}

fn add(ctx: &Context, a: &PartnerAddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if a.name.trim().is_empty() {
        bail!("give the partner's name, e.g. `mentorlog partner add \"Sam Lee\"`");
    }
    let frameworks = if a.frameworks.is_empty() {
        vec!["curee".to_string()]
    } else {
        a.frameworks.clone()
    };
    for f in &frameworks {
        if ctx.frameworks.get(f).is_none() {
            let known: Vec<&str> = ctx.frameworks.iter().map(|f| f.id.as_str()).collect();
            bail!(
                "no framework '{f}': known frameworks are {}",
                known.join(", ")
            );
        }
    }
    let start = ctx.date_or_today(a.start.as_deref())?;
    ctx.ensure_journal()?;
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
        frameworks,
        status: PartnershipStatus::Active,
        agreement: None,
        evaluation: None,
    };
    let saved = ctx.store.create_partnership(p)?;
    super::tick::warn(&saved);
    writeln!(
        out,
        "Added {} (id {}): {}, {} pathway, meeting every {} days, frameworks {}",
        saved.value.name,
        saved.value.id,
        saved.value.kind,
        saved.value.pathway,
        saved.value.cadence_days,
        saved.value.frameworks.join(", ")
    )?;
    writeln!(out, "  {}", saved.path.display())?;
    writeln!(
        out,
        "Next: mentorlog log --with {} --focus \"...\" \"notes\"",
        saved.value.id
    )?;
    Ok(())
}

fn list(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = ctx
            .snap
            .partnerships
            .iter()
            .map(|p| {
                let v = &p.partnership.value;
                json!({
                    "id": v.id, "name": v.name, "kind": v.kind.label(), "pathway": v.pathway.label(),
                    "focus": v.focus, "status": v.status.label(), "start": v.start,
                    "cadence_days": v.cadence_days, "frameworks": v.frameworks,
                    "meetings": p.meetings.len(), "goals": p.goals.len(),
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
    if ctx.snap.partnerships.is_empty() {
        writeln!(
            out,
            "No partnerships yet. Add one: mentorlog partner add \"Sam Lee\""
        )?;
        return Ok(());
    }
    for p in &ctx.snap.partnerships {
        let v = &p.partnership.value;
        writeln!(
            out,
            "{:<20} {:<24} {:<20} {:<8} {:>3} meetings  {:>3} goals",
            v.id,
            v.name,
            v.kind.label(),
            v.status.label(),
            p.meetings.len(),
            p.goals.len()
        )?;
    }
    Ok(())
}
