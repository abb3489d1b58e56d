//! `agree` and `prepare`: what a mentee (or the mentor) writes of their own: their agreement
//! to the mentoring agreement or a goal, and the pre-meeting thought document.

use std::io::Write;

use anyhow::bail;

use super::args::{AgreeArgs, AgreeWhat, PrepareArgs};
use super::{Context, op, report_outcome};
use crate::journal::Agreeable;
use crate::model::{Answer, Thoughts};

pub fn agree(ctx: &mut Context, a: &AgreeArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let pid = ctx.partner_id(&a.with)?;
    let what = match (a.what, &a.id) {
        (AgreeWhat::Agreement, None) => Agreeable::Agreement,
        (AgreeWhat::Agreement, Some(_)) => {
            bail!("`agree agreement` takes no id: the partnership has one agreement")
        }
        (AgreeWhat::Goal, Some(id)) => Agreeable::Goal(id.clone()),
        (AgreeWhat::Goal, None) => bail!(
            "say which goal: `mentorlog agree --with {pid} goal ID` (`mentorlog goal list --with {pid}` shows the ids)"
        ),
    };
    let o = ctx.journal.agree(&pid, &what).map_err(op)?;
    writeln!(out, "{}", o.label)?;
    report_outcome(&o, out)
}

/// The questions of the thought document, verbatim from the bank.
fn questions() -> anyhow::Result<(String, Vec<String>)> {
    let banks = crate::framework::prompts::bundled_prompts();
    let Some(b) = banks.bank("pre-meeting") else {
        bail!("the pre-meeting questions are missing from this build");
    };
    Ok((b.title.clone(), b.prompts.clone()))
}

pub fn prepare(ctx: &mut Context, a: &PrepareArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let pid = ctx.partner_id(&a.with)?;
    let (title, qs) = questions()?;
    let pending = ctx.journal.pending_thoughts(&pid);
    let answer_of = |t: &Option<Thoughts>, q: &str| {
        t.as_ref()
            .and_then(|t| t.answers.iter().find(|x| x.question == q))
            .map(|x| x.answer.clone())
            .unwrap_or_default()
    };
    if a.answers.is_empty() && a.meeting.is_none() {
        writeln!(out, "{title}")?;
        writeln!(out, "Questions to consider:")?;
        for (n, q) in qs.iter().enumerate() {
            writeln!(out, "\n{}. {q}", n + 1)?;
            let ans = answer_of(&pending, q);
            if !ans.is_empty() {
                for l in ans.lines() {
                    writeln!(out, "   {l}")?;
                }
            }
        }
        writeln!(
            out,
            "\nAnswer with: mentorlog prepare --with {pid} --answer \"1=...\" --answer \"6=...\" [--for DATE]"
        )?;
        return Ok(());
    }
    let mut answers: Vec<Answer> = qs
        .iter()
        .map(|q| Answer {
            question: q.clone(),
            answer: answer_of(&pending, q),
        })
        .collect();
    for given in &a.answers {
        let Some((n, text)) = given.split_once('=') else {
            bail!(
                "'{given}' is not N=TEXT: e.g. --answer \"1=To plan lessons with more confidence\""
            );
        };
        let n: usize = match n.trim().parse() {
            Ok(n) if (1..=qs.len()).contains(&n) => n,
            _ => bail!(
                "'{}' is not a question's number: they are 1 to {} (`mentorlog prepare --with {pid}` lists them)",
                n.trim(),
                qs.len()
            ),
        };
        answers[n - 1].answer = text.trim().to_string();
    }
    let meeting = match &a.meeting {
        Some(d) => Some(ctx.date(d)?),
        None => pending.as_ref().and_then(|t| t.meeting),
    };
    let n = answers
        .iter()
        .filter(|a| !a.answer.trim().is_empty())
        .count();
    let t = Thoughts {
        id: pending.map(|t| t.id).unwrap_or_default(),
        by: String::new(),
        written: ctx.today(),
        meeting,
        answers,
    };
    let o = ctx.journal.save_thoughts(&pid, t).map_err(op)?;
    writeln!(
        out,
        "{} saved ({n} of {} questions answered), for the next meeting{}",
        o.label,
        qs.len(),
        meeting.map(|d| format!(" ({d})")).unwrap_or_default()
    )?;
    report_outcome(&o, out)
}
