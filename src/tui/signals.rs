//! Hang-up and termination: SIGHUP (a dropped SSH session) and SIGTERM set a flag the event
//! loop checks between events (it polls with a timeout), so it can write the recovery file and
//! restore the terminal. A second signal of the same kind while the first is being handled
//! ends the process at once, so a stuck editor can still be stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGTERM};

/// Which signal arrived, if any (0 for none).
#[derive(Debug, Clone)]
pub struct Signals {
    caught: Arc<AtomicUsize>,
}

impl Signals {
    /// Installs the handlers (plain flag setters; no unsafe code).
    pub fn install() -> std::io::Result<Signals> {
        let caught = Arc::new(AtomicUsize::new(0));
        for sig in [SIGHUP, SIGTERM] {
            // Registered first: when the flag is already set, a repeat signal terminates.
            let repeat = Arc::new(std::sync::atomic::AtomicBool::new(false));
            signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&repeat))?;
            signal_hook::flag::register(sig, repeat)?;
            signal_hook::flag::register_usize(sig, Arc::clone(&caught), sig as usize)?;
        }
        Ok(Signals { caught })
    }

    /// The signal that asked the editor to stop, if one did.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// The name of a signal for messages.
    pub fn name(sig: i32) -> &'static str {
        match sig {
            SIGHUP => "SIGHUP",
            SIGTERM => "SIGTERM",
            _ => "signal",
        }
    }
}
