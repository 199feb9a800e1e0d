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
/// panics leaves the document empty (its tree may be half changed). A document
/// whose edits parse stretches is parsed into the new arena at once, between
/// keystrokes; one parsed whole each time (with footnotes) is not parsed twice.
fn serve(inbox: &Receiver<Job>) {
    let mut state = LiveState::default();
    let mut warm = false;
    loop {
        let arena = Arena::new();
        let mut live = LiveDocument::with_state(&arena, state);
        if warm && panic::catch_unwind(AssertUnwindSafe(|| live.parse_now())).is_err() {
            live = LiveDocument::new(&arena);
        }
        state = loop {
            let Ok(job) = inbox.recv() else { return };
            if panic::catch_unwind(AssertUnwindSafe(|| job(&mut live))).is_err() {
                warm = false;
                break LiveState::default();
            }
            if live.wasteful() {
                warm = live.parsed_a_stretch();
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

    #[test]
    fn the_document_moves_to_a_new_arena_when_replaced_blocks_fill_its_own() {
        let engine = LiveEngine::default();
        // Paragraphs of many inline nodes: each keystroke replaces hundreds.
        let text: String = (0..30).map(|_| "*a* ".repeat(100) + "\n\n").collect();
        let whole = TextChange::Whole { text: text.clone() };
        engine
            .run(move |live| live.update(0, whole))
            .unwrap()
            .unwrap();
        // A few hundred keystrokes pass the 100,000 replaced nodes at which a
        // new arena is due.
        let mut renewed = false;
        for version in 1..5_000 {
            let insert = if version % 2 == 1 { "x" } else { "" };
            let (to, at) = if version % 2 == 1 { (5, 5) } else { (6, 5) };
            let edits = vec![crate::live::TextEdit {
                from: at,
                to,
                insert: insert.into(),
            }];
            let fresh = engine
                .run(move |live| {
                    live.update(
                        version,
                        TextChange::Edits {
                            base: version - 1,
                            edits,
                        },
                    )
                    .unwrap();
                    let fresh = !live.wasteful() && !live.parsed_a_stretch();
                    live.parse_now();
                    fresh
                })
                .unwrap();
            if fresh && version > 2 {
                renewed = true;
                break;
            }
        }
        assert!(renewed, "never moved to a new arena");
        let kept = engine.run(|live| {
            live.analyze(None, |p, b| crate::analysis::analyze_parsed(p, |_| None, b))
                .html
        });
        let last = engine
            .run(|live| live.text().map(str::to_owned))
            .unwrap()
            .unwrap();
        let whole = crate::live::block_relative(&crate::analyze(&last, None).html).html;
        assert!(
            kept.unwrap().insert == whole,
            "the preview differs from the whole text's"
        );
    }
}
