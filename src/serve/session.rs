//! One connection's session: its own screen (size, tab, cursor, review state) on its own
//! view of the journal, locked to the member who signed in, drawn to the SSH channel. It
//! runs on a thread of its own, so a slow or vanished client stalls nobody else; what it
//! sends waits in a short queue, and a client that reads nothing for a while is let go.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self as term_event, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste,
    EnableMouseCapture, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc::error::TrySendError;

use super::hub::{Hub, Notice};
use super::input::Parser;
use crate::journal::Journal;
use crate::store::Store;
use crate::tui::Tui;
use crate::ui::{Theme, View};

/// What reaches a session.
#[derive(Debug)]
pub enum Event {
    /// Bytes the client typed.
    Data(Vec<u8>),
    /// The client's window changed size.
    Resize(u16, u16),
    /// The client closed the channel.
    Closed,
    Notice(Notice),
}

/// The largest screen drawn (a frame's bytes are bounded by it).
pub const MAX_SIZE: (u16, u16) = (500, 200);
/// How long a frame may wait for a client that does not read before the session ends.
const SLOW_CLIENT: Duration = Duration::from_secs(15);
/// Frames waiting to go out, at most.
pub const QUEUE: usize = 8;

pub fn clamp_size(w: u32, h: u32) -> (u16, u16) {
    (
        w.clamp(1, MAX_SIZE.0 as u32) as u16,
        h.clamp(1, MAX_SIZE.1 as u32) as u16,
    )
}

/// The channel to the client, as the terminal writes to it: a frame is sent whole on flush.
struct Out {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<Vec<u8>>,
}

impl Write for Out {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut data = std::mem::take(&mut self.buf);
        let deadline = Instant::now() + SLOW_CLIENT;
        loop {
            match self.tx.try_send(data) {
                Ok(()) => return Ok(()),
                Err(TrySendError::Full(d)) => {
                    if Instant::now() > deadline {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "the client stopped reading",
                        ));
                    }
                    data = d;
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TrySendError::Closed(_)) => {
                    return Err(io::Error::new(
                        io::ErrorKind::BrokenPipe,
                        "the connection is closed",
                    ));
                }
            }
        }
    }
}

/// What a session starts from.
pub struct Start {
    pub id: u64,
    pub store: Store,
    pub today: chrono::NaiveDate,
    pub owner_name: String,
    /// The member signed in (id).
    pub member: String,
    pub size: (u16, u16),
    pub idle: Duration,
    pub hub: Arc<Hub>,
    pub events: Receiver<Event>,
    pub out: tokio::sync::mpsc::Sender<Vec<u8>>,
}

/// Run the session until its person quits, the client goes, or it idles out; says why.
pub fn run(s: Start) -> String {
    let Start {
        id,
        store,
        today,
        owner_name,
        member,
        size,
        idle,
        hub,
        events,
        out,
    } = s;
    let mut journal = Journal::open(store, today);
    journal.set_owner_name(owner_name);
    let mut t = Tui::new(journal, false);
    if let Err(e) = t.lock_to_member(&member) {
        let mut o = Out {
            buf: Vec::new(),
            tx: out,
        };
        let _ = write!(o, "mentorlog: {e}\r\n");
        let _ = o.flush();
        return format!("refused: {e}");
    }
    t.app.key_hints = t.keymap.hints();
    t.app.set_presence(&t.journal, hub.others(id));
    let theme = Theme::default();
    let keymap = t.keymap.clone();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let backend = CrosstermBackend::new(Out {
        buf: Vec::new(),
        tx: out,
    });
    let area = Rect::new(0, 0, size.0, size.1);
    let Ok(mut term) = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    ) else {
        return "could not start the screen".into();
    };
    t.size = size;
    if execute!(
        term.backend_mut(),
        terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide,
        terminal::Clear(terminal::ClearType::All)
    )
    .is_err()
    {
        return "the client went before the first frame".into();
    }
    let reason = serve_screen(&mut t, &mut term, &view, id, &hub, &events, idle);
    let _ = execute!(
        term.backend_mut(),
        DisableMouseCapture,
        DisableBracketedPaste,
        cursor::Show,
        terminal::LeaveAlternateScreen
    );
    let _ = write!(term.backend_mut(), "mentorlog: {reason}\r\n");
    let _ = term.backend_mut().flush();
    reason
}

fn serve_screen(
    t: &mut Tui,
    term: &mut Terminal<CrosstermBackend<Out>>,
    view: &View,
    id: u64,
    hub: &Hub,
    events: &Receiver<Event>,
    idle: Duration,
) -> String {
    let mut parser = Parser::default();
    let mut last_input = Instant::now();
    let mut place = None;
    let mut dirty = true;
    loop {
        if dirty {
            if let Err(e) = term.draw(|f| t.frame(f, view)) {
                return format!("the connection failed: {e}");
            }
            dirty = false;
            let now = t.app.place(&t.journal);
            if now != place {
                hub.moved(id, now.clone());
                place = now;
            }
        }
        let first = match events.recv_timeout(Duration::from_secs(1)) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout) => {
                if last_input.elapsed() > idle {
                    let secs = idle.as_secs();
                    return if secs < 60 {
                        format!("closed after {secs} seconds without a key")
                    } else {
                        format!("closed after {} minutes without a key", secs.div_ceil(60))
                    };
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return "the connection closed".into(),
        };
        // Everything waiting is taken before the next frame: typing fast costs one frame.
        let mut batch = vec![first];
        batch.extend(events.try_iter());
        let generation = t.journal.generation();
        let mut reload: Option<Vec<std::path::PathBuf>> = None;
        for ev in batch {
            match ev {
                Event::Data(bytes) => {
                    last_input = Instant::now();
                    for e in parser.feed(&bytes) {
                        take(t, e);
                    }
                }
                Event::Resize(w, h) => {
                    if term.resize(Rect::new(0, 0, w, h)).is_err() {
                        return "the connection failed".into();
                    }
                    t.size = (w, h);
                }
                Event::Closed => return "the connection closed".into(),
                Event::Notice(Notice::Changed) => {
                    reload.get_or_insert_with(Vec::new);
                }
                Event::Notice(Notice::External(paths)) => {
                    reload.get_or_insert_with(Vec::new).extend(paths);
                }
                Event::Notice(Notice::Presence) => {
                    let others = hub.others(id);
                    t.app.set_presence(&t.journal, others);
                }
                Event::Notice(Notice::Stop) => return "the server stopped".into(),
            }
        }
        // This session wrote: the others read it now, not when the file watcher settles.
        if t.journal.generation() != generation {
            hub.changed(id);
        }
        if let Some(paths) = reload {
            t.external_change(&paths);
            // Following someone: their place may only now exist here.
            let others = hub.others(id);
            t.app.set_presence(&t.journal, others);
        }
        dirty = true;
        if t.app.quit {
            return "signed out".into();
        }
    }
}

/// One thing the client typed or clicked. Whatever it is, the screen is locked to its
/// member: $EDITOR and the shell are refused by `Tui` itself.
fn take(t: &mut Tui, e: term_event::Event) {
    match e {
        term_event::Event::Key(k) => {
            let _ = t.key(k);
        }
        term_event::Event::Paste(text) => t.paste(&text),
        term_event::Event::Mouse(m)
            if matches!(
                m.kind,
                MouseEventKind::Down(_) | MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
            ) =>
        {
            t.mouse(m)
        }
        _ => {}
    }
}
