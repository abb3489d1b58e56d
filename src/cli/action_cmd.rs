//! `action list` and `action done`: the action items agreed in meetings, across meetings,
//! as the full-screen journal's Actions tab shows them.

use std::io::Write;

use anyhow::bail;

use super::args::ActionCmd;
use super::{Context, op, report_outcome};
use crate::model::action_is_overdue;

pub fn run(ctx: &mut Context, cmd: &ActionCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        ActionCmd::List { with, all, json } => list(ctx, with, *all, *json, out),
        ActionCmd::Done { with, item, undo } => done(ctx, with, item, !*undo, out),
    }
}

fn list(
    ctx: &Context,
    with: &str,
    all: bool,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let p = ctx.partner(with)?;
    let today = ctx.today();
    let items: Vec<_> = p
        .action_items()
        .into_iter()
        .filter(|(_, a)| all || !a.done)
        .collect();
    if json {
        let rows: Vec<serde_json::Value> = items
            .iter()
            .map(|(m, a)| {
                serde_json::json!({
                    "id": a.id,
                    "text": a.text,
                    "owner": a.owner.label(),
                    "due": a.due.map(|d| d.to_string()),
                    "done": a.done,
                    "overdue": action_is_overdue(a, today),
                    "meeting": m.value.id,
                    "meeting_date": m.value.date.to_string(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "action_items": rows }))?
        )?;
        return Ok(());
    }
    if items.is_empty() {
        writeln!(
            out,
            "{}: no {}action items{}.",
            p.name(),
            if all { "" } else { "open " },
            if all {
                " (they are agreed in meetings: `mentorlog log` or the meeting form)"
            } else {
                "; --all shows the done ones too"
            }
        )?;
        return Ok(());
    }
    for (m, a) in &items {
        let due = a.due.map_or_else(String::new, |d| {
            let late = if action_is_overdue(a, today) {
                " (overdue)"
            } else {
                ""
            };
            format!(" · due {d}{late}")
        });
        writeln!(
            out,
            "[{}] {} · {}{due} · meeting {} · id {}",
            if a.done { "x" } else { " " },
            a.text,
            a.owner.label(),
            m.value.date,
            a.id
        )?;
    }
    Ok(())
}

fn done(
    ctx: &mut Context,
    with: &str,
    item: &str,
    done: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let p = ctx.partner(with)?;
    let pid = p.id().to_string();
    let items = p.action_items();
    let by_id: Vec<_> = items.iter().filter(|(_, a)| a.id == item).collect();
    let lower = item.to_lowercase();
    let chosen = if by_id.is_empty() {
        items
            .iter()
            .filter(|(_, a)| a.text.to_lowercase().starts_with(&lower) && a.done != done)
            .collect()
    } else {
        by_id
    };
    let (m, a) = match chosen.as_slice() {
        [one] => **one,
        [] => bail!(
            "no {} action item of {} is '{item}': `mentorlog action list --with {with} --all` \
             lists them with their ids",
            if done { "open" } else { "done" },
            p.name()
        ),
        many => bail!(
            "'{item}' starts {} action items: give the id (`mentorlog action list --with \
             {with}`)",
            many.len()
        ),
    };
    let (path, id) = (m.path.clone(), a.id.clone());
    let o = ctx
        .journal
        .set_action_done(&pid, &path, &id, done)
        .map_err(op)?;
    writeln!(out, "{}", o.label)?;
    report_outcome(&o, out)
}
