//! `member add`, `member list`, `member remove`: the people in the journal.

use std::io::Write;

use anyhow::{Context as _, bail};

use super::args::MemberCmd;
use super::context::interactive;
use super::{Context, op, report_outcome};

pub fn run(ctx: &mut Context, cmd: &MemberCmd, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        MemberCmd::Add {
            name,
            role,
            partnerships,
            keys,
        } => {
            let mut lines = Vec::new();
            for file in keys {
                lines.extend(read_key_file(file)?);
            }
            let o = ctx
                .journal
                .add_member(name, *role, partnerships, &lines)
                .map_err(op)?;
            writeln!(out, "Added {}", o.label.trim_start_matches("Member "))?;
            report_outcome(&o, out)
        }
        MemberCmd::List { json } => list(ctx, *json, out),
        MemberCmd::Key { member, keys } => {
            let mut lines = Vec::new();
            for file in keys {
                lines.extend(read_key_file(file)?);
            }
            let o = ctx.journal.add_keys(member, &lines).map_err(op)?;
            writeln!(out, "{}", o.label)?;
            report_outcome(&o, out)
        }
        MemberCmd::Remove { member, yes } => {
            let p = ctx.journal.find_person(member).map_err(op)?;
            if !*yes && !p.owner {
                if !interactive() {
                    bail!(
                        "removing {} needs a yes: run `mentorlog member remove {} --yes`",
                        p.name,
                        p.id
                    );
                }
                write!(
                    out,
                    "Remove {} ({}) from the journal? What they wrote stays. [y/N] ",
                    p.name, p.role
                )?;
                out.flush()?;
                let mut answer = String::new();
                std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
                if !matches!(answer.trim(), "y" | "Y" | "yes") {
                    writeln!(out, "Nobody was removed.")?;
                    return Ok(());
                }
            }
            let o = ctx.journal.remove_member(&p.id).map_err(op)?;
            writeln!(out, "{}. What they wrote stays, still theirs.", o.label)?;
            report_outcome(&o, out)
        }
    }
}

fn list(ctx: &Context, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let people = ctx.journal.people();
    if json {
        let v: Vec<serde_json::Value> = people
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id,
                    "name": p.name,
                    "role": p.role.label(),
                    "owner": p.owner,
                    "partnerships": p.partnerships,
                    "keys": p.keys.len(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "members": v }))?
        )?;
        return Ok(());
    }
    for p in &people {
        let with = if p.partnerships.is_empty() {
            String::new()
        } else {
            format!(" · in {}", p.partnerships.join(", "))
        };
        let keys = match p.keys.len() {
            0 => " · no key yet".to_string(),
            1 => " · 1 key".to_string(),
            n => format!(" · {n} keys"),
        };
        writeln!(
            out,
            "{}  {} ({}{}){with}{keys}",
            p.id,
            p.name,
            p.role,
            if p.owner { ", keeps this journal" } else { "" }
        )?;
    }
    if people.len() == 1 {
        writeln!(
            out,
            "Add the person you mentor: `mentorlog member add \"Sam Lee\" --role mentee \
             --partnership sam --key sam.pub`"
        )?;
    }
    Ok(())
}

/// The public keys in a `.pub` file (or an `authorized_keys` file): one per line.
fn read_key_file(file: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading the key {} (give the .pub file)", file.display()))?;
    if text.contains("PRIVATE KEY") {
        bail!(
            "{} is a private key: give the .pub file beside it, and keep the private one to \
             yourself",
            file.display()
        );
    }
    let found: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    if found.is_empty() {
        bail!("{} holds no public key", file.display());
    }
    Ok(found)
}
