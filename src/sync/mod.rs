//! Sync between machines on git (DESIGN.md section 5): the data directory is a git repository
//! whose `*.ron` files git merges with `mentorlog merge-driver`, the store's own per-field
//! merge (`driver`). `sync init` makes (or adopts, or clones) the repository and writes what
//! it needs; `sync` commits what changed, fetches, merges and pushes.
//!
//! What never leaves the machine: `private/` (every member's private records and the working
//! files that may hold private text), `.mentorlog/` (place, demo, trash, pending saves, the
//! serve host key and log) and the lock. `.gitignore` leaves them out, and before every commit
//! the staged files are checked: nothing under `private/`, and no record marked private
//! anywhere else; a sync that would send one stops before committing.
//!
//! git is the `git` program (gitoxide cannot push yet; libgit2 runs no merge drivers), run with
//! no prompt and no rename detection (`git`). git keeps only the execute bit of a file, so
//! after every checkout and merge the data directory's modes are put back (0600, 0700).
//!
//! This layer sits on the store and the journal core; the command line and the full-screen
//! journal call it (the latter on a background thread, `background`).

pub mod background;
pub mod driver;
mod git;

use std::path::{Path, PathBuf};

pub use driver::merge_driver;
pub use git::Git;

use crate::store::{DataDir, Kind, Store};

/// The line `.gitattributes` needs: every record merges with mentorlog's driver.
pub const ATTRIBUTES_LINE: &str = "*.ron merge=mentorlog";
/// What `.gitignore` leaves out: what is never synced.
pub const IGNORED: &[&str] = &[
    "/private/",
    "/.mentorlog/",
    "/.mentorlog.lock",
    ".tmp-*",
    ".merge_file_*",
    "*.tmp",
];
/// What the merge driver tells the sync running it (local, never synced).
pub const NOTES_FILE: &str = ".mentorlog/sync-notes";
/// When this machine last exchanged with its remote.
pub const LAST_FILE: &str = ".mentorlog/sync-last";
/// The remote a sync exchanges with.
pub const REMOTE: &str = "origin";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "sync needs the git program, and it is not installed (or not on PATH): install git \
         (for example `sudo apt install git`), then try again"
    )]
    NoGit,
    #[error(
        "{} is not a synced journal (not a git repository of its own): run `mentorlog sync init` \
         first, or `mentorlog sync init REMOTE` to sync with a remote",
        .0.display()
    )]
    NotRepository(PathBuf),
    #[error("git {what} failed: {said}")]
    Git { what: String, said: String },
    #[error("{0}")]
    Message(String),
}

impl From<crate::store::StoreError> for SyncError {
    fn from(e: crate::store::StoreError) -> SyncError {
        SyncError::Message(e.to_string())
    }
}

/// A step of a sync, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Committing,
    Fetching,
    Merging,
    Pushing,
}

impl Step {
    pub fn words(self) -> &'static str {
        match self {
            Step::Committing => "committing",
            Step::Fetching => "fetching",
            Step::Merging => "merging",
            Step::Pushing => "pushing",
        }
    }
}

/// Where this machine stands against its remote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The data directory is a synced journal.
    pub repository: bool,
    pub remote: Option<String>,
    /// Commits here the remote does not have, and the other way (as of the last fetch).
    pub ahead: usize,
    pub behind: usize,
    /// Files changed since the last commit.
    pub changed: usize,
    /// When this machine last exchanged with the remote (RFC 3339), if ever.
    pub last: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The message of the commit made of this machine's changes, if there were any.
    pub committed: Option<String>,
    /// There is no remote: the changes were committed here only.
    pub no_remote: bool,
    /// The remote could not be reached (the commit stays; the next sync sends it).
    pub offline: Option<String>,
    /// Commits brought in from the remote.
    pub received: usize,
    /// Records both machines changed in one field (a conflict copy kept), and records
    /// changed on one machine and deleted on the other (kept), in words.
    pub conflicts: Vec<String>,
    pub kept: Vec<String>,
    /// Commits sent.
    pub pushed: usize,
    /// The remote refused the push: what it said.
    pub refused: Option<String>,
    /// Other things worth saying.
    pub notes: Vec<String>,
    pub state: State,
}

