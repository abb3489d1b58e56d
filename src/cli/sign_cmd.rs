//! `sign` and `verify`: sign-offs signed with an SSH key, and checking them, with mentorlog
//! or with `ssh-keygen -Y verify` alone.

use std::io::Write;

use anyhow::{Context as _, bail};

use super::args::{SignArgs, SignWhat, VerifyArgs};
use super::{Context, op, report_outcome};
use crate::journal::sign::SigState;
use crate::model::Signed;
use crate::model::signature::NAMESPACE;

fn what(a: &SignArgs) -> anyhow::Result<Signed> {
    Ok(match (a.what, &a.stage) {
        (SignWhat::Agreement, None) => Signed::Agreement,
        (SignWhat::Evaluation, None) => Signed::Evaluation,
        (SignWhat::Stage, Some(s)) => {
            let Some((framework, stage)) = s.split_once('/') else {
                bail!("give the stage as FRAMEWORK/STAGE, e.g. ljmu/developing");
            };
            Signed::Stage {
                framework: framework.into(),
                stage: stage.into(),
            }
        }
        (SignWhat::Stage, None) => {
            bail!("say which stage: `sign --with P stage FRAMEWORK/STAGE`, e.g. ljmu/developing")
        }
        (_, Some(_)) => bail!("only `stage` takes a FRAMEWORK/STAGE"),
    })
}

pub fn sign(ctx: &mut Context, a: &SignArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let pid = ctx.partner_id(&a.with)?;
    let what = what(a)?;
    let today = ctx.journal.today();
    let date = match &a.date {
        Some(d) => crate::model::parse_date(d, today)?,
        None => today,
    };
    let person = match &a.by {
        Some(q) => ctx.journal.find_person(q).map_err(op)?,
        None => {
            let me = ctx.journal.actor();
            ctx.journal.find_person(&me).map_err(op)?
        }
    };
    let bytes = ctx
        .journal
        .bytes_to_sign(&pid, &what, &person.id, date)
        .map_err(op)?;
    if a.bytes {
        out.write_all(&bytes)?;
        return Ok(());
    }
    let armored = match &a.signature {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("reading the signature {}", file.display()))?,
        None => {
            if a.by.is_some() && person.id != ctx.journal.actor() {
                bail!(
                    "{} signs with their own key: they run `mentorlog sign ... --bytes` on this \
                     journal's text, sign it with `ssh-keygen -Y sign -n {NAMESPACE}`, and the \
                     .sig is kept with --signature FILE --by {}",
                    person.name,
                    person.id
                );
            }
            let key = crate::signing::find_key(a.key.as_deref(), &person.keys)
                .map_err(|e| anyhow::anyhow!(e))?;
            crate::signing::ssh_sign(&bytes, &key).map_err(|e| anyhow::anyhow!(e))?
        }
    };
    let o = ctx
        .journal
        .add_signature(&pid, &what, &person.id, date, &armored)
        .map_err(op)?;
    writeln!(out, "{}", o.label)?;
    report_outcome(&o, out)
}

pub fn verify(ctx: &Context, a: &VerifyArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(with) = &a.with else {
        bail!("say which partnership: `verify --with PARTNER`");
    };
    let pid = ctx.partner_id(with)?;
    let checks = ctx.journal.check_signatures(&pid);
    if checks.is_empty() {
        writeln!(
            out,
            "Nothing of {pid} is signed yet: `mentorlog sign --with {pid} agreement` signs the agreement"
        )?;
        return Ok(());
    }
    for c in &checks {
        writeln!(out, "{}", c.line())?;
    }
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir).with_context(|| format!("making {}", dir.display()))?;
        let mut allowed = String::new();
        for (i, c) in checks.iter().enumerate() {
            let s = &c.signature;
            let stem = format!("{}-{}", i + 1, s.id.replace([':', '/', ' '], "-"));
            let bytes = ctx
                .journal
                .bytes_to_sign(&pid, &s.what, &s.by, s.date)
                .map_err(op)?;
            std::fs::write(dir.join(format!("{stem}.txt")), &bytes)?;
            std::fs::write(dir.join(format!("{stem}.sig")), &s.sig)?;
            allowed.push_str(&format!("{} namespaces=\"{NAMESPACE}\" {}\n", s.by, s.key));
        }
        std::fs::write(dir.join("allowed_signers"), &allowed)?;
        writeln!(
            out,
            "Wrote the signed bytes, the signatures and allowed_signers to {}. Check one with:\n  \
             ssh-keygen -Y verify -f allowed_signers -I SIGNER -n {NAMESPACE} -s N-....sig < N-....txt",
            dir.display()
        )?;
    }
    if let Some(bad) = checks.iter().find(|c| c.state != SigState::Valid) {
        bail!("not every signature holds: {}", bad.line());
    }
    Ok(())
}

/// `verify FILE`: a badge's proof, or the sign-offs inside an exported partnership, checked
/// offline (no journal, no network).
pub fn verify_file(file: &std::path::Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    if let Ok((pid, checks)) = crate::export::check_exported_signatures(&text) {
        return verify_export(file, &pid, &checks, out);
    }
    match crate::export::verify_badge(&text) {
        Ok(c) => {
            writeln!(
                out,
                "✓ {}: the badge's proof holds (eddsa-rdfc-2022)",
                file.display()
            )?;
            for (k, v) in [
                ("achievement", c.achievement),
                ("issued by", format!("{} ({})", c.issuer_name, c.issuer_id)),
                ("to", c.recipient),
                ("valid from", c.valid_from),
                ("evidence", format!("{} narratives", c.evidence)),
            ] {
                writeln!(out, "  {k:<12} {}", v)?;
            }
            Ok(())
        }
        Err(why) => bail!(
            "✗ {}: not a badge that holds, nor a partnership exported with `export json`: {}",
            file.display(),
            why
        ),
    }
}

/// The sign-offs of an exported partnership: each line, with the key that made it.
fn verify_export(
    file: &std::path::Path,
    pid: &str,
    checks: &[crate::journal::sign::SigCheck],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if checks.is_empty() {
        writeln!(
            out,
            "{}: nothing of {pid} was signed when it was exported",
            file.display()
        )?;
        return Ok(());
    }
    writeln!(out, "{}: the sign-offs of {pid}", file.display())?;
    for c in checks {
        writeln!(out, "{} (key {})", c.line(), c.fingerprint())?;
    }
    writeln!(
        out,
        "Each is checked over the exported record with the key it names: compare the key's \
         fingerprint with the signer's own (`ssh-keygen -lf KEY.pub`)."
    )?;
    if let Some(bad) = checks.iter().find(|c| c.state != SigState::Valid) {
        bail!("not every signature holds: {}", bad.line());
    }
    Ok(())
}
