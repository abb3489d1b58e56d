//! What the full screen holds in memory on the large demo journal, part by part, counted by
//! a counting allocator (heap bytes live after each step, and the peak during one), not
//! timed. Run: `cargo bench --bench memory` (SCALE=10 for the large demo at `--scale 10`).
//! The process's whole resident size (code, stacks) is measured by `benches/scale.sh`.

#[path = "common/demo.rs"]
mod demo;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use mentorlog::journal::search::Index;
use mentorlog::journal::{Audience, Journal};

/// Counts the bytes allocated and not yet freed, and the most there were.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to the system allocator; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        grew(n);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// The heap `f` takes at its peak, above what was live when it started.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = live();
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - base)
}

fn mib(n: usize) -> String {
    format!("{:.2} MiB", n as f64 / 1048576.0)
}

fn main() {
    let (_dir, store, today, scale) = demo::large_demo();
    // The cache trusts no folder changed in the last two seconds.
    std::thread::sleep(std::time::Duration::from_secs(3));
    println!("large demo journal at {scale}x, heap bytes:");

    let base = live();
    let whole = Journal::open(store.clone(), today);
    let read = live() - base;
    let index = Index::build(&whole.reader(Audience::Owner), None);
    println!("  every record read whole: {}", mib(read));
    println!("  its search index: {}", mib(live() - base - read));
    drop(index);
    drop(whole);

    let (_, cold) = peak_of(|| Journal::refresh_caches(&store, today));
    let (_, warm) = peak_of(|| Journal::refresh_caches(&store, today));
    println!(
        "  bringing the caches up to date, at its peak: {} with no cache, {} with one up to date",
        mib(cold),
        mib(warm)
    );

    // What the full screen holds once its background work is done.
    let base = live();
    let mut shown = Journal::open_shown(store.clone(), today, None, 60);
    let first = live() - base;
    shown.background_loaded(Journal::read_summaries(&store));
    let listed = live() - base;
    let (parts, search_peak) = peak_of(|| shown.search_parts(None).unwrap());
    let index = Index::from_parts(shown.frameworks(), parts, None);
    println!("  full screen, first frame's read: {}", mib(first));
    println!(
        "  full screen, with every partnership's summary: {}",
        mib(listed)
    );
    println!(
        "  full screen, with its search index from the cache: {} (peak while making it: {})",
        mib(live() - base),
        mib(listed + search_peak)
    );
    drop(index);
    drop(shown);
}
