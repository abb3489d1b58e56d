//! Sync off the screen's thread: the full-screen journal asks for a sync or for the state, a
//! thread runs git and sends back each step and the result; the screen reads them between
//! frames (drawing never waits on git, and never runs it).

use std::sync::mpsc::{Receiver, Sender, channel};

use super::{Report, State, Step};
use crate::store::Store;

/// What the thread says.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Step(Step),
    /// A sync ended: what it did, or why it stopped (in words).
    Done(Result<Report, String>),
    /// The state, asked for with `Background::state`.
    State(Result<State, String>),
}

/// The threads of one screen.
pub struct Background {
    tx: Sender<Event>,
    rx: Receiver<Event>,
    running: bool,
    /// States asked for and not yet told.
    asked: usize,
}

impl Default for Background {
    fn default() -> Background {
        let (tx, rx) = channel();
        Background {
            tx,
            rx,
            running: false,
            asked: 0,
        }
    }
}

impl Background {
    /// Start a sync of the journal at `store`; false when one is running already.
    pub fn sync(&mut self, store: &Store) -> bool {
        if self.running {
            return false;
        }
        self.running = true;
        // A store of its own: no notice on the terminal the screen owns.
        let store = Store::new(store.root());
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let step = {
                let tx = tx.clone();
                move |s: Step| {
                    let _ = tx.send(Event::Step(s));
                }
            };
            let result = super::sync(&store, true, &step).map_err(|e| e.to_string());
            let _ = tx.send(Event::Done(result));
        });
        true
    }

    /// Find out the state of the journal at `store` (an `Event::State` follows).
    pub fn state(&mut self, store: &Store) {
        self.asked += 1;
        let store = Store::new(store.root());
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Event::State(
                super::state(&store).map_err(|e| e.to_string()),
            ));
        });
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// Whether anything asked of the threads is still to come.
    pub fn busy(&self) -> bool {
        self.running || self.asked > 0
    }

    /// What the threads have said since last asked.
    pub fn events(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        while let Ok(e) = self.rx.try_recv() {
            match e {
                Event::Done(_) => self.running = false,
                Event::State(_) => self.asked = self.asked.saturating_sub(1),
                Event::Step(_) => {}
            }
            out.push(e);
        }
        out
    }
}
