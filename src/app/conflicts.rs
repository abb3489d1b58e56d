//! Conflict copies: when two people changed the same field of one record at once, the later
//! save won and the other version was kept beside the record. Here the user sees what differs
//! and keeps either version.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::records::{self, AnyRecord};
use super::{App, Overlay};
use crate::model::{Goal, Meeting, Partnership, Reflection, StageRecord, TickSheet};
use crate::store::{Store, StoreError};

/// One conflict copy, read and compared with the record it belongs to.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub copy: PathBuf,
    pub original: PathBuf,
    /// The copy's content, and the record's as it is now (`None`: the record is gone).
    pub theirs: Option<AnyRecord>,
    pub mine: Option<AnyRecord>,
    /// Fields that differ: (field, the record's value, the copy's value), shortened.
    pub fields: Vec<(String, String, String)>,
}

/// `meetings/2026-11-20-ab12cd.conflict-20261123T101500123-4242.ron` -> `meetings/2026-11-20-ab12cd.ron`
pub fn original_of(copy: &Path) -> Option<PathBuf> {
    let name = copy.file_name()?.to_str()?;
    let stem = name.split(".conflict-").next()?;
    Some(copy.with_file_name(format!("{stem}.ron")))
}

fn read_any(store: &Store, path: &Path) -> Result<AnyRecord, StoreError> {
    let folder = path
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(match folder {
        "meetings" => AnyRecord::Meeting(store.read::<Meeting>(path)?),
        "goals" => AnyRecord::Goal(store.read::<Goal>(path)?),
        "ticks" => AnyRecord::Ticks(store.read::<TickSheet>(path)?),
        "reflections" => AnyRecord::Reflection(store.read::<Reflection>(path)?),
        "stages" => AnyRecord::Stage(store.read::<StageRecord>(path)?),
        _ if name.starts_with("partnership") => {
            AnyRecord::Partnership(store.read::<Partnership>(path)?)
        }
        _ => {
            return Err(StoreError::Invalid(format!(
                "{}: not a record mentorlog keeps",
                path.display()
            )));
        }
    })
}

fn json(r: &AnyRecord) -> serde_json::Value {
    match r {
        AnyRecord::Meeting(v) => serde_json::to_value(v),
        AnyRecord::Goal(v) => serde_json::to_value(v),
        AnyRecord::Ticks(v) => serde_json::to_value(v),
        AnyRecord::Reflection(v) => serde_json::to_value(v),
        AnyRecord::Stage(v) => serde_json::to_value(v),
        AnyRecord::Partnership(v) => serde_json::to_value(v),
    }
    .unwrap_or_default()
}

fn short(v: Option<&serde_json::Value>) -> String {
    let s = match v {
        None => "(none)".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let s = s.replace('\n', " ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(59).collect::<String>())
    } else {
        s
    }
}

pub fn compare(store: &Store, copy: &Path) -> Conflict {
    let original = original_of(copy).unwrap_or_else(|| copy.to_path_buf());
    let theirs = read_any(store, copy).ok();
    let mine = read_any(store, &original).ok();
    let mut fields = Vec::new();
    if let (Some(t), Some(m)) = (&theirs, &mine)
        && let (serde_json::Value::Object(t), serde_json::Value::Object(m)) = (json(t), json(m))
    {
        for (k, mv) in &m {
            if t.get(k) != Some(mv) {
                fields.push((k.clone(), short(Some(mv)), short(t.get(k))));
            }
        }
    }
    Conflict {
        copy: copy.to_path_buf(),
        original,
        theirs,
        mine,
        fields,
    }
}

impl App {
    pub(super) fn open_conflicts(&mut self) {
        if self.snap.conflicts.is_empty() {
            return self.info("No conflict copies: nothing to resolve");
        }
        self.overlays.push(Overlay::Conflicts { cursor: 0 });
    }

    /// The conflicts, compared with their records (read from disk: they are few).
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.snap
            .conflicts
            .iter()
            .map(|c| compare(&self.store, c))
            .collect()
    }

    pub(super) fn conflicts_key(&mut self, key: KeyEvent) {
        let Some(Overlay::Conflicts { cursor }) = self.overlays.last_mut() else {
            return;
        };
        let n = self.snap.conflicts.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => {
                self.overlays.pop();
            }
            KeyCode::Down | KeyCode::Char('j') => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
            KeyCode::Char('m') | KeyCode::Char('t') => {
                let take_theirs = key.code == KeyCode::Char('t');
                let i = *cursor;
                if let Some(copy) = self.snap.conflicts.get(i).cloned() {
                    match self.resolve(&copy, take_theirs) {
                        Ok(()) => {
                            self.snap.conflicts.remove(i);
                            self.info(if take_theirs {
                                "Kept the other version; the conflict is resolved"
                            } else {
                                "Kept this version; the conflict copy is removed"
                            });
                            if self.snap.conflicts.is_empty() {
                                self.overlays.pop();
                            } else if let Some(Overlay::Conflicts { cursor }) =
                                self.overlays.last_mut()
                            {
                                *cursor = (*cursor).min(self.snap.conflicts.len() - 1);
                            }
                        }
                        Err(e) => self.error(e),
                    }
                }
            }
            _ => {}
        }
    }

    /// Keep the record as it is (`take_theirs` false) or put the copy's version in its place;
    /// either way the copy goes.
    fn resolve(&mut self, copy: &Path, take_theirs: bool) -> Result<(), String> {
        let c = compare(&self.store, copy);
        if take_theirs {
            let theirs = c
                .theirs
                .ok_or_else(|| format!("{} cannot be read", copy.display()))?;
            let (now, _) = records::write(&self.store, &c.original, c.mine.as_ref(), &theirs)
                .map_err(|e| e.to_string())?;
            records::put(&mut self.snap, &c.original, Some(now));
        }
        self.store.remove_file(copy).map_err(|e| e.to_string())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_is_named_by_the_copy() {
        let copy =
            Path::new("/j/p/meetings/2026-11-20-ab12cd.conflict-20261123T101500123-4242.ron");
        assert_eq!(
            original_of(copy).unwrap(),
            Path::new("/j/p/meetings/2026-11-20-ab12cd.ron")
        );
    }
}
