//! Keeping confidential notes private: warn when the journal is readable by others, and a quick
//! check that a path does not lead out of the data directory. The store's own reads, writes and
//! deletes do not rely on that check (a link swapped in after it would defeat it): they go
//! through `io::DataDir`, which resolves every path beneath the data directory's handle.

use std::path::Path;

use super::StoreError;

/// Files and folders in `root` that other accounts can read or enter (Unix permission bits).
/// Returns a message per finding, at most `limit`, plus how many there were in all.
/// Only what others can reach counts: a folder they cannot enter hides all it holds, so a
/// private journal costs one look at its top folder.
pub fn exposed(root: &Path, limit: usize) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut total = 0;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            // The data directory may be a symbolic link to the folder that holds the journal:
            // what counts is that folder's mode, not the link's (always 777). Inside it, links
            // are not followed (the store never reads through one that leads out).
            let meta = if dir == root {
                std::fs::metadata(&dir)
            } else {
                std::fs::symlink_metadata(&dir)
            };
            let Ok(meta) = meta else {
                continue;
            };
            if meta.permissions().mode() & 0o077 != 0 {
                total += 1;
                if found.len() < limit {
                    found.push(format!(
                        "{} can be opened by other users (mode {:o}): chmod 700 it",
                        dir.display(),
                        meta.permissions().mode() & 0o777
                    ));
                }
            }
            if meta.permissions().mode() & 0o011 == 0 {
                continue; // nobody else can enter: nothing inside can be read by others
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.filter_map(Result::ok) {
                let Ok(m) = e.path().symlink_metadata() else {
                    continue;
                };
                if m.is_dir() {
                    stack.push(e.path());
                } else if m.is_file() && m.permissions().mode() & 0o077 != 0 {
                    total += 1;
                    if found.len() < limit {
                        found.push(format!(
                            "{} can be read by other users (mode {:o}): chmod 600 it",
                            e.path().display(),
                            m.permissions().mode() & 0o777
                        ));
                    }
                }
            }
        }
        // The private folders must be private on their own, whoever may enter the rest:
        // the rest may be shared (a group given it, a sync), `private/` never is.
        let private = root.join(super::private::PRIVATE_DIR);
        let mut dirs = vec![private.clone()];
        if let Ok(entries) = std::fs::read_dir(&private) {
            dirs.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
        for dir in dirs {
            let Ok(m) = std::fs::symlink_metadata(&dir) else {
                continue;
            };
            let mode = m.permissions().mode() & 0o777;
            let said = if m.file_type().is_symlink() {
                format!(
                    "{} is a symbolic link: private records are kept only in a real folder \
                     (mentorlog neither reads nor writes them through it); replace it with a folder",
                    dir.display()
                )
            } else if m.is_dir() && mode & 0o077 != 0 {
                format!(
                    "{} holds private records but can be opened by other users (mode {mode:o}): \
                     chmod 700 it",
                    dir.display()
                )
            } else {
                continue;
            };
            let shown = dir.display().to_string();
            if found
                .iter()
                .any(|f: &String| f.starts_with(&format!("{shown} ")))
            {
                continue;
            }
            total += 1;
            if found.len() < limit {
                found.push(said);
            }
        }
    }
    (found, total)
}

/// Refuse `path` unless it stays inside `root`: its folder must resolve inside the data
/// directory, and the file itself must not be a symbolic link. A check by path, for messages
/// before any work is done; it cannot make a later write by path safe (see `io::DataDir`).
pub fn check_inside(root: &Path, path: &Path) -> Result<(), StoreError> {
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(StoreError::Invalid(format!(
            "{} is a symbolic link: mentorlog does not write through links; replace it with a plain file",
            path.display()
        )));
    }
    let Ok(root) = root.canonicalize() else {
        return Ok(()); // The data directory does not exist yet: nothing can lead out of it.
    };
    // The nearest existing ancestor decides where the write really lands.
    let mut dir = path.parent();
    while let Some(d) = dir {
        if let Ok(real) = d.canonicalize() {
            if !real.starts_with(&root) {
                return Err(StoreError::Invalid(format!(
                    "{} leads outside the data directory ({}) through a symbolic link; not written",
                    d.display(),
                    root.display()
                )));
            }
            return Ok(());
        }
        dir = d.parent();
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn world_readable_files_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        std::fs::create_dir(&root).unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o700)).unwrap();
        let f = root.join("journal.ron");
        std::fs::write(&f, "x").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(exposed(&root, 5).1, 0);
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        // Inside a folder nobody else can enter, a readable file is still private.
        assert_eq!(exposed(&root, 5).1, 0);
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let (msgs, n) = exposed(&root, 5);
        assert_eq!(n, 2, "{msgs:?}");
        assert!(msgs[0].contains("chmod 700"), "{msgs:?}");
        assert!(msgs[1].contains("chmod 600"), "{msgs:?}");
    }

    #[test]
    fn private_folders_must_be_private_even_in_a_private_journal() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        std::fs::create_dir_all(root.join("private/jo")).unwrap();
        for d in [&root, &root.join("private"), &root.join("private/jo")] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        assert_eq!(exposed(&root, 5).1, 0);
        std::fs::set_permissions(
            root.join("private/jo"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        let (msgs, n) = exposed(&root, 5);
        assert_eq!(n, 1, "{msgs:?}");
        assert!(
            msgs[0].contains("private/jo holds private records"),
            "{msgs:?}"
        );
        std::fs::remove_dir(root.join("private/jo")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("private/jo")).unwrap();
        let (msgs, _) = exposed(&root, 5);
        assert!(msgs[0].contains("is a symbolic link"), "{msgs:?}");
    }

    #[test]
    fn a_data_directory_that_is_a_link_is_judged_by_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::write(real.join("journal.ron"), "x").unwrap();
        std::fs::set_permissions(
            real.join("journal.ron"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let link = dir.path().join("journal");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(
            exposed(&link, 5),
            (vec![], 0),
            "a private folder behind a link"
        );
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o750)).unwrap();
        let (msgs, n) = exposed(&link, 5);
        assert_eq!(n, 1, "{msgs:?}");
        assert!(msgs[0].contains("mode 750"), "{msgs:?}");
    }

    #[test]
    fn links_out_of_the_journal_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        let outside = dir.path().join("elsewhere");
        std::fs::create_dir_all(root.join("partnerships")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("partnerships").join("sam")).unwrap();
        let e = check_inside(&root, &root.join("partnerships/sam/partnership.ron")).unwrap_err();
        assert!(e.to_string().contains("outside the data directory"), "{e}");
        std::os::unix::fs::symlink(outside.join("x.ron"), root.join("journal.ron")).unwrap();
        assert!(check_inside(&root, &root.join("journal.ron")).is_err());
        assert!(check_inside(&root, &root.join("partnerships/new/partnership.ron")).is_ok());
    }
}