impl Report {
    /// The report in lines for people.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        match &self.committed {
            Some(m) => out.push(format!("committed: {m}")),
            None => out.push("nothing new to commit".to_string()),
        }
        if self.no_remote {
            out.push(
                "no remote yet: the journal is committed on this machine only (add one with \
                 `mentorlog sync init REMOTE`)"
                    .to_string(),
            );
        }
        if let Some(o) = &self.offline {
            out.push(format!(
                "could not reach the remote ({o}): your changes are committed here and the next \
                 sync sends them"
            ));
        }
        if self.received > 0 {
            out.push(format!(
                "received {} change{} from the remote",
                self.received,
                plural(self.received)
            ));
        }
        for c in &self.conflicts {
            out.push(format!("conflict: {c}"));
        }
        for k in &self.kept {
            out.push(format!("kept: {k}"));
        }
        if self.pushed > 0 {
            out.push(format!(
                "sent {} commit{} to the remote",
                self.pushed,
                plural(self.pushed)
            ));
        }
        if let Some(r) = &self.refused {
            out.push(format!(
                "the remote refused the push ({r}): the journal here is as it was, and its \
                 commits wait for the next sync"
            ));
        }
        out.extend(self.notes.iter().cloned());
        out
    }

    /// One line for a status bar.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = &self.committed {
            parts.push(format!(
                "committed {}",
                m.split_once(": ").map_or(m.as_str(), |x| x.1)
            ));
        }
        if self.received > 0 {
            parts.push(format!("received {}", self.received));
        }
        if self.pushed > 0 {
            parts.push("sent".to_string());
        }
        let n = self.conflicts.len();
        if n > 0 {
            parts.push(format!("{n} conflict{} kept as copies (C)", plural(n)));
        }
        if !self.kept.is_empty() {
            parts.push(format!("{} deleted elsewhere but kept", self.kept.len()));
        }
        let head = if let Some(o) = &self.offline {
            format!("Synced here only, remote unreachable ({o})")
        } else if let Some(r) = &self.refused {
            format!("The remote refused the push ({r}); nothing here changed")
        } else if self.no_remote {
            "Committed here (no remote yet)".to_string()
        } else {
            "Synced".to_string()
        };
        if parts.is_empty() {
            format!("{head}: nothing new")
        } else {
            format!("{head}: {}", parts.join(", "))
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// ----- set-up -----

/// This program, as git should run it for the merge driver (quoted for git's shell).
fn driver_command() -> Result<String, SyncError> {
    let exe = std::env::current_exe()
        .map_err(|e| SyncError::Message(format!("cannot tell where mentorlog is: {e}")))?;
    let exe = exe.to_string_lossy().replace('\'', "'\\''");
    Ok(format!("'{exe}' merge-driver %O %A %B %P"))
}

/// Whether the driver git is told to run should be this program: when none is set, when the
/// one set is gone (mentorlog was moved or reinstalled), or when this is a mentorlog program
/// (not a program that links the library, such as a test).
fn driver_needed(set: Option<&str>) -> bool {
    let Some(set) = set else { return true };
    let program = set
        .strip_prefix('\'')
        .and_then(|s| s.split_once("' merge-driver"))
        .map(|(p, _)| p.replace("'\\''", "'"));
    let gone = program.is_none_or(|p| !Path::new(&p).is_file());
    let mentorlog = std::env::current_exe().ok().is_some_and(|e| {
        e.file_stem()
            .is_some_and(|n| n.to_string_lossy() == "mentorlog")
    });
    gone || mentorlog
}

/// Whether `root` is the top of a git repository of its own.
fn is_repository(git: &Git) -> Result<bool, SyncError> {
    if !git.root.join(".git").exists() {
        return Ok(false);
    }
    let out = git.output(&["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Ok(false);
    }
    let top = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    Ok(same(&top, &git.root))
}

/// The lines of `text`, with each of `want` added when missing. `None`: nothing to add.
fn with_lines(text: &str, want: &[&str]) -> Option<String> {
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&&str> = want.iter().filter(|w| !have.contains(w)).collect();
    if missing.is_empty() {
        return None;
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("# Written by mentorlog sync: what never leaves this machine.\n");
    }
    for m in missing {
        out.push_str(m);
        out.push('\n');
    }
    Some(out)
}

/// Write `.gitattributes`, `.gitignore` and the local configuration the merge driver and the
/// commits need. Returns what it did, in words.
fn configure(git: &Git, store: &Store) -> Result<Vec<String>, SyncError> {
    let mut said = Vec::new();
    let data = DataDir::create(&git.root)?;
    for (file, lines) in [
        (".gitattributes", &[ATTRIBUTES_LINE][..]),
        (".gitignore", IGNORED),
    ] {
        let path = git.root.join(file);
        let text = match data.read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(_) => String::new(),
        };
        if let Some(new) = with_lines(&text, lines) {
            data.write(&path, new.as_bytes())?;
            said.push(format!("wrote {file}"));
        }
    }
    let driver = driver_command()?;
    let set = git.local_config("merge.mentorlog.driver")?;
    if set.as_deref() != Some(driver.as_str()) && driver_needed(set.as_deref()) {
        git.set_config(
            "merge.mentorlog.name",
            "mentorlog's per-field merge of records",
        )?;
        git.set_config("merge.mentorlog.driver", &driver)?;
        said.push("set the merge driver (this mentorlog) in the repository's config".into());
    }
    if git.local_config("mentorlog.machine")?.is_none() {
        let machine = hostname();
        git.set_config("mentorlog.machine", &machine)?;
        said.push(format!(
            "this machine is called '{machine}' in commit messages (git config mentorlog.machine)"
        ));
    }
    // Commits are the journal's owner's, the same on every machine.
    if let Ok(Some(journal)) = store.read_journal()
        && git.local_config("user.name")?.is_none()
    {
        let name = journal.profile.name.trim().to_string();
        let id = crate::model::owner_id(Some(&journal.profile), "");
        if !name.is_empty() {
            git.set_config("user.name", &name)?;
            git.set_config("user.email", &format!("{id}@mentorlog.invalid"))?;
            said.push(format!("commits are made as {name}"));
        }
    }
    Ok(said)
}

/// This machine's name.
fn hostname() -> String {
    #[cfg(unix)]
    {
        let n = rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned();
        if !n.trim().is_empty() {
            return n.trim().to_string();
        }
    }
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".to_string())
}

/// Whether a folder is missing or holds nothing.
fn empty_dir(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut rd) => rd.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// `mentorlog sync init [REMOTE]`: make the data directory a git repository (an empty one is
/// cloned from REMOTE; one that is a repository already is adopted), with what sync needs.
pub fn init(store: &Store, remote: Option<&str>) -> Result<Vec<String>, SyncError> {
    git::available()?;
    let root = store.root().to_path_buf();
    let git = Git::new(&root);
    let mut said = Vec::new();
    if empty_dir(&root) && remote.is_some() {
        let remote = remote.unwrap_or_default();
        crate::store::ensure_dir(&root)?;
        let out = git::run(
            std::process::Command::new("git")
                .args(["-c", "core.quotepath=off", "clone", "--quiet", "--", remote])
                .arg(&root)
                .env("GIT_TERMINAL_PROMPT", "0")
                .env("LC_ALL", "C")
                .stdin(std::process::Stdio::null()),
        )?;
        if !out.status.success() {
            return Err(SyncError::Message(format!(
                "could not clone {remote}: {}; nothing was changed",
                git::said(&out)
            )));
        }
        said.push(format!("cloned {remote} into {}", root.display()));
        if !has_head(&git)?
            && let Some(b) = remote_branch(&git)?
        {
            git.run(&[
                "checkout",
                "--quiet",
                "-B",
                &b,
                &format!("refs/remotes/{REMOTE}/{b}"),
            ])?;
        }
    } else if is_repository(&git)? {
        said.push(format!(
            "{} is a git repository already: it is used as it is",
            root.display()
        ));
    } else {
        crate::store::ensure_dir(&root)?;
        git.run(&["init", "--quiet", "--initial-branch=main"])?;
        said.push(format!("made {} a git repository", root.display()));
    }
    if let Some(url) = remote {
        match git.config(&format!("remote.{REMOTE}.url"))? {
            Some(u) if u == url => {}
            Some(_) => {
                git.run(&["remote", "set-url", REMOTE, url])?;
                said.push(format!("the remote is now {url}"));
            }
            None => {
                git.run(&["remote", "add", REMOTE, url])?;
                said.push(format!("the remote is {url}"));
            }
        }
    }
    said.extend(configure(&git, store)?);
    restore_modes(&root);
    said.push(
        if remote.is_some() || git.config("remote.origin.url")?.is_some() {
            "`mentorlog sync` now commits, merges and sends your changes".to_string()
        } else {
            "`mentorlog sync` now commits your changes here; `mentorlog sync init REMOTE` adds a \
         remote to send them to"
                .to_string()
        },
    );
    Ok(said)
}

// ----- modes -----

/// Put every file of the data directory back to 0600 and every folder to 0700 (git writes
/// them by the umask); `.git` itself is made 0700. Returns how many were changed.
pub fn restore_modes(root: &Path) -> usize {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fn set(path: &Path, mode: u32) -> usize {
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.permissions().mode() & 0o777 != mode => usize::from(
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).is_ok(),
                ),
                _ => 0,
            }
        }
        fn walk(dir: &Path, top: bool) -> usize {
            let mut n = set(dir, 0o700);
            let Ok(rd) = std::fs::read_dir(dir) else {
                return n;
            };
            for e in rd.flatten() {
                let path = e.path();
                let Ok(t) = e.file_type() else { continue };
                if top && e.file_name() == ".git" {
                    n += set(&path, 0o700);
                } else if t.is_dir() {
                    n += walk(&path, false);
                } else if t.is_file() {
                    n += set(&path, 0o600);
                }
            }
            n
        }
        walk(root, true)
    }
    #[cfg(not(unix))]
    {
        let _ = root;
        0
    }
}

