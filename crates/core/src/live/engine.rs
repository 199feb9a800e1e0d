//! The live document on a thread of its own. Its parsed tree lives in an arena
//! on that thread's stack, from one analysis to the next — which a value shared
//! between the shell's threads could not hold — and moves to a new arena when
//! replaced blocks fill the old one.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

use comrak::Arena;

use super::{LiveDocument, LiveState};

/// A job for the live document's thread.
type Job = Box<dyn for<'a> FnOnce(&mut LiveDocument<'a>) + Send>;

/// The live document's thread could not start, or a job on it failed (the
/// document is then started again, empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineStopped;

impl std::fmt::Display for EngineStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the live analysis stopped; it starts again with the next change")
    }
}

impl std::error::Error for EngineStopped {}

/// A handle on the live document's thread, started with the first job.
#[derive(Debug, Default)]
pub struct LiveEngine {
    jobs: Mutex<Option<Sender<Job>>>,
}

impl LiveEngine {
    /// Runs `job` on the live document and waits for its result.
    pub fn run<R: Send + 'static>(
        &self,
        job: impl for<'a> FnOnce(&mut LiveDocument<'a>) -> R + Send + 'static,
    ) -> Result<R, EngineStopped> {
        let (answer, result) = mpsc::sync_channel(1);
        let mut job: Job = Box::new(move |live| {
            // The caller may have stopped waiting.
            let _ = answer.send(job(live));
        });
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        // A thread that is gone has dropped its inbox: start another.
        for _ in 0..2 {
            let sender = match jobs.as_ref() {
                Some(sender) => sender.clone(),
                None => jobs.insert(start()?).clone(),
            };
            match sender.send(job) {
                Ok(()) => {
                    drop(jobs);
                    return result.recv().map_err(|_| EngineStopped);
                }
                Err(mpsc::SendError(back)) => {
                    job = back;
                    *jobs = None;
                }
            }
        }
        Err(EngineStopped)
    }
}

fn start() -> Result<Sender<Job>, EngineStopped> {
    let (jobs, inbox) = mpsc::channel();
    std::thread::Builder::new()
        .name("specwright-live".into())
        .spawn(move || serve(&inbox))
        .map_err(|_| EngineStopped)?;
    Ok(jobs)
}

/// Runs jobs until every handle is gone, in one arena after another. A job that
/// panics leaves the document empty (its tree may be half changed).
fn serve(inbox: &Receiver<Job>) {
    let mut state = LiveState::default();
    loop {
        let arena = Arena::new();
        let mut live = LiveDocument::with_state(&arena, state);
        state = loop {
            let Ok(job) = inbox.recv() else { return };
            if panic::catch_unwind(AssertUnwindSafe(|| job(&mut live))).is_err() {
                break LiveState::default();
            }
            if live.wasteful() {
                break live.into_state();
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::TextChange;

    #[test]
    fn jobs_share_one_document_and_a_failed_job_starts_an_empty_one() {
        let engine = LiveEngine::default();
        let set = engine.run(|live| {
            live.update(
                1,
                TextChange::Whole {
                    text: "# Spec\n".into(),
                },
            )
        });
        assert_eq!(set, Ok(Ok(())));
        let text = engine.run(|live| live.text_of(1).map(str::to_owned));
        assert_eq!(text, Ok(Some("# Spec\n".to_owned())));
        let failed = engine.run(|_| -> () { panic!("a job that fails") });
        assert_eq!(failed, Err(EngineStopped));
        let text = engine.run(|live| live.text_of(1).map(str::to_owned));
        assert_eq!(text, Ok(None));
    }
}
