//! A document read through a window: the rows from an `Anchor` down, word-wrapped to the
//! window's width, with a scrollbar when it overflows. Only the rows on screen (and, to scroll,
//! the few around them) are ever wrapped: a long text is cut into segments (its lines, and
//! pieces of at most a few kilobytes of a line longer than that) and wrapped a segment at a
//! time, so a note of 100 MB opens, scrolls and goes to its end as fast as a short one, and
//! nothing of it is copied but the rows drawn.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::app::{Anchor, ScrollTo};

/// One piece of a document.
pub enum Block<'a> {
    /// A styled line, word-wrapped; the rows after its first are indented by this many columns.
    Wrap(Line<'a>, u16),
    /// One row as it is (cut at the width): a widget's row, drawn beforehand.
    Row(Line<'a>),
    /// A long plain text in this style, wrapped a segment at a time.
    Text(&'a str, Style),
}

/// What a window shows: blocks, one after the other.
#[derive(Default)]
pub struct Doc<'a> {
    pub blocks: Vec<Block<'a>>,
}

/// The scrollbar's thumb, on the right border: a half block, so it stands apart from a
/// full progress bar ending beside it, in colour or not.
pub const THUMB: &str = "▐";

/// Rows a turn of the mouse wheel scrolls.
pub const WHEEL_ROWS: usize = 3;

/// The most a segment of a long line holds before it is cut (a line longer than this is
/// wrapped in pieces, each starting a row).
const SEG: usize = 16 * 1024;

impl<'a> Doc<'a> {
    pub fn new() -> Doc<'a> {
        Doc::default()
    }

    pub fn push(&mut self, b: Block<'a>) {
        self.blocks.push(b);
    }

    /// A styled line, wrapped.
    pub fn line(&mut self, line: impl Into<Line<'a>>) {
        self.blocks.push(Block::Wrap(line.into(), 0));
    }

    /// A styled line, wrapped, its later rows indented.
    pub fn hanging(&mut self, line: impl Into<Line<'a>>, indent: u16) {
        self.blocks.push(Block::Wrap(line.into(), indent));
    }

    pub fn blank(&mut self) {
        self.blocks.push(Block::Row(Line::default()));
    }

    /// A plain text of any length (its lines kept as lines).
    pub fn text(&mut self, text: &'a str) {
        self.blocks.push(Block::Text(text, Style::default()));
    }

    /// The end of the document (past its last row).
    fn end(&self) -> Anchor {
        Anchor {
            block: self.blocks.len(),
            at: 0,
        }
    }

    /// The unit of rows holding byte `at` of `block`: a whole line, or a segment of a text.
    fn unit(&self, block: usize, at: usize, w: usize) -> Unit {
        match &self.blocks[block] {
            Block::Row(_) => Unit {
                starts: vec![0],
                end: 0,
                prev: None,
                next: None,
            },
            Block::Wrap(line, indent) => {
                let text = plain(line);
                Unit {
                    starts: row_starts(&text, 0, text.len(), w, *indent as usize),
                    end: text.len(),
                    prev: None,
                    next: None,
                }
            }
            Block::Text(text, _) => {
                let at = floor_boundary(text, at.min(text.len().saturating_sub(1)));
                let s = seg_start(text, at);
                let (e, next) = seg_end(text, s);
                let prev = (s > 0).then(|| seg_start(text, floor_boundary(text, s - 1)));
                Unit {
                    starts: row_starts(text, s, e, w, 0),
                    end: e,
                    prev,
                    next,
                }
            }
        }
    }

    /// Whether a block has no rows (an empty text).
    fn is_empty(&self, block: usize) -> bool {
        matches!(self.blocks.get(block), Some(Block::Text(t, _)) if t.is_empty())
    }

    /// The first block at or after `block` that has rows.
    fn next_block(&self, mut block: usize) -> Anchor {
        while block < self.blocks.len() && self.is_empty(block) {
            block += 1;
        }
        Anchor { block, at: 0 }
    }

    /// Where the unit after `u` (in block `block`) starts.
    fn after(&self, block: usize, u: &Unit) -> Anchor {
        match u.next {
            Some(at) => Anchor { block, at },
            None => self.next_block(block + 1),
        }
    }

    /// The start of the last row of `block`.
    fn last_row(&self, block: usize, w: usize) -> Anchor {
        let at = match &self.blocks[block] {
            Block::Text(t, _) => t.len(),
            _ => 0,
        };
        let u = self.unit(block, at, w);
        Anchor {
            block,
            at: *u.starts.last().unwrap_or(&0),
        }
    }

    /// The top of the document (its first row).
    pub fn top(&self) -> Anchor {
        self.next_block(0)
    }

    /// `a` moved to the start of the row it falls in (a text may have changed, or the width).
    pub fn align(&self, a: Anchor, w: usize) -> Anchor {
        let a = self.next_block(a.block.min(self.blocks.len())).max(a);
        if a.block >= self.blocks.len() {
            return self.end();
        }
        let u = self.unit(a.block, a.at, w);
        Anchor {
            block: a.block,
            at: u.starts[u.index(a.at)],
        }
    }

    /// `n` rows further down from `a` (at most to the end).
    pub fn forward(&self, a: Anchor, n: usize, w: usize) -> Anchor {
        let mut a = self.align(a, w);
        let mut left = n;
        while left > 0 && a.block < self.blocks.len() {
            let u = self.unit(a.block, a.at, w);
            let i = u.index(a.at);
            let rest = u.starts.len() - 1 - i;
            if left <= rest {
                a.at = u.starts[i + left];
                return a;
            }
            left -= rest + 1;
            a = self.after(a.block, &u);
        }
        a
    }

    /// `n` rows further up from `a` (at most to the top).
    pub fn back(&self, a: Anchor, n: usize, w: usize) -> Anchor {
        let mut a = self.align(a, w);
        let mut left = n;
        while left > 0 {
            if a.block >= self.blocks.len() || a.at == 0 {
                // The first row of a block (or the end): onto the last row of the one before.
                let Some(b) = (0..a.block.min(self.blocks.len()))
                    .rev()
                    .find(|b| !self.is_empty(*b))
                else {
                    return a;
                };
                a = self.last_row(b, w);
                left -= 1;
                continue;
            }
            let u = self.unit(a.block, a.at, w);
            let i = u.index(a.at);
            if left <= i {
                a.at = u.starts[i - left];
                return a;
            }
            left -= i;
            a.at = u.starts[0];
            if let Some(p) = u.prev {
                let pu = self.unit(a.block, p, w);
                a.at = *pu.starts.last().unwrap_or(&p);
                left -= 1;
            }
        }
        a
    }

    /// The anchor that shows the last `h` rows: as far as the document scrolls.
    pub fn bottom(&self, h: usize, w: usize) -> Anchor {
        self.back(self.end(), h, w)
    }

    /// `a`, within what the document can scroll to in a window of `h` rows.
    pub fn clamp(&self, a: Anchor, h: usize, w: usize) -> Anchor {
        self.align(a, w).min(self.bottom(h, w))
    }

    /// Whether the document has more rows than a window of `h` shows.
    pub fn overflows(&self, h: usize, w: usize) -> bool {
        self.bottom(h, w) != self.top()
    }

    /// Where each scroll key takes a window of `w` x `h` scrolled to `a`.
    pub fn targets(&self, a: Anchor, w: usize, h: usize) -> ScrollTo {
        let bottom = self.bottom(h, w);
        let a = self.align(a, w).min(bottom);
        let page = h.saturating_sub(1).max(1);
        let down = |n: usize| self.forward(a, n, w).min(bottom);
        ScrollTo {
            up: self.back(a, 1, w),
            down: down(1),
            page_up: self.back(a, page, w),
            page_down: down(page),
            top: self.top(),
            bottom,
            wheel_up: self.back(a, WHEEL_ROWS, w),
            wheel_down: down(WHEEL_ROWS),
        }
    }

    /// The rows of a window `w` wide, `h` high, from `a` down.
    pub fn rows(&self, a: Anchor, h: usize, w: usize) -> Vec<Line<'a>> {
        let mut out = Vec::with_capacity(h.min(1000));
        let mut a = self.align(a, w);
        while out.len() < h && a.block < self.blocks.len() {
            let u = self.unit(a.block, a.at, w);
            for n in u.index(a.at)..u.starts.len() {
                if out.len() == h {
                    break;
                }
                let end = u.starts.get(n + 1).copied().unwrap_or(u.end);
                out.push(self.row(a.block, u.starts[n], end));
            }
            a = self.after(a.block, &u);
        }
        out
    }

    /// The row of `block` from byte `start` to `next` (the next row's start, or its unit's end).
    fn row(&self, block: usize, start: usize, next: usize) -> Line<'a> {
        match &self.blocks[block] {
            Block::Row(line) => line.clone(),
            Block::Wrap(line, indent) => {
                let text = plain(line);
                let end = content_end(&text, start, next);
                let mut spans = Vec::new();
                if start > 0 && *indent > 0 {
                    spans.push(Span::raw(" ".repeat(*indent as usize)));
                }
                let mut pos = 0;
                for s in &line.spans {
                    let (a, b) = (pos, pos + s.content.len());
                    pos = b;
                    let (lo, hi) = (start.max(a), end.min(b));
                    if lo < hi {
                        spans.push(Span::styled(shown(&s.content[lo - a..hi - a]), s.style));
                    }
                }
                Line::from(spans).style(line.style)
            }
            Block::Text(text, style) => {
                let end = content_end(text, start, next);
                Line::from(Span::styled(shown(&text[start..end]), *style))
            }
        }
    }

    /// How much of the document lies above `a`, in a window of `h` rows from it, and in all,
    /// for a scrollbar: in rows for a short document, in bytes for a long one (counting its
    /// rows would mean wrapping it whole).
    fn measure(&self, a: Anchor, h: usize, w: usize) -> (usize, usize, usize) {
        let bytes: usize = self.blocks.iter().map(size).sum();
        if bytes <= 64 * 1024 {
            let (mut above, mut total) = (0, 0);
            let mut p = self.top();
            while p.block < self.blocks.len() {
                let u = self.unit(p.block, p.at, w);
                above += u
                    .starts
                    .iter()
                    .filter(|s| {
                        Anchor {
                            block: p.block,
                            at: **s,
                        } < a
                    })
                    .count();
                total += u.starts.len();
                p = self.after(p.block, &u);
            }
            return (above, h.min(total.saturating_sub(above)), total);
        }
        let offset = |a: Anchor| -> usize {
            self.blocks[..a.block.min(self.blocks.len())]
                .iter()
                .map(size)
                .sum::<usize>()
                + a.at
        };
        let above = offset(a);
        let below = offset(self.forward(a, h, w));
        (above, below.saturating_sub(above), bytes)
    }
}

