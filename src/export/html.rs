//! The portfolio as one self-contained HTML document: inline CSS, no scripts, no external
//! resources; printable on A4: the document's title and "Page N of M" at the foot of every page
//! (CSS page-margin boxes), sections that follow on without forced page breaks (so no
//! near-empty pages), no card, box, signature block or table row split over a page break
//! when it fits on one page, headings kept with what follows them, table headers repeated
//! across pages, and signature blocks ending the mentoring agreement and each stage's
//! verification. No control character from the journal reaches the document.

use std::fmt::Write;

use super::{
    EvidenceLine, Export, SectionView, Signatory, TickView, cadence_phrase, capitalise, clean,
    first_line, has_ticks, is_stray_control, item_points, kind_phrase, pathway_phrase,
};
use crate::model::{Role, Verification};

/// Escape text for HTML element content and quoted attribute values; control characters (but
/// line ends and tabs) are removed first, escape sequences whole (see [`clean`]).
pub fn escape(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A block of text: paragraphs at blank lines, line breaks kept.
fn paras(s: &str) -> String {
    let mut out = String::new();
    for p in clean(s).trim().split("\n\n") {
        let lines: Vec<String> = p
            .lines()
            .map(|l| escape(l.trim_end()))
            .filter(|l| !l.trim().is_empty())
            .collect();
        if !lines.is_empty() {
            let _ = write!(out, "<p>{}</p>", lines.join("<br>"));
        }
    }
    out
}

/// Text for a table cell: line breaks kept, an empty cell marked with a dash.
fn cell(s: &str) -> String {
    let lines: Vec<String> = clean(s)
        .trim()
        .lines()
        .map(|l| escape(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        "<span class=\"none\">—</span>".into()
    } else {
        lines.join("<br>")
    }
}

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5b5b60; --rule: #8c8c92; --light: #d6d6da; --shade: #f1f1f3;
        --accent: #1f3a5f; --met: #1d6b34; --unmet: #9b2226; }
@page { size: A4; margin: 16mm 15mm 20mm 15mm;
        @bottom-left { font: 7.5pt/1.3 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
                       color: #5b5b60; vertical-align: top; padding-top: 5mm; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: 7.5pt/1.3 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
                        color: #5b5b60; vertical-align: top; padding-top: 5mm; white-space: nowrap; } }
* { box-sizing: border-box; }
html { background: #d9dadd; }
body { margin: 0; color: var(--ink); font: 10.5pt/1.5 Georgia, Cambria, "Times New Roman", "DejaVu Serif", serif; }
.sheet { background: #fff; width: 210mm; max-width: 100%; margin: 8mm auto; padding: 16mm 15mm 18mm;
         box-shadow: 0 1px 6px rgba(0,0,0,.25); }
h1, h2, h3, h4, h5, .kicker, .label, th, .meta, .stat, .status, .toc, .sign .role { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 28pt; line-height: 1.1; margin: 0 0 2mm; color: var(--accent); font-weight: 700; }
.who { font: 700 16pt/1.3 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #222; margin: 0 0 1.5mm; }
.who span { font-weight: 400; color: var(--muted); }
h2 { font-size: 15pt; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 1.5mm;
     margin: 0 0 4mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; color: #222; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; color: #333; }
h5 { font-size: 10pt; margin: 3mm 0 1mm; color: #444; font-style: italic; }
p { margin: 0 0 2mm; orphans: 3; widows: 3; }
ol, ul { margin: 0 0 2mm; padding-left: 6mm; }
.pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
.muted, .none { color: var(--muted); }
.cover { border: 1px solid var(--rule); border-top: 6px solid var(--accent); padding: 10mm 10mm 8mm; margin-bottom: 8mm; }
.kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 8.5pt; color: var(--muted); margin: 0 0 4mm; }
.subtitle { font-size: 12pt; color: #333; margin: 0 0 6mm; }
.review { border: 1px solid var(--unmet); color: var(--unmet); padding: 2mm 3mm; margin: 0 0 5mm; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 4mm; font-size: 9.5pt; line-height: 1.35; }
th, td { border: 1px solid var(--rule); padding: 1.6mm 2mm; vertical-align: top; text-align: left; }
th { background: var(--shade); font-size: 8.5pt; font-weight: 700; }
thead { display: table-header-group; }
table.facts th { width: 32%; }
table.facts td, table.facts th { border-color: var(--light); }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 6mm 0 2mm; }
.stat { border: 1px solid var(--light); background: var(--shade); padding: 2.5mm 3mm; }
.stat b { display: block; font-size: 16pt; color: var(--accent); line-height: 1.2; }
.stat span { font-size: 8.5pt; color: var(--muted); }
.toc { margin: 0; padding: 0; list-style: none; columns: 2; font-size: 9.5pt; }
.toc li { padding: .6mm 0; }
.toc a { color: var(--ink); text-decoration: none; }
section.major { margin-top: 10mm; }
.meeting { border-left: 3px solid var(--accent); padding: 0 0 0 4mm; margin: 0 0 5mm; }
.meeting h3 { margin: 0 0 .5mm; }
.meta { font-size: 8.5pt; color: var(--muted); margin: 0 0 2mm; }
.pill { display: inline-block; border: 1px solid var(--rule); border-radius: 2mm; padding: 0 1.6mm;
        font-size: 7.5pt; text-transform: uppercase; letter-spacing: .05em; margin-left: 1mm; }
.label { font-size: 8pt; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 2mm 0 .5mm; }
table.actions { font-size: 9pt; margin-bottom: 2mm; }
table.actions td.c, table.actions th.c { width: 14%; white-space: nowrap; }
table.plan { font-size: 8.5pt; table-layout: fixed; }
table.plan th { font-size: 7.5pt; }
table.plan td, table.plan th { padding: 1.4mm 1.6mm; overflow-wrap: break-word; hyphens: auto; }
table.plan col.obj { width: 19%; } table.plan col.date { width: 11%; }
table.plan tr.state td { background: var(--shade); border-top-color: var(--light); font-size: 8pt; }
table.plan tr.state .k { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 7pt; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: 1mm; }
table.plan tr.state .k ~ .k { margin-left: 4mm; }
.overdue { color: var(--unmet); font-weight: 700; }
.bar { height: 2.2mm; background: var(--light); margin: 1mm 0 2mm; }
.bar i { display: block; height: 100%; background: var(--accent); }
.fw-head { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; }
.fw-head span { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 9pt; color: var(--muted); white-space: nowrap; }
table.ticks td:first-child { width: 46%; }
ul.points { margin: .5mm 0 0; padding-left: 4.5mm; font-size: 9pt; color: #333; }
table.summary { font-size: 9pt; }
table.summary td, table.summary th { border-color: var(--light); padding: 1mm 2mm; }
table.summary td.n, table.summary th.n { width: 16%; text-align: right; white-space: nowrap; }
table.summary td.b, table.summary th.b { width: 26%; }
table.summary td.b .bar { margin: 1.2mm 0 0; }
table.summary tr.d0 td:first-child { font-weight: 700; }
table.summary tr.d1 td:first-child { padding-left: 6mm; }
table.summary tr.d2 td:first-child, table.summary tr.d3 td:first-child { padding-left: 10mm; }
table.ticks td:nth-child(2) { width: 13%; white-space: nowrap; }
ul.ev { margin: 0; padding-left: 4mm; }
.code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; color: var(--muted); }
.reflection { border: 1px solid var(--light); background: #fafafa; padding: 3mm 4mm; margin: 0 0 4mm; }
.reflection .prompt { font-style: italic; color: #333; }
.stage { margin-bottom: 6mm; }
.readiness { border: 1px solid var(--rule); padding: 3mm 4mm; margin: 0 0 5mm; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.readiness h3 { margin-top: 0; display: flex; justify-content: space-between; align-items: flex-start; gap: 4mm; }
.status { font-size: 9pt; font-weight: 700; padding: .5mm 2mm; border: 1.5px solid; white-space: nowrap; }
.status.ok { color: var(--met); }
.status.no { color: var(--unmet); }
ul.rules { list-style: none; padding: 0; margin: 0; }
ul.rules > li { padding: 1mm 0 1mm 6mm; text-indent: -6mm; }
ul.rules .mark { display: inline-block; width: 6mm; text-indent: 0; font-weight: 700; }
ul.rules .ok { color: var(--met); }
ul.rules .no { color: var(--unmet); }
ul.rules .kind { color: #555; font-size: 9pt; }
ul.rules blockquote { margin: .5mm 0 0 0; text-indent: 0; font-style: italic; color: #333; font-size: 9pt; }
ul.rules ul { margin: .5mm 0 0; padding-left: 5mm; text-indent: 0; color: #333; font-size: 9.5pt; }
ul.rules ul.many { columns: 2; column-gap: 7mm; font-size: 8.5pt; line-height: 1.35; padding-left: 4mm; }
ul.rules ul.many li { margin-bottom: .6mm; }
.signatures { margin: 6mm 0 4mm; }
.signs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 12mm; row-gap: 7mm; }
.sign .space { height: 15mm; border-bottom: 1px solid var(--ink); }
.sign p { margin: 1.2mm 0 0; }
.sign .role { font-size: 8.5pt; font-weight: 700; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.sign .blank { display: inline-block; width: 45mm; border-bottom: 1px solid var(--ink); vertical-align: baseline; }
footer { margin-top: 8mm; padding-top: 2mm; break-before: avoid; border-top: 1px solid var(--light); font-size: 8pt; color: var(--muted); }
/* Page breaks: never between a heading and what it introduces, never inside a card, a box,
   a signature block or a table row that fits on a page; no forced page break anywhere. */
h2, h3, h4, h5, .label, .fw-head, .fw-head + .bar, .readiness > .meta, .signatures > h4 { break-after: avoid; }
tr, tbody.goal, .meeting, .reflection, .readiness, ul.rules > li, ul.rules li li, .stat, .stats, .cover,
.pair > div, .signatures, .sign, table.facts, nav { break-inside: avoid; }
@media print {
  html { background: none; }
  /* A little room on the right: Chromium cuts the page's content at a whole pixel, and with
     it half of a right border drawn at the very edge. */
  .sheet { width: auto; margin: 0; padding: 0 .4mm 0 0; box-shadow: none; }
  section.major { margin-top: 9mm; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn evidence(e: &EvidenceLine) -> String {
    match e {
        EvidenceLine::Meeting { id, date: None, .. } => format!(
            "Meeting <span class=\"code\">{}</span> (no longer in the log)",
            escape(id)
        ),
        EvidenceLine::Meeting {
            id,
            date: Some(d),
            focus,
        } => {
            let what = if focus.is_empty() {
                String::new()
            } else {
                format!(": <i>{}</i>", escape(focus))
            };
            format!("Meeting of <a href=\"#m-{}\">{d}</a>{what}", escape(id))
        }
        EvidenceLine::Note(n) => escape(n),
        EvidenceLine::File(f) => format!("File <span class=\"code\">{}</span>", escape(f)),
    }
}

fn verification(v: &Verification) -> String {
    let mut s = format!("Verified by {}", escape(&v.name));
    if let Some(r) = v.role.as_deref().filter(|r| !r.is_empty()) {
        let _ = write!(s, " ({})", escape(r));
    }
    let _ = write!(s, " on {}", v.date);
    if !v.comment.trim().is_empty() {
        let _ = write!(s, ": {}", escape(v.comment.trim()));
    }
    s
}

fn list(o: &mut String, title: &str, items: &[String], numbered: bool) {
    let _ = write!(o, "<h4>{title}</h4>");
    if items.is_empty() {
        o.push_str("<p class=\"none\">None recorded.</p>");
        return;
    }
    let tag = if numbered { "ol" } else { "ul" };
    let _ = write!(o, "<{tag}>");
    for it in items {
        let _ = write!(o, "<li>{}</li>", escape(it));
    }
    let _ = write!(o, "</{tag}>");
}

fn bar(percent: u32) -> String {
    format!(
        "<div class=\"bar\" role=\"img\" aria-label=\"{percent}% achieved\"><i style=\"width:{percent}%\"></i></div>"
    )
}

fn major(o: &mut String, id: &str, n: usize, title: &str) {
    let _ = write!(
        o,
        "\n<section class=\"major\" id=\"{id}\">\n<h2>{n}. {title}</h2>\n"
    );
}

/// A CSS string literal of `s`: every character but letters, digits and spaces written as a
/// hexadecimal escape, so nothing in it can end the string, the rule or the style element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in clean(s).chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out.push('"');
    out
}

/// A block of lines to sign by hand, one for each signatory: the space to sign, the role under
/// it, the name (`name_label`, its `{role}` replaced, then the name or a line to write it on)
/// and a date line; the block is never split over a page break.
fn signatures(o: &mut String, heading: &str, name_label: &str, who: &[Signatory]) {
    let _ = write!(
        o,
        "<div class=\"signatures\"><h4>{heading}</h4><div class=\"signs\">"
    );
    for s in who {
        let role = escape(&s.role);
        let label = name_label.replace("{role}", &role);
        let name = match s.name.as_deref() {
            Some(n) => format!("<b>{}</b>", escape(n)),
            None => "<span class=\"blank\"></span>".into(),
        };
        let _ = write!(
            o,
            "<div class=\"sign\"><div class=\"space\"></div><p class=\"role\">{role}</p>\
             <p>{label} {name}</p><p>Date: <span class=\"blank\"></span></p></div>"
        );
    }
    o.push_str("</div></div>\n");
}

/// A framework's short name for a small label: its title's first word when that is an
/// acronym ("CUREE"), else "framework".
fn short_name(title: &str) -> String {
    match title.split_whitespace().next() {
        Some(w) if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) => w.to_string(),
        _ => "framework".into(),
    }
}

/// The Learning Journal of one partnership as a printable HTML document.
pub fn portfolio(x: &Export) -> String {
    let p = x.partnership();
    let r = &x.report;
    let meetings = x.meetings();
    let goals = x.goals();
    let mut o = String::new();
    let title = x.title();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"mentorlog\">\n<title>{}</title>\n<style>{CSS}</style>\n\
         <style>@page {{ @bottom-left {{ content: {}; }} }}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        escape(&title),
        css_string(&title)
    );

    // Cover.
    o.push_str("<header class=\"cover\">\n<p class=\"kicker\">Mentoring partnership portfolio</p>\n<h1>Learning Journal</h1>\n");
    let _ = write!(
        o,
        "<p class=\"who\">{} <span>with</span> {}</p>\n<p class=\"subtitle\">{} · {} pathway{}</p>\n",
        escape(x.owner_name()),
        escape(&p.name),
        kind_phrase(p.kind),
        pathway_phrase(p.pathway),
        p.focus
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .map(|f| format!(": {}", escape(f.trim())))
            .unwrap_or_default()
    );
    if x.review {
        o.push_str("<p class=\"review\">Private meetings and private reflections are left out of this copy.</p>\n");
    }
    o.push_str("<table class=\"facts\"><tbody>\n");
    let owner = match x.profile.and_then(|p| p.institution.as_deref()) {
        Some(i) if !i.is_empty() => format!("{}, {}", escape(x.owner_name()), escape(i)),
        _ => escape(x.owner_name()),
    };
    let partner = match p.institution.as_deref() {
        Some(i) if !i.is_empty() => format!("{}, {}", escape(&p.name), escape(i)),
        _ => escape(&p.name),
    };
    let period = format!(
        "{} to {}",
        p.start,
        p.end.map_or("the present".into(), |d| d.to_string())
    );
    for (k, v) in [
        (capitalise(x.owner_role().label()), owner),
        (x.partner_role().to_string(), partner),
        ("Period".into(), period),
        (
            "Current stage".into(),
            x.profile
                .and_then(|p| p.stage.as_deref())
                .filter(|s| !s.trim().is_empty())
                .map_or("<span class=\"none\">—</span>".into(), |s| {
                    escape(&x.stage_name(s))
                }),
        ),
        ("Exported".into(), x.today.to_string()),
    ] {
        let _ = writeln!(o, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
    }
    o.push_str("</tbody></table>\n<div class=\"stats\">\n");
    let achieved = goals
        .iter()
        .filter(|g| g.status == crate::model::GoalStatus::Achieved)
        .count();
    let _ = writeln!(
        o,
        "<div class=\"stat\"><b>{}</b><span>meetings logged</span></div>",
        meetings.len()
    );
    let _ = writeln!(
        o,
        "<div class=\"stat\"><b>{achieved}/{}</b><span>goals achieved</span></div>",
        goals.len()
    );
    match r.progress.first() {
        Some(fp) => {
            let _ = writeln!(
                o,
                "<div class=\"stat\"><b>{}%</b><span>{} items achieved</span></div>",
                fp.progress.percent(),
                escape(&short_name(&fp.title))
            );
        }
        None => o.push_str("<div class=\"stat\"><b>—</b><span>no framework</span></div>\n"),
    }
    let ready = r.readiness.iter().filter(|x| x.ready).count();
    let _ = writeln!(
        o,
        "<div class=\"stat\"><b>{ready}/{}</b><span>recognitions ready</span></div>",
        r.readiness.len()
    );
    o.push_str("</div>\n</header>\n");
    o.push_str("<nav><h3>Contents</h3><ol class=\"toc\">");
    for (n, (id, t)) in [
        ("partnership", "The partnership"),
        ("agreement", "The mentoring agreement"),
        ("log", "The mentoring log"),
        ("plan", "The action plan"),
        ("progress", "Framework progress"),
        ("reflections", "Reflections"),
        ("stages", "Stage records"),
        ("readiness", "Recognition readiness"),
    ]
    .into_iter()
    .enumerate()
    {
        let _ = write!(o, "<li><a href=\"#{id}\">{}. {t}</a></li>", n + 1);
    }
    o.push_str("</ol></nav>\n");

    // 1. The partnership.
    major(&mut o, "partnership", 1, "The partnership");
    o.push_str("<table class=\"facts\"><tbody>\n");
    let frameworks = if p.frameworks.is_empty() {
        "<span class=\"none\">—</span>".to_string()
    } else {
        p.frameworks
            .iter()
            .map(|f| match x.set.get(f) {
                Some(fw) => escape(&fw.title),
                None => escape(f),
            })
            .collect::<Vec<_>>()
            .join("<br>")
    };
    for (k, v) in [
        ("Kind", kind_phrase(p.kind).to_string()),
        ("Pathway", pathway_phrase(p.pathway).to_string()),
        ("Focus", cell(p.focus.as_deref().unwrap_or(""))),
        ("Start", p.start.to_string()),
        (
            "End",
            p.end
                .map_or("<span class=\"none\">—</span>".into(), |d| d.to_string()),
        ),
        ("Cadence", cadence_phrase(p.cadence())),
        ("Status", capitalise(p.status.label())),
        ("Frameworks", frameworks),
    ] {
        let _ = writeln!(o, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
    }
    o.push_str("</tbody></table>\n");
    let g = &r.gaps;
    let _ = writeln!(
        o,
        "<p>{} meeting{} logged{}{}.</p>",
        g.meetings,
        if g.meetings == 1 { "" } else { "s" },
        g.last
            .map(|l| format!(
                ", the last on {l} ({} days before this export)",
                g.days_since_last
            ))
            .unwrap_or_default(),
        g.longest_gap_days
            .map(|d| format!("; the longest gap between meetings was {d} days"))
            .unwrap_or_default()
    );
    o.push_str("</section>\n");

    // 2. The agreement.
    major(&mut o, "agreement", 2, "The mentoring agreement");
    match &p.agreement {
        None => o.push_str("<p class=\"none\">No mentoring agreement has been recorded yet.</p>\n"),
        Some(a) => {
            list(&mut o, "Outcomes for the mentee", &a.outcomes, true);
            o.push_str("<div class=\"pair\"><div>");
            list(
                &mut o,
                "The mentee’s responsibilities",
                &a.mentee_responsibilities,
                false,
            );
            o.push_str("</div><div>");
            list(
                &mut o,
                "The mentor’s responsibilities",
                &a.mentor_responsibilities,
                false,
            );
            o.push_str("</div><div>");
            list(&mut o, "Ground rules: tone", &a.tone_ground_rules, false);
            o.push_str("</div><div>");
            list(
                &mut o,
                "Ground rules: logistics",
                &a.logistics_ground_rules,
                false,
            );
            o.push_str("</div></div>\n");
            let d = |d: Option<chrono::NaiveDate>| {
                d.map_or("<span class=\"overdue\">not yet</span>".into(), |d| {
                    d.to_string()
                })
            };
            let _ = writeln!(
                o,
                "<h4>Agreed</h4><table class=\"facts\"><tbody>\
                 <tr><th scope=\"row\">By the mentee</th><td>{}</td></tr>\
                 <tr><th scope=\"row\">By the mentor</th><td>{}</td></tr></tbody></table>",
                d(a.agreed_by_mentee),
                d(a.agreed_by_mentor)
            );
            // Signed with a key: each sign-off of the partnership, and whether it holds.
            let sigs = x.p.signatures();
            if !sigs.is_empty() {
                o.push_str("<h4>Signed with SSH keys</h4>\n<ul class=\"signed\">\n");
                for c in &sigs {
                    let class = match c.state {
                        crate::journal::sign::SigState::Valid => "ok",
                        _ => "overdue",
                    };
                    let _ = writeln!(
                        o,
                        "<li class=\"{class}\">{} <small>(key {})</small></li>",
                        escape(&c.line()),
                        escape(&c.fingerprint())
                    );
                }
                o.push_str("</ul>\n<p class=\"note\">Check them with <code>mentorlog verify</code>, \
                    or with <code>ssh-keygen -Y verify</code> on what <code>mentorlog verify --out</code> writes.</p>\n");
            }
            // Words of the ScotELAs agreement ("Name of the Mentor:", "Name of the Mentee:").
            signatures(
                &mut o,
                "Signatures",
                "Name of the {role}:",
                &x.agreement_signatories(),
            );
        }
    }
    if let Some(e) = &p.evaluation {
        let _ = writeln!(o, "<h3>Evaluation of the agreement, {}</h3>", e.date);
        if !e.answers.is_empty() {
            o.push_str("<table><thead><tr><th>Statement</th><th>Score (1 not at all – 5 fully)</th></tr></thead><tbody>\n");
            for a in &e.answers {
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td></tr>",
                    cell(&a.statement),
                    a.score
                );
            }
            o.push_str("</tbody></table>\n");
        }
        if !e.comments.trim().is_empty() {
            o.push_str(&paras(&e.comments));
        }
    }
    o.push_str("</section>\n");

    // 3. The mentoring log.
    major(&mut o, "log", 3, "The mentoring log");
    if meetings.is_empty() {
        o.push_str("<p class=\"none\">No meetings logged yet.</p>\n");
    }
    for m in &meetings {
        let focus = if m.focus.trim().is_empty() {
            "<span class=\"none\">(no focus recorded)</span>".to_string()
        } else {
            escape(m.focus.trim())
        };
        let _ = write!(
            o,
            "<article class=\"meeting\" id=\"m-{}\">\n<h3>{}: {focus}</h3>\n",
            escape(&m.id),
            m.date
        );
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
        let _ = writeln!(
            o,
            "<p class=\"meta\">{}{}</p>",
            escape(&meta.join(" · ")),
            if m.private {
                "<span class=\"pill\">private</span>"
            } else {
                ""
            }
        );
        if !m.notes.trim().is_empty() {
            let _ = writeln!(o, "<p class=\"label\">Notes</p>{}", paras(&m.notes));
        }
        if !m.outcomes.trim().is_empty() {
            let _ = writeln!(o, "<p class=\"label\">Outcomes</p>{}", paras(&m.outcomes));
        }
        if !m.action_items.is_empty() {
            o.push_str("<table class=\"actions\"><thead><tr><th>Action item</th><th class=\"c\">Owner</th><th class=\"c\">Due</th><th class=\"c\">Done</th></tr></thead><tbody>\n");
            for a in &m.action_items {
                let overdue = !a.done && a.due.is_some_and(|d| d < x.today);
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td class=\"c\">{}</td><td class=\"c{}\">{}</td><td class=\"c\">{}</td></tr>",
                    cell(&a.text),
                    capitalise(a.owner.label()),
                    if overdue { " overdue" } else { "" },
                    a.due.map_or("—".into(), |d| d.to_string()),
                    if a.done { "✓ done" } else { "open" }
                );
            }
            o.push_str("</tbody></table>\n");
        }
        let goals_discussed: Vec<String> = m
            .goals
            .iter()
            .map(|id| match goals.iter().find(|g| &g.id == id) {
                Some(g) => escape(&g.objective),
                None => format!("<span class=\"code\">{}</span>", escape(id)),
            })
            .collect();
        if !goals_discussed.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"meta\">Goals discussed: {}</p>",
                goals_discussed.join("; ")
            );
        }
        if !m.evidences.is_empty() {
            let items: Vec<String> = m.evidences.iter().map(|e| escape(e)).collect();
            let _ = writeln!(
                o,
                "<p class=\"meta\">Evidences: <span class=\"code\">{}</span></p>",
                items.join(", ")
            );
        }
        o.push_str("</article>\n");
    }
    o.push_str("</section>\n");

    // 4. The action plan: the ScotELAs form's seven columns, each goal's status and review
    // notes on a row under it, the two kept together on one page.
    major(&mut o, "plan", 4, "The action plan");
    if goals.is_empty() {
        o.push_str("<p class=\"none\">No goals set yet.</p>\n");
    } else {
        o.push_str(
            "<table class=\"plan\"><colgroup><col class=\"obj\"><col><col><col><col><col>\
             <col class=\"date\"></colgroup><thead><tr><th>Objective</th><th>Mentee’s actions</th>\
             <th>Mentor’s actions</th><th>Support network’s actions</th><th>Potential barriers</th>\
             <th>Success measures</th><th>Target completion date</th></tr></thead>\n",
        );
        for g in &goals {
            let mut objective = cell(&g.objective);
            if !g.learning_goal.trim().is_empty() {
                let _ = write!(
                    objective,
                    "<br><span class=\"muted\">Learning goal: {}</span>",
                    escape(g.learning_goal.trim())
                );
            }
            let overdue = g.status.is_open() && g.target.is_some_and(|t| t < x.today);
            let reviews: Vec<String> = g
                .reviews
                .iter()
                .map(|r| format!("<b>{}</b>: {}", r.date, cell(&r.note)))
                .collect();
            let _ = writeln!(
                o,
                "<tbody class=\"goal\"><tr><td>{objective}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td><td>{}</td><td{}>{}{}</td></tr>\n\
                 <tr class=\"state\"><td colspan=\"7\"><span class=\"k\">Status</span> {} \
                 <span class=\"k\">Review notes</span> {}</td></tr></tbody>",
                cell(&g.mentee_actions),
                cell(&g.mentor_actions),
                cell(&g.support_actions),
                cell(&g.barriers),
                cell(&g.success_measures),
                if overdue { " class=\"overdue\"" } else { "" },
                g.target.map_or("—".into(), |d| d.to_string()),
                if overdue { "<br>overdue" } else { "" },
                capitalise(g.status.label()),
                if reviews.is_empty() {
                    "<span class=\"none\">none</span>".into()
                } else {
                    reviews.join("; ")
                }
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    // 5. Framework progress.
    major(&mut o, "progress", 5, "Framework progress");
    let fws = x.frameworks();
    if fws.is_empty() {
        o.push_str("<p class=\"none\">No framework in use yet.</p>\n");
    }
    for fv in &fws {
        let _ = writeln!(
            o,
            "<div class=\"fw-head\"><h3>{}</h3><span>{}/{} items achieved ({}%)</span></div>{}",
            escape(&fv.framework.title),
            fv.progress.achieved,
            fv.progress.total,
            fv.progress.percent(),
            bar(fv.progress.percent())
        );
        o.push_str("<table class=\"summary\"><thead><tr><th>Section</th><th class=\"n\">Achieved</th><th class=\"b\">Progress</th></tr></thead><tbody>\n");
        for s in &fv.sections {
            summary(&mut o, s);
        }
        o.push_str("</tbody></table>\n");
        for s in &fv.sections {
            section(&mut o, s, &mut Vec::new());
        }
    }
    for l in &r.levels {
        let _ = writeln!(
            o,
            "<h3>Levels reached: {}</h3><table><thead><tr><th>Item</th><th>Level</th></tr></thead><tbody>",
            escape(&l.title)
        );
        for lv in &l.levels {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(first_line(&lv.text)),
                lv.level.as_deref().map_or(
                    "<span class=\"none\">not yet assessed</span>".into(),
                    escape
                )
            );
        }
        o.push_str("</tbody></table>\n");
    }
    let orphans = x.orphan_ticks();
    if !orphans.is_empty() {
        o.push_str("<h3>Ticks in frameworks not loaded</h3><table class=\"ticks\"><thead><tr><th>Item</th><th>Achieved</th><th>Evidence</th></tr></thead><tbody>\n");
        for t in &orphans {
            let ev: Vec<String> = t
                .evidence
                .iter()
                .map(|e| format!("<li>{}</li>", evidence(e)))
                .collect();
            let _ = writeln!(
                o,
                "<tr><td class=\"code\">{}/{}</td><td>{}</td><td><ul class=\"ev\">{}</ul></td></tr>",
                escape(&t.framework),
                escape(&t.item),
                t.tick.date,
                ev.join("")
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n");

    // 6. Reflections.
    major(&mut o, "reflections", 6, "Reflections");
    let reflections = x.reflections();
    if reflections.is_empty() {
        o.push_str("<p class=\"none\">No reflections written yet.</p>\n");
    }
    for rf in &reflections {
        let who = match rf.author {
            Role::Mentee => "The mentee",
            Role::Mentor => "The mentor",
            Role::Coach => "The coach",
            Role::CoCoach => "A co-coach",
            Role::Coordinator => "The coordinator",
        };
        let _ = write!(
            o,
            "<div class=\"reflection\"><p class=\"meta\">{} · {who}{}</p>",
            rf.date,
            if rf.private {
                "<span class=\"pill\">private</span>"
            } else {
                ""
            }
        );
        if let Some(pr) = rf.prompt.as_deref().filter(|s| !s.trim().is_empty()) {
            let _ = write!(o, "<p class=\"prompt\">{}</p>", escape(pr.trim()));
        }
        o.push_str(&paras(&rf.text));
        if let Some(a) = rf.attachment.as_deref().filter(|s| !s.is_empty()) {
            let _ = write!(
                o,
                "<p class=\"meta\">Attachment: <span class=\"code\">{}</span></p>",
                escape(a)
            );
        }
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");

    // 7. Stage records.
    major(&mut o, "stages", 7, "Stage records");
    let stages = x.stages();
    if stages.is_empty() {
        o.push_str("<p class=\"none\">No stage records yet.</p>\n");
    }
    for s in &stages {
        let _ = write!(
            o,
            "<div class=\"stage\"><h3>{}</h3>",
            escape(&x.stage_title(s))
        );
        if !s.reflection.trim().is_empty() {
            let _ = write!(
                o,
                "<p class=\"label\">Reflection</p>{}",
                paras(&s.reflection)
            );
        }
        if !s.targets.trim().is_empty() {
            let _ = write!(
                o,
                "<p class=\"label\">Targets for further development</p>{}",
                paras(&s.targets)
            );
        }
        if s.verifications.is_empty() {
            o.push_str("<p class=\"none\">Not yet verified.</p>");
        } else {
            o.push_str("<p class=\"label\">Verification</p><table><thead><tr><th>Verified by</th><th>Role</th><th>Date</th><th>Comment</th></tr></thead><tbody>");
            for v in &s.verifications {
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    cell(&v.name),
                    cell(v.role.as_deref().unwrap_or("")),
                    v.date,
                    cell(&v.comment)
                );
            }
            o.push_str("</tbody></table>");
        }
        signatures(
            &mut o,
            "Signatures",
            "Name:",
            &x.verification_signatories(s),
        );
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");

    // 8. Readiness.
    major(&mut o, "readiness", 8, "Recognition readiness");
    for rd in &r.readiness {
        let (met, all) = rd.requirements_met();
        let _ = write!(
            o,
            "<div class=\"readiness\"><h3><span>{}</span><span class=\"status {}\">{}</span></h3>\
             <p class=\"meta\">{met} of {all} requirements met</p><ul class=\"rules\">",
            escape(&x.readiness_title(rd)),
            if rd.ready { "ok" } else { "no" },
            if rd.ready { "READY" } else { "NOT YET" },
        );
        for rule in &rd.rules {
            let blocking = rule.blocks();
            let _ = write!(
                o,
                "<li><span class=\"mark {}\">{}</span>{} <span class=\"kind\">({})</span>",
                if rule.met || !blocking { "ok" } else { "no" },
                match (rule.met, rule.kind) {
                    (_, crate::model::RuleKind::Note) => "i",
                    (true, _) => "✓",
                    (false, crate::model::RuleKind::Recommendation) => "~",
                    (false, _) => "✗",
                },
                escape(&rule.rule),
                escape(&rule.label())
            );
            if let Some(src) = &rule.source {
                let _ = write!(o, "<blockquote>{}</blockquote>", escape(src));
            }
            if !rule.missing.is_empty() {
                // A long list in two columns, so a stage's box fits on a page.
                o.push_str(if rule.missing.len() > 6 {
                    "<ul class=\"many\">"
                } else {
                    "<ul>"
                });
                let word = rule.missing_word();
                let mut cap = word.chars();
                let word: String = cap
                    .next()
                    .map(|c| c.to_uppercase().chain(cap).collect())
                    .unwrap_or_default();
                for m in &rule.missing {
                    let _ = write!(o, "<li>{word}: {}</li>", escape(m));
                }
                o.push_str("</ul>");
            }
            o.push_str("</li>");
        }
        o.push_str("</ul></div>\n");
    }
    o.push_str("</section>\n");
    let _ = write!(
        o,
        "<footer>{} · exported by mentorlog on {}{}</footer>\n</main>\n</body>\n</html>\n",
        escape(&title),
        x.today,
        if x.review {
            " · private records left out"
        } else {
            ""
        }
    );
    // Journal text reaches the document through `escape`, which removes control characters;
    // should any other path ever bring one, it goes here.
    if o.chars().any(is_stray_control) {
        o.retain(|c| !is_stray_control(c));
    }
    o
}

/// One row a section in the framework's summary table, nested sections indented.
fn summary(o: &mut String, s: &SectionView) {
    let _ = writeln!(
        o,
        "<tr class=\"d{}\"><td>{}</td><td class=\"n\">{}/{}</td><td class=\"b\">{}</td></tr>",
        s.depth.min(3),
        escape(s.section.title.trim_end_matches(':')),
        s.progress.achieved,
        s.progress.total,
        bar(s.progress.percent())
    );
    for c in &s.sections {
        summary(o, c);
    }
}

/// The ticks of a section and of the sections under it, under the section's path.
fn section(o: &mut String, s: &SectionView, path: &mut Vec<String>) {
    path.push(escape(s.section.title.trim_end_matches(':')));
    if !s.ticks.is_empty() {
        let _ = writeln!(
            o,
            "<h4>{}</h4>\n<table class=\"ticks\"><thead><tr><th>Item achieved</th><th>Date</th><th>Evidence</th></tr></thead><tbody>",
            path.join(" <span class=\"muted\">›</span> ")
        );
        for t in &s.ticks {
            tick(o, t);
        }
        o.push_str("</tbody></table>\n");
    }
    for c in s.sections.iter().filter(|c| has_ticks(c)) {
        section(o, c, path);
    }
    path.pop();
}

fn tick(o: &mut String, t: &TickView) {
    let (first, points) = item_points(&t.text);
    let mut item = escape(first);
    if !points.is_empty() {
        let _ = write!(
            item,
            "<ul class=\"points\">{}</ul>",
            points
                .iter()
                .map(|p| format!("<li>{}</li>", escape(p)))
                .collect::<String>()
        );
    }
    if !t.item.codes.is_empty() {
        let _ = write!(
            item,
            " <span class=\"code\">{}</span>",
            escape(&t.item.codes.join(", "))
        );
    }
    let mut date = t.tick.date.to_string();
    if let Some(l) = &t.tick.level {
        let _ = write!(date, "<br>Level {}", escape(l));
    }
    let mut ev: Vec<String> = t
        .evidence
        .iter()
        .map(|e| format!("<li>{}</li>", evidence(e)))
        .collect();
    if let Some(v) = &t.tick.verification {
        ev.push(format!("<li>{}</li>", verification(v)));
    }
    let ev = if ev.is_empty() {
        "<span class=\"none\">No evidence recorded</span>".to_string()
    } else {
        format!("<ul class=\"ev\">{}</ul>", ev.join(""))
    };
    let _ = writeln!(o, "<tr><td>{item}</td><td>{date}</td><td>{ev}</td></tr>");
}

/// A public key line's SHA-256 fingerprint, as `ssh-keygen -l` shows it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"more\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"
        );
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn escape_drops_control_characters_and_sequences_whole() {
        assert_eq!(
            escape("a\u{1b}[31m<b>\u{1b}[0m\u{7}\u{c}\u{0}\u{85}\r\tz"),
            "a&lt;b&gt;\n\n\n\tz"
        );
        assert_eq!(paras("one\r\n\r\ntwo\u{c}"), "<p>one</p><p>two</p>");
    }

    #[test]
    fn a_css_string_cannot_end_itself_or_the_style_element() {
        assert_eq!(css_string("Jo Taylor"), "\"Jo Taylor\"");
        let s = css_string("a\"}</style><script>\\\n\u{1b}[2Jé");
        assert_eq!(
            s,
            "\"a\\22 \\7d \\3c \\2f style\\3e \\3c script\\3e \\5c \\a é\""
        );
        assert!(!s.contains("</style>") && !s[1..s.len() - 1].contains('"'));
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(paras("a\nb\n\nc"), "<p>a<br>b</p><p>c</p>");
        assert_eq!(paras("<b>"), "<p>&lt;b&gt;</p>");
        assert_eq!(cell(""), "<span class=\"none\">—</span>");
    }
}
