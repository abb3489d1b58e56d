//! `status`: the journal at a glance, for people and (with `--json`) for scripts.

use std::io::Write;

use serde_json::json;

use super::Context;
use super::args::StatusArgs;
use crate::framework::SectionProgress;
use crate::journal::Partner;
use crate::journal::summary::Summary;
use crate::model::{Cadence, MeetingGaps, Partnership};

/// The summaries to show, and the partnership `--with` names (shown in detail).
pub fn run(ctx: &Context, a: &StatusArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let r = ctx.reader();
    let (summaries, detail) = match &a.with {
        Some(q) => {
            let p = ctx.partner(q)?;
            (vec![Summary::of(&p, ctx.today())], Some(p))
        }
        None => (ctx.summaries(), None),
    };
    if a.json {
        return json_out(ctx, &summaries, out);
    }
    writeln!(out, "Data directory: {}", r.root().display())?;
    if let Some(pr) = r.profile() {
        writeln!(
            out,
            "Journal of {} ({})",
            if pr.name.is_empty() {
                "(no name)"
            } else {
                &pr.name
            },
            pr.role
        )?;
    }
    if summaries.is_empty() {
        writeln!(
            out,
            "\nNo partnerships yet. Add one: mentorlog partner add \"Sam Lee\""
        )?;
    }
    for s in &summaries {
        text_out(ctx, s, detail, out)?;
    }
    Ok(())
}

fn text_out(
    ctx: &Context,
    s: &Summary,
    detail: Option<Partner>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let v = &s.partnership;
    writeln!(
        out,
        "\n{} ({}): {}, {}, since {}{}",
        v.name,
        v.id,
        v.kind,
        v.status,
        v.start,
        v.end.map(|e| format!(", ended {e}")).unwrap_or_default()
    )?;
    // Sign-offs, and any that no longer hold ("changed since signed by ...").
    for line in &s.signatures {
        writeln!(out, "  {line}")?;
    }
    let g = &s.report.gaps;
    match g.last {
        Some(last) => writeln!(
            out,
            "  Meetings: {}, last {} ({}){}",
            g.meetings,
            last,
            crate::model::days_ago(g.days_since_last),
            cadence_note(g, v, s.ended)
        )?,
        None => writeln!(
            out,
            "  Meetings: none yet ({} days since the start){}",
            g.days_since_last,
            cadence_note(g, v, s.ended)
        )?,
    }
    let w = &s.report.work;
    writeln!(
        out,
        "  Goals: {} open, {} overdue. Action items: {} open, {} overdue",
        w.open_goals, w.overdue_goals, w.open_actions, w.overdue_actions
    )?;
    for fp in &s.report.progress {
        let total = fp.progress;
        writeln!(
            out,
            "  {} ({}): {}/{} achieved ({}%)",
            fp.title,
            fp.framework,
            total.achieved,
            total.total,
            total.percent()
        )?;
        if detail.is_some() {
            for sec in &fp.sections {
                write_sections(sec, 2, out)?;
            }
        }
    }
    for r in &s.report.readiness {
        writeln!(
            out,
            "  Recognition, {}: {} ({})",
            r.title.trim_end_matches(':'),
            if r.ready { "READY" } else { "not yet" },
            r.count_phrase()
        )?;
        if detail.is_some() {
            for rule in &r.rules {
                writeln!(
                    out,
                    "    [{}] {} ({})",
                    rule.mark(),
                    rule.rule,
                    rule.label()
                )?;
                if let Some(src) = &rule.source {
                    writeln!(out, "        source: \u{201c}{src}\u{201d}")?;
                }
                for m in rule.missing.iter().take(20) {
                    writeln!(out, "        {}: {m}", rule.missing_word())?;
                }
            }
        }
    }
    for l in &s.report.levels {
        writeln!(out, "  {} levels reached:", l.title)?;
        for lv in &l.levels {
            writeln!(
                out,
                "    {}: {}",
                lv.text.lines().next().unwrap_or(""),
                lv.level.as_deref().unwrap_or("not yet assessed")
            )?;
        }
    }
    let Some(p) = detail else {
        return Ok(());
    };
    let meetings = p.meetings();
    if !meetings.is_empty() {
        writeln!(out, "  Recent meetings:")?;
        for m in meetings.iter().take(10) {
            let m = &m.value;
            let open = m.action_items.iter().filter(|a| !a.done).count();
            // A mode or type the source never recorded (a jrnl entry) is not shown.
            let how: Vec<&str> = [
                m.mode.recorded().then(|| m.mode.label()),
                m.kind.recorded().then(|| m.kind.label()),
            ]
            .into_iter()
            .flatten()
            .collect();
            writeln!(
                out,
                "    {} [{}] {}{}{}{}",
                m.date,
                m.id,
                if how.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", how.join(", "))
                },
                if m.focus.is_empty() {
                    "(no focus)"
                } else {
                    &m.focus
                },
                if open > 0 {
                    format!(" ({open} open action items)")
                } else {
                    String::new()
                },
                if m.private { " (private)" } else { "" }
            )?;
            if !m.notes.is_empty() && !m.private {
                writeln!(out, "      {}", m.notes.lines().next().unwrap_or(""))?;
            }
        }
    }
    let mut any = false;
    for sheet in p.tick_sheets() {
        let fw = ctx.reader().frameworks().get(&sheet.value.framework);
        for (item, t) in &sheet.value.ticks {
            if !any {
                writeln!(out, "  Ticks:")?;
                any = true;
            }
            let text = fw
                .and_then(|f| f.item(item))
                .map_or("", |i| i.text.lines().next().unwrap_or(""));
            writeln!(
                out,
                "    {}/{item} ({}){}: {text}",
                sheet.value.framework,
                t.date,
                t.level
                    .as_ref()
                    .map(|l| format!(" level {l}"))
                    .unwrap_or_default()
            )?;
            for line in p.evidence(&t.evidence) {
                match line {
                    crate::journal::EvidenceLine::Meeting { id, date, focus } => {
                        let focus = if date.is_none() {
                            "(meeting not found)".to_string()
                        } else {
                            focus
                        };
                        writeln!(out, "      evidence: meeting {id} {focus}")?
                    }
                    crate::journal::EvidenceLine::Note(n) => writeln!(out, "      evidence: {n}")?,
                    crate::journal::EvidenceLine::File(f) => {
                        writeln!(out, "      evidence: file {f}")?
                    }
                }
            }
        }
    }
    Ok(())
}

