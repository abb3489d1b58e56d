//! The search popup's queries run on a thread of their own, so that typing never waits for
//! hits on a journal of years: each keystroke's query supersedes the one before, which is
//! given up part-way, and only the latest query's hits are ever shown.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crate::journal::search::{Index, Results};

/// A query to run: the `seq`-th asked for.
struct Job {
    seq: u64,
    index: Arc<Index>,
    query: String,
    limit: usize,
    within: Option<Arc<Vec<usize>>>,
}

/// What a query found: its hits, how many in all, and every document it matched (for the
/// next keystroke).
pub struct Found {
    pub seq: u64,
    pub query: String,
    pub results: Results,
}

/// The thread, and the latest query asked of it. It ends when this is dropped.
pub struct Searcher {
    jobs: Sender<Job>,
    found: Receiver<Found>,
    latest: Arc<AtomicU64>,
}

impl Searcher {
    pub fn start() -> Searcher {
        let (jobs, rx) = channel::<Job>();
        let (tx, found) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                // Only the newest of those waiting is worth running.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let stale = || newest.load(Ordering::Relaxed) != job.seq;
                let Some(results) = job.index.query_until(
                    &job.query,
                    job.limit,
                    job.within.as_deref().map(Vec::as_slice),
                    &stale,
                ) else {
                    continue;
                };
                let found = Found {
                    seq: job.seq,
                    query: job.query,
                    results,
                };
                if tx.send(found).is_err() {
                    break;
                }
            }
        });
        Searcher {
            jobs,
            found,
            latest,
        }
    }

    /// Ask for `query`'s hits (among `within` only, when given); returns its number.
    pub fn ask(
        &self,
        index: Arc<Index>,
        query: String,
        limit: usize,
        within: Option<Arc<Vec<usize>>>,
    ) -> u64 {
        let seq = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = self.jobs.send(Job {
            seq,
            index,
            query,
            limit,
            within,
        });
        seq
    }

    /// What has been found since the last call, waiting at most `wait` for the first.
    pub fn found(&self, wait: Duration) -> Vec<Found> {
        let mut out: Vec<Found> = match self.found.recv_timeout(wait) {
            Ok(f) => vec![f],
            Err(_) => return Vec::new(),
        };
        out.extend(self.found.try_iter());
        out
    }
}
