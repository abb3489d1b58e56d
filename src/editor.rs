//! Editing text in the user's own editor ($VISUAL, then $EDITOR, then vi). The note being
//! written is kept in the journal's own private folder while the editor runs (never in the
//! system's shared temporary folder); if mentorlog is stopped meanwhile, the next open keeps
//! its text as a draft. Used by `log` and by the full-screen journal's Ctrl-e.

use std::path::Path;

use crate::store::scratch::Scratch;

/// Open the editor on `text`, in a scratch file of the journal at `root`; returns the text as
/// saved. The error says what to do.
pub fn edit(text: &str, root: &Path) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    // Editors expect a file to end with a line end (vi says "noeol" otherwise).
    let text = if text.is_empty() || text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    };
    let file = Scratch::new(root, &text, ".md").map_err(|e| e.to_string())?;
    // The editor may carry arguments ("code --wait"): let the shell split it.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("mentorlog")
        .arg(&file.path)
        .status()
        .map_err(|e| format!("could not start the editor '{editor}': {e}; set $EDITOR"))?;
    if !status.success() {
        return Err(format!("the editor '{editor}' exited with {status}"));
    }
    file.read().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_changes_come_back() {
        // SAFETY of the test: it alone sets VISUAL in this process's unit tests.
        let t = tempfile::tempdir().unwrap();
        unsafe { std::env::set_var("VISUAL", "sed -i s/draft/final/") };
        assert_eq!(edit("a draft note\n", t.path()).unwrap(), "a final note\n");
        // The file handed over ends with a line end.
        unsafe { std::env::set_var("VISUAL", "true") };
        assert_eq!(edit("no line end", t.path()).unwrap(), "no line end\n");
        unsafe { std::env::set_var("VISUAL", "false") };
        assert!(edit("x", t.path()).unwrap_err().contains("exited with"));
        // Nothing is left behind in the journal's folder.
        let edits = t.path().join(crate::store::scratch::EDIT_DIR);
        assert_eq!(std::fs::read_dir(edits).unwrap().count(), 0);
        unsafe { std::env::remove_var("VISUAL") };
    }
}