fn cadence_note(g: &MeetingGaps, v: &Partnership, ended: bool) -> String {
    let due = next_due(g, v).map_or_else(String::new, |d| d.to_string());
    match v.cadence() {
        _ if ended => "; ended: no meetings due".into(),
        Cadence::Days(0) => String::new(),
        Cadence::Days(n) if g.overdue => {
            format!("; OVERDUE: the target is a meeting every {n} days")
        }
        Cadence::Days(n) => format!("; target every {n} days: on track"),
        Cadence::Lsis if g.overdue => format!(
            "; OVERDUE: a meeting was due by {due}, by the LSIS rhythm ({})",
            crate::model::LSIS_RHYTHM
        ),
        Cadence::Lsis => format!(
            "; next meeting by {due}, by the LSIS rhythm ({}): on track",
            crate::model::LSIS_RHYTHM
        ),
    }
}

/// The last day the next meeting is on time, by the partnership's cadence.
fn next_due(g: &MeetingGaps, v: &Partnership) -> Option<chrono::NaiveDate> {
    v.cadence().due_after(g.last.unwrap_or(v.start), v.start)
}

fn write_sections(s: &SectionProgress, depth: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:indent$}{}: {}/{}",
        "",
        s.title.trim_end_matches(':'),
        s.progress.achieved,
        s.progress.total,
        indent = depth * 2
    )?;
    for c in &s.sections {
        write_sections(c, depth + 1, out)?;
    }
    Ok(())
}

fn json_out(ctx: &Context, summaries: &[Summary], out: &mut dyn Write) -> anyhow::Result<()> {
    let rows: Vec<_> = summaries
        .iter()
        .map(|s| {
            let v = &s.partnership;
            let r = &s.report;
            json!({
                "id": v.id,
                "name": v.name,
                "meetings": r.gaps.meetings,
                "last_meeting": r.gaps.last,
                "days_since_last_meeting": r.gaps.days_since_last,
                "cadence_days": v.cadence_days,
                "rhythm": v.rhythm.label(),
                "next_meeting_due": (!s.ended).then(|| next_due(&r.gaps, v)).flatten(),
                "cadence_overdue": r.gaps.overdue,
                "goals": { "open": r.work.open_goals, "overdue": r.work.overdue_goals },
                "action_items": { "open": r.work.open_actions, "overdue": r.work.overdue_actions },
                "progress": r.progress.iter().map(|fp| json!({
                    "framework": fp.framework, "achieved": fp.progress.achieved, "total": fp.progress.total,
                })).collect::<Vec<_>>(),
                "readiness": r.readiness,
                "levels": r.levels.iter().map(|l| json!({
                    "framework": l.framework,
                    "levels": l.levels.iter().map(|x| json!({"item": x.item, "level": x.level})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "data_dir": ctx.journal.root(),
        "partnerships": rows,
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    Ok(())
}

/// `mentorlog` with no command: a welcome on a new journal, the status otherwise.
pub fn welcome_or_status(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    if ctx.reader().is_empty() {
        writeln!(
            out,
            "Welcome to mentorlog, a journal for mentoring and coaching.\n\n\
             Your journal lives in {} (private to you).\n\n\
             Start your first partnership:   mentorlog partner add \"Sam Lee\"\n\
             Or explore a demo journal:       mentorlog --data-dir /tmp/mentorlog-demo demo\n\
             Every command:                   mentorlog --help",
            ctx.journal.root().display()
        )?;
        return Ok(());
    }
    run(
        ctx,
        &StatusArgs {
            with: None,
            json: false,
        },
        out,
    )
}
