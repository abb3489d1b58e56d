//! The file-system primitives every read and write of the journal goes through (DESIGN.md
//! section 5).
//!
//! - Durable, private writes: temp file in the same folder, fsync, rename (or, for a new file,
//!   a hard link that fails if the name is taken), fsync of the folder. Files 0600, folders 0700.
//! - Confined to the data directory, race-free: the data directory is opened once as a
//!   [`cap_std::fs::Dir`] and every path inside it is resolved beneath that handle (openat2 with
//!   RESOLVE_BENEATH on Linux), so neither `..` nor a symbolic link, even one swapped in while
//!   mentorlog works, can lead a read, write or delete out of it. A save opens its folder that
//!   way and then creates, renames, removes and fsyncs relative to the folder's handle.
//!   Links that stay inside the data directory (relative ones) keep working.
//! - Only plain files: files are opened without blocking (O_NONBLOCK) and checked on the open
//!   handle, so a FIFO, socket or device where a record is expected is refused, not waited on.
//! - A rename that succeeded is a save: if the folder's fsync fails after it, that is a warning
//!   carried back to the caller, never an error (a retry would duplicate the record).

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt, OpenOptionsSyncExt};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, DirBuilder, File, FileType, OpenOptions};

use super::StoreError;

/// Create `dir` and its parents, private to the owner. This follows the path as given: use it
/// for the data directory itself and folders outside it; inside the data directory,
/// [`ensure_dir_in`] (or [`DataDir::ensure_dir`]) keeps to it.
pub fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| StoreError::io(dir, e))
}

/// Create the folder `dir` inside the data directory `root` (and its parents), 0700, never
/// through a link that leads out of `root`.
pub fn ensure_dir_in(root: &Path, dir: &Path) -> Result<(), StoreError> {
    DataDir::create(root)?.ensure_dir(dir)
}

/// Replace `path` with `bytes` so that a crash at any moment leaves the old or the new file.
/// For a file the user named (an export); records go through the store, which keeps them
/// inside the data directory. `Ok(Some(warning))`: the file was written but its folder's
/// fsync failed, so the rename may not survive a power cut.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<Option<String>, StoreError> {
    let name = path.file_name().ok_or_else(|| {
        StoreError::io(
            path,
            io::Error::other("not a file name (it ends in .. or /)"),
        )
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // A device or pipe the user names (`-o /dev/stdout`, `-o /dev/null`) is written to, not
    // replaced: renaming a file over it would put a plain file where the device was.
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| StoreError::io(path, e))?;
        f.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
        return Ok(None);
    }
    ensure_dir(dir)?;
    let handle =
        Dir::open_ambient_dir(dir, ambient_authority()).map_err(|e| StoreError::io(dir, e))?;
    Folder {
        path: dir.to_path_buf(),
        dir: handle,
    }
    .replace(name, bytes)
}

/// Read a file the user named (a framework to check, say) as a plain file: a FIFO, socket or
/// device is refused at once instead of being waited on.
pub fn read_plain_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    let file = File::open_ambient_with(path, &read_options(), ambient_authority())
        .map_err(|e| special_or_io(path, std::fs::symlink_metadata(path).ok(), e))?;
    read_open_file(path, file)
}

fn read_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).nonblock(true);
    o
}

/// What a file that is not a plain file is, for messages (`None`: a plain file).
/// Flags: FIFO, socket, block device, character device, folder, link, plain file.
fn classify(flags: [bool; 7]) -> Option<&'static str> {
    const NAMES: [&str; 6] = [
        "a FIFO",
        "a socket",
        "a block device",
        "a character device",
        "a folder",
        "a symbolic link",
    ];
    match NAMES.iter().zip(flags).find(|(_, on)| *on) {
        Some((name, _)) => Some(name),
        None if flags[6] => None,
        None => Some("not a plain file"),
    }
}

/// A folder, or a link that may lead to one (reading through it decides).
fn folderish(ft: &FileType) -> bool {
    ft.is_dir() || ft.is_symlink()
}

fn kind_of(ft: &FileType) -> Option<&'static str> {
    #[cfg(unix)]
    let special = {
        use cap_std::fs::FileTypeExt;
        [
            ft.is_fifo(),
            ft.is_socket(),
            ft.is_block_device(),
            ft.is_char_device(),
        ]
    };
    #[cfg(not(unix))]
    let special = [false; 4];
    let [a, b, c, d] = special;
    classify([a, b, c, d, ft.is_dir(), ft.is_symlink(), ft.is_file()])
}

