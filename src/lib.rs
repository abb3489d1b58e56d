//! mentorlog: a terminal journal for mentoring and coaching in education.
//!
//! Layers depend downward only: `model` (domain types and pure rules), `framework` (framework
//! files, loading, validation, the bundled set), `store` (the data directory on disk),
//! `journal` (the journal core: every operation, and the reader's view that decides who sees
//! what), then the front ends' layers: `export`, `app` (the state of one screen), `ui`
//! (drawing), `cli` (the commands) and `tui` (the full-screen event loop).

pub mod app;
pub mod cli;
pub mod cohort;
pub mod editor;
pub mod export;
pub mod framework;
pub mod journal;
pub mod model;
pub mod serve;
pub mod signing;
pub mod store;
pub mod sync;
pub mod tui;
pub mod ui;
