//! Password hashing and verification, bounded: each argon2id hash takes about 19 MiB and tens
//! of milliseconds, so an unbounded number at once (anonymous sign-in attempts from many
//! addresses) grows the process by gigabytes (#18: 100 concurrent POSTs took a server from
//! 15 MB to 1.99 GB). At most [`AT_ONCE`] run at a time, on as many dedicated threads; a request waits
//! up to [`WAIT`] for its turn and is then refused with 503 and `Retry-After`
//! (`AppError::Busy`), so memory stays flat whatever arrives.

use std::{
    sync::{LazyLock, Mutex, mpsc},
    time::Duration,
};

use tokio::sync::{Semaphore, oneshot};

use crate::error::AppError;

/// Password hashes at once: 2 keep peak memory near 40 MiB for hashing on any machine.
pub const AT_ONCE: usize = 2;
/// How long a request waits for its turn before it is refused.
pub const WAIT: Duration = Duration::from_secs(3);

type Job = Box<dyn FnOnce() + Send>;

/// A bound on concurrent blocking work: `size` dedicated threads, a request waits up to
/// `wait` for one of them. Dedicated threads rather than tokio's blocking pool: each thread
/// that ever hashed keeps its freed 19 MiB in its own malloc arena, and the blocking pool
/// would spread the work over many threads (measured: 882 MB peak for 200 attempts with a
/// semaphore of 2 over `spawn_blocking`).
pub struct Gate {
    permits: Semaphore,
    wait: Duration,
    jobs: mpsc::Sender<Job>,
}

/// The gate was full for the whole wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// The work panicked (its thread carries on with the next job).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the work panicked")]
pub struct Panicked;

impl Gate {
    pub fn new(size: usize, wait: Duration) -> Gate {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(Mutex::new(queue));
        for i in 0..size {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("teichaku-hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = match queue.lock() {
                            Ok(q) => q.recv(),
                            Err(poisoned) => poisoned.into_inner().recv(),
                        };
                        let Ok(job) = job else { return };
                        // A panic ends this job only; its caller sees `Panicked`.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Gate {
            permits: Semaphore::new(size),
            wait,
            jobs,
        }
    }

    /// Runs `work` on one of the gate's threads once one is free, or gives up after the wait.
    pub async fn run<T, F>(&self, work: F) -> Result<Result<T, Panicked>, Busy>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = match tokio::time::timeout(self.wait, self.permits.acquire()).await {
            Ok(Ok(permit)) => permit,
            _ => return Err(Busy),
        };
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        if self.jobs.send(job).is_err() {
            return Ok(Err(Panicked));
        }
        // The permit is held until the work has finished, even if the request that asked
        // for it has gone away.
        let result = result.await.map_err(|_| Panicked);
        drop(permit);
        Ok(result)
    }
}

static PASSWORDS: LazyLock<Gate> = LazyLock::new(|| Gate::new(AT_ONCE, WAIT));

/// Hashes a password with argon2id, bounded by the gate.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    PASSWORDS
        .run(move || crate::domain::password::hash(&password))
        .await
        .map_err(|Busy| AppError::Busy)?
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)
}

/// Verifies a password against a stored hash (or a dummy one), bounded by the gate.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    PASSWORDS
        .run(move || crate::domain::password::verify(&password, hash.as_deref()))
        .await
        .map_err(|Busy| AppError::Busy)?
        .map_err(|e| AppError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };

    use super::*;

    /// At most `size` pieces of work run at once; the others wait, and past the wait they
    /// are refused without running.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_gate_refuses_beyond_its_bound() {
        let gate = Arc::new(Gate::new(2, Duration::from_millis(100)));
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let (gate, running, peak) = (gate.clone(), running.clone(), peak.clone());
            tasks.push(tokio::spawn(async move {
                gate.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(300));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        let mut ran = 0;
        let mut refused = 0;
        for t in tasks {
            match t.await.expect("task") {
                Ok(r) => {
                    r.expect("work");
                    ran += 1;
                }
                Err(Busy) => refused += 1,
            }
        }
        assert_eq!(
            peak.load(Ordering::SeqCst),
            2,
            "never more than the bound at once"
        );
        assert_eq!(
            (ran, refused),
            (2, 8),
            "the others waited 100 ms and were refused"
        );
        // Free again afterwards.
        assert!(gate.run(|| ()).await.is_ok());
    }
}