fn kind_of_std(ft: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    let special = {
        use std::os::unix::fs::FileTypeExt;
        [
            ft.is_fifo(),
            ft.is_socket(),
            ft.is_block_device(),
            ft.is_char_device(),
        ]
    };
    #[cfg(not(unix))]
    let special = [false; 4];
    let [a, b, c, d] = special;
    classify([a, b, c, d, ft.is_dir(), ft.is_symlink(), ft.is_file()])
}

fn not_regular(path: &Path, what: &str) -> StoreError {
    let todo = if what == "a folder" {
        "move it out of the way"
    } else {
        "remove it"
    };
    StoreError::Invalid(format!(
        "{} is not a regular file ({what}); mentorlog reads and writes only plain files: {todo}",
        path.display()
    ))
}

fn check_regular(path: &Path, ft: &FileType) -> Result<(), StoreError> {
    match kind_of(ft) {
        None => Ok(()),
        Some(what) => Err(not_regular(path, what)),
    }
}

/// An open that failed: say so plainly when the name holds a FIFO, socket or device (opening
/// a socket fails with ENXIO, a FIFO for writing without a reader too).
fn special_or_io(path: &Path, meta: Option<std::fs::Metadata>, e: io::Error) -> StoreError {
    if let Some(m) = meta
        && !m.is_file()
        && !m.is_dir()
        && !m.file_type().is_symlink()
    {
        return not_regular(path, kind_of_std(&m.file_type()).unwrap_or("?"));
    }
    StoreError::io(path, e)
}

