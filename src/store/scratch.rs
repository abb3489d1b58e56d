//! Scratch files: a note being written in the user's own editor ($EDITOR) is kept inside the
//! data directory (private, beside the journal it belongs to), never in the system's shared
//! temporary folder. While the editor runs, a lock beside the file says it is in use; a file
//! whose lock nobody holds was left by a mentorlog that was stopped, and the next open keeps
//! its text as a draft (in `.mentorlog/drafts/`) and says where.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::io::DataDir;

/// Where notes being edited wait. Under `private/` (see `private`): a note or a form being
/// written may be a private record's text.
pub const EDIT_DIR: &str = "private/.mentorlog/edit";
/// Where the text of an edit whose mentorlog was stopped is kept.
pub const DRAFTS_DIR: &str = "private/.mentorlog/drafts";
/// Where earlier versions kept them, beside the shared files: what is found there is moved.
const OLD_EDIT_DIR: &str = ".mentorlog/edit";
const OLD_DRAFTS_DIR: &str = ".mentorlog/drafts";
/// The ending of a form's draft (a form being filled in), as opposed to a note in $EDITOR.
pub const FORM_SUFFIX: &str = ".form.ron";

/// A note being edited; the lock is held until it is dropped, and the files go with it.
pub struct Scratch {
    pub path: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

/// A new private file: created new (O_EXCL), so never through a link planted at its name.
fn private_file(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

impl Scratch {
    /// A new scratch file in the data directory `root`, holding `text`, ending in `suffix`.
    pub fn new(root: &Path, text: &str, suffix: &str) -> Result<Scratch, StoreError> {
        let data = DataDir::create(root)?;
        let dir = root.join(EDIT_DIR);
        data.ensure_dir(&dir)?;
        let name = format!("edit-{}", crate::model::new_id());
        let lock_path = dir.join(format!("{name}.lock"));
        let lock = private_file(&lock_path).map_err(|e| StoreError::io(&lock_path, e))?;
        lock.lock().map_err(|e| StoreError::io(&lock_path, e))?;
        let path = dir.join(format!("{name}{suffix}"));
        let mut file = private_file(&path).map_err(|e| StoreError::io(&path, e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io(&path, e))?;
        Ok(Scratch {
            path,
            lock_path,
            _lock: lock,
        })
    }

    /// The text as the editor left it.
    pub fn read(&self) -> Result<String, StoreError> {
        std::fs::read_to_string(&self.path).map_err(|e| StoreError::io(&self.path, e))
    }

    /// Replace the text (a draft kept up to date): whole or not at all, never half.
    pub fn write(&self, text: &str) -> Result<(), StoreError> {
        let tmp = self.path.with_extension("tmp");
        let _ = std::fs::remove_file(&tmp);
        let mut file = private_file(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
        file.write_all(text.as_bytes())
            .map_err(|e| StoreError::io(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| StoreError::io(&self.path, e))
    }
}

/// The drafts of forms kept from a mentorlog that was stopped, oldest first.
pub fn form_drafts(root: &Path) -> Vec<(PathBuf, String)> {
    let dir = root.join(DRAFTS_DIR);
    let Ok(data) = DataDir::open(root) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, String)> = data
        .entries(&dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(n, folder)| !folder && n.ends_with(FORM_SUFFIX))
        .filter_map(|(n, _)| {
            let path = dir.join(n);
            let text = String::from_utf8(data.read(&path).ok()?).ok()?;
            Some((path, text))
        })
        .collect();
    out.sort();
    out
}

/// Remove a private folder of the data directory `root` and all in it (a link there is
/// removed, never followed).
pub fn remove_tree(root: &Path, dir: &Path) -> Result<(), StoreError> {
    if !dir.starts_with(root.join(".mentorlog")) {
        return Err(StoreError::Invalid(format!(
            "{} is not a private folder of the journal",
            dir.display()
        )));
    }
    // Never through a link: every folder from the data directory down must be a real one,
    // else removing it could remove what lies outside.
    let mut at = root.to_path_buf();
    let within = dir.strip_prefix(root).unwrap_or(dir);
    for part in within.parent().into_iter().flat_map(|p| p.components()) {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Err(_) => return Ok(()),
            Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
                return Err(StoreError::Invalid(format!(
                    "{} is a link or not a folder: nothing was removed through it",
                    at.display()
                )));
            }
            Ok(_) => {}
        }
    }
    match std::fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(dir).map_err(|e| StoreError::io(dir, e)),
        Ok(_) => std::fs::remove_file(dir).map_err(|e| StoreError::io(dir, e)),
    }
}

/// Remove a kept draft (restored, or let go).
pub fn discard(root: &Path, path: &Path) -> Result<(), StoreError> {
    let data = DataDir::open(root)?;
    data.remove(path).map(|_| ())
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Keep the text of every scratch file whose mentorlog was stopped as a draft, and remove
/// the rest of it. Returns what was kept, in words.
pub(super) fn recover(root: &Path) -> Vec<String> {
    let Ok(data) = DataDir::open(root) else {
        return Vec::new();
    };
    let mut said = Vec::new();
    // Drafts kept by an earlier version beside the shared files go where drafts are now.
    let old = root.join(OLD_DRAFTS_DIR);
    let mut moved = 0;
    for (name, folder) in data.entries(&old).unwrap_or_default() {
        let from = old.join(&name);
        let to = root.join(DRAFTS_DIR).join(&name);
        if folder || data.exists(&to) {
            continue;
        }
        if let Ok(text) = data.read(&from)
            && data.write(&to, &text).is_ok()
            && data.remove(&from).is_ok()
        {
            moved += 1;
        }
    }
    if moved > 0 {
        said.push(format!(
            "moved {moved} kept draft{} into {} (drafts may hold private text)",
            if moved == 1 { "" } else { "s" },
            root.join(DRAFTS_DIR).display()
        ));
    }
    data.remove_empty_dir(&old);
    for dir in [OLD_EDIT_DIR, EDIT_DIR] {
        said.extend(recover_edits(root, &data, &root.join(dir)));
    }
    data.remove_empty_dir(&root.join(OLD_EDIT_DIR));
    said
}

/// `recover` for the edit folder `dir`.
fn recover_edits(root: &Path, data: &DataDir, dir: &Path) -> Vec<String> {
    let mut said = Vec::new();
    for (name, folder) in data.entries(dir).unwrap_or_default() {
        let Some(stem) = name.strip_suffix(".lock").filter(|_| !folder) else {
            continue;
        };
        let lock_path = dir.join(&name);
        let Ok(lock) = File::open(&lock_path) else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue; // its editor is still open in a running mentorlog
        }
        for (other, _) in data.entries(dir).unwrap_or_default() {
            if other == name || !other.starts_with(stem) {
                continue;
            }
            let path = dir.join(&other);
            let text = data.read(&path).unwrap_or_default();
            if !String::from_utf8_lossy(&text).trim().is_empty() {
                let kept = root.join(DRAFTS_DIR).join(&other);
                if data.ensure_dir(&root.join(DRAFTS_DIR)).is_ok()
                    && data.write(&kept, &text).is_ok()
                {
                    said.push(format!(
                        "a note that was being written in your editor when mentorlog was stopped \
                         is kept in {}",
                        kept.display()
                    ));
                }
            }
            let _ = data.remove(&path);
        }
        let _ = data.remove(&lock_path);
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_file_lives_in_the_journal_and_goes_when_done() {
        let t = tempfile::tempdir().unwrap();
        let s = Scratch::new(t.path(), "a draft", ".md").unwrap();
        assert!(s.path.starts_with(t.path().join(EDIT_DIR)));
        assert_eq!(s.read().unwrap(), "a draft");
        // In use: recovery leaves it alone.
        assert!(recover(t.path()).is_empty());
        assert!(s.path.exists());
        let path = s.path.clone();
        drop(s);
        assert!(!path.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(t.path().join(EDIT_DIR))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the edit folder is private");
        }
    }

    #[test]
    fn the_text_of_an_edit_whose_mentorlog_died_is_kept_as_a_draft() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join(OLD_EDIT_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        // What a mentorlog killed while its editor was open leaves: the note and a lock that
        // nobody holds any more.
        std::fs::write(dir.join("edit-abc234.md"), "notes typed before the crash").unwrap();
        std::fs::write(dir.join("edit-abc234.lock"), "").unwrap();
        std::fs::write(dir.join("edit-xyz789.md"), "  \n").unwrap();
        std::fs::write(dir.join("edit-xyz789.lock"), "").unwrap();
        let said = recover(t.path());
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("drafts"), "{said:?}");
        // Nothing is left behind, and the old folder beside the shared files is gone.
        assert!(!dir.exists());
        let kept = t.path().join(DRAFTS_DIR).join("edit-abc234.md");
        assert!(kept.starts_with(t.path().join("private")));
        assert_eq!(
            std::fs::read_to_string(kept).unwrap(),
            "notes typed before the crash"
        );
    }

    #[test]
    fn drafts_kept_beside_the_shared_files_by_an_earlier_version_move_to_the_private_folder() {
        let t = tempfile::tempdir().unwrap();
        let old = t.path().join(OLD_DRAFTS_DIR);
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("edit-abc.form.ron"), "private words").unwrap();
        let said = recover(t.path());
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(!old.exists());
        let drafts = form_drafts(t.path());
        assert_eq!(drafts.len(), 1);
        assert!(drafts[0].0.starts_with(t.path().join("private")));
        assert_eq!(drafts[0].1, "private words");
    }
}
