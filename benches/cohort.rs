//! The coordinator's view at scale: 30 mentors' bundles of 10 partnerships each (made from
//! the large demo journal, each signed with its own Ed25519 key), read, their signatures
//! checked and the cohort's rows made, as `mentorlog cohort DIR` does before its first
//! frame. Run: `cargo bench --bench cohort`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::export::bundle;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal};
use mentorlog::store::Store;
use russh::keys::PrivateKey;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::{HashAlg, LineEnding};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn bundles(dir: &std::path::Path) -> Vec<PathBuf> {
    let store = Store::new(dir.join("journal"));
    write_demo(&store, Size::Large, today()).unwrap();
    let j = Journal::open(store, today());
    let r = j.reader(Audience::Review);
    let all = r.partnerships();
    let mut out = Vec::new();
    for m in 0..30 {
        let ten: Vec<_> = (0..10).map(|i| all[(m * 10 + i) % all.len()]).collect();
        let mut doc = bundle::bundle(&r, &ten, today());
        doc["mentor"]["name"] = format!("Mentor {m:02}").into();
        let key = PrivateKey::from(Ed25519Keypair::from_seed(&[m as u8 + 1; 32]));
        let sig = key
            .sign(
                mentorlog::model::signature::NAMESPACE,
                HashAlg::Sha512,
                &bundle::signed_bytes(&doc),
            )
            .unwrap()
            .to_pem(LineEnding::LF)
            .unwrap();
        let line = key.public_key().to_openssh().unwrap();
        bundle::attach_signature(&mut doc, &format!("Mentor {m:02}"), &line, &sig);
        let path = dir.join(format!("bundles/mentor-{m:02}.json"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        out.push(path);
    }
    out
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let paths = bundles(dir.path());
    let folder = vec![dir.path().join("bundles")];
    let bytes: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    eprintln!("30 bundles, {} partnerships, {} KiB", 300, bytes / 1024);
    let mut group = c.benchmark_group("cohort");
    group.sample_size(10);
    group.bench_function(
        "30 mentors x 10 partnerships: read, check every signature, make the rows",
        |b| {
            b.iter(|| {
                let files = mentorlog::cohort::files(&folder).unwrap();
                let read: Vec<_> = files
                    .iter()
                    .map(|f| mentorlog::cohort::read(f).unwrap())
                    .collect();
                assert!(
                    read.iter()
                        .all(|b| matches!(b.signature, bundle::BundleSignature::Holds { .. }))
                );
                black_box(mentorlog::cohort::rows(&read, &Default::default()))
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
