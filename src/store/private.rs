//! Private at rest: a record marked private lives in its author's private folder,
//! `private/MEMBER/`, with the same layout as the shared folders beside it
//! (`private/MEMBER/partnerships/ID/meetings/DATE-ID.ron`), folders 0700 and files 0600. So
//! whoever can read the shared files of a journal (a group that was given them, a git remote
//! they are synced to) reads no private text: `private/` is never shared and a sync leaves it
//! out whole. The working files that may hold private text are kept under it too:
//! `private/.mentorlog/` holds the unfinished batches that touch private records, the trash of
//! deletes that took a private record, and every draft of a form or note being written.
//!
//! A record's author is `by.created` (a record naming none is the owner's: the profile's id).
//! The journal core decides which records are private and whose; the store puts them where
//! this module says, reads them from every member's folder, and refuses to write a private
//! record into a shared place.

use std::path::{Component, Path, PathBuf};

use super::StoreError;
use super::io::DataDir;

/// The folder of every member's private records.
pub const PRIVATE_DIR: &str = "private";
/// mentorlog's own files that may hold private text (pending batches, trash, drafts).
pub const PRIVATE_WORK_DIR: &str = "private/.mentorlog";
/// Said once a journal's private records have been moved out of the shared folders (the
/// layout of this version): a journal without it is read whole at its next open and moved.
pub const MOVED_MARK: &str = ".mentorlog/private-layout";

/// The folder of member `member`'s private records. A member id that could name anything
/// but one plain folder (empty, hidden, with a separator or `..`) is refused.
pub fn member_dir(root: &Path, member: &str) -> Result<PathBuf, StoreError> {
    let plain = !member.is_empty()
        && !member.starts_with('.')
        && !member.contains(['/', '\\', '\0'])
        && Path::new(member)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(StoreError::Invalid(format!(
            "'{member}' cannot name a private folder (a member id is letters, digits and '-'): \
             fix the id in journal.ron"
        )));
    }
    Ok(root.join(PRIVATE_DIR).join(member))
}

/// The member whose private folder holds `path`, if it is in one.
pub fn private_owner<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Component::Normal(p)), Some(Component::Normal(m)), Some(_)) if p == PRIVATE_DIR => {
            m.to_str().filter(|m| !m.starts_with('.'))
        }
        _ => None,
    }
}

/// Whether `path` lies in the private part of the data directory (a member's folder, or
/// mentorlog's own private working files).
pub fn is_private_path(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .ok()
        .and_then(|rel| rel.components().next())
        .is_some_and(|c| c.as_os_str() == PRIVATE_DIR)
}

/// Where `path` would be in the shared layout: a private record's path without its
/// `private/MEMBER/`; any other path as it is.
pub fn shared_path(root: &Path, path: &Path) -> PathBuf {
    match private_owner(root, path) {
        Some(m) => {
            let home = root.join(PRIVATE_DIR).join(m);
            root.join(path.strip_prefix(&home).unwrap_or(path))
        }
        None => path.to_path_buf(),
    }
}

/// Where a record now at (or meant for) `path` belongs: in `private_to`'s private folder
/// when it is private (a path in some member's private folder already stays there), in the
/// shared folders when it is not.
pub fn place(root: &Path, path: &Path, private_to: Option<&str>) -> Result<PathBuf, StoreError> {
    match private_to {
        Some(_) if private_owner(root, path).is_some() => Ok(path.to_path_buf()),
        Some(m) => {
            let shared = shared_path(root, path);
            let rel = shared.strip_prefix(root).map_err(|_| {
                StoreError::Invalid(format!(
                    "{} is not inside the data directory",
                    path.display()
                ))
            })?;
            Ok(member_dir(root, m)?.join(rel))
        }
        None => Ok(shared_path(root, path)),
    }
}

/// Every member's private folder there is (read through no link: see [`check_folders`]).
pub fn homes(data: &DataDir, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let root = data.root().join(PRIVATE_DIR);
    if !data.exists(&root) {
        return Vec::new();
    }
    if let Err(e) = check_folder(data, &root) {
        problems.push(e.to_string());
        return Vec::new();
    }
    let mut out = Vec::new();
    for (name, folderish) in data.entries(&root).unwrap_or_default() {
        if !folderish || name.starts_with('.') {
            continue;
        }
        let home = root.join(&name);
        match check_folder(data, &home) {
            Ok(()) => out.push(home),
            Err(e) => problems.push(e.to_string()),
        }
    }
    out.sort();
    out
}

/// A private folder must be a real folder: a symbolic link there (even one that stays inside
/// the data directory) could lead private records into a shared folder, so it is refused.
fn check_folder(data: &DataDir, dir: &Path) -> Result<(), StoreError> {
    match data.link_or_kind(dir) {
        None | Some("a folder") => Ok(()),
        Some(what) => Err(StoreError::Invalid(format!(
            "{} is {what}, not a folder: private records are read and written only in a real \
             folder of the data directory (mode 700); replace it with one (mentorlog makes it)",
            dir.display()
        ))),
    }
}

/// Check the private folders above `path` (which lies in one) before writing there: each
/// must be a real folder, and one that others can open is made private again (0700). Returns
/// what was put right, in words.
pub fn check_folders(data: &DataDir, path: &Path) -> Result<Vec<String>, StoreError> {
    let root = data.root();
    let Ok(rel) = path.strip_prefix(root) else {
        return Ok(Vec::new());
    };
    let mut said = Vec::new();
    let mut at = root.to_path_buf();
    // `private` and the member's folder (or `.mentorlog` under it) are the ones that matter;
    // folders below are made by mentorlog, 0700.
    for c in rel.components().take(2) {
        at.push(c);
        if at == path || !data.exists(&at) {
            break;
        }
        check_folder(data, &at)?;
        if let Some(mode) = data.tighten(&at)? {
            said.push(format!(
                "{} could be opened by other users (mode {mode:o}): it is mode 700 again",
                at.display()
            ));
        }
    }
    Ok(said)
}

/// Remember that the private records of the journal at `root` are all in private folders.
pub fn mark_moved(root: &Path) -> Result<(), StoreError> {
    let data = DataDir::open(root)?;
    data.write(&root.join(MOVED_MARK), b"1\n").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_path_mirrors_the_shared_one() {
        let root = Path::new("/j");
        let shared = root.join("partnerships/sam/meetings/2026-11-20-abc.ron");
        let private = place(root, &shared, Some("jo")).unwrap();
        assert_eq!(
            private,
            root.join("private/jo/partnerships/sam/meetings/2026-11-20-abc.ron")
        );
        assert_eq!(private_owner(root, &private), Some("jo"));
        assert!(is_private_path(root, &private));
        assert!(!is_private_path(root, &shared));
        assert_eq!(shared_path(root, &private), shared);
        assert_eq!(place(root, &private, None).unwrap(), shared);
        // Already in someone's private folder: it stays where it is.
        assert_eq!(place(root, &private, Some("sam")).unwrap(), private);
        assert_eq!(
            private_owner(root, &root.join("private/.mentorlog/trash/x.ron")),
            None
        );
        for bad in ["", "..", ".hidden", "a/b", "a\\b"] {
            assert!(member_dir(root, bad).is_err(), "{bad:?}");
        }
    }
}
