//! `log`: a meeting in one shell line, notes from the arguments, stdin or $EDITOR.

use std::io::{Read, Write};

use anyhow::Context as _;
use chrono::NaiveTime;

use super::args::LogArgs;
use super::context::interactive;
use super::{Context, op, report_outcome};
use crate::journal::Save;
use crate::model::{ActionItem, Meeting, new_id};

pub fn run(ctx: &mut Context, a: &LogArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    let (pid, name, first) = (
        p.id().to_string(),
        p.name().to_string(),
        p.meetings().is_empty(),
    );
    let date = ctx.date_or_today(a.date.as_deref())?;
    let time = a
        .time
        .as_deref()
        .map(|t| {
            NaiveTime::parse_from_str(t, "%H:%M")
                .with_context(|| format!("could not read '{t}' as a time: use HH:MM, e.g. 15:30"))
        })
        .transpose()?;
    let due = a.due.as_deref().map(|d| ctx.date(d)).transpose()?;
    let notes = notes(a, first, ctx.journal.root())?;
    let mut m = Meeting::new(new_id(), date);
    m.time = time;
    m.duration_minutes = a.duration;
    m.mode = a.mode;
    m.kind = a.kind;
    m.focus = a.focus.clone().unwrap_or_default();
    m.notes = notes;
    m.private = a.private;
    m.action_items = a
        .actions
        .iter()
        .map(|t| ActionItem {
            id: new_id(),
            text: t.clone(),
            owner: a.action_owner,
            due,
            done: false,
        })
        .collect();
    let (date, id, focus) = (m.date, m.id.clone(), m.focus.clone());
    let o = ctx.journal.save_meeting(&pid, Save::new(m)).map_err(op)?;
    writeln!(
        out,
        "Logged meeting {} with {} (id {}){}",
        date,
        name,
        id,
        if focus.is_empty() {
            String::new()
        } else {
            format!(": {focus}")
        }
    )?;
    writeln!(out, "  {}", o.record.clone().unwrap_or_default().display())?;
    report_outcome(&o, out)?;
    Ok(())
}

fn notes(a: &LogArgs, first: bool, root: &std::path::Path) -> anyhow::Result<String> {
    if a.notes.len() == 1 && a.notes[0] == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading the notes from stdin")?;
        return Ok(s.trim_end().to_string());
    }
    if !a.notes.is_empty() {
        return Ok(a.notes.join(" "));
    }
    if interactive() {
        return edit_notes(a.focus.as_deref().unwrap_or(""), first, root);
    }
    Ok(String::new())
}

/// Open $VISUAL or $EDITOR on a private temporary file; lines starting with `#` are dropped.
fn edit_notes(focus: &str, first: bool, root: &std::path::Path) -> anyhow::Result<String> {
    let mut template = format!(
        "\n# Meeting notes{}. Lines starting with # are ignored.\n\
         # Save and quit to log the meeting; leave it empty to log it without notes.\n",
        if focus.is_empty() {
            String::new()
        } else {
            format!(" ({focus})")
        }
    );
    if first
        && let Some(agenda) =
            crate::framework::prompts::bundled_prompts().agenda("first-conversation")
    {
        // The first meeting is offered the first-conversation questions as its agenda.
        template.push_str("#\n# This is the partnership's first meeting.\n");
        for line in agenda.lines() {
            template.push_str(&format!("# {line}\n"));
        }
    }
    let text = crate::editor::edit(&template, root)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was logged"))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string())
}
