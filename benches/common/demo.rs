//! The large demo journal the benches measure, at the scale `SCALE` asks for (default 1).

use mentorlog::journal::demo::{Size, write_demo_scaled};
use mentorlog::store::Store;

/// The large demo at `SCALE` times its size, in a temporary folder (kept while the first
/// value lives), with its store, the day it was written for, and the scale.
pub fn large_demo() -> (tempfile::TempDir, Store, chrono::NaiveDate, u32) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let scale = std::env::var("SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    write_demo_scaled(&store, Size::Large, scale, today).unwrap();
    (dir, store, today, scale)
}
