//! The portfolio as Markdown (CommonMark with GitHub tables): the Learning Journal of one
//! partnership. Text from the journal is escaped so that it reads as written and never turns
//! into markup or raw HTML, and loses its control characters (see [`clean`]). The mentoring
//! agreement and each stage's verification end with lines to sign, as the HTML has them.

use std::fmt::Write;

use super::{
    EvidenceLine, Export, SectionView, Signatory, TickView, cadence_phrase, capitalise, clean,
    first_line, has_ticks, is_stray_control, item_one_line, kind_phrase, pathway_phrase,
};
use crate::model::{Role, Verification};

/// Escape inline Markdown: the characters that start emphasis, code, links or HTML; control
/// characters (but line ends and tabs) are removed first.
pub fn inline(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // "&" only when it could start an entity such as "&copy;".
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        if entity
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A block of text: blank lines separate paragraphs, single line breaks are kept (as hard
/// breaks), and nothing at the start of a line can become a heading or a list.
pub fn block(s: &str) -> String {
    let mut paras = Vec::new();
    for para in clean(s).trim().split("\n\n") {
        let lines: Vec<String> = para
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let esc = inline(l.trim_start());
                // "- ", "+ " or "=" at the start of a line would start a list or a heading,
                // and so would "1. " or "1) ": escape the marker.
                if esc.starts_with(['-', '+', '=']) {
                    return format!("\\{esc}");
                }
                let digits = esc.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 && esc[digits..].starts_with(['.', ')']) {
                    return format!("{}\\{}", &esc[..digits], &esc[digits..]);
                }
                esc
            })
            .collect();
        if !lines.is_empty() {
            paras.push(lines.join("\\\n"));
        }
    }
    paras.join("\n\n")
}