// ----- the state -----

fn branch(git: &Git) -> Result<String, SyncError> {
    let out = git.output(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
    let b = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !b.is_empty() {
        Ok(b)
    } else {
        Err(SyncError::Message(
            "the journal's repository is not on a branch (a detached HEAD): check out a \
             branch with git, then sync"
                .into(),
        ))
    }
}

/// The remote's branch to follow: `main`, else `master`, else its first (`None`: it has none).
fn remote_branch(git: &Git) -> Result<Option<String>, SyncError> {
    let text = git.run(&[
        "for-each-ref",
        "--format=%(refname:lstrip=3)",
        &format!("refs/remotes/{REMOTE}/"),
    ])?;
    let names: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "HEAD")
        .collect();
    Ok(["main", "master"]
        .iter()
        .find(|b| names.contains(b))
        .map(|b| b.to_string())
        .or_else(|| names.first().map(|b| b.to_string())))
}

fn has_head(git: &Git) -> Result<bool, SyncError> {
    git.ok(&["rev-parse", "--verify", "--quiet", "HEAD"])
}

fn count(git: &Git, range: &str) -> Result<usize, SyncError> {
    Ok(git
        .run(&["rev-list", "--count", range])?
        .trim()
        .parse()
        .unwrap_or(0))
}

/// Where the journal at `store` stands: a repository or not, ahead, behind, last sync.
pub fn state(store: &Store) -> Result<State, SyncError> {
    git::available()?;
    let git = Git::new(store.root());
    if !is_repository(&git)? {
        return Ok(State::default());
    }
    let mut s = State {
        repository: true,
        remote: git.config(&format!("remote.{REMOTE}.url"))?,
        ..State::default()
    };
    s.changed = git
        .run(&["status", "--porcelain", "--untracked-files=all"])?
        .lines()
        .count();
    let upstream = format!("refs/remotes/{REMOTE}/{}", branch(&git)?);
    let head = has_head(&git)?;
    if head && git.ok(&["rev-parse", "--verify", "--quiet", &upstream])? {
        s.ahead = count(&git, &format!("{upstream}..HEAD"))?;
        s.behind = count(&git, &format!("HEAD..{upstream}"))?;
    } else if head && s.remote.is_some() {
        s.ahead = count(&git, "HEAD")?;
    }
    s.last = DataDir::open(store.root())
        .ok()
        .and_then(|d| d.read(&store.root().join(LAST_FILE)).ok())
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|t| !t.is_empty());
    Ok(s)
}

