//! Where the screen was when mentorlog last stopped (partnership, tab, row), kept in the
//! journal's private folder so the next start reopens there. It is the screen's, not the
//! journal's: never synced, never exported, and a file that cannot be read is ignored.

use std::path::Path;

use super::StoreError;
use super::io::DataDir;

/// The file that keeps the place.
pub const PLACE_FILE: &str = ".mentorlog/place.ron";

/// The place kept, if any.
pub fn read(root: &Path) -> Option<String> {
    let data = DataDir::open(root).ok()?;
    let path = root.join(PLACE_FILE);
    if !data.exists(&path) {
        return None;
    }
    String::from_utf8(data.read(&path).ok()?).ok()
}

/// Keep `text` as the place.
pub fn write(root: &Path, text: &str) -> Result<(), StoreError> {
    let data = DataDir::create(root)?;
    let path = root.join(PLACE_FILE);
    if let Some(dir) = path.parent() {
        data.ensure_dir(dir)?;
    }
    data.write(&path, text.as_bytes()).map(|_| ())
}