fn read_open_file(path: &Path, mut file: File) -> Result<Vec<u8>, StoreError> {
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    check_regular(path, &meta.file_type())?;
    // Read into a buffer sized from the fstat above: `read_to_end` would ask the size again
    // (another fstat and an lseek per file, thousands of them when the journal opens).
    let mut bytes = vec![0u8; usize::try_from(meta.len()).unwrap_or(0).saturating_add(1)];
    let mut n = 0;
    loop {
        if n == bytes.len() {
            bytes.resize(n.saturating_mul(2).max(64), 0);
        }
        match file.read(&mut bytes[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    bytes.truncate(n);
    Ok(bytes)
}

/// cap-std reports a path that would leave its directory as PermissionDenied without an OS
/// error code (openat2's EXDEV, or its own check where openat2 is missing).
fn is_escape(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::PermissionDenied && e.raw_os_error().is_none()
}

#[cfg(test)]
thread_local! {
    static FAIL_DIR_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Test seam: make every folder fsync on this thread fail (a full disk, an NFS hiccup).
#[cfg(test)]
pub(crate) fn fail_dir_sync(on: bool) {
    FAIL_DIR_SYNC.with(|f| f.set(on));
}

fn sync_handle(dir: &Dir) -> io::Result<()> {
    #[cfg(test)]
    if FAIL_DIR_SYNC.with(|f| f.get()) {
        return Err(io::Error::other("injected fsync failure"));
    }
    #[cfg(unix)]
    {
        // The handle itself may be O_PATH, which cannot be fsynced: open the folder to read.
        use cap_fs_ext::OpenOptionsMaybeDirExt;
        let mut o = OpenOptions::new();
        o.read(true).maybe_dir(true);
        dir.open_with(".", &o)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// One open folder; every operation is relative to its handle, by a one-component name.
pub(crate) struct Folder {
    /// For messages.
    path: PathBuf,
    dir: Dir,
}

impl Folder {
    fn shown(&self, name: &OsStr) -> PathBuf {
        self.path.join(name)
    }

    /// A new private temp file beside the target: `.tmp-XXXXXXXXXX.ron`, 0600. An error names
    /// the file being saved (`target`), not the temp file, which the user never asked for.
    fn temp(&self, target: &OsStr) -> Result<(String, File), StoreError> {
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use cap_std::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut last = None;
        for _ in 0..16 {
            let name = format!(".tmp-{}.ron", fastrand_name());
            match self.dir.open_with(&name, &opts) {
                Ok(f) => return Ok((name, f)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(StoreError::io(&self.shown(target), e)),
            }
        }
        Err(StoreError::io(
            &self.shown(target),
            last.unwrap_or_else(|| io::Error::other("cannot create a temp file beside it")),
        ))
    }

    /// Write `bytes` for `target` to a durable temp file; the caller puts it in place.
    fn write_temp(&self, target: &OsStr, bytes: &[u8]) -> Result<String, StoreError> {
        let (name, mut file) = self.temp(target)?;
        let done = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(e) = done {
            let _ = self.dir.remove_file(&name);
            return Err(StoreError::io(&self.shown(target), e));
        }
        Ok(name)
    }

    /// After the rename or removal: fsync the folder; a failure is only a warning.
    fn sync_after(&self) -> Option<String> {
        sync_handle(&self.dir).err().map(|e| {
            format!(
                "{}: the change is made, but the folder could not be flushed to disk ({e}); \
                 it may not survive a power cut",
                self.path.display()
            )
        })
    }

    /// Replace (or create) `name` atomically.
    fn replace(&self, name: &OsStr, bytes: &[u8]) -> Result<Option<String>, StoreError> {
        let tmp = self.write_temp(name, bytes)?;
        if let Err(e) = self.dir.rename(&tmp, &self.dir, name) {
            let _ = self.dir.remove_file(&tmp);
            return Err(StoreError::io(&self.shown(name), e));
        }
        Ok(self.sync_after())
    }

    /// Create `name` atomically, never over an existing file: the temp file is hard-linked to
    /// the name, which fails if anything has it. An error of kind `AlreadyExists` says so.
    fn create_new(&self, name: &OsStr, bytes: &[u8]) -> Result<Option<String>, StoreError> {
        let tmp = self.write_temp(name, bytes)?;
        let linked = self.dir.hard_link(&tmp, &self.dir, name);
        match linked {
            Ok(()) => {
                let _ = self.dir.remove_file(&tmp);
                Ok(self.sync_after())
            }
            Err(e) if link_unsupported(&e) => {
                // A file system without hard links: create the name exclusively and copy in.
                let _ = self.dir.remove_file(&tmp);
                self.create_new_direct(name, bytes)
            }
            Err(e) => {
                let _ = self.dir.remove_file(&tmp);
                Err(StoreError::io(&self.shown(name), e))
            }
        }
    }

    fn create_new_direct(&self, name: &OsStr, bytes: &[u8]) -> Result<Option<String>, StoreError> {
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use cap_std::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let shown = self.shown(name);
        let mut f = self
            .dir
            .open_with(name, &opts)
            .map_err(|e| StoreError::io(&shown, e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| StoreError::io(&shown, e))?;
        Ok(self.sync_after())
    }

    fn remove(&self, name: &OsStr) -> Result<Option<String>, StoreError> {
        self.dir
            .remove_file(name)
            .map_err(|e| StoreError::io(&self.shown(name), e))?;
        Ok(self.sync_after())
    }

    /// Refuse to write or delete `name` if it is a symbolic link (even one that stays inside).
    fn refuse_link(&self, name: &OsStr) -> Result<(), StoreError> {
        match self.dir.symlink_metadata(name) {
            Ok(m) if m.file_type().is_symlink() => Err(StoreError::Invalid(format!(
                "{} is a symbolic link: mentorlog does not write or delete through links; \
                 replace it with a plain file",
                self.shown(name).display()
            ))),
            _ => Ok(()),
        }
    }
}

fn link_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || (cfg!(unix) && e.raw_os_error() == Some(1))
}

fn fastrand_name() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..10)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect()
}

/// The data directory, opened once; every path given to it must lie inside it (`root.join(..)`)
/// and is resolved beneath the handle, never out of it.
pub struct DataDir {
    root: PathBuf,
    dir: Dir,
}

impl std::fmt::Debug for DataDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataDir").field("root", &self.root).finish()
    }
}

impl DataDir {
    /// Open an existing data directory (an error of kind NotFound when there is none yet).
    pub fn open(root: &Path) -> Result<DataDir, StoreError> {
        let dir = Dir::open_ambient_dir(root, ambient_authority())
            .map_err(|e| StoreError::io(root, e))?;
        Ok(DataDir {
            root: root.to_path_buf(),
            dir,
        })
    }

    /// Open the data directory, creating it (0700) first if need be.
    pub fn create(root: &Path) -> Result<DataDir, StoreError> {
        ensure_dir(root)?;
        DataDir::open(root)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` relative to the data directory.
    fn rel<'p>(&self, path: &'p Path) -> Result<&'p Path, StoreError> {
        path.strip_prefix(&self.root).map_err(|_| {
            StoreError::Invalid(format!(
                "{} is not inside the data directory ({}); mentorlog reads and writes only there",
                path.display(),
                self.root.display()
            ))
        })
    }

    /// `path`'s folder (relative) and file name.
    fn split<'p>(&self, path: &'p Path) -> Result<(&'p Path, &'p OsStr), StoreError> {
        let rel = self.rel(path)?;
        match (rel.parent(), rel.file_name()) {
            (Some(dir), Some(name)) => Ok((dir, name)),
            _ => Err(StoreError::Invalid(format!(
                "{} is not a file in the data directory ({})",
                path.display(),
                self.root.display()
            ))),
        }
    }

    /// An error met at `path`: name the link that leads out, or what the file really is.
    fn fail(&self, path: &Path, e: io::Error) -> StoreError {
        let rel = self.rel(path).unwrap_or(path);
        let mut prefix = PathBuf::new();
        for c in rel.components() {
            prefix.push(c);
            let Ok(m) = self.dir.symlink_metadata(&prefix) else {
                break;
            };
            if m.file_type().is_symlink() {
                if self.dir.metadata(&prefix).is_err_and(|e| is_escape(&e)) {
                    return self.link_out(&self.root.join(&prefix));
                }
            } else if prefix.as_path() == rel && !m.is_dir() && !m.is_file() {
                return not_regular(path, kind_of(&m.file_type()).unwrap_or("?"));
            }
        }
        if is_escape(&e) {
            return StoreError::Invalid(format!(
                "{} leads out of the data directory ({}) through a symbolic link; \
                 mentorlog reads, writes and deletes only inside it: replace the link with \
                 the folder or file itself",
                path.display(),
                self.root.display()
            ));
        }
        StoreError::io(path, e)
    }

    fn link_out(&self, link: &Path) -> StoreError {
        StoreError::Invalid(format!(
            "{} is a symbolic link that leads out of the data directory ({}); mentorlog reads, \
             writes and deletes only inside it: replace the link with the folder or file itself",
            link.display(),
            self.root.display()
        ))
    }

    /// Create the folder `dir` (and its parents) inside the data directory, 0700.
    pub fn ensure_dir(&self, dir: &Path) -> Result<(), StoreError> {
        let rel = self.rel(dir)?;
        if rel.as_os_str().is_empty() || self.dir.is_dir(rel) {
            return Ok(());
        }
        let mut builder = DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use cap_std::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        self.dir
            .create_dir_with(rel, &builder)
            .map_err(|e| self.fail(dir, e))
    }

    /// Open the folder `dir` (inside the data directory), creating it first if `create`.
    pub(crate) fn folder(&self, dir: &Path, create: bool) -> Result<Folder, StoreError> {
        if create {
            self.ensure_dir(dir)?;
        }
        let rel = self.rel(dir)?;
        let rel = if rel.as_os_str().is_empty() {
            Path::new(".")
        } else {
            rel
        };
        let handle = self.dir.open_dir(rel).map_err(|e| self.fail(dir, e))?;
        Ok(Folder {
            path: dir.to_path_buf(),
            dir: handle,
        })
    }

    /// Is anything (a file, a folder, a link) at `path`?
    pub fn exists(&self, path: &Path) -> bool {
        self.rel(path)
            .is_ok_and(|rel| self.dir.symlink_metadata(rel).is_ok())
    }

    /// Whether `path` may be a folder, as [`DataDir::entries`] tells it: a folder, or a link
    /// that may lead to one.
    pub fn folderish(&self, path: &Path) -> bool {
        self.rel(path)
            .ok()
            .and_then(|rel| self.dir.symlink_metadata(rel).ok())
            .is_some_and(|m| folderish(&m.file_type()))
    }

    /// What is at `path` itself, a link not followed: `None` when nothing is, else "a folder",
    /// "a symbolic link", "a file" (a plain one), "a FIFO"...
    pub fn link_or_kind(&self, path: &Path) -> Option<&'static str> {
        let rel = self.rel(path).ok()?;
        let m = self.dir.symlink_metadata(rel).ok()?;
        Some(kind_of(&m.file_type()).unwrap_or("a file"))
    }

    /// Make the folder `dir` private to its owner (0700) if others can open it; returns the
    /// mode it had then (`None`: it was private already).
    pub fn tighten(&self, dir: &Path) -> Result<Option<u32>, StoreError> {
        #[cfg(unix)]
        {
            use cap_std::fs::PermissionsExt;
            let rel = self.rel(dir)?;
            let meta = self
                .dir
                .symlink_metadata(rel)
                .map_err(|e| self.fail(dir, e))?;
            let mode = meta.permissions().mode() & 0o777;
            if meta.is_dir() && mode & 0o077 != 0 {
                self.dir
                    .set_permissions(rel, cap_std::fs::Permissions::from_mode(0o700))
                    .map_err(|e| self.fail(dir, e))?;
                return Ok(Some(mode));
            }
        }
        #[cfg(not(unix))]
        let _ = dir;
        Ok(None)
    }

    /// The bytes of the plain file at `path`. A missing file is an `Io` error of kind NotFound.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, StoreError> {
        let rel = self.rel(path)?;
        let file = self
            .dir
            .open_with(rel, &read_options())
            .map_err(|e| self.fail(path, e))?;
        read_open_file(path, file)
    }

    /// The plain file at `path`, mapped into memory rather than read into it (`None` for an
    /// empty file, which cannot be mapped).
    ///
    /// For the caches only. A mapped file must not be shortened in place while it is mapped
    /// (reading past its new end would stop the process), and mentorlog never does that:
    /// every save writes a new file and renames it over the old one, which leaves the old
    /// one, mapped, as it was. The cache folder is private working space no other program
    /// writes.
    pub fn map(&self, path: &Path) -> Result<Option<memmap2::Mmap>, StoreError> {
        let rel = self.rel(path)?;
        let file = self
            .dir
            .open_with(rel, &read_options())
            .map_err(|e| self.fail(path, e))?;
        let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
        check_regular(path, &meta.file_type())?;
        if meta.len() == 0 {
            return Ok(None);
        }
        let file = file.into_std();
        // SAFETY: the file is one of mentorlog's own, replaced only by renaming (see above).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| StoreError::io(path, e))?;
        Ok(Some(map))
    }

    /// The first line of the plain file at `path` (without its newline, `None` when it has
    /// none), and the file's length: as much of a large file as its first line takes.
    pub fn read_first_line(&self, path: &Path) -> Result<(Option<Vec<u8>>, u64), StoreError> {
        let rel = self.rel(path)?;
        let mut file = self
            .dir
            .open_with(rel, &read_options())
            .map_err(|e| self.fail(path, e))?;
        let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
        check_regular(path, &meta.file_type())?;
        let mut line = Vec::new();
        let mut piece = vec![0u8; 64 * 1024];
        loop {
            match file.read(&mut piece) {
                Ok(0) => return Ok((None, meta.len())),
                Ok(k) => {
                    if let Some(end) = memchr::memchr(b'\n', &piece[..k]) {
                        line.extend_from_slice(&piece[..end]);
                        return Ok((Some(line), meta.len()));
                    }
                    line.extend_from_slice(&piece[..k]);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(StoreError::io(path, e)),
            }
        }
    }

    /// When the file at `path` was last modified (`None` when there is no such file, or the
    /// file system keeps no such time).
    pub fn modified(&self, path: &Path) -> Option<std::time::SystemTime> {
        let rel = self.rel(path).ok()?;
        let meta = self.dir.metadata(rel).ok()?;
        meta.modified().ok().map(|t| t.into_std())
    }

    /// Replace (or create) the file at `path` atomically and durably.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<Option<String>, StoreError> {
        let (dir, name) = self.split(path)?;
        let folder = self.folder(&self.root.join(dir), true)?;
        folder.refuse_link(name)?;
        folder.replace(name, bytes)
    }

    /// Create the file at `path` atomically and durably, never over an existing one (an `Io`
    /// error of kind AlreadyExists then).
    pub fn create_new(&self, path: &Path, bytes: &[u8]) -> Result<Option<String>, StoreError> {
        let (dir, name) = self.split(path)?;
        let folder = self.folder(&self.root.join(dir), true)?;
        folder.create_new(name, bytes)
    }

    /// Remove the file at `path` (not a link, not a folder) and make that durable.
    pub fn remove(&self, path: &Path) -> Result<Option<String>, StoreError> {
        let (dir, name) = self.split(path)?;
        let folder = self.folder(&self.root.join(dir), false)?;
        folder.refuse_link(name)?;
        folder.remove(name)
    }

    /// Remove the folder `dir` if it is empty (a link is never followed nor removed).
    /// Returns whether it was removed.
    pub fn remove_empty_dir(&self, dir: &Path) -> bool {
        let Ok(rel) = self.rel(dir) else {
            return false;
        };
        if rel.as_os_str().is_empty() {
            return false;
        }
        let is_dir = self
            .dir
            .symlink_metadata(rel)
            .is_ok_and(|m| m.file_type().is_dir());
        is_dir && self.dir.remove_dir(rel).is_ok()
    }

    /// The names in folder `dir`, each with whether it may be a folder (a folder, or a link
    /// that may lead to one: reading through it decides). A missing folder has none.
    pub fn entries(&self, dir: &Path) -> Result<Vec<(String, bool)>, StoreError> {
        let rel = self.rel(dir)?;
        let rel = if rel.as_os_str().is_empty() {
            Path::new(".")
        } else {
            rel
        };
        let entries = match self.dir.read_dir(rel) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.fail(dir, e)),
        };
        Ok(entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                Some((name, e.file_type().is_ok_and(|t| folderish(&t))))
            })
            .collect())
    }

    /// Open the plain file at `path` (creating it, 0600, and its folder, 0700) to append to,
    /// never through a link.
    pub fn open_append(&self, path: &Path) -> Result<std::fs::File, StoreError> {
        let (dir, name) = self.split(path)?;
        let folder = self.folder(&self.root.join(dir), true)?;
        folder.refuse_link(name)?;
        let mut opts = OpenOptions::new();
        opts.append(true).create(true).follow(FollowSymlinks::No);
        #[cfg(unix)]
        {
            use cap_std::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = folder
            .dir
            .open_with(name, &opts)
            .map_err(|e| self.fail(path, e))?;
        let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
        check_regular(path, &meta.file_type())?;
        Ok(file.into_std())
    }

    /// Open (creating it, 0600) the plain file `name` at the top of the data directory for
    /// reading and writing, without following a link and without blocking.
    pub(crate) fn open_top_file(&self, name: &str) -> Result<std::fs::File, StoreError> {
        let path = self.root.join(name);
        if let Ok(m) = self.dir.symlink_metadata(name)
            && m.file_type().is_symlink()
        {
            return Err(StoreError::Invalid(format!(
                "{} is a symbolic link: mentorlog does not open its files through links; \
                 remove it (mentorlog makes a new one)",
                path.display()
            )));
        }
        let mut opts = OpenOptions::new();
        opts.read(true)
            .write(true)
            .create(true)
            .nonblock(true)
            .follow(FollowSymlinks::No);
        #[cfg(unix)]
        {
            use cap_std::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = self
            .dir
            .open_with(name, &opts)
            .map_err(|e| self.fail(&path, e))?;
        let meta = file.metadata().map_err(|e| StoreError::io(&path, e))?;
        check_regular(&path, &meta.file_type())?;
        Ok(file.into_std())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn writes_stay_inside_and_links_out_are_refused() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("j");
        let outside = t.path().join("out");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("b")).unwrap();
        std::os::unix::fs::symlink("a", root.join("c")).unwrap();
        let d = DataDir::open(&root).unwrap();
        assert_eq!(d.write(&root.join("a/x.ron"), b"x").unwrap(), None);
        assert_eq!(std::fs::read(root.join("a/x.ron")).unwrap(), b"x");
        // A link that stays inside works.
        assert_eq!(d.read(&root.join("c/x.ron")).unwrap(), b"x");
        let e = d
            .write(&root.join("b/x.ron"), b"x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("leads out of the data directory"), "{e}");
        assert!(e.contains(&root.join("b").display().to_string()), "{e}");
        assert!(d.read(&root.join("b/x.ron")).is_err());
        assert!(d.write(&root.join("../out/x.ron"), b"x").is_err());
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn create_new_never_replaces() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().to_path_buf();
        let d = DataDir::open(&root).unwrap();
        let p = root.join("m/one.ron");
        d.create_new(&p, b"first").unwrap();
        let e = d.create_new(&p, b"second").unwrap_err();
        assert!(
            matches!(&e, StoreError::Io { error, .. } if error.kind() == io::ErrorKind::AlreadyExists),
            "{e}"
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"first");
        // No temp file is left behind.
        assert_eq!(std::fs::read_dir(root.join("m")).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_folder_fsync_after_the_rename_is_a_warning() {
        let t = tempfile::tempdir().unwrap();
        let d = DataDir::open(t.path()).unwrap();
        let p = t.path().join("x.ron");
        fail_dir_sync(true);
        let w = d.write(&p, b"x");
        fail_dir_sync(false);
        let w = w.unwrap().expect("a warning");
        assert!(w.contains("could not be flushed"), "{w}");
        assert_eq!(std::fs::read(&p).unwrap(), b"x");
    }
}
