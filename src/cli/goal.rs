//! `goal add` and `goal list`: the action plan.

use std::io::Write;

use anyhow::bail;

use super::Context;
use super::args::{GoalAddArgs, GoalCmd};
use crate::model::{Goal, SCHEMA_VERSION, goal_is_overdue, new_id};

pub fn run(ctx: &Context, cmd: &GoalCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        GoalCmd::Add(a) => add(ctx, a, out),
        GoalCmd::List { with, json } => list(ctx, with, *json, out),
    }
}

fn add(ctx: &Context, a: &GoalAddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(&a.with)?;
    if a.objective.trim().is_empty() {
        bail!(
            "give the objective, e.g. `mentorlog goal add --with sam \"Use open questions in plenaries\"`"
        );
    }
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let g = Goal {
        version: SCHEMA_VERSION,
        id: new_id(),
        created: ctx.today,
        learning_goal: text(&a.learning_goal),
        objective: a.objective.trim().to_string(),
        mentee_actions: text(&a.mentee_actions),
        mentor_actions: text(&a.mentor_actions),
        support_actions: text(&a.support_actions),
        barriers: text(&a.barriers),
        success_measures: text(&a.success_measures),
        target: a.target.as_deref().map(|d| ctx.date(d)).transpose()?,
        status: a.status,
        reviews: Vec::new(),
    };
    ctx.ensure_journal()?;
    let saved = ctx.store.create_goal(p, &g)?;
    super::tick::warn(&saved);
    writeln!(
        out,
        "Added goal {} for {}: {}{}",
        g.id,
        p.partnership.value.name,
        g.objective,
        g.target
            .map(|t| format!(" (target {t})"))
            .unwrap_or_default()
    )?;
    writeln!(out, "  {}", saved.path.display())?;
    Ok(())
}

fn list(ctx: &Context, with: &str, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ctx.partner(with)?;
    if json {
        let rows: Vec<serde_json::Value> = p
            .goals
            .iter()
            .map(|g| {
                let mut v = serde_json::to_value(&g.value).unwrap_or_default();
                v["status"] = g.value.status.label().into();
                v["overdue"] = goal_is_overdue(&g.value, ctx.today).into();
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
    if p.goals.is_empty() {
        writeln!(
            out,
            "No goals yet for {}. Add one: mentorlog goal add --with {} \"OBJECTIVE\" --target +4w",
            p.partnership.value.name,
            p.id()
        )?;
        return Ok(());
    }
    writeln!(out, "Action plan with {}", p.partnership.value.name)?;
    for g in &p.goals {
        let v = &g.value;
        let flag = if goal_is_overdue(v, ctx.today) {
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
    }
    Ok(())
}