// ----- committing -----

/// Files staged for the next commit: (status letter, path).
fn staged(git: &Git) -> Result<Vec<(char, String)>, SyncError> {
    let text = git.run(&["diff", "--cached", "--name-status", "--no-renames", "-z"])?;
    let mut parts = text.split('\0').filter(|p| !p.is_empty());
    let mut out = Vec::new();
    while let (Some(status), Some(path)) = (parts.next(), parts.next()) {
        out.push((status.chars().next().unwrap_or('M'), path.to_string()));
    }
    Ok(out)
}

/// Nothing private may be committed: nothing under `private/`, and no record marked private
/// anywhere else. On a breach the index is reset (nothing is committed) and the error says
/// which files.
fn check_private(git: &Git, files: &[(char, String)]) -> Result<(), SyncError> {
    let root = &git.root;
    let mut bad = Vec::new();
    for (status, path) in files {
        if *status == 'D' {
            continue;
        }
        let full = root.join(path);
        let private_place = crate::store::private::is_private_path(root, &full);
        let marked = path.ends_with(".ron")
            && Kind::of_path(root, &full)
                .and_then(|k| crate::store::AnyRecord::read(k, &full).ok())
                .is_some_and(|r| r.is_private());
        if private_place || marked {
            bad.push(path.clone());
        }
    }
    if bad.is_empty() {
        return Ok(());
    }
    let _ = git.output(&["reset", "--quiet"]);
    Err(SyncError::Message(format!(
        "not synced: {} would send private text to the remote ({}); nothing was committed. \
         Private records belong in private/, which is never synced: open the journal once \
         (mentorlog moves a private record there) and sync again",
        if bad.len() == 1 {
            "one file"
        } else {
            "some files"
        },
        bad.join(", ")
    )))
}

