//! Where the server runs the engine: on tokio's blocking pool, never on the async workers,
//! at most one check per core at a time (further requests wait their turn instead of
//! crowding the cores and the memory with threads), within a time budget per request.
//! Used by the server functions here and by every server route that checks (the HTTP API,
//! the page, the no-JS form post, short links, the embed page).

use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The longest a request waits for and runs the engine.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineError {
    /// The budget ran out (waiting included).
    Timeout,
    /// The engine panicked (a bug).
    Panicked,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EngineError::Timeout => "checking took too long",
            EngineError::Panicked => "podnet hit an internal error (a bug)",
        })
    }
}

/// Runs the engine: at most `slots` runs at a time, each request within `budget` (waiting
/// included). Clones share the slots. The server holds one in its state; the server
/// functions use [`Runner::shared`], which is the same one.
#[derive(Clone, Debug)]
pub struct Runner {
    slots: Arc<Semaphore>,
    budget: Duration,
}

impl Runner {
    /// A runner of its own (tests use one without slots to see who waits for it).
    pub fn new(slots: usize, budget: Duration) -> Runner {
        Runner {
            slots: Arc::new(Semaphore::new(slots)),
            budget,
        }
    }

    /// The process's runner: one slot per core, [`TIME_BUDGET`].
    pub fn shared() -> Runner {
        static SHARED: OnceLock<Runner> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let n = std::thread::available_parallelism().map_or(2, |n| n.get());
                Runner::new(n, TIME_BUDGET)
            })
            .clone()
    }

    /// Runs `f` on the blocking pool once a slot is free. The slot stays taken until `f`
    /// returns, even when the caller has given up, so late work never oversubscribes the
    /// cores.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, EngineError> {
        let work = async {
            let permit = self
                .slots
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| EngineError::Panicked)?;
            tokio::task::spawn_blocking(move || {
                let _slot = permit;
                f()
            })
            .await
            .map_err(|_| EngineError::Panicked)
        };
        match tokio::time::timeout(self.budget, work).await {
            Ok(r) => r,
            Err(_) => Err(EngineError::Timeout),
        }
    }
}

/// [`Runner::shared`]`.run(f)`.
pub async fn run<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, EngineError> {
    Runner::shared().run(f).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// However many requests arrive, at most one engine run per core is in progress, and
    /// the async workers stay free meanwhile.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn runs_are_bounded_by_the_cores_and_off_the_async_workers() {
        let n = std::thread::available_parallelism().map_or(2, |n| n.get());
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..n * 4)
            .map(|_| {
                let (running, peak) = (running.clone(), peak.clone());
                tokio::spawn(run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(40));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        // An async task still gets a turn while every slot is busy.
        let t = std::time::Instant::now();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(
            t.elapsed() < Duration::from_millis(35),
            "async workers blocked"
        );
        for j in jobs {
            j.await.unwrap().unwrap();
        }
        let peak = peak.load(Ordering::SeqCst);
        assert!(peak <= n, "{peak} runs at once on {n} cores");
        assert!(peak >= 1);
    }

    #[tokio::test]
    async fn a_panic_is_an_error_not_a_crash() {
        assert_eq!(
            run(|| -> () { panic!("boom") }).await,
            Err(EngineError::Panicked)
        );
        // The slot came back.
        assert_eq!(run(|| 1).await, Ok(1));
    }
}
