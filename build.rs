//! A fingerprint of the sources, for the cache (`store::cache::build`): entries worked out
//! by one build of mentorlog are not trusted by another, which may work them out otherwise.
//! Every program built from these sources (mentorlog and its tests) has the same one.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn add(dir: &Path, h: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            add(&p, h);
        } else if let Ok(bytes) = std::fs::read(&p) {
            p.hash(h);
            bytes.hash(h);
        }
    }
}

fn main() {
    let mut h = DefaultHasher::new();
    for dir in ["src", "frameworks", "assets"] {
        println!("cargo:rerun-if-changed={dir}");
        add(Path::new(dir), &mut h);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    if let Ok(lock) = std::fs::read("Cargo.lock") {
        lock.hash(&mut h);
    }
    println!("cargo:rustc-env=MENTORLOG_BUILD={:016x}", h.finish());
}