/// What a commit holds, in words: "2 meetings, 1 tick".
fn describe(git: &Git, files: &[(char, String)]) -> String {
    let root = &git.root;
    let mut counts: Vec<(&'static str, &'static str, usize)> = Vec::new();
    let mut add = |one: &'static str, many: &'static str, n: usize| {
        if n == 0 {
            return;
        }
        match counts.iter_mut().find(|c| c.0 == one) {
            Some(c) => c.2 += n,
            None => counts.push((one, many, n)),
        }
    };
    for (_, path) in files {
        let full = root.join(path);
        if crate::store::is_conflict_copy(&full) {
            add("conflict copy", "conflict copies", 1);
            continue;
        }
        match Kind::of_path(root, &full) {
            Some(Kind::Ticks) => add("tick", "ticks", ticks_changed(git, path).max(1)),
            Some(k) => add(k.info().noun, k.info().plural, 1),
            None if path.starts_with("frameworks/") => add("framework", "frameworks", 1),
            None => add("other file", "other files", 1),
        }
    }
    counts
        .iter()
        .map(|(one, many, n)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many ticks of a tick sheet differ between the last commit and the index.
fn ticks_changed(git: &Git, path: &str) -> usize {
    let sheet = |spec: String| -> Option<crate::model::TickSheet> {
        let out = git.output(&["show", &spec]).ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8(out.stdout).ok()?;
        crate::store::parse_record(Path::new(path), &text).ok()
    };
    let before = sheet(format!("HEAD:{path}"))
        .map(|s| s.ticks)
        .unwrap_or_default();
    let after = sheet(format!(":{path}"))
        .map(|s| s.ticks)
        .unwrap_or_default();
    let mut n = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .count();
    n += after.keys().filter(|k| !before.contains_key(*k)).count();
    n
}

fn who(git: &Git, store: &Store) -> String {
    let name = store
        .read_journal()
        .ok()
        .flatten()
        .map(|j| j.profile.name)
        .filter(|n| !n.trim().is_empty())
        .or_else(|| git.config("user.name").ok().flatten())
        .unwrap_or_else(|| "mentorlog".into());
    let machine = git
        .config("mentorlog.machine")
        .ok()
        .flatten()
        .unwrap_or_else(hostname);
    format!("{name} on {machine}")
}

/// Stage everything (what `.gitignore` leaves out aside), check nothing private is staged,
/// and commit it with a message that says what. `None`: nothing had changed.
fn commit_all(git: &Git, store: &Store, what: Option<&str>) -> Result<Option<String>, SyncError> {
    git.run(&["add", "--all"])?;
    let files = staged(git)?;
    check_private(git, &files)?;
    if files.is_empty() {
        return Ok(None);
    }
    let message = format!(
        "{}: {}",
        who(git, store),
        what.map_or_else(|| describe(git, &files), str::to_string)
    );
    git.run(&["commit", "--quiet", "--no-verify", "-m", &message])?;
    Ok(Some(message))
}

// ----- merging -----

/// The paths git left unmerged, each with the stages it has (1 base, 2 ours, 3 theirs).
fn unmerged(git: &Git) -> Result<Vec<(String, Vec<u8>)>, SyncError> {
    let text = git.run(&["ls-files", "--unmerged", "-z"])?;
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in text.split('\0').filter(|e| !e.is_empty()) {
        // "MODE SHA STAGE\tPATH"
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let stage = meta
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<u8>().ok())
            .unwrap_or(0);
        match out.iter_mut().find(|(p, _)| p == path) {
            Some((_, stages)) => stages.push(stage),
            None => out.push((path.to_string(), vec![stage])),
        }
    }
    Ok(out)
}

/// Settle what git could not merge, so nothing is lost: a record changed on one side and
/// deleted on the other is kept as changed; anything else left unmerged (the driver could
/// not run) keeps this machine's version, with the other's as a conflict copy.
fn settle(git: &Git, report: &mut Report) -> Result<(), SyncError> {
    for (path, stages) in unmerged(git)? {
        let has = |s: u8| stages.contains(&s);
        if has(2) && !has(3) {
            git.run(&["checkout", "--ours", "--", &path])?;
            git.run(&["add", "--", &path])?;
            report.kept.push(format!(
                "{path} was changed here and deleted on the other machine: it is kept, as changed"
            ));
        } else if has(3) && !has(2) {
            git.run(&["checkout", "--theirs", "--", &path])?;
            git.run(&["add", "--", &path])?;
            report.kept.push(format!(
                "{path} was changed on the other machine and deleted here: it is kept, as changed \
                 (delete it again if it should go)"
            ));
        } else {
            let theirs = git
                .command()
                .args(["show", &format!(":3:{path}")])
                .output()
                .map_err(|e| SyncError::Message(format!("could not run git: {e}")))?;
            if !theirs.status.success() {
                return Err(SyncError::Git {
                    what: "show".into(),
                    said: git::said(&theirs),
                });
            }
            git.run(&["checkout", "--ours", "--", &path])?;
            let copy = driver::keep_copy(&git.root, &git.root.join(&path), &theirs.stdout)?;
            git.run(&["add", "--", &path])?;
            let copy = copy
                .strip_prefix(&git.root)
                .unwrap_or(&copy)
                .display()
                .to_string();
            report.conflicts.push(format!(
                "{path} could not be merged field by field: this machine's version is kept and \
                 the other's is in {copy} (C compares and resolves)"
            ));
        }
    }
    Ok(())
}

/// Merge the remote's branch into this one (under the journal's lock), settle what git left,
/// and commit the merge with any conflict copies. On a merge that cannot be settled the merge
/// is undone and the journal is as it was.
fn merge(git: &Git, store: &Store, upstream: &str, report: &mut Report) -> Result<(), SyncError> {
    let _lock = store.lock()?;
    let notes = git.root.join(NOTES_FILE);
    let _ = std::fs::remove_file(&notes);
    let before = has_head(git)?;
    report.received = if before {
        count(git, &format!("HEAD..{upstream}"))?
    } else {
        count(git, upstream)?
    };
    let message = format!("{}: merged the remote's changes", who(git, store));
    let out = if before {
        git.output(&[
            "merge",
            "--no-commit",
            "--no-edit",
            "--no-stat",
            "--allow-unrelated-histories",
            "-X",
            "no-renames",
            upstream,
        ])?
    } else {
        // Nothing here yet: take the remote's branch as it is.
        git.output(&["checkout", "--quiet", "-B", &branch(git)?, upstream])?
    };
    let merging = git.root.join(".git/MERGE_HEAD").exists();
    let result = (|| -> Result<(), SyncError> {
        if !out.status.success() {
            let left = unmerged(git)?;
            if left.is_empty() {
                return Err(SyncError::Message(format!(
                    "the merge stopped: {}",
                    git::said(&out)
                )));
            }
            settle(git, report)?;
        }
        if merging {
            git.run(&["add", "--all"])?;
            let files = staged(git)?;
            check_private(git, &files)?;
            git.run(&["commit", "--quiet", "--no-verify", "-m", &message])?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        if git.root.join(".git/MERGE_HEAD").exists() {
            let _ = git.output(&["merge", "--abort"]);
        }
        restore_modes(&git.root);
        return Err(SyncError::Message(format!(
            "{e}; the merge was undone and the journal is as it was before it (your changes are \
             committed here)"
        )));
    }
    if let Ok(text) = std::fs::read_to_string(&notes) {
        report
            .conflicts
            .extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
        let _ = std::fs::remove_file(&notes);
    }
    // Copies kept by a merge that git finished itself (a fast-forward) are committed too.
    commit_all(git, store, None)?;
    restore_modes(&git.root);
    Ok(())
}

// ----- the whole sync -----

/// `mentorlog sync`: commit what changed, fetch, merge, push. `progress` hears each step.
pub fn sync(store: &Store, batch: bool, progress: &dyn Fn(Step)) -> Result<Report, SyncError> {
    git::available()?;
    let root = store.root().to_path_buf();
    let mut git = Git::new(&root);
    git.batch = batch;
    if !is_repository(&git)? {
        return Err(SyncError::NotRepository(root));
    }
    if root.join(".git/MERGE_HEAD").exists() {
        return Err(SyncError::Message(format!(
            "a git merge is in progress in {} (not one mentorlog started): finish it or run \
             `git merge --abort` there, then sync",
            root.display()
        )));
    }
    let mut report = Report::default();
    report.notes.extend(configure(&git, store)?);
    for n in store.recover()? {
        report.notes.push(n);
    }
    let remote = git.config(&format!("remote.{REMOTE}.url"))?;
    // A repository with no commit yet follows the remote's branch (its name decides where the
    // first commit goes), so two machines never push to two branches.
    if !has_head(&git)? && remote.is_some() {
        progress(Step::Fetching);
        if git.ok(&["fetch", "--quiet", "--no-tags", REMOTE])?
            && let Some(b) = remote_branch(&git)?
        {
            git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{b}")])?;
        }
    }
    progress(Step::Committing);
    {
        let _lock = store.lock()?;
        report.committed = commit_all(&git, store, None)?;
    }
    if remote.is_none() {
        report.no_remote = true;
        report.state = state(store)?;
        return Ok(report);
    }
    let branch = branch(&git)?;
    progress(Step::Fetching);
    let fetched = git.output(&["fetch", "--quiet", "--no-tags", REMOTE])?;
    if !fetched.status.success() {
        report.offline = Some(git::said(&fetched));
        report.state = state(store)?;
        return Ok(report);
    }
    let upstream = format!("refs/remotes/{REMOTE}/{branch}");
    let remote_has = git.ok(&["rev-parse", "--verify", "--quiet", &upstream])?;
    if remote_has && count_or_all(&git, &upstream)? > 0 {
        progress(Step::Merging);
        merge(&git, store, &upstream, &mut report)?;
    }
    if has_head(&git)? {
        let ahead = if remote_has {
            count(&git, &format!("{upstream}..HEAD"))?
        } else {
            count(&git, "HEAD")?
        };
        if ahead > 0 {
            progress(Step::Pushing);
            let out = git.output(&[
                "push",
                "--quiet",
                "--set-upstream",
                REMOTE,
                &format!("HEAD:refs/heads/{branch}"),
            ])?;
            if out.status.success() {
                report.pushed = ahead;
            } else {
                report.refused = Some(git::said(&out));
            }
        }
    }
    if report.refused.is_none() {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        if let Ok(d) = DataDir::create(&root) {
            let _ = d.write(&root.join(LAST_FILE), format!("{now}\n").as_bytes());
        }
    }
    report.state = state(store)?;
    Ok(report)
}

/// Commits of `upstream` this branch does not have (all of them on a branch with none yet).
fn count_or_all(git: &Git, upstream: &str) -> Result<usize, SyncError> {
    if has_head(git)? {
        count(git, &format!("HEAD..{upstream}"))
    } else {
        count(git, upstream)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once() {
        let t = with_lines("", IGNORED).unwrap();
        assert!(t.contains("/private/\n"));
        assert_eq!(with_lines(&t, IGNORED), None);
        let t = with_lines("target\n*.log", &[ATTRIBUTES_LINE]).unwrap();
        assert_eq!(t, "target\n*.log\n*.ron merge=mentorlog\n");
    }
}
