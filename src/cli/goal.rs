//! `goal add` and `goal list`: the action plan.

use std::io::Write;

use anyhow::bail;

use super::args::{GoalAddArgs, GoalCmd};
use super::{Context, op, report_outcome};
use crate::journal::Save;
use crate::model::{Goal, SCHEMA_VERSION, goal_is_overdue, new_id};

pub fn run(ctx: &mut Context, cmd: &GoalCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        GoalCmd::Add(a) => add(ctx, a, out),
        GoalCmd::List { with, json } => list(ctx, with, *json, out),
        GoalCmd::Comment { with, id, text } => {
            let pid = ctx.partner_id(with)?;
            let o = ctx
                .journal
                .comment_goal(&pid, id, &text.join(" "))
                .map_err(op)?;
            writeln!(out, "{}", o.label)?;
            report_outcome(&o, out)
        }
    }
}

fn add(ctx: &mut Context, a: &GoalAddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    let (pid, name) = (p.id().to_string(), p.name().to_string());
    if a.objective.trim().is_empty() {
        bail!(
            "give the objective, e.g. `mentorlog goal add --with sam \"Use open questions in plenaries\"`"
        );
    }
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let g = Goal {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: new_id(),
        created: ctx.today(),
        learning_goal: text(&a.learning_goal),
        objective: a.objective.trim().to_string(),
        mentee_actions: text(&a.mentee_actions),
        mentor_actions: text(&a.mentor_actions),
        support_actions: text(&a.support_actions),
        barriers: text(&a.barriers),
        success_measures: text(&a.success_measures),
        target: a.target.as_deref().map(|d| ctx.date(d)).transpose()?,
        status: a.status,
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: Vec::new(),
    };
    let said = format!(
        "Added goal {} for {name}: {}{}",
        g.id,
        g.objective,
        g.target
            .map(|t| format!(" (target {t})"))
            .unwrap_or_default()
    );
    let o = ctx.journal.save_goal(&pid, Save::new(g)).map_err(op)?;
    writeln!(out, "{said}")?;
    writeln!(out, "  {}", o.record.clone().unwrap_or_default().display())?;
    report_outcome(&o, out)?;
    Ok(())
}

fn list(ctx: &Context, with: &str, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(with)?;
    let goals = p.goals();
    let today = ctx.today();
    if json {
        let rows: Vec<serde_json::Value> = goals
            .iter()
            .map(|g| {
                let mut v = serde_json::to_value(&g.value).unwrap_or_default();
                v["status"] = g.value.status.label().into();
                v["overdue"] = goal_is_overdue(&g.value, today).into();
                v
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "goals": rows }))?
        )?;
        return Ok(());
    }
    if goals.is_empty() {
        writeln!(
            out,
            "No goals yet for {}. Add one: mentorlog goal add --with {} \"OBJECTIVE\" --target +4w",
            p.name(),
            p.id()
        )?;
        return Ok(());
    }
    writeln!(out, "Action plan with {}", p.name())?;
    for g in &goals {
        let v = &g.value;
        let flag = if goal_is_overdue(v, today) {
            "  OVERDUE"
        } else {
            ""
        };
        writeln!(
            out,
            "\n[{}] {}  ({}{}){flag}",
            v.id,
            v.objective,
            v.status,
            v.target
                .map(|t| format!(", target {t}"))
                .unwrap_or_default()
        )?;
        for (label, text) in [
            ("Learning goal", &v.learning_goal),
            ("Mentee's actions", &v.mentee_actions),
            ("Mentor's actions", &v.mentor_actions),
            ("Support network's actions", &v.support_actions),
            ("Potential barriers", &v.barriers),
            ("Success measures", &v.success_measures),
        ] {
            if !text.is_empty() {
                writeln!(out, "  {label}: {text}")?;
            }
        }
        for r in &v.reviews {
            writeln!(out, "  Review {}: {}", r.date, r.note)?;
        }
        for (line, changed) in p.agreed_lines(&v.agreed, &v.fingerprint()) {
            let since = if changed {
                " (changed since agreed)"
            } else {
                ""
            };
            writeln!(out, "  {line}{since}")?;
        }
        for c in &v.comments {
            writeln!(
                out,
                "  Comment by {} on {}: {}",
                p.person_name(&c.by),
                c.date,
                c.text
            )?;
        }
    }
    Ok(())
}