/// A table cell: one line, pipes escaped, line breaks as `<br>`.
pub fn cell(s: &str) -> String {
    let lines: Vec<String> = clean(s)
        .trim()
        .lines()
        .map(|l| inline(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        " ".into()
    } else {
        lines.join("<br>")
    }
}

/// A code span of an id or a file name: a backtick in it becomes a quote.
fn code(s: &str) -> String {
    format!("`{}`", clean(s).replace('`', "'"))
}

/// Lines to sign under a heading of the level given (`"###"`), one paragraph for each
/// signatory: `name_label` (its `{role}` replaced) and the name, or a line to write it on;
/// then the signature and date lines. Underscores between spaces or at a line's end never
/// make emphasis.
fn signatures(o: &mut String, heading: &str, name_label: &str, who: &[Signatory]) {
    let _ = writeln!(o, "{heading} Signatures\n");
    for s in who {
        let label = name_label.replace("{role}", &inline(&s.role));
        let name = s
            .name
            .as_deref()
            .map_or("______________________________".into(), inline);
        let _ = writeln!(
            o,
            "{label} {name}\\\nSignature: ______________________________ Date: ______________\n"
        );
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        inline(s.trim())
    }
}

fn evidence(e: &EvidenceLine) -> String {
    match e {
        EvidenceLine::Meeting { id, date: None, .. } => {
            format!("meeting {} (not in the log)", code(id))
        }
        EvidenceLine::Meeting {
            date: Some(d),
            focus,
            ..
        } if focus.is_empty() => format!("meeting of {d}"),
        EvidenceLine::Meeting {
            date: Some(d),
            focus,
            ..
        } => format!("meeting of {d}, *{}*", inline(focus)),
        EvidenceLine::Note(n) => inline(n),
        EvidenceLine::File(f) => format!("file {}", code(f)),
    }
}

fn verification(v: &Verification) -> String {
    let mut s = format!("verified by {}", inline(&v.name));
    if let Some(r) = v.role.as_deref().filter(|r| !r.is_empty()) {
        let _ = write!(s, " ({})", inline(r));
    }
    let _ = write!(s, " on {}", v.date);
    if !v.comment.trim().is_empty() {
        let _ = write!(s, ": {}", inline(v.comment.trim()));
    }
    s
}

fn list(out: &mut String, title: &str, items: &[String], numbered: bool) {
    let _ = writeln!(out, "### {title}\n");
    if items.is_empty() {
        out.push_str("None recorded.\n\n");
        return;
    }
    for (i, it) in items.iter().enumerate() {
        if numbered {
            let _ = writeln!(out, "{}. {}", i + 1, inline(it));
        } else {
            let _ = writeln!(out, "- {}", inline(it));
        }
    }
    out.push('\n');
}

/// The Learning Journal of one partnership.
pub fn portfolio(x: &Export) -> String {
    let mut o = String::new();
    let p = x.partnership();
    let r = &x.report;
    let meetings = x.meetings();
    let owner_label = capitalise(x.owner_role().label());

    // Cover.
    let _ = writeln!(o, "# {}\n", inline(&x.title()));
    let _ = writeln!(
        o,
        "*A mentoring partnership portfolio, exported by mentorlog on {}.*\n",
        x.today
    );
    if x.review {
        o.push_str("> Private meetings and private reflections are left out of this copy.\n\n");
    }
    let _ = writeln!(o, "| | |\n|---|---|");
    let owner = match x.profile.and_then(|p| p.institution.as_deref()) {
        Some(i) if !i.is_empty() => format!("{} ({})", inline(x.owner_name()), inline(i)),
        _ => inline(x.owner_name()),
    };
    let _ = writeln!(o, "| {owner_label} | {owner} |");
    let partner = match p.institution.as_deref() {
        Some(i) if !i.is_empty() => format!("{} ({})", inline(&p.name), inline(i)),
        _ => inline(&p.name),
    };
    let _ = writeln!(o, "| {} | {partner} |", x.partner_role());
    let _ = writeln!(
        o,
        "| Period | {} to {} |",
        p.start,
        p.end.map_or("the present".to_string(), |d| d.to_string())
    );
    let _ = writeln!(
        o,
        "| Meetings | {}{} |",
        meetings.len(),
        match (meetings.first(), meetings.last()) {
            (Some(a), Some(b)) => format!(", {} to {}", a.date, b.date),
            _ => String::new(),
        }
    );
    for fp in &r.progress {
        let _ = writeln!(
            o,
            "| {} | {}/{} items achieved ({}%) |",
            cell(&fp.title),
            fp.progress.achieved,
            fp.progress.total,
            fp.progress.percent()
        );
    }
    for rd in &r.readiness {
        let _ = writeln!(
            o,
            "| {} | {} ({}) |",
            cell(&x.readiness_title(rd)),
            if rd.ready { "ready" } else { "not yet ready" },
            rd.count_phrase()
        );
    }
    o.push('\n');
    o.push_str(
        "Contents: 1. The partnership · 2. The mentoring agreement · 3. The mentoring log · \
         4. The action plan · 5. Framework progress · 6. Reflections · 7. Stage records · \
         8. Recognition readiness\n\n",
    );

    // 1. The partnership.
    o.push_str("## 1. The partnership\n\n| | |\n|---|---|\n");
    let rows: Vec<(&str, String)> = vec![
        ("Kind", kind_phrase(p.kind).into()),
        ("Pathway", pathway_phrase(p.pathway).into()),
        ("Focus", or_dash(p.focus.as_deref().unwrap_or(""))),
        ("Start", p.start.to_string()),
        ("End", p.end.map_or("—".into(), |d| d.to_string())),
        ("Cadence", cadence_phrase(p.cadence())),
        ("Status", capitalise(p.status.label())),
        (
            "Frameworks",
            if p.frameworks.is_empty() {
                "—".into()
            } else {
                p.frameworks
                    .iter()
                    .map(|f| match x.set.get(f) {
                        Some(fw) => format!("{} ({})", inline(&fw.title), code(f)),
                        None => code(f),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(o, "| {k} | {v} |");
    }
    let g = &r.gaps;
    let _ = writeln!(
        o,
        "\n{} meeting{} logged{}{}.\n",
        g.meetings,
        if g.meetings == 1 { "" } else { "s" },
        g.last
            .map(|l| format!(", the last on {l} ({} days ago)", g.days_since_last))
            .unwrap_or_default(),
        g.longest_gap_days
            .map(|d| format!("; the longest gap between meetings was {d} days"))
            .unwrap_or_default()
    );

    // 2. The agreement and its evaluation.
    o.push_str("## 2. The mentoring agreement\n\n");
    match &p.agreement {
        None => o.push_str("No mentoring agreement has been recorded yet.\n\n"),
        Some(a) => {
            list(&mut o, "Outcomes for the mentee", &a.outcomes, true);
            list(
                &mut o,
                "The mentee's responsibilities",
                &a.mentee_responsibilities,
                false,
            );
            list(
                &mut o,
                "The mentor's responsibilities",
                &a.mentor_responsibilities,
                false,
            );
            list(&mut o, "Ground rules: tone", &a.tone_ground_rules, false);
            list(
                &mut o,
                "Ground rules: logistics",
                &a.logistics_ground_rules,
                false,
            );
            let d = |d: Option<chrono::NaiveDate>| d.map_or("not yet".into(), |d| d.to_string());
            let _ = writeln!(
                o,
                "Agreed by the mentee: {}. Agreed by the mentor: {}.\n",
                d(a.agreed_by_mentee),
                d(a.agreed_by_mentor)
            );
            for (said, changed) in x.p.agreed_lines(&a.agreed, &a.fingerprint()) {
                let since = if changed {
                    " (changed since agreed)"
                } else {
                    ""
                };
                let _ = writeln!(o, "{}{since}.\n", inline(&said));
            }
            // Signed with a key: each sign-off, and whether it still holds.
            for c in x.p.signatures() {
                let _ = writeln!(o, "{}.\n", inline(&c.line()));
            }
            // Words of the ScotELAs agreement ("Name of the Mentor:", "Name of the Mentee:").
            signatures(
                &mut o,
                "###",
                "Name of the {role}:",
                &x.agreement_signatories(),
            );
        }
    }
    if let Some(e) = &p.evaluation {
        let _ = writeln!(o, "### Evaluation of the agreement ({})\n", e.date);
        if !e.answers.is_empty() {
            o.push_str("| Statement | Score (1 not at all to 5 fully) |\n|---|---|\n");
            for a in &e.answers {
                let _ = writeln!(o, "| {} | {} |", cell(&a.statement), a.score);
            }
            o.push('\n');
        }
        if !e.comments.trim().is_empty() {
            let _ = writeln!(o, "{}\n", block(&e.comments));
        }
    }

    // 3. The mentoring log.
    o.push_str("## 3. The mentoring log\n\n");
    if meetings.is_empty() {
        o.push_str("No meetings logged yet.\n\n");
    }
    for m in &meetings {
        let focus = if m.focus.trim().is_empty() {
            "(no focus recorded)".to_string()
        } else {
            inline(m.focus.trim())
        };
        let _ = writeln!(o, "### {}: {focus}\n", m.date);
        // A mode or type the source never recorded (a jrnl entry) is not shown.
        let mut meta: Vec<String> = [
            m.kind.recorded().then(|| m.kind.label()),
            m.mode.recorded().then(|| m.mode.label()),
        ]
        .into_iter()
        .flatten()
        .map(capitalise)
        .collect();
        if let Some(t) = m.time {
            meta.push(t.format("%H:%M").to_string());
        }
        if let Some(d) = m.duration_minutes {
            meta.push(format!("{d} minutes"));
        }
        if m.private {
            meta.push("private".into());
        }
        let _ = writeln!(o, "*{}* · id {}\n", meta.join(" · "), code(&m.id));
        if !m.notes.trim().is_empty() {
            let _ = writeln!(o, "**Notes.** {}\n", block(&m.notes));
        }
        if !m.outcomes.trim().is_empty() {
            let _ = writeln!(o, "**Outcomes.** {}\n", block(&m.outcomes));
        }
        if !m.action_items.is_empty() {
            o.push_str("**Action items.**\n\n");
            for a in &m.action_items {
                let _ = writeln!(
                    o,
                    "- [{}] {} ({}{})",
                    if a.done { "x" } else { " " },
                    inline(&a.text),
                    a.owner,
                    a.due.map(|d| format!(", due {d}")).unwrap_or_default()
                );
            }
            o.push('\n');
        }
        let goals: Vec<String> = m
            .goals
            .iter()
            .map(|id| match x.goals().into_iter().find(|g| &g.id == id) {
                Some(g) => inline(&g.objective),
                None => code(id),
            })
            .collect();
        if !goals.is_empty() {
            let _ = writeln!(o, "Goals discussed: {}.\n", goals.join("; "));
        }
        if !m.evidences.is_empty() {
            let items: Vec<String> = m.evidences.iter().map(|e| code(e)).collect();
            let _ = writeln!(o, "Evidences: {}.\n", items.join(", "));
        }
        for t in x.p.thoughts(Some(m.date)) {
            let _ = writeln!(
                o,
                "**Pre-meeting thoughts of {}** (written {}).\n",
                inline(&x.p.person_name(&t.by)),
                t.written
            );
            for a in t.answers.iter().filter(|a| !a.answer.trim().is_empty()) {
                let _ = writeln!(o, "- *{}* {}", inline(&a.question), inline(a.answer.trim()));
            }
            o.push('\n');
        }
    }

    // 4. The action plan.
    o.push_str("## 4. The action plan\n\n");
    let goals = x.goals();
    if goals.is_empty() {
        o.push_str("No goals set yet.\n\n");
    } else {
        o.push_str(
            "| Objective | Mentee's actions | Mentor's actions | Support network's actions | \
             Potential barriers | Success measures | Target completion date | Status | Review notes |\n\
             |---|---|---|---|---|---|---|---|---|\n",
        );
        for g in &goals {
            let mut objective = cell(&g.objective);
            if !g.learning_goal.trim().is_empty() {
                objective = format!("{objective}<br>(learning goal: {})", cell(&g.learning_goal));
            }
            let overdue = g.status.is_open() && g.target.is_some_and(|t| t < x.today);
            let mut reviews: Vec<String> = g
                .reviews
                .iter()
                .map(|r| format!("{}: {}", r.date, cell(&r.note)))
                .collect();
            for (said, changed) in x.p.agreed_lines(&g.agreed, &g.fingerprint()) {
                let since = if changed {
                    " (changed since agreed)"
                } else {
                    ""
                };
                reviews.push(format!("{}{since}", cell(&said)));
            }
            for c in &g.comments {
                reviews.push(format!(
                    "Comment by {}, {}: {}",
                    cell(&x.p.person_name(&c.by)),
                    c.date,
                    cell(&c.text)
                ));
            }
            let _ = writeln!(
                o,
                "| {objective} | {} | {} | {} | {} | {} | {}{} | {} | {} |",
                cell(&g.mentee_actions),
                cell(&g.mentor_actions),
                cell(&g.support_actions),
                cell(&g.barriers),
                cell(&g.success_measures),
                g.target.map_or("—".into(), |d| d.to_string()),
                if overdue { " (overdue)" } else { "" },
                capitalise(g.status.label()),
                if reviews.is_empty() {
                    " ".into()
                } else {
                    reviews.join("<br>")
                }
            );
        }
        o.push('\n');
    }

    // 5. Framework progress.
    o.push_str("## 5. Framework progress\n\n");
    let fws = x.frameworks();
    if fws.is_empty() {
        o.push_str("No framework in use yet.\n\n");
    }
    for fv in &fws {
        let _ = writeln!(
            o,
            "### {}\n\n{} of {} items achieved ({}%).\n\n| Section | Achieved |\n|---|---|",
            inline(&fv.framework.title),
            fv.progress.achieved,
            fv.progress.total,
            fv.progress.percent()
        );
        for s in &fv.sections {
            summary(&mut o, s);
        }
        o.push('\n');
        for s in &fv.sections {
            section(&mut o, s, &mut Vec::new());
        }
    }
    for l in &r.levels {
        let _ = writeln!(o, "### Levels reached: {}\n", inline(&l.title));
        o.push_str("| Item | Level |\n|---|---|\n");
        for lv in &l.levels {
            let _ = writeln!(
                o,
                "| {} | {} |",
                cell(first_line(&lv.text)),
                lv.level.as_deref().map_or("not yet assessed".into(), cell)
            );
        }
        o.push('\n');
    }
    let orphans = x.orphan_ticks();
    if !orphans.is_empty() {
        o.push_str("### Ticks in frameworks not loaded\n\n");
        for t in &orphans {
            let ev: Vec<String> = t.evidence.iter().map(evidence).collect();
            let _ = writeln!(
                o,
                "- {}, achieved {}{}",
                code(&format!("{}/{}", t.framework, t.item)),
                t.tick.date,
                if ev.is_empty() {
                    String::new()
                } else {
                    format!("; evidence: {}", ev.join("; "))
                }
            );
        }
        o.push('\n');
    }

    // 6. Reflections.
    o.push_str("## 6. Reflections\n\n");
    let reflections = x.reflections();
    if reflections.is_empty() {
        o.push_str("No reflections written yet.\n\n");
    }
    for rf in &reflections {
        let who = match rf.author {
            Role::Mentee => "the mentee",
            Role::Mentor => "the mentor",
            Role::Coach => "the coach",
            Role::CoCoach => "a co-coach",
            Role::Coordinator => "the coordinator",
        };
        let _ = writeln!(
            o,
            "### {}, by {who}{}\n",
            rf.date,
            if rf.private { " (private)" } else { "" }
        );
        if let Some(pr) = rf.prompt.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = writeln!(o, "*Prompt: {}*\n", inline(pr.trim()));
        }
        let _ = writeln!(o, "{}\n", block(&rf.text));
        if let Some(a) = rf.attachment.as_deref().filter(|s| !s.is_empty()) {
            let _ = writeln!(o, "Attachment: {}\n", code(a));
        }
    }

    // 7. Stage records.
    o.push_str("## 7. Stage records\n\n");
    let stages = x.stages();
    if stages.is_empty() {
        o.push_str("No stage records yet.\n\n");
    }
    for s in &stages {
        let _ = writeln!(o, "### {}\n", inline(&x.stage_title(s)));
        if !s.reflection.trim().is_empty() {
            let _ = writeln!(o, "**Reflection.** {}\n", block(&s.reflection));
        }
        if !s.targets.trim().is_empty() {
            let _ = writeln!(
                o,
                "**Targets for further development.** {}\n",
                block(&s.targets)
            );
        }
        if s.verifications.is_empty() {
            o.push_str("Not yet verified.\n\n");
        } else {
            o.push_str("| Verified by | Role | Date | Comment |\n|---|---|---|---|\n");
            for v in &s.verifications {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    cell(&v.name),
                    cell(v.role.as_deref().unwrap_or("")),
                    v.date,
                    cell(&v.comment)
                );
            }
            o.push('\n');
        }
        signatures(&mut o, "####", "{role}:", &x.verification_signatories(s));
    }

    // 8. Readiness.
    o.push_str("## 8. Recognition readiness\n\n");
    for rd in &r.readiness {
        let (met, all) = rd.requirements_met();
        let _ = writeln!(
            o,
            "### {} — {}\n\n{met} of {all} requirements met.\n",
            inline(&x.readiness_title(rd)),
            if rd.ready { "ready" } else { "not yet ready" },
        );
        for rule in &rd.rules {
            let _ = writeln!(
                o,
                "- [{}] {} ({})",
                match (rule.met, rule.kind) {
                    (_, crate::model::RuleKind::Note) => "i",
                    (true, _) => "x",
                    (false, _) => " ",
                },
                inline(&rule.rule),
                rule.label()
            );
            if let Some(src) = &rule.source {
                let _ = writeln!(o, "  > {}", inline(src));
            }
            for m in &rule.missing {
                let _ = writeln!(o, "  - {}: {}", rule.missing_word(), inline(m));
            }
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    // Journal text reaches the document through `inline`, `block`, `cell` and `code`, which
    // remove control characters; should any other path ever bring one, it goes here.
    if o.chars().any(is_stray_control) {
        o.retain(|c| !is_stray_control(c));
    }
    o
}

/// One row a section (nested sections indented with dashes) in the framework's summary table.
fn summary(o: &mut String, s: &SectionView) {
    let _ = writeln!(
        o,
        "| {}{} | {}/{} |",
        "– ".repeat(s.depth),
        cell(s.section.title.trim_end_matches(':')),
        s.progress.achieved,
        s.progress.total
    );
    for c in &s.sections {
        summary(o, c);
    }
}

/// The ticks of a section and of the sections under it, under the section's path.
fn section(o: &mut String, s: &SectionView, path: &mut Vec<String>) {
    path.push(inline(s.section.title.trim_end_matches(':')));
    if !s.ticks.is_empty() {
        let _ = writeln!(o, "#### {}\n", path.join(" › "));
        for t in &s.ticks {
            tick(o, t);
        }
        o.push('\n');
    }
    for c in s.sections.iter().filter(|c| has_ticks(c)) {
        section(o, c, path);
    }
    path.pop();
}

fn tick(o: &mut String, t: &TickView) {
    let mut line = format!("- [x] {}", inline(&item_one_line(&t.text)));
    if !t.item.codes.is_empty() {
        let _ = write!(line, " ({})", inline(&t.item.codes.join(", ")));
    }
    let _ = write!(line, " — achieved {}", t.tick.date);
    if let Some(l) = &t.tick.level {
        let _ = write!(line, ", level {}", inline(l));
    }
    let _ = writeln!(o, "{line}");
    if t.evidence.is_empty() {
        let _ = writeln!(o, "  - no evidence recorded");
    }
    for e in &t.evidence {
        let _ = writeln!(o, "  - evidence: {}", evidence(e));
    }
    if let Some(v) = &t.tick.verification {
        let _ = writeln!(o, "  - {}", verification(v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_never_becomes_markup() {
        assert_eq!(inline("a*b_c"), "a\\*b\\_c");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("x|y"), "x\\|y");
        assert_eq!(inline("a & b &copy;"), "a & b \\&copy;");
    }

    #[test]
    fn blocks_keep_line_breaks_and_never_start_lists() {
        assert_eq!(block("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree");
        assert_eq!(block("- item"), "\\- item");
        assert_eq!(block("1. first"), "1\\. first");
        assert_eq!(block("# not a heading"), "\\# not a heading");
        assert_eq!(block("2026 was good."), "2026 was good.");
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a\nb|c"), "a<br>b\\|c");
        assert_eq!(cell(""), " ");
    }
}
