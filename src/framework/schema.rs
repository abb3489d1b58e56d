//! The framework file format (DESIGN.md section 4): one RON file a framework.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A competency framework, transcribed word for word from its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub title: String,
    /// Citation, and a note of every mend made to the extracted text.
    pub source: String,
    /// Ordered rubric level names (empty when items are simply achieved or not).
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Text of the source to read rather than tick (e.g. CUREE's core concepts), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    /// The recognition rules the source states, each quoted with its kind and pathways
    /// (ScotELAs); empty for a framework without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<crate::model::RecognitionRule>,
}

/// A passage of the source that is read, not ticked: its heading and its text, paragraphs
/// separated by a blank line (a list keeps one entry a line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// The tickable leaf of a framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// Verbatim text. Empty only when the item is a reference.
    #[serde(default)]
    pub text: String,
    /// How the item is evidenced (e.g. LJMU's "Evidenced by").
    #[serde(default)]
    pub guidance: Option<String>,
    /// Standards codes as written, e.g. "IM. 26".
    #[serde(default)]
    pub codes: Vec<String>,
    /// Per-level text for rubric items, keyed by level name.
    #[serde(default)]
    pub descriptors: BTreeMap<String, String>,
    /// `FRAMEWORK/ITEM` of an item this one stands for, so one tick counts in both.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
}

impl Framework {
    /// Every item, depth first, with the path of section ids above it.
    pub fn items(&self) -> Vec<(&Section, &Item)> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<(&'a Section, &'a Item)>) {
            for i in &s.items {
                out.push((s, i));
            }
            for c in &s.sections {
                walk(c, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(s, &mut out);
        }
        out
    }

    /// Every section, depth first (a section before its children).
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Section>) {
            out.push(s);
            for c in &s.sections {
                walk(c, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(s, &mut out);
        }
        out
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.all_sections().into_iter().find(|s| s.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items()
            .into_iter()
            .map(|(_, i)| i)
            .find(|i| i.id == id)
    }

    /// A staged framework (LJMU): its top-level sections are stages that reuse another
    /// framework's items as their checklist.
    pub fn is_staged(&self) -> bool {
        self.levels.is_empty()
            && self
                .sections
                .iter()
                .any(|s| s.all_items().iter().any(|i| i.reference.is_some()))
    }

    pub fn item_count(&self) -> usize {
        self.items().len()
    }

    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }
}

impl Section {
    /// Every item in this section and its children.
    pub fn all_items(&self) -> Vec<&Item> {
        let mut out: Vec<&Item> = self.items.iter().collect();
        for c in &self.sections {
            out.extend(c.all_items());
        }
        out
    }
}
