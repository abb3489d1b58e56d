//! What the sessions of one server share: who is connected and where their screen is, and
//! word of a change, so a tick made in one session shows in every other at once. Each
//! session has its own screen and its own view of the journal (its member's, read from the
//! same data directory); the hub carries only these notices, never journal text.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::Sender;

use crate::app::presence::Presence;

/// What reaches a session from outside its own client.
#[derive(Debug)]
pub enum Notice {
    /// Another session wrote to the journal: read it again now.
    Changed,
    /// Files changed on disk (another process: the CLI, a local mentorlog).
    External(Vec<PathBuf>),
    /// Someone came, left or moved.
    Presence,
    /// The server is stopping.
    Stop,
}

struct Entry {
    name: String,
    place: Option<String>,
    tell: Sender<super::session::Event>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    sessions: BTreeMap<u64, Entry>,
}

#[derive(Default)]
pub struct Hub {
    inner: Mutex<Inner>,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A session that panicked holding the lock leaves the map whole: go on with it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new session of `name`, told of changes through `tell`.
    pub fn join(&self, name: &str, tell: Sender<super::session::Event>) -> u64 {
        let mut inner = self.lock();
        inner.next += 1;
        let id = inner.next;
        inner.sessions.insert(
            id,
            Entry {
                name: name.to_string(),
                place: None,
                tell,
            },
        );
        Self::tell_others(&inner, id, || Notice::Presence);
        id
    }

    pub fn leave(&self, id: u64) {
        let mut inner = self.lock();
        if inner.sessions.remove(&id).is_some() {
            Self::tell_others(&inner, id, || Notice::Presence);
        }
    }

    fn tell_others(inner: &Inner, from: u64, notice: impl Fn() -> Notice) {
        for (id, e) in &inner.sessions {
            if *id != from {
                let _ = e.tell.send(super::session::Event::Notice(notice()));
            }
        }
    }

    /// Session `from` wrote to the journal.
    pub fn changed(&self, from: u64) {
        Self::tell_others(&self.lock(), from, || Notice::Changed);
    }

    /// Files changed on disk: every session reads them.
    pub fn external(&self, paths: &[PathBuf]) {
        Self::tell_others(&self.lock(), 0, || Notice::External(paths.to_vec()));
    }

    /// Stop every session.
    pub fn stop(&self) {
        Self::tell_others(&self.lock(), 0, || Notice::Stop);
    }

    /// Session `from`'s screen is now at `place`.
    pub fn moved(&self, from: u64, place: Option<String>) {
        let mut inner = self.lock();
        let Some(e) = inner.sessions.get_mut(&from) else {
            return;
        };
        if e.place != place {
            e.place = place;
            Self::tell_others(&inner, from, || Notice::Presence);
        }
    }

    /// The others, for session `of`'s screen.
    pub fn others(&self, of: u64) -> Vec<Presence> {
        self.lock()
            .sessions
            .iter()
            .filter(|(id, _)| **id != of)
            .map(|(id, e)| Presence {
                session: *id,
                name: e.name.clone(),
                place: e.place.clone(),
            })
            .collect()
    }
}
