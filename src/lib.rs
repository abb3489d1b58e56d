//! mentorlog: a terminal journal for mentoring and coaching in education.
//!
//! Layers depend downward only: `model` (domain types and pure rules), `framework` (framework
//! files, loading, validation, the bundled set), `store` (the data directory on disk), `demo`
//! (the demo journal), `cli` (the commands).

pub mod app;
pub mod cli;
pub mod demo;
pub mod editor;
pub mod export;
pub mod framework;
pub mod import;
pub mod model;
pub mod report;
pub mod search;
pub mod store;
pub mod tui;
pub mod ui;
