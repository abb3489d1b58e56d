//! Inside `mentorlog serve`: a change made in one session reaching another session's next
//! frame. Two sessions of the server's own kind (the mentor's and the mentee's, each on its
//! own thread with its own view of the demo journal, told of each other by the hub), with
//! the SSH transport left out: the mentor ticks an item (Space), and the time is taken until
//! the mentee's screen has sent its next frame. Run: `cargo bench --bench serve`.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::serve::hub::Hub;
use mentorlog::serve::session::{self, Event, Start};
use mentorlog::store::Store;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Side {
    tell: Sender<Event>,
    frames: tokio::sync::mpsc::Receiver<Vec<u8>>,
}

fn open(hub: &Arc<Hub>, store: &Store, member: &str, name: &str) -> Side {
    let (tell, events) = std::sync::mpsc::channel();
    let (out, frames) = tokio::sync::mpsc::channel(session::QUEUE);
    let id = hub.join(name, tell.clone());
    let start = Start {
        id,
        store: store.clone(),
        today: today(),
        owner_name: "Jo Taylor".into(),
        member: member.into(),
        size: (100, 30),
        idle: Duration::from_secs(3600),
        hub: hub.clone(),
        events,
        out,
    };
    std::thread::spawn(move || session::run(start));
    Side { tell, frames }
}

/// Take every frame waiting, and those that come within `quiet`.
fn drain(side: &mut Side, quiet: Duration) {
    let mut last = Instant::now();
    while last.elapsed() < quiet {
        if side.frames.try_recv().is_ok() {
            last = Instant::now();
        } else {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    write_demo(&store, Size::Small, today()).unwrap();
    let hub = Arc::new(Hub::default());
    let mut jo = open(&hub, &store, "jo-taylor", "Jo Taylor");
    let mut sam = open(&hub, &store, "sam-lee", "Sam Lee");
    // The mentor goes to Sam Lee's checklist, on its last item.
    for key in ["h", "j", "j", "4", "l", "G"] {
        jo.tell.send(Event::Data(key.as_bytes().to_vec())).unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }
    drain(&mut jo, Duration::from_millis(300));
    drain(&mut sam, Duration::from_millis(300));
    // The mentor's frames are taken as they come, as a client reads them.
    let Side {
        tell: jo_tell,
        frames: mut jo_frames,
    } = jo;
    std::thread::spawn(move || while jo_frames.blocking_recv().is_some() {});
    let mut group = c.benchmark_group("serve");
    group.sample_size(30);
    group.bench_function(
        "a tick in one session reaches the other session's next frame",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    jo_tell.send(Event::Data(b" ".to_vec())).unwrap();
                    let frame = sam.frames.blocking_recv().expect("a frame");
                    total += start.elapsed();
                    assert!(!frame.is_empty());
                    // Nothing else is on its way before the next tick.
                    drain(&mut sam, Duration::from_millis(20));
                }
                total
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
