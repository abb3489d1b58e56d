//! Editing text in the user's own editor ($VISUAL, then $EDITOR, then vi), on a private
//! temporary file. Used by `log` and by the full-screen journal's Ctrl-e.

use std::io::Write;

/// Open the editor on `text`; returns the text as saved. The error says what to do.
pub fn edit(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    // tempfile creates the file 0600: notes in progress stay private.
    let mut file = tempfile::Builder::new()
        .prefix("mentorlog-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    file.flush().map_err(|e| e.to_string())?;
    // The editor may carry arguments ("code --wait"): let the shell split it.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("mentorlog")
        .arg(file.path())
        .status()
        .map_err(|e| format!("could not start the editor '{editor}': {e}; set $EDITOR"))?;
    if !status.success() {
        return Err(format!("the editor '{editor}' exited with {status}"));
    }
    std::fs::read_to_string(file.path()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_changes_come_back() {
        // SAFETY of the test: it alone sets VISUAL in this process's unit tests.
        unsafe { std::env::set_var("VISUAL", "sed -i s/draft/final/") };
        assert_eq!(edit("a draft note\n").unwrap(), "a final note\n");
        unsafe { std::env::set_var("VISUAL", "false") };
        assert!(edit("x").unwrap_err().contains("exited with"));
        unsafe { std::env::remove_var("VISUAL") };
    }
}
