//! `trash`: what deletes took away, to list, bring back or let go.

use std::io::{BufRead, Write};

use anyhow::bail;
use serde_json::json;

use super::args::TrashCmd;
use super::context::interactive;
use super::{Context, op, report_outcome};
use crate::model::text::strip_controls;

pub fn run(ctx: &mut Context, cmd: Option<&TrashCmd>, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        None => list(ctx, false, out),
        Some(TrashCmd::List { json }) => list(ctx, *json, out),
        Some(TrashCmd::Restore { id }) => {
            let o = ctx.journal.restore_trash(id.as_deref()).map_err(op)?;
            writeln!(out, "{}", strip_controls(&o.label))?;
            report_outcome(&o, out)
        }
        Some(TrashCmd::Empty { yes }) => empty(ctx, *yes, out),
        Some(TrashCmd::Keep { days }) => {
            let o = ctx.journal.set_trash_days(*days).map_err(op)?;
            writeln!(out, "{}", o.label)?;
            Ok(())
        }
    }
}

fn list(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let (entries, bad) = ctx.journal.trash();
    for b in &bad {
        crate::say_err!("note: could not read a trash entry: {b}");
    }
    let days = ctx.journal.trash_days();
    if json {
        let v: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "deleted": e.deleted.to_rfc3339(),
                    "what": e.label,
                    "partnership": e.partnership,
                    "records": e.records.len(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(
            out,
            "The trash is empty. Deleted records stay in it {days} day{}, to restore.",
            if days == 1 { "" } else { "s" }
        )?;
        return Ok(());
    }
    for e in &entries {
        let when = e
            .deleted
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M");
        let n = e.records.len();
        writeln!(
            out,
            "{}  {when}  {}{}",
            e.id,
            strip_controls(&e.label),
            if n > 1 {
                format!(" ({n} records)")
            } else {
                String::new()
            }
        )?;
    }
    writeln!(
        out,
        "Kept {days} day{} after deleting. `mentorlog trash restore ID` brings one back \
         (without ID, the latest).",
        if days == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn empty(ctx: &mut Context, yes: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let (entries, _) = ctx.journal.trash();
    if entries.is_empty() {
        writeln!(out, "The trash is already empty.")?;
        return Ok(());
    }
    if !yes {
        if !interactive() {
            bail!(
                "emptying the trash cannot be undone: run `mentorlog trash empty --yes` to do it"
            );
        }
        write!(
            out,
            "Remove {} delete{} from the trash for good? [y/N] ",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        )?;
        out.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            writeln!(out, "The trash was left as it is.")?;
            return Ok(());
        }
    }
    let n = ctx.journal.empty_trash().map_err(op)?;
    writeln!(
        out,
        "Emptied the trash ({n} delete{}).",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(())
}