/// The rows of one unit, and where the units before and after it start (in a text).
struct Unit {
    starts: Vec<usize>,
    /// Where the unit's text ends (before its line end).
    end: usize,
    prev: Option<usize>,
    next: Option<usize>,
}

impl Unit {
    /// The row `at` falls in.
    fn index(&self, at: usize) -> usize {
        self.starts.iter().rposition(|s| *s <= at).unwrap_or(0)
    }
}

/// The size of a block, as the scrollbar of a long document counts it.
fn size(b: &Block) -> usize {
    match b {
        Block::Text(t, _) => t.len(),
        Block::Wrap(l, _) | Block::Row(l) => {
            l.spans.iter().map(|s| s.content.len()).sum::<usize>() + 1
        }
    }
}

/// A line's text, its spans joined.
fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// What a row shows of its text: a tab as a space, no other control character.
fn shown(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn char_width(c: char) -> usize {
    match c {
        '\t' | '\n' | '\r' => 1,
        c if c.is_control() => 0,
        c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
    }
}

fn breaks_at(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The first row of `s` in `w` columns: where its text ends, and where the next row starts
/// (after the space it broke at). Words wrap; a word longer than the row is cut.
fn row_end(s: &str, w: usize) -> (usize, usize) {
    let w = w.max(1);
    let mut used = 0;
    let mut space: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let cw = char_width(c);
        if used + cw > w {
            if breaks_at(c) {
                return (i, i + c.len_utf8());
            }
            if let Some(sp) = space.filter(|sp| *sp > 0) {
                return (sp, sp + 1);
            }
            if i == 0 {
                return (c.len_utf8(), c.len_utf8());
            }
            return (i, i);
        }
        if breaks_at(c) {
            space = Some(i);
        }
        used += cw;
    }
    (s.len(), s.len())
}

/// Where each row of `text[s..e]` starts, wrapped to `w` columns (later rows `indent` less).
fn row_starts(text: &str, s: usize, e: usize, w: usize, indent: usize) -> Vec<usize> {
    let mut starts = vec![s];
    let mut pos = s;
    let later = w.saturating_sub(indent).max(1);
    while pos < e {
        let width = if pos == s { w } else { later };
        let (_, next) = row_end(&text[pos..e], width);
        pos += next;
        if pos >= e {
            break;
        }
        starts.push(pos);
    }
    starts
}

/// Where the text of the row from `start` ends, the next row starting at `next`: a row that
/// broke at a space does not show it.
fn content_end(text: &str, start: usize, next: usize) -> usize {
    let end = floor_boundary(text, next.max(start));
    if end > start && text[start..end].ends_with(breaks_at) {
        end - 1
    } else {
        end
    }
}

fn floor_boundary(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a line longer than a segment may be cut: about every `SEG` bytes.
fn point(t: &str, k: usize) -> usize {
    floor_boundary(t, k.saturating_mul(SEG))
}

/// The chunk holding byte `at`: the last `k` with `point(k) <= at`.
fn chunk_of(t: &str, at: usize) -> usize {
    let k = at / SEG;
    if point(t, k + 1) <= at { k + 1 } else { k }
}

/// Whether the line running through `point(k)` is cut there: it has run for a whole chunk.
fn forced(t: &str, k: usize) -> bool {
    k > 0 && point(t, k) < t.len() && !t[point(t, k - 1)..point(t, k)].contains('\n')
}

/// The start of the segment holding byte `at` (< the text's length).
fn seg_start(t: &str, at: usize) -> usize {
    let k = chunk_of(t, at);
    let c = point(t, k);
    if let Some(i) = t[c..at].rfind('\n') {
        return c + i + 1;
    }
    if k == 0 || forced(t, k) {
        return c;
    }
    let p = point(t, k - 1);
    t[p..c].rfind('\n').map_or(p, |i| p + i + 1)
}

/// The end of the text of the segment from `s`, and where the next one starts (none at the
/// end of the text).
fn seg_end(t: &str, s: usize) -> (usize, Option<usize>) {
    let mut k = chunk_of(t, s) + 1;
    loop {
        let hi = point(t, k).max(s);
        if let Some(i) = t[s..hi].find('\n') {
            let next = s + i + 1;
            return (s + i, (next < t.len()).then_some(next));
        }
        if hi >= t.len() {
            return (t.len(), None);
        }
        if forced(t, k) {
            return (hi, Some(hi));
        }
        k += 1;
    }
}

/// Draw `doc` from `anchor` in `area`; when it overflows, a scrollbar on the right border of
/// `frame_rect` (the block around `area`).
pub fn draw(frame: &mut Frame, area: Rect, frame_rect: Rect, doc: &Doc, anchor: Anchor) {
    let (w, h) = (area.width as usize, area.height as usize);
    if w == 0 || h == 0 {
        return;
    }
    let bottom = doc.bottom(h, w);
    let a = doc.align(anchor, w).min(bottom);
    frame.render_widget(Paragraph::new(doc.rows(a, h, w)), area);
    if bottom != doc.top() {
        bar(frame.buffer_mut(), frame_rect, doc.measure(a, h, w));
    }
}

/// The rectangle of the border around `inner` (a block with borders on every side).
pub fn around(inner: Rect) -> Rect {
    Rect::new(
        inner.x.saturating_sub(1),
        inner.y.saturating_sub(1),
        inner.width.saturating_add(2),
        inner.height.saturating_add(2),
    )
}

/// A scrollbar on the right border of `r`, for a window showing `shown` of `total` after
/// `above`.
pub fn bar(buf: &mut Buffer, r: Rect, (above, shown, total): (usize, usize, usize)) {
    if r.height < 3 || r.width < 2 || total <= shown {
        return;
    }
    let track = Rect::new(r.right() - 1, r.y + 1, 1, r.height - 2);
    let mut state = ScrollbarState::new(total.saturating_sub(shown) + 1)
        .position(above)
        .viewport_content_length(shown.max(1));
    ratatui::widgets::StatefulWidget::render(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_symbol(THUMB),
        track,
        buf,
        &mut state,
    );
}

/// A scrollbar for a list drawn in `rows` (its rows from `first`, of `total`), on the border
/// just right of it, when the list does not fit.
pub fn list_bar(buf: &mut Buffer, rows: Rect, first: usize, total: usize) {
    let shown = (rows.height as usize).min(total.saturating_sub(first));
    let r = Rect::new(
        rows.x,
        rows.y.saturating_sub(1),
        rows.width.saturating_add(1),
        rows.height.saturating_add(2),
    );
    if r.right() <= buf.area.right() && r.bottom() <= buf.area.bottom() {
        bar(buf, r, (first, shown, total));
    }
}

/// The rows of a buffer as lines (for a widget drawn beforehand into a document).
pub fn buffer_lines(buf: &Buffer) -> Vec<Line<'static>> {
    let a = buf.area;
    (a.y..a.bottom())
        .map(|y| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut skip = 0;
            for x in a.x..a.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let cell = &buf[(x, y)];
                let sym = cell.symbol();
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                let style = cell.style();
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(sym),
                    _ => spans.push(Span::styled(sym.to_string(), style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Doc, a: Anchor, h: usize, w: usize) -> Vec<String> {
        doc.rows(a, h, w).iter().map(|l| plain(l)).collect()
    }

    #[test]
    fn rows_wrap_words_and_cut_long_ones() {
        assert_eq!(row_starts("use open questions", 0, 18, 9, 0), vec![0, 9]);
        assert_eq!(row_starts("abcdefghij", 0, 10, 4, 0), vec![0, 4, 8]);
        let mut d = Doc::new();
        d.text("use open questions\n\nabcdefghij");
        assert_eq!(
            texts(&d, Anchor::default(), 10, 8),
            vec!["use open", "question", "s", "", "abcdefgh", "ij"]
        );
    }

    #[test]
    fn forward_back_and_bottom_agree_with_the_rows() {
        let text: String = (0..200)
            .map(|i| format!("line {i} of the notes\n"))
            .collect();
        let mut d = Doc::new();
        d.line("Header");
        d.blank();
        d.text(&text);
        d.hanging(
            Line::raw("  [ ] an action item that wraps onto a second row"),
            6,
        );
        let (w, h) = (20, 5);
        let all = texts(&d, Anchor::default(), 10_000, w);
        let mut a = Anchor::default();
        for n in 0..all.len() {
            assert_eq!(texts(&d, a, 1, w), vec![all[n].clone()], "row {n}");
            let next = d.forward(a, 1, w);
            if n + 1 < all.len() {
                assert_eq!(d.back(next, 1, w), a, "back from row {}", n + 1);
            }
            a = next;
        }
        let bottom = d.bottom(h, w);
        assert_eq!(texts(&d, bottom, h, w), all[all.len() - h..].to_vec());
        assert_eq!(d.back(bottom, 10_000, w), Anchor::default());
        assert_eq!(d.clamp(d.end(), h, w), bottom);
        assert!(all.last().unwrap().starts_with("      "), "{all:?}");
    }

    #[test]
    fn a_line_longer_than_a_segment_is_wrapped_in_pieces() {
        let text = "word ".repeat(10_000) + "\nlast line";
        let mut d = Doc::new();
        d.text(&text);
        let w = 37;
        let all = texts(&d, Anchor::default(), 100_000, w);
        assert_eq!(all.last().unwrap(), "last line");
        assert!(
            all.iter()
                .all(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) <= w)
        );
        let joined: String = all.concat();
        assert_eq!(joined.matches("word").count(), 10_000);
        let mut a = Anchor::default();
        let mut n = 0;
        while a.block < d.blocks.len() {
            let next = d.forward(a, 1, w);
            if next.block < d.blocks.len() {
                assert_eq!(d.back(next, 1, w), a);
            }
            a = next;
            n += 1;
        }
        assert_eq!(n, all.len());
    }

    #[test]
    fn wide_characters_and_controls_never_overflow_or_panic() {
        let text = "質問質問質問\u{1b}[2J\tend\n\n\n";
        let mut d = Doc::new();
        d.text(text);
        for w in 1..10 {
            let rows = texts(&d, Anchor::default(), 100, w);
            assert!(rows.iter().all(|r| !r.contains('\u{1b}')));
            let b = d.bottom(3, w);
            assert!(d.back(b, 100, w) == Anchor::default());
        }
        // An anchor left inside a character (the text changed) is moved to its row.
        let a = d.align(Anchor { block: 0, at: 1 }, 4);
        assert_eq!(a, Anchor::default());
        let a = d.align(Anchor { block: 7, at: 99 }, 4);
        assert_eq!(a, d.end());
    }

    #[test]
    fn an_empty_text_has_no_rows() {
        let mut d = Doc::new();
        d.line("a");
        d.text("");
        d.line("b");
        assert_eq!(texts(&d, Anchor::default(), 5, 10), vec!["a", "b"]);
        assert_eq!(d.bottom(1, 10), Anchor { block: 2, at: 0 });
        assert_eq!(d.back(Anchor { block: 2, at: 0 }, 1, 10), Anchor::default());
    }
}
