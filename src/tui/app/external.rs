//! Ctrl-E: the focused part's text goes to the user's editor (an effect the event loop runs
//! with the terminal handed over), and comes back as one undo step.

use super::{App, Effect};
use crate::posting::Part;
use crate::tui::external::Outcome;

impl App {
    /// Asks the event loop to hand the focused part's text to the user's editor.
    pub(super) fn edit_externally(&mut self) {
        if self.reading {
            return;
        }
        self.settle();
        let part = self.parts[self.focus];
        let text = self.posting().part_text(part).to_string();
        self.outbox.push(Effect::EditExternally {
            part,
            text,
            generation: self.generation(),
        });
    }

    /// The editor is done: a changed text replaces the part as one undo step; an unchanged
    /// one, or an editor that failed, changes nothing.
    pub(super) fn edited(&mut self, part: Part, generation: u64, outcome: Outcome) {
        match outcome {
            Outcome::Failed(why) => self.error(format!("External editor: {why}")),
            Outcome::Unchanged => self.info("No change from the editor"),
            Outcome::Changed(text) => {
                if generation != self.generation() || self.posting().part_range(part).is_none() {
                    self.error("The posting changed meanwhile; the external edit was not applied");
                    return;
                }
                let new = self.posting().replace_part(part, &text);
                self.whole_edit(new, part, None);
                self.info("Text updated · Ctrl-Z undoes it");
            }
        }
    }
}
